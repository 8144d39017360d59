"""The SQLite store: schema, ids and writes, with sqlite-utils.

The store only ever sees :class:`~quotetrack.models.Article` and
:class:`~quotetrack.models.Quote`; it never runs spaCy. Typical use::

    from quotetrack.store import Store

    store = Store("db/quotes.db")
    store.add(article, quotes)      # one transaction per article

Three tables:

``articles``
    One row per article, keyed by :attr:`Article.id` (a hash of its text), so the same
    article read twice, from the same file or another, is one row.
``speakers``
    One row per speaker. A named speaker's id is a hash of its type and normalised
    name, so the same name in two articles is one row. A speaker known only by role
    and organisation ("a Google spokesman") is kept apart per article: its id hashes
    the article id, role and org, so two anonymous spokesmen are never merged into one
    person.
``quotes``
    One row per quotation, keyed by :meth:`Quote.id_in` (article id plus offsets), with
    foreign keys to ``articles`` and ``speakers``.

Every id is a content hash, never a counter, so ingesting the same article twice
changes nothing and two runs in a different order build the same database.

The schema is created additively (:func:`ensure_schema` creates what is missing and
adds missing columns to existing tables), so later tables such as ``speaker_aliases``,
``speaker_roles`` and ``claims`` can be added to :data:`TABLES` without a migration step.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

import sqlite_utils

from .models import Article, Quote, content_hash

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
        },
        "pk": "id",
        "foreign_keys": [],
        "indexes": [["outlet"], ["published"], ["url"]],
    },
    "speakers": {
        "columns": {
            "id": str,
            "name": str,
            "speaker_type": str,
            # Only for speakers known by role alone: what identifies them.
            "role": str,
            "org": str,
            "article_id": str,
        },
        "pk": "id",
        "foreign_keys": [("article_id", "articles", "id")],
        "indexes": [["name"], ["speaker_type"], ["article_id"]],
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
            "outlet": str,
            "published": str,
        },
        "pk": "id",
        "foreign_keys": [("article_id", "articles", "id"), ("speaker_id", "speakers", "id")],
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
        ],
    },
}

#: Full-text search: table -> columns. Triggers keep the index in step with the table.
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
                for column, type_ in spec["columns"].items():
                    if column not in existing:
                        table.add_column(column, type_)
            for columns in spec["indexes"]:
                table.create_index(columns, if_not_exists=True)
    for name, columns in FTS.items():
        if not db[name].detect_fts():
            db[name].enable_fts(columns, create_triggers=True)
    for name, sql in VIEWS.items():
        db.create_view(name, sql, replace=True)


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

    A named speaker is global: ``id = hash(type, normalised name)``. A speaker with no
    name but a role or an org is local to its article: ``id = hash(article, role, org)``,
    and its label says what is known ("Foreign Minister, Azerbaijan (unnamed)").
    A quote with neither (an unattributed quote) has no speaker row.
    """
    if quote.speaker and quote.speaker.strip():
        name = " ".join(quote.speaker.split())
        return {
            "id": content_hash("speaker", quote.speaker_type, normalise_name(name)),
            "name": name,
            "speaker_type": quote.speaker_type,
            "role": None,
            "org": None,
            "article_id": None,
        }
    if quote.role or quote.org:
        role = " ".join(quote.role.split()) if quote.role else None
        org = " ".join(quote.org.split()) if quote.org else None
        label = ", ".join(p for p in (role, org) if p) + " (unnamed)"
        return {
            "id": content_hash(
                "unnamed",
                article_id,
                normalise_name(role) if role else "",
                normalise_name(org) if org else "",
            ),
            "name": label,
            "speaker_type": "unnamed",
            "role": role,
            "org": org,
            "article_id": article_id,
        }
    return None


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
        "outlet": article.outlet,
        "published": article.published,
    }


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


# --- the store ---------------------------------------------------------------------


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
    """

    def __init__(self, path_or_db: Union[str, Path, sqlite_utils.Database]):
        if isinstance(path_or_db, sqlite_utils.Database):
            self.db = path_or_db
        else:
            path = Path(path_or_db)
            if str(path) != ":memory:":
                path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite_utils.Database(path)
        ensure_schema(self.db)

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

        ``db.atomic()`` rather than ``with db.conn:``: sqlite-utils opens and commits
        its own transaction inside ``insert`` unless one is already open, which
        ``with db.conn:`` does not guarantee; ``atomic()`` begins one explicitly, and
        sqlite-utils nests its own writes in savepoints inside it.
        """
        article_id = article.id
        ingested_at = now()
        with self.db.atomic():
            if self.has_article(article_id):
                return None
            self.db["articles"].insert(article_row(article, ingested_at))
            speakers: dict[str, dict] = {}
            rows: dict[str, dict] = {}
            for quote in quotes:
                speaker = speaker_row(article_id, quote)
                if speaker is not None:
                    speakers.setdefault(speaker["id"], speaker)
                row = quote_row(article, quote, speaker)
                rows.setdefault(row["id"], row)
            if speakers:
                # ignore=True: a speaker seen in an earlier article keeps its row.
                self.db["speakers"].insert_all(speakers.values(), ignore=True)
            if rows:
                self.db["quotes"].insert_all(rows.values(), ignore=True)
        return len(rows)

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
