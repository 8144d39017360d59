"""Past one machine: extraction on a Dask cluster, results back to the one writer in order.

``quotetrack ingest PATH... --dask ADDRESS`` and ``quotetrack extract PATH... --dask
ADDRESS`` run here (``pip install 'quotetrack[dask]'``). The inputs are cut into
partitions of about :data:`PARTITION_SIZE` articles: whole files (``.txt``, ``.html``, a
JSON document), or runs of lines of a JSON Lines file, so one large ``.jsonl.gz`` spreads
over the whole cluster. The partitions form a Dask bag whose map reads and extracts on the
workers, so only paths and line numbers travel to them; every worker must see the inputs
at the same paths (a shared file system, or the same copy on each machine).

Results come back to this process in input order, at most two partitions per worker
thread in flight, so memory stays flat here and on the workers; the store writes and
assigns claims one article at a time as in a local run, and the database is the same
(:func:`ingest_on_dask`). A worker loads the model once, by name, and keeps it.
"""

from __future__ import annotations

import gzip
from collections import deque
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator, Optional, Sequence

from .extract import BATCH_CHARS
from .models import Article, Quote
from .sources import MAX_BYTES, SourceError
from .sources.paths import expand_paths, is_url, suffix_of
from .store import IngestStats, Store

#: Articles per partition: enough that a task's overhead (milliseconds) is lost in its
#: extraction time (about 2 s on one core), few enough to spread a small corpus.
PARTITION_SIZE = 64
#: Files whose records can be split by line (a ``.json`` may be one document: whole).
SPLITTABLE = (".jsonl", ".jsonl.gz")


@dataclass(frozen=True)
class Segment:
    """Items ``start`` to ``stop`` (None: to the end) of one file, as ``iter_articles`` reads them."""

    path: str
    start: int = 0
    stop: Optional[int] = None


