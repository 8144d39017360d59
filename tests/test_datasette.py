"""metadata.yml against a real Datasette, through ``Datasette(...).client``.

Uses ``asyncio.run`` rather than a pytest plugin, so the tests need nothing beyond
Datasette itself.
"""

import asyncio
import csv
import io
from pathlib import Path

import pytest
import yaml
from datasette.app import Datasette

ROOT = Path(__file__).resolve().parent.parent
METADATA = ROOT / "metadata.yml"


def metadata():
    return yaml.safe_load(METADATA.read_text(encoding="utf-8"))


def fetch(db_path, *paths, settings=None):
    """GET each path from one Datasette instance; returns the responses."""

    async def run():
        ds = Datasette([str(db_path)], metadata=metadata(), settings=settings or {})
        return [await ds.client.get(path) for path in paths]

    return asyncio.run(run())


def test_packaged_metadata_is_the_same_file():
    packaged = ROOT / "quotetrack" / "metadata.yml"
    assert packaged.read_bytes() == METADATA.read_bytes(), (
        "quotetrack/metadata.yml must be a copy of metadata.yml: cp metadata.yml quotetrack/"
    )


def test_metadata_describes_every_table_and_column(db_path):
    import sqlite_utils

    db = sqlite_utils.Database(db_path)
    tables = metadata()["databases"]["quotes"]["tables"]
    names = set(db.table_names()) | set(db.view_names())
    described = {
        n for n in names
        if not n.endswith(("_fts", "_fts_data", "_fts_idx", "_fts_docsize", "_fts_config"))
    }
    assert described == set(tables), "metadata.yml should describe exactly the tables and views"
    for name in described:
        assert tables[name]["description"], name
        assert set(tables[name]["columns"]) == set(db[name].columns_dict), name
    # The claim index tables are hidden from the table list.
    assert tables["claim_shingles"]["hidden"] and tables["claim_bands"]["hidden"]


def test_no_default_sort_on_a_non_unique_column():
    for name, table in metadata()["databases"]["quotes"]["tables"].items():
        for key in ("sort", "sort_desc"):
            assert table.get(key, "id") == "id", f"{name} is default-sorted on {table[key]}"


def test_home_and_table_pages(db_path):
    home, db_page = fetch(db_path, "/", "/quotes")
    assert home.status_code == 200 and "quotetrack" in home.text
    assert "Who said what" in home.text
    for table in ("quotes", "speakers", "articles"):
        assert table in db_page.text


def test_facets(db_path):
    (r,) = fetch(db_path, "/quotes/quotes.json")
    facets = r.json()["facet_results"]
    assert {"speaker", "role", "org", "outlet", "kind", "said_on"} <= set(facets)
    assert facets["said_on"]["type"] == "date"
    speakers = {f["value"]: f["count"] for f in facets["speaker"]["results"]}
    assert speakers["Nikol Pashinyan"] == 6
    outlets = {f["value"]: f["count"] for f in facets["outlet"]["results"]}
    assert outlets == {"Wikinews": 15, "DW": 10, "GOV.UK": 5}


def test_speaker_label_through_foreign_key(db_path, corpus):
    article, quotes = corpus[0]
    quote_id = quotes[0].id_in(article.id)
    json_page, html_page = fetch(
        db_path, f"/quotes/quotes.json?id={quote_id}&_labels=on&_shape=array", f"/quotes/quotes?id={quote_id}"
    )
    row = json_page.json()[0]
    assert row["speaker_id"]["label"] == "Nikol Pashinyan"
    assert row["article_id"]["label"] == article.title
    # The table page links the speaker id to its row, showing the name.
    assert f'<a href="/quotes/speakers/{row["speaker_id"]["value"]}">Nikol Pashinyan</a>' in html_page.text
    assert article.title in html_page.text


def test_full_text_search(db_path):
    quotes, articles = fetch(
        db_path,
        "/quotes/quotes.json?_search=%22item+3+of+story+2%22&_shape=array",
        "/quotes/articles.json?_search=ceasefire&_shape=array",
    )
    assert [r["text"] for r in quotes.json()] == [
        "We will talk about item 3 of story 2, and the ceasefire holds"
    ]
    assert len(articles.json()) == 6


def test_canned_queries(db_path):
    by_speaker, search, top, dates, empty_search = fetch(
        db_path,
        "/quotes/quotes_by_speaker.json?speaker=nikol+pashinyan&_shape=array",
        "/quotes/search_quotes.json?q=%22story+2%22&_shape=array",
        "/quotes/most_quoted_speakers.json?_shape=array",
        "/quotes/quotes_in_date_range.json?since=2023-09-12&until=2023-09-12&_shape=array",
        "/quotes/search_quotes",
    )
    rows = by_speaker.json()
    assert len(rows) == 6 and {r["speaker"] for r in rows} == {"Nikol Pashinyan"}
    assert [r["day"] for r in rows] == sorted(r["day"] for r in rows)

    rows = search.json()
    assert len(rows) == 5
    assert all("**story 2**" in r["snippet"] for r in rows)

    rows = top.json()
    assert [r["quotes"] for r in rows] == [6, 6, 6]
    assert {r["speaker"] for r in rows} == {"Nikol Pashinyan", "Ararat Mirzoyan", "Jürgen Müller"}
    assert all(r["articles"] == 6 for r in rows)

    rows = dates.json()
    assert rows and {r["day"] for r in rows} == {"2023-09-12"}

    # The form, before a search term is given, renders without an error.
    assert empty_search.status_code == 200
    assert "fts5: syntax error" not in empty_search.text


