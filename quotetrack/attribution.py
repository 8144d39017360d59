"""Attributing each quotation span to a speaker, ordered from the most to the least reliable rule.

For each span found by :mod:`quotetrack.marks` the rules look, in order, for:

1. a speech verb (``said``, ``told``, ``added`` ...) joined to the quote by the parse
   (the quote is its complement, or the verb governs the phrase a partial quote sits in);
2. a speech verb in the narration around the quote: after it (``"...," she said``),
   before it (``He said: "..."``, ``"...," X said, "..."``), or closing the previous
   paragraph (``X said:`` then a new paragraph of quote); ``according to X``;
3. the previous quote's speaker when the quote has no attribution of its own
   (a continuation, within the next paragraph);
4. the subject of reported speech in the sentence just before (``X said that ... . "..."``).

The verb's subject is read by :func:`quotetrack.people.describe` and resolved against
the article's :class:`~quotetrack.cast.Cast` (surnames, pronouns, titles). Each rule
records its name in ``Quote.method`` and a ``confidence`` reflecting how often that rule
is right. :func:`attribute_by_rules` returns this first attribution with the token each
speaker rests on; the learned ranker (:mod:`quotetrack.learned`) then rechooses among the
candidates and calibrates the confidence, and :func:`quotetrack.component.extract_quotes`
runs the steps in order (this module imports neither).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional

from spacy.tokens import Doc, Token

from . import dates, marks
from .lexicon import (
    FAMILY_ROLES,
    ANONYMOUS_ROLES,
    LEGISLATOR_HEADS,
    TITLE_GENDER,
    COLLECTIVE_NOUNS,
    DOCUMENT_NOUNS,
    OFFICE_TITLES,
    HONORIFICS,
    OUTLET_NOUNS,
    PERSON_PRONOUNS,
    SPEECH_VERBS,
    VOICE_ROLES,
)
from .context import ArticleContext, _former
from .models import Quote
from .naming import name_end
from .names import is_given_name, is_own_name
from .parse import clause_subject, doc_text, entity_of, hyphen_piece, in_brackets, is_role_noun, lone_suffix
from .people import Mention, describe

# verbs that report speech only when they have no other object ("he continued.")
_INTRANSITIVE_CUES = frozenset("continue add begin finish read put point sum echo".split())
# speech verbs whose object is never the speaker's name, so "said X," can only be inverted
_INVERTIBLE = frozenset("say add explain write insist note continue reply respond argue claim recall admit state declare".split())
_PERFECT_AUX = frozenset("has have had 've 'd".split())
_SENT_END_RE = re.compile(r"[.!?](?=[\s\"'\u201d\u2019)]*(?:\s|$))")
# full stops that end an abbreviation, not a sentence ("Dr. Abraham said", "Rep. Price said")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Dr|Mr|Mrs|Ms|Mx|Prof|Rev|Fr|Sr|Jr|St|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Cmdr|Adm|Maj|Supt|Insp|Det|Hon|Amb|Pres|Atty|Mt|No|Nos|vs|Inc|Corp|Ltd|Co)|\b[A-Z]|\b(?:[A-Z]\.)+[A-Z])$"
)


class _SentenceEnds:
    """``_SENT_END.search``/``finditer`` that skip the full stops of abbreviations and initials."""

    def search(self, text: str, start: int, end: int):
        return next(self.finditer(text, start, end), None)

    def finditer(self, text: str, start: int, end: int):
        for m in _SENT_END_RE.finditer(text, start, end):
            if text[m.start()] == "." and _ABBREVIATION.search(text, max(0, m.start() - 12), m.start()):
                continue
            yield m


_SENT_END = _SentenceEnds()
_ACCORDING = re.compile(r"\baccording to\b", re.I)
# the closing mark, then a dash: '"..." ― Jacklyn Ashley', '"..." — Barack Obama (@BarackObama)'
_DASH_AFTER = re.compile("[\"'\u201d\u2019\u00bb]*[ \t\u00a0]*(?:[\u2015\u2014\u2013]|--)[ \t\u00a0]*")

CONFIDENCE = {
    "parse": 0.92,
    "window-after": 0.88,
    "window-before": 0.85,
    "colon-intro": 0.85,
    "colon-clause": 0.75,
    "colon-label": 0.75,
    "according-to": 0.85,
    "dash-byline": 0.9,
    "continuation": 0.65,
    "previous-sentence": 0.5,
    "none": 0.2,
}
# multiplied in when the speaker came from a reference rather than a name
RESOLUTION_FACTOR = {"name": 1.0, "org": 0.95, "surname": 0.97, "pronoun": 0.85, "pronoun-weak": 0.6, "title": 0.8, "title-salience": 0.6, "document": 0.9, "unnamed": 0.9}


@dataclass
class Speaker:
    name: Optional[str]
    speaker_type: str  # person | organisation | unnamed | document | none
    mention: Optional[str]
    role: Optional[str] = None
    org: Optional[str] = None
    resolution: str = "name"
    head: Optional[Token] = None  # the token the mention was described from


def mention_offsets(head: Optional[Token]) -> tuple[Optional[int], Optional[int]]:
    """Character offsets of the mention headed by ``head``: its whole entity for a name, else the word."""
    if head is None:
        return None, None
    ent = entity_of(head, ("PERSON", "ORG", "GPE", "NORP"))
    if ent is not None:
        return ent.start_char, ent.end_char
    return head.idx, head.idx + len(head)


def quote_by(speaker: Speaker, **fields) -> Quote:
    """A :class:`Quote` attributed to ``speaker``: the speaker fields filled in one place."""
    start, end = mention_offsets(speaker.head)
    return Quote(
        speaker=speaker.name,
        speaker_mention=speaker.mention,
        speaker_type=speaker.speaker_type,
        role=speaker.role,
        org=speaker.org,
        mention_start=start,
        mention_end=end,
        **fields,
    )










# ---- windows of narration around a quote ---------------------------------------------






def _window_after(ctx: ArticleContext, span: marks.QuoteSpan, next_start: Optional[int]) -> tuple[int, int]:
    start = min(span.end + 1, len(ctx.text))  # an unclosed quote can run to the end of the text
    rest = ctx.text[start : start + 3].lstrip(" \t\"'\u201d\u2019")
    if ctx.text[span.end - 1 : span.end] == "." and (not rest or rest[0].isupper() or rest[0] in marks.ALL_MARKS):
        return start, start  # the quote closed its sentence: what follows is a new one
    p_end = ctx.paragraphs[ctx.para_index(span.end)][1]
    end = p_end
    if next_start is not None:
        end = min(end, next_start - 1)
    m = _SENT_END.search(ctx.text, start, end)
    if m:
        end = m.end()
    return start, max(start, end)


def _window_before(ctx: ArticleContext, span: marks.QuoteSpan, prev_end: Optional[int]) -> tuple[int, int]:
    end = span.start - 1
    p_start = ctx.paragraphs[ctx.para_index(span.start)][0]
    start = p_start
    if prev_end is not None and prev_end + 1 > start:
        start = prev_end + 1
    last = None
    for m in _SENT_END.finditer(ctx.text, start, end):
        last = m.end()
    if last is not None:
        start = last
    return start, max(start, end)


def _speech_lemma(token: Token) -> str:
    """The verb's lemma, mended where the lemmatiser strips too much ("slated" -> "slat")."""
    lemma = token.lemma_.lower()
    low = token.lower_
    if lemma not in SPEECH_VERBS and low.endswith("ed"):
        for stem in (low[:-1], low[:-2]):
            if stem in SPEECH_VERBS:
                return stem
    return lemma


