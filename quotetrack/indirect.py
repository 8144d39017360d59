"""Reported (indirect) speech: ``X said (that) CLAUSE`` outside quote marks, as quotes of ``kind == "indirect"``.

A direct quote carries the speaker's words; reported speech carries the reporter's
paraphrase of a claim. Both say what someone claimed, so both belong to claims, but they
must stay apart (``kind``, ``method`` and a lower ``confidence``) so that researchers can
filter either way.

The rule, built for precision over recall (a wrong attribution is the worst error this
product can make, and a missed paraphrase costs little since most claims also appear as
direct quotes):

1. a reporting verb from :data:`REPORTING_VERBS` used as a finite, active, affirmative
   verb of the narration (not quoted, not negated, not under a modal, not passive);
2. its clausal complement (``ccomp``): a finite clause with a subject, at least
   :data:`MIN_WORDS` words, not introduced by *whether*/*if*/a wh-word (those report a
   question, not a claim), with no quote mark in it (a complement containing a quote is
   a direct or partial quote the direct rules already report);
3. its speaker: the verb's subject (or the subject of the verb it is joined to, for
   "..., adding that" and "X arrived and said that"), read by
   :func:`~quotetrack.people.describe` and resolved like a direct quote's speaker, then
   checked harder (see :func:`_speaker`): groups ("officials said"), joint subjects,
   "it", datelines taken for subjects, and pronouns or "the company" whose nearest
   antecedent is not the resolved one are dropped; a speaker that stays unknown
   ("they", "critics") drops the clause entirely;
4. complements nested in another reporting verb's complement are skipped ("Smith said
   Jones told him that ..." is Smith's claim about Jones, not Jones's claim).

``according to X, CLAUSE`` is handled apart: the main clause the phrase sits in, with the
phrase taken out, when it stands outside quote marks.
"""

from __future__ import annotations

import copy
import re
from typing import Optional

from spacy.tokens import Span, Token

from . import dates
from .attribution import RESOLUTION_FACTOR, Speaker, _also, _perfect, _speaker_from, quote_by
from .context import ArticleContext
from .models import Quote
from .lexicon import SPEECH_VERBS
from .names import org_name
from .parse import QUOTE_CHARS, dash_between
from .people import describe

# Verbs that report what someone said or wrote, with a clause as its content. Left out on
# purpose: cognition verbs (think, believe, feel, hope, expect, know, fear): they report a
# state of mind the reporter infers, not words anyone said; verbs whose complement is not
# the speaker's claim (deny, dismiss, question: the speaker asserts the opposite; ask,
# wonder: a question; report, reveal, show, find: usually a document or an outlet relaying
# others); and manner-of-speaking verbs (shout, whisper) that rarely take a "that" clause.
REPORTING_VERBS = frozenset(
    """
    say tell claim argue warn insist admit announce state add explain suggest write
    assert contend maintain stress emphasise emphasize note acknowledge concede confirm
    declare predict promise pledge vow reiterate allege testify complain caution
    reply respond answer agree remark observe recall comment tweet post
    """.split()
)

MIN_WORDS = 4
# 0.7 of a direct quote attributed by the parse: a paraphrase's clause boundary and the
# reporter's wording both add doubt to "this is what X claimed"
INDIRECT_CONFIDENCE = 0.7
ACCORDING_CONFIDENCE = 0.6

_MODALS = frozenset("will would could might may should must can shall 'll 'd ca wo".split())
_WH = frozenset("whether if what why how when where who whom whose which".split())
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "expl", "csubj")
# how a reporting verb without its own subject borrows one: "..., adding that" (advcl),
# "X arrived and said that" (conj), "went on to say that" (xcomp of go/continue)
_BORROW = ("advcl", "conj", "xcomp")
_XCOMP_HEADS = frozenset("go continue".split())
_ACCORDING = re.compile(r"\baccording to\b", re.I)


