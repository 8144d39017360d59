"""The plugin's pages in a real browser: Playwright for Python driving Debian's Chromium.

The database is the bundled sample run through the real extractor, plus two short
articles written here: one repeats a sample quote with a word changed, the other quotes
it in part (so a claim travels across three outlets over three months) and quotes
``<script>alert(1)</script>``. Datasette runs in a subprocess on a free local port,
started as a user would start it (``datasette serve``, not ``quotetrack serve``), so the
plugin is found through its entry point.

Every page must load with no console error and no dialog. Screenshots go to
tests/screenshots/ (git-ignored). Skipped, saying why, where Playwright or Chromium is
missing; .ci/run installs both. No browser is ever downloaded: Chromium is the system's
(``apt-get install chromium``), or ``QUOTETRACK_CHROMIUM``.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from functools import partial
from pathlib import Path

import pytest

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright for Python is not installed: pip install -e '.[test]'"
)

CHROMIUM = Path(os.environ.get("QUOTETRACK_CHROMIUM", "/usr/bin/chromium"))
if not CHROMIUM.exists():
    pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium (or set QUOTETRACK_CHROMIUM)",
                allow_module_level=True)

ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path(__file__).resolve().parent / "screenshots"
WIDTH, HEIGHT = 1400, 900

DW_QUOTE = ("The systems of external security in which Armenia is involved are ineffective when it comes to "
            "the protection of our security and Armenia's national interests,")
SCRIPT = "We will not accept <script>alert(1)</script> on our pages,"

#: name -> (text, sidecar). Invented articles, written for these tests.
EXTRA = {
    "gazette-pashinyan": (
        "Pashinyan repeats criticism of Armenia's security partners\n\n"
        "Armenian Prime Minister Nikol Pashinyan repeated his criticism of the country's security partners on "
        "Thursday.\n\n"
        "\"The systems of external security in which Armenia is involved are useless when it comes to the "
        "protection of our security and Armenia's national interests,\" Pashinyan told parliament.\n\n"
        "Opposition leader Ishkhan Saghatelyan said the government had \"no plan at all\" for the refugees "
        "arriving from Nagorno-Karabakh.\n",
        {"title": "Pashinyan repeats criticism of Armenia's security partners", "outlet": "Example Gazette",
         "url": "https://gazette.example/2023/10/pashinyan", "published": "2023-10-05"},
    ),
    "wire-markup": (
        "Ministry statement quoted with markup\n\n"
        "The Example Ministry published a statement on Monday about its website.\n\n"
        "\"" + SCRIPT + "\" said Jane Example, a spokeswoman for the Example Ministry.\n\n"
        "In Yerevan, Prime Minister Nikol Pashinyan said on Monday that \"the systems of external security in "
        "which Armenia is involved are ineffective\".\n",
        {"title": "Ministry statement quoted with <b>markup</b>", "outlet": "Example Wire",
         "url": "https://wire.example/2023/11/statement", "published": "2023-11-06"},
    ),
}


# --- the site ------------------------------------------------------------------------------


def build_database(path: Path, extra_dir: Path, nlp) -> None:
    """The sample articles and :data:`EXTRA`, extracted and stored as ``quotetrack ingest`` does."""
    from quotetrack.extract import extract_many
    from quotetrack.sources import iter_articles
    from quotetrack.store import Store

    extra_dir.mkdir(parents=True, exist_ok=True)
    for name, (text, meta) in EXTRA.items():
        (extra_dir / f"{name}.txt").write_text(text, encoding="utf-8")
        (extra_dir / f"{name}.json").write_text(json.dumps(meta), encoding="utf-8")
    errors = []
    with Store(path) as store:
        store.ingest(
            iter_articles([str(ROOT / "quotetrack" / "sample"), str(extra_dir)], on_error=errors.append),
            partial(extract_many, nlp=nlp, on_error=errors.append),
        )
    assert not errors, errors


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory, nlp):
    """Datasette serving the test database: ``(base_url, sqlite3 connection)``."""
    import sqlite3

    folder = tmp_path_factory.mktemp("browser")
    db = folder / "quotes.db"
    build_database(db, folder / "extra", nlp)
    port = free_port()
    log = open(folder / "datasette.log", "wb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(db), "--metadata", str(ROOT / "metadata.yml"),
         "--host", "127.0.0.1", "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/-/versions.json", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"Datasette did not start: {(folder / 'datasette.log').read_text()}")
                time.sleep(0.2)
        conn = sqlite3.connect(db)
        conn.row_factory = sqlite3.Row
        yield base, conn
        conn.close()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM))
        yield browser
        browser.close()


class Visit:
    """A browser tab that records console errors, page errors and dialogs, and opens paths."""

    def __init__(self, context, base):
        self.base = base
        self.page = context.new_page()
        self.problems: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.problems.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: str):
        response = self.page.goto(self.base + path)
        assert response.status == 200, path
        self.page.wait_for_load_state("networkidle")
        return self.page

    def shot(self, name: str, full_page: bool = False) -> Path:
        SHOTS.mkdir(exist_ok=True)
        path = SHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture
def visit(browser, site):
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT})
    tab = Visit(context, site[0])
    yield tab
    context.close()
    assert not tab.problems, tab.problems
    assert not tab.dialogs, tab.dialogs


def one(conn, sql, *args):
    return conn.execute(sql, args).fetchone()[0]


def text_of(page) -> str:
    return " ".join(page.inner_text("body").split())


# --- the pages --------------------------------------------------------------------------------


def test_home_page_says_what_is_here_and_searches(visit, site):
    page = visit.open("/")
    body = text_of(page)
    assert re.search(r"\d+ quotes found in 19 articles from \d+ outlets, published between 23 February 2006 and "
                     r"1 November 2024", body)
    visit.shot("home")
    page.fill("input[name=_search]", "security")
    page.click(".qt-summary button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "/quotes/quotes?_search=security" in page.url
    quotes = page.locator("table.qt-quotes .qt-quote-text").all_inner_texts()
    assert len(quotes) >= 3 and all("security" in q.lower() for q in quotes)


def test_database_page_lists_questions(visit):
    page = visit.open("/quotes")
    body = text_of(page)
    assert "Questions to ask" in body and "Claims repeated across outlets" in body
    assert page.locator("h2#queries").is_hidden()  # Datasette's own list, repeated above
    visit.shot("database")


def test_quotes_table_reads_quote_first_with_facets(visit, site):
    page = visit.open("/quotes/quotes")
    visit.shot("quotes")
    first_row = page.locator("table.qt-quotes tbody tr").first
    cells = first_row.locator("td")
    assert cells.nth(0).locator(".qt-quote-text").inner_text().strip()
    assert cells.nth(1).locator("a[href^='/quotes/speakers/']").count() == 1
    assert cells.nth(3).locator("a[href^='/quotes/articles/']").count() == 1
    # The quotes start on the first screen.
    assert page.locator("table.qt-quotes").bounding_box()["y"] < HEIGHT
    assert page.locator("details.qt-columns").get_attribute("open") is None
    assert not page.locator("dl.column-descriptions").first.is_visible()
    assert page.locator("th[data-column=parts]").count() == 0
    # A facet narrows the rows.
    page.locator(".facet-info[data-column=outlet] a", has_text="Wikinews").click()
    page.wait_for_load_state("networkidle")
    assert "outlet=Wikinews" in page.url
    wikinews = one(site[1], "select count(*) from quotes where outlet = 'Wikinews'")
    assert f"{wikinews} rows where outlet = \"Wikinews\"" in text_of(page)
    assert page.locator("table.qt-quotes tbody tr").count() == wikinews
    # Every column is one click away, and back.
    page.click(".qt-view-switch a:has-text(\"show every column\")")
    page.wait_for_load_state("networkidle")
    assert page.locator("th[data-column=parts]").count() == 1
    assert "outlet=Wikinews" in page.url
    page.click(".qt-view-switch a:has-text(\"Back to the reading view\")")
    page.wait_for_load_state("networkidle")
    assert page.locator("table.qt-quotes").count() == 1


def test_quote_page_marks_the_quote_in_its_article(visit, site):
    base, conn = site
    qid = one(conn, "select id from quotes where text = ?", DW_QUOTE)
    page = visit.open(f"/quotes/quotes/{qid}")
    visit.shot("quote")
    assert page.locator(".qt-article-text mark.quote").inner_text() == DW_QUOTE
    assert page.locator(".qt-article-text mark.cue").inner_text() == "said"
    assert page.locator(".qt-article-text mark.speaker").inner_text() == "Pashinyan"
    body = text_of(page)
    assert "Said by Nikol Pashinyan" in body and "Prime Minister" in body and "24 September 2023" in body
    assert "Very likely" in body or "Likely" in body
    citation = page.locator("#qt-citation").inner_text()
    assert citation.startswith("Nikol Pashinyan (Prime Minister, Armenia): \u201cThe systems of external")
    assert citation.endswith("24 September 2023. https://p.dw.com/p/4Wk42")
    # The claim's other appearances, each linked to its own page.
    appearances = page.locator(".qt-appearances li")
    assert appearances.count() == 2
    assert "Example Gazette" in appearances.first.inner_text()
    assert appearances.first.locator("ins").inner_text() == "useless"
    appearances.first.locator("a.qt-appearance-text").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".qt-article-text mark.quote").inner_text().startswith("The systems of external security")
    assert "Example Gazette" in text_of(page)


def test_speaker_page_draws_the_chart_and_searches(visit, site):
    base, conn = site
    sid = one(conn, "select speaker_id from quotes where text = ?", DW_QUOTE)
    page = visit.open(f"/quotes/speakers/{sid}")
    page.wait_for_selector(".qt-chart[data-qt-drawn] svg")
    visit.shot("speaker")
    body = text_of(page)
    assert "Nikol Pashinyan" in page.locator("h1").inner_text()
    assert "from 24 September 2023 to 6 November 2023" in body
    assert "Prime Minister" in page.locator(".qt-roles").inner_text()
    # One bar per month with quotes, one colour per outlet.
    bars = page.locator(".qt-chart svg .mark-rect.role-mark path")
    assert bars.count() == 3
    legend = page.locator(".qt-chart svg .role-legend-label text").all_text_contents()
    assert legend == ["DW", "Example Gazette", "Example Wire"]
    # Search within their quotes (a form: no JavaScript needed).
    page.fill("#qt-q", "useless")
    page.click(".qt-search button")
    page.wait_for_load_state("networkidle")
    assert "?q=useless" in page.url
    results = page.locator(".qt-results li")
    assert results.count() == 1 and results.locator("mark").inner_text() == "useless"


def test_claim_page_marks_the_changed_words(visit, site):
    base, conn = site
    cid = one(conn, "select claim_id from quotes where text = ?", DW_QUOTE)
    page = visit.open(f"/quotes/claims/{cid}")
    page.wait_for_selector(".qt-chart[data-qt-drawn] svg")
    visit.shot("claim")
    assert page.locator(".qt-form-list li").count() == 3
    assert page.locator(".qt-form-list del").inner_text() == "ineffective"
    assert page.locator(".qt-form-list ins").inner_text() == "useless"
    timeline = page.locator(".qt-timeline-list > li")
    assert timeline.count() == 3
    outlets = [timeline.nth(i).locator(".qt-outlet").inner_text() for i in range(3)]
    assert outlets == ["DW", "Example Gazette", "Example Wire"]  # first appearance first
    assert "first appearance" in timeline.first.inner_text()
    assert page.locator(".qt-chart svg .mark-symbol.role-mark path").count() == 3


def test_a_script_in_a_quote_shows_as_text(visit, site):
    base, conn = site
    qid = one(conn, "select id from quotes where text like ?", "%<script>%")
    page = visit.open(f"/quotes/quotes/{qid}")
    visit.shot("script-quote")
    assert page.locator(".qt-article-text mark.quote").inner_text() == SCRIPT
    assert SCRIPT.rstrip(",") in page.locator(".qt-big-quote").inner_text()
    assert "Ministry statement quoted with <b>markup</b>" in text_of(page)
    assert page.locator(".qt-main script").count() == 0 and page.locator("b", has_text="markup").count() == 0
    assert page.evaluate("() => [...document.scripts].some(s => s.textContent.includes('alert(1)'))") is False
    page = visit.open("/quotes/quotes?_search=alert")
    assert SCRIPT.rstrip(",") in page.locator("table.qt-quotes .qt-quote-text").inner_text()


def test_pages_read_without_javascript(browser, site):
    base, conn = site
    context = browser.new_context(viewport={"width": WIDTH, "height": HEIGHT}, java_script_enabled=False)
    page = context.new_page()
    qid = one(conn, "select id from quotes where text = ?", DW_QUOTE)
    sid = one(conn, "select speaker_id from quotes where text = ?", DW_QUOTE)
    page.goto(f"{base}/quotes/quotes/{qid}")
    assert page.locator(".qt-article-text mark.quote").inner_text() == DW_QUOTE
    page.goto(f"{base}/quotes/speakers/{sid}?q=security")
    assert page.locator(".qt-results li").count() == 3
    page.click("text=The numbers")
    assert page.locator(".qt-chart-data table").is_visible()
    assert "Example Gazette" in page.locator(".qt-chart-data table").inner_text()
    context.close()
