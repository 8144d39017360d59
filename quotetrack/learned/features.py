"""Features of a candidate source for one quote: what the rules know, as evidence to weigh.

Each feature is a string (a binary indicator); the model is a weight per string. They
describe the candidate (entity type, pronoun, role noun), its grammar (subject of a speech
verb, the verb joined to the quote, ``according to``, a passive agent, an apposition), where
it stands (side of the quote, distance in tokens, sentences and paragraphs, rank among the
candidates on its side), what the rules chose (the rule's pick and which rule), the previous
quote's speaker, and the quote itself (full or partial, opens its paragraph, a term). A few
conjunctions let a linear model say "a subject of a speech verb right after the quote".
Nothing here names a word from an article: only classes of words (pronoun, role noun, speech
verb), so the weights say how English news attributes quotes, not who is in PolNeAR.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Token

from ..attribution import RuleAttribution, _speech_lemma
from ..lexicon import DOCUMENT_NOUNS, ROLE_HEADS, SPEECH_VERBS
from .candidates import Candidate

# nouns for something said, whose possessor is who said it ("Trump's claim that ...")
SPEECH_NOUNS = frozenset(
    """
    claim claims comment comments remark remarks words word statement assertion argument suggestion promise
    pledge warning view views description call plea question answer response reply speech testimony tweet
    message insistence contention charge accusation prediction vow boast quip
    """.split()
)


@dataclass
class QuoteContext:
    """What the features need about one quote, computed once for all its candidates."""

    start: int
    end: int
    tokens: frozenset[int]
    first_token: int
    last_token: int
    sent_lo: int  # index of the quote's first and last sentence
    sent_hi: int
    para: int
    kind: str
    opens_paragraph: bool
    term: bool
    method: str
    sent_starts: list[int]


def quote_context(ruled: RuleAttribution, i: int, sent_starts: list[int]) -> QuoteContext:
    ctx = ruled.ctx
    span = ruled.spans[i]
    toks = [t.i for s, e in span.parts for t in ctx.tokens_between(s, e)]
    first = min(toks) if toks else 0
    last = max(toks) if toks else 0
    p_start = ctx.paragraphs[ctx.para_index(span.start)][0] if ctx.paragraphs else 0
    lead = ctx.text[p_start : max(p_start, span.start - 1)].strip()
    q = ruled.quotes[i]
    return QuoteContext(
        start=span.start,
        end=span.end,
        tokens=frozenset(toks),
        first_token=first,
        last_token=last,
        sent_lo=bisect.bisect_right(sent_starts, first) - 1,
        sent_hi=bisect.bisect_right(sent_starts, last) - 1,
        para=ctx.para_index(span.start),
        kind=q.kind,
        opens_paragraph=not lead,
        term=i in ruled.terms,
        method=q.method or "none",
        sent_starts=sent_starts,
    )


def is_speech_verb(t: Token) -> bool:
    return t.pos_ in ("VERB", "AUX") and _speech_lemma(t) in SPEECH_VERBS


def _linked(verb: Token, qc: QuoteContext) -> bool:
    """The verb governs the quote or the parser hung it on the quote's words."""
    if verb.head.i in qc.tokens:
        return True
    return any(c.i in qc.tokens or (c.left_edge.i <= qc.last_token and c.right_edge.i >= qc.first_token) for c in verb.children if c.dep_ in ("ccomp", "dobj", "xcomp", "advcl", "parataxis", "conj", "oprd"))


def _bucket(n: int) -> str:
    for limit, name in ((2, "0-2"), (5, "3-5"), (10, "6-10"), (20, "11-20"), (40, "21-40")):
        if n <= limit:
            return name
    return "41+"


def _kind_of(h: Token) -> str:
    if h.pos_ == "PRON":
        low = h.lower_
        return "pron:" + {"him": "he", "her": "she", "them": "they", "us": "we"}.get(low, low)
    if h.ent_type_:
        return "ent:" + h.ent_type_
    lemma = h.lemma_.lower()
    if lemma in ROLE_HEADS:
        return "role-noun"
    if lemma in DOCUMENT_NOUNS:
        return "document-noun"
    return "pos:" + h.pos_


def _relation(h: Token, qc: QuoteContext) -> str:
    """The candidate's grammatical link to speech: the strongest one that holds."""
    dep = h.dep_
    head = h.head
    if dep == "nsubj":
        if is_speech_verb(head):
            return "subj-speech-linked" if _linked(head, qc) else "subj-speech"
        return "subj-other"
    if dep == "nsubjpass":
        # 'X was described as "..." by Y': the passive subject is what was spoken of, not who spoke
        return "subjpass-speech" if is_speech_verb(head) else "subjpass-other"
    if dep == "pobj" and head.lower_ == "by" and head.dep_ == "agent":
        return "agent-speech" if is_speech_verb(head.head) else "agent-other"
    if dep == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return "according-to"
    if dep == "appos":
        if head.dep_ == "nsubj" and is_speech_verb(head.head):
            return "appos-of-speech-subj"
        return "appos"
    if dep in ("dobj", "dative") and is_speech_verb(head):
        return "obj-speech"
    if dep == "poss":
        return "poss-of-speech-noun" if head.lemma_.lower() in SPEECH_NOUNS or head.lower_ in SPEECH_NOUNS else "poss"
    if dep == "pobj":
        return "pobj:" + head.lower_
    if dep == "conj" and head.dep_ == "nsubj" and is_speech_verb(head.head):
        return "conj-speech-subj"
    return "dep:" + dep


