"""Speakers across articles: name keys, merging and non-merging, aliases and roles, and
the registry (``quotetrack speakers import``). Hand-built articles, no spaCy."""

from __future__ import annotations

import sqlite_utils
from click.testing import CliRunner

from quotetrack.cli import cli
from quotetrack.speakers import Registry, name_key, read_registry, resolve_speakers
from quotetrack.models import Quote
from quotetrack.store import Store

from test_claims import article


def add_all(store, corpus):
    for a, qs in corpus:
        store.add(a, qs)
    return store


def speaker_of(db, outlet, text=None):
    sql = "select speakers.* from quotes join speakers on speakers.id = quotes.speaker_id where quotes.outlet = ?"
    params = [outlet]
    if text:
        sql += " and quotes.text = ?"
        params.append(text)
    rows = list(db.query(sql, params))
    assert len({r["id"] for r in rows}) == 1, rows
    return rows[0]


def test_name_key():
    assert name_key("Dr. Jürgen  Müller") == name_key("jurgen muller") == "jurgen muller"
    assert name_key("Neil O’Brien") == name_key("neil obrien")
    assert name_key("Sir Keir Starmer") == name_key("Mr Keir Starmer") == "keir starmer"
    assert name_key("Prof Ann Lee-Smith") == "ann lee-smith"
    # Peers are known by their title; an honorific alone is kept.
    assert name_key("Lord Butler") == "lord butler"
    assert name_key("Mr Smith") == "smith" and name_key("Dr") == "dr"
    assert name_key("The White House", "organisation") == name_key("White House", "organisation")


def test_full_names_merge_across_articles(tmp_path):
    db = add_all(Store(tmp_path / "s.db"), [
        article("A", "2024-01-01", [("Jürgen Müller", "one")]),
        article("B", "2024-01-02", [("Dr. Jurgen Muller", "two")]),
        article("C", "2024-01-03", [("JÜRGEN MÜLLER", "three")]),
    ]).db
    ids = {speaker_of(db, o)["id"] for o in "ABC"}
    assert len(ids) == 1
    row = db["speakers"].get(ids.pop())
    assert row["name"] == "Jürgen Müller" and row["article_id"] is None and row["key"] == "jurgen muller"


def test_bare_surnames_are_not_merged_across_articles(tmp_path):
    db = add_all(Store(tmp_path / "s.db"), [
        article("A", "2024-01-01", [("Smith", "one")]),
        article("B", "2024-01-02", [("Smith", "two")]),
        article("C", "2024-01-03", [("John Smith", "three")]),
        article("D", "2024-01-04", [("Jane Smith", "four")]),
    ]).db
    a, b, c, d = (speaker_of(db, o) for o in "ABCD")
    assert len({a["id"], b["id"], c["id"], d["id"]}) == 4
    # A bare surname belongs to its article.
    assert a["article_id"] == db.execute("select article_id from quotes where outlet = 'A'").fetchone()[0]
    assert c["article_id"] is None and d["article_id"] is None
    assert db["speakers"].count == 4


def test_a_bare_surname_joins_the_full_name_of_its_article(tmp_path):
    db = add_all(Store(tmp_path / "s.db"), [
        # The extractor missed one expansion: "Pashinyan" next to "Nikol Pashinyan".
        article("A", "2024-01-01", [("Nikol Pashinyan", "one"), ("Pashinyan", "two")]),
        # Two Smiths: a bare "Smith" could be either, so it stays on its own.
        article("B", "2024-01-02", [("John Smith", "three"), ("Jane Smith", "four"), ("Smith", "five")]),
    ]).db
    assert speaker_of(db, "A", "one")["id"] == speaker_of(db, "A", "two")["id"]
    smith = speaker_of(db, "B", "five")
    assert smith["article_id"] and smith["id"] not in {
        speaker_of(db, "B", "three")["id"], speaker_of(db, "B", "four")["id"]}


def test_a_bare_surname_joins_a_full_name_that_ends_with_a_suffix():
    """"Biden" is the surname of "Joseph R. Biden Jr.", not "Jr."."""
    quotes = [Quote("x", 0, 1, speaker="Joseph R. Biden Jr.", speaker_type="person"),
              Quote("y", 2, 3, speaker="Biden", speaker_type="person")]
    rows = resolve_speakers("art", quotes)
    assert rows[0]["id"] == rows[1]["id"] and rows[1]["name"] == "Joseph R. Biden Jr."


