"""The Datasette plugin (quotetrack/datasette_plugin), in process.

The pure functions are tested on the bundled sample articles; the pages through
``Datasette(...).client`` on the hand-built corpora of conftest.py and test_claims.py.
The same pages in a real browser: tests/test_browser.py.
"""

import asyncio
import json
import re
import shutil
import sqlite3
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette
from markupsafe import Markup

from conftest import build_article
from quotetrack.datasette_plugin import text as T
from quotetrack.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "quotetrack" / "sample"
DW = (SAMPLE / "dw-armenia-un.txt").read_text(encoding="utf-8")
DW_QUOTE = (
    "The systems of external security in which Armenia is involved are ineffective when it comes to "
    "the protection of our security and Armenia's national interests,"
)


def fetch(db_path, *paths, metadata=True):
    """GET each path from one Datasette instance, started as ``datasette serve`` starts it."""

    async def run():
        meta = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8")) if metadata else {}
        ds = Datasette([str(db_path)], metadata=meta)
        await ds.invoke_startup()
        ds.app()  # builds the router, which lists every template (as the server does)
        return [await ds.client.get(path) for path in paths]

    return asyncio.run(run())


def words(html):
    """The page's text with runs of whitespace folded, as a reader sees it."""
    return " ".join(html.split())


def quote_id(db_path, words):
    with sqlite3.connect(db_path) as conn:
        return conn.execute("select id from quotes where text like ?", [f"%{words}%"]).fetchone()[0]


# --- marking text ------------------------------------------------------------------------


def test_highlight_marks_the_quote_in_its_paragraph():
    start = DW.index(DW_QUOTE)
    para_start = DW.rindex("\n", 0, start) + 1
    para_end = DW.index("\n", start)
    paragraph = DW[para_start:para_end]
    s = start - para_start
    html = T.highlight(paragraph, [(s, s + len(DW_QUOTE), "quote")])
    assert isinstance(html, Markup)
    assert f'<mark class="quote">{DW_QUOTE.replace(chr(39), "&#39;")}</mark>' in html
    assert html.endswith("&#34; Pashinyan said.")


def test_highlight_escapes_article_text_and_drops_overlaps():
    text = 'He said "<script>alert(1)</script>" & left.'
    q = text.index("<script>")
    html = T.highlight(text, [(q, q + 25, "quote"), (3, 7, "cue"), (q + 2, q + 6, "speaker"), (40, 99), (5, 5)])
    assert "<script>" not in html
    assert '<mark class="quote">&lt;script&gt;alert(1)&lt;/script&gt;</mark>' in html
    assert 'He <mark class="cue">said</mark>' in html
    assert 'class="speaker"' not in html  # overlapped the quote, listed after it
    assert html.count("<mark") == 3  # the span past the end is clipped, the empty one dropped
    assert "&amp;" in html


def test_passages_give_the_quote_its_paragraph_and_neighbours():
    start = DW.index(DW_QUOTE)
    shown = T.passages(DW, [(start, start + len(DW_QUOTE))])
    texts = [DW[p.start : p.end] for p in shown]
    assert len(texts) == 3
    assert texts[0].startswith("Armenian Prime Minister Nikol Pashinyan said on Sunday")
    assert DW_QUOTE in texts[1]
    assert texts[2].startswith("Russia had peacekeeping troops")


def test_passages_trim_a_long_neighbour_at_a_sentence():
    text = "First. " * 200 + "\n\n" + '"Quoted words," she said.' + "\n\nNext one. Next two. " + "More words here. " * 100
    q = text.index("Quoted")
    before, own, after = T.passages(text, [(q, q + 13)], limit=60)
    assert before.cut_before and text[before.start : before.end].startswith("First.")
    assert len(text[before.start : before.end]) <= 60
    assert text[own.start : own.end] == '"Quoted words," she said.'
    assert after.cut_after and text[after.start : after.end].endswith(".")
    assert len(text[after.start : after.end]) <= 60


def test_nearest_word_finds_the_cue_outside_the_quote():
    start = DW.index(DW_QUOTE)
    span = [(start, start + len(DW_QUOTE))]
    s, e = T.nearest_word(DW, "said", span)
    assert DW[s:e] == "said" and s > start + len(DW_QUOTE)
    assert DW[s - 10 : e] == "Pashinyan said"
    # A word inside the quote is never the cue.
    assert T.nearest_word('"We said no," he added.', "said", [(1, 11)]) is None
    assert T.nearest_word(DW, "according to", span, 0, 10) is None


