"""Claims: exact repeats and variants across articles, misquote flags, the index, and
incremental ingest against a rebuild. Hand-built articles, no spaCy."""

from __future__ import annotations

import pytest

from quotetrack import claims as claims_mod
from quotetrack.claims import edit_distance, word_diff, words
from quotetrack.store import Store

from conftest import build_article

# The words most of these tests are about (16 words).
REBUILD = "We will rebuild every school and every hospital in this city before the winter comes"
BILL = "the Safe Schools and Strong Hospitals Act of 2024"


def article(outlet, published, quotes, title=None, url=None):
    """An article quoting ``quotes``: ``(speaker, words)`` or ``(speaker, words, extra)``
    where ``extra`` holds Quote fields (role, said_on, kind, speaker_type ...)."""
    paragraphs = []
    for item in quotes:
        speaker, text = item[0], item[1]
        fields = dict(speaker=speaker, speaker_type="person" if speaker else "unnamed",
                      speaker_mention=speaker, said_on=published, cue="said", confidence=0.9)
        if len(item) > 2:
            fields.update(item[2])
        paragraphs.append((f"In {outlet} on {published}: ", text, " the speaker said.", fields))
    title = title or f"{outlet} {published}"
    return build_article(paragraphs, title=title, outlet=outlet, published=published,
                         url=url or f"https://{outlet.lower()}.example/{published}")


def claims_corpus():
    """Seven articles in five outlets: one statement quoted exactly, partly, with an edit
    and overlapping; short quotes; a bill's name shared by two different statements."""
    return [
        article("Daily", "2024-03-01", [
            ("Jane Smith", REBUILD, dict(role="Mayor", org="Springfield")),
            ("Jane Smith", "disappointed"),
        ]),
        # Said before the first article was published: the claim's first day moves back.
        article("Herald", "2024-03-02", [
            ("Jane Smith", "“we will REBUILD every school, and every hospital, in this city — before the winter comes!”",
             dict(said_on="2024-02-28", role="mayor", org="Springfield")),
            ("Jane Smith", "We will not back down"),
        ]),
        article("Gazette", "2024-03-03", [
            ("John Smith", "disappointed"),
            ("Jane Smith", "every school and every hospital in this city", dict(kind="partial")),
            ("Jane Smith", "very disappointed"),
        ]),
        article("Daily", "2024-03-04", [
            ("Bob Jones", "We will rebuild every school and every clinic in this city before the winter comes"),
            ("Bob Jones", "We will never back down"),
        ]),
        article("Post", "2024-03-05", [
            ("Ann Lee", f"{BILL} is a disgrace, it cuts funding from rural districts, and I will vote against it"),
        ]),
        article("Post", "2024-03-06", [
            ("Tom Reed", f"I am proud to support {BILL} because every child in this country deserves a safe school"),
        ]),
        article("Times", "2024-03-07", [
            ("Jane Smith", "We will rebuild every school and every hospital in this city, and we will do it with local workers"),
            (None, "We will rebuild every school and every hospital in this city before the winter comes",
             dict(kind="indirect", role="spokeswoman", org="Springfield council", speaker_type="unnamed")),
        ]),
    ]


def store_corpus(path, corpus, claims=True):
    store = Store(path, claims=claims)
    for a, qs in corpus:
        store.add(a, qs)
    return store


def claim_of(db, text):
    row = db.execute("select claim_id from quotes where text = ?", [text]).fetchone()
    assert row, text
    return row[0]


@pytest.fixture
def db(tmp_path):
    return store_corpus(tmp_path / "claims.db", claims_corpus()).db


# --- normalising and comparing words ------------------------------------------------------


def test_words_fold_case_punctuation_quote_marks_and_accents():
    assert words("“We’ll [n]ever — EVER — give up…”") == ["well", "never", "ever", "give", "up"]
    assert words("Ça va, Müller's 'plan'!") == ["ca", "va", "mullers", "plan"]
    assert words("don't") == words("dont") == words("DON’T")
    assert words("") == [] and words(None) == []


