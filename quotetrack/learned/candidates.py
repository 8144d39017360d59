"""Candidate speaker mentions for one quotation: every mention that could be its source.

A candidate is a mention in the narration near the quote (never inside quote marks): a
named entity (one candidate per entity), a personal pronoun, or the head of a noun phrase
("spokeswoman", "campaign", "report"), in the quote's own sentence(s) and the sentence on
either side; plus the mention the previous quote's speaker rests on (continuations), the
mention the rules picked (wherever it is), and "nobody". The ranker scores them; this module
only lists them, so that training and extraction see exactly the same choices.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Token

from ..attribution import RuleAttribution, mention_offsets
from ..parse import entity_of, lone_suffix

PRONOUNS = frozenset("he she they it we i him her them us".split())
ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
NOUN_DEPS_SKIPPED = frozenset({"compound", "npadvmod", "nmod"})


@dataclass
class Candidate:
    """A possible source: ``head`` is the token a speaker would be described from (None: nobody)."""

    head: Optional[Token]
    start: int = -1  # character offsets of the whole mention (the entity, else the word: attribution.mention_offsets)
    end: int = -1
    is_rule_pick: bool = False
    is_previous: bool = False  # the mention the previous quote's speaker rests on

    @property
    def nobody(self) -> bool:
        return self.head is None


def _mention_head(t: Token) -> Optional[Token]:
    """The token standing for ``t``'s mention, or None when ``t`` heads no mention of its own.

    A token with no letter ("-30-", the end mark of a press release; "2,000") names nobody, nor does a
    generational suffix ("Sanford D. Bishop, Jr. said", parsed with "Jr." as a second subject)."""
    if not any(c.isalpha() for c in t.text) or lone_suffix(t):
        return None
    if t.ent_type_ in ENTITY_LABELS:
        # the entity's last token is its head in English names ("Donald Trump", "the White House")
        nxt = t.doc[t.i + 1] if t.i + 1 < len(t.doc) else None
        if nxt is not None and nxt.ent_iob_ == "I":
            return None
        return t
    if t.pos_ == "PRON":
        return t if t.lower_ in PRONOUNS else None
    if t.pos_ in ("NOUN", "PROPN") and t.dep_ not in NOUN_DEPS_SKIPPED:
        return t
    return None


def _entity_head(t: Token) -> Token:
    """The last token of the entity ``t`` is in (``t`` itself outside entities)."""
    ent = entity_of(t, tuple(ENTITY_LABELS))
    return ent[-1] if ent is not None else t


def window(ruled: RuleAttribution, i: int):
    """The sentences the quote's parts touch, with one sentence on either side (None if it has no tokens)."""
    doc = ruled.ctx.doc
    span = ruled.spans[i]
    first = doc.char_span(span.start, span.start + 1, alignment_mode="expand")
    last = doc.char_span(max(span.start, span.end - 1), max(span.start + 1, span.end), alignment_mode="expand")
    if first is None or last is None:
        return None
    start, end = first[0].sent.start, last[-1].sent.end
    if start > 0:
        start = doc[start - 1].sent.start
    if end < len(doc):
        end = doc[end].sent.end
    return doc[start:end]


def candidates(ruled: RuleAttribution, i: int) -> list[Candidate]:
    """Every candidate source of quote ``i``, in text order, then the previous quote's and "nobody"."""
    ctx = ruled.ctx
    found: dict[int, Candidate] = {}

    def add(head: Token) -> Candidate:
        if head.i not in found:
            found[head.i] = Candidate(head, *mention_offsets(head))
        return found[head.i]

    for t in window(ruled, i) or ():
        if not ctx.quoted(t.idx) and not t.is_space and (head := _mention_head(t)) is not None:
            add(head)
    pick = ruled.picks[i]
    if pick is not None:
        add(_entity_head(pick)).is_rule_pick = True
    if i > 0 and ruled.picks[i - 1] is not None:
        add(_entity_head(ruled.picks[i - 1])).is_previous = True
    out = [found[k] for k in sorted(found)]
    out.append(Candidate(None, is_rule_pick=pick is None))
    return out
