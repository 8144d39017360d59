"""Training the ranker: ``quotetrack train`` (one deterministic command).

Data: PolNeAR (Newell, Margolin & Ruths, LREC 2018) ``train`` plus the repository's open gold
set to learn the weights, PolNeAR ``dev`` to choose the regularisation, PolNeAR ``dev`` plus the
open gold set to fit the calibrator; PolNeAR is read from ``../shared/corpus/polnear`` (never
copied into the repository). For every direct quote the rules find, the candidates of
:mod:`quotetrack.learned.candidates` are labelled from the gold: on PolNeAR the candidate
overlapping the annotated source head is right ("nobody" for an attribution with no source); on
the open gold set, which names speakers rather than mentions, the candidate the rules resolve to
the gold speaker. Quotes whose source is not among the candidates are left out (and counted). A logistic regression (scikit-learn, lbfgs, a fixed feature order) learns
a weight per feature; the calibrator is a second logistic regression on the ranker's top
probability, margin and the kind of mention and speaker chosen, fitted on PolNeAR dev so that
``confidence`` is the chance the named speaker is right. The spaCy parses are cached (DocBin)
so that a re-run costs seconds, not minutes; the cache never changes the result.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Callable, Optional

from ..attribution import attribute_by_rules, speaker_for
from ..evaluate import GoldArticle, calibration_table, load_gold, score_all, speaker_exact
from ..nlp import GLUED_QUOTE_MARKS
from .candidates import candidates
from .features import candidate_features, quote_context, sentence_starts
from .model import WEIGHTS_PATH, Ranker

C_GRID = (0.03, 0.1, 0.3, 1.0)
CALIBRATOR_C_GRID = (0.3, 1.0, 3.0, 10.0, 30.0)
DECIMALS = 5


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def parsed(nlp, gold: list[GoldArticle], cache_dir: Optional[Path], name: str) -> list:
    """The spaCy docs of ``gold``'s articles, from the cache when the same model parsed the same texts."""
    from spacy.tokens import DocBin

    key = hashlib.sha1()
    key.update(f"{nlp.meta.get('name')}-{nlp.meta.get('version')}".encode())
    key.update(repr(GLUED_QUOTE_MARKS).encode())  # (the tokenizer's own rules: a cache from before them is stale)
    for g in gold:
        key.update(g.article.text.encode("utf-8"))
    path = cache_dir / f"{name}-{key.hexdigest()[:16]}.spacy" if cache_dir else None
    if path is not None and path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    _log(f"parsing {len(gold)} articles ({name}) ...")
    docs = list(nlp.pipe((g.article.text for g in gold), batch_size=16))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs


