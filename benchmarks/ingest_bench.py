"""quotetrack ingest, with claims, against how it ingested before the speed work, in the same run.

    python benchmarks/ingest_bench.py                       # the first 2,000 articles of bench.jsonl.gz
    python benchmarks/ingest_bench.py --limit 0             # all 20,000 (about an hour on 2 cores)
    python benchmarks/ingest_bench.py --skip-before --tree /tmp/base   # now against another commit's tree

Two fresh databases from the same articles (one JSON Lines file):

- ``before``: what ``quotetrack ingest`` did until now, as a script: one process, spaCy as
  shipped (no :mod:`quotetrack.speedups`), batches of 16 whatever their length (each in a
  memory zone now: the vocabulary stays flat, the peak is the same), ``Store.ingest`` with claims;
- ``now``: ``quotetrack ingest FILE --db DB`` with default settings (one worker per core).

Then it checks the two databases hold the same rows (every table, ``ingested_at`` aside:
it is the time of the run) and prints wall time, articles/s, the ratio and the peak RSS of
the largest process and of the whole process tree, then of each process (``main`` is the
writer, ``worker`` a worker process) and each process's RSS at a quarter, half, three
quarters and the end of the run (does it grow with the corpus?).

``--skip-before`` leaves out ``before`` (the slow one, when memory is what is measured);
``--tree DIR`` (repeatable) also runs ``quotetrack ingest`` from the source tree ``DIR`` (a
``git worktree`` of another commit, or a frozen copy of a working tree others are editing),
to compare its memory and its database; ``--skip-now`` leaves out the installed ``now``.
"""

from __future__ import annotations

import argparse
import gzip
import sqlite3
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import commit, machine, mib, run  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "open" / "bench.jsonl.gz"

BEFORE = r"""
import sys
from quotetrack import nlp as nlp_mod
from quotetrack.extract import extract_many
from quotetrack.sources import iter_articles
from quotetrack.store import Store
nlp = nlp_mod.load(None, speedups=False)
with Store(sys.argv[2]) as store:
    stats = store.ingest(iter_articles([sys.argv[1]], on_error=print),
                         lambda arts: extract_many(arts, nlp=nlp, batch_size=16, max_chars=None))
print(stats, file=sys.stderr)
"""


def rows(db_path: Path) -> dict[str, list]:
    con = sqlite3.connect(db_path)
    tables = [r[0] for r in con.execute("select name from sqlite_master where type = 'table' and name not like '%_fts%'")]
    out = {}
    for t in tables:
        cur = con.execute(f'select * from "{t}"')
        cols = [d[0] for d in cur.description]
        keep = [i for i, c in enumerate(cols) if c != "ingested_at"]
        out[t] = sorted(repr(tuple(r[i] for i in keep)) for r in cur)
    con.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=2000, help="first N articles (0: all)")
    parser.add_argument("--skip-before", action="store_true", help="do not run `before` (one process, spaCy as shipped)")
    parser.add_argument("--tree", action="append", default=[],
                        help="also run `quotetrack ingest` from this source tree (repeatable)")
    parser.add_argument("--skip-now", action="store_true", help="do not run the installed `quotetrack ingest`")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="ingest_bench_"))
    data = work / "articles.jsonl"
    n = 0
    with gzip.open(args.path, "rt", encoding="utf-8") as fp, open(data, "w", encoding="utf-8") as out:
        for line in fp:
            out.write(line if line.endswith("\n") else line + "\n")
            n += 1
            if args.limit and n >= args.limit:
                break
    print(f"{date.today()}  commit {commit()}  {n} articles from {args.path}, claims on")
    print(f"machine: {machine()}", flush=True)
    contenders = []
    if not args.skip_before:
        contenders.append(("before", "before (one process, spaCy as shipped)",
                           [sys.executable, "-c", BEFORE, str(data), str(work / "before.db")]))
    for i, tree in enumerate(str(Path(t).resolve()) for t in args.tree):
        contenders.append((f"tree{i}", f"{Path(tree).name} (quotetrack ingest)",
                           [sys.executable, "-c", f"import sys; sys.path.insert(0, {tree!r}); from quotetrack.cli import cli; cli()",
                            "ingest", str(data), "--db", str(work / f"tree{i}.db")]))
    if not args.skip_now:
        contenders.append(("now", "now (quotetrack ingest, defaults)",
                           ["quotetrack", "ingest", str(data), "--db", str(work / "now.db")]))
    results = {}
    for key, name, cmd in contenders:
        results[key] = r = run(cmd, timeline=True)
        print(f"  {name:<40} {r.wall:8.1f} s {n / r.wall:7.1f} articles/s   peak RSS {mib(r.peak_rss)} largest,"
              f" {mib(r.peak_total)} all   (load average now {machine().rsplit('load average ', 1)[1]})", flush=True)
        print(f"      peak per process: {r.per_process()}")
        print(f"      RSS over the run: {r.at()}", flush=True)
    last = contenders[-1][0]  # now, or the last tree: the others are compared with it
    if "before" in results and last != "before":
        print(f"  speed-up: {results['before'].wall / results[last].wall:.2f}x")
    if len(results) > 1:
        reference = rows(work / f"{last}.db")
        for key, name, _ in contenders[:-1]:
            same = rows(work / f"{key}.db") == reference
            print(f"  same database, {name.split(' (')[0]} and {contenders[-1][1].split(' (')[0]} (every table, ingested_at aside): {same}")


if __name__ == "__main__":
    main()
