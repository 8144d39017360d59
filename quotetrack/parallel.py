"""Extraction in worker processes, results in input order: every core, one writer.

spaCy's pipeline is CPU-bound and single-threaded, so one process uses one core.
:func:`extract_parallel` sends batches of articles to N worker processes (each loads the
model once, in its initializer) and yields ``(article, quotes)`` in the order the articles
came in, so the one process that writes (the SQLite store, stdout) writes exactly what a
single process would, byte for byte:

- each batch is one ``nlp.pipe`` call of at most :data:`~quotetrack.extract.BATCH_SIZE`
  articles and :data:`~quotetrack.extract.BATCH_CHARS` characters, cut by
  :func:`~quotetrack.extract.batches` as :func:`~quotetrack.extract.extract_many` cuts them
  in one process (spaCy's annotations do not depend on the batch anyway: checked for sizes
  1 to 128), and run by :func:`~quotetrack.extract.extract_batch` in a spaCy memory zone;
- at most ``2 * workers`` batches are in flight, so memory stays flat however long the
  input: the input iterator is read only as results are taken;
- a worker is started with ``spawn``, not ``fork``: a forked copy of a process whose BLAS
  already started threads can hang, and ``spawn`` is what macOS and Windows do anyway.
  Each worker lets BLAS use one thread (several threads per process only compete here).

A short input (fewer than :data:`SMALL_INPUT` articles) is extracted in this process:
starting workers and loading the model in each (3-5 s of CPU apiece) would cost more than
it saves.

Ctrl-C reaches the parent only (workers ignore SIGINT); the batches already running
finish and nothing more is started.
"""

from __future__ import annotations

import os
import signal
import sys
from collections import deque
from itertools import chain, islice
from typing import Callable, Iterable, Iterator, Optional

from .extract import BATCH_CHARS, BATCH_SIZE, batches
from .models import Article, Quote
from .sources import SourceError


#: Fewer articles than this are extracted in the calling process (about 10 s of work at
#: 20 articles/s, against a few seconds to start each worker).
SMALL_INPUT = 200


def default_workers() -> int:
    """The number of cores this process may run on (the CPU affinity mask, where there is one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


# --- in the worker ---------------------------------------------------------------------

_NLP = None
_INIT_ERROR: Optional[str] = None


def _init_worker(model: Optional[str]) -> None:
    """Load the model once per worker process (not per batch)."""
    global _NLP, _INIT_ERROR
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from . import nlp as nlp_mod
    from .speedups import limit_blas_threads

    limit_blas_threads(1)
    try:
        _NLP = nlp_mod.load(model)
    except Exception as exc:  # noqa: BLE001 - reported by the parent with the first batch
        _INIT_ERROR = str(exc)


def _extract_batch(articles: list[Article]) -> list[tuple[list[Quote], Optional[str]]]:
    """``(quotes, error)`` per article of one batch (cut by the parent), in order."""
    from .extract import extract_batch

    if _NLP is None:
        raise RuntimeError(_INIT_ERROR or "the worker has no model")
    return [(quotes, error) for _, quotes, error in extract_batch(articles, _NLP)]


# --- in the parent ---------------------------------------------------------------------


def _report(on_error: Optional[Callable[[SourceError], None]]) -> Callable[[SourceError], None]:
    if on_error is not None:
        return on_error
    return lambda err: print(f"quotetrack: {err}", file=sys.stderr)


def extract_parallel(
    articles: Iterable[Article],
    workers: Optional[int] = None,
    model: Optional[str] = None,
    batch_size: Optional[int] = None,
    on_error: Optional[Callable[[SourceError], None]] = None,
    in_flight: Optional[int] = None,
    min_articles: Optional[int] = None,
    max_chars: Optional[int] = BATCH_CHARS,
) -> Iterator[tuple[Article, list[Quote]]]:
    """:func:`quotetrack.extract.extract_many` in ``workers`` processes: the same pairs, in order.

    ``model`` is resolved here (``--model``, ``$QUOTETRACK_MODEL``, the installed default)
    and handed to the workers by name, so they load what one process would have. A missing
    model is one :class:`~quotetrack.nlp.ModelNotFound` before any worker starts.
    Fewer than ``min_articles`` articles (default :data:`SMALL_INPUT`) are extracted here.
    ``batch_size`` and ``max_chars`` cut the input into batches (:func:`~quotetrack.extract.batches`).
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from . import nlp as nlp_mod

    workers = workers or default_workers()
    batch_size = batch_size or BATCH_SIZE
    limit = in_flight or 2 * workers
    report = _report(on_error)
    resolved = nlp_mod.check(model)
    articles = iter(articles)
    small = SMALL_INPUT if min_articles is None else min_articles
    head = list(islice(articles, small))
    if len(head) < small:
        from .extract import extract_many

        yield from extract_many(
            head, nlp=nlp_mod.load(resolved), batch_size=batch_size, on_error=report, max_chars=max_chars
        )
        return
    articles = chain(head, articles)
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_init_worker,
        initargs=(resolved,),
    )
    pending: deque = deque()

    def take():
        batch, future = pending.popleft()
        try:
            results = future.result()
        except BrokenProcessPool:
            raise RuntimeError(
                "a worker process died (out of memory, or killed); the articles before this batch are done"
            ) from None
        for article, (quotes, error) in zip(batch, results):
            if error:
                report(SourceError(article.source or article.url or article.id, error))
            else:
                yield article, quotes

    try:
        for batch in batches(articles, batch_size, max_chars):
            pending.append((batch, pool.submit(_extract_batch, batch)))
            if len(pending) >= limit:
                yield from take()
        while pending:
            yield from take()
    finally:
        # Also on Ctrl-C or when the consumer stops early: start nothing more, let the
        # running batches end, and leave no process behind.
        pool.shutdown(wait=True, cancel_futures=True)
