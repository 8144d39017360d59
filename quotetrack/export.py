"""Quotes out as CSV or JSON lines: from the database (``export``) or straight from the
extractor (``quote_record``, used by ``quotetrack extract``).

Everything streams: rows come from an open cursor one at a time and are written as they
arrive, so exporting a million quotes needs no more memory than exporting ten.
"""

from __future__ import annotations

import csv
import json
from datetime import date
from typing import IO, Iterable, Iterator, Optional

import sqlite_utils

from .models import Article, Quote

#: Keys of each quote ``quotetrack extract`` prints, in order.
EXTRACT_COLUMNS = [
    "source",
    "article_title",
    "published",
    "text",
    "start",
    "end",
    "kind",
    "speaker",
    "speaker_mention",
    "speaker_type",
    "role",
    "org",
    "said_on",
    "cue",
    "confidence",
    "method",
    "parts",
]

#: Columns of ``quotetrack export``: the extract columns plus ids and article fields.
EXPORT_COLUMNS = [
    "id",
    "text",
    "speaker",
    "speaker_id",
    "speaker_name",
    "speaker_mention",
    "speaker_type",
    "role",
    "org",
    "said_on",
    "kind",
    "cue",
    "confidence",
    "method",
    "start",
    "end",
    "parts",
    "article_id",
    "article_title",
    "url",
    "outlet",
    "published",
    "source",
]

FORMATS = ("csv", "jsonl")


def quote_record(article: Article, quote: Quote) -> dict:
    """One quote with its article's fields, as ``quotetrack extract`` prints it."""
    d = quote.to_dict()
    d.update(source=article.source, article_title=article.title, published=article.published)
    return {key: d.get(key) for key in EXTRACT_COLUMNS}


def check_date(value: Optional[str], name: str = "date") -> Optional[str]:
    """``value`` if it is an ISO date (YYYY-MM-DD) or None; ValueError otherwise."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"{name} must be a date like 2023-09-24, not {value!r}") from None


def iter_quotes(
    db: sqlite_utils.Database,
    speaker: Optional[str] = None,
    since: Optional[str] = None,
    until: Optional[str] = None,
) -> Iterator[dict]:
    """Every stored quote with its speaker and article fields, oldest first.

    - ``speaker``: the speaker's name, matched exactly but ignoring case (Unicode case
      folding, so ``"müller"`` finds ``"Müller"``), against the name the extractor gave
      or the ``speakers`` label.
    - ``since``/``until``: inclusive ISO dates, compared with the day the words were
      said, or the publication date when that is unknown.

    Rows are read from the cursor as they are consumed.
    """
    since = check_date(since, "since")
    until = check_date(until, "until")
    where, params = [], {}
    if speaker is not None:
        db.register_function(_casefold, deterministic=True, replace=True, name="casefold")
        where.append("(casefold(speaker) = :speaker or casefold(speaker_name) = :speaker)")
        params["speaker"] = _casefold(speaker.strip())
    day = "substr(coalesce(said_on, published), 1, 10)"
    if since is not None:
        where.append(f"{day} >= :since")
        params["since"] = since
    if until is not None:
        where.append(f"{day} <= :until")
        params["until"] = until
    sql = "select {} from quotes_view{} order by {}, published, article_id, start, id".format(
        ", ".join(f'"{c}"' for c in EXPORT_COLUMNS),
        (" where " + " and ".join(where)) if where else "",
        day,
    )
    # Not a generator itself, so that bad dates or SQL fail here, before any output.
    return _with_parts(db.query(sql, params))


def _with_parts(rows: Iterator[dict]) -> Iterator[dict]:
    for row in rows:
        row["parts"] = json.loads(row["parts"]) if row["parts"] else []
        yield row


def _casefold(value):
    return value.casefold() if isinstance(value, str) else value


def write_jsonl(records: Iterable[dict], fp: IO[str]) -> int:
    """Write one JSON object per line; returns the number written."""
    n = 0
    for record in records:
        fp.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(
    records: Iterable[dict], fp: IO[str], columns: list[str], bom: bool = False
) -> int:
    """Write CSV with a header row; lists (``parts``) become JSON. Returns rows written.

    ``bom`` starts the file with a UTF-8 byte order mark, which is what makes Excel
    read it as UTF-8 rather than the local code page (curly quotes, accents).
    ``fp`` should be opened with ``newline=""``.
    """
    if bom:
        fp.write("\ufeff")
    writer = csv.writer(fp)
    writer.writerow(columns)
    n = 0
    for record in records:
        writer.writerow(
            [
                json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                for v in (record.get(c) for c in columns)
            ]
        )
        n += 1
    return n


def export(
    db: sqlite_utils.Database,
    fp: IO[str],
    format: str = "csv",
    speaker: Optional[str] = None,
    since: Optional[str] = None,
    until: Optional[str] = None,
    bom: bool = False,
) -> int:
    """Write the matching quotes to ``fp`` as ``csv`` or ``jsonl``; returns the count.

    ``bom`` applies to CSV only (JSON lines readers do not expect one).
    """
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    rows = iter_quotes(db, speaker=speaker, since=since, until=until)
    if format == "csv":
        return write_csv(rows, fp, EXPORT_COLUMNS, bom=bom)
    return write_jsonl(rows, fp)
