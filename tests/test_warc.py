"""Web archives (quotetrack/sources/warc.py), with WARC files built here by warcio."""

from __future__ import annotations

import gzip
import io
import os
import tracemalloc

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from localweb import ARTICLE_PARAGRAPHS, page
from quotetrack.sources import SourceError, iter_articles, read_path

CAFE = ["The caf\u00e9 reopened on Monday after a long winter, its owner said.", "\u201cWe are back,\u201d said owner Ann Lee, who has run it for years."]


class Archive:
    """Writes WARC records with warcio, as a crawler would."""

    def __init__(self, stream, gzip_records=True):
        self.writer = WARCWriter(stream, gzip=gzip_records)

    def response(self, url, body: bytes, *, status="200 OK", content_type="text/html", date="2024-03-06T08:00:00Z", headers=()):
        http = StatusAndHeaders(status, [("Content-Type", content_type), *headers], protocol="HTTP/1.1")
        record = self.writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict={"WARC-Date": date}
        )
        self.writer.write_record(record)

    def request(self, url):
        http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example")], is_http_request=True)
        self.writer.write_record(self.writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=http))

    def resource(self, url, body: bytes, content_type="text/html"):
        record = self.writer.create_warc_record(
            url, "resource", payload=io.BytesIO(body), warc_content_type=content_type,
            warc_headers_dict={"WARC-Date": "2024-03-07T00:00:00Z"},
        )  # fmt: skip
        self.writer.write_record(record)

    def info(self):
        self.writer.write_record(self.writer.create_warcinfo_record("test.warc", {"software": "quotetrack tests"}))


def build(path, gzip_records=True):
    """A small crawl: two articles, a resource page, and every kind of record to skip."""
    with open(path, "wb") as stream:
        warc = Archive(stream, gzip_records)
        warc.info()
        warc.request("https://news.example/cafe")
        legacy = page("Caf\u00e9 reopens", CAFE, charset="x").replace('<meta charset="x">', "").encode("cp1252")
        warc.response("https://news.example/cafe", legacy, content_type="text/html; charset=windows-1252")
        dated = page("Mayor backs the bridge", ARTICLE_PARAGRAPHS, date="2024-03-05")
        warc.response("https://news.example/bridge", dated.encode(), content_type="text/html; charset=utf-8")
        warc.response("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n\x00\x00", content_type="image/png")
        warc.response("https://news.example/gone", b"<html>gone</html>", status="404 Not Found")
        warc.response("https://news.example/old", b"", status="301 Moved Permanently", headers=[("Location", "/cafe")])
        warc.response("https://news.example/empty", b"<html><head><title>Nothing</title></head><body> </body></html>")
        warc.resource("https://news.example/saved", page("Saved page", ["A resource record holds a page a crawler saved.", "\u201cIt counts,\u201d the archivist said."]).encode())