def test_edit_distance_is_exact_within_the_limit():
    a = "we will rebuild every school".split()
    assert edit_distance(a, a, 0) == 0
    assert edit_distance(a, "we will rebuild each school".split(), 1) == 1
    assert edit_distance(a, "we will rebuild school".split(), 1) == 1
    assert edit_distance(a, "they will not rebuild each school".split(), 3) == 3
    assert edit_distance(a, "they will not rebuild each school".split(), 2) is None
    assert edit_distance(a, "completely different words here now".split(), 2) is None


def test_word_diff():
    canon = words(REBUILD)
    assert word_diff(canon, canon) is None
    # A shorter or longer extract is not a difference.
    assert word_diff(canon, canon[3:10]) is None
    assert word_diff(canon[2:], canon) is None
    # One word changed, inside or at an end.
    assert word_diff(canon, words(REBUILD.replace("hospital", "clinic"))) == "-hospital +clinic"
    assert word_diff(canon, ["they"] + canon[1:]) == "-we +they"
    assert word_diff(canon, canon[:-1] + ["begins"]) == "-comes +begins"
    assert word_diff(canon, canon[:6] + canon[7:]) == "-every"
    # Different passages around a shared stretch: context, not a misquote.
    other = canon[:12] + "and we will do it with local workers".split()
    assert word_diff(canon, other) is None
    # An abridged quote: the cut inside is the difference; a lone common word ("that")
    # far away in the longer quote is no anchor.
    full = words("The report is that children were harmed. Such an opportunity, where the state has "
                 "undertaken to provide it, is a right which must be made available to all on equal terms")
    abridged = words("that such an opportunity is a right which must be made available to all on equal terms")
    assert word_diff(full, abridged) == "-where -the -state -has -undertaken -to -provide -it"


# --- grouping -------------------------------------------------------------------------------


def test_exact_repeats_across_outlets_are_one_claim(db):
    cid = claim_of(db, REBUILD)
    herald = db.execute("select claim_id, variant from quotes where outlet = 'Herald' and speaker = 'Jane Smith' and kind = 'full' and text like '%REBUILD%'").fetchone()
    assert herald == (cid, 0)  # punctuation, case and quote marks are not a variant
    claim = db["claims"].get(cid)
    # The founding quote's id is the claim id, and never changes.
    assert cid == db.execute("select id from quotes where text = ?", [REBUILD]).fetchone()[0]
    assert claim["text"] == REBUILD  # most common form (three quotes), as first written
    # Daily x2, Herald, Gazette (partial), Times (overlap + indirect)
    assert claim["quotes"] == 6
    assert claim["articles"] == 5
    assert claim["outlets"] == 4  # Daily, Herald, Gazette, Times
    assert claim["forms"] == 4
    # First said: the Herald quote said on 28 February, though published after the Daily's.
    assert claim["first_said"] == "2024-02-28" and claim["first_outlet"] == "Herald"
    first = db["quotes"].get(claim["first_quote_id"])
    assert first["outlet"] == "Herald" and claim["first_article_id"] == first["article_id"]
    assert claim["last_said"] == "2024-03-07"
    assert db["articles"].get(claim["last_article_id"])["outlet"] == "Times"


def test_variants_join_the_claim(db):
    cid = claim_of(db, REBUILD)
    # A partial quote contained in the full one.
    assert claim_of(db, "every school and every hospital in this city") == cid
    # A few word edits, by someone else.
    assert claim_of(db, REBUILD.replace("hospital", "clinic")) == cid
    # A shared run of 12 of 16 words.
    overlap = "We will rebuild every school and every hospital in this city, and we will do it with local workers"
    assert claim_of(db, overlap) == cid
    # Reported speech belongs to claims like any other quote.
    indirect = db.execute("select claim_id from quotes where kind = 'indirect'").fetchone()[0]
    assert indirect == cid


