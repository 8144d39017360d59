"""Run the quotetrack component over Articles: the library entry point for extraction.

``extract(article)`` for one; ``extract_many(articles)`` streams ``(article, quotes)``
pairs through ``nlp.pipe`` so that long runs batch the parser and never hold more than a
batch in memory.
"""

from __future__ import annotations

import sys
from typing import Callable, Iterable, Iterator, Optional

from .models import Article, Quote
from . import nlp as nlp_mod
from .sources import SourceError


def _print_error(err: SourceError) -> None:
    print(f"quotetrack: {err}", file=sys.stderr)


def extract_many(
    articles: Iterable[Article],
    nlp=None,
    model: Optional[str] = None,
    batch_size: int = 16,
    on_error: Optional[Callable[[SourceError], None]] = None,
) -> Iterator[tuple[Article, list[Quote]]]:
    """Yield ``(article, quotes)`` for each article, in order.

    An article the extractor fails on is not yielded (so nothing is stored for it and a
    later, fixed run picks it up): ``on_error`` gets a :class:`SourceError` naming its
    source and the reason (default: one line on stderr), and the run goes on.
    """
    if nlp is None:
        nlp = nlp_mod.load(model)
    from .component import set_context

    report = on_error or _print_error
    for doc, article in nlp.pipe(
        ((set_context(nlp.make_doc(a.text), a), a) for a in articles),
        as_tuples=True,
        batch_size=batch_size,
    ):
        error = getattr(doc._, "quotetrack_error", None) if doc.has_extension("quotetrack_error") else None
        if error:
            report(SourceError(article.source or article.url or article.id, error))
            continue
        yield article, list(doc._.quotes)


def extract(article: Article, nlp=None, model: Optional[str] = None) -> list[Quote]:
    """The quotes of one article."""
    for _, quotes in extract_many([article], nlp=nlp, model=model):
        return quotes
    return []
