"""Web archives: ``.warc`` and ``.warc.gz`` files as a stream of HTML pages.

Common Crawl's CC-NEWS, the Internet Archive and national libraries publish news as
WARC: every request and response of a crawl, often gigabytes per file. warcio reads
it record by record (a pure-Python library, so it installs wherever quotetrack does;
speed is no concern next to the parser), and only a record's payload is ever held, up
to the size limit: memory stays flat however large the file.

A record becomes an article when it is an HTTP ``response`` with status 200 and an
HTML content type (or a ``resource`` record of HTML, as some crawlers write). Every
other record (requests, metadata, revisits, redirects, errors, images, scripts, pages
with no article text, payloads over the size limit) is skipped and counted, and the
counts are reported once per file through ``info``: a crawl is not a curated list, and
its non-articles are not errors. The page's canonical URL and date win; the record's
``WARC-Target-URI`` and ``WARC-Date`` stand in when the page has none, and
``WARC-Date`` (the capture time) is the article's ``fetched_at``.

``Article.source`` is ``"<path>#<offset>"``: the byte offset of the record, which
``warcio extract <path> <offset>`` prints.
"""

from __future__ import annotations

import os
import zlib
from collections import Counter
from typing import Callable, Iterator, Optional, Union

from ..models import Article
from .base import SourceError, describe_os_error
from .dates import normalise_date
from .html import html_article
from .web import HTML_TYPES

Item = Union[Article, SourceError]


def _media_type(value: Optional[str]) -> str:
    return (value or "").split(";")[0].strip().lower()


def _charset(value: Optional[str]) -> Optional[str]:
    for param in (value or "").split(";")[1:]:
        name, _, charset = param.partition("=")
        if name.strip().lower() == "charset" and charset.strip():
            return charset.strip().strip("'\"")
    return None


def _skip_reason(record) -> Optional[str]:
    """Why a record is not a page to read, or None if it is one."""
    if record.rec_type == "resource":
        return None if _media_type(record.rec_headers.get_header("Content-Type")) in HTML_TYPES else "not HTML"
    if record.rec_type != "response":
        return str(record.rec_type)
    if record.http_headers is None:
        return "not HTTP"
    if record.http_headers.get_statuscode() != "200":
        return "not 200"
    if _media_type(record.http_headers.get_header("Content-Type")) not in HTML_TYPES:
        return "not HTML"
    return None


class _Truncated(Exception):
    pass


def _complete(archive, record) -> bool:
    """Read the rest of a record (in small chunks); False if the file ended inside it.

    warcio reads a truncated record as a short one without complaint. Three signs tell:
    the block's length counter left above zero (a plain .warc), a header block cut
    before its ``Content-Length``, or a gzip member that never reached its end (.warc.gz).
    """
    raw = record.raw_stream
    while raw.read(64 * 1024):
        pass
    if getattr(raw, "limit", 0) > 0 or record.rec_headers.get_header("Content-Length") is None:
        return False
    archive.read_to_end()  # the blank lines that close a record (and its gzip member)
    decompressor = getattr(archive.reader, "decompressor", None)
    return decompressor is None or getattr(decompressor, "eof", True)


def _cut_short(archive, stream) -> bool:
    """Whether the file goes on after the last record read: a .warc.gz cut inside a gzip
    member ends warcio's iteration silently, leaving the rest unread."""
    end = getattr(archive, "offset", None)
    return end is not None and end < os.fstat(stream.fileno()).st_size


def _check_header(path: str, stream) -> None:
    """SourceError unless the file starts like a WARC (warcio would guess at anything)."""
    head = stream.read(64)
    stream.seek(0)
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 5)
        except zlib.error as exc:
            raise SourceError(path, f"corrupt or truncated WARC (bad gzip data: {exc})") from None
        if len(head) < 5:  # the first 64 compressed bytes are too few to say: let warcio decide
            return
    if not head:
        raise SourceError(path, "no WARC records (empty file)")
    if not head.startswith(b"WARC/"):
        raise SourceError(path, "not a WARC file (it should start with 'WARC/')")


