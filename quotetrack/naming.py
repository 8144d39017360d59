"""The name in a speaker phrase: where it runs, where the title before it ends, and whether it is a person's.

:func:`name_run` finds the run of proper nouns ending at a word ("Patrol Chief James Hall"),
:func:`split_role` cuts the title off it, and the checks below tell a person from a place, a club,
an outlet or a body that the entity recogniser took for one (or the other way round).
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Doc, Span, Token

from .lexicon import (
    ABBREVIATED_TITLES,
    BODY_WORDS,
    COLLECTIVE_NOUNS,
    INVERTED_CUES,
    NAME_PARTICLES,
    NEWS_AGENCIES,
    OUTLET_NAME_WORDS,
    OUTLET_PREFIXES,
    ROLE_HEADS,
    STATE_ABBREVIATIONS,
    STATE_ABBREVIATIONS_DOTTED_ONLY,
    STATES,
    TEAM_PREFIXES,
    TEAM_WORDS,
)
from .names import is_given_name, is_suffix, labels_a_name, name_gender
from .parse import ORG_LABELS, QUOTE_CHARS, after_courtesy_title, doc_text, entity_of, is_role_noun, sentence_initial
from .roles import COMPANY_WORDS, holder_in, party_tag


def name_end(t: Token) -> Token:
    """The last token of the name starting at ``t``: the rest of its PERSON entity and any proper nouns after it."""
    doc = t.doc
    end = t
    while end.i + 1 < len(doc):
        nxt = doc[end.i + 1]
        if not ((nxt.ent_type_ == "PERSON" and nxt.ent_iob_ == "I") or nxt.pos_ == "PROPN"):
            break
        end = nxt
    return end


def name_run(head: Token) -> list[Token]:
    """The run of proper nouns ending at ``head`` ("Patrol Chief James Hall"), stopping at places and bodies."""
    doc = head.doc
    if head.pos_ != "PROPN" and head.ent_type_ != "PERSON":
        return []
    if _verb(head) and head.ent_iob_ == "I":
        # "[Obama Says] African-American Museum ...": a headline's verb the recogniser ran into a name
        return name_run(doc[head.i - 1])
    own = entity_of(head, ORG_LABELS)
    start = head.i
    nickname: set[int] = set()
    while start > 0:
        t = doc[start - 1]
        if _quoted_nickname_before(doc, start):
            # "Glenn 'GT' Thompson": a nickname in quotes between the names is no part of the name
            nickname.update(range(start - 3, start))
            start -= 3
            continue
        if _hyphened_before(doc, start):
            start -= 2  # "Yu Hoi-kwan", "Jean-Pierre", "President-elect": one hyphenated word
            continue
        if inverted_cue(t):
            break  # 'Said Jane Doe, "..."': the verb opening the sentence is no part of the name
        if t.is_lower and t.lower_ in NAME_PARTICLES and (doc[start].is_title or doc[start].lower_ in NAME_PARTICLES):
            start -= 1  # "Bill de Blasio", "von der Leyen", "bin Salman": the particle is the surname's
            continue
        if t.pos_ != "PROPN" and not (t.ent_type_ == "PERSON" and t.is_title and not (_verb(t) and t.ent_iob_ == "I")):
            break
        if t.ent_type_ in ORG_LABELS and (own is None or not own.start <= t.i < own.end) and t.lower_ not in ROLE_HEADS:
            if not _given_name_before(t, doc[start]):
                break
        start -= 1
    if (
        start >= 2
        and start < head.i
        and doc[start - 1].text in "-\u2013"
        and not doc[start - 1].whitespace_
        and not doc[start - 2].whitespace_
        and doc[start - 2].is_alpha
    ):
        start -= 2  # "President-elect Joe Biden": "elect" ends a hyphenated title, it starts no name
    start = _past_title_object(head, start, own)
    return [t for t in doc[start : head.i + 1] if t.i not in nickname]


def _verb(t: Token) -> bool:
    return t.tag_.startswith("VB") or t.tag_ == "MD"


def _quoted_nickname_before(doc: Doc, start: int) -> bool:
    """Whether a nickname in quotes after a name ends just before ``doc[start]``: "Glenn 'GT' Thompson"."""
    t = doc[start - 1]
    return (
        start >= 4
        and t.text in _CLOSE_MARKS
        and doc[start - 3].text in _OPEN_MARKS
        and doc[start - 2].text[:1].isupper()
        and doc[start - 4].pos_ == "PROPN"
        and doc[start - 4].is_title
    )


def _hyphened_before(doc: Doc, start: int) -> bool:
    """Whether ``doc[start]`` ends a hyphenated name word: "Yu Hoi-kwan", "Jean-Pierre", "el-Sisi", "President-elect"."""
    t = doc[start - 1]
    return (
        start >= 2
        and t.text in "-\u2013"
        and not t.whitespace_
        and not doc[start - 2].whitespace_
        and (
            (doc[start - 2].is_title and (doc[start - 2].pos_ == "PROPN" or doc[start - 2].ent_type_ == "PERSON"))
            or doc[start - 2].lower_ in ("el", "al", "ul", "bin", "ibn", "abu", "ben")  # "el-Sisi", "al-Assad"
        )
    )


def _past_title_object(head: Token, start: int, own: Optional[Span]) -> int:
    """Where the name starts when the run before ``head`` opens with the object of a title's "of"/"for"/"from".

    "Minister of Economy Richard Sulik", "Senator from Vermont Bernie Sanders": the object of the title's "of" is no part of the name; it
    starts at the first PERSON word, or at the given name inside a body the recogniser ran on into it.
    """
    doc = head.doc
    lead = start - 1 if start > 0 and doc[start - 1].lower_ == "the" else start  # "Speaker of [the House ..."
    if lead > 0 and doc[lead - 1].lower_ in ("of", "for", "from") and doc[start].ent_type_ != "PERSON":
        first = next((t.i for t in doc[start : head.i + 1] if t.ent_type_ == "PERSON"), None)
        if first is None:
            # "President of [Argentina Alberto Fernandez]" run into one body by the recogniser: the name
            # starts at its given name
            k = holder_in(own) if own is not None and own.start == lead and own.end == head.i + 1 else None
            first = lead + k if k is not None else None
        if first is not None:
            start = first
    return start


_OPEN_MARKS = frozenset("'\"\u2018\u201c")
_CLOSE_MARKS = frozenset("'\"\u2019\u201d")


def _given_name_before(t: Token, nxt: Token) -> bool:
    """A one-word place or people the recogniser made of a given name: "Mayor [Christian] Price", "[Georgia] Smith".

    Only right before the rest of a name (not before a title: "Georgia Governor Brian Kemp").
    """
    ent = entity_of(t, ORG_LABELS)
    return (
        ent is not None
        and len(ent) == 1
        and nxt.i == t.i + 1
        and nxt.is_title
        and nxt.ent_type_ in ("PERSON", "")
        and not is_role_noun(nxt)
        and nxt.lower_.rstrip(".") not in ABBREVIATED_TITLES
        and name_gender(t.text) is not None
    )


def inverted_cue(t: Token) -> bool:
    """Whether ``t`` is a speech verb opening its sentence, the speaker after it: 'Said the minister: "..."'.

    The small models read a sentence-initial "Said" as a name (it is one, in Arabic): it is the
    verb when a noun phrase follows it and a quotation opens later in the same sentence.
    """
    if t.lower_ not in INVERTED_CUES or not t.is_title or not sentence_initial(t):
        return False
    doc = t.doc
    if t.i + 1 >= len(doc):
        return False
    nxt = doc[t.i + 1]
    if nxt.is_punct or nxt.pos_ in ("VERB", "AUX", "ADP") or nxt.text in QUOTE_CHARS:
        return False  # "Said, a professor at Columbia, wrote": the man called Said
    for u in doc[t.i + 1 : min(len(doc), t.i + 25)]:
        if u.text in QUOTE_CHARS:
            return True
        if u.text in (".", "!", "?") or "\n" in u.whitespace_ or (u.pos_ in ("VERB", "AUX") and u.dep_ != "amod"):
            break  # 'Said Jalili told reporters: "..."': a verb of its own makes "Said" a name
    return False


def after_inverted_cue(t: Token) -> Optional[Token]:
    """The head of the speaker phrase after a sentence-opening "Said" ("Said the minister:", "Said Mr Smith,")."""
    doc = t.doc
    for u in doc[t.i + 1 : min(len(doc), t.i + 12)]:
        if u.is_punct or u.text in QUOTE_CHARS:
            break
        if u.ent_type_ == "PERSON" or u.pos_ == "PROPN":
            return name_end(u)
        if u.pos_ in ("NOUN", "PRON"):
            while u.dep_ == "compound" and u.head.i > u.i:
                u = u.head
            return u
    return None


def past_nickname(t: Token) -> Token:
    """The surname after a quoted nickname ("Glenn 'GT' Thompson"), else ``t``: where the name really ends."""
    doc = t.doc
    j = t.i
    if (
        j + 4 < len(doc)
        and doc[j + 1].text in _OPEN_MARKS
        and doc[j + 2].text[:1].isupper()
        and doc[j + 3].text in _CLOSE_MARKS
        and doc[j + 4].pos_ == "PROPN"
        and doc[j + 4].is_title
    ):
        return name_end(doc[j + 4])
    if t.is_lower and t.lower_ in NAME_PARTICLES and j + 1 < len(doc) and doc[j + 1].is_title and doc[j + 1].pos_ == "PROPN":
        return name_end(doc[j + 1])  # "[Ursula von der] Leyen": the surname the particle belongs to
    return t


def _initial(t: Token) -> bool:
    """A middle initial: "D." in "Sanford D. Bishop"."""
    return len(t.text) == 2 and t.text[0].isupper() and t.text[1] == "."


def split_role(run: list[Token]) -> tuple[list[Token], list[Token]]:
    """Split "Foreign Minister Ararat Mirzoyan" into role words and name words at the last role noun."""
    last = -1
    surname_at = len(run) - 1
    while surname_at > 0 and is_suffix(run[surname_at].text):
        surname_at -= 1  # "Martin Luther King Jr.": the surname is before the suffix
    for i, t in enumerate(run):
        if i >= 2 and last == i - 2 and run[i - 1].text in "-\u2013" and not run[i - 1].whitespace_:
            last = i  # "President-elect", "Vice-Chair": the hyphenated rest of the title
            continue
        low = t.lower_
        plural = low[:-1] if low.endswith("s") and low[:-1] in ROLE_HEADS and i + 2 < len(run) else None
        if (low in ROLE_HEADS or plural or low.rstrip(".") in ABBREVIATED_TITLES) and (plural or not after_courtesy_title(t)):
            if i == surname_at and i >= 1 and t.ent_type_ == "PERSON" and t.ent_iob_ == "I":
                if _initial(run[i - 1]):
                    continue  # "Sanford D. Bishop": a word after a middle initial is a surname
                if run[i - 1].is_title and not is_role_noun(run[i - 1]) and is_given_name(run[i - 1]):
                    continue  # "Rob Bishop", "Charlie King": a given name, then a surname that is also a title
            last = i  # "Senators Brian Schatz (D-Hawaii) and ...": the plural title too
    if last == -1 and labels_a_name(run):
        last = 0  # "Voter Kitty Mak": a label before the name is what the article calls her
    return run[: last + 1], run[last + 1 :]


def pick_head(head: Token) -> Token:
    """Among a subject and its conjuncts, the one that is a full name (parser slips: "Fools and Horses star David Jason")."""
    conj = [c for c in head.children if c.dep_ == "conj"]
    if not conj:
        return head
    runs = [(len(split_role(name_run(t))[1]), t) for t in [head] + conj]
    best = max(runs, key=lambda r: r[0])
    own = len(split_role(name_run(head))[1])
    return best[1] if best[0] >= 2 and own < 2 and best[1].ent_type_ == "PERSON" else head


def cut_from_place(t: Token) -> bool:
    """Whether ``t`` starts the holder's name inside a place's entity ("President of Argentina [Alberto] Fernandez")."""
    ent = entity_of(t, ORG_LABELS)
    return ent is not None and holder_in(ent) == t.i - ent.start


def reads_as_a_name(words: list[Token], role: Token) -> bool:
    """Whether words in apposition to ``role`` can be a person's name, whatever the recogniser tagged.

    "The current president of Namibia, Hage Geingob": two or more capitalised words, no company word, after
    a role only people hold; not "broadcaster PBS" or "The owner, Acme Holdings".
    """
    if any(t.ent_type_ == "PERSON" for t in words):
        return True
    return (
        len(words) >= 2
        and all(t.is_title for t in words)
        and not any(t.lower_ in COMPANY_WORDS | BODY_WORDS for t in words)
        and role.lemma_.lower() not in COLLECTIVE_NOUNS
        and role.lemma_.lower() not in ("owner", "operator", "sponsor", "partner", "broadcaster", "publisher", "developer")
    )


def state_abbreviation(words: list[Token]) -> Optional[str]:
    """The US state or Canadian province an abbreviation written as a name names ("Calif.", "N.Y.", "Ont.")."""
    if not words:
        return None
    doc = words[0].doc
    raw = "".join(t.text for t in words)
    key = raw.lower().replace(".", "")
    if key not in STATE_ABBREVIATIONS:
        return None
    dotted = "." in raw or (words[-1].i + 1 < len(doc) and doc[words[-1].i + 1].text == "." and not words[-1].whitespace_)
    if not dotted and (key in STATE_ABBREVIATIONS_DOTTED_ONLY or not raw.isupper()):
        return None  # "Miss", "Ind", "Wash" are words; "NY", "NH" are the states
    return STATE_ABBREVIATIONS[key]


def _entity_labels(doc) -> dict[str, dict[str, int]]:
    """How often the recogniser gave each one-word entity text each label in this article."""
    cached = doc.user_data.get("quotetrack_entity_labels")
    if cached is None:
        cached = {}
        for e in doc.ents:
            if len(e) == 1 and e.label_ in ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"):
                cached.setdefault(e.text, {}).setdefault(e.label_, 0)
                cached[e.text][e.label_] += 1
        doc.user_data["quotetrack_entity_labels"] = cached
    return cached


def not_a_person(name_words: list[Token], name: str) -> Optional[tuple[str, bool]]:
    """A place, a sports club or a news outlet read as a person's name: ``(its name, whether a place)``.

    A state abbreviation or a state's name; a club ("Manchester United", "Real Madrid", "the Ottawa
    Senators": "the" and a plural, which no person's name takes); an outlet ("Daily Mail", "The Washington
    Post", one-word agencies such as Reuters). A given name first ("David Villa", "Emily Post") keeps a person.
    """
    place = state_abbreviation(name_words)
    if place:
        return place, True
    if name in STATES:
        return name, True
    if any(t.ent_type_ == "PERSON" and t.ent_iob_ == "B" for t in name_words[1:]):
        return None
    words = [t.lower_ for t in name_words]
    if len(words) == 1:
        if words[0].replace(".", "") in NEWS_AGENCIES:
            return name, False
        votes = _entity_labels(name_words[0].doc).get(name_words[0].text, {})
        others = {label: n for label, n in votes.items() if label != "PERSON"}
        if sum(others.values()) >= 2 and sum(others.values()) > votes.get("PERSON", 0):
            # "Chelsea" tagged a person once (in a headline) and a place or body everywhere else
            label = max(others, key=others.get)
            return name, label in ("GPE", "LOC")
        return None
    doc = name_words[0].doc
    last = name_words[-1]
    before = doc[name_words[0].i - 1] if name_words[0].i > 0 else None
    if (
        before is not None
        and before.lower_ in ("the", "'s", "\u2019s")
        and last.lower_.endswith("s")
        and (last.tag_ == "NNPS" or last.lemma_.lower() != last.lower_)
    ):
        return name, False  # "the Ottawa Senators", "the Charlotte Panthers"
    if name_gender(name_words[0].text) is not None:
        return None
    if "".join(words).replace(".", "") in NEWS_AGENCIES:
        return name, False  # "Al Jazeera", "Sky News"
    if words[-1] in TEAM_WORDS or words[0] in TEAM_PREFIXES:
        return name, False
    if words[-1] in OUTLET_NAME_WORDS or words[0] in OUTLET_PREFIXES:
        return name, False
    return None


_DISTRICT_TAG = re.compile(r"\(\s*(?:[RDI]\s*[-\u2013,]\s*)?[A-Z]{2}[-\u2013]?(?:\d{1,2}|AL)\s*\)")


def tagged_member(name_words: list[Token]) -> bool:
    """A name the recogniser took for a body that a district or party tag marks as a legislator's: "Julia Roe (CA-26)"."""
    if not 2 <= len(name_words) <= 3 or name_gender(name_words[0].text) is None:
        return False
    end = name_words[-1]
    text = doc_text(end.doc)
    at = end.idx + len(end.text)
    return bool(_DISTRICT_TAG.match(text, at + (1 if text[at : at + 1] == " " else 0))) or party_tag(end) is not None


def member_of_body(name_words: list[Token]) -> bool:
    """A name the recogniser took for a body that reads as a person's: "Nikki Holland of the National Crime Agency".

    A given name first, two or three words, and "of/from/at" another organisation after it:
    people are "of" bodies, bodies are rarely "of" other bodies.
    """
    if not 2 <= len(name_words) <= 3 or name_gender(name_words[0].text) is None:
        return False
    doc = name_words[0].doc
    after = name_words[-1].i + 1
    if after + 1 >= len(doc) or doc[after].lower_ not in ("of", "from", "at"):
        return False
    return any(t.ent_type_ in ("ORG", "FAC") for t in doc[after + 1 : min(len(doc), after + 7)])
