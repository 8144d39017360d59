"""The learned ranker (quotetrack.learned): candidates, features, scoring and calibration on real
parses of invented sentences; the PolNeAR side of the evaluator on hand-built gold; and that
``quotetrack train`` is deterministic and rebuilds the shipped weights (where PolNeAR is present)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import spacy

from quotetrack import nlp as nlp_mod
from quotetrack.attribution import attribute_by_rules
from quotetrack.component import extract_quotes
from quotetrack.evaluate import (
    calibration_table,
    gold_article,
    is_source_gold,
    score_all,
    speaker_holds,
)
from quotetrack.learned import Ranker, load_ranker
from quotetrack.learned.candidates import candidates
from quotetrack.learned.features import candidate_features, quote_context, sentence_starts
from quotetrack.learned.model import WEIGHTS_PATH
from quotetrack.models import Article, Quote

POLNEAR = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "polnear"


@pytest.fixture(scope="module")
def bare():
    """The spaCy pipeline without the quotetrack component (the tests run the steps by hand)."""
    return nlp_mod.load(None, with_component=False)


def ruled(bare, text: str):
    return attribute_by_rules(bare(text), "2024-03-13")


# ------------------------------------------------------------------ evaluator, PolNeAR gold


def test_holds_accepts_fuller_names_and_titled_gold_names_only():
    assert speaker_holds("Trump", "Donald Trump")
    assert speaker_holds("Rep. Jim Clyburn", "Jim Clyburn")  # the gold span keeps the title
    assert speaker_holds("House Speaker Paul Ryan", "Paul Ryan")
    assert speaker_holds("Gov. Earl Ray Tomblin of West Virginia", "Earl Ray Tomblin")  # and a place after it
    assert not speaker_holds("Bank of America", "Bank")
    assert speaker_holds("Secretary of State John F. Kerry", "John F. Kerry")
    assert not speaker_holds("Gov. Earl Ray Tomblin of West Virginia", "West Virginia")
    assert not speaker_holds("Hillary Clinton", "Bill Clinton")
    assert not speaker_holds("Clinton", "Chelsea Manning")
    assert not speaker_holds("Trump", None)
    assert speaker_holds(None, None)


def _source_gold(text: str) -> dict:
    said = text.index("said")
    q0 = text.index("We will win")
    return {
        "id": "x",
        "corpus": "PolNeAR",
        "quotes": [
            {
                "quote": "We will win.", "start": q0, "end": q0 + len("We will win."), "parts": [[q0, q0 + 12]],
                "attribution_type": "Attribution", "source": "Smith", "source_spans": [[said - 6, said - 1]],
                "source_head": "Smith", "source_head_span": [said - 6, said - 1], "source_name": "Smith",
                "source_name_from": "span", "kind": "full",
            }
        ],
    }


def test_source_gold_is_detected_and_scored_by_mention_and_name():
    text = '"We will win." Jane Smith said on Monday.'
    gold = _source_gold(text)
    assert is_source_gold(gold) and not is_source_gold({"quotes": [{"quote": "x", "speaker": "A"}]})
    g = gold_article("x", Article(text=text), gold)
    q0 = text.index("We")
    right = Quote(text="We will win.", start=q0, end=q0 + 12, speaker="Jane Smith", speaker_type="person",
                  mention_start=text.index("Jane"), mention_end=text.index(" said"), confidence=0.95)
    wrong = Quote(text="We will win.", start=q0, end=q0 + 12, speaker="Bo Lee", speaker_type="person",
                  mention_start=0, mention_end=2, confidence=0.95)
    good = score_all([g], [[right]])
    bad = score_all([g], [[wrong]])
    assert good.source_figures()["source_mention_accuracy"].value == 1.0
    assert good.source_figures()["named_speaker_accuracy_span"].value == 1.0
    assert bad.source_figures()["source_mention_accuracy"].value == 0.0
    assert bad.source_figures()["named_speaker_accuracy"].value == 0.0
    assert good.calibration()["ece"] == pytest.approx(0.05)
    assert bad.calibration()["ece"] == pytest.approx(0.95)


def test_calibration_table_bins_and_error():
    pairs = [(0.95, True)] * 9 + [(0.95, False)] + [(0.55, True)] * 2 + [(0.55, False)] * 2
    cal = calibration_table(pairs)
    rows = {r["bin"]: r for r in cal["rows"] if r["n"]}
    assert rows["0.9-1.0"]["accuracy"] == 0.9 and rows["0.5-0.6"]["accuracy"] == 0.5
    # |0.9 - 0.95| * 10/14 + |0.5 - 0.55| * 4/14
    assert cal["ece"] == pytest.approx(0.05)
    assert cal["right_at_0.9"] == {"value": 0.9, "num": 9, "den": 10}


# ------------------------------------------------------------------ candidates and features


def test_candidates_hold_the_people_around_the_quote_the_rule_pick_and_nobody(bare):
    text = ("Police charged Tom Brown on Friday. Mayor Jane Doe spoke at the vigil. "
            '"This is a tragedy for our town," she said. The council met later.')
    r = ruled(bare, text)
    cands = candidates(r, 0)
    words = [text[c.start:c.end] for c in cands if not c.nobody]
    assert "Jane Doe" in words and "she" in words and "council" in words
    assert "Tom Brown" not in words  # two sentences away
    assert cands[-1].nobody
    picks = [c for c in cands if c.is_rule_pick]
    assert len(picks) == 1 and text[picks[0].start:picks[0].end] == "she"
    # no candidate inside the quote marks
    q = r.spans[0]
    assert all(not (q.start <= c.start < q.end) for c in cands if not c.nobody)


def test_features_say_who_spoke_by_grammar_and_position(bare):
    text = '"The plan will fail," said Senator Ana Cole, who met the governor.'
    r = ruled(bare, text)
    cands = candidates(r, 0)
    feats = candidate_features(quote_context(r, 0, sentence_starts(r.ctx.doc)), cands, r)
    by_word = {text[c.start:c.end]: f for c, f in zip(cands, feats) if not c.nobody}
    cole = next(f for w, f in by_word.items() if "Cole" in w)
    assert "side=after" in cole and "rule-pick" in cole
    assert any(f.startswith("rel=subj-speech") for f in cole)
    assert not any(f.startswith("rel=subj-speech") for f in by_word["governor"])
    # features name classes of words, never the words of an article
    assert not any("Cole" in f or "governor" in f for fs in feats for f in fs)


# ------------------------------------------------------------------ the ranker


def test_weights_decide_the_choice(bare):
    text = 'Senator Ana Cole met Bo Lee on Friday. "We agree," Lee said.'
    r = ruled(bare, text)
    nobody = Ranker({"bias": 0.0, "weights": {"nobody": 10.0}})
    assert [q.speaker_type for q in nobody(r)] == ["none"]
    before = Ranker({"bias": 0.0, "weights": {"kind=ent:PERSON": 3.0, "sent=-1": 3.0, "rank=0": 1.0}})
    q = before(ruled(bare, text))[0]
    assert q.method == "ranker" and q.speaker in ("Ana Cole", "Bo Lee")
    assert text[q.mention_start:q.mention_end] in ("Ana Cole", "Bo Lee", "Senator Ana Cole")


def test_shipped_ranker_keeps_clear_attributions_and_gives_probabilities(bare):
    ranker = load_ranker()
    assert ranker is not None and ranker.calibrator, "quotetrack/learned/weights.json must ship"
    text = ('"We will rebuild the bridge," Mayor Jane Doe said on Tuesday. '
            'COVID-19 was described as "a crisis for every town" by the county health officer.')
    quotes = ranker(ruled(bare, text))
    assert quotes[0].speaker == "Jane Doe" and 0.5 < quotes[0].confidence <= 1.0
    assert quotes[1].speaker != "COVID-19"
    for q in quotes:
        assert 0.0 <= q.confidence <= 1.0


def test_learned_off_is_the_rules_alone(bare):
    text = '"We agree," said Bo Lee. "It is time," he added.'
    nlp = spacy.load(nlp_mod.model_name(None))
    nlp.add_pipe("quotetrack", config={"learned": False})
    doc = nlp(text)
    rules = extract_quotes(bare(text), None, indirect=True)
    assert [(q.speaker, q.confidence, q.method) for q in doc._.quotes] == [
        (q.speaker, q.confidence, q.method) for q in rules
    ]


# ------------------------------------------------------------------ training


needs_polnear = pytest.mark.skipif(not (POLNEAR / "train").is_dir(), reason="PolNeAR is not beside the repository")


def _small_polnear(tmp: Path, n_train: int, n_dev: int) -> Path:
    for split, n in (("train", n_train), ("dev", n_dev)):
        (tmp / split).mkdir(parents=True)
        for gold in sorted((POLNEAR / split).glob("*.gold.json"))[:n]:
            stem = gold.name[: -len(".gold.json")]
            shutil.copy(gold, tmp / split / gold.name)
            shutil.copy(POLNEAR / split / f"{stem}.txt", tmp / split / f"{stem}.txt")
    return tmp


@needs_polnear
def test_training_is_deterministic(tmp_path, bare):
    from quotetrack.learned.train import train

    data = _small_polnear(tmp_path / "polnear", 30, 10)
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    train(data, out=a, nlp=bare, log=lambda m: None)
    train(data, out=b, nlp=bare, cache_dir=tmp_path / "cache", log=lambda m: None)
    assert a.read_bytes() == b.read_bytes()
    model = json.loads(a.read_text())
    assert model["weights"] and model["calibrator"]["weights"]


@needs_polnear
@pytest.mark.slow
def test_the_training_command_rebuilds_the_shipped_weights(tmp_path):
    from click.testing import CliRunner

    from quotetrack.cli import cli

    out = tmp_path / "weights.json"
    open_gold = Path(__file__).resolve().parent / "fixtures" / "open_gold"
    result = CliRunner().invoke(cli, ["train", "--polnear", str(POLNEAR), "--open-gold", str(open_gold), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text()) == json.loads(WEIGHTS_PATH.read_text())


def test_extract_records_say_where_the_speaker_mention_is():
    from quotetrack.export import quote_record
    from quotetrack.extract import extract

    text = 'Mayor Jane Smith opened the bridge on Monday. "It took ten years," she said. "Now it is done."'
    article = Article(text=text, published="2024-05-01")
    records = [quote_record(article, q) for q in extract(article)]
    first, second = records[0], records[1]
    assert text[first["mention_start"]:first["mention_end"]] == "she"
    # the continuation rests on the same mention as the quote before it
    assert (second["mention_start"], second["mention_end"]) == (first["mention_start"], first["mention_end"])
    assert first["speaker"] == second["speaker"] == "Jane Smith"