def test_resolution_does_not_depend_on_quote_order():
    quotes = [Quote("x", 0, 1, speaker="Pashinyan", speaker_type="person"),
              Quote("y", 2, 3, speaker="Nikol Pashinyan", speaker_type="person")]
    forward = resolve_speakers("art", quotes)
    backward = resolve_speakers("art", quotes[::-1])
    assert forward[0]["id"] == forward[1]["id"] == backward[0]["id"]


def test_organisations_are_global_and_unnamed_speakers_local(tmp_path):
    org = dict(speaker_type="organisation")
    spokesman = dict(speaker_type="unnamed", role="spokesman", org="Google")
    db = add_all(Store(tmp_path / "s.db"), [
        article("A", "2024-01-01", [("NASA", "one", org), (None, "two", spokesman)]),
        article("B", "2024-01-02", [("NASA", "three", org), (None, "four", spokesman)]),
    ]).db
    assert speaker_of(db, "A", "one")["id"] == speaker_of(db, "B", "three")["id"]
    assert speaker_of(db, "A", "two")["id"] != speaker_of(db, "B", "four")["id"]
    assert speaker_of(db, "A", "two")["name"] == "spokesman, Google (unnamed)"


def roles_and_aliases_corpus():
    pm = dict(role="Prime Minister", org="Armenia")
    return [
        article("A", "2024-01-05", [
            ("Nikol Pashinyan", "one", dict(speaker_mention="Prime Minister Nikol Pashinyan", **pm)),
            ("Nikol Pashinyan", "two", dict(speaker_mention="he", **pm)),
        ]),
        article("B", "2024-01-02", [
            ("Nikol Pashinyan", "three", dict(speaker_mention="Pashinyan", role="prime minister", org="Armenia")),
        ]),
        article("C", "2024-01-09", [
            ("Nikol Pashinyan", "four", dict(speaker_mention="Mr Pashinyan", role="opposition leader")),
            ("Nikol Pashinyan", "five", dict(speaker_mention="Nikol Pashinyan", said_on=None)),
        ]),
    ]


def test_aliases_and_roles_with_counts_and_dates(tmp_path):
    store = add_all(Store(tmp_path / "s.db"), roles_and_aliases_corpus())
    db = store.db
    sid = speaker_of(db, "A", "one")["id"]
    aliases = {r["alias"]: r["count"] for r in db["speaker_aliases"].rows_where("speaker_id = ?", [sid])}
    # Not "he": a mention is an alias only when it shares a word with the name.
    assert aliases == {"Nikol Pashinyan": 5, "Prime Minister Nikol Pashinyan": 1, "Pashinyan": 1, "Mr Pashinyan": 1}
    roles = {(r["role"], r["org"]): r for r in db["speaker_roles"].rows_where("speaker_id = ?", [sid])}
    # Case variants of one role are one row, as first written.
    assert set(roles) == {("Prime Minister", "Armenia"), ("opposition leader", None)}
    pm = roles[("Prime Minister", "Armenia")]
    assert (pm["quotes"], pm["first_said"], pm["last_said"]) == (3, "2024-01-02", "2024-01-05")
    leader = roles[("opposition leader", None)]
    assert (leader["quotes"], leader["first_said"], leader["last_said"]) == (1, "2024-01-09", "2024-01-09")


def test_stats_are_incremental_idempotent_and_rebuildable(tmp_path):
    store = add_all(Store(tmp_path / "s.db"), roles_and_aliases_corpus())
    db = store.db

    def state():
        return {t: sorted(map(repr, db[t].rows)) for t in ("speakers", "speaker_aliases", "speaker_roles", "claim_speakers")}

    before = state()
    add_all(store, roles_and_aliases_corpus())  # re-ingest: every article skipped
    assert state() == before
    assert store.rebuild_speakers() == 0
    assert state() == before


# --- the registry ------------------------------------------------------------------------

REGISTRY = """name,aliases,wikidata_id,description
Nikol Pashinyan,Nikol Pashinian|N. Pashinyan;Pashinyan,Q7035779,Prime Minister of Armenia
Ararat Mirzoyan,,https://www.wikidata.org/wiki/Q16386963,
,Nobody,Q1,no name here
Jane Doe,J. Doe,not-an-id,
"""