def connect(address: str, workers: Optional[int] = None):
    """A ``distributed.Client``: ``"local"`` starts a LocalCluster of ``workers`` processes
    (default: one per core) with one thread each; anything else is a scheduler address."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise RuntimeError("--dask needs Dask: pip install 'quotetrack[dask]'") from None
    if address == "local":
        from .parallel import default_workers

        cluster = LocalCluster(
            n_workers=workers or default_workers(),
            threads_per_worker=1,  # one spaCy pipeline per process; BLAS gets one thread
            processes=True,
            dashboard_address=None,
        )
        return Client(cluster)
    return Client(address)


def close(client) -> None:
    """Close the client, and the LocalCluster if it started one."""
    cluster = getattr(client, "cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


# --- planning, in the client ---------------------------------------------------------------


def count_items(path: str) -> Optional[int]:
    """How many items (articles or bad lines) a JSON Lines file yields, or None if it
    should not be split (unreadable, binary, empty: read whole, so it is reported once)."""
    opener = gzip.open if path.lower().endswith(".gz") else open
    n = 0
    try:
        with opener(path, "rb") as stream:
            while raw := stream.readline(MAX_BYTES + 1):
                if len(raw) > MAX_BYTES and not raw.endswith(b"\n"):
                    while raw and not raw.endswith(b"\n"):
                        raw = stream.readline(64 * 1024)
                    n += 1
                    continue
                if not raw.strip():
                    continue
                if n == 0 and b"\x00" in raw:
                    return None
                n += 1
    except (OSError, EOFError, ValueError):
        return None
    return n or None


def plan(
    paths: Iterable[str], size: Optional[int] = None, on_error: Optional[Callable[[SourceError], None]] = None
) -> list[list[Segment]]:
    """The partitions: lists of segments of ``size`` items (default :data:`PARTITION_SIZE`),
    in input order. Paths that name nothing go to ``on_error`` here, as in a local run.

    URLs are refused (one error each): a run's fetcher keeps one rate limit per web host
    and one robots.txt cache, which workers on several machines would not share.
    """
    size = size or PARTITION_SIZE
    partitions: list[list[Segment]] = []
    current: list[Segment] = []
    filled = 0

    def flush() -> None:
        nonlocal current, filled
        if current:
            partitions.append(current)
        current, filled = [], 0

    for entry in expand_paths(list(paths)):
        if isinstance(entry, SourceError):
            if on_error is None:
                raise entry
            on_error(entry)
            continue
        if is_url(entry):
            err = SourceError(entry, "URLs are not read on Dask (one rate limit per host per run): read them without --dask")
            if on_error is None:
                raise err
            on_error(err)
            continue
        n = count_items(entry) if (suffix_of(entry) or "") in SPLITTABLE else None
        if n is None:
            current.append(Segment(entry))
            filled += 1
        else:
            start = 0
            while start < n:
                take = min(size - filled, n - start)
                stop = start + take if start + take < n else None
                current.append(Segment(entry, start, stop))
                filled += take
                start += take
                if filled >= size:
                    flush()
        if filled >= size:
            flush()
    flush()
    return partitions


# --- on the worker ---------------------------------------------------------------------------


def read_segment(segment: Segment) -> Iterator:
    """The items (Article or SourceError) of one segment, as a local run reads them."""
    from itertools import islice

    from .sources import _read_items

    items = _read_items(segment.path, MAX_BYTES)
    yield from islice(items, segment.start, segment.stop)


def extract_partition(
    segments: Sequence[Segment],
    model: Optional[str],
    batch_size: int,
    known: Optional[frozenset] = None,
    max_chars: Optional[int] = BATCH_CHARS,
) -> list[tuple]:
    """Read and extract one partition on a worker, in batches of at most ``batch_size``
    articles and ``max_chars`` characters (:func:`~quotetrack.extract.batches`, each in a
    spaCy memory zone, as locally); events in input order:

    ``("article", article, quotes)``, ``("failed", article, reason)`` (the extractor
    raised), ``("known", article_id, None)`` (already stored: read, not extracted),
    ``("error", SourceError, None)`` (unreadable input).
    """
    from . import nlp as nlp_mod
    from .extract import extract_results
    from .speedups import limit_blas_threads

    limit_blas_threads(1)
    nlp = nlp_mod.load(model)  # cached per process: loaded once per worker
    events: list = []
    todo: list[Article] = []
    slots: list[int] = []
    for segment in segments:
        for item in read_segment(segment):
            if isinstance(item, SourceError):
                events.append(("error", item, None))
            elif known and item.id in known:
                events.append(("known", item.id, None))
            else:
                slots.append(len(events))
                events.append(None)
                todo.append(item)
    for slot, (article, quotes, error) in zip(slots, extract_results(todo, nlp, batch_size, max_chars)):
        events[slot] = ("failed", article, error) if error else ("article", article, quotes)
    return events


# --- streaming back, in the client ---------------------------------------------------------


def extract_on_dask(
    client,
    paths: Iterable[str],
    model: Optional[str] = None,
    on_error: Optional[Callable[[SourceError], None]] = None,
    size: Optional[int] = None,
) -> Iterator[tuple[Article, list[Quote]]]:
    """``extract_many`` on a cluster: ``(article, quotes)`` in input order, errors to ``on_error``."""
    for part in stream_partitions(client, paths, model, on_error, size):
        yield from part


def stream_partitions(
    client,
    paths: Iterable[str],
    model: Optional[str] = None,
    on_error: Optional[Callable[[SourceError], None]] = None,
    size: Optional[int] = None,
) -> Iterator[list[tuple[Article, list[Quote]]]]:
    """The ``(article, quotes)`` pairs of each partition, one list per partition, in order.

    ``quotetrack extract --dask -o DIR`` writes one file per partition from these.
    """
    report = on_error or (lambda err: None)
    partitions = plan(paths, size, report)
    for events in _partition_events(client, partitions, model):
        pairs = []
        for kind, first, second in events:
            if kind == "article":
                pairs.append((first, second))
            elif kind == "failed":
                report(SourceError(first.source or first.url or first.id, second))
            elif kind == "error":
                report(first)
        yield pairs


def _partition_events(client, partitions, model, known=None) -> Iterator[list[tuple]]:
    """Each partition's events, in input order, extracted on the cluster behind ``client``.

    The partitions are a Dask bag mapped with :func:`extract_partition`; its partitions are
    computed a window at a time (two per worker thread), and taken oldest first.
    """
    import dask.bag as db

    from . import nlp as nlp_mod
    from .extract import BATCH_SIZE

    if not partitions:
        return
    resolved = nlp_mod.model_name(model)
    known_ref = client.scatter(known, broadcast=True) if known else None
    bag = db.from_sequence(partitions, npartitions=len(partitions)).map_partitions(
        _extract_bag_partition, resolved, BATCH_SIZE, known_ref, BATCH_CHARS
    )
    parts = bag.to_delayed()
    limit = max(2, 2 * sum(client.nthreads().values()))
    pending: deque = deque()
    try:
        for part in parts:
            pending.append(client.compute(part))
            if len(pending) >= limit:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        for future in pending:
            future.cancel()


def _extract_bag_partition(partition: list, model, batch_size, known, max_chars=BATCH_CHARS) -> list[tuple]:
    """A bag partition holds one plan partition (a list of segments): its events."""
    events: list = []
    for segments in partition:
        events.extend(extract_partition(segments, model, batch_size, known, max_chars))
    return events


def ingest_on_dask(
    store: Store,
    client,
    paths: Iterable[str],
    model: Optional[str] = None,
    on_error: Optional[Callable[[SourceError], None]] = None,
    stats: Optional[IngestStats] = None,
    size: Optional[int] = None,
    on_partition: Optional[Callable[[], None]] = None,
) -> IngestStats:
    """:meth:`Store.ingest` with extraction on the cluster: the same database as a local run.

    Articles already stored (their ids, sent once to every worker) are read but not
    extracted, as locally; each article is stored in its own transaction, in input order.
    """
    stats = stats if stats is not None else IngestStats()
    report = on_error or (lambda err: None)
    partitions = plan(paths, size, report)
    known = frozenset(row[0] for row in store.db.execute("select id from articles"))
    for events in _partition_events(client, partitions, model, known or None):
        for kind, first, second in events:
            if kind == "error":
                report(first)
                continue
            stats.read += 1
            if kind == "failed":
                report(SourceError(first.source or first.url or first.id, second))
            elif kind == "article":
                stored = store.add(first, second)
                if stored is not None:
                    stats.new += 1
                    stats.quotes += stored
        if on_partition is not None:
            on_partition()
    return stats
