"""RSS and Atom feeds (quotetrack/sources/feeds.py): entries, conditional GET, skipping
what is stored; against a local HTTP server and local files."""

from __future__ import annotations

import pytest
import sqlite_utils

from localweb import ARTICLE_PARAGRAPHS, Route, page, serve
from quotetrack.sources import SourceError, iter_articles, read_path
from quotetrack.sources.feeds import FeedState, looks_like_feed
from quotetrack.sources.web import Fetcher
from quotetrack.store import Store

FULL = " ".join(["The minister spoke at length about the budget and what it means for schools."] * 7)
FULL += " \u201cWe will fund every school,\u201d said Minister Ann Lee."


def rss(base: str, items: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Ledger News</title><link>{base}/</link>{''.join(items)}</channel></rss>"
    )


def item(base: str, slug: str, date: str, *, content: str = "", description: str = "A teaser... Read more") -> str:
    encoded = f"<content:encoded><![CDATA[<p>{content}</p>]]></content:encoded>" if content else ""
    return (
        f"<item><title>{slug.title()} story</title><link>{base}/news/{slug}.html</link><guid>{slug}</guid>"
        f"<pubDate>{date}</pubDate><description>{description}</description>{encoded}</item>"
    )


class Site:
    """A local news site with a feed; ``etag`` None serves the feed without validators."""

    def __init__(self, etag='"v1"'):
        self.routes = {}
        self.web = serve(self.routes)
        self.etag = etag
        base = self.web.base
        self.items = [
            item(base, "budget", "Tue, 05 Mar 2024 10:00:00 +0000", content=FULL),
            item(base, "bridge", "Mon, 04 Mar 2024 09:00:00 +0000"),
        ]
        self.routes["/feed.xml"] = Route(self.answer, content_type="application/rss+xml")
        self.routes["/news/bridge.html"] = Route(page("Mayor backs the bridge", ARTICLE_PARAGRAPHS))

    def answer(self, headers):
        extra = {"ETag": self.etag} if self.etag else {}
        if self.etag and headers.get("if-none-match") == self.etag:
            return 304, extra, b""
        return 200, extra, rss(self.web.base, self.items)

    def url(self, path):
        return self.web.url(path)

    def close(self):
        self.web.close()


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


def run(store_path, url, **options):
    """One poll: read the feed, store every article, save the feed state (as the CLI does)."""
    store = Store(store_path)
    state = FeedState(store.db)
    errors, notes = [], []
    with Fetcher(rate=100) as fetcher:
        articles = list(
            iter_articles([url], on_error=errors.append, fetcher=fetcher, feeds=state, on_info=notes.append, **options)
        )
    for article in articles:
        store.add(article, [])
    state.save()
    store.close()
    return articles, errors, notes


def test_entries_become_articles_oldest_first(site, tmp_path):
    articles, errors, notes = run(tmp_path / "q.db", site.url("/feed.xml"))
    assert errors == []
    bridge, budget = articles  # the feed lists the newest first
    # A teaser: the link was fetched, the page read, the feed's title used as outlet.
    assert bridge.source == bridge.url == site.url("/news/bridge.html")
    assert bridge.title == "Mayor backs the bridge"
    assert bridge.outlet == "Ledger News"
    assert bridge.published == "2024-03-04"
    assert "said Mayor Jane Smith" in bridge.text and bridge.fetched_at
    # Full content in the entry: used as it is, its link never fetched.
    assert budget.text == FULL
    assert (budget.title, budget.published, budget.outlet) == ("Budget story", "2024-03-05", "Ledger News")
    assert budget.url == site.url("/news/budget.html")
    assert "/news/budget.html" not in site.web.paths()
    assert notes == [f"{site.url('/feed.xml')}: 2 entries, 0 already stored, 2 read, 0 failed"]