def _is_cue(token: Token, quote_tokens: set[int]) -> bool:
    lemma = _speech_lemma(token)
    if lemma not in SPEECH_VERBS or token.pos_ not in ("VERB", "AUX"):
        return False
    if lemma == "put" and any(c.dep_ == "dobj" and c.lower_ == "it" for c in token.children):
        return True  # "as the New York Times put it"
    if lemma == "plead" and any(c.lower_ in ("guilty", "innocent", "contest") for c in token.subtree):
        return False  # "by pleading guilty": a plea, not words
    if lemma == "refer" and not any(c.lower_ == "as" for c in token.subtree):
        return False  # "referred to them as "losers"" reports words; "referred to the report" does not
    if lemma in _INTRANSITIVE_CUES:
        for c in token.children:
            if c.dep_ in ("dobj", "xcomp", "prep", "prt", "acomp") and c.i not in quote_tokens:
                if not (lemma == "add" and c.dep_ == "prep"):
                    return False
    return True


def _subject(verb: Token, ctx: ArticleContext) -> Optional[Token]:
    """The speaker token of a speech verb: its subject, or the subject of the clause it sits in."""
    own = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and not ctx.quoted(c.idx)]
    if not own:
        # a parenthetical "..., said Mr Hopkins, ..." inside someone else's clause
        after = _name_after(verb, ctx)
        if after is not None and not _opens_quoted_clause(after, ctx):
            return after
    v = verb
    first: Optional[Token] = None
    for _ in range(6):
        subjects = [
            c for c in v.children
            if c.dep_ in ("nsubj", "nsubjpass") and not ctx.quoted(c.idx) and not lone_suffix(c) and not hyphen_piece(c)
        ]
        # "the courts which, said Mr Hopkins, ...": a name beats "which"; "Niger's president Mahamadou
        # Issoufou said", parsed as two subjects: the name beats the title
        if v is verb:
            # 'someone audibly says Zelensky "has a very primitive understanding"': a name right after
            # the verb that the quoted words go on from is what they are about, not who speaks
            subjects = [c for c in subjects if not (c.i > verb.i and _opens_quoted_clause(c, ctx))]
        several = len(subjects) > 1
        subjects.sort(key=lambda c: (c.lower_ in ("which", "that"), several and c.ent_type_ != "PERSON"))
        if subjects and subjects[0].dep_ == "nsubjpass":
            # "Gutierrez was described by the bishops' conference as ...": the agent speaks
            agent = next((g for a in v.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"), None)
            if agent is None and _speech_lemma(v) in _DESCRIBING_VERBS:
                # "COVID-19 was announced to be a "pandemic" by the WHO": the by-phrase, wherever it hangs
                agent = next(
                    (g for a in v.subtree if a.dep_ in ("agent", "prep") and a.lower_ == "by" for g in a.children if g.dep_ == "pobj"),
                    None,
                )
                if agent is None:
                    return None  # what is described does not speak, and nobody else is named
            if agent is not None and not ctx.quoted(agent.idx):
                return agent
        if subjects and in_brackets(subjects[0]):
            # "the RMT (National Union of Rail, Maritime and Transport Workers), Mick Cash, said":
            # a word of the aside is no speaker; the name after it is
            near = [t for t in verb.doc[subjects[0].i : verb.i] if t.ent_type_ == "PERSON" and not in_brackets(t)]
            if near:
                return name_end(near[0])
            subjects = subjects[1:]
        if subjects:
            # ("wrote Rettig about the backlog saying, "...": a participle's subject that cannot speak, the
            # parser's, is passed over for the subject of the verb it hangs on)
            dangling = v is verb and verb.tag_ == "VBG" and verb.dep_ != "ROOT" and not _can_speak(subjects[0])
            if (v is verb and not dangling) or _can_speak(subjects[0]):
                return subjects[0]
            # "He said the question sounded "balanced," adding ...": the participle hangs on
            # "sounded", whose subject cannot speak; the speaker is further up
            first = first or subjects[0]
        agents = [c for c in v.children if c.dep_ == "agent"]
        for a in agents:
            objs = [c for c in a.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
        if v is verb and v.dep_ == "relcl" and not subjects:
            # "a recording in which someone says ...": a relative clause's speaker is never the
            # subject of the sentence around it
            break
        if v.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acl", "ccomp", "prep", "advmod", "pobj", "dobj") and v.head.i != v.i:
            v = v.head
            continue
        break
    if first is not None:
        return first
    # misparsed attribution with the speaker between the quote and the verb
    # ('"...," Curt Hopkins, director of the Committee, told the BBC'): the first name
    # after the closing mark, in the same sentence
    doc = verb.doc
    left: list[Token] = []
    for t in reversed(doc[max(0, verb.i - 25) : verb.i]):
        if ctx.quoted(t.idx) or t.text in (".", "!", "?", ";") or "\n" in t.whitespace_:
            break
        left.append(t)
    for t in reversed(left):
        if t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and not t.ent_type_):
            ent = name_end(t)
            return ent
    if verb.lemma_.lower() in ("tell", "inform"):
        return None  # the words after "told" name the listener, never the speaker
    # inverted or misparsed attribution: a name right after the verb ("said Steve Cowan")
    for t in verb.doc[verb.i + 1 : min(len(verb.doc), verb.i + 6)]:
        if ctx.quoted(t.idx) or t.is_punct and t.text not in ",":
            break
        if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or t.pos_ in ("PROPN", "PRON") or t.lower_ in PERSON_PRONOUNS:
            return t.head if t.dep_ == "compound" else t
        if t.pos_ == "NOUN":
            return t
    return None




def _opens_quoted_clause(t: Token, ctx: ArticleContext) -> bool:
    """Whether a quote that continues the sentence in lower case starts right after the name ending at ``t``."""
    end = name_end(t)
    rest = ctx.text[end.idx + len(end.text) : end.idx + len(end.text) + 4].lstrip()
    return len(rest) >= 2 and rest[0] in "\"\u201c" and rest[1].islower()












def _name_after(verb: Token, ctx: ArticleContext) -> Optional[Token]:
    """A person's name right after the verb and set off by punctuation ("said Mr Hopkins,").

    Only verbs that never take a person as object: after "call" or "praise" the name is
    the one spoken about ("call Suh's play ridiculous").
    """
    if verb.lemma_.lower() not in _INVERTIBLE:
        return None
    doc = verb.doc
    j = verb.i + 1
    if j < len(doc) and doc[j].lower_.rstrip(".") in HONORIFICS:
        j += 1
    if j < len(doc) and doc[j].ent_type_ == "PERSON" and not ctx.quoted(doc[j].idx):
        end = name_end(doc[j])
        nxt = doc[end.i + 1] if end.i + 1 < len(doc) else None
        if nxt is None or nxt.is_punct and nxt.text not in ("'s", "\u2019s"):
            return end
    return None


def _can_speak(t: Token) -> bool:
    """Whether a subject could be a speaker: a person, a body, a pronoun, a role or a document."""
    if t.pos_ in ("PRON", "PROPN") or t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    lemma = t.lemma_.lower()
    return is_role_noun(t) or lemma in COLLECTIVE_NOUNS or lemma in DOCUMENT_NOUNS or lemma in OUTLET_NOUNS


def _according_to(ctx: ArticleContext, start: int, end: int) -> Optional[Token]:
    m = _ACCORDING.search(ctx.text, start, end)
    if not m:
        return None
    phrase = []
    for t in ctx.tokens_between(m.end(), end):
        if t.text in (",", ";", ":") or ctx.quoted(t.idx):
            break
        phrase.append(t)
    # "According to Rutgers University political scholar Kelly Dittmar": the person, not the body
    for t in phrase:
        if t.ent_type_ == "PERSON":
            return name_end(t)
    for t in ctx.tokens_between(m.end(), end):
        if t.dep_ == "pobj" or t.ent_type_ or t.pos_ in ("PROPN", "NOUN", "PRON"):
            while t.dep_ in ("compound", "amod") and t.head.i > t.i:
                t = t.head
            return t
    return None


def _parse_cue(ctx: ArticleContext, quote_tokens: set[int], tokens: list[Token]) -> Optional[Token]:
    """A speech verb joined to the quote by a dependency edge (either direction), outside all quotes."""
    candidates: list[Token] = []
    for t in tokens:
        h = t.head
        hops = 0
        while h.i not in quote_tokens and hops < 8:
            if not ctx.quoted(h.idx) and _is_cue(h, quote_tokens):
                candidates.append(h)
                break
            if h.head is h:
                break
            h = h.head
            hops += 1
        for c in t.children:
            if c.i not in quote_tokens and not ctx.quoted(c.idx) and _is_cue(c, quote_tokens):
                candidates.append(c)
    if not candidates:
        return None
    # the nearest to the quote
    first, last = tokens[0].i, tokens[-1].i
    return min(candidates, key=lambda v: min(abs(v.i - first), abs(v.i - last)))


def _reporter_of(cue: Token, subj: Token, ctx: ArticleContext, quote_tokens: set[int]) -> tuple[Token, Token]:
    """The reporting verb and its speaker when the cue's own subject is a thing inside what someone said:
    'President Obama ... said it would tell an American story, one of "suffering and delight"' quotes
    Obama, not the museum that "it" is."""
    outer = cue.head
    if subj.lower_ not in ("it", "this") or cue.dep_ != "ccomp" or ctx.quoted(outer.idx) or not _is_cue(outer, quote_tokens):
        return cue, subj
    speaker = _subject(outer, ctx)
    if speaker is None or speaker.lower_ in ("it", "this", "that", "which"):
        return cue, subj
    return outer, speaker


def _cues_in(ctx: ArticleContext, start: int, end: int, quote_tokens: set[int]) -> list[Token]:
    return [t for t in ctx.tokens_between(start, end) if not ctx.quoted(t.idx) and _is_cue(t, quote_tokens)]


def _perfect(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in _PERFECT_AUX for c in verb.children)


def _also(verb: Token) -> bool:
    return any(c.dep_ == "advmod" and c.lower_ == "also" for c in verb.children)


def _dash_byline(ctx: ArticleContext, span: marks.QuoteSpan) -> Optional[Token]:
    """The last word of a name set after a dash right after the words, which signs them as a byline
    signs an article: reader comments, epigraphs, pull quotes, embedded posts. The name must fill
    the rest of its line or sentence ('― Christina Lastra.', '— Jo Smith (@jo)', '— Jo Smith, 42'),
    so a dash that carries the sentence on ("-- and Fred Goldberg", "— Democrats said") is no byline."""
    m = _DASH_AFTER.match(ctx.text, span.end)
    if m is None or m.end() == span.end:
        return None
    line_end = ctx.text.find("\n", m.end())
    tokens = ctx.tokens_between(m.end(), line_end if line_end >= 0 else len(ctx.text))
    run = []
    for t in tokens:
        if not (t.is_title or re.fullmatch(r"[A-Z]\.?", t.text)) or t.lower_ in PERSON_PRONOUNS:
            break
        run.append(t)
    rest = [t for t in tokens[len(run) :] if not t.is_space]
    if not run or (rest and rest[0].text not in (".", ",", "(", ";")):
        return None
    last = run[-1]
    if len(run) < 2 and last.ent_type_ != "PERSON":
        return None
    return last if last.pos_ in ("PROPN", "NOUN") else None


@dataclass
class Found:
    cue: Optional[Token]
    subject: Optional[Token]
    method: str
    window: tuple[int, int]


def find_attribution(ctx: ArticleContext, i: int) -> Optional[Found]:
    """The speech verb and subject that attribute quote ``i``, by the ordered rules."""
    span = ctx.spans[i]
    prev_end = ctx.spans[i - 1].end if i > 0 else None
    next_start = ctx.spans[i + 1].start if i + 1 < len(ctx.spans) else None
    tokens = [t for s, e in span.parts for t in ctx.tokens_between(s, e)]
    if not tokens:
        return None
    quote_tokens = {t.i for t in tokens}
    after = _window_after(ctx, span, next_start)
    before = _window_before(ctx, span, prev_end)

    def in_windows(t: Token) -> bool:
        return (after[0] <= t.idx < after[1]) or (before[0] <= t.idx < before[1])

    signed = _dash_byline(ctx, span)
    if signed is not None:
        return Found(None, signed, "dash-byline", (span.end, signed.idx + len(signed)))

    cue = _parse_cue(ctx, quote_tokens, tokens)
    if cue is not None and in_windows(cue):
        subj = _subject(cue, ctx)
        if subj is not None:
            cue, subj = _reporter_of(cue, subj, ctx, quote_tokens)
            return Found(cue, subj, "parse", (min(before[0], cue.idx), max(after[1], cue.idx + len(cue))))
    after_cues = _cues_in(ctx, *after, quote_tokens)
    before_cues = _cues_in(ctx, *before, quote_tokens)
    for cues, method, window in ((after_cues[:1], "window-after", after), (before_cues[-1:], "window-before", before)):
        for c in cues:
            subj = _subject(c, ctx)
            if subj is not None:
                return Found(c, subj, method, window)
    for window in (before, after):
        subj = _according_to(ctx, *window)
        if subj is not None:
            return Found(None, subj, "according-to", window)
    # "X said:" closing the previous paragraph
    p = ctx.para_index(span.start)
    if before[1] - before[0] <= 1 and p > 0:
        ps, pe = ctx.paragraphs[p - 1]
        if ctx.text[ps:pe].rstrip().endswith(":"):
            last = ps
            for m in _SENT_END.finditer(ctx.text, ps, pe - 1):
                last = m.end()
            for c in reversed(_cues_in(ctx, last, pe, quote_tokens)):
                subj = _subject(c, ctx)
                if subj is not None:
                    return Found(c, subj, "colon-intro", (last, pe))
    # 'Rudy Giuliani echoed the sentiment, but laid blame on the president: "We've had ..."':
    # a clause that ends in a colon right before a full quote introduces its subject's words,
    # whatever its verb
    lead = ctx.text[before[0] : span.start - 1].rstrip()
    opens_sentence = ctx.text[span.start : span.start + 1].isupper()
    if (lead.endswith(":") or (lead.endswith(",") and opens_sentence)) and before[1] > before[0]:
        # also 'Senator Lindsey Graham spoke on Fox News, "This is going ..."'
        clause = [t for t in ctx.tokens_between(*before) if not ctx.quoted(t.idx)]
        inside = {t.i for t in clause}
        # the clause's own top verb: the root, or the verb the parser hung on the quoted words
        roots = [t for t in clause if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")] or [
            t for t in clause if t.pos_ in ("VERB", "AUX") and t.head.i not in inside and t.head.i != t.i
        ]
        if roots:
            subj = next((c for c in roots[0].children if c.dep_ == "nsubj"), None)
            lead_person = next((t for t in clause[:1] if t.ent_type_ == "PERSON"), None)
            lead_end = name_end(lead_person) if lead_person is not None else None
            if (
                subj is not None
                and subj.ent_type_ != "PERSON"
                and lead_end is not None
                and lead_end.i + 1 < subj.i
                and ctx.doc[lead_end.i + 1].lower_ == "of"  # not "Jane Doe's mother was clear:"
            ):
                # "Jo Anne Van Tilburg of the University of California, Los Angeles disagreed ...:" parsed
                # with the campus as the subject: the person the clause opens with
                subj = name_end(lead_person)
            named_noun = subj is not None and subj.pos_ == "NOUN" and any(
                c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in subj.children
            )
            if subj is not None and (subj.ent_type_ in ("PERSON", "ORG") or subj.pos_ in ("PROPN", "PRON") or named_noun):
                # ("The Biden campaign recycled a statement it put out in July:" too)
                return Found(roots[0], subj, "colon-clause", before)
        elif lead.endswith(":"):
            label = _label_name(clause, ctx)
            if label is not None:
                # a transcript's or digest's label: '- Philip Bump: "..."', 'Attorney General Sessions: "..."'
                return Found(clause[-1], label, "colon-label", before)
    return None


def _label_name(clause: list[Token], ctx: ArticleContext) -> Optional[Token]:
    """The name a verbless label before a colon consists of ("- Philip Bump:", "Attorney General Sessions:"):
    a person's or body's name, with nothing but a title, a bullet or a dash before it. A name the entity
    recogniser missed counts when it opens with a first name or the article named the person before
    ("Update:" and "Breaking News:" are no speakers)."""
    words = [t for t in clause if not t.is_punct and not t.is_space]
    if not 1 <= len(words) <= 6 or clause[-1].text != ":":
        return None
    last = words[-1]
    if not (last.is_title and last.pos_ == "PROPN") or is_role_noun(last):
        return None
    ent = entity_of(last, ("PERSON", "ORG"))
    if ent is not None and ent.end == last.i + 1:
        start = ent.start
    else:
        names = [t for t in words if not is_role_noun(t)]
        if not names or not all(t.is_title and t.pos_ == "PROPN" for t in names):
            return None
        if not (ctx.cast.knows(last.text) or (len(names) >= 2 and is_given_name(names[0]))):
            return None
        start = names[0].i
    if not all(t.i >= start or (t.is_title and is_role_noun(t)) for t in words):
        return None
    return last


def _fuller(role: str, short: str) -> bool:
    """Whether ``role`` is ``short`` with more said: "President of Argentina" / "President", "Labour leader" / "leader"."""
    a, b = role.lower(), short.lower()
    return a != b and (a.endswith(" " + b) or a.startswith(b + " of ")) and not _former(role)


def _speaker_from(ctx: ArticleContext, m: Mention, pos: int) -> Speaker:
    """Resolve a mention to a canonical speaker inside the article, by what kind of mention it is."""
    if m.kind == "name" and m.name and not m.role and _defined_acronym(ctx, m.name):
        # "described by the CBCP" after "the Catholic Bishops' Conference of the Philippines (CBCP)": the
        # entity tagger's PERSON on a word in capitals does not make the body a person
        name = ctx.expand(m.name)
        return Speaker(name, "organisation", m.text, None, name, "org")
    if m.kind == "name" and not m.name:
        return _unnamed(ctx, m, pos)
    return _RESOLVERS.get(m.kind, _unnamed)(ctx, m, pos)


def _named(ctx: ArticleContext, m: Mention, pos: int) -> Speaker:
    """A name: the full name the article gave that person, with the role and body it gave them."""
    canonical = ctx.cast.canonical(m.name)
    if len(m.name.split()) == 1:
        canonical = ctx.namesake_before(m.name, pos) or canonical
    person = ctx.cast.add(canonical, role=m.role, org=m.org, gender=m.gender, role_head=m.role_head)
    resolution = "name" if canonical == m.name else "surname"
    org = m.org or person.org
    if org in ctx.places and person.org and person.org not in ctx.places:
        org = person.org  # "said London mayor Ken Livingstone" of "Labour's Mr Livingstone"
    role = m.role or person.role
    if m.role and person.role and _fuller(person.role, m.role):
        role = person.role  # "President Fernandez" is the "President of Argentina" introduced before
    return Speaker(person.name, "person", m.text, role, org, resolution)


def _pronoun(ctx: ArticleContext, m: Mention, pos: int) -> Speaker:
    """"he"/"she": the person (or unnamed source) it goes back to; "it": the body just named."""
    low = m.text.lower()
    if low in ("he", "she"):
        name = ctx.resolve_pronoun(m.gender, pos)
        if name:
            person = ctx.cast.people[name]
            resolution = "pronoun-weak" if ctx.weak_resolution else "pronoun"
            return Speaker(name, "person", m.text, person.role, person.org, resolution)
        antecedent = ctx.unnamed_antecedent(m.gender, pos)
        if antecedent is not None:
            # "The prime minister's official spokesman said ... he added": that spokesman
            who = describe(antecedent, ctx.cast)
            return Speaker(None, "unnamed", m.text, who.role, ctx.expand(who.org), "pronoun")
    elif low in ("it", "they", "we"):
        name = ctx.resolve_org_pronoun(pos, it=True) if low == "it" else None
        if name:
            return Speaker(name, "organisation", m.text, None, name, "pronoun")
    return Speaker(None, "unnamed", m.text, None, None, "pronoun")


def _organisation(ctx: ArticleContext, m: Mention, pos: int) -> Speaker:
    """A body speaking for itself, under the full name the article gives it."""
    name = ctx.expand(m.name)
    org = ctx.expand(m.org) if m.org else None
    return Speaker(name, "organisation" if name else "unnamed", m.text, None, org, "org")


def _body(ctx: ArticleContext, m: Mention, pos: int) -> Speaker:
    """"the airline", "the army": the body of that kind the article named."""
    name = ctx.resolve_body(m.role_head, pos)
    if name:
        return Speaker(name, "organisation", m.text, None, name, "title")
    return Speaker(None, "unnamed", m.text, None, None, "unnamed")


def _document(ctx: ArticleContext, m: Mention, pos: int) -> Speaker:
    """A document speaking: its words are its author's (dev guidelines, item 9)."""
    if not m.name and not m.gender and not m.ref and m.text.lower().startswith(("the ", "this ", "that ")):
        # "The study was conducted by X ... reads the report": the document is the one X made (but "a
        # court document" is another one)
        made = ctx.document_author(m.role_head, pos)
        if made is not None:
            m = replace(m, name=made.name, org=made.org, gender=made.gender)
    name = None
    if m.name:
        # a body's full name ("Stardom's official statement" after "World Wonder Ring Stardom (Stardom)")
        full = ctx.expand(m.name)
        name = full if full != m.name and not ctx.cast.knows(m.name) else ctx.cast.canonical(m.name)
    if name is None and m.gender:
        name = ctx.resolve_pronoun(m.gender, pos)
    if name is None and m.ref == "it":
        body = ctx.body_of_sentence(pos)
        if body is None and ctx.last_subject_is_body(pos):
            body = ctx.resolve_org_pronoun(pos, it=True)
        if body:
            return Speaker(body, "organisation", m.text, None, body, "org")
    elif name is None and m.ref:
        name = ctx.resolve_title(m.ref, pos)
    author = ctx.cast.people.get(name) if name else None
    if author is not None and author.speaker_type == "person":
        # "the Kok report said": the words are its author's, with the author's role
        return Speaker(name, "document", m.text, author.role, author.org, "document")
    return Speaker(name, "document", m.text, None, m.org, "document")


def _titled(ctx: ArticleContext, m: Mention, pos: int) -> Speaker:
    """"the minister", "the senators", "the 74-year-old comedian": the person of that title the article
    named, else the person the passage is about where the title may be theirs, else an unnamed source."""
    generic = m.role_head in ("lawmaker", "legislator") or (m.plural and m.role_head in LEGISLATOR_HEADS)
    heads = LEGISLATOR_HEADS if generic else {m.role_head}  # "the Florida lawmaker" is the congresswoman
    # ("NYPD officers said", with no article, are some officers, not the ones the article named)
    bare_plural = m.plural and not m.text.lower().startswith(("the ", "both ", "these ", "those ", "two ", "three "))
    name = None if bare_plural else ctx.resolve_title(heads, pos, None if m.plural else m.role, plural=m.plural)
    resolution = "title"
    if m.plural and name:
        # "the senators wrote": one of them, the one listed first, as the article gives no single source
        resolution = "title-salience"
    described = ctx.unnamed_since(m.role_head, name, pos) if name and not m.plural else None
    if described is not None:
        # "A senior official, who asked not to be named, said ... the official added": that official,
        # not the named one mentioned before them
        who = describe(described, ctx.cast)
        return Speaker(None, "unnamed", m.text, who.role or m.role, ctx.expand(who.org) or m.org, "unnamed")
    if (
        not name
        and m.role_head not in COLLECTIVE_NOUNS | ANONYMOUS_ROLES | FAMILY_ROLES | VOICE_ROLES
        # ("the prime minister" no one named holds is not whoever the passage is about; "the former cabinet
        # secretary" or "the 70-year-old senator" may be)
        and (m.role_head not in OFFICE_TITLES or _former(m.role) or any(c.isdigit() for c in m.role or ""))
        and not m.org
        and not m.plural
    ):
        # ("the source said" stays anonymous: a source is never the person the passage is about)
        # "said the 74-year-old comedian": the person the passage is about
        name, resolution = ctx.resolve_pronoun(TITLE_GENDER.get(m.role_head or ""), pos), "title-salience"
        if name and ctx.title_conflicts(name, m.role):
            name = None
    if name:
        person = ctx.cast.people[name]
        # "the minister" is the Foreign Minister the article introduced: keep the full title
        # (and "the senators" gives no role to the one senator)
        role = person.role or (None if m.plural else m.role)
        return Speaker(name, "person", m.text, role, person.org or m.org, resolution)
    return _unnamed(ctx, m, pos)


def _unnamed(ctx: ArticleContext, m: Mention, pos: int) -> Speaker:
    """A source the article describes but does not name ("a senior source at the club")."""
    return Speaker(None, "unnamed", m.text, m.role, m.org or _body_ref(ctx, m, pos), "unnamed")


_RESOLVERS = {
    "name": _named,
    "pronoun": _pronoun,
    "org": _organisation,
    "body": _body,
    "document": _document,
    "title": _titled,
}


def speaker_for(ctx: ArticleContext, head: Token, quote_start: int) -> Speaker:
    """The speaker the mention headed by ``head`` names, resolved inside the article (for the rules,
    the learned ranker and its training alike). A pronoun before the words refers back from where it
    stands ("He argued that if Trump wins, "..."" is not Trump, who comes after it)."""
    mention = describe(head, ctx.cast)
    at = min(quote_start, head.idx) if mention.kind in ("pronoun", "document") else quote_start
    speaker = _speaker_from(ctx, mention, at)
    speaker.head = head
    return speaker


def _defined_acronym(ctx: ArticleContext, name: str) -> bool:
    """A word in capitals the article spelled out as a body's name ("... Conference of the Philippines (CBCP)")."""
    return name.isupper() and ctx.expand(name) != name


_ACRONYM_AFTER = re.compile(r"(?<=\w)\s+\([A-Z][A-Za-z0-9&.]*[A-Z][A-Za-z0-9&.]*\)$")


def with_full_orgs(ctx: ArticleContext, speaker: Speaker) -> Speaker:
    """``speaker`` with its organisation (and its name, for a body) written out as the article does."""
    speaker.org = ctx.full_org(speaker.org, speaker.role)
    if speaker.speaker_type == "person" and is_own_name(speaker.org, speaker.name):
        speaker.org = None  # "Sanders", a person the recogniser tagged a body, is no "Vermont Bernie Sanders" body
    if speaker.speaker_type == "organisation":
        # the body's name, without the acronym the article defined beside it ("... Religious Freedom (USCIRF)")
        speaker.name = ctx.full_org(speaker.name)
        bare = _ACRONYM_AFTER.sub("", speaker.name or "")
        if " " in bare:
            speaker.name = bare
    return speaker


def _body_ref(ctx: ArticleContext, m: Mention, pos: int) -> Optional[str]:
    """The body "at the club" / "for the company" in an unnamed speaker's description stands for."""
    return ctx.resolve_body(m.ref, pos) if m.ref and m.ref != "it" else None


_MINOR_WORDS = frozenset("a an the of and in on for to at by with or from".split())


def _title_like(ctx: ArticleContext, span: marks.QuoteSpan) -> bool:
    """A short quote whose words are all capitalised, with no sentence end: a title or name, not speech."""
    if span.multi_part:
        return False
    inner = ctx.text[span.start : span.end].strip()
    words = re.findall(r"[\w'\u2019-]+", inner)
    if not 1 <= len(words) <= 8 or re.search(r"[.!?]$", inner.rstrip(",;\"'\u201d\u2019")):
        return False
    return words[0][:1].isupper() and all(w[:1].isupper() or w[:1].isdigit() or w.lower() in _MINOR_WORDS for w in words)


_NAMING_VERBS = frozenset("dub nickname title name label brand christen term".split())


def _naming(cue: Optional[Token]) -> bool:
    """A verb that gives something a name rather than reporting words: "dubbed", "was called" with no one calling."""
    if cue is None:
        return False
    lemma = _speech_lemma(cue)
    active = any(c.dep_ == "nsubj" for c in cue.children) and cue.dep_ not in ("acl", "amod")
    if lemma in ("label", "brand", "dub", "term") and active:
        return False  # "Trump labeled the report as "fake news"": someone's words about it, not its name
    if lemma in _NAMING_VERBS:
        return True
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in cue.children)
    return lemma in ("call", "know") and passive and not any(c.dep_ == "agent" for c in cue.children)


def _a_name_not_words(ctx: ArticleContext, span: marks.QuoteSpan) -> bool:
    """A short quoted title in narration: every word capitalised, right before the noun it names ("the "It Can Wait" campaign")."""
    if span.multi_part:
        return False
    words = ctx.text[span.start : span.end].strip(" ,.!?").split()
    if not 1 <= len(words) <= 6 or not all(w[:1].isupper() or w.lower() in ("a", "an", "the", "of", "and", "in", "on", "for", "to", "it") for w in words):
        return False
    if not words[0][:1].isupper():
        return False
    after = ctx.tokens_between(span.end + 1, min(len(ctx.text), span.end + 30))
    if after and after[0].pos_ == "NOUN" and after[0].is_lower:
        return True
    # 'dubbed the "Corridor of Shame"', 'a robot named "Robogee"'
    before = [t for t in ctx.tokens_between(max(0, span.start - 40), span.start - 1) if not t.is_punct]
    while before and before[-1].lower_ in ("the", "a", "an", "as"):
        before.pop()
    return bool(before) and (before[-1].lemma_.lower() in _NAMING_VERBS | {"call", "know"})


_TERM_MARKERS = re.compile(r"(?i)(?:so-called|so called|dubbed|termed|the (?:word|words|term|phrase|label|slogan)|known as)\s*$")


def _term_marked(ctx: ArticleContext, span: marks.QuoteSpan) -> bool:
    """A quote the narration marks as a term, not speech: 'the so-called "bedroom tax"', 'the word "sorry"'."""
    return bool(_TERM_MARKERS.search(ctx.text[max(0, span.start - 31) : span.start - 1]))


def _reported_just_before(ctx: ArticleContext, i: int) -> Optional[tuple[Token, Token]]:
    """The speech verb and named subject of reported speech in the sentence right before quote ``i``.

    Only a sentence with no quote of its own, between the previous quote and this one,
    in the same paragraph or closing the previous one; only a named person or body, since
    a pronoun there is better resolved by the continuation rule.
    """
    span = ctx.spans[i]
    prev_end = ctx.spans[i - 1].end + 1 if i > 0 else 0
    text = ctx.text
    p = ctx.para_index(span.start)
    floor = ctx.paragraphs[max(0, p - 1)][0]
    lead = text[ctx.paragraphs[p][0] : span.start - 1].strip()
    if lead and not re.search(r"[.!?]$", lead):
        return None  # the quote does not start a sentence
    sentences = list(ctx.doc.char_span(max(floor, prev_end), span.start - 1, alignment_mode="expand").sents) if span.start - 1 > max(floor, prev_end) else []
    sentences = [x for x in sentences if x.text.strip()]
    if not sentences:
        return None
    sent = sentences[-1]
    if sent.end_char > span.start - 1:
        # "X released the following statement:\n\n"Today ..."": the parser ran the lead-in and the quote
        # into one sentence; the lead-in is the part before the quote, headed by the word it hangs from
        sent = ctx.doc[sent.start : max(sent.start, next(t.i for t in sent if t.idx >= span.start - 1))]
    if not len(sent) or sent.start_char < prev_end or any(ctx.quoted(t.idx) for t in sent):
        return None
    for t in sent:
        if t.dep_ != "ROOT" and sent.start <= t.head.i < sent.end:
            continue
        reports = _is_cue(t, set()) and any(c.dep_ == "ccomp" for c in t.children)
        # "Smith talked about the floods." / "She recalled the night of the fire.": narration of what
        # someone told, and the quote that follows is the telling
        reports = reports or (t.pos_ == "VERB" and _speech_lemma(t) in _NARRATING_VERBS)
        # "Senator John Cornyn issued a statement regarding the decision. "Like many Texans ...""
        states = t.lemma_.lower() in _ISSUE_VERBS and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _STATEMENT_NOUNS for c in t.children
        )
        if reports or (states and (sent.start_char >= ctx.paragraphs[p][0] or not lead)):
            subj = clause_subject(t)
            if subj is not None and (subj.ent_type_ in ("PERSON", "ORG") or subj.pos_ == "PROPN"):
                return t, subj
    return None


