"""Benchmark: storing quotes with claims (and cross-article speakers) on versus off.

Extraction is slow and is not what this measures, so it runs once and its output is
cached (``--cache``, gzipped JSON lines of ``{"article": ..., "quotes": [...]}``); the
timed part stores the same ``(article, quotes)`` pairs into two fresh databases, one with
``Store(claims=False)`` and one with claims on, and compares them. Then it reports what the
claims look like: how many span several articles and outlets, quotes per claim, variants,
and whether the per-quote cost of claims grows as the database grows: the first thousand
articles against the last thousand, and the same last thousand stored after 0, 1/8, 1/4,
1/2 and all of the other articles. It also checks that ``claims rebuild`` on the
claims-off database gives the claims incremental ingest gave.

    python benchmarks/claims_bench.py                        # all 20,000 articles
    python benchmarks/claims_bench.py --limit 2000 --n-process 2

Figures from a run are in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator, Optional

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing
    sys.path.insert(0, str(ROOT))

from quotetrack.models import Article, Quote  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "open" / "bench.jsonl.gz"


# --- extraction, once, cached ---------------------------------------------------------

_NLP = None


def _worker_init(model: Optional[str]) -> None:
    global _NLP
    from quotetrack import nlp as nlp_mod

    _NLP = nlp_mod.load(model)


def _extract_chunk(articles: list[Article]) -> list[tuple[Article, Optional[list[Quote]]]]:
    """Quotes of each article; ``None`` for an article the extractor failed on (so that
    one extractor bug does not end a long run: the failures are counted and reported)."""
    from quotetrack.extract import extract_many

    def report(err) -> None:
        print(f"extractor failed on {err}", file=sys.stderr, flush=True)

    done: dict[int, list[Quote]] = {}
    try:
        for article, quotes in extract_many(articles, nlp=_NLP, on_error=report):
            done[id(article)] = quotes
    except Exception:  # an extractor that raises instead of reporting
        for article in articles:
            if id(article) in done:
                continue
            try:
                for a, quotes in extract_many([article], nlp=_NLP, on_error=report):
                    done[id(a)] = quotes
            except Exception as exc:  # noqa: BLE001
                report(f"{article.source}: {exc!r}")
    return [(article, done.get(id(article))) for article in articles]


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def extract_pairs(
    corpus: Path, limit: Optional[int], n_process: int, model: Optional[str]
) -> Iterator[tuple[Article, list[Quote]]]:
    """``(article, quotes)`` for the first ``limit`` articles of ``corpus``, in order.

    Several processes each load the model and take chunks of articles (``imap`` keeps the
    order), which is simpler and sturdier than ``nlp.pipe(n_process=...)`` since the
    quotes live in a custom ``Doc`` extension.
    """
    from quotetrack.sources import iter_articles

    articles = iter_articles([str(corpus)], on_error=lambda e: print(f"Error: {e}", file=sys.stderr))
    if limit:
        articles = itertools.islice(articles, limit)
    if n_process <= 1:
        _worker_init(model)
        for chunk in _chunks(articles, 50):
            yield from _extract_chunk(chunk)
        return
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(n_process, _worker_init, (model,)) as pool:
        for pairs in pool.imap(_extract_chunk, _chunks(articles, 25)):
            yield from pairs


def _article_from(d: dict) -> Article:
    return Article(**{k: v for k, v in d.items() if k != "id"})


def _quote_from(d: dict) -> Quote:
    d = dict(d)
    d["parts"] = [tuple(p) for p in d.get("parts") or []]
    return Quote(**d)


def load_cache(path: Path, corpus: Path, limit: Optional[int]) -> Optional[list[tuple[Article, list[Quote]]]]:
    """The cached pairs, or None if there is no complete cache with enough articles."""
    meta = path.with_suffix(path.suffix + ".done")
    if not path.is_file() or not meta.is_file():
        return None
    info = json.loads(meta.read_text())
    if info.get("corpus") != str(corpus):
        return None
    enough = info.get("complete") or (limit is not None and info["articles"] + info.get("failed", 0) >= limit)
    if not enough:
        return None
    pairs = []
    with gzip.open(path, "rt", encoding="utf-8") as fp:
        for line in itertools.islice(fp, limit):
            record = json.loads(line)
            pairs.append((_article_from(record["article"]), [_quote_from(q) for q in record["quotes"]]))
    return pairs


def build_cache(path: Path, corpus: Path, limit, n_process, model) -> list[tuple[Article, list[Quote]]]:
    path.parent.mkdir(parents=True, exist_ok=True)
    pairs = []
    failed = 0
    start = time.perf_counter()
    tmp = path.with_suffix(path.suffix + ".part")
    with gzip.open(tmp, "wt", encoding="utf-8") as fp:
        for i, (article, quotes) in enumerate(extract_pairs(corpus, limit, n_process, model), 1):
            if quotes is None:
                failed += 1
                continue
            pairs.append((article, quotes))
            fp.write(json.dumps({"article": article.to_dict(), "quotes": [q.to_dict() for q in quotes]}) + "\n")
            if i % 500 == 0:
                rate = i / (time.perf_counter() - start)
                print(f"  extracted {i} articles ({rate:.1f}/s)", file=sys.stderr, flush=True)
    os.replace(tmp, path)
    elapsed = time.perf_counter() - start
    path.with_suffix(path.suffix + ".done").write_text(
        json.dumps({"articles": len(pairs), "failed": failed,
                    "complete": limit is None or len(pairs) + failed < limit,
                    "seconds": round(elapsed, 1), "corpus": str(corpus)})
    )
    print(f"extraction: {len(pairs)} articles in {elapsed:.0f} s with {n_process} process(es); "
          f"the extractor failed on {failed}", file=sys.stderr)
    return pairs


# --- the timed part ---------------------------------------------------------------------


def store_all(path: Path, pairs, claims: bool) -> dict[str, list]:
    """Store every pair into the database at ``path`` (new, or a base to add to). Per article: ``wall`` and ``cpu`` seconds of
    the whole ``Store.add``, ``claims_wall`` and ``claims_cpu`` seconds spent assigning
    claims, and ``quotes`` stored. CPU time is reported beside wall time because the
    machine may be shared: it is what the code costs, wall time is what a run waited."""
    from quotetrack import claims as claims_mod
    from quotetrack.store import Store

    out: dict[str, list] = {k: [] for k in ("wall", "cpu", "claims_wall", "claims_cpu", "quotes")}
    original = claims_mod.Claims.add_article

    def timed(self, article, rows):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return original(self, article, rows)
        finally:
            out["claims_wall"][-1] += time.perf_counter() - wall
            out["claims_cpu"][-1] += time.process_time() - cpu

    claims_mod.Claims.add_article = timed
    try:
        store = Store(path, claims=claims)
        for article, qs in pairs:
            out["claims_wall"].append(0.0)
            out["claims_cpu"].append(0.0)
            wall, cpu = time.perf_counter(), time.process_time()
            n = store.add(article, qs)
            out["cpu"].append(time.process_time() - cpu)
            out["wall"].append(time.perf_counter() - wall)
            out["quotes"].append(n or 0)
        store.close()
    finally:
        claims_mod.Claims.add_article = original
    return out


def claims_state(db) -> list:
    return sorted(map(repr, db.query(
        "select id, text, quotes, articles, outlets, speakers, variants, forms, first_said, "
        "first_quote_id, last_said from claims")))


def ms(values) -> str:
    return f"{1000 * statistics.fmean(values):.2f} ms" if values else "-"


def growth_curve(tmp: Path, pairs, k: int) -> None:
    """Claim assignment CPU time of the same last ``k`` articles stored after the first
    0, 1/8, 1/4, 1/2 and all other articles: how the cost per quote moves with the size
    of the database, on identical quotes. Each base is bulk-loaded (claims off, one
    transaction, then ``claims rebuild``), which gives the same claims as ingesting."""
    from quotetrack.store import Store

    rest = len(pairs) - k
    probe = pairs[-k:]
    print(f"  cost per quote of the same last {k} articles after N articles (CPU):")
    for size in sorted({0, rest // 8, rest // 4, rest // 2, rest}):
        path = tmp / f"base-{size}.db"
        store = Store(path, claims=False)
        with store.db.atomic():
            for article, qs in pairs[:size]:
                store.add(article, qs)
        store.rebuild_claims()
        store.close()
        result = store_all(path, probe, claims=True)
        q = max(1, sum(result["quotes"]))
        print(f"    N = {size:6,}: {1000 * sum(result['claims_cpu']) / q:.2f} ms/quote, "
              f"{1000 * sum(result['cpu']) / k:.2f} ms/article for the whole add")
        path.unlink()


def run_benchmark(pairs, growth: bool = True) -> None:
    import sqlite_utils

    from quotetrack.store import Store

    n_articles = len(pairs)
    n_quotes = sum(len(qs) for _, qs in pairs)
    print(f"articles: {n_articles:,}   quotes extracted: {n_quotes:,}")
    with tempfile.TemporaryDirectory() as tmp:
        off_path, on_path = Path(tmp) / "off.db", Path(tmp) / "on.db"
        off = store_all(off_path, pairs, claims=False)
        on = store_all(on_path, pairs, claims=True)
        quotes = on["quotes"]
        nq = max(1, sum(quotes))
        print("\nstoring (fresh database, one transaction per article, speakers always on)")
        print("                 wall time                     CPU time")
        for label, r in (("claims off", off), ("claims on ", on)):
            print(f"  {label}: {sum(r['wall']):7.1f} s  {1000 * sum(r['wall']) / n_articles:6.2f} ms/article"
                  f"   {sum(r['cpu']):7.1f} s  {1000 * sum(r['cpu']) / n_articles:6.2f} ms/article")
        print(f"  ratio on/off:  wall {sum(on['wall']) / sum(off['wall']):.2f}   CPU {sum(on['cpu']) / sum(off['cpu']):.2f}")
        cw, cc = on["claims_wall"], on["claims_cpu"]
        print(f"  claim assignment alone: {1000 * sum(cw) / n_articles:.2f} ms/article, {1000 * sum(cw) / nq:.2f} ms/quote wall; "
              f"{1000 * sum(cc) / n_articles:.2f} ms/article, {1000 * sum(cc) / nq:.2f} ms/quote CPU")
        k = min(1000, n_articles // 2)
        if k:
            def line(label, wall, cpu, nquotes):
                return (f"  {label}: {1000 * sum(wall) / k:6.2f} ms/article {1000 * sum(wall) / max(1, nquotes):5.2f} ms/quote wall; "
                        f"{1000 * sum(cpu) / k:6.2f} ms/article {1000 * sum(cpu) / max(1, nquotes):5.2f} ms/quote CPU")

            first_q, last_q = sum(quotes[:k]), sum(quotes[-k:])
            print(line(f"claims, first {k} articles", cw[:k], cc[:k], first_q))
            print(line(f"claims, last {k} articles ", cw[-k:], cc[-k:], last_q))
            # The first and last thousand are different articles (the corpus is ordered by
            # source). The same last thousand again, into an empty database, isolates the
            # effect of the database's size on the same quotes.
            probe = store_all(Path(tmp) / "probe.db", pairs[-k:], claims=True)
            print(line(f"same last {k}, empty db  ", probe["claims_wall"], probe["claims_cpu"], last_q))
            print(f"  database size effect on the same quotes: wall x{sum(cw[-k:]) / max(1e-9, sum(probe['claims_wall'])):.2f}, "
                  f"CPU x{sum(cc[-k:]) / max(1e-9, sum(probe['claims_cpu'])):.2f}")
            if growth:
                growth_curve(Path(tmp), pairs, k)
        print(f"  database size: off {off_path.stat().st_size / 1e6:.1f} MB, on {on_path.stat().st_size / 1e6:.1f} MB")

        start = time.perf_counter()
        bulk = Store(off_path)
        bulk.rebuild_claims()
        t_rebuild = time.perf_counter() - start
        same = claims_state(bulk.db) == claims_state(sqlite_utils.Database(on_path))
        bulk.close()
        print(f"  claims rebuild on the claims-off database: {t_rebuild:.1f} s; same claims as incremental: {same}")

        db = sqlite_utils.Database(on_path)
        one = lambda sql: db.execute(sql).fetchone()[0]  # noqa: E731
        n_claims = one("select count(*) from claims")
        stored = one("select count(*) from quotes")
        print("\nclaims")
        print(f"  quotes stored: {stored:,}   claims: {n_claims:,}   forms: {one('select count(*) from claim_forms'):,}")
        for label, col in (("articles", "articles"), ("outlets", "outlets"), ("speakers", "speakers")):
            n = one(f"select count(*) from claims where {col} > 1")
            q = one(f"select coalesce(sum(quotes), 0) from claims where {col} > 1")
            print(f"  claims in more than one {label[:-1]}: {n:,} ({100 * n / n_claims:.1f} %), holding {q:,} quotes")
        sizes = Counter()
        for (n,) in db.execute("select quotes from claims"):
            sizes["1" if n == 1 else "2" if n == 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"] += 1
        print("  quotes per claim: " + ", ".join(f"{k}: {sizes[k]:,}" for k in ("1", "2", "3-5", "6-10", "11+"))
              + f"; largest {one('select max(quotes) from claims')}")
        print(f"  quotes whose words differ from their claim's canonical form: "
              f"{one('select count(*) from quotes join claims on claims.id = quotes.claim_id join claim_forms on claim_forms.id = claims.form_id') - one('select coalesce(sum(quotes), 0) from claim_forms where id in (select form_id from claims)'):,}")
        print(f"  variants (possible misquotes): {one('select count(*) from quotes where variant = 1'):,} quotes "
              f"in {one('select count(*) from claims where variants > 0'):,} claims")
        print(f"  index rows: claim_shingles {one('select count(*) from claim_shingles'):,}, "
              f"claim_bands {one('select count(*) from claim_bands'):,}")
        print(f"  speakers: {one('select count(*) from speakers'):,} "
              f"(bare surnames kept per article: {one('select count(*) from speakers where article_id is not null and speaker_type != ' + chr(39) + 'unnamed' + chr(39)):,}), "
              f"aliases {one('select count(*) from speaker_aliases'):,}, roles {one('select count(*) from speaker_roles'):,}")
        db.close()


def get_pairs(args) -> list[tuple[Article, list[Quote]]]:
    pairs = None if args.refresh else load_cache(args.cache, args.corpus, args.limit)
    if pairs is None:
        pairs = build_cache(args.cache, args.corpus, args.limit, args.n_process, args.model)
    else:
        print(f"extraction: {len(pairs)} articles from the cache {args.cache}", file=sys.stderr)
    return pairs


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS,
                        help="JSON lines (.jsonl.gz) of articles (default: %(default)s)")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--n-process", type=int, default=1, help="extraction processes (default 1)")
    parser.add_argument("--model", help="spaCy model (default: quotetrack's)")
    parser.add_argument("--cache", type=Path, default=ROOT / "benchmarks" / ".cache" / "extracted.jsonl.gz",
                        help="where extracted quotes are cached (default: %(default)s)")
    parser.add_argument("--refresh", action="store_true", help="extract again even if cached")
    parser.add_argument("--extract-only", action="store_true", help="fill the cache and stop")
    parser.add_argument("--no-growth", action="store_true",
                        help="skip the cost-against-database-size curve (five more loads)")
    return parser.parse_args(argv)


def main(argv=None) -> None:
    args = parse_args(argv)
    pairs = get_pairs(args)
    if args.extract_only:
        return
    run_benchmark(pairs, growth=not args.no_growth)


if __name__ == "__main__":
    main()
