from pathlib import Path
import sqlite3

import pytest
import sqlite_utils

from quotetrack import store as store_mod
from quotetrack.models import Article, Quote
from quotetrack.store import IngestStats, Store, normalise_name, speaker_row

from conftest import build_article, make_corpus


def fake_extract_many(pairs):
    """An ``extract_many`` stand-in that looks quotes up by article id."""
    by_id = {a.id: q for a, q in pairs}

    def extract_many(articles):
        for article in articles:
            yield article, by_id[article.id]

    return extract_many


def test_schema(tmp_path):
    db = Store(tmp_path / "q.db").db
    assert {"articles", "speakers", "quotes"} <= set(db.table_names())
    assert "quotes_view" in db.view_names()
    assert db["quotes"].detect_fts() == "quotes_fts"
    assert db["articles"].detect_fts() == "articles_fts"
    fks = {(fk.column, fk.other_table, fk.other_column) for fk in db["quotes"].foreign_keys}
    assert fks == {
        ("article_id", "articles", "id"),
        ("speaker_id", "speakers", "id"),
        ("claim_id", "claims", "id"),
    }
    for table in ("claims", "claim_forms", "claim_speakers", "claim_shingles", "claim_bands",
                  "speaker_aliases", "speaker_roles"):
        assert table in db.table_names(), table
    # Full-text search is re-indexed only when the indexed words change, not when a
    # quote's claim or variant flag is written.
    (trigger,) = db.execute("select sql from sqlite_master where name = 'quotes_au'").fetchone()
    assert 'AFTER UPDATE OF "text" ON "quotes"' in trigger
    db["quotes"].insert({"id": "q", "text": "hello world"})
    db.execute("update quotes set text = 'goodbye moon', variant = 1 where id = 'q'")
    assert db.execute("select count(*) from quotes_fts where quotes_fts match 'moon'").fetchone()[0] == 1
    assert db.execute("select count(*) from quotes_fts where quotes_fts match 'hello'").fetchone()[0] == 0
    indexed = {tuple(i.columns) for i in db["quotes"].indexes}
    for column in ["speaker", "speaker_id", "role", "org", "kind", "said_on", "article_id", "outlet"]:
        assert (column,) in indexed, column


def test_add_writes_rows(tmp_path, corpus):
    store = Store(tmp_path / "q.db")
    article, quotes = corpus[0]
    assert store.add(article, quotes) == len(quotes)
    db = store.db
    row = db["articles"].get(article.id)
    assert row["title"] == article.title
    assert row["authors"] == '["A. Reporter"]'
    assert row["ingested_at"]
    q = db["quotes"].get(quotes[1].id_in(article.id))
    assert q["text"] == quotes[1].text == article.text[q["start"] : q["end"]]
    assert q["outlet"] == article.outlet and q["published"] == article.published
    assert q["parts"] == f"[[{q['start']}, {q['end']}]]"
    speaker = db["speakers"].get(q["speaker_id"])
    assert speaker["name"] == q["speaker"]


def test_reingest_changes_nothing(tmp_path):
    corpus = make_corpus()
    path = tmp_path / "q.db"
    with Store(path) as store:
        stats = store.ingest([a for a, _ in corpus], fake_extract_many(corpus))
    assert (stats.read, stats.new, stats.quotes) == (6, 6, 30)
    before = sqlite_utils.Database(path)
    counts = {t: before[t].count for t in ("articles", "speakers", "quotes")}
    dump = {t: list(before[t].rows) for t in ("articles", "speakers", "quotes")}
    # Re-ingest, and ingest the same articles read from another path.
    again = make_corpus()
    for article, _ in again:
        article.source = "elsewhere/" + article.source
    with Store(path) as store:
        stats = store.ingest([a for a, _ in again], fake_extract_many(again))
        assert store.add(*again[0]) is None
    assert (stats.read, stats.new, stats.quotes) == (6, 0, 0)
    after = sqlite_utils.Database(path)
    assert {t: after[t].count for t in counts} == counts
    assert {t: list(after[t].rows) for t in dump} == dump


def test_speakers_not_duplicated(tmp_path, corpus):
    store = Store(tmp_path / "q.db")
    for article, quotes in corpus:
        store.add(article, quotes)
    names = [r["name"] for r in store.db["speakers"].rows_where("speaker_type = 'person'")]
    assert sorted(names) == ["Ararat Mirzoyan", "Jürgen Müller", "Nikol Pashinyan"]
    # The unnamed Google spokesman is one speaker per article, never merged across articles.
    unnamed = list(store.db["speakers"].rows_where("speaker_type = 'unnamed'"))
    assert len(unnamed) == len({r["article_id"] for r in unnamed}) == len(corpus)
    assert {r["name"] for r in unnamed} == {"spokesman, Google (unnamed)"}
    # Quotes with no speaker at all have no speaker row.
    assert store.db["quotes"].count_where("speaker_id is null") > 0
    assert store.db.execute(
        "select count(*) from quotes where speaker_id is not null "
        "and speaker_id not in (select id from speakers)"
    ).fetchone()[0] == 0


