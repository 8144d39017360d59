"""What each page of the plugin shows, read from the database.

One async function per page, taking a Datasette :class:`~datasette.database.Database`
and returning a plain dict for its template. Text is marked up here, through the pure
functions of :mod:`.text`, so that the templates never need ``|safe`` on article text:
anything that is HTML arrives as :class:`~markupsafe.Markup` built from escaped pieces.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Optional

from datasette.utils import escape_fts

from . import text as T

#: Columns a table must have to be quotetrack's ``quotes`` table.
QUOTE_COLUMNS = {"text", "article_id", "speaker_id", "start", "end", "claim_id"}


def rows(results) -> list[dict]:
    return [dict(r) for r in results.rows]


async def row_by_id(db, table: str, row_id: str) -> Optional[dict]:
    """The row of ``table`` (one of quotetrack's own, never user input) with this id, or None."""
    row = (await db.execute(f"select * from {table} where id = ?", [row_id])).first()
    return dict(row) if row is not None else None


async def is_quotetrack(db) -> bool:
    """Whether ``db`` is a quotetrack database: it has a ``quotes`` table of ours,
    and ``speakers``, ``articles`` and ``claims`` beside it."""
    tables = set(await db.table_names())
    if not {"quotes", "speakers", "articles", "claims"} <= tables:
        return False
    return QUOTE_COLUMNS <= set(await db.table_columns("quotes"))


# --- summary (home and database pages) -----------------------------------------------


async def summary(db) -> dict:
    """Counts and the date range, for the "what is here" paragraph."""
    r = (
        await db.execute(
            """
            select
              (select count(*) from articles) as articles,
              (select count(*) from quotes) as quotes,
              (select count(distinct speaker_id) from quotes) as speakers,
              (select count(*) from claims) as claims,
              (select count(*) from claims where quotes > 1) as repeated,
              (select count(*) from claims where outlets > 1) as across_outlets,
              (select count(distinct outlet) from articles) as outlets,
              (select min(published) from articles) as first_published,
              (select max(published) from articles) as last_published
            """
        )
    ).first()
    return dict(r)


# --- a quote --------------------------------------------------------------------------


def quote_spans(row: dict) -> list[tuple[int, int]]:
    """Where the quote is written: its parts, or its start and end."""
    try:
        parts = json.loads(row.get("parts") or "[]")
    except ValueError:
        parts = []
    return [tuple(p) for p in parts if len(p) == 2] or [(row["start"], row["end"])]


def marked_passages(article_text: str, row: dict) -> tuple[list[dict], dict]:
    """The article around the quote, each passage as Markup with the quote in ``<mark>``.

    Also marks the speaker mention the attribution rests on (stored offsets, else the
    mention's words nearest the quote) and the cue verb nearest the quote. Returns the
    passages and which of the two were found.
    """
    spans = quote_spans(row)
    shown = T.passages(article_text, spans)
    if not shown:
        return [], {}
    lo, hi = shown[0].start, shown[-1].end
    # Search the quote's own paragraph(s) first, then the passages around them.
    own = [p for p in shown if any(p.start < e and s < p.end for s, e in spans)]
    ranges = [(own[0].start, own[-1].end), (lo, hi)] if own else [(lo, hi)]

    def near(words):
        for a, b in ranges:
            found = T.nearest_word(article_text, words, spans, a, b)
            if found:
                return found
        return None

    mention = None
    ms, me = row.get("mention_start"), row.get("mention_end")
    if ms is not None and me is not None and lo <= ms < me <= hi:
        mention = (ms, me)
    elif row.get("speaker_mention"):
        mention = near(row["speaker_mention"])
    cue = near(row.get("cue"))
    marks = [(s, e, "quote") for s, e in spans]
    if mention:
        marks.append((*mention, "speaker"))
    if cue:
        marks.append((*cue, "cue"))
    out = []
    for p in shown:
        local = [(s - p.start, e - p.start, c) for s, e, c in marks if s < p.end and p.start < e]
        out.append(
            {
                "html": T.highlight(article_text[p.start : p.end], local),
                "cut_before": p.cut_before,
                "cut_after": p.cut_after,
                "has_quote": any(c == "quote" for *_, c in local),
            }
        )
    return out, {"mention": bool(mention), "cue": bool(cue)}


async def quote_page(db, quote_id: str) -> Optional[dict]:
    """Everything the quote page shows, or None if there is no such quote."""
    r = (
        await db.execute(
            """
            select quotes.*, articles.title as article_title, articles.url, articles.text as article_text,
                   articles.outlet as article_outlet, articles.published as article_published,
                   speakers.name as speaker_name, speakers.speaker_type as speaker_row_type
            from quotes
            join articles on articles.id = quotes.article_id
            left join speakers on speakers.id = quotes.speaker_id
            where quotes.id = ?
            """,
            [quote_id],
        )
    ).first()
    if r is None:
        return None
    q = dict(r)
    article_text = q.pop("article_text") or ""
    shown, found = marked_passages(article_text, q)
    day = q["said_on"] or q["published"]
    name = q["speaker"] or q["speaker_name"]
    page = {
        "quote": q,
        "passages": shown,
        "found": found,
        "day": day,
        "day_words": T.long_date(day),
        "said_on_known": bool(q["said_on"]),
        "who": T.who(name if q["speaker_type"] != "unnamed" else None, q["role"], q["org"]),
        "confidence_words": T.confidence_words(q["confidence"]),
        "cite": T.cite(
            name if q["speaker_type"] != "unnamed" else None,
            q["role"], q["org"], q["text"], q["outlet"] or q["article_outlet"], day, q["url"],
            q["article_title"],
        ),
        "original_url": T.text_fragment_url(q["url"], q["text"]),
        "claim": None,
        "appearances": [],
    }
    if q["claim_id"]:
        claim = await row_by_id(db, "claims", q["claim_id"])
        page["claim"] = claim
        if claim:
            page["claim_diff"] = T.diff_markup(T.word_diff(T.display_words(claim["text"]), T.display_words(q["text"])))
            page["appearances"] = await claim_quotes(db, q["claim_id"], claim["text"], exclude=quote_id)
    return page


# --- a claim --------------------------------------------------------------------------


async def claim_quotes(db, claim_id: str, canonical: str, exclude: Optional[str] = None) -> list[dict]:
    """Every quote of a claim, first said first, each with its words diffed against the claim."""
    found = rows(
        await db.execute(
            """
            select quotes.id, quotes.text, quotes.kind, quotes.variant, quotes.variant_diff,
                   coalesce(quotes.said_on, quotes.published) as day, quotes.outlet,
                   quotes.speaker_id, coalesce(speakers.name, quotes.speaker) as speaker,
                   quotes.role, quotes.org,
                   articles.title as article_title, articles.url, quotes.article_id
            from quotes
            join articles on articles.id = quotes.article_id
            left join speakers on speakers.id = quotes.speaker_id
            where quotes.claim_id = ?
            order by day, articles.published, articles.ingested_at, quotes.start, quotes.id
            """,
            [claim_id],
        )
    )
    canonical = T.display_words(canonical)
    for i, r in enumerate(found):
        r["first"] = i == 0
        r["diff"] = T.diff_markup(T.word_diff(canonical, T.display_words(r["text"])))
    return [r for r in found if r["id"] != exclude]


async def claim_page(db, claim_id: str) -> Optional[dict]:
    claim = await row_by_id(db, "claims", claim_id)
    if claim is None:
        return None
    forms = rows(
        await db.execute(
            "select id, text, words, quotes, direct, seq from claim_forms where claim_id = ? order by seq, id",
            [claim_id],
        )
    )
    for f in forms:
        f["canonical"] = f["id"] == claim["form_id"]
        f["diff"] = T.diff_markup(T.word_diff(T.display_words(claim["text"]), T.display_words(f["text"])))
    quotes = await claim_quotes(db, claim_id, claim["text"])
    speakers = rows(
        await db.execute(
            """
            select claim_speakers.*, speakers.name from claim_speakers
            join speakers on speakers.id = claim_speakers.speaker_id
            where claim_id = ? order by claim_speakers.first_said, speakers.name
            """,
            [claim_id],
        )
    )
    chart = T.appearances_chart(
        {"day": q["day"], "outlet": q["outlet"], "speaker": q["speaker"], "words": q["text"][:120]}
        for q in quotes
        if q["day"]
    )
    return {"claim": claim, "forms": forms, "quotes": quotes, "speakers": speakers, "chart": T.script_json(chart)}


# --- a speaker ------------------------------------------------------------------------


async def search_speaker_quotes(db, speaker_id: str, q: str, limit: int = 50) -> tuple[list[dict], Optional[str]]:
    """The speaker's quotes matching the words ``q`` (full-text search), best first.

    Words are searched as words (FTS syntax is escaped), so any input is safe; returns
    the rows, each with a marked snippet, and an error message if the search failed.
    """
    try:
        found = rows(
            await db.execute(
                """
                select quotes.id, snippet(quotes_fts, 0, char(2), char(3), '…', 40) as snippet,
                       coalesce(quotes.said_on, quotes.published) as day, quotes.outlet,
                       articles.title as article_title
                from quotes_fts
                join quotes on quotes.rowid = quotes_fts.rowid
                join articles on articles.id = quotes.article_id
                where quotes_fts match :q and quotes.speaker_id = :speaker
                order by rank, quotes.id
                limit :limit
                """,
                {"q": escape_fts(q), "speaker": speaker_id, "limit": limit},
            )
        )
    except sqlite3.OperationalError as exc:
        return [], f"The search could not be run: {exc}"
    for r in found:
        r["snippet"] = T.marked_snippet(r["snippet"])
    return found, None


async def speaker_page(db, speaker_id: str, q: str = "") -> Optional[dict]:
    speaker = await row_by_id(db, "speakers", speaker_id)
    if speaker is None:
        return None
    stats = dict(
        (
            await db.execute(
                """
                select count(*) as quotes, count(distinct article_id) as articles,
                       count(distinct outlet) as outlets,
                       min(coalesce(said_on, published)) as first_said,
                       max(coalesce(said_on, published)) as last_said
                from quotes where speaker_id = ?
                """,
                [speaker_id],
            )
        ).first()
    )
    aliases = rows(
        await db.execute(
            "select alias, count, registry from speaker_aliases where speaker_id = ? order by count desc, alias",
            [speaker_id],
        )
    )
    roles = rows(
        await db.execute(
            """
            select role, org, first_said, last_said, quotes from speaker_roles
            where speaker_id = ? order by first_said, last_said, role, org
            """,
            [speaker_id],
        )
    )
    monthly = rows(
        await db.execute(
            """
            select substr(coalesce(said_on, published), 1, 7) as month, outlet, count(*) as quotes
            from quotes where speaker_id = ? and coalesce(said_on, published) is not null
            group by month, outlet order by month, outlet
            """,
            [speaker_id],
        )
    )
    claims = rows(
        await db.execute(
            """
            select claims.id, claims.text, claims.quotes, claims.articles, claims.outlets, claims.speakers,
                   claims.first_said as claim_first_said, claim_speakers.quotes as times_said,
                   claim_speakers.first_said, claim_speakers.last_said
            from claim_speakers join claims on claims.id = claim_speakers.claim_id
            where claim_speakers.speaker_id = ? and claims.quotes > 1
            order by claims.quotes desc, claim_speakers.first_said desc, claims.id
            limit 20
            """,
            [speaker_id],
        )
    )
    recent = rows(
        await db.execute(
            """
            select quotes.id, quotes.text, quotes.kind, quotes.role, quotes.org, quotes.outlet,
                   coalesce(quotes.said_on, quotes.published) as day,
                   articles.title as article_title, quotes.article_id
            from quotes join articles on articles.id = quotes.article_id
            where quotes.speaker_id = ?
            order by day desc, articles.published desc, quotes.start, quotes.id
            limit 10
            """,
            [speaker_id],
        )
    )
    page = {
        "speaker": speaker,
        "stats": stats,
        "aliases": aliases,
        "roles": roles,
        "monthly": monthly,
        "chart": T.script_json(T.monthly_chart(monthly)),
        "claims": claims,
        "claims_more": len(claims) == 20,
        "claims_total": (
            await db.execute("select count(*) from claim_speakers where speaker_id = ?", [speaker_id])
        ).first()[0],
        "recent": recent,
        "q": q,
        "results": None,
        "search_error": None,
    }
    if q.strip():
        page["results"], page["search_error"] = await search_speaker_quotes(db, speaker_id, q)
    return page


# --- an article -----------------------------------------------------------------------


async def article_page(db, article_id: str) -> Optional[dict]:
    """The article's text, paragraph by paragraph, with every quote it holds marked."""
    article = await row_by_id(db, "articles", article_id)
    if article is None:
        return None
    quotes = rows(
        await db.execute(
            """
            select quotes.id, quotes.start, quotes."end", quotes.parts, quotes.kind,
                   coalesce(speakers.name, quotes.speaker) as speaker, quotes.speaker_id, quotes.role, quotes.org
            from quotes left join speakers on speakers.id = quotes.speaker_id
            where quotes.article_id = ? order by quotes.start, quotes.id
            """,
            [article_id],
        )
    )
    text = article["text"] or ""
    marks = [(s, e, "quote") for q in quotes for s, e in quote_spans(q)]
    paras = []
    for s, e in T.paragraphs(text):
        local = [(a - s, b - s, c) for a, b, c in marks if a < e and s < b]
        paras.append(T.highlight(text[s:e], local))
    try:
        authors = json.loads(article.get("authors") or "[]")
    except ValueError:
        authors = []
    return {"article": article, "paragraphs": paras, "quotes": quotes, "authors": authors}