def test_a_second_poll_is_a_conditional_get(site, tmp_path):
    db_path = tmp_path / "q.db"
    run(db_path, site.url("/feed.xml"))
    row = sqlite_utils.Database(db_path)["feeds"].get(site.url("/feed.xml"))
    assert (row["etag"], row["title"], row["entries"]) == ('"v1"', "Ledger News", 2)
    site.web.requests.clear()
    articles, errors, notes = run(db_path, site.url("/feed.xml"))
    assert (articles, errors) == ([], [])
    assert notes == [f"{site.url('/feed.xml')}: feed not modified since the last run"]
    feed_request = [r for r in site.web.requests if r.path == "/feed.xml"][0]
    assert feed_request.headers["if-none-match"] == '"v1"'
    assert site.web.paths() == ["/robots.txt", "/feed.xml"]


def test_stored_entries_are_skipped_before_fetching(tmp_path):
    site = Site(etag=None)  # no validators: the feed is fetched whole every time
    try:
        db_path = tmp_path / "q.db"
        run(db_path, site.url("/feed.xml"))
        site.items.insert(0, item(site.web.base, "harbour", "Wed, 06 Mar 2024 08:00:00 +0000"))
        site.routes["/news/harbour.html"] = Route(page("Harbour ferry plan", ARTICLE_PARAGRAPHS[:1] + ["New words for a new story."]))
        site.web.requests.clear()
        articles, errors, notes = run(db_path, site.url("/feed.xml"))
        assert [a.title for a in articles] == ["Harbour ferry plan"]
        assert "/news/bridge.html" not in site.web.paths()
        assert notes == [f"{site.url('/feed.xml')}: 3 entries, 2 already stored, 1 read, 0 failed"]
    finally:
        site.close()


def test_a_failed_entry_is_retried_next_time(site, tmp_path):
    """Validators are saved only for a feed read without errors, so a page that failed is
    fetched again on the next poll, while stored entries stay skipped."""
    db_path = tmp_path / "q.db"
    page_route = site.routes.pop("/news/bridge.html")
    articles, errors, _ = run(db_path, site.url("/feed.xml"))
    assert [a.title for a in articles] == ["Budget story"]
    assert [str(e) for e in errors] == [f"{site.url('/news/bridge.html')}: HTTP 404 Not Found"]
    assert sqlite_utils.Database(db_path)["feeds"].count == 0
    site.routes["/news/bridge.html"] = page_route
    articles, errors, _ = run(db_path, site.url("/feed.xml"))
    assert [a.title for a in articles] == ["Mayor backs the bridge"] and errors == []
    assert sqlite_utils.Database(db_path)["feeds"].count == 1


@pytest.mark.parametrize("saved", [False, True])
def test_validators_are_not_saved_before_the_articles_are(site, tmp_path, saved):
    """A run killed after reading the feed but before storing all its entries (save never
    runs), or one that stored only some (the extractor failed on one: save finds it
    missing), leaves no validators: the next poll gets the whole feed, not a 304."""
    db_path = tmp_path / "q.db"
    store = Store(db_path)
    state = FeedState(store.db)
    with Fetcher(rate=100) as fetcher:
        first, _ = iter_articles([site.url("/feed.xml")], fetcher=fetcher, feeds=state)
    store.add(first, [])
    if saved:
        assert state.save() == 0
    store.close()
    site.web.requests.clear()
    articles, errors, _ = run(db_path, site.url("/feed.xml"))
    assert "if-none-match" not in site.web.requests[1].headers
    assert len(articles) == 1 and articles[0].id != first.id and errors == []


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Wire Desk</title>
  <entry>
    <title>Ministers agree</title><id>urn:wire:1</id><updated>2024-05-02T12:00:00Z</updated>
    <author><name>A. Reporter</name></author>
    <content type="html">&lt;p&gt;{full}&lt;/p&gt;&lt;figure&gt;&lt;figcaption&gt;Photo: agency&lt;/figcaption&gt;&lt;/figure&gt;</content>
  </entry>
  <entry>
    <title>No link, short</title><id>urn:wire:2</id><updated>2024-05-01T12:00:00Z</updated>
    <summary>&#8220;Short but complete,&#8221; the spokesman said.</summary>
  </entry>
  <entry><title>Nothing</title><id>urn:wire:3</id><updated>2024-05-03T12:00:00Z</updated></entry>
