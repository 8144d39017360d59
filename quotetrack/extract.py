"""Run the quotetrack component over Articles: the library entry point for extraction.

``extract(article)`` for one; ``extract_many(articles)`` streams ``(article, quotes)``
pairs through ``nlp.pipe`` so that long runs batch the parser and never hold more than a
batch in memory. ``extract_many(articles, workers=N)`` runs the model in N worker
processes (:mod:`quotetrack.parallel`) and yields the same pairs in the same order.
"""

from __future__ import annotations

import sys
from typing import Callable, Iterable, Iterator, Optional

from .models import Article, Quote
from . import nlp as nlp_mod
from .sources import SourceError

#: Articles per ``nlp.pipe`` batch (and per task sent to a worker process). Measured on 200
#: bench.jsonl.gz articles (one process, CPU time): 16 and 32 are equally fast (20-21
#: articles/s, 8 is slower), but 32 takes a process's peak memory from 340 to 470 MB.
#: Any size gives the same annotations (checked for 1 to 128).
BATCH_SIZE = 16


def _print_error(err: SourceError) -> None:
    print(f"quotetrack: {err}", file=sys.stderr)


def extract_results(
    articles: Iterable[Article], nlp, batch_size: int = BATCH_SIZE
) -> Iterator[tuple[Article, list[Quote], Optional[str]]]:
    """``(article, quotes, error)`` for every article, in order; ``error`` is why the
    extractor failed on it (and ``quotes`` is then empty), else None.

    The one loop both :func:`extract_many` and the worker processes run, so that one
    worker and many give the same output.
    """
    from .component import set_context

    for doc, article in nlp.pipe(
        ((set_context(nlp.make_doc(a.text), a), a) for a in articles),
        as_tuples=True,
        batch_size=batch_size,
    ):
        error = getattr(doc._, "quotetrack_error", None) if doc.has_extension("quotetrack_error") else None
        yield article, ([] if error else list(doc._.quotes)), error or None


def extract_many(
    articles: Iterable[Article],
    nlp=None,
    model: Optional[str] = None,
    batch_size: int = BATCH_SIZE,
    on_error: Optional[Callable[[SourceError], None]] = None,
    workers: int = 1,
) -> Iterator[tuple[Article, list[Quote]]]:
    """Yield ``(article, quotes)`` for each article, in order.

    An article the extractor fails on is not yielded (so nothing is stored for it and a
    later, fixed run picks it up): ``on_error`` gets a :class:`SourceError` naming its
    source and the reason (default: one line on stderr), and the run goes on.

    ``workers`` > 1 loads ``model`` in that many worker processes (``nlp`` must then be
    None) and yields exactly what one process would (see :mod:`quotetrack.parallel`).
    """
    if workers > 1:
        if nlp is not None:
            raise ValueError("extract_many: with workers > 1 each worker loads `model`; pass model, not nlp")
        from .parallel import extract_parallel

        yield from extract_parallel(articles, workers, model=model, batch_size=batch_size, on_error=on_error)
        return
    if nlp is None:
        nlp = nlp_mod.load(model)
    report = on_error or _print_error
    for article, quotes, error in extract_results(articles, nlp, batch_size):
        if error:
            report(SourceError(article.source or article.url or article.id, error))
            continue
        yield article, quotes


def extract(article: Article, nlp=None, model: Optional[str] = None) -> list[Quote]:
    """The quotes of one article."""
    for _, quotes in extract_many([article], nlp=nlp, model=model):
        return quotes
    return []