def find_indirect(ctx: ArticleContext, direct_quotes: list[Quote]) -> list[Quote]:
    """Reported speech in ``ctx``'s article as quotes of ``kind == "indirect"``, in text order.

    ``direct_quotes`` are the article's direct quotes (already attributed): their regions
    are never reused, and a same-paragraph quote by the same speaker gives the date for an
    "also said that" as it does for direct quotes. ``ctx`` is left as it was: resolving
    speakers registers names in its cast, so the work is done on a copy of the cast.
    """
    cast = ctx.cast
    ctx.cast = copy.deepcopy(cast)
    try:
        return _find(ctx, direct_quotes)
    finally:
        ctx.cast = cast


def _find(ctx: ArticleContext, direct_quotes: list[Quote]) -> list[Quote]:
    doc = ctx.doc
    found: list[tuple[Token, tuple[int, int]]] = []
    for verb in doc:
        if verb.lemma_.lower() not in REPORTING_VERBS or verb.pos_ not in ("VERB", "AUX"):
            continue
        comp = _complement(verb)
        if comp is not None:
            found.append((verb, comp))
    # a complement inside another reporting verb's complement is second-hand: skip it
    outer = [c for _, c in found]
    quotes: list[Quote] = []
    for verb, (start, end) in found:
        if any(s <= verb.i < e and (s, e) != (start, end) for s, e in outer):
            continue
        q = _indirect_quote(ctx, verb, doc[start:end], direct_quotes)
        if q is not None:
            quotes.append(q)
    quotes += _according_to(ctx, quotes)
    return sorted(quotes, key=lambda q: (q.start, q.end))


def _complement(verb: Token) -> Optional[tuple[int, int]]:
    """Token range ``[start, end)`` of the reported clause of ``verb``, or None if it has none.

    The ccomp's subtree without a leading complementiser "that" (tagged IN: "that" as a
    pronoun subject, "said that was wrong", stays) and without punctuation at either end.
    A verb with two complements (a parse slip) is skipped rather than guessed at.
    """
    comps = [c for c in verb.children if c.dep_ == "ccomp"]
    if len(comps) != 1:
        return None
    comp = comps[0]
    sub = list(comp.subtree)
    start, end = sub[0].i, sub[-1].i + 1
    if end - start != len(sub):
        return None  # not contiguous: the parse is crossing, do not trust it
    doc = verb.doc
    # "said his plan would work and added that ...": a speech verb with no subject of its
    # own, hung on the complement by the parser, is the reporting verb's conjunct: cut before it
    for c in comp.children:
        if c.dep_ == "conj" and c.lemma_.lower() in SPEECH_VERBS and not any(g.dep_ in _SUBJECT_DEPS for g in c.children):
            ccs = [g.i for g in comp.children if g.dep_ == "cc" and g.i < c.i]
            cut = min([t.i for t in c.subtree] + ccs[-1:])
            end = min(end, max(cut, start))
    if start < end and doc[start].lower_ == "that" and (doc[start].dep_ == "mark" or doc[start].tag_ == "IN"):
        start += 1
    return _tidy(doc, start, end)


_CITATION = re.compile(r"[.!?]\[\d+\]?")