@pytest.mark.parametrize("table", ["quotes", "speakers", "articles"])
def test_streamed_csv_has_every_row_once(db_path, table):
    """``?_stream=1`` pages through the table in its default order; with a small page
    size every page boundary is exercised. A default sort on a non-unique column
    would make this skip and repeat rows."""
    import sqlite_utils

    expected = sorted(r["id"] for r in sqlite_utils.Database(db_path)[table].rows)
    (r,) = fetch(db_path, f"/quotes/{table}.csv?_stream=1", settings={"default_page_size": 4})
    assert r.status_code == 200
    rows = list(csv.DictReader(io.StringIO(r.text)))
    ids = [row["id"] for row in rows]
    assert len(ids) == len(expected)
    assert sorted(ids) == expected


# --- claims, speakers' aliases and roles -------------------------------------------------------


@pytest.fixture
def claims_db_path(tmp_path):
    """The claims corpus of test_claims, in a database Datasette calls ``quotes``."""
    from test_claims import claims_corpus, store_corpus

    path = tmp_path / "claims" / "quotes.db"
    path.parent.mkdir()
    store_corpus(path, claims_corpus()).close()
    return path


def test_claim_canned_queries(claims_db_path):
    import sqlite_utils
    from test_claims import REBUILD

    db = sqlite_utils.Database(claims_db_path)
    cid = db.execute("select claim_id from quotes where text = ?", [REBUILD]).fetchone()[0]
    across, by_words, by_id, empty, speaker, variants = fetch(
        claims_db_path,
        "/quotes/claims_across_outlets.json?_shape=array",
        "/quotes/claim_first_appearance.json?q=every+hospital+in+this&_shape=array",
        f"/quotes/claim_first_appearance.json?q={cid}&_shape=array",
        "/quotes/claim_first_appearance.json?q=&_shape=array",
        "/quotes/speaker_claims.json?speaker=jane+smith&_shape=array",
        "/quotes/variant_quotes.json?_shape=array",
    )
    rows = across.json()
    assert [(r["claim"], r["outlets"]) for r in rows] == [(REBUILD, 4), ("disappointed", 2)]
    assert rows[0]["first_outlet"] == "Herald" and rows[0]["claim_id"] == cid

    # Words searched as a phrase in every quote; the claim's first appearance comes back.
    (row,) = by_words.json()
    assert row["claim_id"] == cid and row["first_said"] == "2024-02-28"
    assert row["outlet"] == "Herald" and row["speaker"] == "Jane Smith"
    assert row["url"] == "https://herald.example/2024-03-02"
    assert by_id.json() == by_words.json()
    assert empty.status_code == 200 and empty.json() == []

    rows = speaker.json()
    assert [r["first_said"] for r in rows] == sorted(r["first_said"] for r in rows)
    assert rows[0]["claim"] == REBUILD and rows[0]["times_said"] == 4 and rows[0]["speakers"] == 3
    assert {r["claim"] for r in rows} >= {"disappointed", "We will not back down", "very disappointed"}

    (row,) = variants.json()
    assert row["variant_diff"] == "-hospital +clinic" and row["claim"] == REBUILD
    assert row["speaker"] == "Bob Jones" and row["outlet"] == "Daily"


def test_claim_and_speaker_tables(claims_db_path):
    claims, roles, quotes, home = fetch(
        claims_db_path,
        "/quotes/claims.json?_sort_desc=quotes&_labels=on",
        "/quotes/speaker_roles.json",
        "/quotes/quotes.json?variant=1&_shape=array",
        "/quotes",
    )
    data = claims.json()
    assert {"first_outlet", "outlets", "first_said"} <= set(data["facet_results"])
    assert data["rows"][0]["quotes"] == 6
    facets = roles.json()["facet_results"]
    assert {f["value"] for f in facets["org"]["results"]} == {"Springfield", "Springfield council"}
    assert [r["variant_diff"] for r in quotes.json()] == ["-hospital +clinic"]
    # The index tables are hidden.
    assert "claim_shingles" not in home.text and "claims" in home.text


def test_quotes_view_has_claim_columns(claims_db_path):
    (r,) = fetch(claims_db_path, "/quotes/quotes_view.json?variant=1&_shape=array")
    (row,) = r.json()
    assert row["claim_id"] and row["variant"] == 1 and row["variant_diff"] == "-hospital +clinic"
