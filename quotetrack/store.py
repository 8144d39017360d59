"""The SQLite store: schema, ids and writes, with sqlite-utils.

The store only ever sees :class:`~quotetrack.models.Article` and
:class:`~quotetrack.models.Quote`; it never runs spaCy. Typical use::

    from quotetrack.store import Store

    store = Store("db/quotes.db")
    store.add(article, quotes)      # one transaction per article

The core tables:

``articles``
    One row per article, keyed by :attr:`Article.id` (a hash of its text), so the same
    article read twice, from the same file or another, is one row.
``speakers``
    One row per speaker. A person's multi-word name or an organisation's name is
    global: its id hashes the type and the name key (:func:`quotetrack.speakers.name_key`),
    so the same person in two articles is one row. A bare surname the article never
    expanded is a speaker of that article alone (two articles' "Smith" may be two
    people). A speaker known only by role and organisation ("a Google spokesman") is
    kept apart per article: its id hashes the article id, role and org, so two anonymous
    spokesmen are never merged into one person. See :mod:`quotetrack.speakers`.
``quotes``
    One row per quotation, keyed by :meth:`Quote.id_in` (article id plus offsets), with
    foreign keys to ``articles``, ``speakers`` and ``claims``.

Around them, maintained in the same transaction as each article: ``speaker_aliases``
and ``speaker_roles`` (:mod:`quotetrack.speakers`), and ``claims``, ``claim_forms``,
``claim_speakers`` and the claim index tables (:mod:`quotetrack.claims`).

Every id is a content hash, never a counter, so ingesting the same article twice
changes nothing and two runs in a different order build the same articles, quotes and
speaker ids (a speaker's label is the name first seen). Claims are the exception by design: a claim's id is its first quote's, and
which claim a variant joins depends on what came before, so claims follow ingest order
(``quotetrack claims rebuild`` replays it).

The schema is created additively (:func:`ensure_schema` creates what is missing and
adds missing columns to existing tables), so later tables can be added to :data:`TABLES`
without a migration step. A database written before claims and speaker aliases existed
gets them with ``quotetrack speakers rebuild`` and ``quotetrack claims rebuild``.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

import sqlite_utils

from . import claims as claims_mod
from . import speakers as speakers_mod
from .models import Article, Quote

# --- schema ------------------------------------------------------------------------

#: Columns of each table, in order, with their types. ``ensure_schema`` creates the
#: tables that are missing and adds the columns that are missing.
TABLES: dict[str, dict] = {
    "articles": {
        "columns": {
            "id": str,
            "title": str,
            "url": str,
            "outlet": str,
            "published": str,
            "authors": str,  # JSON list
            "source": str,
            "source_id": str,
            "text": str,
            "ingested_at": str,
            # How the bytes were read as text ("utf-8", "windows-1252 (detected)", ...).
            "encoding": str,
            # When it was fetched from the web (or captured, for a web archive), UTC.
            "fetched_at": str,
        },
        "pk": "id",
        "foreign_keys": [],
        # source and url: feeds skip entries already stored before fetching them.
        "indexes": [["outlet"], ["published"], ["url"], ["source"]],
    },
    "feeds": {
        # What a feed answered last time (quotetrack.sources.feeds.FeedState): its
        # validators make the next poll a conditional GET.
        "columns": {
            "url": str,
            "title": str,
            "etag": str,
            "last_modified": str,
            "entries": int,
            "checked_at": str,
        },
        "pk": "url",
        "foreign_keys": [],
        "indexes": [],
    },
    "speakers": {
        "columns": {
            "id": str,
            "name": str,
            "speaker_type": str,
            # The name key ids hash (quotetrack.speakers.name_key); null for unnamed.
            "key": str,
            # Only for speakers known by role alone: what identifies them.
            "role": str,
            "org": str,
            # Unnamed speakers and bare surnames: the one article they belong to.
            "article_id": str,
            # From the registry (quotetrack speakers import).
            "wikidata_id": str,
            "description": str,
            "registry": int,
        },
        "pk": "id",
        "foreign_keys": [("article_id", "articles", "id")],
        "indexes": [["name"], ["speaker_type"], ["article_id"], ["key"], ["registry"]],
    },
    "claims": {
        "columns": {
            "id": str,  # the id of the quote that founded the claim
            "text": str,  # the canonical form, as first written
            "form_id": int,
            "quotes": int,
            "articles": int,
            "outlets": int,
            "speakers": int,
            "variants": int,
            "forms": int,
            "first_said": str,
            "first_quote_id": str,
            "first_article_id": str,
            "first_outlet": str,
            "last_said": str,
            "last_article_id": str,
        },
        "pk": "id",
        "foreign_keys": [("first_article_id", "articles", "id"), ("last_article_id", "articles", "id")],
        "indexes": [["first_said"], ["last_said"], ["outlets"], ["articles"], ["quotes"], ["first_outlet"]],
    },
    "claim_forms": {
        "columns": {
            "id": int,  # 64-bit hash of norm
            "claim_id": str,
            "norm": str,
            "text": str,
            "words": int,
            "quotes": int,
            "direct": int,  # how many of them are direct quotes (not reported speech)
            "seq": int,
        },
        "pk": "id",
        "foreign_keys": [("claim_id", "claims", "id")],
        "indexes": [["claim_id"], ["seq"]],
    },
    "quotes": {
        "columns": {
            "id": str,
            "article_id": str,
            "speaker_id": str,
            "speaker": str,
            "speaker_mention": str,
            "speaker_type": str,
            "role": str,
            "org": str,
            "said_on": str,
            "text": str,
            "kind": str,
            "cue": str,
            "confidence": float,
            "method": str,
            "start": int,
            "end": int,
            "parts": str,  # JSON list of [start, end]
            # Where the speaker mention the attribution rests on is written (the quote
            # page highlights it); null when no mention was found.
            "mention_start": int,
            "mention_end": int,
            "outlet": str,
            "published": str,
            "claim_id": str,
            "variant": int,
            "variant_diff": str,
        },
        "pk": "id",
        "foreign_keys": [
            ("article_id", "articles", "id"),
            ("speaker_id", "speakers", "id"),
            ("claim_id", "claims", "id"),
        ],
        # Every column a facet, filter or canned query uses.
        "indexes": [
            ["article_id"],
            ["speaker_id"],
            ["speaker"],
            ["speaker_type"],
            ["role"],
            ["org"],
            ["kind"],
            ["said_on"],
            ["outlet"],
            ["published"],
            ["method"],
            ["claim_id", "outlet"],
            ["variant"],
        ],
    },
    "claim_speakers": {
        "columns": {
            "claim_id": str,
            "speaker_id": str,
            "quotes": int,
            "first_said": str,
            "last_said": str,
        },
        "pk": ("claim_id", "speaker_id"),
        "foreign_keys": [("claim_id", "claims", "id"), ("speaker_id", "speakers", "id")],
        "indexes": [["speaker_id"]],
    },
    "speaker_aliases": {
        "columns": {
            "speaker_id": str,
            "alias": str,
            "key": str,
            "count": int,
            "registry": int,
        },
        "pk": ("speaker_id", "alias"),
        "foreign_keys": [("speaker_id", "speakers", "id")],
        "indexes": [["key"], ["alias"]],
    },
    "speaker_roles": {
        "columns": {
            "id": str,
            "speaker_id": str,
            "role": str,
            "org": str,
            "first_said": str,
            "last_said": str,
            "quotes": int,
        },
        "pk": "id",
        "foreign_keys": [("speaker_id", "speakers", "id")],
        "indexes": [["speaker_id"], ["role"], ["org"]],
    },
}

#: Full-text search: table -> columns. Triggers keep the index in step with the table
#: (the update trigger fires only when these columns change).
#: The FTS tables are external-content tables keyed by the implicit rowid (the tables'
#: keys are text hashes); a ``VACUUM`` may renumber rowids, so run
#: ``sqlite-utils rebuild-fts db/quotes.db`` after one.
FTS: dict[str, list[str]] = {"quotes": ["text"], "articles": ["title"]}

#: Views used by metadata.yml's canned queries and by :mod:`quotetrack.export`.
VIEWS: dict[str, str] = {
    "quotes_view": """
