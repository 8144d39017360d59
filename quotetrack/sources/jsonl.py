"""JSON records: ``.jsonl``/``.jsonl.gz`` (one object per line) and ``.json``/``.json.gz``.

A record is an object with a non-empty ``text`` and optional ``title``, ``url``,
``published`` (or ``publication_date``), ``outlet``, ``authors`` (string or list) and
``id``.

JSON Lines are streamed: one line is in memory at a time, however large the file, and
the size limit applies per line. A bad line is reported with its number and the next
line is read. A ``.json`` file whose first line is a complete object and which has
more lines is JSON Lines too; otherwise it is one document, an object or a list of
objects, read whole and so subject to the size limit as a whole.

``Article.source`` is ``"<path>#<n>"``: the line number for JSON Lines, the record
number in a JSON list, the bare path for a single-object document. It always locates
the record, ids or not; the record's own ``id`` is kept in ``Article.source_id``.

JSON Lines are UTF-8 (RFC 8259 makes it the only encoding of JSON exchanged between
systems, and guessing the encoding of one short line would be a guess per record); a
whole JSON document is decoded like a text file (byte order mark, UTF-8, detection).
"""

from __future__ import annotations

import codecs
import gzip
import itertools
import json
import zlib
from contextlib import contextmanager
from typing import BinaryIO, Iterable, Iterator, Optional, Union

from ..models import Article
from .base import (
    SourceError,
    decode_source,
    describe_os_error,
    format_size,
    record_to_article,
    too_large,
)

Item = Union[Article, SourceError]
RawLine = tuple[int, Optional[bytes]]
"""A line number and the line's bytes, or None for a line over the size limit."""

_SKIP_CHUNK = 64 * 1024
_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _open(path: str) -> BinaryIO:
    return gzip.open(path, "rb") if path.lower().endswith(".gz") else open(path, "rb")


@contextmanager
def _reading(path: str):
    """Turn I/O and decompression failures while streaming into a SourceError for ``path``."""
    try:
        yield
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise SourceError(path, f"corrupt or truncated gzip data ({exc})") from None
    except OSError as exc:
        raise SourceError(path, describe_os_error(exc)) from None


def raw_lines(stream: BinaryIO, max_bytes: int) -> Iterator[RawLine]:
    """Numbered lines of ``stream``, never holding more than ``max_bytes`` of one line.

    An over-long line is yielded as None and the rest of it skipped in small chunks.
    """
    lineno = 0
    while raw := stream.readline(max_bytes + 1):
        lineno += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):
                raw = stream.readline(_SKIP_CHUNK)
            yield lineno, None
        else:
            yield lineno, raw


def _parse(raw: bytes) -> object:
    """One JSON value from bytes; UnicodeDecodeError or JSONDecodeError if it is not one."""
    return json.loads(raw.decode("utf-8-sig"))


def _article_or_error(path: str, where: str, record: object, source: str, encoding: str = "utf-8") -> Item:
    """The record as an Article, or the SourceError saying why it is not one.

    ``where`` ("line 3: ", "record 2: " or "") places the record in the file.
    """
    if not isinstance(record, dict):
        return SourceError(path, f"{where}not a JSON object")
    try:
        return record_to_article(record, source, encoding)
    except ValueError as exc:
        return SourceError(path, f"{where}{exc}")


def _line_item(path: str, lineno: int, raw: Optional[bytes], max_bytes: int) -> Item:
    where = f"line {lineno}: "
    if raw is None:
        return SourceError(path, f"{where}longer than the {format_size(max_bytes)} limit")
    try:
        record = _parse(raw)
    except UnicodeDecodeError as exc:
        return SourceError(path, f"{where}not UTF-8 (byte 0x{raw[exc.start]:02x})")
    except json.JSONDecodeError as exc:
        return SourceError(path, f"{where}malformed JSON ({exc.msg} at column {exc.colno})")
    return _article_or_error(path, where, record, f"{path}#{lineno}")


def _content_lines(path: str, lines: Iterable[RawLine]) -> Iterator[RawLine]:
    """Non-blank lines; SourceError if the file is binary or has no content at all."""
    seen = False
    for lineno, raw in lines:
        if raw is not None and not raw.strip():
            continue
        if not seen and raw is not None and b"\x00" in raw:
            raise SourceError(path, "binary file (contains NUL bytes)")
        seen = True
        yield lineno, raw
    if not seen:
        raise SourceError(path, "empty file")


def _line_records(path: str, lines: Iterable[RawLine], max_bytes: int) -> Iterator[Item]:
    for lineno, raw in lines:
        yield _line_item(path, lineno, raw, max_bytes)


def read_jsonl(path: str, max_bytes: int) -> Iterator[Item]:
    """Yield one article (or one SourceError) per non-blank line of a JSON Lines file."""
    with _reading(path), _open(path) as stream:
        lines = _content_lines(path, raw_lines(stream, max_bytes))
        yield from _line_records(path, lines, max_bytes)


def _is_object_line(raw: Optional[bytes]) -> bool:
    try:
        return raw is not None and isinstance(_parse(raw), dict)
    except ValueError:  # JSONDecodeError and UnicodeDecodeError are both ValueErrors
        return False


def _document_records(path: str, data: bytes) -> Iterator[Item]:
    """The records of a whole JSON document: one object or a list of objects."""
    decoded = decode_source(path, data)
    try:
        value = json.loads(decoded.text)
    except json.JSONDecodeError as exc:
        reason = f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})"
        raise SourceError(path, reason) from None
    if isinstance(value, list):
        for n, record in enumerate(value, start=1):
            yield _article_or_error(path, f"record {n}: ", record, f"{path}#{n}", decoded.label)
    else:
        yield _article_or_error(path, "", value, path, decoded.label)


def read_json(path: str, max_bytes: int) -> Iterator[Item]:
    """Yield the articles of a ``.json`` file: JSON Lines, or else one JSON document.

    A file with a UTF-16 or UTF-32 byte order mark is a document (its lines cannot be
    split as bytes), decoded by its mark.
    """
    with _reading(path), _open(path) as stream:
        if stream.peek(4)[:4].startswith(_WIDE_BOMS):  # files and gzip streams both peek
            data = stream.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise too_large(path, max_bytes)
            yield from _document_records(path, data)
            return
        lines = _content_lines(path, raw_lines(stream, max_bytes))
        first_lineno, first = next(lines)
        if _is_object_line(first):
            second = next(lines, None)
            if second is None:  # a single object on one line: a document, not JSON Lines
                yield from _document_records(path, first)
                return
            yield _line_item(path, first_lineno, first, max_bytes)
            yield from _line_records(path, itertools.chain([second], lines), max_bytes)
            return
        if first is None:  # its first line alone is over the limit
            raise too_large(path, max_bytes)
        data = first + stream.read(max_bytes + 1 - len(first))
        if len(data) > max_bytes:
            raise too_large(path, max_bytes)
        yield from _document_records(path, data)