def registry_corpus():
    return [
        article("A", "2024-01-01", [("Nikol Pashinyan", "We will not give up on peace in the region today")]),
        article("B", "2024-01-02", [("N. Pashinyan", "We will not give up on peace in the region today")]),
        article("C", "2024-01-03", [("Nikol Pashinian", "one"), ("Pashinyan", "two")]),
        article("D", "2024-01-04", [("Pashinyan", "three")]),
    ]


def write_registry(tmp_path, text=REGISTRY):
    path = tmp_path / "people.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_read_registry_reports_bad_rows(tmp_path):
    errors = []
    path = write_registry(tmp_path)
    entries = read_registry(str(path), errors.append)
    assert [e.name for e in entries] == ["Nikol Pashinyan", "Ararat Mirzoyan"]
    assert entries[0].aliases == ["Nikol Pashinian", "N. Pashinyan", "Pashinyan"]
    assert entries[0].wikidata_id == "Q7035779" and entries[1].wikidata_id == "Q16386963"
    assert errors == [f"{path}:4: no name", f"{path}:5: wikidata_id must look like Q42, not 'not-an-id'"]


def test_registry_import_links_and_merges(tmp_path):
    store = add_all(Store(tmp_path / "r.db"), registry_corpus())
    db = store.db
    assert len({speaker_of(db, o)["id"] for o in "AB"}) == 2  # two names, two speakers so far
    claim = db.execute("select claim_id from quotes where outlet = 'A'").fetchone()[0]
    assert db["claims"].get(claim)["speakers"] == 2
    stats = store.import_registry(read_registry(str(write_registry(tmp_path)), lambda e: None))
    # B's "N. Pashinyan", C's "Nikol Pashinian" and C's bare "Pashinyan" move and merge.
    assert stats.speakers == 2 and stats.relinked_quotes == 3 and stats.merged_speakers == 3
    person = db["speakers"].get(speaker_of(db, "A")["id"])
    assert person["registry"] == 1 and person["wikidata_id"] == "Q7035779"
    assert person["description"] == "Prime Minister of Armenia"
    # Multi-word aliases link across articles; the bare surname joins in article C, which
    # also quotes him by a multi-word alias, but not in article D.
    for outlet, text in [("B", None), ("C", "one"), ("C", "two")]:
        assert speaker_of(db, outlet, text)["id"] == person["id"]
    d = speaker_of(db, "D")
    assert d["id"] != person["id"] and d["article_id"]
    # The merged speakers are gone; their aliases, roles and claims moved.
    assert db["speakers"].count_where("key in ('n pashinyan', 'nikol pashinian')") == 0
    aliases = {r["alias"]: (r["count"], r["registry"]) for r in db["speaker_aliases"].rows_where("speaker_id = ?", [person["id"]])}
    assert aliases == {
        "Nikol Pashinyan": (1, 1), "N. Pashinyan": (1, 1), "Nikol Pashinian": (1, 1), "Pashinyan": (1, 1),
    }
    assert db["claims"].get(claim)["speakers"] == 1
    assert db.execute("select speaker_id, quotes from claim_speakers where claim_id = ?", [claim]).fetchall() == [(person["id"], 2)]
    # A registry person not quoted yet is in speakers too.
    assert db["speakers"].count_where("name = 'Ararat Mirzoyan' and registry = 1") == 1


def test_registry_import_is_idempotent_and_later_ingests_use_it(tmp_path):
    store = add_all(Store(tmp_path / "r.db"), registry_corpus())
    path = str(write_registry(tmp_path))
    store.import_registry(read_registry(path, lambda e: None))
    db = store.db
    dump = {t: sorted(map(repr, db[t].rows)) for t in db.table_names()}
    again = store.import_registry(read_registry(path, lambda e: None))
    assert again.relinked_quotes == 0 and again.merged_speakers == 0
    assert {t: sorted(map(repr, db[t].rows)) for t in db.table_names()} == dump
    # A new article naming him by an alias, through a new Store (registry loaded from the db).
    store.close()
    later = Store(tmp_path / "r.db")
    a, qs = article("E", "2024-02-01", [("Nikol Pashinian", "Peace is possible")])
    later.add(a, qs)
    assert speaker_of(later.db, "E")["wikidata_id"] == "Q7035779"