select
  quotes.id,
  quotes.text,
  quotes.speaker,
  quotes.speaker_id,
  speakers.name as speaker_name,
  quotes.speaker_mention,
  quotes.speaker_type,
  quotes.role,
  quotes.org,
  quotes.said_on,
  quotes.kind,
  quotes.cue,
  quotes.confidence,
  quotes.method,
  quotes.start,
  quotes."end",
  quotes.parts,
  quotes.article_id,
  quotes.claim_id,
  quotes.variant,
  quotes.variant_diff,
  articles.title as article_title,
  articles.url,
  articles.outlet,
  articles.published,
  articles.source
from quotes
join articles on articles.id = quotes.article_id
left join speakers on speakers.id = quotes.speaker_id
""".strip(),
}


#: Case-insensitive indexes for the canned queries that match a name "ignoring case"
#: (``= :speaker collate nocase`` cannot use the default binary indexes).
NOCASE_INDEXES = [
    "create index if not exists idx_speakers_name_nocase on speakers (name collate nocase)",
    "create index if not exists idx_speaker_aliases_alias_nocase on speaker_aliases (alias collate nocase)",
]


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create whatever tables, columns, indexes, FTS tables and views are missing.

    Safe to call on every open: on an up-to-date database it only reads the schema.
    """
    with db.atomic():
        for name, spec in TABLES.items():
            table = db[name]
            if not table.exists():
                table.create(spec["columns"], pk=spec["pk"], foreign_keys=spec["foreign_keys"])
            else:
                existing = set(table.columns_dict)
                fks = {fk[0]: fk[1:] for fk in spec["foreign_keys"]}
                for column, type_ in spec["columns"].items():
                    if column not in existing:
                        fk, fk_col = fks.get(column, (None, None))
                        table.add_column(column, type_, fk=fk, fk_col=fk_col)
            for columns in spec["indexes"]:
                table.create_index(columns, if_not_exists=True)
        for sql in claims_mod.INDEX_TABLES.values():
            db.execute(sql)
        for sql in NOCASE_INDEXES:
            db.execute(sql)
    for name, columns in FTS.items():
        if not db[name].detect_fts():
            db[name].enable_fts(columns, create_triggers=True)
        _narrow_fts_update_trigger(db, name, columns)
    for name, sql in VIEWS.items():
        db.create_view(name, sql, replace=True)