def _tidy(doc, start: int, end: int) -> Optional[tuple[int, int]]:
    """Trim a clause's token range ``[start, end)`` of punctuation at either end."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        if doc[end - 1].text == ")" and doc[start : end - 1].text.count("(") > doc[start : end - 1].text.count(")"):
            break  # "(150 million km)": keep the bracket the clause opened
        end -= 1
    if start >= end:
        return None
    return start, end


def _bounds(clause: Span) -> tuple[int, int]:
    """Character offsets of ``clause``, cut at a sentence end marked by a citation
    ("... of Delaware.[2] I do not believe ...", which the sentence splitter ran together)."""
    start, end = clause.start_char, clause.end_char
    m = _CITATION.search(clause.text)
    if m:
        end = start + m.start()
    return start, end


def _indirect_quote(ctx: ArticleContext, verb: Token, clause: Span, direct_quotes: list[Quote]) -> Optional[Quote]:
    """The indirect quote of ``verb`` reporting ``clause``, or None if any rule says no."""
    if not _reports_a_claim(ctx, verb, clause):
        return None
    subject = _speaker_token(verb, ctx)
    if subject is None or clause.start <= subject.i < clause.end:
        return None
    speaker = _speaker(ctx, subject, verb)
    if speaker is None:
        return None
    said_on = _said_on(ctx, verb, clause, speaker, direct_quotes)
    return _clause_quote(ctx, speaker, clause, said_on, verb.text, INDIRECT_CONFIDENCE, "indirect")


def _clause_quote(
    ctx: ArticleContext, speaker: Speaker, clause: Span, said_on: Optional[str], cue: str, base: float, method: str
) -> Quote:
    """The indirect quote of ``clause``, attributed to ``speaker``."""
    start, end = _bounds(clause)
    return quote_by(
        speaker,
        text=ctx.text[start:end],
        start=start,
        end=end,
        parts=[(start, end)],
        kind="indirect",
        said_on=said_on,
        cue=cue,
        confidence=round(base * RESOLUTION_FACTOR.get(speaker.resolution, 1.0), 3),
        method=method,
    )


def _reports_a_claim(ctx: ArticleContext, verb: Token, clause: Span) -> bool:
    """Whether ``verb`` + ``clause`` is an affirmative report of a claim, wholly outside quote marks.

    Rejects: a quoted verb or any quoted or quote-mark token in the clause (a direct or
    partial quote, reported already); "said" as an adjective; negation ("did not say
    that"), modals and futures ("will say", "could argue": nothing was said yet);
    passives ("it was announced that": the subject is not the speaker); questions (the
    sentence ends in "?"); embedded questions ("whether", "if", "what"); complements
    without a subject of their own or shorter than :data:`MIN_WORDS` words.
    """
    if ctx.quoted(verb.idx) or verb.dep_ == "amod":
        return False
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() not in _XCOMP_HEADS:
        return False  # "refused to say", "is expected to announce"
    if verb.tag_ == "VB":
        # a bare form is reported speech only after "went on to" or an emphatic "did"
        if not (verb.dep_ == "xcomp" or any(c.dep_ == "aux" and c.lower_ in ("did", "does", "do") for c in verb.children)):
            return False
    elif verb.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN"):
        return False
    if verb.tag_ == "VBN" and not _perfect(verb):
        return False  # a participle without "has": passive or adjectival
    if verb.dep_ in ("acl", "relcl") and verb.tag_ == "VBG":
        return False  # "a statement saying that": the noun is a document, not a speaker
    for c in verb.children:
        if c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _MODALS) or c.dep_ in ("auxpass", "nsubjpass"):
            return False
        if c.dep_ == "advmod" and c.lower_ in ("never", "not"):
            return False
    # the verb's own chain of auxiliaries (conjoined verbs share their head's)
    head = verb.head if verb.dep_ == "conj" else None
    if head is not None and any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in _MODALS) for c in head.children):
        return False
    sent = verb.sent
    if sent.text.rstrip(" \"'\u201d\u2019)").endswith("?"):
        return False
    comp = [c for c in verb.children if c.dep_ == "ccomp"][0]
    first = clause[0]
    if first.lower_ in _WH or any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in comp.children):
        return False  # "did not say whether", "told reporters how much it would cost": a question
    if not any(c.dep_ in _SUBJECT_DEPS for c in comp.children):
        return False
    if sum(1 for t in clause if not t.is_punct) < MIN_WORDS:
        return False
    if any(ctx.quoted(t.idx) or t.text in QUOTE_CHARS or any(ch in QUOTE_CHARS for ch in t.text) for t in clause):
        return False
    if "\n" in clause.text:
        return False  # a clause running over a paragraph break is a parse slip
    return True


def _speaker_token(verb: Token, ctx: ArticleContext) -> Optional[Token]:
    """The subject of ``verb``, or of the verb it is joined to ("..., adding that", "and said that").

    Unlike the direct-quote rules this does not take any name after the verb (it is as
    often the object: "told Smith that"); only an inverted attribution after a fronted
    clause ("The plan will fail, said Smith") is read, see :func:`_inverted_subject`.
    """
    v = verb
    for _ in range(3):
        subjects = [c for c in v.children if c.dep_ == "nsubj" and not ctx.quoted(c.idx)]
        if subjects:
            return subjects[0]
        if v.dep_ not in _BORROW or v.head is v:
            return _inverted_subject(verb, ctx)
        if v.dep_ == "advcl" and v.tag_ != "VBG":
            return None  # "..., as he said that": a subordinate clause with no subject is a slip
        v = v.head
    return None


def _inverted_subject(verb: Token, ctx: ArticleContext) -> Optional[Token]:
    """``CLAUSE, said Smith``: the subject the parser left after the verb (as nsubj or dobj)."""
    for c in verb.children:
        if c.i > verb.i and c.dep_ in ("nsubj", "dobj") and not ctx.quoted(c.idx):
            comp = [x for x in verb.children if x.dep_ == "ccomp"]
            if comp and comp[0].i < verb.i and (c.pos_ == "PROPN" or c.ent_type_ in ("PERSON", "ORG")):
                return c
    return None


def _speaker(ctx: ArticleContext, subject: Token, cue: Token) -> Optional[Speaker]:
    """The resolved speaker of ``subject``, or None when the claim cannot be pinned on one speaker.

    Stricter than for direct quotes, because a reported clause has no quote marks to
    confirm that anyone said it: groups ("officials say", "critics argue") and joint
    subjects ("X and Y agree") are dropped; a title resolved only by salience ("the
    official spokesman" -> whoever the passage is about) stays an unnamed speaker with
    that role; a pronoun must have its antecedent as the nearest speaker-like mention
    (see :func:`_pronoun_antecedent_ok`).
    """
    if _plural_group(subject) or _joint(subject) or _ambiguous_relative(subject) or dash_between(subject, cue):
        return None
    if subject.lower_ == "it":
        return None  # "it" is as often the report, the finding or the plan as the body that spoke
    mention = describe(subject, ctx.cast)
    speaker = _speaker_from(ctx, mention, cue.idx)
    if speaker.resolution == "title-salience" or (speaker.resolution == "title" and _indefinite(subject)):
        # "the official spokesman" or "one candidate": described, not named, so stay unnamed
        speaker = Speaker(None, "unnamed", mention.text, mention.role, mention.org, "unnamed")
    if speaker.speaker_type == "person" and speaker.resolution in ("pronoun", "pronoun-weak") and not _pronoun_antecedent_ok(ctx, subject, speaker):
        return None
    if speaker.speaker_type == "organisation" and mention.kind == "body" and not _org_reference_ok(ctx, subject, speaker):
        return None
    speaker.head = subject
    return speaker if _resolved(speaker) else None


def _plural_group(subject: Token) -> bool:
    """A plural common noun ("officials", "investigators", "the authors"): a group, not one speaker.

    Plural names of bodies tagged as entities ("the Democrats") are kept; they speak as one.
    """
    return subject.tag_ in ("NNS", "NNPS") and not subject.ent_type_ and subject.pos_ != "PRON"


def _ambiguous_relative(subject: Token) -> bool:
    """"a niece of X, who claimed ...": a relative pronoun whose antecedent sits in a
    prepositional or appositive phrase may belong to the noun before it, so whose claim
    it is cannot be read off the parse."""
    if subject.lower_ not in ("who", "that", "which") or subject.head.dep_ != "relcl":
        return False
    antecedent = subject.head.head
    return antecedent.dep_ in ("pobj", "appos", "conj", "compound")


def _indefinite(subject: Token) -> bool:
    """"one candidate", "a minister", "another official": an unnamed member of a group."""
    return any(c.dep_ in ("det", "nummod") and c.lower_ in ("a", "an", "one", "another", "some", "any") for c in subject.children)


def _joint(subject: Token) -> bool:
    """A subject with conjuncts ("Richards and Yelling agree"): several speakers, so no single one."""
    return any(c.dep_ == "conj" and c.pos_ in ("PROPN", "NOUN", "PRON") for c in subject.children)


def _human_candidates(ctx: ArticleContext, tokens) -> list[tuple[str, Optional[str]]]:
    """Speaker-like mentions among ``tokens`` in text order, as ``(kind, canonical name)``.

    ``kind`` is ``name`` for a named person, ``pronoun`` for he/she and ``unnamed`` for a
    singular common-noun subject of a speech verb ("said a source close to the probe").
    """
    out: list[tuple[str, Optional[str]]] = []
    seen: set[int] = set()
    for t in tokens:
        if ctx.quoted(t.idx) or t.i in seen:
            continue
        if t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and ctx.cast.knows(t.text)):
            if t.dep_ == "compound" and t.head.ent_type_ == "PERSON":
                continue
            m = describe(t, ctx.cast)
            if m.kind == "name" and m.name:
                out.append(("name", ctx.cast.canonical(m.name)))
                seen.update(x.i for x in t.subtree)
            continue
        if t.lower_ in ("he", "she") and t.dep_ in ("nsubj", "nsubjpass"):
            out.append(("pronoun", t.lower_))
            continue
        if (
            t.dep_ == "nsubj"
            and t.pos_ == "NOUN"
            and t.tag_ == "NN"
            and t.head.lemma_.lower() in SPEECH_VERBS
            and not t.ent_type_
        ):
            out.append(("unnamed", None))
    return out


def _pronoun_antecedent_ok(ctx: ArticleContext, subject: Token, speaker: Speaker) -> bool:
    """Whether the person "he"/"she" was resolved to is the nearest speaker-like mention.

    The article's resolver knows named people only, so after "..., said a source close to
    the probe" a "He cautioned that ..." goes to the last named person: wrong. Walk back
    from the pronoun, sentence by sentence (at most four): the first sentence with a named
    person or an unnamed speaker decides; it must name the resolved person and hold no
    unnamed speaker. Sentences whose only candidates are he/she continue the chain.
    """
    doc = ctx.doc
    sent = subject.sent
    tokens = [t for t in sent if t.i < subject.i]
    for _ in range(4):
        cands = [c for c in _human_candidates(ctx, tokens) if c[0] != "pronoun"]
        if cands:
            names = {n for k, n in cands if k == "name"}
            return speaker.name in names and all(k == "name" for k, _ in cands)
        if sent.start == 0:
            return False
        sent = doc[sent.start - 1].sent
        tokens = list(sent)
    return False


_NOT_BODIES = frozenset("PERSON GPE NORP LOC DATE TIME MONEY PERCENT QUANTITY ORDINAL CARDINAL EVENT LAW LANGUAGE".split())


def _org_reference_ok(ctx: ArticleContext, subject: Token, speaker: Speaker) -> bool:
    """Whether "the company" resolved to ``speaker`` names the nearest body before it.

    The article's resolver takes the last organisation entity within a window, but the
    tagger often misses a company's name ("Zhang cofounded Editas Medicine, and the
    startup announced ..."), so the nearest body may not be an entity at all. Walk back
    (this sentence, then at most two before): the first proper noun that is not a
    person, place, nationality or date must belong to an organisation entity with the
    resolved name.
    """
    doc = ctx.doc
    sent = subject.sent
    tokens = [t for t in sent if t.i < subject.i]
    for _ in range(3):
        for t in reversed(tokens):
            if ctx.quoted(t.idx) or t.pos_ != "PROPN" or t.ent_type_ in _NOT_BODIES:
                continue
            if t.ent_type_ != "ORG":
                return False
            ent = next((e for e in doc.ents if e.start <= t.i < e.end), None)
            if ent is None:
                return False
            return ctx.expand(org_name(ent.text)) == speaker.name
        if sent.start == 0:
            return False
        sent = doc[sent.start - 1].sent
        tokens = list(sent)
    return False


def _resolved(speaker: Speaker) -> bool:
    """A speaker worth attributing a claim to: a named person or body, or an unnamed one with a role.

    "They said", "critics argue", "a source said" are not: with no name and no role the
    claim cannot be traced to anyone, so it is better not stored.
    """
    if speaker.speaker_type in ("person", "organisation"):
        return bool(speaker.name)
    if speaker.speaker_type == "unnamed":
        return bool(speaker.role) and speaker.resolution == "unnamed"
    if speaker.speaker_type == "document":
        return bool(speaker.name)
    return False


def _said_on(ctx: ArticleContext, verb: Token, clause: Span, speaker: Speaker, direct_quotes: list[Quote]) -> Optional[str]:
    """The day of the report, as for direct quotes: a date in the narration, else publication.

    Only the sentence outside the reported clause counts ("said on Sunday that the plant
    will close on Monday" was said on Sunday); a perfect ("has said that") is an undated
    past, so None; "also said that" takes the date of the same speaker's quote just before
    in the paragraph.
    """
    text = ctx.text
    governing = _governing(verb)
    own = sorted(t.i for t in governing.subtree if not (clause.start <= t.i < clause.end))
    doc = verb.doc
    # the tokens of the governing clause only (was: every token of the article, testing membership in a set
    # rebuilt per token: quadratic in article length)
    narration = " ".join(text[doc[i].idx : doc[i].idx + len(doc[i])] for i in own if not ctx.quoted(doc[i].idx))
    explicit = dates.date_in(narration, ctx.published)
    if explicit:
        return explicit
    if _perfect(verb) or _vague_date(ctx, governing, clause):
        return None
    if _also(verb):
        para = ctx.para_index(verb.idx)
        before = [q for q in direct_quotes if q.start < verb.idx and ctx.para_index(q.start) == para]
        if before and before[-1].speaker == speaker.name:
            return before[-1].said_on
    return ctx.day_published


def _governing(verb: Token) -> Token:
    """The verb whose clause holds the report's time: the verb itself, or the verb a
    subjectless "adding that" / "and said that" hangs on ("said on Sunday, adding that")."""
    v = verb
    for _ in range(3):
        if any(c.dep_ == "nsubj" for c in v.children) or v.dep_ not in _BORROW or v.head is v:
            break
        v = v.head
    return v


def _vague_date(ctx: ArticleContext, governing: Token, clause: Span) -> bool:
    """A time in the verb's narration that names no day ("In August", "last week", "in 2019").

    Reported speech often recounts what was said some time ago; the publication date
    would then be wrong, and no date is better than a wrong one.
    """
    own = {t.i for t in governing.subtree}
    return any(
        ent.label_ == "DATE" and ent.start in own and not (clause.start <= ent.start < clause.end) and not ctx.quoted(ent.start_char)
        for ent in governing.doc.ents
    )


def _according_to(ctx: ArticleContext, found: list[Quote]) -> list[Quote]:
    """``According to X, CLAUSE`` (or ``CLAUSE, according to X``) outside quote marks.

    The clause is the sentence's main clause without the "according to" phrase; the
    sentence must contain no quote at all (a quote there is the direct rules' business)
    and must not overlap an indirect quote found already.
    """
    out: list[Quote] = []
    doc = ctx.doc
    for m in _ACCORDING.finditer(ctx.text):
        if ctx.quoted(m.start()):
            continue
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if span is None:
            continue
        prep = span[0]
        if prep.dep_ != "prep" or prep.head.dep_ != "ROOT" or prep.head.pos_ not in ("VERB", "AUX"):
            continue
        objs = [c for t in span for c in t.children if c.dep_ == "pobj"]
        if not objs:
            continue
        sent = prep.sent
        if any(ctx.quoted(t.idx) or t.text in QUOTE_CHARS for t in sent):
            continue
        phrase = list(prep.subtree)
        p_start, p_end = phrase[0].i, phrase[-1].i + 1
        if p_start == sent.start:
            start, end = p_end, sent.end  # According to X, CLAUSE.
        elif p_end >= sent.end - 1:
            start, end = sent.start, p_start  # CLAUSE, according to X.
        else:
            continue  # in the middle: the clause is split, skip
        tidy = _tidy(doc, start, end)
        if tidy is None:
            continue
        clause = doc[tidy[0] : tidy[1]]
        if sum(1 for t in clause if not t.is_punct) < MIN_WORDS or "\n" in clause.text:
            continue
        if sent.text.rstrip(" \"'\u201d\u2019)").endswith("?"):
            continue
        if any(q.start < clause.end_char and clause.start_char < q.end for q in found):
            continue
        speaker = _speaker(ctx, objs[0], prep)
        if speaker is None or speaker.speaker_type == "document":
            continue
        narration = "".join(" " if clause.start_char <= k < clause.end_char else ctx.text[k] for k in range(sent.start_char, sent.end_char))
        said_on = dates.date_in(narration, ctx.published) or (None if _vague_date(ctx, sent.root, clause) else ctx.day_published)
        out.append(
            _clause_quote(ctx, speaker, clause, said_on, "according to", ACCORDING_CONFIDENCE, "indirect-according-to")
        )
    return out
