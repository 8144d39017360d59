import csv
import io
import json

import pytest
import sqlite_utils

from quotetrack.export import (
    EXPORT_COLUMNS,
    EXTRACT_COLUMNS,
    export,
    iter_quotes,
    quote_record,
    write_csv,
)
from quotetrack.models import Article, Quote


@pytest.fixture
def db(db_path):
    return sqlite_utils.Database(db_path)


def test_jsonl_every_quote_joined(db, corpus):
    out = io.StringIO()
    assert export(db, out, format="jsonl") == 30
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(rows) == 30 and len({r["id"] for r in rows}) == 30
    assert set(rows[0]) == set(EXPORT_COLUMNS)
    article, quotes = corpus[0]
    row = next(r for r in rows if r["id"] == quotes[0].id_in(article.id))
    assert row["article_title"] == article.title
    assert row["url"] == article.url and row["outlet"] == article.outlet
    assert row["parts"] == [[quotes[0].start, quotes[0].end]]
    assert row["speaker"] == "Nikol Pashinyan" == row["speaker_name"]
    # Oldest first.
    days = [r["said_on"] or r["published"] for r in rows]
    assert days == sorted(days)


def test_csv(db):
    out = io.StringIO(newline="")
    export(db, out, format="csv")
    text = out.getvalue()
    assert not text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 30
    assert list(rows[0]) == EXPORT_COLUMNS
    assert json.loads(rows[0]["parts"])


def test_csv_bom(db):
    out = io.StringIO(newline="")
    export(db, out, format="csv", bom=True)
    assert out.getvalue().startswith("\ufeffid,text,")


def test_speaker_filter_ignores_case(db):
    rows = list(iter_quotes(db, speaker="nikol PASHINYAN"))
    assert rows and {r["speaker"] for r in rows} == {"Nikol Pashinyan"}
    # Unicode case folding, not just ASCII.
    assert {r["speaker"] for r in iter_quotes(db, speaker="JÜRGEN MÜLLER")} == {"Jürgen Müller"}
    # Exact, not a substring.
    assert list(iter_quotes(db, speaker="Pashinyan")) == []
    # An unnamed speaker by its label.
    assert len(list(iter_quotes(db, speaker="spokesman, Google (unnamed)"))) == 6


def test_since_until(db):
    rows = list(iter_quotes(db, since="2023-09-12", until="2023-09-13"))
    days = {r["said_on"] or r["published"] for r in rows}
    assert days == {"2023-09-12", "2023-09-13"}
    # said_on falls back to published when unknown.
    assert any(r["said_on"] is None for r in rows)
    assert list(iter_quotes(db, since="2030-01-01")) == []


def test_bad_date_fails_before_output(db):
    with pytest.raises(ValueError, match="since"):
        iter_quotes(db, since="last week")
    out = io.StringIO()
    with pytest.raises(ValueError):
        export(db, out, until="2023-13-01")
    assert out.getvalue() == ""


def test_streams_from_a_cursor(db):
    """Rows arrive one at a time: the iterator is lazy, not a list."""
    rows = iter_quotes(db)
    assert not isinstance(rows, list)
    first = next(rows)
    assert first["id"]


def test_quote_record():
    article = Article(text="“Hi there,” she said.", title="T", published="2020-01-02", source="a.txt")
    quote = Quote(text="Hi there,", start=1, end=10, parts=[(1, 10)], speaker="Ann", said_on="2020-01-01")
    record = quote_record(article, quote)
    assert list(record) == EXTRACT_COLUMNS
    assert record["source"] == "a.txt" and record["article_title"] == "T"
    assert record["parts"] == [[1, 10]]
    out = io.StringIO(newline="")
    write_csv([record], out, EXTRACT_COLUMNS)
    assert list(csv.DictReader(io.StringIO(out.getvalue())))[0]["parts"] == "[[1, 10]]"


# --- claims as schema.org JSON-LD ---------------------------------------------------------


@pytest.fixture
def claims_db(tmp_path):
    from quotetrack.speakers import read_registry
    from test_claims import claims_corpus, store_corpus

    store = store_corpus(tmp_path / "claims.db", claims_corpus())
    registry = tmp_path / "people.csv"
    registry.write_text("name,aliases,wikidata_id,description\nJane Smith,,Q42,Mayor\n", encoding="utf-8")
    store.import_registry(read_registry(str(registry), print))
    return store.db


def claimreview(db, **filters):
    out = io.StringIO()
    n = export(db, out, format="claimreview", **filters)
    doc = json.loads(out.getvalue())
    assert doc["@context"] == "https://schema.org"
    assert n == len(doc["@graph"])
    return doc["@graph"]


def test_claimreview_export(claims_db):
    from test_claims import REBUILD

    claims = claimreview(claims_db)
    assert len(claims) == claims_db["claims"].count
    assert all(c["@type"] == "Claim" and c["text"] and c["appearance"] for c in claims)
    days = [c["datePublished"] for c in claims]
    assert days == sorted(days)
    claim = next(c for c in claims if c["text"] == REBUILD)
    assert claim["identifier"] == claims_db.execute("select claim_id from quotes where text = ?", [REBUILD]).fetchone()[0]
    assert claim["datePublished"] == "2024-02-28"
    # Every speaker, first said first; the registry's Wikidata id as sameAs.
    assert claim["author"] == [
        {"@type": "Person", "name": "Jane Smith", "description": "Mayor",
         "sameAs": "https://www.wikidata.org/wiki/Q42"},
        {"@type": "Person", "name": "Bob Jones"},
        {"@type": "Person", "jobTitle": "spokeswoman",
         "affiliation": {"@type": "Organization", "name": "Springfield council"}},
    ]
    # One appearance per article, first said first; the first is the firstAppearance.
    publishers = [a["publisher"]["name"] for a in claim["appearance"]]
    assert publishers == ["Herald", "Daily", "Gazette", "Daily", "Times"]
    first = claim["firstAppearance"]
    assert first == claim["appearance"][0]
    assert first == {
        "@type": "CreativeWork",
        "url": "https://herald.example/2024-03-02",
        "headline": "Herald 2024-03-02",
        "publisher": {"@type": "Organization", "name": "Herald"},
        "datePublished": "2024-03-02",
    }
    # A claim with one speaker has a single author.
    single = next(c for c in claims if c["text"] == "We will never back down")
    assert single["author"] == {"@type": "Person", "name": "Bob Jones"}


def test_claimreview_filters_pick_whole_claims(claims_db):
    from test_claims import REBUILD

    by_bob = claimreview(claims_db, speaker="bob JONES")
    assert {c["text"] for c in by_bob} == {REBUILD, "We will never back down"}
    # Said from 5 March: the claim is still written whole, from its first appearance.
    late = claimreview(claims_db, since="2024-03-05")
    assert len(late) == 3
    rebuild = next(c for c in late if c["text"] == REBUILD)
    assert rebuild["datePublished"] == "2024-02-28" and len(rebuild["appearance"]) == 5
    assert claimreview(claims_db, until="2024-01-01") == []