def _narrow_fts_update_trigger(db: sqlite_utils.Database, table: str, columns: list[str]) -> None:
    """Make the FTS update trigger fire only when an indexed column changes.

    sqlite-utils' ``<table>_au`` trigger re-indexes a row on any update; quotes are
    updated for other reasons (claims, variant flags, speaker links), and re-indexing the
    same words each time is wasted work. Same name and body, so ``sqlite-utils
    rebuild-fts`` and ``disable-fts`` still work.
    """
    trigger = f"{table}_au"
    row = db.execute("select sql from sqlite_master where type = 'trigger' and name = ?", [trigger]).fetchone()
    if row is None or " UPDATE OF " in row[0].upper():
        return
    cols = ", ".join(f'"{c}"' for c in columns)
    old = ", ".join(f'old."{c}"' for c in columns)
    new = ", ".join(f'new."{c}"' for c in columns)
    with db.atomic():
        db.execute(f'drop trigger "{trigger}"')
        db.execute(
            f'CREATE TRIGGER "{trigger}" AFTER UPDATE OF {cols} ON "{table}" BEGIN\n'
            f'  INSERT INTO "{table}_fts" ("{table}_fts", rowid, {cols}) VALUES(\'delete\', old.rowid, {old});\n'
            f'  INSERT INTO "{table}_fts" (rowid, {cols}) VALUES (new.rowid, {new});\n'
            "END"
        )


# --- rows --------------------------------------------------------------------------

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})


def normalise_name(name: str) -> str:
    """The form of a name that speaker ids hash: case, spacing and apostrophes folded.

    ``"Neil O’Brien"``, ``"neil  o'brien"`` and ``"Neil O'Brien."`` are the same speaker.
    """
    name = unicodedata.normalize("NFKC", name).translate(_APOSTROPHES).casefold()
    name = " ".join(name.split())
    return name.strip(" .,;:")


def speaker_row(article_id: str, quote: Quote) -> Optional[dict]:
    """The ``speakers`` row a quote points to, or None when nothing identifies a speaker.

    The quote on its own, without the rest of its article or a registry; the store
    resolves a whole article at once with :func:`quotetrack.speakers.resolve_speakers`
    (a bare surname can then join the full name the article gave).
    """
    return speakers_mod.resolve_speakers(article_id, [quote])[0]


def article_row(article: Article, ingested_at: Optional[str] = None) -> dict:
    """The ``articles`` row for an article."""
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published,
        "authors": list(article.authors or []),
        "source": article.source,
        "source_id": article.source_id,
        "text": article.text,
        "ingested_at": ingested_at or now(),
        "encoding": article.encoding,
        "fetched_at": article.fetched_at,
    }


