"""Fetching news from the web, politely: httpx with a budget, robots.txt and a rate per host.

A researcher's ingest may ask one site for thousands of pages. Sites block crawlers
that hammer them or ignore their rules, and a stuck connection must not stall a run
for ever, so every request made through a :class:`Fetcher`:

- names quotetrack in its ``User-Agent`` (:data:`USER_AGENT`), so a site can tell who
  is asking and address rules to ``quotetrack`` in its robots.txt;
- honours the site's robots.txt (RFC 9309: a missing one, or any 4xx, allows all; a
  server error or an unreachable one allows nothing, for this run), including a
  ``Crawl-delay`` (up to :data:`MAX_CRAWL_DELAY` seconds);
- waits its turn: at most ``rate`` requests per second to one host, robots.txt
  included (:class:`RateLimiter`);
- has ``timeout`` seconds in all, connection to last byte: a server that trickles
  bytes times out as surely as one that never answers;
- follows up to :data:`MAX_REDIRECTS` redirects itself, so each hop is checked
  against its own site's robots.txt and rate;
- accepts gzip (and deflate) transfer, refuses bodies over ``max_bytes``.

A failure is a :class:`~quotetrack.sources.base.SourceError` naming the URL and the
reason in one line ("HTTP 404 Not Found", "timed out after 20 s", "disallowed by
robots.txt"), so URLs fail like files: reported, and the run goes on.

What the bytes are (page, feed, text) is decided by the caller; :func:`page_article`
reads a fetched page or text as an article with the same readers files use.
"""

from __future__ import annotations

import atexit
import threading
import time
import urllib.robotparser
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Iterator, Optional, Union
from urllib.parse import urljoin, urlsplit

from .. import __version__
from ..models import Article
from .base import MAX_BYTES, SourceError, decode_source, describe_os_error, format_size
from .paths import is_url

USER_AGENT = f"quotetrack/{__version__} (news quotation research; python-httpx)"
"""Names the tool and its version first, so robots.txt rules for ``quotetrack`` apply
(``Fetcher(user_agent=...)`` adds a contact address for large crawls)."""
ROBOTS_TOKEN = "quotetrack"
DEFAULT_RATE = 1.0
"""Requests per second to one host: a person reading, not a crawler hammering."""
DEFAULT_TIMEOUT = 20.0
"""Seconds for one request, connection to last byte."""
MAX_REDIRECTS = 5
MAX_CRAWL_DELAY = 60.0
"""A robots.txt ``Crawl-delay`` is honoured up to this many seconds between requests."""
ROBOTS_MAX_BYTES = 512 * 1024
"""RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt; the rest is ignored."""
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)


def now_iso() -> str:
    """The current time in UTC, to the second, ISO 8601 (as ``ingested_at``)."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


@dataclass
class Page:
    """A fetched response: where it came from, what it is, and its (decompressed) body."""

    url: str  # the URL requested, as given
    final_url: str  # after redirects
    status: int
    headers: dict  # lower-case names
    body: bytes
    fetched_at: str

    @property
    def content_type(self) -> str:
        """The media type, lower case, without parameters ("text/html"); "" if none."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> Optional[str]:
        """The ``charset`` parameter of ``Content-Type``, if the server states one."""
        for param in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip("'\"")
        return None


class RateLimiter:
    """At most one request per ``1 / rate`` seconds to each host, across threads.

    The slot is reserved before sleeping, so concurrent callers queue in order rather
    than all waking at once. ``clock`` and ``sleep`` are injectable for tests.
    """

    def __init__(
        self,
        rate: float = DEFAULT_RATE,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ):
        if rate <= 0:
            raise ValueError("rate must be positive (requests per second per host)")
        self.interval = 1.0 / rate
        self._clock, self._sleep = clock, sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str, interval: Optional[float] = None) -> None:
        """Block until ``host`` may be asked again; ``interval`` overrides the rate (Crawl-delay)."""
        gap = max(self.interval, interval or 0.0)
        with self._lock:
            now = self._clock()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + gap
        if slot > now:
            self._sleep(slot - now)


class _Robots:
    """One site's robots.txt: a parser, or the reason the site may not be fetched at all."""

    def __init__(self, parser: Optional[urllib.robotparser.RobotFileParser], refusal: Optional[str] = None):
        self.parser = parser
        self.refusal = refusal

    def allows(self, url: str) -> bool:
        return self.refusal is None and (self.parser is None or self.parser.can_fetch(ROBOTS_TOKEN, url))

    def crawl_delay(self) -> Optional[float]:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(ROBOTS_TOKEN)
        return min(float(delay), MAX_CRAWL_DELAY) if delay else None