def test_misquotes_are_flagged_with_the_differing_words(db):
    cid = claim_of(db, REBUILD)
    flagged = {r["text"]: r["variant_diff"] for r in db.query(
        "select text, variant_diff from quotes where claim_id = ? and variant = 1", [cid])}
    assert flagged == {REBUILD.replace("hospital", "clinic"): "-hospital +clinic"}
    assert db["claims"].get(cid)["variants"] == 1
    # The partial quote and the overlapping extract are not misquotes.
    assert db.execute(
        "select count(*) from quotes where claim_id = ? and variant = 0", [cid]).fetchone()[0] == 5
    # Every quote has a flag once it has a claim.
    assert db.execute("select count(*) from quotes where variant is null").fetchone()[0] == 0


def test_canonical_text_follows_the_most_common_form(tmp_path):
    """When a variant becomes the most common form, it becomes the canonical text and
    the flags of that claim (only) are recomputed."""
    clinic = REBUILD.replace("hospital", "clinic")
    corpus = [
        article("A", "2024-01-01", [("Jane Smith", REBUILD), ("Jane Smith", "disappointed")]),
        article("B", "2024-01-02", [("Bob Jones", clinic)]),
    ]
    store = store_corpus(tmp_path / "c.db", corpus)
    db = store.db
    cid = claim_of(db, REBUILD)
    assert db["claims"].get(cid)["text"] == REBUILD
    assert db.execute("select variant_diff from quotes where text = ?", [clinic]).fetchone()[0] == "-hospital +clinic"
    other = claim_of(db, "disappointed")
    untouched = db["quotes"].get(db.execute("select id from quotes where text = 'disappointed'").fetchone()[0])
    for a, qs in [article("C", "2024-01-03", [("Bob Jones", clinic)]),
                  article("D", "2024-01-04", [("Bob Jones", clinic)])]:
        store.add(a, qs)
    claim = db["claims"].get(cid)
    assert claim["text"] == clinic and claim["quotes"] == 4 and claim["variants"] == 1
    assert db.execute("select variant, variant_diff from quotes where text = ?", [REBUILD]).fetchone() == (1, "-clinic +hospital")
    assert {r[0] for r in db.execute("select variant from quotes where text = ?", [clinic])} == {0}
    assert db["quotes"].get(untouched["id"]) == untouched and claim_of(db, "disappointed") == other


def test_short_quotes_match_only_exactly(db):
    # "disappointed" (Jane Smith, then John Smith): one claim, two speakers.
    cid = claim_of(db, "disappointed")
    claim = db["claims"].get(cid)
    assert claim["quotes"] == 2 and claim["speakers"] == 2 and claim["outlets"] == 2
    # "very disappointed" contains it but is too short to be a variant.
    assert claim_of(db, "very disappointed") != cid
    # Five words, one edit apart: too short for the edit rule ("not" / "never" matter).
    assert claim_of(db, "We will not back down") != claim_of(db, "We will never back down")


def test_a_shared_name_does_not_make_one_claim(db):
    """Two statements that share a bill's nine-word name are two claims: a shared run
    must also be half of the shorter quote."""
    ann = db.execute("select claim_id from quotes where speaker = 'Ann Lee'").fetchone()[0]
    tom = db.execute("select claim_id from quotes where speaker = 'Tom Reed'").fetchone()[0]
    assert ann != tom


def test_claim_speakers(db):
    cid = claim_of(db, REBUILD)
    rows = {r["name"]: r for r in db.query(
        "select speakers.name, claim_speakers.* from claim_speakers join speakers "
        "on speakers.id = claim_speakers.speaker_id where claim_id = ?", [cid])}
    assert set(rows) == {"Jane Smith", "Bob Jones", "spokeswoman, Springfield council (unnamed)"}
    jane = rows["Jane Smith"]
    assert jane["quotes"] == 4
    assert (jane["first_said"], jane["last_said"]) == ("2024-02-28", "2024-03-07")
    assert db["claims"].get(cid)["speakers"] == 3