def _overlap(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def gold_for(quotes, gold: GoldArticle) -> list:
    """The gold quote each predicted quote stands for (most characters shared, at least half), or None."""
    out = []
    for q in quotes:
        qs = [tuple(p) for p in q.parts] or [(q.start, q.end)]
        best, best_ov = None, 0
        for g in gold.quotes:
            ov = _overlap(qs, g.spans)
            if ov > best_ov:
                best, best_ov = g, ov
        length = min(sum(e - s for s, e in qs), sum(e - s for s, e in best.spans)) if best else 0
        out.append(best if best is not None and best_ov * 2 >= length else None)
    return out


def label(cands, g) -> Optional[int]:
    """Index of the right candidate for gold quote ``g``, or None when it is not among them."""
    if g is None:
        return None
    if g.speaker_type == "none" and not g.source_spans:
        return len(cands) - 1  # "nobody" is always last
    head = [g.source_head_span] if g.source_head_span else []
    for spans in (head, g.source_spans):
        hits = [k for k, c in enumerate(cands) if not c.nobody and _overlap([(c.start, c.end)], spans)]
        if hits:
            # prefer the candidate whose head word is inside the span ("spokeswoman" in "a spokeswoman for X")
            inside = [k for k in hits if any(s <= cands[k].head.idx < e for s, e in spans)]
            return (inside or hits)[-1]
    return None


def label_by_name(ruled, i: int, cands, g) -> Optional[int]:
    """For gold that names the speaker but not the mention (the dev-set format, the open gold set): the
    candidate that resolves to the gold speaker, the rules' pick first, else the nearest to the quote;
    "nobody" for a gold quote with no speaker; None for an unnamed speaker or no resolving candidate."""
    if g is None or g.speaker_type == "unnamed":
        return None
    if g.speaker_type == "none" or not g.speaker:
        return len(cands) - 1
    span = ruled.spans[i]
    hits = []
    for k, c in enumerate(cands):
        if c.nobody:
            continue
        if speaker_exact(g.speaker, speaker_for(ruled.ctx, c.head, span.start).name):
            hits.append(k)
    if not hits:
        return None
    picked = [k for k in hits if cands[k].is_rule_pick]
    return (picked or sorted(hits, key=lambda k: min(abs(cands[k].start - span.end), abs(span.start - cands[k].end))))[0]


def examples(docs, gold: list[GoldArticle]):
    """``(features per candidate, right index)`` per labelled quote, and counts of what was left out.

    PolNeAR gold labels the mention itself (:func:`label`); gold that names only the speaker
    is labelled through the rules' resolution (:func:`label_by_name`)."""
    rows = []
    counts = {"quotes": 0, "matched": 0, "labelled": 0}
    for doc, g in zip(docs, gold):
        ruled = attribute_by_rules(doc, g.article.published)
        starts = sentence_starts(doc)
        for i, gq in enumerate(gold_for(ruled.quotes, g)):
            counts["quotes"] += 1
            if gq is None or i in ruled.terms:
                continue
            counts["matched"] += 1
            cands = candidates(ruled, i)
            y = label(cands, gq) if gq.scheme == "source" else label_by_name(ruled, i, cands, gq)
            if y is None:
                continue
            counts["labelled"] += 1
            rows.append((candidate_features(quote_context(ruled, i, starts), cands, ruled), y))
    return rows, counts


def _logistic(dicts: list[dict], y: list[int], C: float, sample_weight=None, keep_zeros: bool = True) -> dict:
    """A logistic regression over feature dicts, as ``{"bias", "weights"}`` rounded to DECIMALS and
    sorted by feature, so that the same data give the same file byte for byte."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer(sort=True)
    X = vec.fit_transform(dicts)
    clf = LogisticRegression(C=C, max_iter=5000, solver="lbfgs")
    clf.fit(X, y, sample_weight=sample_weight)
    weights = {n: round(float(w), DECIMALS) for n, w in zip(vec.get_feature_names_out(), clf.coef_[0])}
    if not keep_zeros:
        weights = {n: w for n, w in weights.items() if w != 0.0}
    return {"bias": round(float(clf.intercept_[0]), DECIMALS), "weights": dict(sorted(weights.items()))}


def fit_ranker(rows, C: float, row_weights: Optional[list[float]] = None) -> dict:
    """Logistic regression over every candidate (right or not); returns ``{"bias", "weights"}``.
    ``row_weights`` weighs each quote's candidates (default 1)."""
    dicts, y, w = [], [], []
    for n, (feats, right) in enumerate(rows):
        for k, f in enumerate(feats):
            dicts.append(dict.fromkeys(f, 1))
            y.append(int(k == right))
            w.append(row_weights[n] if row_weights else 1.0)
    return _logistic(dicts, y, C, sample_weight=w, keep_zeros=False)


def choice_accuracy(model: dict, rows) -> float:
    ranker = Ranker(model)
    right = 0
    for feats, y in rows:
        scores = [ranker.score(f) for f in feats]
        right += max(range(len(scores)), key=lambda k: scores[k]) == y
    return right / len(rows) if rows else 0.0


def fit_calibrator(pairs, C: float) -> dict:
    """Logistic regression from the calibration features to "the speaker is right"."""
    dicts = [{(f[0] if isinstance(f, tuple) else f): (f[1] if isinstance(f, tuple) else 1) for f in feats} for feats, _ in pairs]
    return _logistic(dicts, [int(ok) for _, ok in pairs], C)


def ranked_report(ranker: Ranker, docs, gold: list[GoldArticle]):
    """The evaluation Report of the ranker's quotes on ``gold``, and ``(calibration features, right)`` pairs."""
    predictions, feats_by_quote = [], []
    for doc, g in zip(docs, gold):
        ranked = ranker.rank(attribute_by_rules(doc, g.article.published))
        predictions.append([q for q, _ in ranked])
        feats_by_quote.append({id(q): f for q, f in ranked})
    report = score_all(gold, predictions)
    pairs = []
    for s, fmap in zip(report.scores, feats_by_quote):
        for m in s.matches:
            if m.gold.speaker is not None or m.predicted.speaker is not None:
                if fmap[id(m.predicted)] is not None:
                    pairs.append((fmap[id(m.predicted)], m.speaker_right))
    return report, pairs


def train(
    polnear: Path,
    out: Path = WEIGHTS_PATH,
    open_gold: Optional[Path] = None,
    nlp=None,
    model: Optional[str] = None,
    cache_dir: Optional[Path] = None,
    log: Callable[[str], None] = _log,
) -> dict:
    """Learn the ranker on PolNeAR train, choose C and fit the calibrator on PolNeAR dev, write ``out``."""
    from .. import nlp as nlp_mod

    if nlp is None:
        nlp = nlp_mod.load(model, with_component=False)
    train_gold = load_gold(polnear / "train")
    dev_gold = load_gold(polnear / "dev")
    if not train_gold or not dev_gold:
        raise FileNotFoundError(f"{polnear}: no PolNeAR train/ and dev/ gold articles found")
    train_docs = parsed(nlp, train_gold, cache_dir, "polnear-train")
    dev_docs = parsed(nlp, dev_gold, cache_dir, "polnear-dev")
    train_rows, train_counts = examples(train_docs, train_gold)
    dev_rows, dev_counts = examples(dev_docs, dev_gold)
    log(f"train: {train_counts}; dev: {dev_counts}")
    open_gold_articles, open_docs = [], []
    if open_gold is not None:
        # the open gold set (Wikinews, Congress, GOV.UK: other outlets than PolNeAR's) joins the training
        # quotes, each weighing as one PolNeAR quote, and the calibration below
        open_gold_articles = load_gold(open_gold)
        open_docs = parsed(nlp, open_gold_articles, cache_dir, "open-gold")
        open_rows, open_counts = examples(open_docs, open_gold_articles)
        train_rows = train_rows + open_rows
        train_counts = {"polnear": train_counts, "open_gold": open_counts}
        log(f"open gold: {open_counts}")
    best = None
    for C in C_GRID:
        m = fit_ranker(train_rows, C)
        acc = choice_accuracy(m, dev_rows)
        log(f"C={C}: dev choice accuracy {acc:.4f} (train {choice_accuracy(m, train_rows):.4f}), {len(m['weights'])} weights")
        if best is None or acc > best[0] + 1e-9:
            best = (acc, C, m)
    acc, C, ranker_weights = best
    report, pairs = ranked_report(Ranker(ranker_weights), dev_docs, dev_gold)
    n_open = len(open_gold_articles)
    if open_gold_articles:
        # PolNeAR's names come partly from automatic coreference and its source spans keep titles, so a
        # calibrator fitted on it alone learns its noise and is too timid on cleaner gold: the open gold set
        # (canonical names checked by hand) joins it
        _, open_pairs = ranked_report(Ranker(ranker_weights), open_docs, open_gold_articles)
        pairs += open_pairs
    # the calibrator has a dozen features, so its regularisation is chosen by its own expected
    # calibration error on the pairs it is fitted to
    calibrator, cal_C, cal_ece = None, None, None
    for cC in CALIBRATOR_C_GRID:
        cand = fit_calibrator(pairs, cC)
        r = Ranker({**ranker_weights, "calibrator": cand})
        ece = calibration_table([(r.confidence(f), ok) for f, ok in pairs])["ece"]
        log(f"calibrator C={cC}: ECE {ece:.4f} on its {len(pairs)} pairs")
        if cal_ece is None or ece < cal_ece - 1e-9:
            calibrator, cal_C, cal_ece = cand, cC, ece
    result = {
        "about": "quotetrack speaker-mention ranker; rebuilt by `quotetrack train` (see quotetrack/learned/train.py)",
        "data": {"train": f"PolNeAR train ({len(train_gold)} articles) and open gold ({n_open} articles)", "choose_and_calibrate": f"PolNeAR dev ({len(dev_gold)} articles)", "calibrate_also": f"open gold ({n_open} articles)"},
        "C": C,
        "counts": {"train": train_counts, "dev": dev_counts},
        "dev_choice_accuracy": round(acc, 4),
        "calibrator_C": cal_C,
        "bias": ranker_weights["bias"],
        "weights": ranker_weights["weights"],
        "calibrator": calibrator,
    }
    out.write_text(json.dumps(result, indent=0, sort_keys=False, ensure_ascii=False) + "\n", encoding="utf-8")
    final, _ = ranked_report(Ranker(result), dev_docs, dev_gold)
    src = final.source_figures()
    cal = final.calibration()
    log(
        f"chose C={C}; PolNeAR dev: source mention {src['source_mention_accuracy']}, named speaker "
        f"{src['named_speaker_accuracy']}, ECE {cal['ece']}, right at >= 0.9 {cal['right_at_0.9']}"
    )
    return result