class Fetcher:
    """An HTTP client for news pages and feeds (see the module docstring for the rules).

    One fetcher per run, shared by every reader, so the rate limit and the robots.txt
    cache cover the whole run; use it as a context manager or call :meth:`close`.
    ``transport`` is passed to httpx (tests use a mock transport).
    """

    def __init__(
        self,
        rate: float = DEFAULT_RATE,
        timeout: float = DEFAULT_TIMEOUT,
        max_bytes: int = MAX_BYTES,
        user_agent: str = USER_AGENT,
        robots: bool = True,
        max_redirects: int = MAX_REDIRECTS,
        transport=None,
    ):
        import httpx

        self.timeout = timeout
        self.max_bytes = max_bytes
        self.max_redirects = max_redirects
        self.respect_robots = robots
        self.limiter = RateLimiter(rate)
        self._robots: dict[str, _Robots] = {}
        self._robots_lock = threading.Lock()
        self._client = httpx.Client(
            headers={"User-Agent": user_agent, "Accept": ACCEPT},
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,  # followed here, hop by hop (robots.txt, rate)
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- requests ---------------------------------------------------------------------

    def get(self, url: str, headers: Optional[dict] = None, source: Optional[str] = None) -> Page:
        """GET ``url`` under the rules; SourceError naming ``source`` (default: the URL).

        ``headers`` are sent on every hop (conditional GET: ``If-None-Match`` ...); a
        ``304 Not Modified`` is returned as a Page with an empty body, not an error.
        """
        source = source or url
        current = url
        for _ in range(self.max_redirects + 1):
            if not is_url(current):
                raise SourceError(source, f"redirected to {current!r}, which is not an http(s) URL")
            robots = self.robots_for(current, source)
            if not robots.allows(current):
                reason = robots.refusal or "disallowed by robots.txt"
                raise SourceError(source, reason if current == url else f"{reason} (redirected to {current})")
            self.limiter.wait(self._host(current), robots.crawl_delay())
            status, response_headers, body, final = self._request(current, headers, source, self.max_bytes)
            if status in (301, 302, 303, 307, 308) and response_headers.get("location"):
                current = urljoin(final, response_headers["location"])
                continue
            if status >= 400:
                raise SourceError(source, f"HTTP {status} {_reason_phrase(status)}".strip())
            return Page(url, final, status, response_headers, body, now_iso())
        raise SourceError(source, f"too many redirects (more than {self.max_redirects})")

    def _request(self, url: str, headers: Optional[dict], source: str, limit: int):
        """One request: (status, headers, body, url); the body only for 2xx, within ``limit``."""
        import httpx

        started = time.monotonic()
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                response_headers = {k.lower(): v for k, v in response.headers.items()}
                body = b""
                if 200 <= response.status_code < 300:
                    body = self._read_body(response, source, limit, started)
                return response.status_code, response_headers, body, str(response.url)
        except httpx.TimeoutException:
            raise SourceError(source, f"timed out after {self.timeout:g} s") from None
        except httpx.ConnectError as exc:
            raise SourceError(source, f"cannot connect ({_short(exc)})") from None
        except httpx.DecodingError as exc:
            raise SourceError(source, f"corrupt compressed response ({_short(exc)})") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise SourceError(source, f"invalid URL ({_short(exc)})") from None
        except httpx.HTTPError as exc:
            raise SourceError(source, f"fetch failed ({type(exc).__name__}: {_short(exc)})") from None
        except OSError as exc:
            raise SourceError(source, describe_os_error(exc)) from None

    def _read_body(self, response, source: str, limit: int, started: float) -> bytes:
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) > limit:
            raise SourceError(source, f"response too large (over the {format_size(limit)} limit)")
        chunks, size = [], 0
        for chunk in response.iter_bytes():  # decompressed (gzip, deflate)
            size += len(chunk)
            if size > limit:
                raise SourceError(source, f"response too large (over the {format_size(limit)} limit)")
            if time.monotonic() - started > self.timeout:
                raise SourceError(source, f"timed out after {self.timeout:g} s")
            chunks.append(chunk)
        return b"".join(chunks)

    # --- robots.txt -------------------------------------------------------------------

    @staticmethod
    def _host(url: str) -> str:
        return (urlsplit(url).hostname or "").lower()

    def robots_for(self, url: str, source: Optional[str] = None) -> _Robots:
        """The robots.txt rules of ``url``'s site (scheme, host and port), fetched once per run."""
        if not self.respect_robots:
            return _Robots(None)
        parts = urlsplit(url)
        origin = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
        with self._robots_lock:
            known = self._robots.get(origin)
        if known is None:
            known = self._fetch_robots(origin, source or url)
            with self._robots_lock:
                self._robots[origin] = known
        return known

    def _fetch_robots(self, origin: str, source: str) -> _Robots:
        robots_url = origin + "/robots.txt"
        status = 0
        body = b""
        current = robots_url
        try:
            for _ in range(self.max_redirects + 1):  # RFC 9309: follow at least five
                self.limiter.wait(self._host(current))
                status, headers, body, final = self._request(current, None, source, ROBOTS_MAX_BYTES)
                if status in (301, 302, 303, 307, 308) and headers.get("location"):
                    current = urljoin(final, headers["location"])
                    continue
                break
        except SourceError as err:
            if "too large" in err.reason:  # read what the RFC asks for, ignore the rest
                return _Robots(_parse_robots(body))
            return _Robots(None, f"robots.txt unreachable ({err.reason}), so not fetched")
        if 200 <= status < 300:
            return _Robots(_parse_robots(body))
        if 400 <= status < 500 or status in (301, 302, 303, 307, 308):
            return _Robots(None)  # no robots.txt: everything allowed
        return _Robots(None, f"robots.txt unreachable (HTTP {status}), so not fetched")


