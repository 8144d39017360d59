"""Fetching URLs (quotetrack/sources/web.py) against a local HTTP server: no network."""

from __future__ import annotations

import socket
import time

import pytest

from localweb import ARTICLE_PARAGRAPHS, Route, page, serve
from quotetrack.sources import SourceError, iter_articles, read_path
from quotetrack.sources.web import Fetcher, RateLimiter, read_url_list

ROBOTS = "User-agent: *\nDisallow: /private/\n"


@pytest.fixture
def web():
    server = serve(
        {
            "/robots.txt": Route(ROBOTS, content_type="text/plain"),
            "/news/bridge.html": Route(page("Mayor backs the bridge", ARTICLE_PARAGRAPHS, date="2024-03-05")),
            "/old-address": Route(status=301, headers={"Location": "/news/bridge.html"}),
            "/loop": Route(status=302, headers={"Location": "/loop"}),
            "/slow.html": Route(page("Slow", ARTICLE_PARAGRAPHS), delay=3.0),
            "/private/memo.html": Route(page("Memo", ARTICLE_PARAGRAPHS)),
            "/to-private": Route(status=302, headers={"Location": "/private/memo.html"}),
            "/zipped.html": Route(page("Mayor backs the bridge", ARTICLE_PARAGRAPHS), gzip=True),
            "/legacy.html": Route(
                page("Caf\u00e9 reopens", ["The caf\u00e9 reopened on Monday, \u201cat last\u201d, its owner said."], charset="x")
                .replace('<meta charset="x">', "")
                .encode("cp1252"),
                content_type="text/html; charset=windows-1252",
            ),
            "/story.txt": Route("Plain headline\n\n\u201cIt works,\u201d said Ann Lee.\n", content_type="text/plain; charset=utf-8"),
            "/logo.png": Route(b"\x89PNG\r\n\x1a\n\x00\x00", content_type="image/png"),
            "/big.html": Route(page("Big", ["word " * 2000])),
            "/empty.html": Route(b""),
        }
    )
    yield server
    server.close()


def fetcher(**options) -> Fetcher:
    return Fetcher(rate=options.pop("rate", 100.0), **options)


def test_a_page_becomes_an_article_with_its_url_and_fetch_time(web):
    url = web.url("/news/bridge.html")
    with fetcher() as f:
        (article,) = read_path(url, fetcher=f)
    assert article.source == url
    assert article.url == url
    assert article.title == "Mayor backs the bridge"
    assert article.published == "2024-03-05"
    assert article.fetched_at and article.fetched_at.endswith("+00:00")
    assert article.encoding == "utf-8"
    assert "\u201cThis bridge will connect two halves of our city,\u201d said Mayor Jane Smith." in article.text


def test_requests_name_quotetrack_and_accept_gzip(web):
    with fetcher() as f:
        (article,) = read_path(web.url("/zipped.html"), fetcher=f)
    assert "said Mayor Jane Smith" in article.text  # decompressed
    request = web.requests[-1]
    assert request.path == "/zipped.html"
    assert request.headers["user-agent"].startswith("quotetrack/")
    assert "gzip" in request.headers["accept-encoding"]


def test_redirects_are_followed_and_the_final_address_kept(web):
    given = web.url("/old-address")
    with fetcher() as f:
        (article,) = read_path(given, fetcher=f)
    assert article.source == given  # as given, like a path
    assert article.url == web.url("/news/bridge.html")
    assert web.paths() == ["/robots.txt", "/old-address", "/news/bridge.html"]


def test_http_errors_are_one_line_each_and_the_run_goes_on(web):
    urls = [web.url(p) for p in ("/missing.html", "/loop", "/logo.png", "/empty.html", "/news/bridge.html")]
    errors = []
    with fetcher() as f:
        articles = list(iter_articles(urls, on_error=errors.append, fetcher=f))
    assert [a.title for a in articles] == ["Mayor backs the bridge"]
    assert [str(e) for e in errors] == [
        f"{urls[0]}: HTTP 404 Not Found",
        f"{urls[1]}: too many redirects (more than 5)",
        f"{urls[2]}: unsupported content type image/png (expected an HTML page, a feed or text)",
        f"{urls[3]}: empty response (HTTP 200)",
    ]


def test_a_slow_server_times_out(web):
    started = time.monotonic()
    with fetcher(timeout=0.5) as f, pytest.raises(SourceError) as caught:
        list(read_path(web.url("/slow.html"), fetcher=f))
    assert time.monotonic() - started < 2.5
    assert str(caught.value) == f"{web.url('/slow.html')}: timed out after 0.5 s"


def test_robots_txt_is_honoured_and_read_once_per_site(web):
    errors = []
    urls = [web.url("/private/memo.html"), web.url("/to-private"), web.url("/news/bridge.html")]
    with fetcher() as f:
        articles = list(iter_articles(urls, on_error=errors.append, fetcher=f))
    assert len(articles) == 1
    assert [e.reason for e in errors] == [
        "disallowed by robots.txt",
        f"disallowed by robots.txt (redirected to {web.url('/private/memo.html')})",
    ]
    assert "/private/memo.html" not in web.paths()  # never asked for
    assert web.paths().count("/robots.txt") == 1


def test_robots_rules_for_quotetrack_apply():
    server = serve(
        {
            "/robots.txt": Route("User-agent: quotetrack\nDisallow: /\n\nUser-agent: *\nAllow: /\n", content_type="text/plain"),
            "/a.html": Route(page("A", ARTICLE_PARAGRAPHS)),
        }
    )
    try:
        with fetcher() as f, pytest.raises(SourceError, match="disallowed by robots.txt"):
            list(read_path(server.url("/a.html"), fetcher=f))
    finally:
        server.close()