def quote_row(article: Article, quote: Quote, speaker: Optional[dict] = None) -> dict:
    """The ``quotes`` row for one quote of ``article``.

    ``outlet`` and ``published`` are copied from the article, and ``speaker`` keeps the
    name the extractor gave: Datasette facets and filters only see a table's own
    columns, so faceting quotes by outlet or speaker name, or filtering them by
    publication date, needs the values on the quote rows themselves. ``speaker_id``
    remains the link to follow (Datasette shows its label, ``speakers.name``).
    """
    article_id = article.id
    if speaker is None:
        speaker = speaker_row(article_id, quote)
    return {
        "id": quote.id_in(article_id),
        "article_id": article_id,
        "speaker_id": speaker["id"] if speaker else None,
        "speaker": quote.speaker,
        "speaker_mention": quote.speaker_mention,
        "speaker_type": quote.speaker_type,
        "role": quote.role,
        "org": quote.org,
        "said_on": quote.said_on,
        "text": quote.text,
        "kind": quote.kind,
        "cue": quote.cue,
        "confidence": quote.confidence,
        "method": quote.method,
        "start": quote.start,
        "end": quote.end,
        "parts": [list(p) for p in quote.parts],
        "mention_start": quote.mention_start,
        "mention_end": quote.mention_end,
        "outlet": article.outlet,
        "published": article.published,
    }


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


# --- the store ---------------------------------------------------------------------

#: Page cache of a database the store opens itself, in KiB (SQLite's default is 2 MB).
CACHE_KIB = 65536

# --- sharing a database between processes ---------------------------------------------
#
# Two ingests into one file (a feed poller and a backfill), or an ingest while Datasette
# serves the file, must both work. A database the store opens is put in WAL mode, where
# readers never block the writer nor the writer readers, and writers take turns. Each
# write begins with BEGIN IMMEDIATE (see write_transaction), so a second writer waits for
# the lock up front instead of failing half-way: a deferred transaction that read first
# cannot wait for the lock in WAL mode (SQLite reports "database is locked" at once, since
# its snapshot may be stale). Per-article transactions keep every wait short.

#: How long a write waits for other writers, in seconds, before giving up; the
#: environment variable QUOTETRACK_BUSY_TIMEOUT overrides it (a long `claims rebuild`
#: in another process may need more).
BUSY_TIMEOUT = 120.0
BUSY_TIMEOUT_ENV = "QUOTETRACK_BUSY_TIMEOUT"
#: How long SQLite itself waits per attempt (its busy handler); the store then says it is
#: waiting and tries again until BUSY_TIMEOUT.
BUSY_SLICE = 2.0

log = logging.getLogger(__name__)


class DatabaseBusy(Exception):
    """Another process kept the database locked for longer than the store would wait.

    ``str()`` is one line for the terminal, naming the file and how long was waited.
    """


def busy_timeout() -> float:
    """Seconds to wait for another writer: QUOTETRACK_BUSY_TIMEOUT if set to a number, else BUSY_TIMEOUT."""
    import os

    try:
        value = float(os.environ.get(BUSY_TIMEOUT_ENV, ""))
    except ValueError:
        return BUSY_TIMEOUT
    return value if value >= 0 else BUSY_TIMEOUT


def is_busy(exc: BaseException) -> bool:
    """Whether an SQLite error means another connection holds the lock."""
    return isinstance(exc, sqlite3.OperationalError) and (
        "database is locked" in str(exc) or "database is busy" in str(exc) or "database table is locked" in str(exc)
    )


def _db_name(db: sqlite_utils.Database) -> str:
    row = db.execute("pragma database_list").fetchone()
    return (row[2] if row and row[2] else None) or "the database"


class _Waiter:
    """Retries an operation another process's lock keeps failing, up to ``timeout``
    seconds, telling ``on_wait`` once that it waits; then DatabaseBusy."""

    def __init__(self, db: sqlite_utils.Database, timeout: Optional[float], on_wait: Optional[Callable[[str], None]]):
        self.db, self.on_wait = db, on_wait
        self.timeout = busy_timeout() if timeout is None else timeout
        self.started = time.monotonic()
        self.told = False

    def busy(self) -> None:
        """Called after a busy error: return to try again, or raise DatabaseBusy."""
        name = _db_name(self.db)
        if time.monotonic() - self.started >= self.timeout:
            raise DatabaseBusy(
                f"database is busy: gave up after {self.timeout:g} s waiting for another process "
                f"writing to {name}"
            ) from None
        if not self.told:
            self.told = True
            message = f"database is busy: another process is writing to {name}; waiting (up to {self.timeout:g} s)..."
            (self.on_wait or log.warning)(message)
        time.sleep(0.05)