def _parse_robots(body: bytes) -> urllib.robotparser.RobotFileParser:
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(body.decode("utf-8", "replace").splitlines())
    return parser


def _reason_phrase(status: int) -> str:
    from http import HTTPStatus

    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


# --- one fetcher per process -------------------------------------------------------------

_default: Optional[Fetcher] = None
_default_lock = threading.Lock()


def default_fetcher() -> Fetcher:
    """The process's shared Fetcher (default settings), for readers given no fetcher.

    Shared so that the rate limit and robots.txt cache hold across calls (a Dask worker
    reads one URL per call); closed when the process exits.
    """
    global _default
    with _default_lock:
        if _default is None:
            _default = Fetcher()
            atexit.register(_default.close)
        return _default


# --- pages to articles -------------------------------------------------------------------

HTML_TYPES = ("text/html", "application/xhtml+xml")


def looks_like_html(body: bytes) -> bool:
    head = body[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head


def page_article(page: Page, source: Optional[str] = None, **fallbacks) -> Article:
    """The article in a fetched HTML page or plain text; SourceError for anything else.

    ``url`` defaults to the address after redirects, ``fetched_at`` is the time of the
    response; ``fallbacks`` (``published`` ...) stand in for what the page lacks.
    """
    from .html import html_article
    from .text import text_article

    source = source or page.url
    kind = page.content_type
    if not page.body.strip():
        raise SourceError(source, f"empty response (HTTP {page.status})")
    if kind in HTML_TYPES or (kind in ("", "application/octet-stream") and looks_like_html(page.body)):
        fallbacks.setdefault("url", page.final_url)
        return html_article(source, page.body, charset=page.charset, fetched_at=page.fetched_at, **fallbacks)
    if kind == "text/plain":
        decoded = decode_source(source, page.body, page.charset)
        return text_article(source, decoded, url=page.final_url, fetched_at=page.fetched_at)
    raise SourceError(source, f"unsupported content type {kind or 'unknown'} (expected an HTML page, a feed or text)")


# --- lists of URLs -----------------------------------------------------------------------


def read_url_list(path: str) -> Iterator[Union[str, SourceError]]:
    """The URLs in a text file, one per line (``--urls FILE``), lazily.

    Blank lines and ``#`` comments are skipped; any other line that is not an http(s)
    URL is a SourceError naming ``file:line``. An unreadable file is one SourceError.
    """
    try:
        with open(path, "rb") as stream:
            for lineno, raw in enumerate(stream, start=1):
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8", "replace").strip()
                if not line or line.startswith("#"):
                    continue
                if is_url(line) and " " not in line:
                    yield line
                else:
                    yield SourceError(f"{path}:{lineno}", f"not an http(s) URL: {line[:80]!r}")
    except OSError as exc:
        yield SourceError(path, describe_os_error(exc))