def test_every_quote_has_a_claim(db):
    assert db.execute("select count(*) from quotes where claim_id is null").fetchone()[0] == 0
    assert db.execute(
        "select count(*) from quotes where claim_id not in (select id from claims)").fetchone()[0] == 0
    # claims.quotes adds up to the quotes
    assert db.execute("select sum(quotes) from claims").fetchone()[0] == db["quotes"].count


# --- the index ------------------------------------------------------------------------------


def boilerplate_corpus(n, phrase):
    return [
        article(f"O{i}", f"2024-01-{1 + i % 28:02d}", [
            ("Jane Smith", f"Item {i} {phrase} {i * 3} district {i * 7} schools {i * 11}"),
        ])
        for i in range(n)
    ]


def test_boilerplate_shingles_stop_growing_and_link_nothing(tmp_path):
    """A 4-word run in POSTING_CAP forms is boilerplate: its posting list stops growing,
    and a quote made only of it founds its own claim instead of joining an arbitrary one."""
    cap = claims_mod.POSTING_CAP
    phrase = "look forward to working"
    a, qs = article("Late", "2024-02-01", [("Ann Lee", phrase)])
    # Rare, the phrase is a partial quote: the first quote that contains it joins its
    # claim; the phrase is then a fragment of that quote, and takes in no other statement.
    store = Store(tmp_path / "few.db")
    store.add(a, qs)
    for b, bqs in boilerplate_corpus(3, phrase):
        store.add(b, bqs)
    assert store.db["claims"].count == 3
    cid = claim_of(store.db, phrase)
    assert claim_of(store.db, f"Item 0 {phrase} 0 district 0 schools 0") == cid
    assert store.db["claims"].get(cid)["quotes"] == 2
    # Common, it is boilerplate.
    store = store_corpus(tmp_path / "many.db", boilerplate_corpus(6 * cap, phrase))
    db = store.db
    shingle = claims_mod.shingles(phrase.split())[0]
    assert db.execute("select count(*) from claim_shingles where shingle = ?", [shingle]).fetchone()[0] == cap
    assert db["claims"].count == 6 * cap
    store.add(a, qs)
    assert db["claims"].get(claim_of(db, phrase))["quotes"] == 1
    assert db["claims"].count == 6 * cap + 1


def test_index_tables_hold_each_form_once(db):
    forms = db["claim_forms"].count
    assert forms == len({tuple(words(r["text"])) for r in db["quotes"].rows})
    per_form = db.execute("select count(distinct form_id) from claim_shingles").fetchone()[0]
    long_forms = db.execute("select count(*) from claim_forms where words >= 4").fetchone()[0]
    assert per_form == long_forms
    assert db.execute(
        "select count(distinct form_id) from claim_bands").fetchone()[0] == db.execute(
        "select count(*) from claim_forms where words between ? and ?",
        [claims_mod.EDIT_MIN_WORDS, claims_mod.LSH_MAX_WORDS]).fetchone()[0]


# --- incremental, rebuild, re-ingest -----------------------------------------------------------

CLAIM_TABLES = ("claims", "claim_forms", "claim_speakers", "claim_shingles", "claim_bands")


def snapshot(db):
    state = {t: sorted(map(repr, db.query(f"select * from {t}"))) for t in CLAIM_TABLES}
    state["quotes"] = sorted(map(repr, db.query("select id, claim_id, variant, variant_diff from quotes")))
    return state