@pytest.mark.parametrize("status, allowed", [(404, True), (403, True), (503, False)])
def test_robots_txt_status_rules(status, allowed):
    """RFC 9309: an unavailable robots.txt (4xx) allows everything; an unreachable one (5xx) nothing."""
    server = serve({"/robots.txt": Route("x", status=status), "/a.html": Route(page("A", ARTICLE_PARAGRAPHS))})
    try:
        with fetcher() as f:
            if allowed:
                assert list(read_path(server.url("/a.html"), fetcher=f))
            else:
                with pytest.raises(SourceError, match=r"robots.txt unreachable \(HTTP 503\)"):
                    list(read_path(server.url("/a.html"), fetcher=f))
    finally:
        server.close()


def test_robots_can_be_switched_off(web):
    with fetcher(robots=False) as f:
        (article,) = read_path(web.url("/private/memo.html"), fetcher=f)
    assert article.title == "Memo"
    assert "/robots.txt" not in web.paths()


def test_at_most_n_requests_per_second_per_host(web):
    started = time.monotonic()
    with Fetcher(rate=5.0) as f:
        for _ in range(5):
            f.get(web.url("/news/bridge.html"))
    # robots.txt and five pages: six requests, five gaps of 0.2 s.
    assert time.monotonic() - started >= 0.95
    assert len(web.requests) == 6


def test_rate_limiter_keeps_hosts_apart():
    clock = [0.0]
    slept = []

    def sleep(seconds):
        slept.append(round(seconds, 3))
        clock[0] += seconds

    limiter = RateLimiter(rate=2.0, clock=lambda: clock[0], sleep=sleep)
    for host in ["a", "a", "b", "a", "b"]:
        limiter.wait(host)
    assert slept == [0.5, 0.5]  # a, a (waits), b, a (waits), b (its slot came while a waited)
    limiter.wait("c", interval=10.0)  # a Crawl-delay widens the gap for that host only
    limiter.wait("c")
    assert slept[-1] == 10.0


def test_a_response_over_the_size_limit_is_refused(web):
    with fetcher(max_bytes=1000) as f, pytest.raises(SourceError, match=r"response too large \(over the 1000 bytes limit\)"):
        list(read_path(web.url("/big.html"), fetcher=f))


def test_charset_from_the_http_header(web):
    with fetcher() as f:
        (article,) = read_path(web.url("/legacy.html"), fetcher=f)
    assert "The caf\u00e9 reopened on Monday, \u201cat last\u201d" in article.text
    assert article.encoding == "windows-1252 (declared)"


def test_plain_text_urls(web):
    with fetcher() as f:
        (article,) = read_path(web.url("/story.txt"), fetcher=f)
    assert article.title == "Plain headline"
    assert article.text == "\u201cIt works,\u201d said Ann Lee."
    assert article.url == web.url("/story.txt")


def test_nothing_listening_is_a_connection_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"http://127.0.0.1:{port}/a.html"
    with fetcher(timeout=2) as f, pytest.raises(SourceError) as caught:
        list(read_path(url, fetcher=f))
    assert caught.value.path == url
    assert caught.value.reason.startswith("robots.txt unreachable (cannot connect")


def test_url_list_files(tmp_path):
    path = tmp_path / "urls.txt"
    path.write_text(
        "\ufeff# morning batch\nhttps://example.org/a\n\n  http://example.org/b  \nftp://example.org/c\nnot a url\n",
        encoding="utf-8",
    )
    items = list(read_url_list(str(path)))
    assert items[:2] == ["https://example.org/a", "http://example.org/b"]
    assert [str(e) for e in items[2:]] == [
        f"{path}:5: not an http(s) URL: 'ftp://example.org/c'",
        f"{path}:6: not an http(s) URL: 'not a url'",
    ]
    (missing,) = read_url_list(str(tmp_path / "nope.txt"))
    assert missing.reason.startswith("cannot read")


def test_cli_extract_reads_urls_and_a_url_list(web, tmp_path, nlp):
    import json

    from click.testing import CliRunner

    from quotetrack.cli import cli

    listing = tmp_path / "urls.txt"
    listing.write_text(f"{web.url('/missing.html')}\n{web.url('/zipped.html')}\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["extract", web.url("/news/bridge.html"), "--urls", str(listing), "--rate", "50", "--workers", "1"]
    )
    assert result.exit_code == 1  # one URL failed
    assert f"Error: {web.url('/missing.html')}: HTTP 404 Not Found" in result.stderr.splitlines()
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["source"] for r in records} == {web.url("/news/bridge.html"), web.url("/zipped.html")}
    assert any(r["speaker"] == "Jane Smith" for r in records)


def test_cli_ingest_stores_url_and_fetch_time(web, tmp_path, nlp):
    import sqlite_utils
    from click.testing import CliRunner

    from quotetrack.cli import cli

    db_path = tmp_path / "q.db"
    args = ["ingest", web.url("/old-address"), "--db", str(db_path), "--rate", "50", "--workers", "1"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    (row,) = sqlite_utils.Database(db_path)["articles"].rows
    assert row["source"] == web.url("/old-address")
    assert row["url"] == web.url("/news/bridge.html")
    assert row["fetched_at"] and row["encoding"] == "utf-8"
    # Again: fetched again (a page may change), stored once.
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0
    assert sqlite_utils.Database(db_path)["articles"].count == 1
    assert result.stderr.strip().splitlines()[-1] == "1 article read, 0 new, 0 quotes stored, 0 errors"


def test_cli_needs_an_input(tmp_path):
    from click.testing import CliRunner

    from quotetrack.cli import cli

    result = CliRunner().invoke(cli, ["extract"])
    assert result.exit_code == 2
    assert "give at least one PATH or URL, or --urls FILE" in result.output