# --- word differences ---------------------------------------------------------------------


def test_word_diff_marks_the_changed_word():
    variant = DW_QUOTE.replace("ineffective", "useless")
    assert T.word_diff(DW_QUOTE, variant) == [
        ("same", "The systems of external security in which Armenia is involved are"),
        ("del", "ineffective"),
        ("ins", "useless"),
        ("same", "when it comes to the protection of our security and Armenia's national interests,"),
    ]
    html = T.diff_markup(T.word_diff(DW_QUOTE, variant))
    assert "<del>ineffective</del> <ins>useless</ins>" in html


def test_word_diff_folds_case_and_punctuation_and_escapes():
    assert [op for op, _ in T.word_diff("We will rebuild, every school.", "we will REBUILD every school!")] == ["same"]
    html = T.diff_markup(T.word_diff("a b c", "a <y> c"))
    assert "<del>b</del> <ins>&lt;y&gt;</ins>" in html


def test_diff_markup_elides_words_a_partial_quote_leaves_out():
    partial = "the systems of external security in which Armenia is involved are ineffective"
    html = T.diff_markup(T.word_diff(T.display_words(DW_QUOTE), partial))
    assert "<del>" not in html and html.endswith("…</span>")
    assert 'title="not quoted here: when it comes to' in html


# --- wording -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "confidence, words",
    [(0.99, "very likely"), (0.9, "very likely"), (0.89, "likely"), (0.5, "likely"), (0.49, "uncertain"),
     (0.0, "uncertain"), (None, "not estimated")],
)
def test_confidence_in_words(confidence, words):
    assert T.confidence_words(confidence) == words


def test_cite_line():
    line = T.cite("Nikol Pashinyan", "Prime Minister", "Armenia", DW_QUOTE, "DW", "2023-09-24",
                  "https://p.dw.com/p/4Wk42", "Armenia urges UN to monitor human rights in Nagorno-Karabakh")
    assert line == (
        "Nikol Pashinyan (Prime Minister, Armenia): \u201cThe systems of external security in which Armenia is "
        "involved are ineffective when it comes to the protection of our security and Armenia's national "
        "interests\u201d. Quoted in DW, \u201cArmenia urges UN to monitor human rights in Nagorno-Karabakh\u201d, "
        "24 September 2023. https://p.dw.com/p/4Wk42"
    )
    assert T.cite(None, "spokesman", "Google", "No comment", None, None, None) == "spokesman, Google: \u201cNo comment\u201d."


def test_text_fragment_url_points_into_the_original():
    url = T.text_fragment_url("https://p.dw.com/p/4Wk42", DW_QUOTE)
    assert url == "https://p.dw.com/p/4Wk42#:~:text=The%20systems%20of%20external,and%20Armenia%27s%20national%20interests%2C"
    assert T.text_fragment_url(None, DW_QUOTE) is None


def test_marked_snippet_and_script_json_are_safe():
    assert T.marked_snippet("a \x02<b>\x03 c") == "a <mark>&lt;b&gt;</mark> c"
    assert T.marked_snippet("**x** and **<y>**", "**", "**") == "<mark>x</mark> and <mark>&lt;y&gt;</mark>"
    assert "</script>" not in T.script_json({"words": "</script><script>alert(1)</script>"})
    assert json.loads(T.script_json({"w": "</script>&"})) == {"w": "</script>&"}