_DESCRIBING_VERBS = frozenset(
    "describe call announce label brand declare term deem characterise characterize criticise criticize "
    "dismiss hail praise condemn denounce blast slam accuse dub".split()
)
_NARRATING_VERBS = frozenset("talk speak tell recount recall describe explain discuss reflect reminisce testify".split())
_ISSUE_VERBS = frozenset("issue release put send publish post make give offer tweet read deliver".split())
_STATEMENT_NOUNS = frozenset(
    "statement comment remark message letter response reply note tweet post warning apology word speech tribute".split()
)


def _new_person_before(ctx: ArticleContext, i: int, previous: Speaker) -> bool:
    """Whether the narration between the previous quote and quote ``i`` names another person.

    'Kiara Perkins, a second-year art major, admitted she was willing to skip class. ...
    "It's Warhol."': once the narration turns to someone else, the quote is no longer the
    previous speaker's, and no speaker is better than the wrong one.
    """
    start = ctx.spans[i - 1].end + 1 if i > 0 else 0
    for m in ctx.mentions:
        if start <= m.pos < ctx.spans[i].start and m.is_subject and m.name != previous.name and not ctx.quoted(m.pos):
            return True
    return False


def _same_sentence(text: str, a: int, b: int) -> bool:
    """No sentence end or paragraph break between offsets ``a`` and ``b`` (quote marks aside)."""
    between = text[a + 1 : max(a + 1, b - 1)]
    return "\n" not in between and not re.search(r"[.!?]\s", between)