</feed>
"""


def test_an_atom_file_with_content_needs_no_fetching(tmp_path):
    path = tmp_path / "wire.atom"
    path.write_text(ATOM.format(full=FULL), encoding="utf-8")
    errors = []
    short, full = read_path(path, on_error=errors.append)
    assert (short.source, short.text) == (f"{path}#urn:wire:2", "\u201cShort but complete,\u201d the spokesman said.")
    assert full.text == FULL  # the caption is dropped
    assert (full.title, full.authors, full.outlet, full.published) == ("Ministers agree", ["A. Reporter"], "Wire Desk", "2024-05-02")
    assert full.source_id == "urn:wire:1"
    assert [str(e) for e in errors] == [f"{path}#urn:wire:3: feed entry has neither text nor an http(s) link"]


def test_files_that_are_not_feeds(tmp_path):
    sitemap = tmp_path / "sitemap.xml"
    sitemap.write_text('<?xml version="1.0"?><urlset><url><loc>https://x/</loc></urlset>', encoding="utf-8")
    broken = tmp_path / "broken.rss"
    broken.write_text("<rss><channel><title>x</title><item><title>unclosed", encoding="utf-8")
    errors = []
    assert list(iter_articles([sitemap, broken], on_error=errors.append)) == []
    assert [str(e) for e in errors] == [
        f"{sitemap}: not an RSS or Atom feed",
        f"{broken}: feed entry has neither text nor an http(s) link".replace(f"{broken}:", f"{broken}#1:"),
    ]


def test_xml_files_are_read_when_named_but_not_when_walking_a_folder(tmp_path):
    (tmp_path / "feed.xml").write_text(ATOM.format(full=FULL), encoding="utf-8")
    (tmp_path / "story.txt").write_text("Body.", encoding="utf-8")
    assert [a.text for a in iter_articles([tmp_path])] == ["Body."]
    assert len(list(iter_articles([tmp_path / "feed.xml"], on_error=lambda e: None))) == 2
    assert len(list(iter_articles([f"{tmp_path}/*.xml"], on_error=lambda e: None))) == 2


@pytest.mark.parametrize(
    "head, expected",
    [
        (b'<?xml version="1.0"?>\n<!-- c --><rss version="2.0">', True),
        (b"\xef\xbb\xbf<feed xmlns='http://www.w3.org/2005/Atom'>", True),
        (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x">', True),
        ('<?xml version="1.0" encoding="utf-16"?><rss>'.encode("utf-16"), True),
        (b"<!DOCTYPE html><html><body>rss feed</body></html>", False),
        (b'<?xml version="1.0"?><urlset>', False),
        (b"<feedback>", False),
    ],
)
def test_looks_like_feed(head, expected):
    assert looks_like_feed(head) is expected


def test_cli_ingest_a_feed_twice(site, tmp_path, nlp):
    from click.testing import CliRunner

    from quotetrack.cli import cli

    db_path = tmp_path / "q.db"
    args = ["ingest", site.url("/feed.xml"), "--db", str(db_path), "--rate", "50", "--workers", "1"]
    first = CliRunner().invoke(cli, args)
    assert first.exit_code == 0, first.output
    assert first.stderr.strip().splitlines()[-1].startswith("2 articles read, 2 new")
    site.web.requests.clear()
    second = CliRunner().invoke(cli, args)
    assert second.exit_code == 0, second.output
    assert f"Note: {site.url('/feed.xml')}: feed not modified since the last run" in second.stderr
    assert second.stderr.strip().splitlines()[-1] == "0 articles read, 0 new, 0 quotes stored, 0 errors"
    assert not any(p.startswith("/news/") for p in site.web.paths())
    db = sqlite_utils.Database(db_path)
    assert db["articles"].count == 2
    assert db["quotes"].count >= 2


def test_a_feed_that_is_not_found_is_one_error(site):
    with Fetcher(rate=100) as fetcher, pytest.raises(SourceError, match="HTTP 404 Not Found"):
        list(read_path(site.url("/nope.xml"), fetcher=fetcher))
