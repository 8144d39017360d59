"""Small readings of the spaCy parse that the name, role and organisation readers share.

A speaker phrase's words (:func:`np_tokens`), the entity a word belongs to (:func:`entity_of`),
whether a word is a role noun (:func:`is_role_noun`), whether it opens a sentence. Nothing here
knows about people: the modules above it do.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Span, Token

from .lexicon import GENERATIONAL_SUFFIXES, ROLE_HEADS


ORG_LABELS = ("ORG", "GPE", "NORP", "FAC")
QUOTE_CHARS = set('"\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e') | {"``", "''"}


def doc_text(doc) -> str:
    """``doc.text``, built once: spaCy joins every token each time it is asked."""
    text = doc.user_data.get("quotetrack_text")
    if text is None:
        text = doc.user_data["quotetrack_text"] = doc.text
    return text


def entity_of(token: Token, labels: tuple[str, ...]) -> Optional[Span]:
    """The entity ``token`` belongs to, if its label is one of ``labels`` (walks the IOB tags, not ``doc.ents``)."""
    if token.ent_type_ not in labels:
        return None
    doc = token.doc
    start = token.i
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def np_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head``: its subtree without relative clauses and verbal modifiers."""
    skip: set[int] = set()
    for child in head.children:
        if child.dep_ in ("relcl", "acl", "advcl", "ccomp", "punct") and child.i > head.i:
            if child.dep_ == "punct" and child.text not in ",":
                continue
            if child.dep_ == "punct":
                continue
            skip.update(t.i for t in child.subtree)
    doc = head.doc
    sent = head.sent

    def same_paragraph(t: Token) -> bool:
        lo, hi = sorted((t.idx, head.idx))
        return "\n" not in doc_text(doc)[lo:hi]

    # a quotation mark between a token and the head means the token is quoted words, not the phrase
    marks_at = [t.i for t in head.subtree if t.text in QUOTE_CHARS]
    lo = max([i for i in marks_at if i < head.i], default=-1)
    hi = min([i for i in marks_at if i > head.i], default=len(doc))
    return [
        t
        for t in head.subtree
        if t.i not in skip and lo < t.i < hi and sent.start <= t.i < sent.end and same_paragraph(t)
    ]


def sentence_initial(t: Token) -> bool:
    if t.i == 0 or t.is_sent_start:
        return True
    prev = t.doc[t.i - 1]
    return "\n" in prev.whitespace_ or prev.text in (".", "!", "?", ":", '"', "\u201c", "\u201d", "\u2018", "\u2014")


# titles used in address after "Mr."/"Madam" ("Mr. President", "Mr. Speaker"): still titles there
_ADDRESS_TITLES = frozenset("president speaker chairman chairwoman mayor secretary ambassador minister governor commissioner justice".split())
_SURNAME_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss".split())


def after_courtesy_title(t: Token) -> bool:
    """"Mr. King", "Ms. Bishop", "Mrs. Judge": after a courtesy title a title word is a surname
    (but "Mr. President", "Madam Speaker" address the office)."""
    prev = t.doc[t.i - 1] if t.i > 0 else None
    return prev is not None and prev.lower_ in _SURNAME_HONORIFICS and t.is_title and t.lower_ not in _ADDRESS_TITLES


def is_role_noun(t: Token) -> bool:
    """Whether ``t`` is the head noun of a role or title ("minister", "actor", "coach")."""
    return (t.lower_ in ROLE_HEADS or t.lemma_.lower() in ROLE_HEADS) and not after_courtesy_title(t)


def is_plural_title(t: Token) -> bool:
    """Whether ``t`` is a role noun in the plural ("Senators", "Reps.", "astronauts"), whatever its tag."""
    low = t.lower_.rstrip(".")
    return (t.tag_ in ("NNS", "NNPS") and is_role_noun(t)) or (low.endswith("s") and low[:-1] in ROLE_HEADS)


def in_brackets(t: Token) -> bool:
    """Whether ``t`` sits inside a bracketed aside of its sentence."""
    depth = 0
    for x in t.doc[t.sent.start : t.i]:
        depth += x.text == "("
        depth -= x.text == ")" and depth > 0
    return depth > 0


def dash_between(a: Token, b: Token) -> bool:
    """A dash between two words: "WASHINGTON, D.C. \u2013 Today, the agency announced".

    Press releases open with a dateline the parser often takes for the subject of the first
    verb, and a headline run into the first line ends the same way; a word across a dash from
    its verb is no subject of it. (A dash-separated aside, "Smith \u2014 a veteran \u2014 said",
    is lost with them, which precision can afford.)
    """
    lo, hi = sorted((a.i, b.i))
    for t in a.doc[lo + 1 : hi]:
        if t.text in ("\u2013", "\u2014", "--") or (t.text == "-" and (t.whitespace_ or t.i > 0 and t.doc[t.i - 1].whitespace_)):
            return True
        if "\u2013" in t.text or "\u2014" in t.text:
            return True
    return False


def clause_subject(verb: Token) -> Optional[Token]:
    """The active subject of ``verb``: none across a dash from it (a dateline), a person's name
    before another subject the parser also hung on the verb ("ALBANY, GA \u2013 Today,
    Congressman X released ...": "ALBANY" and "X" are both parsed as subjects), never a "Jr."."""
    subjects = []
    for c in verb.children:
        if c.dep_ != "nsubj":
            continue
        if dash_between(c, verb):
            # "WASHINGTON, D.C. – Congresswoman X released": the parser hangs X on the dateline as a conjunct
            subjects += [x for x in c.children if x.dep_ == "conj" and x.i > c.i and not dash_between(x, verb)]
        else:
            subjects.append(c)
    subjects = [c for c in subjects if not lone_suffix(c) and not hyphen_piece(c)]
    if len(subjects) > 1:
        subjects.sort(key=lambda c: c.ent_type_ != "PERSON")
    return subjects[0] if subjects else None


def lone_suffix(t: Token) -> bool:
    """A "Jr." or "III" the parser cut from its name ("Sanford D. Bishop, Jr. said": two subjects).

    Inside a name's entity ("Joseph R. Biden Jr.") it is the name's last word, and stands for it."""
    return t.lower_.rstrip(".") in GENERATIONAL_SUFFIXES and t.ent_iob_ != "I"


def hyphen_piece(t: Token) -> bool:
    """A piece of a hyphenated word the tokenizer split ("co" and "-" in "co-author"): the word's head is its
    last piece, and the parser sometimes hangs every piece on the verb."""
    doc = t.doc
    if t.text in ("-", "\u2010", "\u2011") and not t.whitespace_ and t.i > 0 and not doc[t.i - 1].whitespace_:
        return True
    return not t.whitespace_ and t.i + 2 < len(doc) and doc[t.i + 1].text in ("-", "\u2010", "\u2011") and not doc[t.i + 1].whitespace_ and doc[t.i + 2].is_alpha