def _between(text: str, a: int, b: int) -> Optional[str]:
    """What stands between a quote and a candidate when no word does: "dash", "colon", "comma" or "marks";
    None when a word comes between ('"...," she said' has none; '"..." ― Name' has a dash)."""
    if b < a or b - a > 8:
        return None
    gap = text[a:b]
    if any(ch.isalnum() for ch in gap):
        return None
    if any(ch in "\u2014\u2013\u2015-" for ch in gap):
        return "dash"
    if ":" in gap:
        return "colon"
    if "," in gap:
        return "comma"
    return "marks"


def candidate_features(
    qc: QuoteContext, cands: list[Candidate], ruled: RuleAttribution
) -> list[list[str]]:
    """The feature strings of each candidate of one quote, in the order given."""
    ctx = ruled.ctx
    out: list[list[str]] = []
    rel = {}
    dist = {}
    side = {}
    for k, c in enumerate(cands):
        if c.nobody:
            continue
        h = c.head
        if c.end <= qc.start:
            side[k] = "before"
            dist[k] = max(0, qc.first_token - h.i)
        elif c.start >= qc.end:
            side[k] = "after"
            dist[k] = max(0, h.i - qc.last_token)
        else:
            side[k] = "between"
            dist[k] = 0
        rel[k] = _relation(h, qc)
    # rank by distance among candidates on the same side, and among speech-verb subjects overall
    ranks = {}
    for s in ("before", "after", "between"):
        ks = sorted((k for k in side if side[k] == s), key=lambda k: dist[k])
        for r, k in enumerate(ks):
            ranks[k] = r
    speech = sorted((k for k in rel if rel[k].startswith(("subj-speech", "according-to", "agent-speech"))), key=lambda k: dist[k])
    speech_rank = {k: r for r, k in enumerate(speech)}
    quote_f = [f"q:{qc.kind}", f"q:opens-para={qc.opens_paragraph}", f"q:method={qc.method}"]
    if qc.term:
        quote_f.append("q:term")
    for k, c in enumerate(cands):
        if c.nobody:
            f = ["nobody"] + ["nobody&" + x for x in quote_f]
            f.append(f"nobody&speech-cands={min(len(speech), 2)}")
            if c.is_rule_pick:
                f.append("nobody&rule-pick")
            out.append(f)
            continue
        h = c.head
        kind = _kind_of(h)
        sent = bisect.bisect_right(qc.sent_starts, h.i) - 1
        if qc.sent_lo <= sent <= qc.sent_hi:
            sent_rel = "0"
        elif sent < qc.sent_lo:
            sent_rel = "-1" if sent == qc.sent_lo - 1 else "-far"
        else:
            sent_rel = "+1" if sent == qc.sent_hi + 1 else "+far"
        para = ctx.para_index(h.idx)
        para_rel = "same" if para == qc.para else ("prev" if para == qc.para - 1 else ("next" if para == qc.para + 1 else "far"))
        r = rel[k]
        d = _bucket(dist[k])
        sd = side[k]
        rank = str(min(ranks.get(k, 0), 3))
        f = [
            "kind=" + kind,
            "rel=" + r,
            "side=" + sd,
            "dist=" + d,
            "sent=" + sent_rel,
            "para=" + para_rel,
            "rank=" + rank,
            f"side&dist={sd}&{d}",
            f"side&sent={sd}&{sent_rel}",
            f"rel&side={r}&{sd}",
            f"rel&sent={r}&{sent_rel}",
            f"kind&rel={kind}&{r}",
            f"rel&rank={r}&{rank}",
            f"rel&q={r}&{qc.kind}",
            f"kind&side={kind}&{sd}",
        ]
        if k in speech_rank:
            sr = str(min(speech_rank[k], 2))
            f += ["speech-rank=" + sr, f"speech-rank&side={sr}&{sd}"]
        if h.ent_type_ == "PERSON" or (h.pos_ == "PROPN" and not h.ent_type_):
            f.append("named")
        touching = _between(ctx.text, qc.end, c.start) if sd == "after" else (
            _between(ctx.text, c.end, qc.start) if sd == "before" else None
        )
        if touching:
            f += [f"touching={sd}&{touching}", f"touching&kind={sd}&{touching}&{kind}"]

        if c.is_rule_pick:
            f += ["rule-pick", "rule-pick&method=" + qc.method, f"rule-pick&para={para_rel}"]
        if c.is_previous:
            f += ["previous", f"previous&q={qc.kind}", f"previous&opens-para={qc.opens_paragraph}", f"previous&para={para_rel}"]
            if c.is_rule_pick:
                f.append("previous&rule-pick")
        if qc.term:
            f.append("q:term&cand")
        out.append(f)
    return out


def sentence_starts(doc) -> list[int]:
    return [s.start for s in doc.sents]
