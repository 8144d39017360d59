"""The command line, through click's CliRunner, with the real model and readers."""

import csv
import io
import json
import re
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from quotetrack import cli as cli_mod
from quotetrack.cli import cli
from quotetrack.export import EXPORT_COLUMNS, EXTRACT_COLUMNS

ROOT = Path(__file__).resolve().parent.parent
REQUIRED_KEYS = {
    "source", "article_title", "published", "text", "start", "end", "kind", "speaker",
    "speaker_mention", "speaker_type", "role", "org", "said_on", "cue", "confidence", "method",
}  # fmt: skip

ARTICLE = """Mayor backs the new bridge

The city council voted on Monday to build a new bridge over the river.

"This bridge will connect two halves of our city," said Mayor Jane Smith. "We have waited long enough."

Critics called the plan "a waste of public money" and promised to fight it.
"""


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def article_file(tmp_path):
    path = tmp_path / "bridge.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_help_lists_commands(runner):
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in ("extract", "ingest", "serve", "export", "demo", "claims", "speakers"):
        assert command in result.output


def test_extract_jsonl(runner, article_file, nlp):
    result = runner.invoke(cli, ["extract", str(article_file)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records
    for record in records:
        assert REQUIRED_KEYS <= set(record)
        assert record["source"] == str(article_file)
        assert isinstance(record["parts"], list)
    texts = " | ".join(r["text"] for r in records)
    assert "This bridge will connect two halves of our city" in texts


def test_extract_csv(runner, article_file, nlp):
    result = runner.invoke(cli, ["extract", str(article_file), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == EXTRACT_COLUMNS
    assert len(rows) > 1
    assert any("two halves of our city" in row[EXTRACT_COLUMNS.index("text")] for row in rows[1:])


def test_extract_table(runner, article_file, nlp):
    result = runner.invoke(cli, ["extract", str(article_file), "--format", "table"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("speaker") and "text" in lines[0]
    assert any("two halves of our city" in line for line in lines[2:])


def test_extract_touches_no_database(runner, article_file, tmp_path, nlp, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner.invoke(cli, ["extract", str(article_file)])
    assert not (tmp_path / "db").exists()


def test_missing_model_is_one_clean_line(runner, article_file):
    result = runner.invoke(cli, ["extract", str(article_file), "--model", "no_such_model_xyz"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    (line,) = result.stderr.strip().splitlines()
    assert "no_such_model_xyz" in line and "pip install" in line


def test_model_from_environment(runner, article_file):
    result = runner.invoke(
        cli, ["extract", str(article_file)], env={"QUOTETRACK_MODEL": "env_model_xyz"}
    )
    assert result.exit_code == 1
    assert "env_model_xyz" in result.stderr


def write_inputs(tmp_path):
    good = tmp_path / "in" / "good.txt"
    good.parent.mkdir()
    good.write_text(ARTICLE, encoding="utf-8")
    other = tmp_path / "in" / "other.txt"
    other.write_text(
        'Storm hits the coast\n\n"We lost everything," said fisherman Tom Reed on Tuesday.\n',
        encoding="utf-8",
    )
    bad = tmp_path / "in" / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02 not text \xff\xfe")
    return good, other, bad


def test_ingest_with_a_bad_file(runner, tmp_path, nlp):
    good, other, bad = write_inputs(tmp_path)
    db_path = tmp_path / "out" / "quotes.db"
    result = runner.invoke(cli, ["ingest", str(good), str(bad), str(other), "--db", str(db_path)])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if "broken.txt" in line]
    assert len(errors) == 1 and errors[0].startswith("Error: ")
    assert str(bad) in errors[0]
    summary = result.stderr.strip().splitlines()[-1]
    assert re.fullmatch(r"2 articles read, 2 new, \d+ quotes stored, 1 error", summary), summary
    db = sqlite_utils.Database(db_path)
    assert {r["source"] for r in db["articles"].rows} == {str(good), str(other)}
    assert db["quotes"].count >= 2

    # A second run over the good files: nothing new, exit 0.
    counts = {t: db[t].count for t in ("articles", "speakers", "quotes")}
    again = runner.invoke(cli, ["ingest", str(good), str(other), "--db", str(db_path)])
    assert again.exit_code == 0, again.output
    assert again.stderr.strip().splitlines()[-1] == "2 articles read, 0 new, 0 quotes stored, 0 errors"
    assert {t: db[t].count for t in counts} == counts


def test_export_command(runner, db_path, tmp_path):
    out = tmp_path / "quotes.csv"
    result = runner.invoke(
        cli, ["export", "--db", str(db_path), "--bom", "-o", str(out), "--since", "2023-09-12"]
    )
    assert result.exit_code == 0, result.output
    assert "quotes written to" in result.stderr
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows and list(rows[0]) == EXPORT_COLUMNS
    assert min(r["said_on"] or r["published"] for r in rows) >= "2023-09-12"

    result = runner.invoke(
        cli, ["export", "--db", str(db_path), "--format", "jsonl", "--speaker", "NIKOL pashinyan"]
    )
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 6 and {r["speaker"] for r in records} == {"Nikol Pashinyan"}


def test_an_extraction_error_is_one_error_line(runner, tmp_path, nlp, monkeypatch):
    """An article the extractor fails on is reported like a bad input, counted, and the
    run goes on (nothing is stored for it, so a later run retries it)."""
    from quotetrack import extract as extract_mod
    from quotetrack.sources import SourceError

    real = extract_mod.extract_many

    def failing(articles, nlp=None, on_error=None, **kw):
        def others():
            for article in articles:
                if "lost everything" in article.text:
                    on_error(SourceError(article.source, "extractor failed: boom"))
                else:
                    yield article

        return real(others(), nlp=nlp, on_error=on_error, **kw)

    monkeypatch.setattr(extract_mod, "extract_many", failing)
    good, other, _ = write_inputs(tmp_path)
    db_path = tmp_path / "q.db"
    result = runner.invoke(cli, ["ingest", str(good), str(other), "--db", str(db_path)])
    assert result.exit_code == 1
    assert f"Error: {other}: extractor failed: boom" in result.stderr.splitlines()
    assert result.stderr.strip().splitlines()[-1].startswith("2 articles read, 1 new")
    assert result.stderr.strip().splitlines()[-1].endswith(", 1 error")


def test_ingest_without_claims_then_rebuild(runner, tmp_path, nlp):
    """`ingest --no-claims` then `claims rebuild` gives the claims `ingest` gives."""
    good, other, _ = write_inputs(tmp_path)
    with_claims = tmp_path / "with.db"
    result = runner.invoke(cli, ["ingest", str(good), str(other), "--db", str(with_claims)])
    assert result.exit_code == 0, result.output
    assert "no claim yet" not in result.stderr
    without = tmp_path / "without.db"
    result = runner.invoke(cli, ["ingest", str(good), str(other), "--db", str(without), "--no-claims"])
    assert result.exit_code == 0, result.output
    lines = result.stderr.strip().splitlines()
    assert re.fullmatch(r"\d+ quotes have no claim yet: run `quotetrack claims rebuild --db .*`", lines[-2])
    assert lines[-1].startswith("2 articles read, 2 new")
    db = sqlite_utils.Database(without)
    assert db["claims"].count == 0 and db["quotes"].count > 0
    result = runner.invoke(cli, ["claims", "rebuild", "--db", str(without)])
    assert result.exit_code == 0, result.output
    n = db["quotes"].count
    assert re.fullmatch(rf"{n} quotes in \d+ claims, 0 in more than one article", result.stderr.strip())

    def claims(path):
        d = sqlite_utils.Database(path)
        return sorted(map(repr, d.query(
            "select id, text, quotes, articles, outlets, speakers, first_said, first_quote_id from claims")))

    assert claims(without) == claims(with_claims)
    assert db.execute("select count(*) from quotes where claim_id is null").fetchone()[0] == 0
    result = runner.invoke(cli, ["claims", "rebuild", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 1 and "No database" in result.stderr


def test_export_claimreview(runner, db_path, tmp_path):
    out = tmp_path / "claims.jsonld"
    result = runner.invoke(cli, ["export", "--db", str(db_path), "--format", "claimreview", "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    claims = doc["@graph"]
    n = len(claims)
    assert result.stderr.strip() == f"{n} claim{'s' if n != 1 else ''} written to {out}"
    assert claims and all(c["@type"] == "Claim" and c["appearance"] for c in claims)
    result = runner.invoke(cli, ["export", "--db", str(db_path), "--format", "claimreview", "--speaker", "Nikol Pashinyan"])
    assert result.exit_code == 0
    assert all(
        any(a.get("name") == "Nikol Pashinyan" for a in (c["author"] if isinstance(c["author"], list) else [c["author"]]))
        for c in json.loads(result.stdout)["@graph"]
    )


@pytest.mark.parametrize(
    "args,message",
    [
        (["--format", "jsonl", "--bom"], "--bom"),
        (["--format", "claimreview", "--bom"], "--bom"),
        (["--since", "yesterday"], "--since"),
        (["--until", "2023-02-30"], "--until"),
    ],
)
def test_export_bad_options(runner, db_path, args, message):
    result = runner.invoke(cli, ["export", "--db", str(db_path), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_export_missing_db(runner, tmp_path):
    result = runner.invoke(cli, ["export", "--db", str(tmp_path / "nope.db")])
    assert result.exit_code == 1 and "No database" in result.stderr


def test_demo_no_serve(runner, tmp_path, nlp, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["demo", "--no-serve"])
    assert result.exit_code == 0, result.output
    db = sqlite_utils.Database(tmp_path / "db" / "quotes.db")
    assert db["articles"].count == 17
    assert db["quotes"].count > 50
    dw = db["articles"].get(next(db.query("select id from articles where outlet = 'DW'"))["id"])
    assert dw["title"] == "Armenia urges UN to monitor human rights in Nagorno-Karabakh"
    assert dw["published"] == "2023-09-24" and dw["url"] == "https://p.dw.com/p/4Wk42"
    assert result.stderr.strip().splitlines()[-1].startswith("17 articles read, 17 new, ")
    # Running it again is a no-op.
    again = runner.invoke(cli, ["demo", "--no-serve"])
    assert again.exit_code == 0
    assert "17 articles read, 0 new, 0 quotes stored, 0 errors" in again.stderr


def test_sample_is_complete():
    sample = ROOT / "quotetrack" / "sample"
    texts = sorted(p.stem for p in sample.glob("*.txt"))
    assert len(texts) == 17
    assert texts == sorted(p.stem for p in sample.glob("*.json"))
    assert (sample / "README.md").is_file()
    for stem in texts:
        meta = json.loads((sample / f"{stem}.json").read_text(encoding="utf-8"))
        assert meta["title"] and meta["url"] and meta["published"] and meta["outlet"], stem
        assert meta.get("license"), stem


class FakePopen:
    calls = []

    def __init__(self, cmd):
        FakePopen.calls.append(cmd)

    def wait(self):
        return 0


def test_serve_runs_datasette_with_metadata(runner, db_path, tmp_path, monkeypatch):
    monkeypatch.setattr(cli_mod.subprocess, "Popen", FakePopen)
    FakePopen.calls = []
    monkeypatch.chdir(tmp_path)  # no ./metadata.yml here: the packaged copy is used
    result = runner.invoke(cli, ["serve", "--db", str(db_path), "--port", "8123"])
    assert result.exit_code == 0, result.output
    (cmd,) = FakePopen.calls
    assert cmd[1:5] == ["-m", "datasette", "serve", str(db_path)]
    metadata = Path(cmd[cmd.index("--metadata") + 1])
    assert metadata.read_bytes() == (ROOT / "metadata.yml").read_bytes()
    assert metadata.resolve() == (ROOT / "quotetrack" / "metadata.yml").resolve()
    assert cmd[cmd.index("--port") + 1] == "8123"
    assert cmd[cmd.index("--host") + 1] == "127.0.0.1"

    # ./metadata.yml wins when present; --metadata wins over both.
    (tmp_path / "metadata.yml").write_text("title: local\n")
    runner.invoke(cli, ["serve", "--db", str(db_path)])
    assert FakePopen.calls[-1][FakePopen.calls[-1].index("--metadata") + 1] == "metadata.yml"
    other = tmp_path / "other.yml"
    other.write_text("title: other\n")
    runner.invoke(cli, ["serve", "--db", str(db_path), "--metadata", str(other)])
    assert FakePopen.calls[-1][FakePopen.calls[-1].index("--metadata") + 1] == str(other)


def test_serve_without_database(runner, tmp_path):
    result = runner.invoke(cli, ["serve", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 1
    assert "No database" in result.stderr and "quotetrack demo" in result.stderr


# --- the README documents every option ------------------------------------------------


def readme_sections():
    """``{command: text}`` for each ``### quotetrack <command> [<subcommand>]`` of the CLI
    reference."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    reference = readme.split("## CLI reference", 1)[1].split("\n## ", 1)[0]
    parts = re.split(r"^### `?quotetrack ([a-z-]+(?: [a-z-]+)?)", reference, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def leaf_commands():
    """Every command a user runs: ``export``, and ``claims rebuild`` for a group's commands."""
    import click

    names = []
    for name, command in cli.commands.items():
        if isinstance(command, click.Group):
            names += [f"{name} {sub}" for sub in command.commands]
        else:
            names.append(name)
    return names


def help_options(runner, *command):
    """The options ``--help`` shows for ``command``, parsed from its output."""
    result = runner.invoke(cli, [*command, "--help"], terminal_width=200)
    assert result.exit_code == 0
    options = result.output.split("Options:", 1)[1]
    return set(re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", options)) - {"--help"}


def test_readme_documents_every_command_and_option(runner):
    sections = readme_sections()
    assert set(sections) == set(leaf_commands()), "README CLI reference vs commands"
    for name in leaf_commands():
        options = help_options(runner, *name.split())
        documented = set(re.findall(r"(?<![\w-])(--?[a-zA-Z][\w-]*)", sections[name])) - {"--help"}
        missing = options - documented
        assert not missing, f"README's `quotetrack {name}` section lacks {sorted(missing)}"
        # And it documents no option that does not exist.
        stale = {o for o in documented if o.startswith("--")} - options
        assert not stale, f"README's `quotetrack {name}` section names unknown {sorted(stale)}"


def test_readme_quick_start():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install -e . && quotetrack demo" in readme
    assert "pip install -e '.[test]' && pytest" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e '.[test]' && pytest" in ci
