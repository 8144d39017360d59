"""Readers: turn files of news into :class:`~quotetrack.models.Article` objects.

::

    from quotetrack.sources import iter_articles, read_path, SourceError

    errors = []
    for article in iter_articles(["corpus/", "extra/*.jsonl.gz"], on_error=errors.append):
        ...

One reader per format, chosen by extension: ``.txt`` (:mod:`.text`), ``.html``/``.htm``
(:mod:`.html`), ``.jsonl``/``.jsonl.gz``/``.json``/``.json.gz`` (:mod:`.jsonl`).
Everything is lazy: files are opened one at a time and JSON Lines read line by line,
so memory does not grow with the number of articles.

A bad input (missing, unreadable, binary, empty, not UTF-8, too large, malformed JSON
line, record without text) is one :class:`SourceError` ``"<path>: <reason>"``. It goes
to ``on_error`` and reading goes on with the next line or file; without ``on_error``
it is raised.
"""

from __future__ import annotations

import os
from typing import Callable, Iterable, Iterator, Optional, Union

from ..models import Article
from .base import MAX_BYTES, SourceError
from .html import read_html
from .jsonl import read_json, read_jsonl
from .paths import SUFFIXES, expand_paths, suffix_of
from .text import read_text

__all__ = ["MAX_BYTES", "SUFFIXES", "SourceError", "iter_articles", "read_path"]

ErrorHandler = Callable[[SourceError], None]
Item = Union[Article, SourceError]

_READERS = {
    ".txt": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".jsonl": read_jsonl,
    ".jsonl.gz": read_jsonl,
    ".json": read_json,
    ".json.gz": read_json,
}


def _read_items(path: str, max_bytes: int) -> Iterator[Item]:
    """Articles of one file, with every problem as a SourceError item, never raised.

    Readers raise for a file they cannot read at all and yield errors for single bad
    records; both come out here as items, so there is one place that reports them.
    """
    reader = _READERS.get(suffix_of(path) or "")
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
) -> Iterator[Article]:
    """The articles in one file, by extension. Raises SourceError unless ``on_error`` is given.

    ``max_bytes`` caps a text or HTML file (a JSON document read whole) and each JSON line.
    """
    return _articles(_read_items(os.fspath(path), max_bytes), on_error)


def iter_articles(
    paths: Iterable[Union[str, os.PathLike]],
    on_error: Optional[ErrorHandler] = None,
    *,
    max_bytes: int = MAX_BYTES,
) -> Iterator[Article]:
    """Articles from files, folders (recursive, sorted) and glob patterns, lazily.

    Each bad file or record is passed to ``on_error`` and reading goes on; with
    ``on_error=None`` the first one is raised and iteration stops.
    """

    def items() -> Iterator[Item]:
        for entry in expand_paths(paths):
            if isinstance(entry, SourceError):
                yield entry
            else:
                yield from _read_items(entry, max_bytes)

    return _articles(items(), on_error)