def _iso_time(value: Optional[str]) -> Optional[str]:
    if not value:
        return None
    return value[:-1] + "+00:00" if value.endswith("Z") else value


def _pages(archive, stream, max_bytes: int, skipped: Counter) -> Iterator[tuple]:
    """``(record, offset, body)`` for each page record, counting the others in ``skipped``.

    warcio is lenient with damage and, when it does fail, fails with whatever exception
    its parser met (AttributeError on a header cut in two); anything it raises, or any
    record found cut short, ends the file as :class:`_Truncated`.
    """
    records = iter(archive)
    n = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # noqa: BLE001 - warcio's parser on damaged data
            raise _Truncated(f"record {n + 1} is unreadable: {type(exc).__name__}: {exc}") from None
        n += 1
        if record.rec_type is None:  # what warcio makes of a broken header
            raise _Truncated(f"record {n} is unreadable")
        reason = _skip_reason(record)
        body = b""
        if reason is None:
            try:
                body = record.content_stream().read(max_bytes + 1)
            except Exception:  # noqa: BLE001 - a bad chunked or compressed payload: this record only
                reason = "unreadable payload"
        try:
            complete = _complete(archive, record)
        except Exception:  # noqa: BLE001
            complete = False
        if not complete:
            raise _Truncated(f"record {n} ends early")
        if reason is None and len(body) > max_bytes:
            reason = "over the size limit"
        if reason is not None:
            skipped[reason] += 1
            continue
        yield record, archive.get_record_offset(), body
    if _cut_short(archive, stream):
        raise _Truncated(f"unreadable data after record {n}")


def read_warc(path: str, max_bytes: int, *, info: Optional[Callable[[str], None]] = None) -> Iterator[Item]:
    """Yield an article per HTML 200 response in the WARC file ``path``.

    A corrupt or truncated file is one SourceError, after the articles before the
    damage; a page that is binary or cannot be parsed is one SourceError naming its
    record.
    """
    from warcio.archiveiterator import ArchiveIterator

    skipped: Counter = Counter()
    read = failed = 0
    try:
        with open(path, "rb") as stream:
            _check_header(path, stream)
            for record, offset, body in _pages(ArchiveIterator(stream), stream, max_bytes, skipped):
                headers = record.http_headers if record.rec_type == "response" else record.rec_headers
                warc_date = record.rec_headers.get_header("WARC-Date")
                try:
                    article = html_article(
                        f"{path}#{offset}",
                        body,
                        charset=_charset(headers.get_header("Content-Type")),
                        url=record.rec_headers.get_header("WARC-Target-URI"),
                        published=normalise_date(warc_date),
                        fetched_at=_iso_time(warc_date),
                    )
                except SourceError as err:
                    if err.reason.startswith(("no article text", "empty file")):
                        skipped["no article text"] += 1
                        continue
                    failed += 1
                    yield err
                    continue
                read += 1
                yield article
    except OSError as exc:
        raise SourceError(path, describe_os_error(exc)) from None
    except _Truncated as exc:
        records = read + failed + sum(skipped.values())
        where = f" after {records} record{'s' if records != 1 else ''}" if records else ""
        reason = " ".join(str(exc).split())[:200]
        raise SourceError(path, f"corrupt or truncated WARC{where} ({reason})") from None
    finally:
        records = read + failed + sum(skipped.values())
        if info is not None and records:
            detail = ", ".join(f"{n} {why}" for why, n in sorted(skipped.items()))
            summary = f"{records} WARC record{'s' if records != 1 else ''}, "
            summary += f"{read} article{'s' if read != 1 else ''} read"
            info(f"{path}: {summary}" + (f"; skipped: {detail}" if detail else ""))
    if read + failed + sum(skipped.values()) == 0:
        raise SourceError(path, "no WARC records (empty file)")