_SAYS = frozenset("said says added adds told asked wrote replied".split())


def _kind(ctx: ArticleContext, span: marks.QuoteSpan, prev: Optional[marks.QuoteSpan]) -> str:
    """``full`` when the quote stands as the speaker's own sentence, ``partial`` when woven into narration."""
    text = ctx.text
    first = text[span.start : span.start + 1]
    before = text[max(0, span.start - 200) : max(0, span.start - 1)].rstrip(" \t")
    prev_char = before[-1:] if before else "\n"
    prev_word = re.findall(r"[A-Za-z]+$", before)
    after_speech_verb = bool(prev_word) and prev_word[0].lower() in _SAYS
    starts_sentence = prev_char in ("\n", ":", ".", "?", "!", ",", "\u2014", "-", "(", "") or prev_char in marks.ALL_MARKS
    if first.isupper() or first.isdigit() or first in marks.ALL_MARKS or first in "[\u2026.":
        if starts_sentence or after_speech_verb:
            return "full"  # includes "he said "Not much."": a complete utterance after a speech verb
    if starts_sentence and prev_char in ("\n", ":"):
        return "full"
    if prev_char == "," and prev is not None and _same_sentence(text, prev.end, span.start) and text[prev.end - 1] == ",":
        return "full"  # the second half of a split quote: "A," she said, "b."
    if after_speech_verb and text[span.end - 1 : span.end] in (".", "!", "?", "\u2026"):
        return "full"  # a complete short answer: he said "not much."
    return "partial"