def test_monthly_chart_shows_every_month_between():
    assert T.months_between("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert T.months_between("2023-09", "2023-09", 6) == ["2023-07", "2023-08", "2023-09", "2023-10", "2023-11", "2023-12"]
    spec = T.monthly_chart([{"month": "2023-09", "outlet": "DW", "quotes": 2},
                            {"month": "2023-11", "outlet": None, "quotes": 1}])
    assert spec["encoding"]["x"]["scale"]["domain"] == ["2023-08", "2023-09", "2023-10", "2023-11", "2023-12", "2024-01"]
    assert [v["outlet"] for v in spec["data"]["values"]] == ["DW", "unknown"]
    assert spec["encoding"]["y"]["axis"]["values"] == [0, 1, 2]


# --- the plugin in Datasette --------------------------------------------------------------------


def test_plugin_is_registered_with_its_templates_and_static_files(db_path):
    (r,) = fetch(db_path, "/-/plugins.json")
    (plugin,) = [p for p in r.json() if p["name"] == "quotetrack"]
    assert plugin["static"] and plugin["templates"]
    assert {"render_cell", "extra_template_vars", "prepare_jinja2_environment", "table_actions"} <= set(plugin["hooks"])
    css, vega = fetch(db_path, "/-/static-plugins/quotetrack/quotetrack.css",
                      "/-/static-plugins/quotetrack/vendor/vega-lite.min.js")
    assert css.status_code == 200 and vega.status_code == 200


def test_quotes_table_reading_view(db_path, corpus):
    article, quotes = corpus[0]
    (page,) = fetch(db_path, "/quotes/quotes")
    html = page.text
    assert page.status_code == 200
    assert 'class="qt-quotes"' in html and "quotetrack.css" in html
    # The quote first, then the speaker (linked to their page), the date, the article.
    row = html[html.index("<tbody>") :]
    assert row.index("qt-quote-text") < row.index("/quotes/speakers/") < row.index("qt-col-date") < row.index("/quotes/articles/")
    assert quotes[0].text in html
    # Technical columns are not shown; every column is one click away, and back.
    assert "data-column=\"parts\"" not in html and "qt-col-quote" in html
    every = re.search(r'href="([^"]*_col=text[^"]*)">show every column', html).group(1).replace("&amp;", "&")
    assert "_col=parts" in every and "_col=method" in every
    (grid,) = fetch(db_path, every)
    assert 'data-column="parts"' in grid.text and 'data-column="method"' in grid.text
    assert "Back to the reading view" in grid.text and "qt-quotes" not in grid.text
    # Column descriptions folded behind a toggle, once.
    assert "<summary>What each column means</summary>" in html
    assert html.count("<dt>variant_diff</dt>") == 1
    # Facets are kept.
    assert 'class="facet-info' in html and 'data-column="speaker"' in html


def test_quotes_table_search_and_facet_filter(db_path):
    search, facet = fetch(db_path, "/quotes/quotes?_search=%22item+3+of+story+2%22", "/quotes/quotes?speaker=Nikol+Pashinyan")
    assert "1 row" in search.text and "item 3 of story 2" in search.text
    assert "6 rows" in facet.text and facet.text.count('class="qt-quote-text"') == 6


def test_quote_page(db_path, corpus):
    article, quotes = corpus[1]
    q = quotes[0]
    (page,) = fetch(db_path, f"/quotes/quotes/{q.id_in(article.id)}")
    html = words(page.text)
    assert page.status_code == 200 and "qt-quote-page" in html
    assert f'<mark class="quote">{q.text}</mark>' in html
    assert '<mark class="cue">said</mark>' in html
    assert "Ararat Mirzoyan" in html and "Foreign Minister" in html
    assert "<dt>Said on</dt> <dd>10 September 2023" in html  # said_on of the first quote of story 1
    assert "Very likely" in html  # confidence 0.9
    assert "Cite this quote" in html
    assert ("Ararat Mirzoyan (Foreign Minister, Armenia): \u201cWe will talk about item 0 of story 1, and the "
            "ceasefire holds\u201d. Quoted in Wikinews, \u201cStory 1: talks on the ceasefire\u201d, 10 September "
            "2023. https://example.org/story-1") in html
    assert f'href="http://localhost/quotes/quotes/{q.id_in(article.id)}"' in html  # the permalink
    assert "#:~:text=" in html


def test_quote_page_escapes_markup_in_the_article(tmp_path):
    article, quotes = build_article(
        [("Intro. ", "We will not accept <script>alert(1)</script> here", " said Jane Example.",
          dict(speaker="Jane Example", speaker_type="person", speaker_mention="Jane Example", cue="said",
               confidence=0.4))],
        title="A <b>bold</b> title", outlet="Wire", published="2024-01-02", url="https://wire.example/a",
    )
    path = tmp_path / "quotes.db"
    with Store(path) as store:
        store.add(article, quotes)
    qid = quotes[0].id_in(article.id)
    page, table, speaker = fetch(path, f"/quotes/quotes/{qid}", "/quotes/quotes",
                                 f"/quotes/speakers/{quote_id_speaker(path, qid)}")
    for r in (page, table, speaker):
        assert r.status_code == 200
        assert "<script>alert(1)" not in r.text and "<b>bold</b>" not in r.text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert '<mark class="quote">We will not accept &lt;script&gt;alert(1)&lt;/script&gt; here</mark>' in page.text
    assert "Uncertain" in page.text
    assert '<mark class="speaker">Jane Example</mark>' in page.text


def quote_id_speaker(path, qid):
    with sqlite3.connect(path) as conn:
        return conn.execute("select speaker_id from quotes where id = ?", [qid]).fetchone()[0]


def test_speaker_page(db_path):
    sid = quote_id_speaker(db_path, quote_id(db_path, "item 0 of story 0"))
    page, searched, phrase, bad = fetch(
        db_path, f"/quotes/speakers/{sid}", f"/quotes/speakers/{sid}?q=story+2",
        f"/quotes/speakers/{sid}?q=%22story+2%22", f"/quotes/speakers/{sid}?q=%22unbalanced+OR",
    )
    html = words(page.text)
    assert "<h1 class=\"qt-title\">Nikol Pashinyan</h1>" in html
    assert "6 quotes in 6 articles from 3 outlets, from 9 September 2023 to 14 September 2023" in html
    assert "Prime Minister" in html and "Armenia" in html  # roles over time
    assert "Pashinyan" in html  # aliases
    spec = json.loads(re.search(r'<script type="application/json" id="qt-monthly-spec">(.*?)</script>', html).group(1))
    assert sum(v["quotes"] for v in spec["data"]["values"]) == 6
    assert "Most recent quotes" in html and "vega-lite.min.js" in html
    # Search within their quotes, server side: only theirs, the words marked.
    # Both words, anywhere ("item 3 of story 2", "item 2 of story 3"); or the phrase.
    assert "2 quotes matching" in words(searched.text)
    assert "1 quote matching" in words(phrase.text)
    assert "item 3 of <mark>story 2</mark>, and" in phrase.text
    assert bad.status_code == 200 and "0 quotes matching" in words(bad.text)


def test_claim_page_marks_word_differences(tmp_path):
    from test_claims import REBUILD, claims_corpus, store_corpus

    path = tmp_path / "quotes.db"
    store_corpus(path, claims_corpus()).close()
    with sqlite3.connect(path) as conn:
        cid = conn.execute("select claim_id from quotes where text = ?", [REBUILD]).fetchone()[0]
    (page,) = fetch(path, f"/quotes/claims/{cid}")
    html = words(page.text)
    assert page.status_code == 200 and "qt-claim-page" in html
    assert "<del>hospital</del> <ins>clinic</ins>" in html
    # Every appearance, first first: the Herald's, said on 28 February 2024.
    timeline = html[html.index("Every appearance") :]
    assert timeline.index("28 February 2024") < timeline.index("1 March 2024")
    assert "first appearance" in timeline[: timeline.index("1 March 2024")]
    assert 'id="qt-appearances-spec"' in html


def test_database_and_home_pages(db_path):
    db_page, home = fetch(db_path, "/quotes", "/")
    for r in (db_page, home):
        assert "30 quotes</strong> found in 6 articles from 3 outlets" in words(r.text)
        assert "published between 10 September 2023 and 15 September 2023" in words(r.text)
        assert 'action="/quotes/quotes"' in r.text and 'name="_search"' in r.text
    assert "Questions to ask" in db_page.text and "Claims repeated across outlets" in db_page.text


def test_canned_query_links_to_the_plugin_pages(db_path):
    (r,) = fetch(db_path, "/quotes/search_quotes?q=%22story+2%22")
    assert "<mark>story 2</mark>" in r.text
    assert re.search(r'<a href="/quotes/quotes/[0-9a-f]{16}">[0-9a-f]{16}</a>', r.text)


def test_any_database_name_gets_the_pages(db_path, tmp_path):
    other = tmp_path / "news.db"
    shutil.copy(db_path, other)
    table, row = fetch(other, "/news/quotes", f"/news/quotes/{quote_id(other, 'item 0 of story 0')}")
    assert "qt-quotes" in table.text and '<mark class="quote">' in row.text


def test_other_databases_are_left_alone(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("create table quotes (id integer primary key, text text)")
        conn.execute("insert into quotes values (1, 'hello <b>')")
    table, row, home, db = fetch(path, "/other/quotes", "/other/quotes/1", "/", "/other", metadata=False)
    for r in (table, row, home, db):
        assert r.status_code == 200
        assert "quotetrack" not in r.text and "qt-" not in r.text
    assert 'data-column="text"' in table.text
