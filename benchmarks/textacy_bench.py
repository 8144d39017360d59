"""quotetrack extract against textacy's direct_quotations: same spaCy model, same texts.

    pip install -e '.[bench]'
    python benchmarks/textacy_bench.py                     # 300 articles spread over bench.jsonl.gz
    python benchmarks/textacy_bench.py --limit 400 --repeat 3

Each contender is a fresh process timed from start to end (model loading, reading and
writing the output included, as a user sees it), over the same articles written to one
JSON Lines file:

- ``quotetrack``: ``quotetrack extract FILE`` with default settings (one worker per core);
- ``quotetrack --workers 1``: the same in one process;
- ``quotetrack, spaCy as shipped``: quotetrack's extractor as before the speed work (one
  process, no :mod:`quotetrack.speedups`, batches of 16), for "how much faster than today";
- ``textacy``: ``spacy.load`` of the same model, ``nlp.pipe`` over the texts (batches of 16,
  as quotetrack; spaCy's default of 1,000 took textacy's peak RSS to 1.9 GB) and
  ``textacy.extract.triples.direct_quotations`` on each doc, printed as JSON lines. textacy
  raises ValueError on a doc with an odd number of quote marks; such a doc is counted and
  skipped (its parse is still paid for, as a user's would be).

Runs alternate (A B C D, A B C D, ...) so that a change in the machine's load hits every
contender alike; the median of ``--repeat`` runs is reported, with the peak RSS of the
largest single process and of the whole process tree.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import commit, machine, mib, run  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "corpus" / "open" / "bench.jsonl.gz"

TEXTACY = r"""
import json, sys
import spacy
from textacy.extract.triples import direct_quotations
from quotetrack.nlp import model_name
nlp = spacy.load(model_name(sys.argv[2] or None))
texts = (json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8"))
out = sys.stdout
bailed = 0
for doc in nlp.pipe(texts, batch_size=16):
    try:
        quotes = list(direct_quotations(doc))
    except ValueError:  # "unclosed quotation": textacy gives up on the whole doc
        bailed += 1
        continue
    for q in quotes:
        out.write(json.dumps({"speaker": [t.text for t in q.speaker], "cue": [t.text for t in q.cue],
                              "content": q.content.text}) + "\n")
print(f"textacy gave up on {bailed} articles (unclosed quotation)", file=sys.stderr)
"""

BASELINE = r"""
import sys
from quotetrack import nlp as nlp_mod
from quotetrack.cli import utf8_stdout
from quotetrack.export import quote_record, write_jsonl
from quotetrack.extract import extract_many
from quotetrack.sources import iter_articles
nlp = nlp_mod.load(sys.argv[2] or None, speedups=False)
pairs = extract_many(iter_articles([sys.argv[1]]), nlp=nlp, batch_size=16)
with utf8_stdout() as out:
    write_jsonl((quote_record(a, q) for a, qs in pairs for q in qs), out)
"""


def sample(path: Path, limit: int, every: int, out: Path) -> int:
    n = 0
    with gzip.open(path, "rt", encoding="utf-8") as fp, open(out, "w", encoding="utf-8") as dst:
        for i, line in enumerate(fp):
            if i % every == 0:
                dst.write(line if line.endswith("\n") else line + "\n")
                n += 1
                if n >= limit:
                    break
    return n


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--every", type=int, default=53)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--model", default="")
    parser.add_argument("--no-baseline", action="store_true", help="skip quotetrack with spaCy as shipped")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="textacy_bench_"))
    data = work / "articles.jsonl"
    n = sample(Path(args.path), args.limit, args.every, data)
    model = ["--model", args.model] if args.model else []
    contenders = {
        "quotetrack (default)": ["quotetrack", "extract", str(data), *model],
        "quotetrack --workers 1": ["quotetrack", "extract", str(data), "--workers", "1", *model],
    }
    if not args.no_baseline:
        contenders["quotetrack, spaCy as shipped"] = [sys.executable, "-c", BASELINE, str(data), args.model]
    contenders["textacy direct_quotations"] = [sys.executable, "-c", TEXTACY, str(data), args.model]

    print(f"{date.today()}  commit {commit()}  {n} articles from {args.path}")
    print(f"machine: {machine()}")
    runs: dict[str, list] = {name: [] for name in contenders}
    outputs: dict[str, bytes] = {}
    for r in range(args.repeat):
        for name, cmd in contenders.items():
            out = work / f"out-{len(outputs)}.jsonl"
            with open(out, "wb") as fp:
                runs[name].append(run(cmd, stdout=fp, ok=(0,)))
            outputs.setdefault(name, out.read_bytes())
        print(f"  round {r + 1} done; load average now {machine().rsplit('load average ', 1)[1]}", flush=True)
    quotes = {name: out.count(b"\n") for name, out in outputs.items()}
    textacy_rate = n / statistics.median(x.wall for x in runs["textacy direct_quotations"])
    print(f"\n{'':31} {'median':>8} {'articles/s':>10} {'x textacy':>9} {'peak RSS (largest / all)':>26} quotes")
    for name, rs in runs.items():
        wall = statistics.median(x.wall for x in rs)
        peak = max(x.peak_rss for x in rs)
        total = max(x.peak_total for x in rs)
        print(f"  {name:<29} {wall:7.1f}s {n / wall:10.1f} {n / wall / textacy_rate:9.2f} {mib(peak):>12} / {mib(total):>10} {quotes[name]:6}")
        print(f"  {'':29} runs: {', '.join(f'{x.wall:.1f}s' for x in rs)}")
    same = outputs["quotetrack (default)"] == outputs["quotetrack --workers 1"]
    print(f"\nquotetrack default and --workers 1 output identical: {same}")
    if "quotetrack, spaCy as shipped" in outputs:
        print(f"identical to spaCy as shipped: {outputs['quotetrack (default)'] == outputs['quotetrack, spaCy as shipped']}")


if __name__ == "__main__":
    main()