def test_speaker_ids():
    def q(**kw):
        return Quote(text="x", start=0, end=1, **kw)

    a = speaker_row("art1", q(speaker="Neil O’Brien", speaker_type="person"))
    b = speaker_row("art2", q(speaker="neil  o'brien", speaker_type="person"))
    assert a["id"] == b["id"]
    assert a["name"] == "Neil O’Brien"
    # Same name, different type: different speakers.
    assert speaker_row("a", q(speaker="Apple", speaker_type="organisation"))["id"] != speaker_row(
        "a", q(speaker="Apple", speaker_type="person")
    )["id"]
    # Unnamed: per article and org.
    s1 = speaker_row("art1", q(role="spokesman", org="Google"))
    assert s1["id"] == speaker_row("art1", q(role="Spokesman", org="google"))["id"]
    assert s1["id"] != speaker_row("art2", q(role="spokesman", org="Google"))["id"]
    assert s1["id"] != speaker_row("art1", q(role="spokesman", org="Apple"))["id"]
    assert speaker_row("art1", q()) is None
    assert normalise_name(" Jürgen  MÜLLER. ") == "jürgen müller"


def test_interrupted_article_leaves_nothing(tmp_path, monkeypatch):
    """Ctrl-C while an article's quotes are being written: the article is rolled back
    whole, the articles finished before it stay, and the next run completes."""
    corpus = make_corpus(3)
    path = tmp_path / "q.db"
    real_quote_row = store_mod.quote_row
    calls = {"n": 0}

    def exploding_quote_row(article, quote, speaker=None):
        calls["n"] += 1
        if article.id == corpus[1][0].id and calls["n"] > 7:  # third quote of article 2
            raise KeyboardInterrupt
        return real_quote_row(article, quote, speaker)

    monkeypatch.setattr(store_mod, "quote_row", exploding_quote_row)
    stats = IngestStats()
    with Store(path) as store:
        with pytest.raises(KeyboardInterrupt):
            store.ingest([a for a, _ in corpus], fake_extract_many(corpus), stats=stats)
    assert stats.new == 1
    db = sqlite_utils.Database(path)
    assert [r["id"] for r in db["articles"].rows] == [corpus[0][0].id]
    assert db["quotes"].count == 5
    assert {r["article_id"] for r in db["quotes"].rows} == {corpus[0][0].id}
    assert db["speakers"].count_where("article_id = ?", [corpus[1][0].id]) == 0

    monkeypatch.setattr(store_mod, "quote_row", real_quote_row)
    with Store(path) as store:
        stats = store.ingest([a for a, _ in corpus], fake_extract_many(corpus))
    assert (stats.read, stats.new, stats.quotes) == (3, 2, 10)
    db = sqlite_utils.Database(path)
    assert db["articles"].count == 3 and db["quotes"].count == 15


def test_failed_write_rolls_back_on_a_shared_connection(tmp_path):
    """A database error mid-article (here: a duplicate article row forced by a trigger)
    rolls the whole article back even when the caller passes its own connection."""
    db = sqlite_utils.Database(tmp_path / "q.db")
    store = Store(db)
    article, quotes = build_article(
        [("", "One two three", ".", dict(speaker="A B", speaker_type="person"))], title="t"
    )
    db.execute(
        "create trigger boom before insert on quotes begin select raise(abort, 'boom'); end"
    )
    with pytest.raises(sqlite3.IntegrityError):
        store.add(article, quotes)
    assert db["articles"].count == 0 and db["speakers"].count == 0
    db.execute("drop trigger boom")
    assert store.add(article, quotes) == 1


def test_duplicate_article_in_one_run(tmp_path):
    article = Article(text="He said “hello there” today.", title="T")
    copy = Article(text="He  said “hello there”\ntoday.", title="T again", source="b.txt")
    quotes = [Quote(text="hello there", start=9, end=20)]
    store = Store(tmp_path / "q.db")
    stats = store.ingest(
        [article, copy], lambda arts: ((a, list(quotes)) for a in arts)
    )
    assert (stats.read, stats.new, stats.quotes) == (2, 1, 1)
    assert store.db["articles"].count == 1


