"""Speed without change: the sped-up pipeline, worker processes and Dask give what one plain
process gives (quotetrack.speedups, quotetrack.parallel, quotetrack.cluster)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from quotetrack import nlp as nlp_mod
from quotetrack import parallel
from quotetrack.cli import cli
from quotetrack.models import Article
from quotetrack.sources import iter_articles

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "quotetrack" / "sample"
ATTRS = ["ORTH", "TAG", "POS", "MORPH", "LEMMA", "DEP", "HEAD", "ENT_IOB", "ENT_TYPE", "SENT_START"]

#: Words the attribute ruler's rarer rules are for: several-token patterns (gonna, y'all,
#: let's, "there is"), a regex (nothin'), negations, pronouns, spaces.
ODD_TEXT = (
    "We're gonna win, y'all. Let's go!  There is nothin' they can do, ain't it? "
    "C'mon, you know it wasn't him.\n\n\"I didn't,\" he said. She told us: \"They are here.\" "
    "Gotta love it. Is there any doubt? We, you, it, they, I."
)


def sample_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SAMPLE.glob("*.txt"))] + [ODD_TEXT]


def write_jsonl(path: Path, n: int) -> Path:
    """``n`` one-paragraph articles with quotes, and one bad line in the middle."""
    lines = []
    for i in range(n):
        lines.append(json.dumps({
            "id": f"r{i}",
            "title": f"Story {i}",
            "published": f"2024-03-{1 + i % 28:02d}",
            "text": f'"We will open {i} new schools this year," said Education Minister Ana Lopez{i}. '
                    f'"Parents have waited too long." Critics said the plan was "too little, too late".',
        }))
        if i == n // 2:
            lines.append("{not json")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def table_rows(db_path: Path) -> dict[str, list]:
    """Every row of every table, ``ingested_at`` aside (it is the time of the run)."""
    db = sqlite_utils.Database(db_path)
    out = {}
    for name in db.table_names():
        if name.endswith(("_fts", "_fts_data", "_fts_idx", "_fts_docsize", "_fts_config")):
            continue
        rows = [{k: v for k, v in r.items() if k != "ingested_at"} for r in db[name].rows]
        out[name] = sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)
    db.close()
    return out


# --- speedups ------------------------------------------------------------------------------


def test_speedups_give_the_same_annotations():
    """NumPy matrix products and the cached attribute ruler: every token attribute the same."""
    from quotetrack import nlp as nlp_mod

    plain = nlp_mod.load(None, with_component=False, speedups=False)
    fast = nlp_mod.load(None, with_component=False, speedups=True)
    assert type(fast.get_pipe("attribute_ruler")).__name__ == "CachedAttributeRuler"
    assert type(plain.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
    texts = sample_texts()
    for a, b in zip(plain.pipe(texts), fast.pipe(texts)):
        assert (a.to_array(ATTRS) == b.to_array(ATTRS)).all()
        assert [(t.lemma_, t.pos_, str(t.morph)) for t in a] == [(t.lemma_, t.pos_, str(t.morph)) for t in b]


def test_lean_predict_gives_the_same_vectors_in_less_memory_and_still_trains():
    """Predicting, a chain drops its layers' callbacks at once: tok2vec's vectors are the
    same bits, its peak memory on a long text is a fraction, and training still has gradients."""
    import tracemalloc

    import spacy

    from quotetrack import speedups

    kept = spacy.load(nlp_mod.model_name(None))
    speedups.use_numpy_gemm(kept)
    lean = spacy.load(nlp_mod.model_name(None))
    speedups.use_numpy_gemm(lean)
    assert speedups.lean_predict(lean) > 10
    texts = sample_texts()
    for a, b in zip(kept.pipe(texts), lean.pipe(texts)):
        assert (a.tensor == b.tensor).all() and (a.to_array(ATTRS) == b.to_array(ATTRS)).all()

    long_doc = lean.make_doc(" ".join(texts[:6]))  # about 5,000 tokens

    def peak(nlp) -> int:
        model = nlp.get_pipe("tok2vec").model
        tracemalloc.start()
        model.predict([long_doc])
        top = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return top

    assert peak(lean) < peak(kept) / 2
    tok2vec = lean.get_pipe("tok2vec").model
    vectors, backprop = tok2vec.begin_update([long_doc])  # training: thinc's own forward
    backprop([v * 0 + 1 for v in vectors])
    _, no_backprop = tok2vec._func(tok2vec, [long_doc], is_train=False)
    with pytest.raises(RuntimeError):
        no_backprop(vectors)


def test_cached_attribute_ruler_follows_rules_added_later():
    """On a pipeline of its own: rules in order (a later one wins), several-token rules,
    and adding a rule drops what was cached."""
    import spacy

    from quotetrack import speedups

    def pipeline(cached: bool):
        nlp = spacy.blank("en")
        ruler = nlp.add_pipe("attribute_ruler")
        ruler.add([[{"LOWER": "data"}]], {"LEMMA": "first"})
        ruler.add([[{"LOWER": {"IN": ["data", "info"]}}]], {"LEMMA": "second", "POS": "NOUN"})
        ruler.add([[{"LOWER": "big"}, {"LOWER": "data"}]], {"LEMMA": "third"}, index=1)
        ruler.add([[{"ORTH": {"REGEX": "^[A-Z]+$"}}]], {"POS": "PROPN"})
        if cached:
            speedups.apply(nlp)
        return nlp

    plain, cached = pipeline(False), pipeline(True)
    assert type(cached.get_pipe("attribute_ruler")) is speedups.CachedAttributeRuler
    text = "Big data, small data and INFO data: info."

    def seen(nlp):
        return [(t.lemma_, t.pos_) for t in nlp(text)]

    assert seen(cached) == seen(plain)
    assert seen(cached)[1] == ("third", "NOUN") and seen(cached)[4] == ("second", "NOUN")
    for nlp in (plain, cached):
        nlp.get_pipe("attribute_ruler").add([[{"LOWER": "small"}]], {"LEMMA": "tiny"})
    assert seen(cached) == seen(plain) and seen(cached)[3][0] == "tiny"


# --- worker processes ----------------------------------------------------------------------


def test_workers_get_the_batches_one_process_makes(monkeypatch):
    """The parent cuts with quotetrack.extract.batches (count and character budget), lazily,
    and each worker runs one batch as it was cut."""
    from quotetrack import extract

    assert parallel.batches is extract.batches
    sent = []
    monkeypatch.setattr(parallel, "batches", lambda *a: sent.append(a[1:]) or extract.batches(*a))
    articles = [Article(text=f'"Number {i} is fine," said Jane Smith.', source=f"a{i}") for i in range(5)]
    got = list(parallel.extract_parallel(iter(articles), workers=1, min_articles=0, batch_size=4, max_chars=90))
    assert sent == [(4, 90)] and [a.source for a, _ in got] == [f"a{i}" for i in range(5)]


def test_workers_with_a_tiny_character_budget_give_the_same_quotes():
    """Two worker processes, every article a batch of its own (a budget of 1 character): the
    quotes one process finds with the default batches, in the same order."""
    from quotetrack import nlp as nlp_mod
    from quotetrack.extract import extract_many

    articles = list(iter_articles([str(SAMPLE)]))
    local = [(a.source, [q.to_dict() for q in qs]) for a, qs in extract_many(articles, nlp=nlp_mod.load(None))]
    tiny = [(a.source, [q.to_dict() for q in qs])
            for a, qs in parallel.extract_parallel(iter(articles), workers=2, min_articles=0, max_chars=1)]
    assert tiny == local and sum(len(qs) for _, qs in local) > 60


def test_one_worker_and_two_write_the_same_bytes(tmp_path, monkeypatch):
    """`extract --workers 1` (in this process) and `--workers 2` (two worker processes):
    the same output, byte for byte, in input order, errors included."""
    monkeypatch.setattr(parallel, "SMALL_INPUT", 1)  # use the workers even for a short input
    records = write_jsonl(tmp_path / "records.jsonl", 30)
    runner = CliRunner()
    args = ["extract", str(SAMPLE), str(records)]
    one = runner.invoke(cli, args + ["--workers", "1"])
    two = runner.invoke(cli, args + ["--workers", "2"])
    assert one.exit_code == two.exit_code == 1  # the bad JSON line
    assert one.stdout_bytes == two.stdout_bytes
    assert one.stderr == two.stderr and "line 17: malformed JSON" in one.stderr
    quotes = [json.loads(line) for line in one.stdout.splitlines()]
    assert len(quotes) > 60
    lines = [int(q["source"].split("#")[1]) for q in quotes if q["source"].startswith(str(records))]
    assert len(set(lines)) == 30 and lines == sorted(lines)


def test_ingest_with_workers_builds_the_same_database(tmp_path, monkeypatch):
    monkeypatch.setattr(parallel, "SMALL_INPUT", 1)
    records = write_jsonl(tmp_path / "records.jsonl", 20)
    runner = CliRunner()
    summaries = []
    for n in (1, 2):
        db = tmp_path / f"w{n}.db"
        result = runner.invoke(cli, ["ingest", str(SAMPLE), str(records), "--db", str(db), "--workers", str(n)])
        assert result.exit_code == 1, result.output  # the bad line
        summaries.append(result.stderr.strip().splitlines()[-1])
    assert summaries[0] == summaries[1] and summaries[0].startswith("37 articles read, 37 new, ")
    assert table_rows(tmp_path / "w1.db") == table_rows(tmp_path / "w2.db")


def test_extract_parallel_reads_ahead_a_bounded_amount():
    """Memory stays flat: the input is read only as results are taken."""
    pulled = []

    def articles():
        for i in range(200):
            pulled.append(i)
            yield Article(text=f'"Number {i} is fine," said Jane Smith.', source=f"a{i}")

    results = parallel.extract_parallel(articles(), workers=2, batch_size=2, in_flight=2, min_articles=0)
    first = next(results)
    assert first[0].source == "a0"
    # two batches in flight and the one being taken, no more
    assert len(pulled) <= 2 * 3
    rest = list(results)
    assert [a.source for a, _ in rest] == [f"a{i}" for i in range(1, 200)]


def test_a_missing_model_is_one_line_before_any_worker_starts(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text('"Yes," she said.', encoding="utf-8")
    result = CliRunner().invoke(cli, ["extract", str(path), "--workers", "2", "--model", "no_such_model_xyz"])
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert "no_such_model_xyz" in line and "pip install" in line


def test_evaluate_with_workers_gives_the_same_report(monkeypatch):
    monkeypatch.setattr(parallel, "SMALL_INPUT", 1)
    gold = ROOT / "tests" / "fixtures" / "heldout3_gold"
    runner = CliRunner()
    one = runner.invoke(cli, ["evaluate", str(gold), "--json", "--workers", "1"])
    two = runner.invoke(cli, ["evaluate", str(gold), "--json", "--workers", "2"])
    assert one.exit_code == two.exit_code == 0, one.output
    assert one.stdout == two.stdout


def test_output_needs_dask():
    result = CliRunner().invoke(cli, ["extract", str(SAMPLE), "-o", "out"])
    assert result.exit_code == 2 and "--dask" in result.output


# --- Dask ----------------------------------------------------------------------------------


def test_plan_cuts_json_lines_into_partitions(tmp_path):
    from quotetrack import cluster

    records = write_jsonl(tmp_path / "records.jsonl", 10)  # 11 items: 10 articles, 1 bad line
    (tmp_path / "one.txt").write_text('"Hi," she said.', encoding="utf-8")
    errors = []
    parts = cluster.plan([str(tmp_path / "one.txt"), str(records), str(tmp_path / "missing.txt")], size=4, on_error=errors.append)
    assert [len(p) for p in parts] == [2, 1, 1]
    assert [sum((s.stop or 11) - s.start for s in p if s.path == str(records)) for p in parts] == [3, 4, 4]
    assert len(errors) == 1 and "missing.txt" in str(errors[0])
    read = [str(item) if not isinstance(item, Article) else item.source for p in parts for s in p for item in cluster.read_segment(s)]
    local = []
    list(iter_articles([str(tmp_path / "one.txt"), str(records)], on_error=lambda e: local.append(str(e))))
    expected = []
    for item in [tmp_path / "one.txt", records]:
        got = []
        for a in iter_articles([str(item)], on_error=lambda e: got.append(str(e))):
            got.append(a.source)
        expected += got
    assert read == expected


def test_a_dask_partition_with_a_tiny_character_budget_gives_the_same_events(tmp_path):
    """A partition is cut into batches as a local run is (here: one article a batch)."""
    from quotetrack import cluster

    records = write_jsonl(tmp_path / "records.jsonl", 6)
    segments = [cluster.Segment(str(records)), cluster.Segment(str(SAMPLE / "dw-armenia-un.txt"))]

    def events(**kw):
        return [(kind, first.source if isinstance(first, Article) else str(first),
                 [q.to_dict() for q in second] if kind == "article" else second)
                for kind, first, second in cluster.extract_partition(segments, None, 16, **kw)]

    default = events()
    assert [kind for kind, _, _ in default] == ["article"] * 4 + ["error"] + ["article"] * 3
    assert events(max_chars=1) == default


@pytest.fixture(scope="module")
def dask_client():
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_dask_ingest_builds_the_database_a_local_run_builds(tmp_path, dask_client):
    """Two workers, inputs cut into partitions of 4: the same database as one process, and a
    second run reads everything and stores nothing new."""
    from quotetrack import cluster
    from quotetrack import nlp as nlp_mod
    from quotetrack.extract import extract_many
    from quotetrack.store import Store

    records = write_jsonl(tmp_path / "records.jsonl", 12)
    paths = [str(SAMPLE), str(records)]
    local_errors, dask_errors = [], []
    with Store(tmp_path / "local.db") as store:
        local = store.ingest(iter_articles(paths, on_error=local_errors.append),
                             lambda arts: extract_many(arts, nlp=nlp_mod.load(None), on_error=local_errors.append))
    with Store(tmp_path / "dask.db") as store:
        stats = cluster.ingest_on_dask(store, dask_client, paths, on_error=dask_errors.append, size=4)
        assert (stats.read, stats.new, stats.quotes) == (local.read, local.new, local.quotes)
        again = cluster.ingest_on_dask(store, dask_client, paths, on_error=dask_errors.append, size=4)
        assert (again.read, again.new, again.quotes) == (local.read, 0, 0)
    assert [str(e) for e in dask_errors] == [str(e) for e in local_errors] * 2
    assert table_rows(tmp_path / "local.db") == table_rows(tmp_path / "dask.db")


def test_dask_extract_writes_partitions_in_input_order(tmp_path, dask_client, monkeypatch):
    from quotetrack import cluster

    records = write_jsonl(tmp_path / "records.jsonl", 12)
    monkeypatch.setattr(cluster, "PARTITION_SIZE", 5)
    monkeypatch.setattr(cluster, "connect", lambda address, workers=None: dask_client)
    monkeypatch.setattr(cluster, "close", lambda client: None)
    runner = CliRunner()
    local = runner.invoke(cli, ["extract", str(SAMPLE), str(records), "--workers", "1"])
    out = tmp_path / "out"
    result = runner.invoke(cli, ["extract", str(SAMPLE), str(records), "--dask", "tcp://scheduler:8786", "-o", str(out)])
    assert result.exit_code == local.exit_code == 1, result.output
    parts = sorted(out.glob("part-*.jsonl"))
    assert len(parts) == 6  # 17 files and 13 lines, five items a partition
    assert b"".join(p.read_bytes() for p in parts) == local.stdout_bytes
    assert result.stderr.splitlines()[0] == local.stderr.splitlines()[0]
