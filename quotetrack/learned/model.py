"""The learned ranker: a weight per feature, a softmax over each quote's candidates, and a
calibrator that turns the choice into the chance the speaker is right.

The weights are plain JSON shipped in the package (``weights.json``, rebuilt by
``quotetrack train``: see :mod:`quotetrack.learned.train`). Scoring needs no machine-learning
library: a candidate's score is the sum of its features' weights, so the ranker costs a few
dictionary look-ups per candidate.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Optional

from ..attribution import CONFIDENCE, RESOLUTION_FACTOR, RuleAttribution, Speaker, quote_by, speaker_for, with_full_orgs
from ..models import Quote
from .candidates import Candidate, candidates
from .features import _kind_of, candidate_features, quote_context, sentence_starts

WEIGHTS_PATH = Path(__file__).with_name("weights.json")


def softmax(scores: list[float]) -> list[float]:
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


def calibration_features(probs: list[float], chosen: Candidate, quote: Quote, rules: float) -> list[str | tuple[str, float]]:
    """What the calibrator reads: how sure the ranker is (top probability, margin), what kind of
    mention and speaker it ended on, and how sure the rules are of the mention's resolution
    (``rules``: their confidence, which is lowered for a pronoun or title resolved by a guess)."""
    ranked = sorted(probs, reverse=True)
    p = min(max(ranked[0], 1e-6), 1 - 1e-6)
    margin = ranked[0] - (ranked[1] if len(ranked) > 1 else 0.0)
    kind = "nobody" if chosen.nobody else _kind_of(chosen.head)
    return [
        ("logit", math.log(p / (1 - p))),
        ("margin", margin),
        ("rules", rules),
        "kind=" + kind,
        "type=" + quote.speaker_type,
        "named=" + str(quote.speaker is not None),
        "method=" + (quote.method or "none"),
    ]


class Ranker:
    """Rechooses each direct quote's speaker mention; ``Ranker(weights)(ruled) -> quotes``."""

    def __init__(self, weights: dict):
        self.weights: dict[str, float] = weights["weights"]
        self.bias: float = weights.get("bias", 0.0)
        self.calibrator: Optional[dict] = weights.get("calibrator")

    def score(self, features: list[str]) -> float:
        w = self.weights
        return self.bias + sum(w.get(f, 0.0) for f in features)

    def confidence(self, feats: list) -> Optional[float]:
        if not self.calibrator:
            return None
        w = self.calibrator["weights"]
        z = self.calibrator["bias"]
        for f in feats:
            if isinstance(f, tuple):
                z += w.get(f[0], 0.0) * f[1]
            else:
                z += w.get(f, 0.0)
        return 1 / (1 + math.exp(-z))

    def choose(self, ruled: RuleAttribution, i: int, sent_starts: list[int]):
        """``(candidates, probabilities, index of the best)`` for quote ``i``."""
        qc = quote_context(ruled, i, sent_starts)
        cands = candidates(ruled, i)
        feats = candidate_features(qc, cands, ruled)
        probs = softmax([self.score(f) for f in feats])
        best = max(range(len(cands)), key=lambda k: (probs[k], cands[k].is_rule_pick))
        return cands, probs, best

    def __call__(self, ruled: RuleAttribution) -> list[Quote]:
        return [q for q, _ in self.rank(ruled)]

    def rank(self, ruled: RuleAttribution) -> list[tuple[Quote, list]]:
        """Each quote as the ranker attributes it, with the calibrator's features (for training it)."""
        starts = sentence_starts(ruled.ctx.doc)
        out = []
        for i, q in enumerate(ruled.quotes):
            if i in ruled.terms:
                # a name or term in quote marks ('dubbed "the Corridor of Shame"') is nobody's words, as the
                # rules decided; PolNeAR gives such quotes the source of the sentence, this project does not
                out.append((q, None))
                continue
            cands, probs, best = self.choose(ruled, i, starts)
            chosen = cands[best]
            rules = q.confidence
            if not chosen.is_rule_pick:
                q, resolution = self._reattribute(ruled, q, chosen)
                rules = CONFIDENCE["parse"] * RESOLUTION_FACTOR.get(resolution, 1.0)
            cal = calibration_features(probs, chosen, q, rules)
            conf = self.confidence(cal)
            if conf is not None:
                q = replace(q, confidence=round(conf, 3))
            out.append((q, cal))
        return out

    def _reattribute(self, ruled: RuleAttribution, q: Quote, chosen: Candidate) -> tuple[Quote, str]:
        """The quote with its speaker resolved from the ranker's choice instead of the rule's, and how
        the mention was resolved ("name", "pronoun-weak", ...)."""
        ctx = ruled.ctx
        if chosen.nobody:
            speaker = Speaker(None, "none", None)
            cue = None
        else:
            h = chosen.head
            speaker = with_full_orgs(ctx, speaker_for(ctx, h, q.start))
            verb = h.head if h.dep_ in ("nsubj", "nsubjpass") else None
            cue = verb.text if verb is not None and verb.pos_ in ("VERB", "AUX") else q.cue
        fields = {k: getattr(q, k) for k in ("text", "start", "end", "parts", "kind", "said_on")}
        return quote_by(speaker, cue=cue, confidence=q.confidence, method="ranker", **fields), speaker.resolution


@lru_cache(maxsize=2)
def load_ranker(path: Optional[str] = None) -> Optional[Ranker]:
    """The shipped ranker (or the one at ``path``); None when no weights file exists."""
    p = Path(path) if path else WEIGHTS_PATH
    if not p.exists():
        return None
    return Ranker(json.loads(p.read_text(encoding="utf-8")))
