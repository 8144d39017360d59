"""Quotes out as CSV or JSON lines: from the database (``export``) or straight from the
extractor (``quote_record``, used by ``quotetrack extract``); claims out as schema.org
JSON-LD (``export(format="claimreview")``, :func:`iter_claims`).

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
    "mention_start",
    "mention_end",
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
    "claim_id",
    "variant",
    "variant_diff",
    "article_title",
    "url",
    "outlet",
    "published",
    "source",
]

FORMATS = ("csv", "jsonl", "claimreview")

#: Where a Wikidata id points in ``sameAs``.
WIKIDATA_URL = "https://www.wikidata.org/wiki/{}"


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
    where, params = _filters(db, speaker, since, until)
    day = "substr(coalesce(said_on, published), 1, 10)"
    sql = "select {} from quotes_view{} order by {}, published, article_id, start, id".format(
        ", ".join(f'"{c}"' for c in EXPORT_COLUMNS),
        (" where " + " and ".join(where)) if where else "",
        day,
    )
    # Not a generator itself, so that bad dates or SQL fail here, before any output.
    return _with_parts(db.query(sql, params))


def _filters(db, speaker, since, until, speaker_name="speaker_name", prefix=""):
    """SQL conditions and parameters for the speaker and date filters."""
    where, params = [], {}
    if speaker is not None:
        db.register_function(_casefold, deterministic=True, replace=True, name="casefold")
        where.append(f"(casefold({prefix}speaker) = :speaker or casefold({speaker_name}) = :speaker)")
        params["speaker"] = _casefold(speaker.strip())
    day = f"substr(coalesce({prefix}said_on, {prefix}published), 1, 10)"
    if since is not None:
        where.append(f"{day} >= :since")
        params["since"] = since
    if until is not None:
        where.append(f"{day} <= :until")
        params["until"] = until
    return where, params


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


# --- claims as schema.org JSON-LD ------------------------------------------------------------


def iter_claims(
    db: sqlite_utils.Database,
    speaker: Optional[str] = None,
    since: Optional[str] = None,
    until: Optional[str] = None,
) -> Iterator[dict]:
    """Each claim as a schema.org ``Claim``, ready to be the ``itemReviewed`` of a
    ``ClaimReview``; first said first.

    A claim is exported when at least one of its quotes passes the filters (by that
    speaker; said between ``since`` and ``until``), and then whole: every speaker as
    ``author``, every article as an ``appearance``, the earliest as ``firstAppearance``,
    so that a fact-checker sees where the words started even when the filter starts later.
    """
    since = check_date(since, "since")
    until = check_date(until, "until")
    where, params = _filters(db, speaker, since, until, speaker_name="s.name", prefix="q.")
    sql = "select id, text, first_said, first_article_id from claims"
    if where:
        sql += (
            " where exists (select 1 from quotes q left join speakers s on s.id = q.speaker_id"
            " where q.claim_id = claims.id and " + " and ".join(where) + ")"
        )
    sql += " order by first_said is null, first_said, id"
    return _claims(db, db.query(sql, params))


def _claims(db, rows) -> Iterator[dict]:
    for row in rows:
        claim = {"@type": "Claim", "identifier": row["id"], "text": row["text"]}
        authors = [
            a for a in (
                _author(r) for r in db.query(
                    "select speakers.* from claim_speakers join speakers "
                    "on speakers.id = claim_speakers.speaker_id where claim_speakers.claim_id = ? "
                    "order by claim_speakers.first_said is null, claim_speakers.first_said, speakers.name, speakers.id",
                    [row["id"]],
                )
            ) if a
        ]
        if authors:
            claim["author"] = authors[0] if len(authors) == 1 else authors
        if row["first_said"]:
            claim["datePublished"] = row["first_said"]
        appearances = [
            _creative_work(r) for r in db.query(
                "select articles.id, articles.url, articles.title, articles.outlet, articles.published, "
                "min(substr(coalesce(quotes.said_on, quotes.published), 1, 10)) as day "
                "from quotes join articles on articles.id = quotes.article_id where quotes.claim_id = ? "
                "group by articles.id order by day is null, day, articles.published, articles.id",
                [row["id"]],
            )
        ]
        first = None
        for a in appearances:
            if a.pop("_id") == row["first_article_id"]:
                first = a
        if first is not None:
            claim["firstAppearance"] = first
        claim["appearance"] = appearances
        yield claim


def _author(speaker: dict) -> Optional[dict]:
    type_ = speaker["speaker_type"]
    if type_ == "unnamed":
        if speaker["role"]:
            author = {"@type": "Person", "jobTitle": speaker["role"]}
            if speaker["org"]:
                author["affiliation"] = {"@type": "Organization", "name": speaker["org"]}
            return author
        return {"@type": "Organization", "name": speaker["org"]} if speaker["org"] else None
    if type_ not in ("person", "organisation"):
        return None  # a document is not an author
    author = {"@type": "Person" if type_ == "person" else "Organization", "name": speaker["name"]}
    if speaker.get("description"):
        author["description"] = speaker["description"]
    if speaker.get("wikidata_id"):
        author["sameAs"] = WIKIDATA_URL.format(speaker["wikidata_id"])
    return author


def _creative_work(article: dict) -> dict:
    work = {"@type": "CreativeWork", "_id": article["id"]}
    if article["url"]:
        work["url"] = article["url"]
    if article["title"]:
        work["headline"] = article["title"]
    if article["outlet"]:
        work["publisher"] = {"@type": "Organization", "name": article["outlet"]}
    if article["published"]:
        work["datePublished"] = article["published"]
    return work


def write_jsonld(claims: Iterable[dict], fp: IO[str]) -> int:
    """One JSON-LD document, ``{"@context": "https://schema.org", "@graph": [...]}``,
    written a claim at a time; returns the number of claims."""
    fp.write('{"@context": "https://schema.org", "@graph": [')
    n = 0
    for claim in claims:
        fp.write(("\n" if n == 0 else ",\n") + json.dumps(claim, ensure_ascii=False))
        n += 1
    fp.write("\n]}\n")
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
    """Write the matching quotes to ``fp`` as ``csv`` or ``jsonl``, or the matching claims
    as ``claimreview`` JSON-LD (:func:`iter_claims`); returns the count.

    ``bom`` applies to CSV only (JSON lines readers do not expect one).
    """
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    if format == "claimreview":
        return write_jsonld(iter_claims(db, speaker=speaker, since=since, until=until), fp)
    rows = iter_quotes(db, speaker=speaker, since=since, until=until)
    if format == "csv":
        return write_csv(rows, fp, EXPORT_COLUMNS, bom=bom)
    return write_jsonl(rows, fp)