def retry_busy(db: sqlite_utils.Database, fn: Callable, timeout: Optional[float] = None, on_wait=None):
    """``fn()``, run again while another process's lock makes it fail (it must be
    idempotent and leave no transaction open on failure); DatabaseBusy after ``timeout``."""
    waiter = _Waiter(db, timeout, on_wait)
    while True:
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
            if db.conn.in_transaction:
                db.conn.rollback()
            waiter.busy()


@contextlib.contextmanager
def write_transaction(
    db: sqlite_utils.Database, timeout: Optional[float] = None, on_wait: Optional[Callable[[str], None]] = None
):
    """One write transaction, begun IMMEDIATE: it waits (up to ``timeout`` s) for other
    writers before anything is read, then commits, or rolls back on any exception.

    Inside an open transaction it is a savepoint (``db.atomic()``), so it nests.
    sqlite-utils writes inside it join it (they use savepoints when one is open).
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    waiter = _Waiter(db, timeout, on_wait)
    while True:
        try:
            db.conn.execute("BEGIN IMMEDIATE")
            break
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
            waiter.busy()
    try:
        yield db
    except BaseException:
        db.rollback()
        raise
    while True:
        try:
            db.conn.execute("COMMIT")
            return
        except sqlite3.OperationalError as exc:  # a rollback journal waits for readers here
            if not is_busy(exc):
                db.rollback()
                raise
            try:
                waiter.busy()
            except DatabaseBusy:
                db.rollback()
                raise
        except BaseException:
            db.rollback()
            raise


def enable_wal(db: sqlite_utils.Database) -> str:
    """Put the database in WAL mode (persistent in the file); returns the journal mode.

    A file system without shared memory (some network mounts) keeps the old mode, and the
    store still works there, with writers waiting for readers.
    """
    return db.execute("pragma journal_mode = wal").fetchone()[0]


@dataclass
class IngestStats:
    """What an ingest run did; ``str()`` is the one-line summary the CLI prints."""

    read: int = 0
    new: int = 0
    quotes: int = 0
    errors: int = 0

    def __str__(self) -> str:
        return (
            f"{self.read} article{'s' if self.read != 1 else ''} read, {self.new} new, "
            f"{self.quotes} quote{'s' if self.quotes != 1 else ''} stored, "
            f"{self.errors} error{'s' if self.errors != 1 else ''}"
        )


class Store:
    """A quotetrack database: a path, or an open :class:`sqlite_utils.Database`.

    Opening it creates the schema if needed (and the parent directory of a path).
    ``claims=False`` stores quotes without assigning claims (faster; for a bulk load,
    followed by :meth:`rebuild_claims`, which gives the same claims).

    A path is opened in WAL mode, and every write waits up to ``busy_timeout`` seconds
    (default: :func:`busy_timeout`, 120 or QUOTETRACK_BUSY_TIMEOUT) for another process's
    write to finish (``on_busy`` is told once that it waits; by default a logged
    warning), then raises :class:`DatabaseBusy`.
    """

    def __init__(
        self,
        path_or_db: Union[str, Path, sqlite_utils.Database],
        claims: bool = True,
        busy_timeout: Optional[float] = None,
        on_busy: Optional[Callable[[str], None]] = None,
    ):
        self.busy_timeout, self.on_busy = busy_timeout, on_busy
        if isinstance(path_or_db, sqlite_utils.Database):
            self.db = path_or_db
        else:
            path = Path(path_or_db)
            if str(path) != ":memory:":
                path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite_utils.Database(path)
            # The claim index is read at random; SQLite's default page cache (2 MB) would
            # send most lookups of a large database to the file. Grown only as used.
            self.db.execute(f"pragma cache_size = -{CACHE_KIB}")
            self.db.execute(f"pragma busy_timeout = {int(BUSY_SLICE * 1000)}")
            retry_busy(self.db, lambda: enable_wal(self.db), busy_timeout, on_busy)
        # Idempotent, and read-only on an up-to-date database: run again if a concurrent
        # first open creates the schema at the same moment.
        retry_busy(self.db, lambda: ensure_schema(self.db), busy_timeout, on_busy)
        self.claims = claims
        self.registry = speakers_mod.Registry.load(self.db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def has_article(self, article_id: str) -> bool:
        return bool(
            self.db.execute("select 1 from articles where id = ?", [article_id]).fetchone()
        )

    def add(self, article: Article, quotes: Iterable[Quote]) -> Optional[int]:
        """Store an article and its quotes in one transaction.

        Returns the number of quotes stored, or None if the article was already stored
        (in which case nothing is written). Because the whole article is one
        transaction, an exception or Ctrl-C half way through leaves no trace of it, and
        "the article row exists" always means "all its quotes exist": the next run
        can skip it safely.

        An explicit transaction rather than ``with db.conn:``: sqlite-utils opens and
        commits its own transaction inside ``insert`` unless one is already open, which
        ``with db.conn:`` does not guarantee; :meth:`writing` begins one (IMMEDIATE, so
        it waits for another process's write before reading), and sqlite-utils nests
        its own writes in savepoints inside it.
        """
        article_id = article.id
        ingested_at = now()
        # Offset order: the order claims are assigned in, here and in rebuild_claims.
        quotes = sorted(quotes, key=lambda q: (q.start, q.end))
        with self.writing():
            if self.has_article(article_id):
                return None
            a_row = article_row(article, ingested_at)
            self.db["articles"].insert(a_row)
            resolved = speakers_mod.resolve_speakers(article_id, quotes, self.registry)
            speakers: dict[str, dict] = {}
            rows: dict[str, dict] = {}
            for quote, speaker in zip(quotes, resolved):
                if speaker is not None:
                    speakers.setdefault(speaker["id"], speaker)
                row = quote_row(article, quote, speaker)
                if row["id"] not in rows:
                    rows[row["id"]] = row
                    row["_speaker"] = speaker
            if speakers:
                # ignore=True: a speaker seen in an earlier article keeps its row.
                self.db["speakers"].insert_all(
                    ({**s, "registry": 0} for s in speakers.values()), ignore=True
                )
            if rows:
                stored = [{k: v for k, v in r.items() if k != "_speaker"} for r in rows.values()]
                if self.claims:
                    # Before the insert: it sets claim_id and the variant flags on the rows.
                    claims_mod.Claims(self.db).add_article(a_row, stored)
                self.db["quotes"].insert_all(stored, ignore=True)
                speakers_mod.add_speaker_stats(
                    self.db, (r for r in rows.values() if r["_speaker"] is not None)
                )
        return len(rows)

    def writing(self):
        """A write transaction that waits its turn behind other processes (:func:`write_transaction`)."""
        return write_transaction(self.db, self.busy_timeout, self.on_busy)

    def rebuild_claims(self, progress=None) -> int:
        """Recompute every claim from the stored quotes; returns the number of claims."""
        with self.writing():
            return claims_mod.rebuild(self.db, progress=progress)

    def import_registry(self, entries) -> "speakers_mod.ImportStats":
        """Add registry speakers and relink existing quotes (see :mod:`quotetrack.speakers`)."""
        with self.writing():
            stats = speakers_mod.import_registry(self.db, entries)
        self.registry = speakers_mod.Registry.load(self.db)
        return stats

    def rebuild_speakers(self) -> int:
        """Resolve every article's speakers again and rebuild aliases and roles."""
        with self.writing():
            n = speakers_mod.rebuild_speakers(self.db)
        self.registry = speakers_mod.Registry.load(self.db)
        return n

    def quotes_without_claims(self) -> int:
        return self.db.execute("select count(*) from quotes where claim_id is null").fetchone()[0]

    def ingest(
        self,
        articles: Iterable[Article],
        extract_many: Callable[[Iterable[Article]], Iterator[tuple[Article, list[Quote]]]],
        stats: Optional[IngestStats] = None,
        on_article: Optional[Callable[[Article], None]] = None,
    ) -> IngestStats:
        """Extract and store ``articles``, skipping those already stored before extraction.

        ``extract_many`` turns articles into ``(article, quotes)`` pairs (normally
        ``quotetrack.extract.extract_many`` with a model bound); it is passed in so that
        the store never imports spaCy. Pass ``stats`` to keep the counts of a run that is
        interrupted (the object is updated as the run goes); ``on_article`` is called
        for each article read (a progress bar).
        """
        stats = stats if stats is not None else IngestStats()

        def unseen() -> Iterator[Article]:
            for article in articles:
                stats.read += 1
                if on_article is not None:
                    on_article(article)
                if not self.has_article(article.id):
                    yield article

        for article, quotes in extract_many(unseen()):
            stored = self.add(article, quotes)
            if stored is not None:
                stats.new += 1
                stats.quotes += stored
        return stats

    def counts(self) -> dict[str, int]:
        """Rows per table: handy in tests and summaries."""
        return {name: self.db[name].count for name in TABLES}
