"""What every reader shares: the error type, size limit, byte decoding, paragraphs, metadata.

Readers report a bad input as a :class:`SourceError` (one line: the file and the
reason) and never let a traceback out for a bad file: a corpus run must survive the
one broken file in ten thousand.
"""

from __future__ import annotations

import os
import re
from typing import Iterable, Mapping, Optional, Union

from ..models import Article
from .dates import normalise_date
from .encoding import Decoded, UndecodableError, decode

MAX_BYTES = 20 * 1024 * 1024
"""Largest text or HTML file read (and largest single JSON line): a bigger one is not an article."""

PathLike = Union[str, "os.PathLike[str]"]


class SourceError(Exception):
    """A file, or one record in it, that could not be read as an article.

    ``str(err)`` is ``"<path>: <reason>"`` on one line, ready for a log or a terminal.
    """

    def __init__(self, path: PathLike, reason: str):
        self.path = os.fspath(path)
        self.reason = " ".join(str(reason).split())
        super().__init__(f"{self.path}: {self.reason}")

    def __reduce__(self):
        # Rebuild from (path, reason), so errors can cross process boundaries.
        return (type(self), (self.path, self.reason))


def format_size(n_bytes: int) -> str:
    """``n_bytes`` for a human: "20 MB", "512 bytes"."""
    if n_bytes >= 1024 * 1024:
        return f"{n_bytes / (1024 * 1024):g} MB"
    if n_bytes >= 1024:
        return f"{n_bytes / 1024:g} KB"
    return f"{n_bytes} bytes"


def describe_os_error(exc: OSError) -> str:
    """A short reason for an I/O failure, without the path (the error already names it)."""
    return f"cannot read ({exc.strerror or exc})"


def read_bytes(path: str, max_bytes: int) -> bytes:
    """The whole file, refusing files over ``max_bytes`` without reading them entirely."""
    try:
        with open(path, "rb") as stream:
            data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise SourceError(path, describe_os_error(exc)) from None
    if len(data) > max_bytes:
        raise too_large(path, max_bytes)
    return data


def too_large(path: str, max_bytes: int) -> SourceError:
    return SourceError(path, f"file too large (over the {format_size(max_bytes)} limit)")


def decode_source(path: str, data: bytes, declared: Optional[str] = None) -> Decoded:
    """``data`` as text with the encoding used (see :mod:`.encoding`), or a SourceError.

    Byte order mark, then ``declared`` (a charset the source states), then UTF-8, then
    detection; only binary data is refused. Whitespace only means an empty file: an
    error, not an empty article.
    """
    try:
        decoded = decode(data, declared)
    except UndecodableError as exc:
        raise SourceError(path, str(exc)) from None
    if not decoded.text.strip():
        raise SourceError(path, "empty file")
    return decoded


def decode_text(path: str, data: bytes, fallback: Optional[str] = None) -> str:
    """``data`` as text (:func:`decode_source` without the encoding); ``fallback`` is a
    declared charset."""
    return decode_source(path, data, fallback).text


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """Lines of ``text``, stripped, blank ones kept as "" (they separate blocks).

    Only CR/LF break lines: ``str.splitlines`` would also split on U+2028 and friends,
    which can sit inside a paragraph.
    """
    return [line.strip() for line in _LINE_BREAK.split(text)]


def join_paragraphs(lines: Iterable[str]) -> str:
    """Non-empty ``lines`` as paragraphs separated by one blank line."""
    return "\n\n".join(line for line in lines if line)


def normalise_paragraphs(text: str) -> str:
    """``text`` with each line a paragraph, blank-line separated, characters unchanged."""
    return join_paragraphs(split_lines(text))


def _clean_value(value: object) -> Optional[str]:
    """A metadata value as a stripped string, or None for missing/empty/structured values."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    return str(value).strip() or None


def normalise_authors(value: object) -> list[str]:
    """Authors from a list or a string; a string is split on ";" (trafilatura's separator).

    Commas are not split on: "Doe, Jane" is one author.
    """
    if isinstance(value, str):
        value = value.split(";")
    if not isinstance(value, (list, tuple)):
        return []
    return [name for name in map(_clean_value, value) if name]


def metadata_from_record(record: Mapping) -> dict:
    """Article metadata fields from a JSON record or sidecar, normalised.

    Accepts ``published`` or ``publication_date`` and ``authors`` or ``author``;
    ``id`` becomes ``source_id``. Unknown keys (licence, provenance) are ignored.
    """
    published = record.get("published")
    if published is None:
        published = record.get("publication_date")
    authors = record.get("authors")
    if authors is None:
        authors = record.get("author")
    return {
        "title": _clean_value(record.get("title")),
        "url": _clean_value(record.get("url")),
        "outlet": _clean_value(record.get("outlet")),
        "published": normalise_date(published),
        "authors": normalise_authors(authors),
        "source_id": _clean_value(record.get("id")),
    }


def record_to_article(record: Mapping, source: str, encoding: Optional[str] = None) -> Article:
    """An Article from a JSON record; ``ValueError`` (the reason) if it has no usable text.

    ``encoding`` is how the file was read (JSON Lines are always UTF-8).
    """
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("record has no non-empty 'text'")
    return Article(
        text=normalise_paragraphs(text), source=source, encoding=encoding, **metadata_from_record(record)
    )
