"""The quotetrack spaCy component: ``nlp.add_pipe("quotetrack")``.

It sets ``doc._.quotes`` (a list of :class:`quotetrack.models.Quote`) and reads the
article's publication date from ``doc._.published`` (set it with :func:`set_context`, or
by hand) to date the quotes.
"""

from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from .attribution import attribute_by_rules
from .indirect import find_indirect
from .names import learn_common_nouns
from .models import Article, Quote

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)
if not Doc.has_extension("quotetrack_error"):
    # why extraction failed on this doc (``doc._.quotes`` is then empty); None when it ran
    Doc.set_extension("quotetrack_error", default=None)


def set_context(doc: Doc, article: Optional[Article] = None, published: Optional[str] = None) -> Doc:
    """Attach the article metadata the component needs (the publication date) to ``doc``."""
    doc._.published = published or (article.published if article is not None else None)
    return doc


def extract_quotes(doc: Doc, published: Optional[str] = None, indirect: bool = False, ranker=None) -> list[Quote]:
    """Find, attribute and date every quotation in ``doc``: the steps in the order data flows.

    1. the rules (:func:`quotetrack.attribution.attribute_by_rules`) find the direct quotes and
       a first attribution of each;
    2. ``ranker`` (a :class:`quotetrack.learned.Ranker`, or None for the rules alone) rechooses
       each quote's speaker mention among the candidates around it and sets a calibrated confidence;
    3. with ``indirect``, reported speech outside quote marks ("X said that ...") is added as quotes
       of ``kind == "indirect"`` (:mod:`quotetrack.indirect`), after the direct quotes so that their
       speakers help resolve its pronouns.
    """
    ruled = attribute_by_rules(doc, published)
    quotes = ranker(ruled) if ranker is not None else ruled.quotes
    if indirect:
        quotes = sorted(quotes + find_indirect(ruled.ctx, quotes), key=lambda q: (q.start, q.end))
    return quotes


class QuoteTracker:
    """Finds quotations, attributes them to speakers and dates them."""

    def __init__(self, nlp: Language, name: str = "quotetrack", indirect: bool = True, learned: bool = True):
        self.nlp = nlp
        self.name = name
        self.indirect = indirect
        self.ranker = None
        learn_common_nouns(nlp)  # also when the component joins someone else's pipeline
        if learned:
            from .learned import load_ranker

            self.ranker = load_ranker()

    def __call__(self, doc: Doc) -> Doc:
        """Set ``doc._.quotes``; a bug in a rule on one odd text must not stop a run of thousands.

        The exception is kept in ``doc._.quotetrack_error`` (one line) and the doc gets no
        quotes, so callers can report it and leave the article for a later run.
        """
        try:
            doc._.quotes = extract_quotes(doc, doc._.published, indirect=self.indirect, ranker=self.ranker)
            doc._.quotetrack_error = None
        except Exception as exc:  # noqa: BLE001 - reported per article by extract_many
            doc._.quotes = []
            doc._.quotetrack_error = f"extraction failed: {type(exc).__name__}: {exc}"
        return doc


@Language.factory(
    "quotetrack",
    default_config={"indirect": True, "learned": True},
    requires=["token.dep", "token.head", "doc.ents"],
    assigns=["doc._.quotes"],
)
def make_quotetrack(nlp: Language, name: str, indirect: bool, learned: bool) -> QuoteTracker:
    """``indirect``: also report reported speech ("X said that ...") as ``kind == "indirect"``.
    ``learned``: let the shipped ranker (:mod:`quotetrack.learned`) rechoose each direct quote's
    speaker mention and set its confidence as a calibrated probability; off, the rules alone decide."""
    return QuoteTracker(nlp, name, indirect, learned)