def test_an_alias_two_people_share_links_neither(tmp_path):
    store = add_all(Store(tmp_path / "r.db"), [article("A", "2024-01-01", [("J. Smith", "hello there")])])
    text = "name,aliases\nJohn Smith,J. Smith\nJane Smith,J. Smith\n"
    stats = store.import_registry(read_registry(str(write_registry(tmp_path, text)), lambda e: None))
    assert stats.relinked_quotes == 0
    assert stats.warnings == ["the name 'j smith' belongs to Jane Smith and John Smith: it links neither"]
    assert Registry.load(store.db).lookup("j smith", "person") is None
    assert speaker_of(store.db, "A")["registry"] == 0


def test_speakers_import_command(tmp_path):
    db_path = tmp_path / "q.db"
    add_all(Store(db_path), registry_corpus()).close()
    path = write_registry(tmp_path)
    runner = CliRunner()
    result = runner.invoke(cli, ["speakers", "import", str(path), "--db", str(db_path)])
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert lines[:2] == [f"Error: {path}:4: no name", f"Error: {path}:5: wikidata_id must look like Q42, not 'not-an-id'"]
    assert lines[-1] == "4 rows read, 2 registry speakers, 5 aliases, 3 quotes relinked, 3 speakers merged, 2 errors"
    db = sqlite_utils.Database(db_path)
    assert db["speakers"].count_where("registry = 1") == 2
    # Again: nothing changes.
    again = runner.invoke(cli, ["speakers", "import", str(path), "--db", str(db_path)])
    assert again.stderr.strip().splitlines()[-1].startswith("4 rows read, 2 registry speakers, 5 aliases, 0 quotes relinked, 0 speakers merged")
    # A file without a name column is one clean error.
    bad = tmp_path / "bad.csv"
    bad.write_text("who,aliases\nX,Y\n", encoding="utf-8")
    result = runner.invoke(cli, ["speakers", "import", str(bad), "--db", str(db_path)])
    assert result.exit_code == 1 and "no 'name' column" in result.stderr and "Traceback" not in result.output


def test_speakers_rebuild_command(tmp_path):
    db_path = tmp_path / "q.db"
    store = add_all(Store(db_path), roles_and_aliases_corpus())
    db = store.db
    before = {t: sorted(map(repr, db[t].rows)) for t in ("speakers", "speaker_aliases", "speaker_roles")}
    # Lose the aliases and roles, as a database from before they existed.
    db.execute("delete from speaker_aliases")
    db.execute("delete from speaker_roles")
    db.conn.commit()
    store.close()
    result = CliRunner().invoke(cli, ["speakers", "rebuild", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(db_path)
    assert {t: sorted(map(repr, db[t].rows)) for t in before} == before


def test_a_bare_surname_first_in_the_article_keeps_the_full_name_on_the_speaker(tmp_path):
    store = Store(tmp_path / "s.db")
    a, qs = article("A", "2024-01-01", [
        ("Pashinyan", "We will not give in", dict(speaker_type="person")),
        ("Nikol Pashinyan", "Peace is possible"),
    ])
    store.add(a, qs)
    (row,) = list(store.db["speakers"].rows)
    assert (row["name"], row["key"], row["speaker_type"]) == ("Nikol Pashinyan", "nikol pashinyan", "person")


def test_a_registry_person_never_takes_over_an_organisation_of_the_same_name(tmp_path):
    store = Store(tmp_path / "s.db")
    a, qs = article("A", "2024-01-01", [("John Lewis", "Sales rose in the spring", dict(speaker_type="organisation"))])
    store.add(a, qs)
    path = tmp_path / "people.csv"
    path.write_text("name,aliases,wikidata_id,description\nJohn Lewis,Lewis,Q1,US congressman\n", encoding="utf-8")
    stats = store.import_registry(read_registry(str(path), lambda e: None))
    assert stats.relinked_quotes == 0
    org = store.db.execute(
        "select speakers.speaker_type, speakers.wikidata_id from quotes join speakers on speakers.id = quotes.speaker_id"
    ).fetchone()
    assert org == ("organisation", None)


def test_two_registry_people_with_one_name_are_not_merged(tmp_path):
    store = Store(tmp_path / "s.db")
    path = tmp_path / "people.csv"
    path.write_text(
        "name,aliases,wikidata_id,description\n"
        "John Smith,,Q1,British politician\n"
        "John Smith,,Q2,US footballer\n",
        encoding="utf-8",
    )
    stats = store.import_registry(read_registry(str(path), lambda e: None))
    assert stats.errors == 1 and "Q2" in stats.warnings[0]
    (row,) = list(store.db["speakers"].rows)
    assert (row["wikidata_id"], row["description"]) == ("Q1", "British politician")