def test_rebuild_gives_the_same_claims_as_incremental_ingest(tmp_path):
    incremental = store_corpus(tmp_path / "inc.db", claims_corpus())
    before = snapshot(incremental.db)
    assert incremental.rebuild_claims() == incremental.db["claims"].count
    assert snapshot(incremental.db) == before
    # Stored without claims, then rebuilt: the same claims again.
    bulk = store_corpus(tmp_path / "bulk.db", claims_corpus(), claims=False)
    assert bulk.db["claims"].count == 0
    assert bulk.quotes_without_claims() == bulk.db["quotes"].count
    bulk.rebuild_claims()
    assert snapshot(bulk.db) == before


def test_rebuild_replays_ingest_order(tmp_path):
    """The same articles in another order: a different founding quote, so a different id;
    rebuild follows the database's own order, not the ids."""
    corpus = claims_corpus()
    reverse = store_corpus(tmp_path / "rev.db", corpus[::-1])
    state = snapshot(reverse.db)
    reverse.rebuild_claims()
    assert snapshot(reverse.db) == state
    forward = store_corpus(tmp_path / "fwd.db", corpus)
    assert claim_of(forward.db, REBUILD) != claim_of(reverse.db, REBUILD)


def test_reingest_changes_no_claim(tmp_path):
    store = store_corpus(tmp_path / "r.db", claims_corpus())
    counts = {t: store.db[t].count for t in store.db.table_names()}
    state = snapshot(store.db)
    for a, qs in claims_corpus():
        assert store.add(a, qs) is None
    assert {t: store.db[t].count for t in store.db.table_names()} == counts
    assert snapshot(store.db) == state


def test_a_failed_article_leaves_no_claim_behind(tmp_path, monkeypatch):
    store = store_corpus(tmp_path / "f.db", claims_corpus()[:2])
    state = snapshot(store.db)
    a, qs = claims_corpus()[3]

    def boom(self, claim_id, article, items):
        raise RuntimeError("boom")

    monkeypatch.setattr(claims_mod.Claims, "_update_claim", boom)
    with pytest.raises(RuntimeError):
        store.add(a, qs)
    assert snapshot(store.db) == state and not store.has_article(a.id)


def test_a_claim_does_not_grow_through_its_fragments(tmp_path):
    """A bill's name quoted on its own joins the statement it came from; another statement
    that mentions the bill does not join through it."""
    first = "The Build Back Better Act will lower costs for working families across this state"
    other = "I will vote against the Build Back Better Act because it spends far too much"
    db = store_corpus(tmp_path / "f.db", [
        article("A", "2024-01-01", [("Ann Lee", first)]),
        article("B", "2024-01-02", [("Tom Reed", "Build Back Better Act", dict(kind="partial"))]),
        article("C", "2024-01-03", [("Bob Jones", other)]),
    ]).db
    assert claim_of(db, "Build Back Better Act") == claim_of(db, first)
    assert claim_of(db, other) != claim_of(db, first)


def test_reported_speech_never_becomes_the_canonical_words_nor_a_misquote(tmp_path):
    """Reported speech changes pronouns and tense by nature: the words someone was quoted
    saying stay the claim's text, and the paraphrases are not flagged as misquotes."""
    direct = "our security systems were ineffective during the attack last week"
    reported = "his country's security systems were ineffective during the attack last week"
    corpus = [
        article("Daily", "2024-05-01", [("Nikol Pashinyan", direct)]),
        article("Herald", "2024-05-02", [("Nikol Pashinyan", reported, dict(kind="indirect"))]),
        article("Post", "2024-05-03", [("Nikol Pashinyan", reported, dict(kind="indirect"))]),
    ]
    db = store_corpus(tmp_path / "c.db", corpus).db
    ids = {claim_of(db, direct), claim_of(db, reported)}
    assert len(ids) == 1
    (text,) = db.execute("select text from claims where id = ?", [ids.pop()]).fetchone()
    assert text == direct
    flags = dict(db.execute("select kind, max(variant) from quotes group by kind").fetchall())
    assert flags == {"full": 0, "indirect": 0}