def _outside_clause(cue: Optional[Token], ctx: ArticleContext, span: marks.QuoteSpan) -> bool:
    """Whether ``span`` lies outside the relative clause whose verb attributed the previous quote.

    'Amman, who was described as "knife-obsessed" by the police, ... advised her to kill her
    "kuffar" parents': the police's words end with their clause; the sentence goes on about Amman.
    """
    if cue is None:
        return False
    clause = cue
    while clause.dep_ not in ("relcl", "acl") and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ not in ("relcl", "acl"):
        return False
    tokens = ctx.tokens_between(span.start, span.end)
    return bool(tokens) and not (clause.left_edge.i <= tokens[0].i <= clause.right_edge.i)


def _share_the_sentence_s_attribution(
    ctx: ArticleContext, spans: list, quotes: list[Quote], terms: set[int], picks: list[Optional[Token]]
) -> None:
    """A quote with no attribution takes the one its sentence gives the next quote.

    'Despite this "underhand trick," the bill stood "no chance," he added': one sentence,
    one attribution, at its end. (The forward case, a later quote in the sentence of an
    attributed one, is handled as a continuation while attributing.)
    """
    text = ctx.text
    for i in range(len(quotes) - 2, -1, -1):
        q, nxt = quotes[i], quotes[i + 1]
        if q.method != "none" or i in terms or nxt.method not in _CUE_METHODS or nxt.speaker_type == "none":
            continue
        if not _same_sentence(text, spans[i].end, spans[i + 1].start):
            continue
        nxt_tokens = ctx.tokens_between(spans[i].end + 1, min(len(text), spans[i].end + 25))
        nxt_tokens = [t for t in nxt_tokens if not t.is_space and t.text not in "\"\u201d\u2019'"]
        if nxt_tokens and nxt_tokens[0].pos_ == "NOUN" and nxt_tokens[0].is_lower and len(q.text.split()) <= 2:
            continue  # 'Smith's "reform" bill': a word quoted as a label for the noun after it
        confidence = CONFIDENCE["continuation"] * (nxt.confidence / CONFIDENCE[nxt.method])
        quotes[i] = replace(
            q,
            speaker=nxt.speaker,
            speaker_mention=nxt.speaker_mention,
            mention_start=nxt.mention_start,
            mention_end=nxt.mention_end,
            speaker_type=nxt.speaker_type,
            role=nxt.role,
            org=nxt.org,
            said_on=nxt.said_on,
            cue=nxt.cue,
            confidence=round(min(confidence, CONFIDENCE["continuation"]), 3),
            method="continuation",
        )
        picks[i] = picks[i + 1]


