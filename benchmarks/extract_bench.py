"""Extraction throughput: the spaCy pipeline alone versus with the quotetrack component.

    python benchmarks/extract_bench.py                       # 300 articles of ../shared/corpus/open/bench.jsonl.gz
    python benchmarks/extract_bench.py PATH.jsonl.gz --limit 1000 --every 20

The baseline (parsing and entity recognition, component disabled) is measured in the same run
on the same articles, so the ratio holds on a noisy machine where absolute times do not.
Articles are taken every ``--every``-th line so the sample spreads over the file.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "open" / "bench.jsonl.gz"


def sample(path: Path, limit: int, every: int) -> list[dict]:
    records = []
    with gzip.open(path, "rt", encoding="utf-8") as fp:
        for i, line in enumerate(fp):
            if i % every == 0:
                records.append(json.loads(line))
                if len(records) >= limit:
                    break
    return records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=300)
    parser.add_argument("--every", type=int, default=53)
    parser.add_argument("--model", default=None)
    args = parser.parse_args()

    from quotetrack import nlp as nlp_mod
    from quotetrack.component import set_context

    records = sample(Path(args.path), args.limit, args.every)
    nlp = nlp_mod.load(args.model)
    chars = sum(len(r["text"]) for r in records)

    def docs():
        return (set_context(nlp.make_doc(r["text"]), published=r.get("published")) for r in records)

    list(nlp.pipe(docs(), disable=["quotetrack"]))  # warm up: model caches, gender data
    t0, c0 = time.perf_counter(), time.process_time()
    parsed = list(nlp.pipe(docs(), disable=["quotetrack"]))
    base_wall, base_cpu = time.perf_counter() - t0, time.process_time() - c0

    t0, c0 = time.perf_counter(), time.process_time()
    full = list(nlp.pipe(docs()))
    full_wall, full_cpu = time.perf_counter() - t0, time.process_time() - c0

    component = nlp.get_pipe("quotetrack")
    t0, c0 = time.perf_counter(), time.process_time()
    for doc in parsed:
        component(doc)
    comp_wall, comp_cpu = time.perf_counter() - t0, time.process_time() - c0

    # the learned ranker's share: the component again with the rules alone, on the same parses
    ranker, component.ranker = component.ranker, None
    t0 = time.perf_counter()
    for doc in parsed:
        component(doc)
    rules_wall = time.perf_counter() - t0
    component.ranker = ranker

    n = len(records)
    quotes = sum(len(d._.quotes) for d in full)
    print(f"articles: {n}   characters: {chars:,} ({chars / n:,.0f} per article)   quotes: {quotes:,}")
    print(f"                         wall            CPU")
    print(f"  spaCy alone:     {base_wall:7.1f} s {1000 * base_wall / n:6.1f} ms/article   {base_cpu:7.1f} s")
    print(f"  with quotetrack: {full_wall:7.1f} s {1000 * full_wall / n:6.1f} ms/article   {full_cpu:7.1f} s")
    print(f"  component alone: {comp_wall:7.1f} s {1000 * comp_wall / n:6.1f} ms/article   {comp_cpu:7.1f} s")
    print(f"  rules alone:     {rules_wall:7.1f} s {1000 * rules_wall / n:6.1f} ms/article")
    learned = comp_wall - rules_wall
    print(
        f"  learned ranker:  {learned:7.1f} s {1000 * learned / n:6.1f} ms/article"
        f"   = {100 * learned / full_wall:.1f}% of extraction time (spaCy + quotetrack)"
    )
    print(f"  ratio with/without quotetrack: wall {full_wall / base_wall:.2f}   CPU {full_cpu / base_cpu:.2f}")
    print(f"  throughput with quotetrack: {n / full_wall:.1f} articles/s, one process")


if __name__ == "__main__":
    main()
