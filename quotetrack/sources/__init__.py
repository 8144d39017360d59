"""Readers: turn files, URLs, feeds and web archives of news into :class:`~quotetrack.models.Article` objects.

::

    from quotetrack.sources import iter_articles, read_path, SourceError

    errors = []
    for article in iter_articles(["corpus/", "extra/*.jsonl.gz"], on_error=errors.append):
        ...

One reader per format, chosen by extension: ``.txt`` (:mod:`.text`), ``.html``/``.htm``
(:mod:`.html`), ``.jsonl``/``.jsonl.gz``/``.json``/``.json.gz`` (:mod:`.jsonl`),
``.rss``/``.atom``/``.xml`` feeds (:mod:`.feeds`), ``.warc``/``.warc.gz`` web archives
(:mod:`.warc`). An ``http(s)://`` URL is fetched (:mod:`.web`: robots.txt, a rate per
host, timeouts) and read as what it turns out to be: an HTML page, a feed (each entry
an article) or plain text. Bytes become text by :mod:`.encoding` (byte order mark,
UTF-8, declared charset, detection), and ``Article.encoding`` says which was used.

Everything is lazy: files are opened one at a time, JSON Lines read line by line and
WARC files record by record, so memory does not grow with the number of articles.

A bad input (missing, unreadable, binary, empty, too large, malformed JSON line,
record without text, HTTP error, timeout, disallowed by robots.txt) is one
:class:`SourceError` ``"<path or URL>: <reason>"``. It goes to ``on_error`` and reading
goes on with the next line, entry or file; without ``on_error`` it is raised. Notes
that are not errors (records a WARC file skipped, a feed's entries already stored) go
to ``on_info`` if given.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional, Union

from ..models import Article
from .base import MAX_BYTES, SourceError
from .html import read_html
from .jsonl import read_json, read_jsonl
from .paths import SUFFIXES, expand_paths, is_url, suffix_of
from .text import read_text

if TYPE_CHECKING:
    from .feeds import FeedState
    from .web import Fetcher

__all__ = ["MAX_BYTES", "SUFFIXES", "SourceError", "iter_articles", "read_path", "read_url"]

ErrorHandler = Callable[[SourceError], None]
InfoHandler = Callable[[str], None]
Item = Union[Article, SourceError]


@dataclass
class ReadOptions:
    """What readers beyond plain files need: the run's fetcher (None: the process's
    shared one), the database's feed state (None: feeds are read whole, every time),
    and where notes go."""

    fetcher: Optional["Fetcher"] = None
    feeds: Optional["FeedState"] = None
    on_info: Optional[InfoHandler] = None

    def get_fetcher(self) -> "Fetcher":
        from .web import default_fetcher

        return self.fetcher or default_fetcher()


def _read_feed(path: str, max_bytes: int, options: ReadOptions) -> Iterator[Item]:
    from .feeds import read_feed_file

    return read_feed_file(path, max_bytes, fetcher=options.fetcher, state=options.feeds, info=options.on_info)


def _read_warc(path: str, max_bytes: int, options: ReadOptions) -> Iterator[Item]:
    from .warc import read_warc

    return read_warc(path, max_bytes, info=options.on_info)


#: Readers that need the run's options (fetcher, feed state, notes).
_OPTION_READERS = {
    ".rss": _read_feed,
    ".atom": _read_feed,
    ".xml": _read_feed,
    ".warc": _read_warc,
    ".warc.gz": _read_warc,
}

_READERS = {
    ".txt": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".jsonl.gz": read_jsonl,
    ".json": read_json,
    ".json.gz": read_json,
}


def read_url(url: str, options: Optional[ReadOptions] = None) -> Iterator[Item]:
    """The article(s) at a URL: a page or text is one article, a feed one per entry.

    A feed the database has seen is asked for with its validators (conditional GET);
    ``304 Not Modified`` yields nothing. SourceError (naming the URL) if it cannot be
    fetched or read.
    """
    from .feeds import feed_items, looks_like_feed
    from .web import page_article

    options = options or ReadOptions()
    fetcher = options.get_fetcher()
    headers = options.feeds.conditional_headers(url) if options.feeds is not None else {}
    page = fetcher.get(url, headers=headers or None)
    if page.status == 304:
        if options.on_info is not None:
            options.on_info(f"{url}: feed not modified since the last run")
        return
    if looks_like_feed(page.body):
        yield from feed_items(url, page.body, fetcher=fetcher, state=options.feeds, page=page, info=options.on_info)
    else:
        yield page_article(page, url)


def _read_items(path: str, max_bytes: int, options: Optional[ReadOptions] = None) -> Iterator[Item]:
    """Articles of one file or URL, with every problem as a SourceError item, never raised.

    Readers raise for a file they cannot read at all and yield errors for single bad
    records; both come out here as items, so there is one place that reports them.
    """
    options = options or ReadOptions()
    if is_url(path):
        try:
            yield from read_url(path, options)
        except SourceError as err:
            yield err
        return
    suffix = suffix_of(path) or ""
    reader = _READERS.get(suffix)
    if suffix in _OPTION_READERS:
        reader = partial(_OPTION_READERS[suffix], options=options)
    if reader is None:
        reason = (
            "is a directory (read_path reads one file; iter_articles walks folders)"
            if os.path.isdir(path)
            else f"unsupported file type (expected one of {', '.join(SUFFIXES)})"
        )
        yield SourceError(path, reason)
        return
    try:
        yield from reader(path, max_bytes)
    except SourceError as err:
        yield err


def _articles(items: Iterable[Item], on_error: Optional[ErrorHandler]) -> Iterator[Article]:
    for item in items:
        if isinstance(item, SourceError):
            if on_error is None:
                raise item
            on_error(item)
        else:
            yield item


def read_path(
    path: Union[str, os.PathLike],
    *,
    on_error: Optional[ErrorHandler] = None,
    max_bytes: int = MAX_BYTES,
    fetcher: Optional["Fetcher"] = None,
    feeds: Optional["FeedState"] = None,
    on_info: Optional[InfoHandler] = None,
) -> Iterator[Article]:
    """The articles in one file or URL, by extension or by what the URL serves. Raises
    SourceError unless ``on_error`` is given.

    ``max_bytes`` caps a text or HTML file (a JSON document read whole), each JSON line
    and each WARC record; a fetched response is capped by the fetcher's own limit.
    """
    options = ReadOptions(fetcher, feeds, on_info)
    return _articles(_read_items(os.fspath(path), max_bytes, options), on_error)


def iter_articles(
    paths: Iterable[Union[str, os.PathLike]],
    on_error: Optional[ErrorHandler] = None,
    *,
    max_bytes: int = MAX_BYTES,
    fetcher: Optional["Fetcher"] = None,
    feeds: Optional["FeedState"] = None,
    on_info: Optional[InfoHandler] = None,
) -> Iterator[Article]:
    """Articles from files, folders (recursive, sorted), glob patterns and URLs, lazily.

    Each bad file, record or URL is passed to ``on_error`` and reading goes on; with
    ``on_error=None`` the first one is raised and iteration stops. ``fetcher`` fetches
    URLs and feed entries (default: one shared per process, see
    :func:`.web.default_fetcher`); ``feeds`` (a :class:`.feeds.FeedState` on the
    database) makes feeds fetch only what is new, and must be saved once the articles
    are stored; ``on_info`` receives one-line notes that are not errors.
    """
    options = ReadOptions(fetcher, feeds, on_info)

    def items() -> Iterator[Item]:
        for entry in expand_paths(paths):
            if isinstance(entry, SourceError):
                yield entry
            else:
                yield from _read_items(entry, max_bytes, options)

    return _articles(items(), on_error)