_CUE_METHODS = frozenset({"parse", "window-after", "window-before", "according-to"})


@dataclass
class RuleAttribution:
    """What the rules decided for one article: the quotes, and for each the token its speaker
    mention rests on (``picks``, None for no speaker) and whether it reads as a term or title
    (``terms``). A learned ranker takes this as its starting point and one of its features."""

    ctx: ArticleContext
    spans: list
    quotes: list[Quote]
    picks: list[Optional[Token]]
    terms: set[int]


def attribute_by_rules(doc: Doc, published: Optional[str] = None) -> RuleAttribution:
    """Find the direct quotations in ``doc`` and attribute them by the ordered rules."""
    text = doc_text(doc)
    spans = marks.find_spans(text)
    ctx = ArticleContext(doc, spans, published)
    quotes: list[Quote] = []
    picks: list[Optional[Token]] = []
    terms: set[int] = set()  # quotes that are names, terms or titles: nobody's words
    last: Optional[tuple[Speaker, int, Optional[str]]] = None  # speaker, paragraph, said_on
    last_cue: Optional[Token] = None  # the speech verb that attributed the last speaker's quote
    for i, span in enumerate(spans):
        found = find_attribution(ctx, i)
        para = ctx.para_index(span.start)
        kind = _kind(ctx, span, spans[i - 1] if i > 0 else None)
        if kind == "partial" and (
            _a_name_not_words(ctx, span) or _term_marked(ctx, span) or (found is not None and _naming(found.cue))
        ):
            # 'commonly called "swine flu"', 'the "It Can Wait" campaign': a name or term, not speech
            found = None
            terms.add(i)
        speaker: Optional[Speaker] = None
        method = "none"
        said_on: Optional[str] = ctx.day_published
        cue_text = None
        if found is not None:
            speaker = speaker_for(ctx, found.subject, span.start)
            method = found.method
            cue_text = found.cue.text if found.cue is not None else "according to"
            # narration only: a date inside the quoted words ("will close on Monday") is not when they were said
            window_text = "".join(
                " " if ctx.quoted(k) else text[k] for k in range(found.window[0], min(found.window[1], len(text)))
            )
            explicit = dates.date_in(window_text, published)
            if explicit:
                said_on = explicit
            elif found.cue is not None and _perfect(found.cue):
                said_on = None
            elif found.cue is not None and _also(found.cue) and last is not None and last[1] == para:
                said_on = last[2]
        elif kind == "full" and (reported := _reported_just_before(ctx, i)) is not None:
            # 'X said that Google should not be penalised. "Of course Google should ..."':
            # a quote right after reported speech is the reporter's subject's, not the
            # previous quote's speaker's
            cue, subj = reported
            speaker = _speaker_from(ctx, describe(subj, ctx.cast), span.start)
            speaker.head = subj
            method, cue_text = "previous-sentence", cue.text
            if speaker.name and speaker.speaker_type == "person":
                ctx.note_speaker(speaker.name, subj.idx, subj)
        elif _title_like(ctx, span):
            terms.add(i)  # "A Most Violent Year", "The Violence": a title continues nobody's words
        elif (
            last is not None
            and i > 0
            and _same_sentence(text, spans[i - 1].end, span.start)
            and not _outside_clause(last_cue, ctx, span)
        ):
            # "said ... "bring in bad Bills" and "to do whatever it likes"": the same speaker
            speaker, said_on = last[0], last[2]
            method = "continuation"
        elif last is not None and para - last[1] <= 1 and kind == "full" and not _new_person_before(ctx, i, last[0]):
            # only a quote standing as its own sentence continues the previous speaker; a
            # fragment woven into narration with no speech verb is a term or scare quote
            speaker, said_on = last[0], last[2]
            method = "continuation"
        if speaker is None:
            speaker = Speaker(None, "none", None)
        with_full_orgs(ctx, speaker)
        confidence = CONFIDENCE[method] * RESOLUTION_FACTOR.get(speaker.resolution, 1.0)
        if speaker.name is None and speaker.speaker_type != "unnamed":
            confidence = min(confidence, 0.3)
        q = quote_by(
            speaker,
            text=span.text(text),
            start=span.start,
            end=span.end,
            parts=list(span.parts),
            kind=kind,
            said_on=said_on,
            cue=cue_text,
            confidence=round(confidence, 3),
            method=method,
        )
        quotes.append(q)
        picks.append(speaker.head)
        if speaker.name and speaker.speaker_type == "person" and found is not None:
            ctx.note_speaker(speaker.name, found.subject.idx, found.subject)
        if speaker.name or speaker.speaker_type == "unnamed":
            last = (speaker, para, said_on)
            last_cue = found.cue if found is not None else None
    _share_the_sentence_s_attribution(ctx, spans, quotes, terms, picks)
    return RuleAttribution(ctx, spans, quotes, picks, terms)