def test_ensure_schema_adds_missing_columns(tmp_path):
    """Later versions add columns (claims); opening an older database adds them."""
    path = tmp_path / "q.db"
    Store(path).close()
    db = sqlite_utils.Database(path)
    db.execute("drop index idx_quotes_method")
    db["quotes"].transform(drop={"method"})
    assert "method" not in db["quotes"].columns_dict
    db.close()
    store = Store(path)
    assert "method" in store.db["quotes"].columns_dict
    assert ("method",) in {tuple(i.columns) for i in store.db["quotes"].indexes}


def test_stats_summary():
    assert str(IngestStats(3, 2, 7, 1)) == "3 articles read, 2 new, 7 quotes stored, 1 error"


def test_bad_inputs_through_the_cli(tmp_path, nlp):
    """Each bad input is one line on stderr naming it; every good article is stored."""
    import json

    from click.testing import CliRunner

    from quotetrack.cli import cli

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        'Headline here\n\n"It works," said Ann Lee on Monday.\n', encoding="utf-8"
    )
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03")
    # A windows-1252 file is read (its encoding detected and recorded); a PDF is refused.
    (folder / "legacy.txt").write_bytes("Caf\u00e9 reopens\n\n\u201cWe are back,\u201d said Ann Lee.\n".encode("cp1252"))
    (folder / "paper.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    good_record = {"id": "r1", "title": "JSON one", "text": '"Yes," she said. "We agree."'}
    (folder / "records.jsonl").write_text(
        json.dumps(good_record) + "\n{not json\n" + json.dumps({"title": "no text"}) + "\n",
        encoding="utf-8",
    )
    db_path = tmp_path / "q.db"
    result = CliRunner().invoke(cli, ["ingest", str(folder), "--db", str(db_path)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    for name in ("empty.txt", "binary.txt", "paper.txt"):
        assert len([e for e in errors if name in e]) == 1, (name, errors)
    assert len([e for e in errors if "records.jsonl" in e]) == 2, errors
    assert len(errors) == 5
    assert result.stderr.strip().splitlines()[-1].endswith(", 5 errors")
    db = sqlite_utils.Database(db_path)
    assert sorted(r["title"] for r in db["articles"].rows) == ["Café reopens", "Headline here", "JSON one"]
    assert db.execute("select encoding from articles where title = 'Café reopens'").fetchone()[0] == "windows-1252 (detected)"


def test_a_database_from_before_claims_is_upgraded(tmp_path):
    """Opening a database written before speakers' keys, aliases, roles and claims existed
    adds them; `speakers rebuild` and `claims rebuild` then give what ingesting gives."""
    from test_claims import claims_corpus, snapshot, store_corpus

    fresh = store_corpus(tmp_path / "fresh.db", claims_corpus())
    old_path = tmp_path / "old.db"
    store_corpus(old_path, claims_corpus()).close()
    db = sqlite_utils.Database(old_path)
    for table in ("claims", "claim_forms", "claim_speakers", "claim_shingles", "claim_bands",
                  "speaker_aliases", "speaker_roles"):
        db[table].drop()
    db.execute("drop view quotes_view")
    for index in ("idx_quotes_claim_id_outlet", "idx_quotes_variant", "idx_speakers_key", "idx_speakers_registry"):
        db.execute(f"drop index {index}")
    db["quotes"].transform(drop={"claim_id", "variant", "variant_diff"})
    db["speakers"].transform(drop={"key", "wikidata_id", "description", "registry"})
    db.close()

    store = Store(old_path)
    assert store.quotes_without_claims() == store.db["quotes"].count
    assert store.rebuild_speakers() == 0  # the ids of full names did not change
    store.rebuild_claims()
    assert snapshot(store.db) == snapshot(fresh.db)
    def rows(db, table):  # column order differs after a transform, so compare as sorted items
        return sorted(repr(sorted(r.items())) for r in db[table].rows)

    for table in ("speakers", "speaker_aliases", "speaker_roles"):
        assert rows(store.db, table) == rows(fresh.db, table), table


def test_the_speaker_claims_query_uses_indexes(tmp_path):
    """It matches names ignoring case; without the nocase indexes it scans whole tables."""
    import yaml

    store = Store(tmp_path / "q.db")
    sql = yaml.safe_load((Path(__file__).resolve().parents[1] / "metadata.yml").read_text(encoding="utf-8"))
    sql = sql["databases"]["quotes"]["queries"]["speaker_claims"]["sql"]
    plan = " | ".join(r[-1] for r in store.db.execute("explain query plan " + sql, {"speaker": "Ann Lee"}).fetchall())
    assert "SCAN speaker_aliases" not in plan and "SCAN claim_speakers" not in plan, plan
