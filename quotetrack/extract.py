"""Run the quotetrack component over Articles: the library entry point for extraction.

``extract(article)`` for one; ``extract_many(articles)`` streams ``(article, quotes)``
pairs through ``nlp.pipe`` so that long runs batch the parser and never hold more than a
batch in memory. ``extract_many(articles, workers=N)`` runs the model in N worker
processes (:mod:`quotetrack.parallel`) and yields the same pairs in the same order.

Memory does not grow with the corpus:

- a batch (:func:`batches`) is at most :data:`BATCH_SIZE` articles and :data:`BATCH_CHARS`
  characters of text, so a run of long articles is several batches (a process's peak
  follows the text of the batch it is on);
- each batch runs in a spaCy memory zone (:func:`extract_batch`): the words, lexemes and
  tokenizer entries it added to the vocabulary are dropped when it ends, and only plain
  :class:`~quotetrack.models.Quote` objects leave it, so the vocabulary is the model's own
  after every batch however many articles went through.

Neither changes what is found: spaCy's annotations do not depend on the batch, and the
output is byte-identical to one batch of 16 at a time outside any zone (checked on 2,000
benchmark articles, benchmarks/README.md).
"""

from __future__ import annotations

import sys
from contextlib import nullcontext
from typing import Callable, Iterable, Iterator, Optional

from .models import Article, Quote
from . import nlp as nlp_mod
from .sources import SourceError

#: Articles per ``nlp.pipe`` batch (and per task sent to a worker process). Measured on 200
#: bench.jsonl.gz articles (one process, CPU time): 16 and 32 are equally fast (20-21
#: articles/s, 8 is slower), but 32 takes a process's peak memory from 340 to 470 MB.
#: Any size gives the same annotations (checked for 1 to 128).
BATCH_SIZE = 16
#: Characters of article text per batch, at most (an article longer than this is a batch
#: alone). A process's peak memory follows the text of its batch: about 1.2 KiB a character
#: above the loaded model (the parser's and entity recogniser's features for every token;
#: with :func:`quotetrack.speedups.lean_predict`, 3.4 to 4.3 without). On the first 2,000
#: bench.jsonl.gz articles the median batch of 16 has 42,000 characters and the largest
#: 206,000 (a process at 466 MiB, 884 MiB without lean_predict); 100,000 cuts 4 of their 125
#: batches and bounds a batch's share at about 120 MiB (benchmarks/README.md, ingest_bench).
BATCH_CHARS = 100_000


def batches(
    articles: Iterable[Article], size: int = BATCH_SIZE, max_chars: Optional[int] = BATCH_CHARS
) -> Iterator[list[Article]]:
    """Consecutive lists of ``articles``, read lazily: a batch ends at ``size`` articles, or
    before the article that would take its text past ``max_chars`` characters (None: no
    limit). An article longer than ``max_chars`` is a batch alone; no batch is empty.

    The one cut of a run into batches: :func:`extract_results` in one process, the worker
    processes of :mod:`quotetrack.parallel` and each Dask partition (:mod:`quotetrack.cluster`)
    make the same batches of the same articles.
    """
    batch: list[Article] = []
    chars = 0
    for article in articles:
        n = len(article.text)
        if batch and max_chars is not None and chars + n > max_chars:
            yield batch
            batch, chars = [], 0
        batch.append(article)
        chars += n
        if len(batch) >= size or (max_chars is not None and chars >= max_chars):
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _print_error(err: SourceError) -> None:
    print(f"quotetrack: {err}", file=sys.stderr)


def extract_batch(
    batch: list[Article], nlp, memory_zone: bool = True
) -> list[tuple[Article, list[Quote], Optional[str]]]:
    """``(article, quotes, error)`` for each article of one batch (one ``nlp.pipe`` call), in
    order; ``error`` is why the extractor failed on it (and ``quotes`` is then empty), else None.

    With ``memory_zone`` (unless the caller is already in one: zones do not nest) the batch
    runs in ``nlp.memory_zone()``: the strings and lexemes it adds to the vocabulary are
    dropped at the end, so a long run does not grow the vocabulary. Nothing of spaCy's
    leaves the zone: the component's quotes are plain dataclasses of ``str``, ``int`` and
    ``float``, and the Docs are gone before it closes.
    """
    from .component import set_context

    zone = nlp.memory_zone() if memory_zone and not nlp.vocab.in_memory_zone else nullcontext()
    results = []
    with zone:
        for doc, article in nlp.pipe(
            ((set_context(nlp.make_doc(a.text), a), a) for a in batch),
            as_tuples=True,
            batch_size=max(1, len(batch)),
        ):
            error = getattr(doc._, "quotetrack_error", None) if doc.has_extension("quotetrack_error") else None
            results.append((article, [] if error else list(doc._.quotes), error or None))
        doc = None  # the last Doc, before its zone's memory goes
    return results


def extract_results(
    articles: Iterable[Article],
    nlp,
    batch_size: int = BATCH_SIZE,
    max_chars: Optional[int] = BATCH_CHARS,
    memory_zone: bool = True,
) -> Iterator[tuple[Article, list[Quote], Optional[str]]]:
    """``(article, quotes, error)`` for every article, in order, a batch (:func:`batches`) at a
    time through :func:`extract_batch`; ``error`` is why the extractor failed on an article
    (and ``quotes`` is then empty), else None.

    The one loop :func:`extract_many` and Dask's workers run (the worker processes of
    :mod:`quotetrack.parallel` run :func:`extract_batch` on the same batches), so that one
    process and many give the same output.
    """
    for batch in batches(articles, batch_size, max_chars):
        yield from extract_batch(batch, nlp, memory_zone)


def extract_many(
    articles: Iterable[Article],
    nlp=None,
    model: Optional[str] = None,
    batch_size: int = BATCH_SIZE,
    on_error: Optional[Callable[[SourceError], None]] = None,
    workers: int = 1,
    max_chars: Optional[int] = BATCH_CHARS,
) -> Iterator[tuple[Article, list[Quote]]]:
    """Yield ``(article, quotes)`` for each article, in order.

    An article the extractor fails on is not yielded (so nothing is stored for it and a
    later, fixed run picks it up): ``on_error`` gets a :class:`SourceError` naming its
    source and the reason (default: one line on stderr), and the run goes on.

    ``workers`` > 1 loads ``model`` in that many worker processes (``nlp`` must then be
    None) and yields exactly what one process would (see :mod:`quotetrack.parallel`).
    ``batch_size`` and ``max_chars`` cut the run into batches (:func:`batches`).
    """
    if workers > 1:
        if nlp is not None:
            raise ValueError("extract_many: with workers > 1 each worker loads `model`; pass model, not nlp")
        from .parallel import extract_parallel

        yield from extract_parallel(
            articles, workers, model=model, batch_size=batch_size, on_error=on_error, max_chars=max_chars
        )
        return
    if nlp is None:
        nlp = nlp_mod.load(model)
    report = on_error or _print_error
    for article, quotes, error in extract_results(articles, nlp, batch_size, max_chars):
        if error:
            report(SourceError(article.source or article.url or article.id, error))
            continue
        yield article, quotes


def extract(article: Article, nlp=None, model: Optional[str] = None) -> list[Quote]:
    """The quotes of one article."""
    for _, quotes in extract_many([article], nlp=nlp, model=model):
        return quotes
    return []
