"""The quotetrack spaCy component: ``nlp.add_pipe("quotetrack")``.

It sets ``doc._.quotes`` (a list of :class:`quotetrack.models.Quote`) and reads the
article's publication date from ``doc._.published`` (set it with :func:`set_context`, or
by hand) to date the quotes.
"""

from __future__ import annotations

from typing import Optional

from spacy.language import Language
from spacy.tokens import Doc

from .attribution import extract_quotes
from .models import Article

if not Doc.has_extension("quotes"):
    Doc.set_extension("quotes", default=None)
if not Doc.has_extension("published"):
    Doc.set_extension("published", default=None)


def set_context(doc: Doc, article: Optional[Article] = None, published: Optional[str] = None) -> Doc:
    """Attach the article metadata the component needs (the publication date) to ``doc``."""
    doc._.published = published or (article.published if article is not None else None)
    return doc


class QuoteTracker:
    """Finds quotations, attributes them to speakers and dates them."""

    def __init__(self, nlp: Language, name: str = "quotetrack", indirect: bool = True):
        self.nlp = nlp
        self.name = name
        self.indirect = indirect

    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = extract_quotes(doc, doc._.published, indirect=self.indirect)
        return doc


@Language.factory(
    "quotetrack",
    default_config={"indirect": True},
    requires=["token.dep", "token.head", "doc.ents"],
    assigns=["doc._.quotes"],
)
def make_quotetrack(nlp: Language, name: str, indirect: bool) -> QuoteTracker:
    """``indirect``: also report reported speech ("X said that ...") as ``kind == "indirect"``."""
    return QuoteTracker(nlp, name, indirect)