@pytest.mark.parametrize("name, gzip_records", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_html_responses_become_articles_and_the_rest_is_counted(tmp_path, name, gzip_records):
    path = tmp_path / name
    build(path, gzip_records)
    notes, errors = [], []
    cafe, bridge, saved = iter_articles([path], on_error=errors.append, on_info=notes.append)
    assert errors == []
    # No date or canonical URL in the page: the record's target URI and date stand in.
    assert cafe.url == "https://news.example/cafe"
    assert cafe.published == "2024-03-06"
    assert cafe.fetched_at == "2024-03-06T08:00:00+00:00"
    assert cafe.encoding == "windows-1252 (declared)"  # the archived HTTP header's charset
    assert cafe.text == "\n\n".join(CAFE)
    assert cafe.source.startswith(f"{path}#") and int(cafe.source.rsplit("#", 1)[1]) > 0
    # The page's own date wins over the capture date.
    assert (bridge.title, bridge.published) == ("Mayor backs the bridge", "2024-03-05")
    assert saved.title == "Saved page" and saved.published == "2024-03-07"
    assert notes == [
        f"{path}: 9 WARC records, 3 articles read; skipped: 1 no article text, 2 not 200, 1 not HTML, "
        "1 request, 1 warcinfo"
    ]


def test_the_record_offset_locates_the_record(tmp_path):
    from warcio.archiveiterator import ArchiveIterator

    path = tmp_path / "crawl.warc.gz"
    build(path)
    cafe = next(iter_articles([path]))
    with open(path, "rb") as stream:
        stream.seek(int(cafe.source.rsplit("#", 1)[1]))
        record = next(iter(ArchiveIterator(stream)))
    assert record.rec_headers.get_header("WARC-Target-URI") == "https://news.example/cafe"


def test_a_folder_of_archives(tmp_path):
    build(tmp_path / "b.warc")
    build(tmp_path / "a.warc.gz")
    (tmp_path / "notes.txt").write_text("Some notes.", encoding="utf-8")
    sources = [a.source.split("#")[0] for a in iter_articles([tmp_path])]
    assert sources == [str(tmp_path / "a.warc.gz")] * 3 + [str(tmp_path / "b.warc")] * 3 + [str(tmp_path / "notes.txt")]


@pytest.mark.parametrize("name, gzip_records", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_a_truncated_archive_keeps_what_came_before(tmp_path, name, gzip_records):
    """Cut anywhere, an archive gives the articles before the cut and exactly one error."""
    whole = tmp_path / f"whole-{name}"
    build(whole, gzip_records)
    data = whole.read_bytes()
    complete = [a.text for a in iter_articles([whole])]
    cut = tmp_path / name
    for n in range(1, 40):
        cut.write_bytes(data[: len(data) * n // 40])
        errors = []
        texts = [a.text for a in iter_articles([cut], on_error=errors.append)]
        assert texts == complete[: len(texts)]
        (error,) = errors
        assert error.path == str(cut)
        assert error.reason.startswith(("corrupt or truncated WARC", "not a WARC file")), error.reason


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "no WARC records (empty file)"),
        (b"this is not a web archive\n" * 5, "not a WARC file (it should start with 'WARC/')"),
        (gzip.compress(b"<html>a gzipped page</html>" * 9), "not a WARC file"),
        (b"\x1f\x8b\x08\x00garbage" * 9, "corrupt or truncated WARC"),
    ],
)
def test_not_an_archive(tmp_path, content, reason):
    path = tmp_path / "bad.warc"
    path.write_bytes(content)
    with pytest.raises(SourceError) as caught:
        list(read_path(path))
    assert caught.value.reason.startswith(reason)


def test_memory_stays_flat_in_file_size(tmp_path):
    """A 12 MB archive of large non-HTML records and pages is read without holding it."""
    path = tmp_path / "big.warc.gz"
    with open(path, "wb") as stream:
        warc = Archive(stream)
        for i in range(40):
            warc.response(f"https://news.example/video{i}.mp4", os.urandom(300_000), content_type="video/mp4")
            warc.response(f"https://news.example/story{i}", page(f"Story {i}", [f"Paragraph {i}. " * 40]).encode())
    assert path.stat().st_size > 12_000_000
    tracemalloc.start()
    try:
        n = sum(1 for _ in iter_articles([path]))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert n == 40
    assert peak < 4_000_000, peak


def test_cli_ingest_a_warc(tmp_path, nlp):
    import sqlite_utils
    from click.testing import CliRunner

    from quotetrack.cli import cli

    path = tmp_path / "crawl.warc.gz"
    build(path)
    db_path = tmp_path / "q.db"
    result = CliRunner().invoke(cli, ["ingest", str(path), "--db", str(db_path), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert f"Note: {path}: 9 WARC records, 3 articles read" in result.stderr
    rows = {r["url"]: r for r in sqlite_utils.Database(db_path)["articles"].rows}
    assert set(rows) == {"https://news.example/cafe", "https://news.example/bridge", "https://news.example/saved"}
    assert rows["https://news.example/cafe"]["fetched_at"] == "2024-03-06T08:00:00+00:00"
    assert rows["https://news.example/cafe"]["encoding"] == "windows-1252 (declared)"


def test_gzip_members_are_per_record(tmp_path):
    """A .warc.gz is a series of gzip members, one per record (what offsets point into)."""
    path = tmp_path / "crawl.warc.gz"
    build(path)
    with gzip.open(path, "rb") as stream:
        assert stream.read(5) == b"WARC/"
