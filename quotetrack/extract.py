"""Run the quotetrack component over Articles: the library entry point for extraction.

``extract(article)`` for one; ``extract_many(articles)`` streams ``(article, quotes)``
pairs through ``nlp.pipe`` so that long runs batch the parser and never hold more than a
batch in memory.
"""

from __future__ import annotations

from typing import Iterable, Iterator, Optional

from .models import Article, Quote
from . import nlp as nlp_mod


def extract_many(
    articles: Iterable[Article],
    nlp=None,
    model: Optional[str] = None,
    batch_size: int = 16,
) -> Iterator[tuple[Article, list[Quote]]]:
    """Yield ``(article, quotes)`` for each article, in order."""
    if nlp is None:
        nlp = nlp_mod.load(model)
    from .component import set_context

    for doc, article in nlp.pipe(
        ((set_context(nlp.make_doc(a.text), a), a) for a in articles),
        as_tuples=True,
        batch_size=batch_size,
    ):
        yield article, list(doc._.quotes)


def extract(article: Article, nlp=None, model: Optional[str] = None) -> list[Quote]:
    """The quotes of one article."""
    for _, quotes in extract_many([article], nlp=nlp, model=model):
        return quotes
    return []
