"""RSS and Atom feeds: each entry an article, fetched only when new.

A feed (a URL, or an ``.rss``/``.atom``/``.xml`` file) is read with feedparser, which
copes with every RSS version, Atom, RDF and the malformed feeds real sites serve. Each
entry becomes one article:

- from the entry itself when it carries the full text (an Atom ``content`` or RSS
  ``content:encoded`` of at least :data:`FULL_WORDS` words, or a description of at
  least :data:`FULL_SUMMARY_WORDS`, not cut short with "…" or "Read more"): no request;
- else from its link, fetched like any URL (robots.txt, rate limit), the entry's title,
  date and authors filling what the page lacks.

Polling a feed twice must not fetch twice (:class:`FeedState`, on the database):

- **conditional GET**: the feed's ``ETag`` and ``Last-Modified`` from the last run are
  sent back; ``304 Not Modified`` means nothing to do;
- **entries already stored are skipped before fetching**: an entry whose link is some
  stored article's ``source`` or ``url`` costs one indexed look-up, not a request.

The validators are saved only by :meth:`FeedState.save`, which the caller runs once the
articles read are stored, and only for feeds read without an error whose articles are
all in the database. So a run killed half-way, an entry whose page timed out or an
article the extractor failed on makes the next run fetch the feed again (and skip
what was stored): nothing is missed for having been half-read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator, Optional, Union

from ..models import Article
from .base import SourceError, normalise_authors, read_bytes
from .dates import normalise_date
from .furniture import clean_page
from .html import fragment_text
from .paths import is_url
from .web import Fetcher, Page, page_article

Item = Union[Article, SourceError]
Info = Optional[Callable[[str], None]]

FULL_WORDS = 80
"""An entry's ``content`` this long (in words) is taken as the article: feeds that carry
content at all usually carry all of it, and wire briefs are short."""
FULL_SUMMARY_WORDS = 150
"""A summary (RSS ``description``) must be longer to count: most are teasers."""

_TRUNCATED = re.compile(
    r"(?:…|\.\.\.|\[…\]|\[\.\.\.\]|\(more…\)|read more|continue reading|read the full (?:story|article))\W*$",
    re.IGNORECASE,
)
_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(rss|feed|rdf)\b", re.IGNORECASE)
_PROLOGUE = re.compile(rb"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*", re.DOTALL)


def looks_like_feed(body: bytes) -> bool:
    """Whether bytes are an RSS, Atom or RDF feed: by the root element, whatever the
    server calls it (many serve feeds as ``text/html`` or ``application/octet-stream``,
    and ``application/xml`` is also a sitemap's type)."""
    head = body[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "ignore").encode("utf-8")
    head = head.lstrip(b"\xef\xbb\xbf")
    rest = head[_PROLOGUE.match(head).end() :]
    return _FEED_ROOT.match(rest) is not None


# --- state between runs -------------------------------------------------------------------


@dataclass
class _Pending:
    etag: Optional[str]
    last_modified: Optional[str]
    title: Optional[str]
    entries: int
    checked_at: str
    article_ids: list[str]  # what the feed gave: all must be stored before the validators are


class FeedState:
    """What a database remembers of feeds: validators for conditional GET, and whether an
    entry's link is already stored.

    The ``feeds`` table (``url``, ``title``, ``etag``, ``last_modified``, ``entries``,
    ``checked_at``) is part of the store's schema; written only by :meth:`save`.
    """

    def __init__(self, db):
        self.db = db
        self._pending: dict[str, _Pending] = {}

    def _has_table(self, name: str) -> bool:
        return bool(self.db.execute("select 1 from sqlite_master where type = 'table' and name = ?", [name]).fetchone())

    def conditional_headers(self, url: str) -> dict:
        """``If-None-Match`` / ``If-Modified-Since`` for a feed read before, else {}."""
        if not self._has_table("feeds"):
            return {}
        row = self.db.execute("select etag, last_modified from feeds where url = ?", [url]).fetchone()
        headers = {}
        if row and row[0]:
            headers["If-None-Match"] = row[0]
        if row and row[1]:
            headers["If-Modified-Since"] = row[1]
        return headers

    def is_stored(self, link: str) -> bool:
        """Whether an article read from ``link`` (its ``source``) or with that ``url`` is stored."""
        if not self._has_table("articles"):
            return False
        query = "select 1 from articles where source = ? union all select 1 from articles where url = ? limit 1"
        return self.db.execute(query, [link, link]).fetchone() is not None

    def remember(self, url: str, page: Page, title: Optional[str], entries: int, article_ids: list[str]) -> None:
        """Keep the feed's validators, to be written by :meth:`save` if ``article_ids`` are stored."""
        self._pending[url] = _Pending(
            page.headers.get("etag"), page.headers.get("last-modified"), title, entries, page.fetched_at, article_ids
        )

    def _all_stored(self, article_ids: list[str]) -> bool:
        query = "select 1 from articles where id = ?"
        return all(self.db.execute(query, [article_id]).fetchone() for article_id in article_ids)

    def save(self) -> int:
        """Write the remembered validators (one transaction); call once the articles read
        are stored. A feed some of whose articles are not stored (the extractor failed
        on one, the run stopped early) is left out, so the next poll reads it again.
        Returns the number of feeds written."""
        rows = [
            {"url": url, "title": p.title, "etag": p.etag, "last_modified": p.last_modified,
             "entries": p.entries, "checked_at": p.checked_at}
            for url, p in self._pending.items()
            if self._all_stored(p.article_ids)
        ]  # fmt: skip
        self._pending.clear()
        if not rows:
            return 0
        from ..store import write_transaction

        with write_transaction(self.db):
            self.db["feeds"].upsert_all(rows, pk="url")
        return len(rows)


# --- entries ------------------------------------------------------------------------------


def _words(text: str) -> int:
    return len(text.split())


def _entry_body(entry) -> tuple[str, bool]:
    """The entry's own text and whether it is the full article."""
    best, full = "", False
    for content in entry.get("content") or []:
        text = _content_text(content)
        if len(text) > len(best):
            best = text
    if best:
        full = _words(best) >= FULL_WORDS and not _TRUNCATED.search(best)
    summary = _content_text(entry.get("summary_detail") or {"value": entry.get("summary", "")})
    if not full and _words(summary) >= FULL_SUMMARY_WORDS and not _TRUNCATED.search(summary):
        return summary, True
    return (best or summary), full


def _content_text(content) -> str:
    value = content.get("value") or ""
    if "html" in (content.get("type") or "text/html"):
        return fragment_text(value)
    return "\n\n".join(line.strip() for line in value.splitlines() if line.strip())


def _entry_meta(entry, feed_title: Optional[str]) -> dict:
    authors = [a.get("name") for a in entry.get("authors") or [] if a.get("name")] or entry.get("author")
    return {
        "title": (entry.get("title") or "").strip() or None,
        "published": normalise_date(entry.get("published") or entry.get("updated")),
        "authors": normalise_authors(authors),
        "outlet": feed_title,
    }


def _order(entries: list) -> list:
    """Oldest first, so claims grow in the order things were said; feeds list newest first."""
    dated = [(normalise_date(e.get("published") or e.get("updated")), i, e) for i, e in enumerate(entries)]
    if all(d for d, _, _ in dated):
        return [e for _, _, e in sorted(dated, key=lambda t: (t[0], -t[1]))]
    return list(reversed(entries))


def feed_items(
    source: str,
    data: bytes,
    *,
    fetcher: Optional[Fetcher] = None,
    state: Optional[FeedState] = None,
    page: Optional[Page] = None,
    info: Info = None,
) -> Iterator[Item]:
    """The articles of a feed's entries (and one SourceError per entry that fails).

    ``page`` is the fetched response for a feed URL (its validators are remembered when
    every entry was read); ``fetcher`` fetches entry links (the process default if None).
    """
    import feedparser

    headers = {"content-location": page.final_url} if page is not None else {}
    parsed = feedparser.parse(data, response_headers=headers, sanitize_html=True)
    entries = list(parsed.entries)
    if not entries and parsed.get("bozo") and not parsed.get("version"):
        reason = _short(parsed.get("bozo_exception")) or "not RSS or Atom"
        raise SourceError(source, f"not a readable feed ({reason})")
    feed_title = (parsed.feed.get("title") or "").strip() or None
    encoding = (parsed.get("encoding") or "utf-8").lower()
    failed = skipped = 0
    ids: list[str] = []
    for n, entry in enumerate(_order(entries), start=1):
        link = entry.get("link")
        if link and state is not None and state.is_stored(link):
            skipped += 1
            continue
        item = _entry_item(source, n, entry, feed_title, encoding, fetcher, page)
        if isinstance(item, SourceError):
            failed += 1
        else:
            ids.append(item.id)
        yield item
    read = len(ids)
    if info is not None and entries:
        counted = f"{len(entries)} entr{'ies' if len(entries) != 1 else 'y'}"
        info(f"{source}: {counted}, {skipped} already stored, {read} read, {failed} failed")
    if state is not None and page is not None and not failed:
        state.remember(page.url, page, feed_title, len(entries), ids)


def _entry_item(source, n, entry, feed_title, encoding, fetcher, page) -> Item:
    meta = _entry_meta(entry, feed_title)
    link = entry.get("link")
    fetchable = bool(link) and is_url(link)
    body, full = _entry_body(entry)
    # An http(s) link names the entry; else (no link, or feedparser's copy of a "urn:" id)
    # the feed and the entry's id or position do.
    where = link if fetchable else f"{source}#{entry.get('id') or n}"
    if full or (body and not fetchable):
        cleaned = clean_page(body, known_title=meta["title"])
        if not cleaned.text:
            return SourceError(where, "feed entry has no article text")
        return Article(
            text=cleaned.text,
            url=link if fetchable else None,
            source=where,
            source_id=entry.get("id"),
            encoding=encoding,
            fetched_at=page.fetched_at if page is not None else None,
            **meta,
        )
    if not fetchable:
        return SourceError(where, "feed entry has neither text nor an http(s) link")
    try:
        fetched = (fetcher or _default()).get(link)
        article = page_article(fetched, link, published=meta["published"])
    except SourceError as err:
        return err
    article.title = article.title or meta["title"]
    article.authors = article.authors or meta["authors"]
    if not article.outlet or _is_host_name(article.outlet, fetched.final_url):
        article.outlet = feed_title or article.outlet  # a feed's title beats a host name
    article.source_id = entry.get("id")
    return article


def _is_host_name(outlet: str, url: str) -> bool:
    """Whether a page's "site name" is only its host name (trafilatura's fallback)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    names = {parts.netloc.lower(), (parts.hostname or "").lower()}
    names |= {n.removeprefix("www.") for n in names}
    return outlet.strip().lower() in names


def _default() -> Fetcher:
    from .web import default_fetcher

    return default_fetcher()


def _short(exc) -> str:
    return " ".join(str(exc or "").split())[:200]


def read_feed_file(
    path: str,
    max_bytes: int,
    *,
    fetcher: Optional[Fetcher] = None,
    state: Optional[FeedState] = None,
    info: Info = None,
) -> Iterator[Item]:
    """The entries of a feed saved as a file (``.rss``, ``.atom``, ``.xml``)."""
    data = read_bytes(path, max_bytes)
    if not looks_like_feed(data):
        raise SourceError(path, "not an RSS or Atom feed")
    yield from feed_items(path, data, fetcher=fetcher, state=state, info=info)
