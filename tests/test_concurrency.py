"""Several processes on one database (quotetrack/store.py): WAL, waiting for the write
lock, a clear message when it never comes, and Datasette reading during an ingest."""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
import sqlite_utils

from conftest import make_corpus
from quotetrack.store import DatabaseBusy, Store

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent

#: A writer in another process: stores articles start..stop of make_corpus(n), pausing
#: between them so that two such writers interleave.
WRITER = """
import sys, time
from conftest import make_corpus
from quotetrack.store import Store

path, n, start, stop, pause = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
store = Store(path)
for article, quotes in make_corpus(n, 8)[start:stop]:
    store.add(article, quotes)
    time.sleep(pause)
store.close()
"""


def writer(db_path, n, start, stop, pause=0.01) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), str(ROOT), os.environ.get("PYTHONPATH", "")])}
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(db_path), str(n), str(start), str(stop), str(pause)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip


def snapshot(db_path) -> dict:
    """What must not depend on which process wrote first: articles, quotes and speaker
    ids (claims follow ingest order by design, and a speaker's label is the first seen)."""
    db = sqlite_utils.Database(db_path)
    articles = sorted(repr(sorted((k, v) for k, v in r.items() if k != "ingested_at")) for r in db["articles"].rows)
    skip = {"claim_id", "variant", "variant_diff"}
    quotes = sorted(repr(sorted((k, v) for k, v in r.items() if k not in skip)) for r in db["quotes"].rows)
    speakers = sorted(r["id"] for r in db["speakers"].rows)
    unclaimed = db.execute("select count(*) from quotes where claim_id is null").fetchone()[0]
    return {"articles": articles, "quotes": quotes, "speakers": speakers, "unclaimed": unclaimed}


def test_a_database_is_opened_in_wal_mode(tmp_path):
    store = Store(tmp_path / "q.db")
    assert store.db.execute("pragma journal_mode").fetchone()[0] == "wal"
    store.close()


def hold_lock(db_path, seconds: float) -> threading.Thread:
    """Another connection takes the write lock for ``seconds``; returns once it has it."""
    ready = threading.Event()

    def hold():
        conn = sqlite3.connect(db_path, isolation_level=None)
        conn.execute("begin immediate")
        ready.set()
        time.sleep(seconds)
        conn.execute("commit")
        conn.close()

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait()
    return thread


def test_a_writer_waits_for_another_and_says_so(tmp_path):
    path = tmp_path / "q.db"
    messages = []
    store = Store(path, on_busy=messages.append)
    article, quotes = make_corpus(1)[0]
    holder = hold_lock(path, 0.5)
    assert store.add(article, quotes) == len(quotes)
    holder.join()
    assert messages == []  # a short wait (within SQLite's own, BUSY_SLICE) is not worth a word
    holder = hold_lock(path, 3.0)
    started = time.monotonic()
    assert store.add(*make_corpus(2)[1]) is not None
    assert time.monotonic() - started >= 2.5
    holder.join()
    assert messages == [
        f"database is busy: another process is writing to {path}; waiting (up to 120 s)..."
    ]
    store.close()


def test_a_writer_gives_up_after_the_timeout_and_loses_nothing(tmp_path):
    path = tmp_path / "q.db"
    first, second = make_corpus(2)
    store = Store(path, busy_timeout=0.5, on_busy=lambda m: None)
    store.add(*first)
    holder = hold_lock(path, 3.0)
    with pytest.raises(DatabaseBusy) as caught:
        store.add(*second)
    assert str(caught.value) == (
        f"database is busy: gave up after 0.5 s waiting for another process writing to {path}"
    )
    holder.join()
    assert store.db["articles"].count == 1  # nothing half-written, the first article kept
    assert store.add(*second) == len(second[1])  # and the store works again
    store.close()


def test_opening_waits_too(tmp_path):
    """A first open creates the schema: a second process opening meanwhile waits."""
    path = tmp_path / "q.db"
    sqlite3.connect(path).close()
    holder = hold_lock(path, 1.0)
    store = Store(path, on_busy=lambda m: None)
    holder.join()
    assert "quotes" in store.db.table_names()
    store.close()


def test_two_writers_at_once_equal_one_after_the_other(tmp_path):
    n = 24
    together, apart = tmp_path / "together.db", tmp_path / "apart.db"
    Store(together).close()
    procs = [writer(together, n, 0, n // 2), writer(together, n, n // 2, n)]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    proc = writer(apart, n, 0, n, pause=0)
    assert proc.wait(timeout=300) == 0
    assert snapshot(together) == snapshot(apart)
    assert len(snapshot(together)["articles"]) == n


def test_the_cli_reports_a_busy_database_in_one_line(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from quotetrack.cli import cli

    path = tmp_path / "q.db"
    Store(path).close()
    monkeypatch.setenv("QUOTETRACK_BUSY_TIMEOUT", "0.5")
    holder = hold_lock(path, 3.0)
    try:
        result = CliRunner().invoke(cli, ["claims", "rebuild", "--db", str(path)])
    finally:
        holder.join()
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        f"Error: database is busy: gave up after 0.5 s waiting for another process writing to {path}"
    )
    assert "Traceback" not in result.output


SAMPLE = ROOT / "quotetrack" / "sample"


def test_two_cli_ingests_at_once(tmp_path):
    """The issue's case, with the real model: both exit 0, and the database equals one run."""
    texts = sorted(SAMPLE.glob("*.txt"))[:6]
    halves = [tmp_path / "a", tmp_path / "b"]
    for half, files in zip(halves, (texts[:3], texts[3:])):
        half.mkdir()
        for f in files:
            (half / f.name).write_bytes(f.read_bytes())
            (half / f.with_suffix(".json").name).write_bytes(f.with_suffix(".json").read_bytes())
    cmd = [sys.executable, "-c", "from quotetrack.cli import cli; cli()", "ingest", "--workers", "1", "--db"]
    together, apart = tmp_path / "together.db", tmp_path / "apart.db"
    procs = [subprocess.Popen([*cmd, str(together), str(h)], stderr=subprocess.PIPE, text=True) for h in halves]
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    subprocess.run([*cmd, str(apart), *map(str, halves)], check=True, capture_output=True, timeout=600)
    assert snapshot(together) == snapshot(apart)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_datasette_answers_while_an_ingest_writes(tmp_path):
    path = tmp_path / "quotes.db"
    store = Store(path)
    for article, quotes in make_corpus(4, 8):
        store.add(article, quotes)
    store.close()
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(path), "--port", str(port), "--host", "127.0.0.1"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/-/versions.json", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "Datasette did not start"
            assert server.poll() is None, server.stderr.read()
            time.sleep(0.2)
        ingest = writer(path, 40, 4, 40, pause=0.02)
        statuses, counts = [], []
        with httpx.Client(timeout=10) as client:
            while ingest.poll() is None:
                r = client.get(f"{base}/quotes.json", params={"sql": "select count(*) as n from quotes", "_shape": "array"})
                statuses.append(r.status_code)
                if r.status_code == 200:
                    counts.append(r.json()[0]["n"])
                statuses.append(client.get(f"{base}/quotes/quotes.json", params={"_size": 5}).status_code)
        _, err = ingest.communicate()
        assert ingest.returncode == 0, err
        assert len(statuses) >= 4 and set(statuses) == {200}, statuses
        assert counts == sorted(counts)  # readers saw the ingest grow, never a locked file
        assert sqlite_utils.Database(path)["articles"].count == 40
    finally:
        server.terminate()
        server.wait(timeout=30)
    log = server.stderr.read()
    assert "locked" not in log and "Traceback" not in log, log
