"""Who a speaker mention refers to, inside one article.

Two jobs:

* :func:`describe` reads a speaker noun phrase from the parse ("Armenian Foreign Minister
  Ararat Mirzoyan", "Neil O'Brien, director of Vote No", "Google's spokesman", "the
  minister", "he") into a :class:`Mention`: a name if there is one, a role, an
  organisation, a type.
* :class:`Cast` remembers the people an article has named so far, so that a surname
  ("Pashinyan"), a pronoun ("she") or a title ("the minister") resolves to the full name
  used earlier, and a person keeps the role and organisation they were introduced with.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

from spacy.tokens import Doc, Span, Token

from .lexicon import (
    INSTITUTION_NOUNS,
    INVERTED_CUES,
    NAME_PARTICLES,
    NEWS_AGENCIES,
    OUTLET_NAME_WORDS,
    OUTLET_PREFIXES,
    PORTFOLIO_NOUNS,
    REGNAL_TITLES,
    STATE_ABBREVIATIONS,
    STATE_ABBREVIATIONS_DOTTED_ONLY,
    STATES,
    TEAM_PREFIXES,
    TEAM_WORDS,
    BODY_WORDS,
    ABBREVIATED_TITLES,
    COLLECTIVE_NOUNS,
    COUNTRIES,
    DEMONYMS,
    DOCUMENT_NOUNS,
    FEMALE_HONORIFICS,
    HONORIFICS,
    KEPT_TITLES,
    MALE_HONORIFICS,
    OUTLET_NOUNS,
    PARTY_ORGS,
    NAME_SUFFIXES,
    PERSON_PRONOUNS,
    PERSONAL_ROLES,
    ROLE_HEADS,
    ROLE_QUALIFIERS,
)

ORG_LABELS = ("ORG", "GPE", "NORP", "FAC")
QUOTE_CHARS = set('"\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e') | {"``", "''"}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


@dataclass
class Mention:
    """A speaker as the text describes them, before cross-sentence resolution."""

    text: str
    kind: str  # name | pronoun | title | org | document | unnamed
    name: Optional[str] = None
    role: Optional[str] = None
    org: Optional[str] = None
    gender: Optional[str] = None  # "m", "f" or None
    role_head: Optional[str] = None
    plural: bool = False  # "the senators wrote": a group, resolved only to one of its own
    # a document's owner known only as "its"/"their" ("it") or by a title ("judge"); for an unnamed
    # speaker, the collective noun of the body in their description ("a source at the club": "club")
    ref: Optional[str] = None

    def __post_init__(self):
        if not is_body(self.org) or (self.kind == "name" and is_own_name(self.org, self.name)):
            self.org = None


def is_own_name(org: Optional[str], name: Optional[str]) -> bool:
    """Whether ``org`` is only the person's own name ("Julia Brownley (CA-26)"): no body of theirs."""
    if not org or not name:
        return False
    bare = re.sub(r"\s*\([^)]*\)?\s*$", "", org).strip()
    return bool(bare) and strip_accents(bare).lower() == strip_accents(name).lower()


def is_body(org: Optional[str]) -> bool:
    """Whether an organisation name can name a body: not a field or portfolio ("Care", "Health and Wellbeing").

    "Head of Care at Diabetes UK", "Secretary of State": what a title is "of" is often the field it
    covers, written with capitals, not the body that employs its holder.
    """
    if not org:
        return True
    words = [w for w in re.split(r"[\s\-]+", org.lower()) if w and w not in ("and", "&", "of", "the", "for")]
    return not words or not all(w in PORTFOLIO_NOUNS for w in words)


@dataclass
class Person:
    name: str
    speaker_type: str = "person"  # person | organisation
    role: Optional[str] = None
    org: Optional[str] = None
    gender: Optional[str] = None
    role_heads: set[str] = field(default_factory=set)
    title_heads: set[str] = field(default_factory=set)  # heads "the <title>" may refer back to
    titles: set[str] = field(default_factory=set)  # every role written for them, lower case


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def clean_name(text: str) -> str:
    """A person's name without honorifics, possessive or stray punctuation ("Mr Blair's" -> "Blair")."""
    text = _POSSESSIVE.sub("", _ZERO_WIDTH.sub("", text).strip())
    words = [w for w in re.split(r"\s+", text) if w]
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words).strip(" ,.;:-\u2013\u2014\u2015\"'\u201c\u201d\u2018\u2019")


def honorific_gender(text: str) -> Optional[str]:
    first = text.strip().split(" ", 1)[0].lower().rstrip(".")
    if first in MALE_HONORIFICS:
        return "m"
    if first in FEMALE_HONORIFICS:
        return "f"
    return None


@lru_cache(maxsize=1)
def _gender_detector():
    try:
        import gender_guesser.detector as gd
    except ImportError:  # optional: pronoun resolution falls back to recency alone
        return None
    return gd.Detector(case_sensitive=False)


@lru_cache(maxsize=4096)
def name_gender(first_name: str) -> Optional[str]:
    """Gender usually carried by a first name, from gender-guesser's name data; None if unsure."""
    detector = _gender_detector()
    if detector is None or not first_name.isalpha():
        return None
    guess = detector.get_gender(first_name)
    return {"male": "m", "female": "f"}.get(guess)


@lru_cache(maxsize=4096)
def _listed_first_name(word: str) -> bool:
    return _gender_detector().get_gender(word) != "unknown"


def is_given_name(word: Token) -> bool:
    """Whether ``word`` is a first name, of any gender ("Charlie", "Kim" as much as "Rob").

    From gender-guesser's name list where it is installed; without it, from the entity tagger:
    the first word of a PERSON name that is a proper noun and not a title."""
    if _gender_detector() is not None and word.text.isalpha():
        return _listed_first_name(word.text)
    return word.ent_type_ == "PERSON" and word.ent_iob_ == "B" and word.pos_ == "PROPN" and not _is_role_word(word)


def org_name(text: str) -> str:
    """Normalise an organisation mention: nationality adjectives to countries, party adjectives to parties."""
    t = _POSSESSIVE.sub("", _ZERO_WIDTH.sub("", text).strip()).strip(" ,.\u00a0\u2013\u2014\u2015")
    for article in ("the ", "an ", "a "):
        if t.lower().startswith(article):
            t = t[len(article):]
            break
    if t.count("(") == t.count(")") + 1 and not t.endswith("("):
        t += ")"  # "National White Collar Crime Center (NW3C": the bracket the tokenizer left behind
    low = t.lower()
    if low in PARTY_ORGS:
        return PARTY_ORGS[low]
    if low in DEMONYMS:
        return DEMONYMS[low]
    if low + "." in DEMONYMS:  # "U.S" once the tokenizer has taken the last full stop
        return DEMONYMS[low + "."]
    key = low.replace(".", "")
    if key in STATE_ABBREVIATIONS and (
        "." in t or (key not in STATE_ABBREVIATIONS_DOTTED_ONLY and (t.isupper() or len(key) >= 3))
    ):
        return STATE_ABBREVIATIONS[key]  # "Calif." -> "California", "N.Y." -> "New York"
    return t


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


def _np_tokens(head: Token) -> list[Token]:
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


# titles used in address after "Mr."/"Madam" ("Mr. President", "Mr. Speaker"): still titles there
_ADDRESS_TITLES = frozenset("president speaker chairman chairwoman mayor secretary ambassador minister governor commissioner justice".split())
_SURNAME_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss".split())
_COURTESY_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f"}


def _after_courtesy_title(t: Token) -> bool:
    """"Mr. King", "Ms. Bishop", "Mrs. Judge": after a courtesy title a title word is a surname
    (but "Mr. President", "Madam Speaker" address the office)."""
    prev = t.doc[t.i - 1] if t.i > 0 else None
    return prev is not None and prev.lower_ in _SURNAME_HONORIFICS and t.is_title and t.lower_ not in _ADDRESS_TITLES


def _is_role_word(t: Token) -> bool:
    return (t.lower_ in ROLE_HEADS or t.lemma_.lower() in ROLE_HEADS) and not _after_courtesy_title(t)


def is_role_noun(t: Token) -> bool:
    """Whether ``t`` is the head noun of a role or title ("minister", "actor", "coach")."""
    return _is_role_word(t)


def role_of(head: Token) -> tuple[Optional[str], Optional[str]]:
    """The role written by a noun phrase headed by a role noun: its modifiers and the noun."""
    return _role_from([t for t in _np_tokens(head) if t.i <= head.i])


def _role_from(tokens: list[Token], need_head: bool = True, one: bool = True) -> tuple[Optional[str], Optional[str]]:
    """Role text and its head noun from the words that describe a person.

    "Foreign Minister", "sports psychologist", "former Dutch prime minister". With
    ``need_head`` the role must end in a known role noun (used where the words might be
    anything); without it, any common noun modifying a name or in apposition is a role,
    since news introduces people by what they do in words no list can hold.
    """
    words: list[Token] = []
    for n, t in enumerate(tokens):
        if words and t.text in "-\u2013" and not words[-1].whitespace_ and not t.whitespace_:
            words.append(t)  # "fly-half", "co-founder"
            continue
        if words and t.lower_ in ("and", "&") and any(_is_role_word(x) for x in tokens[n + 1 : n + 4]):
            words.append(t)  # "trade and industry commissioner", "Founder & CEO"
            continue
        if not words and t.text in "-\u2013":
            continue  # a role never starts with a hyphen (the word before it is picked up below)
        if (
            (t.ent_type_ == "PERSON" and not _is_role_word(t) and t.lower_ not in ROLE_QUALIFIERS)
            or t.ent_type_ in ("DATE", "TIME")  # "Today, Congressman X": a date is no role
            or t.dep_ in ("det", "poss", "case", "punct", "cc", "predet", "nummod")
        ):
            if words:
                break
            continue
        if t.ent_type_ in ORG_LABELS and not _is_role_word(t):
            # "Liberal Democrat leader", "former Dutch prime minister": the body or
            # nationality is part of how the role is written (split_role_org takes it out);
            # so are title words the recogniser took for a body ("Shadow Home Secretary")
            if words or (t.lower_ in ROLE_QUALIFIERS and t.is_title):
                words.append(t)
            continue
        if t.head.pos_ == "VERB" and t.head.i > t.i and t.head.dep_ == "amod":
            continue  # "Coffee-loving Curry": a word leaning on a participle describes, it is no role
        if t.pos_ in ("NOUN", "PROPN", "ADJ") or t.dep_ == "amod" or (t.pos_ == "NUM" and t.text.endswith("-year-old")) or _is_role_word(t):
            words.append(t)  # (a role noun the tagger made a verb: "animal rights advocate")
        elif words:
            break
    def glued(i: int) -> bool:  # "President-elect": the word after a hyphen finishing a title
        return i >= 2 and words[i - 1].text in "-\u2013" and not words[i - 1].whitespace_ and _is_role_word(words[i - 2])

    heads = [i for i, t in enumerate(words) if _is_role_word(t) or glued(i)]
    if not heads and not need_head:
        # (not a code: "Julia Brownley (CA-26)" has a district, no role)
        heads = [i for i, t in enumerate(words) if t.pos_ == "NOUN" and not t.like_num and not any(c.isdigit() for c in t.text)]
    if not heads:
        return None, None
    words = words[: heads[-1] + 1]
    doc = words[0].doc
    while (
        words[0].i >= 2
        and doc[words[0].i - 1].text in "-\u2013"
        and not doc[words[0].i - 1].whitespace_
        and not doc[words[0].i - 2].whitespace_
        and doc[words[0].i - 2].is_alpha
    ):
        words = [doc[words[0].i - 2], doc[words[0].i - 1]] + words  # "Fly-half", whatever the tagger made of "Fly"
    # an age is not a role: "the 35-year-old actor" is an actor
    while words and (words[0].like_num or words[0].lower_ in ("year", "years", "old", "-", "year-old")):
        words = words[1:]
    if not words:
        return None, None
    last = words[-1]
    text = "".join(t.text_with_ws for t in words).strip()
    if one and (last.tag_ == "NNS" or last.lower_ == last.lemma_.lower() + "s") and last.lemma_ and last.lemma_ != last.text:
        # "biologists Jennifer Doudna and ...": each named person is one biologist
        text = text[: len(text) - len(last.text)] + last.lemma_
        return text, last.lemma_.lower()
    if one and last.tag_ == "NNPS" and last.lower_.endswith("s") and last.lower_[:-1] in ROLE_HEADS:
        return text[:-1], last.lower_[:-1]  # "U.S. Senators Thom Tillis (R-NC) and Gary Peters": a Senator each
    if len(words) >= 3 and words[-2].text in "-\u2013" and not words[-2].whitespace_ and not words[-3].whitespace_:
        return text, "".join(t.text for t in words[-3:]).lower()  # "president-elect" is not the president
    return text, last.lower_


def split_role_org(role: Optional[str], tokens: Optional[list[Token]] = None) -> tuple[Optional[str], Optional[str]]:
    """Split a capitalised body off a lower-case role: "Spurs boss" -> ("boss", "Spurs").

    Formal titles are capitalised throughout ("Foreign Minister") and stay whole; a
    lower-case role noun after capitalised words names the body the person works for.
    Given the role's ``tokens``, the capitalised words must be proper nouns or part of
    an entity: "Opposition leader" at the start of a sentence is one title, not a body.
    """
    if not role:
        return role, None
    words = role.split()
    if len(words) < 2 or not words[-1][:1].islower():
        return role, None
    lead = []
    for w in words[:-1]:
        if w[:1].isupper() and w.lower() not in ("former", "acting", "interim", "deputy", "senior", "chief"):
            lead.append(w)
        else:
            break
    if not lead:
        return role, None
    if tokens is not None:
        by_text = {t.text: t for t in tokens}
        if any(w in by_text and not _proper(by_text[w]) for w in lead):
            return role, None
    return " ".join(words[len(lead):]), org_name(" ".join(lead))


def _sentence_initial(t: Token) -> bool:
    if t.i == 0 or t.is_sent_start:
        return True
    prev = t.doc[t.i - 1]
    return "\n" in prev.whitespace_ or prev.text in (".", "!", "?", ":", '"', "\u201c", "\u201d", "\u2018", "\u2014")


def _proper_forms(doc) -> frozenset[str]:
    """Words the article itself treats as names somewhere: tagged, recognised, or capitalised mid-sentence."""
    cached = doc.user_data.get("quotetrack_proper_forms")
    if cached is None:
        cached = frozenset(
            t.text
            for t in doc
            if t.is_title and (t.pos_ == "PROPN" or t.ent_type_ or not _sentence_initial(t))
        )
        doc.user_data["quotetrack_proper_forms"] = cached
    return cached


def _lower_forms(doc) -> frozenset[str]:
    cached = doc.user_data.get("quotetrack_lower_forms")
    if cached is None:
        cached = frozenset(t.text for t in doc if t.is_lower)
        doc.user_data["quotetrack_lower_forms"] = cached
    return cached


def _proper(t: Token) -> bool:
    """Whether a capitalised word before a role names a body ("Arsenal boss") or qualifies the role.

    Capitals at the start of a sentence say nothing by themselves, and the small models
    tag many club and company names as adjectives or common nouns. So: a word tagged or
    recognised as a name, or capitalised mid-sentence somewhere in the article, is a
    name; a usual role qualifier ("Foreign", "Opposition", "Police") or a word the
    article also writes in lower case is not; anything else is taken as a name.
    """
    if t.pos_ == "PROPN" or t.ent_type_ or t.text in _proper_forms(t.doc):
        return True
    return t.lower_ not in ROLE_QUALIFIERS and t.lower_ not in _lower_forms(t.doc)


def whole_name(ent: Span) -> Span:
    """An entity the recogniser cut short inside a longer proper name: "[MIT]-Harvard Broad Institute".

    And one it ran into the title after it: "[MTV VJ]" is MTV.
    """
    while len(ent) > 1 and _is_role_word(ent[-1]):
        ent = ent[:-1]
    doc = ent.doc
    if ent.start >= 2 and doc[ent.start - 1].lower_ in ("of", "for") and _is_role_word(doc[ent.start - 2]):
        # "President of [Argentina Alberto Fernandez]": the title's place, run on into its holder's name
        k = _holder_in(ent)
        if k is not None:
            return ent[:k]
    inside = [t.lower_ for t in ent]
    if "in" in inside and ent.label_ in ("ORG", "FAC"):
        # "[Bluewater in Kent]": a short name and where it is; not "Citizens for ... Ethics in Washington"
        k = inside.index("in")
        if 1 <= k <= 3 and not set(inside[:k]) & {"of", "for", "and", "&"} and all(t.pos_ == "PROPN" for t in ent[k + 1 :]) and k + 1 < len(ent):
            ent = ent[:k]
    head = ent.root.head
    if (
        ent.root.dep_ not in ("compound", "nmod")
        or head.pos_ != "PROPN"
        or head.i < ent.end
        or head.dep_ in ("appos", "compound")  # "the Macmillan-Amazon deal": two bodies
        or _is_role_word(head)
    ):
        return ent  # "former MTV VJ": the name of a title, not of a body
    between = ent.doc[ent.end : head.i + 1]
    if all((t.pos_ == "PROPN" and not _is_role_word(t)) or t.text in "-\u2013&" for t in between) and len(between) <= 4:
        end = head.i + 1
        doc = ent.doc
        if end + 1 < len(doc) and doc[end].lower_ in ("for", "of") and doc[end + 1].pos_ == "PROPN" and doc[end + 1].is_title:
            # "[Harvard]-Smithsonian Center for Astrophysics": the name runs on through its "for X"
            end += 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and doc[end].ent_type_ != "PERSON":
                end += 1
        return doc[ent.start : end]
    return ent


def _holder_in(ent: Span) -> Optional[int]:
    """Where a person's name starts inside a place's entity the recogniser ran on into it: "[Argentina Alberto Fernandez]".

    One or two words of place, then a given name and one or two more names; no article, no body's word.
    """
    for k in (1, 2):
        rest = ent[k:]
        if (
            2 <= len(rest) <= 3
            and ent[0].lower_ != "the"
            and rest[0].is_title
            and name_gender(rest[0].text) is not None
            and all(t.pos_ == "PROPN" and t.is_title for t in rest)
            and not any(t.lower_ in BODY_WORDS | _BODY_ENDINGS | _COMPANY_WORDS | COLLECTIVE_NOUNS for t in ent)
        ):
            return k
    return None


def _cut_from_place(t: Token) -> bool:
    """Whether ``t`` starts the holder's name inside a place's entity ("President of Argentina [Alberto] Fernandez")."""
    ent = entity_of(t, ORG_LABELS)
    return ent is not None and _holder_in(ent) == t.i - ent.start


def _org_in(tokens: list[Token], exclude: set[int]) -> Optional[str]:
    """The organisation among ``tokens``: an ORG entity first, else a party, then a place or nationality.

    An entity after "at"/"for"/"with" (the employer: "senior director of Government
    Affairs at the National Safety Council") beats one inside an "of" phrase; a party
    beats a place ("an Ottawa New Democrat MP"); name suffixes ("Jr", "M.D.") are no body.
    """
    orgs: list[tuple[int, str]] = []
    party = place = None
    for n, t in enumerate(tokens):
        if t.i in exclude or t.lower_ in NAME_SUFFIXES:
            continue
        ent = entity_of(t, ORG_LABELS)
        if ent is not None and ent.end > tokens[-1].i + 1 and ent.start <= tokens[-1].i and _holder_in(ent) == tokens[-1].i + 1 - ent.start:
            # "of [Argentina Alberto Fernandez]": the recogniser ran the body on into the holder's name
            place = place or org_name(ent.doc[ent.start : tokens[-1].i + 1].text)
            continue
        if ent is not None and _shouted_place(ent):
            continue  # "WASHINGTON —": a dateline, not whom anyone works for
        if ent is not None and ent.label_ in ("ORG", "FAC") and _is_role_word(ent.root) and ent.root.lower_ not in COLLECTIVE_NOUNS:
            continue  # "the [Minister of Health]": a title the recogniser took for a body
        if ent is not None and ent.label_ in ("ORG", "FAC") and ent.text.lower() not in PARTY_ORGS:
            if ent.text.lower().strip(". ") in NAME_SUFFIXES or ent[-1].lower_ in ("district", "ward", "constituency"):
                continue  # "Jr"; "Second District" is a constituency, not a body
            if all(w.lower_ in ROLE_QUALIFIERS or w.is_punct for w in ent) and ent.end < len(ent.doc) and _is_role_word(ent.doc[ent.end]):
                continue  # "Shadow Home Secretary", "Defence Secretary": the words of a title, not a body
            employer = any(a.dep_ == "prep" and a.lower_ in ("at", "for", "with") for a in ent.root.ancestors if a.i < ent.start and a.i >= tokens[0].i)
            owned = _owned_body(ent)
            if owned:
                # "a spokesman for Manchester's Trafford Centre": the possessor places the body it owns
                orgs.append((0 if employer else 1, owned))
            orgs.append(((0 if employer else 1) + (2 if owned else 0), org_name(whole_name(ent).text)))
            continue
        if ent is not None and ent.label_ == "GPE" and t.i == ent.start:
            # "Head of Care at Diabetes UK", "Environment Canada": capitalised words before a country
            # after "at/for/with/of" name a body the recogniser left out of its entity
            doc = t.doc
            k = t.i - 1
            lead: list[Token] = []
            while k >= tokens[0].i and doc[k].is_title and not doc[k].ent_type_ and doc[k].pos_ in ("NOUN", "PROPN") and not _is_role_word(doc[k]):
                lead.insert(0, doc[k])
                k -= 1
            if lead and k >= tokens[0].i and doc[k].lower_ in ("at", "for", "with", "of", "from") and not _sentence_initial(lead[0]):
                orgs.append((0 if doc[k].lower_ != "of" else 1, org_name(" ".join(x.text for x in lead) + " " + ent.text)))
                continue
        pair = f"{t.lower_} {tokens[n + 1].lower_}" if n + 1 < len(tokens) else ""
        whole = entity_of(t, ORG_LABELS + ("LOC",))
        if whole is not None and _shouted_place(whole):
            continue
        if whole is not None and len(whole) > 1 and whole.label_ != "NORP":
            place = place or org_name(whole.text)  # "Green Bay coach": the place, not the Green Party
        elif pair.rstrip("s") in PARTY_ORGS:
            party = party or PARTY_ORGS[pair.rstrip("s")]
        elif t.lower_ in PARTY_ORGS and t.pos_ in ("ADJ", "PROPN", "NOUN"):
            party = party or PARTY_ORGS[t.lower_]
        elif ent is not None and (
            ent.label_ == "GPE" or ent.text.lower() in DEMONYMS or ent.text.lower() in PARTY_ORGS or ent.text in COUNTRIES
        ):
            place = place or org_name(ent.text)
    if orgs:
        return min(orgs, key=lambda o: o[0])[1]
    return party or place


def _shouted_place(ent: Span) -> bool:
    """A place written in capitals as a word, not an acronym, opening a paragraph: a dateline ("WASHINGTON —",
    "NEW YORK (Reuters) -"), never a body (an acronym or a body's capitals elsewhere may be: "ZERO's CEO")."""
    doc = ent.doc
    k = ent.start - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    opens = k < 0 or "\n" in doc[k].whitespace_ or any("\n" in doc[j].text for j in range(k + 1, ent.start))
    nxt = doc[ent.end] if ent.end < len(doc) else None
    return (
        opens
        and nxt is not None
        and nxt.text in (",", "(", "-", "--", "\u2013", "\u2014")
        and ent.label_ in ("GPE", "LOC")
        and ent.text.isupper()
        and any(len(w) >= 4 and w.isalpha() and re.search("[AEIOU]", w) for w in ent.text.split())
    )


def _owned_body(ent: Span) -> Optional[str]:
    """The proper name an entity possesses ("Leeds's [White Rose Centre]"), when it is no person or title."""
    head = ent.root.head
    if ent.root.dep_ != "poss" or head.pos_ != "PROPN" or head.i < ent.end or _is_role_word(head) or head.ent_type_ == "PERSON":
        return None
    words = [t for t in head.lefts if t.i >= ent.end and t.dep_ == "compound" and t.pos_ == "PROPN"] + [head]
    if any(t.ent_type_ == "PERSON" or _is_role_word(t) for t in words):
        return None
    return org_name(" ".join(t.text for t in words))


def _name_run(head: Token) -> list[Token]:
    """The run of proper nouns ending at ``head`` ("Patrol Chief James Hall"), stopping at places and bodies."""
    doc = head.doc
    if head.pos_ != "PROPN" and head.ent_type_ != "PERSON":
        return []
    own = entity_of(head, ORG_LABELS)
    start = head.i
    nickname: set[int] = set()
    while start > 0:
        t = doc[start - 1]
        if (
            start >= 4
            and t.text in _CLOSE_MARKS
            and doc[start - 3].text in _OPEN_MARKS
            and doc[start - 2].text[:1].isupper()
            and doc[start - 4].pos_ == "PROPN"
            and doc[start - 4].is_title
        ):
            # "Glenn 'GT' Thompson": a nickname in quotes between the names is no part of the name
            nickname.update(range(start - 3, start))
            start -= 3
            continue
        if (
            start >= 2
            and t.text in "-\u2013"
            and not t.whitespace_
            and not doc[start - 2].whitespace_
            and (
                (doc[start - 2].is_title and (doc[start - 2].pos_ == "PROPN" or doc[start - 2].ent_type_ == "PERSON"))
                or doc[start - 2].lower_ in ("el", "al", "ul", "bin", "ibn", "abu", "ben")  # "el-Sisi", "al-Assad"
            )
        ):
            start -= 2  # "Yu Hoi-kwan", "Jean-Pierre", "President-elect": one hyphenated word
            continue
        if inverted_cue(t):
            break  # 'Said Jane Doe, "..."': the verb opening the sentence is no part of the name
        if t.is_lower and t.lower_ in NAME_PARTICLES and (doc[start].is_title or doc[start].lower_ in NAME_PARTICLES):
            start -= 1  # "Bill de Blasio", "von der Leyen", "bin Salman": the particle is the surname's
            continue
        if t.pos_ != "PROPN" and not (t.ent_type_ == "PERSON" and t.is_title):
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
    if start > 0 and doc[start - 1].lower_ in ("of", "for") and doc[start].ent_type_ != "PERSON":
        # "Minister of Economy Richard Sulik": the object of the title's "of" is no part of the name
        first = next((t.i for t in doc[start : head.i + 1] if t.ent_type_ == "PERSON"), None)
        if first is None:
            # "President of [Argentina Alberto Fernandez]" run into one body by the recogniser: the name
            # starts at its given name
            k = _holder_in(own) if own is not None and own.start == start and own.end == head.i + 1 else None
            first = start + k if k is not None else None
        if first is not None:
            start = first
    return [t for t in doc[start : head.i + 1] if t.i not in nickname]


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
        and not _is_role_word(nxt)
        and nxt.lower_.rstrip(".") not in ABBREVIATED_TITLES
        and name_gender(t.text) is not None
    )


def inverted_cue(t: Token) -> bool:
    """Whether ``t`` is a speech verb opening its sentence, the speaker after it: 'Said the minister: "..."'.

    The small models read a sentence-initial "Said" as a name (it is one, in Arabic): it is the
    verb when a noun phrase follows it and a quotation opens later in the same sentence.
    """
    if t.lower_ not in INVERTED_CUES or not t.is_title or not _sentence_initial(t):
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


def _after_inverted_cue(t: Token) -> Optional[Token]:
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


_OPEN_MARKS = frozenset("'\"\u2018\u201c")
_CLOSE_MARKS = frozenset("'\"\u2019\u201d")


def _split_role(run: list[Token]) -> tuple[list[Token], list[Token]]:
    """Split "Foreign Minister Ararat Mirzoyan" into role words and name words at the last role noun."""
    last = -1
    for i, t in enumerate(run):
        if i >= 2 and last == i - 2 and run[i - 1].text in "-\u2013" and not run[i - 1].whitespace_:
            last = i  # "President-elect", "Vice-Chair": the hyphenated rest of the title
            continue
        low = t.lower_
        plural = low[:-1] if low.endswith("s") and low[:-1] in ROLE_HEADS and i + 2 < len(run) else None
        if (low in ROLE_HEADS or plural or low.rstrip(".") in ABBREVIATED_TITLES) and (plural or not _after_courtesy_title(t)):
            if (
                i == len(run) - 1
                and i >= 1
                and t.ent_type_ == "PERSON"
                and t.ent_iob_ == "I"
                and run[i - 1].is_title
                and not _is_role_word(run[i - 1])
                and is_given_name(run[i - 1])
            ):
                continue  # "Rob Bishop", "Charlie King": a given name, then a surname that is also a title
            last = i  # "Senators Brian Schatz (D-Hawaii) and ...": the plural title too
    return run[: last + 1], run[last + 1 :]


def _pick_head(head: Token) -> Token:
    """Among a subject and its conjuncts, the one that is a full name (parser slips: "Fools and Horses star David Jason")."""
    conj = [c for c in head.children if c.dep_ == "conj"]
    if not conj:
        return head
    runs = [(len(_split_role(_name_run(t))[1]), t) for t in [head] + conj]
    best = max(runs, key=lambda r: r[0])
    own = len(_split_role(_name_run(head))[1])
    return best[1] if best[0] >= 2 and own < 2 and best[1].ent_type_ == "PERSON" else head


def describe(head: Token, known: Optional["Cast"] = None) -> Mention:
    """Read the speaker noun phrase headed by ``head`` into a :class:`Mention`."""
    doc = head.doc
    low = head.lower_
    if low in ("who", "which", "that") and head.head.dep_ == "relcl":
        head = head.head.head  # "X, who said": the relative clause's antecedent
        low = head.lower_
    if head.pos_ == "PRON" or low in PERSON_PRONOUNS or low in ("they", "we", "it", "i"):
        return Mention(text=head.text, kind="pronoun", gender=PERSON_PRONOUNS.get(low))
    if inverted_cue(head):
        # 'Said the minister: "..."': the verb opening the sentence stands for the speaker after it
        spoken_by = _after_inverted_cue(head)
        if spoken_by is not None:
            return describe(spoken_by, known)
        return Mention(text=head.text, kind="unnamed")
    if head.pos_ == "PROPN" and head.i + 2 < len(doc) and doc[head.i + 1].text in "-\u2013" and not head.whitespace_:
        # "African Export[–]Import Bank president Okey Oramah said", parsed with "Export" as the subject:
        # the phrase runs on to the person it names
        j = head.i + 1
        while j < min(len(doc), head.i + 8) and doc[j].ent_type_ != "PERSON" and (
            doc[j].pos_ in ("PROPN", "NOUN") or doc[j].text in "-\u2013"
        ):
            j += 1
        if j < len(doc) and doc[j].ent_type_ == "PERSON" and doc[j].ent_iob_ == "B":
            return describe(name_end(doc[j]), known)
    if head.pos_ == "NOUN" and head.is_title and known is not None and known.knows(head.text):
        # "Fallows remarked": the small models tag a known surname as a plural noun
        return Mention(text=head.text, kind="name", name=head.text)
    head = _pick_head(head)
    tokens = _np_tokens(head)
    text = doc[tokens[0].i : tokens[-1].i + 1].text.strip(" ,\"“”") if tokens else head.text
    name_head = head
    if head.pos_ != "PROPN" and head.ent_type_ != "PERSON":
        # "the club's manager, Alex Ferguson": an appositive name
        for a in head.children:
            if a.dep_ == "appos" and (a.pos_ == "PROPN" or a.ent_type_ == "PERSON"):
                name_head = a
                break
    run = _name_run(name_head)
    role_words, name_words = _split_role(run)
    if (
        not name_words
        and len(run) == 1
        and run[0].is_title
        and run[0].ent_type_ == "PERSON"
        and known is not None
        and known.knows(run[0].text)
    ):
        role_words, name_words = [], run  # "Dean, a medical doctor," once the article has named Howard Dean
    if name_words:
        prev = doc[name_words[0].i - 1] if name_words[0].i > 0 else None
        honor = prev.text if prev is not None and prev.lower_.rstrip(".") in HONORIFICS | KEPT_TITLES else ""
        if not honor and len(name_words) > 1 and name_words[0].lower_.rstrip(".") in HONORIFICS:
            honor = name_words[0].text  # "On tape Mr Livingstone": the tagger ran "Mr" into the name
        raw = " ".join(t.text for t in name_words)
        raw = re.sub(r"\s*([-\u2013])\s*", r"\1", raw) if any(t.text in "-\u2013" and not t.whitespace_ for t in name_words) else raw
        if honor and honor.lower().rstrip(".") in KEPT_TITLES and not raw.lower().startswith(honor.lower()):
            raw = f"{honor} {raw}"
        name = clean_name(raw)
        if name and re.fullmatch(r"\S+(?: [IVX]+)?", name) and role_words and role_words[-1].lower_ in REGNAL_TITLES:
            name = f"{role_words[-1].text} {name}"  # "Pope Francis", "King Charles": known by the title
        is_person = bool(name) and (
            any(t.ent_type_ == "PERSON" for t in name_words)
            or bool(honor)
            or bool(role_words)
            or (known is not None and known.knows(name))
            or not any(t.ent_type_ in ORG_LABELS for t in name_words)
            or _member_of_body(name_words)
            or _tagged_member(name_words)
            or (len(name_words) > 1 and name_words[0].is_lower and name_words[0].lower_ in NAME_PARTICLES)
            # a given name inside a body the recogniser ran on from a place: "President of [Argentina Alberto X]"
            or (len(name_words) > 1 and name_words[0].ent_iob_ == "I" and _cut_from_place(name_words[0]))
        )
        # "The current president of Namibia, Hage Geingob,": a name in apposition to a person's
        # role is a person, whatever the recogniser made of it
        appos_of_role = (
            name_head.i != head.i and _is_role_word(head) and head.tag_ == "NN" and _reads_as_a_name(name_words, head)
        )
        is_person = is_person or (bool(name) and appos_of_role)
        if (
            is_person
            and not appos_of_role
            and name_words[0].ent_type_ in ORG_LABELS
            and name_words[0].ent_iob_ == "B"  # (not a name cut out of a body's entity: "of [Argentina Alberto X]")
            and len(name_words) == len(run)
            and not honor
        ):
            ent = entity_of(name_words[0], ORG_LABELS)
            if ent is not None and ent.end > name_head.i and not (known is not None and known.knows(name)):
                is_person = any(t.ent_type_ == "PERSON" for t in name_words) or _member_of_body(name_words) or _tagged_member(name_words)
        if is_person and name_words[-1].lower_ in BODY_WORDS and not honor and not any(t.ent_type_ == "PERSON" for t in name_words):
            # "Toronto Police, which indicated ...": a body's name, whatever the recogniser missed
            return Mention(text=text, kind="org", name=name, org=name)
        if is_person and name in COUNTRIES and not honor and not role_words:
            # "Azerbaijan says ...": the recogniser's PERSON is a country speaking for itself
            return Mention(text=text, kind="org", name=name, org=None)
        if is_person and not honor and not role_words and not (known is not None and known.knows(name)):
            # "Ont. said", "Manchester United said", "Politico reported": a place, a club or an outlet
            # the recogniser took for a person; a place speaks for itself, a club or outlet is its own body
            body = _not_a_person(name_words, name)
            if body is not None:
                return Mention(text=text, kind="org", name=body[0], org=None if body[1] else body[0])
        if is_person:
            first = name.split(" ", 1)[0]
            gender = honorific_gender(honor or raw) or (name_gender(first) if " " in name else None)
            pset = {t.i for t in name_words}
            before = [t for t in tokens if t.i < name_words[0].i]
            dashes = [
                k
                for k, t in enumerate(before)
                if (t.text in ("-", "--", "\u2013", "\u2014") and t.whitespace_) or t.text in ("--", "\u2014")
            ]
            if dashes:
                before = before[dashes[-1] + 1 :]  # "WASHINGTON \u2013 Congressman X": a dateline, not a body
            # after an honorific only a true title counts: "On tape Mr Livingstone" has no role "tape"
            role, role_head = _role_from(before, need_head=bool(honor))
            if role is None and honor:
                # "archaeologist Dr. Naomi X": a word made to name a person still is a role ("On tape Mr X" is not)
                role, role_head = _role_from(before, need_head=False)
                if role and not _AGENTIVE.search(role_head or ""):
                    role, role_head = None, None
            org = _org_in(before, pset)
            role, role_org = split_role_org(role, before)
            if org and role_org and org != role_org and set(org.split()) < set(role_org.split()):
                org = role_org  # "Environment Canada spokeswoman": the body's whole name, not the place in it
            org = org or role_org
            lead = before[:-1] if before and before[-1].text == "," else before
            if role and lead and lead[-1].i + 1 + (len(before) - len(lead)) == name_words[0].i:
                role = _with_place(role, lead)  # "President of Argentina X", "The mayor of London, X,"
            if org is None and role:
                # "Manchester United manager Sir Alex Ferguson" with the club tagged as a
                # person: proper nouns leading up to the role word name the body
                lead = []
                for t in before:
                    if t.pos_ != "PROPN" or _is_role_word(t) or t.lower_.rstrip(".") in HONORIFICS:
                        break
                    lead.append(t)
                if lead and len(lead) < len(before) and _is_role_word(before[len(lead)]) and before[len(lead)].is_lower:
                    org = org_name(" ".join(t.text for t in lead))
            host = name_head.head
            if (
                not role
                and name_head.dep_ == "appos"
                and host.i < name_head.i
                and (host.pos_ == "NOUN" or (host.pos_ == "PROPN" and _is_role_word(host)))
                and "\n" not in doc_text(doc)[host.idx : name_head.idx]
            ):
                # "the former Dutch prime minister Wim Kok", "the club's manager, Alex Ferguson",
                # "fellow comedy stars Victoria Wood and ...": the name stands in apposition
                # to the phrase that gives the role (a plural one gives each person its singular)
                left = [t for t in host.subtree if t.i <= host.i and t.lower_ != "fellow"]
                role, role_head = _role_from(left, need_head=False)
                title = [host]
                while title[0].i > 0:
                    t = doc[title[0].i - 1]
                    if not (t.dep_ == "compound" and t.is_title and t.head == host and (t.lower_ in ROLE_QUALIFIERS or _is_role_word(t))):
                        break
                    title.insert(0, t)
                if host.pos_ == "PROPN" and len(title) > 1:
                    # "Cabinet Secretary, Lord Armstrong": a formal title, capitalised throughout, is one
                    # role ("former Vice President ..., Joe Biden": with its "former")
                    former = [t for t in host.children if t.dep_ == "amod" and t.lower_ in ("former", "acting", "interim", "outgoing")]
                    role, role_head = " ".join(t.text for t in former[:1] + title), host.lower_
                    left = [t for t in left if t not in title]
                if role and host.tag_ == "NN" and _is_role_word(host):
                    # "The mayor of Surabaya, Tri Rismaharini": the role's own "of" phrase too
                    with_of, of_head = _appos_role(host)
                    if with_of:
                        role, role_head = with_of, of_head
                if role and host.tag_ == "NNS" and role.endswith(host.text):
                    role = role[: len(role) - len(host.text)] + host.lemma_
                    role_head = host.lemma_.lower()
                if role and host.dep_ == "pobj" and host.head.lower_ == "as" and host.head.head.lemma_.lower() == "predecessor":
                    role = "former " + role  # "his predecessor as Cabinet Secretary, Lord Armstrong"
                org = org or _org_in(left, pset)
                role, role_org = split_role_org(role, left)
                org = org or role_org
            if not role:
                # "The mayor of Surabaya, Tri Rismaharini, comforted ...", whatever the parser made of it
                role, role_head, lead_org = _role_before_comma(name_words)
                org = org or lead_org
            if not role and name_words[0].i > 0 and any(t.ent_type_ == "PERSON" for t in name_words):
                # "Only Fools and Horses star David Jason", whatever the parser made of it: a
                # lower-case noun right before a person's name is how news introduces them
                k = name_words[0].i - 1
                start = name_words[0].sent.start
                words = []
                while k >= start and len(words) < 3 and doc[k].is_lower and (doc[k].pos_ in ("NOUN", "ADJ") or _is_role_word(doc[k])):
                    words.insert(0, doc[k])
                    k -= 1
                words = [t for t in words if t.lower_ != "fellow"]
                if words and _is_role_word(words[-1]):
                    role, role_head = _role_from(words, need_head=True)
            # an appositive, or "of/at/for/with/from X": "during the Lions' loss" names no employer
            after = [
                c
                for c in name_head.children
                if c.i > name_head.i
                and (c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ in ("of", "at", "for", "with", "from")))
            ]
            if name_head.i != head.i:
                after += [c for c in head.children if c.dep_ in ("prep",)]
                r, rh = _role_from([t for t in tokens if t.i <= head.i and t.i not in pset])
                role, role_head = role or r, role_head or rh
            set_off = name_head.i + 1 < len(doc) and doc[name_head.i + 1].text in (",", "(", "\u2014", "\u2013", "-")
            for a in after:
                sub = [t for t in a.subtree if t in tokens]
                if a.dep_ == "appos" and not set_off:
                    continue  # "Henson heroics": not an appositive without its comma
                if a.dep_ == "appos" and not role:
                    role, role_head = _appos_role(a)
                if org is None:
                    org = _org_in(sub, pset) or (_appos_org(a) if a.dep_ == "appos" else _proper_object(a))
            if not role and role_words:
                # "Rep. Ron Estes", "Sen. Ann Lee": the abbreviated title is the role
                words = "".join(t.whitespace_ if t.text == "." else t.text_with_ws for t in role_words).split()
                if words and words[-1].lower().endswith("s") and words[-1].lower()[:-1] in ROLE_HEADS:
                    words[-1] = words[-1][:-1]  # "Senators Thom Tillis and Gary Peters": a Senator each
                full = ABBREVIATED_TITLES.get(words[-1].lower().rstrip(".")) if words else None
                if full:
                    words = words[:-1] + full.split()
                    if len(words) > 1 and words[-2].lower().rstrip(".") == "lt":
                        words = words[:-2] + ["Lieutenant", words[-1]]
                role, role_head = " ".join(words), (full or words[-1].rstrip(".")).lower().split()[-1]
            party = _party_tag(name_words[-1])
            if party:
                org = party  # "Ron Estes (R-Kansas)": US party and state notation
            if (
                role_head in COLLECTIVE_NOUNS
                and role_head not in ROLE_HEADS
                and not honor
                and not role_words
                and name_gender(name_words[0].text) is None  # "Jane Doe, a publisher" is a person
            ):
                # "Munich Re, the world's biggest reinsurer, said": a body the recogniser took for a person
                return Mention(text=text, kind="org", name=name, org=name)
            if org in COUNTRIES and ((role_head or "") in PERSONAL_ROLES or any(t.lower_ in PERSONAL_ROLES for t in before)):
                org = None  # "a Turkish national", "Afghan-born journalist": who they are, not whom they serve
            return Mention(text=text, kind="name", name=name, role=role, org=org, gender=gender, role_head=role_head)
    ent = entity_of(head, ("ORG", "GPE", "NORP"))
    if ent is not None and head.lower_ not in ROLE_HEADS:
        officer = _officer_of(head, ent)
        if officer is not None:
            return officer
        named = [c for c in head.children if c.dep_ == "appos" and c.i > head.i and c.ent_type_ == "PERSON"]
        if named:
            # "A Republican, Tom Baker, said": the person, of that party or body
            who = describe(name_end(named[0]), known)
            if who.kind == "name" and who.name:
                who.org = who.org or org_name(ent.text)
                return who
        # a body speaks for itself (org = its name); a country or people does not belong to one
        name = org_name(ent.text)
        # ("Toronto Police" tagged as the city is still a body)
        body = ent.label_ == "ORG" or name.split()[-1].lower() in BODY_WORDS
        return Mention(text=text, kind="org", name=name, org=name if body else None)
    lemma = head.lemma_.lower()
    if lemma in ("part", "portion", "section", "excerpt", "passage") and head.pos_ == "NOUN":
        of = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if of:
            return describe(of[0], known)  # "Part of the judge's statement reads": the statement
    bare = not any(c.dep_ in ("compound", "poss", "nmod", "amod", "prep") for c in head.children)
    if lemma in OUTLET_NOUNS and bare:
        # "the paper said": the newspaper named just before, not a document
        return Mention(text=text, kind="body", role_head=lemma)
    if lemma in DOCUMENT_NOUNS or low in DOCUMENT_NOUNS:
        author = None
        owners = [c for c in head.children if c.dep_ in ("compound", "poss", "nmod")]
        owners += [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "by") for g in c.children if g.dep_ == "pobj"]
        # "the decree signed by the Pope", "a statement issued by the ministry"
        owners += [
            g
            for c in head.children
            if c.dep_ == "acl" and c.lemma_.lower() in _AUTHORING_VERBS  # not "a letter seen by Sky News"
            for a in c.children
            if a.dep_ == "agent"
            for g in a.children
            if g.dep_ == "pobj"
        ]
        ref = None
        for t in owners:
            sub = describe(t, known)
            if (sub.kind in ("name", "org") and sub.name) or (sub.kind == "pronoun" and sub.gender):
                author = sub  # "his report said": whoever "his" is
                break
            if sub.kind == "pronoun" and t.lower_ in ("its", "their"):
                ref = ref or "it"  # "Their statement also read": the body just named
            elif sub.kind == "title" and sub.role_head:
                ref = ref or sub.role_head  # "the judge's statement reads": the judge the article named
        m = Mention(text=text, kind="document", role_head=lemma, ref=ref)
        if author is not None:
            m.name = author.name
            m.gender = author.gender if author.kind == "pronoun" else None
            m.org = author.name if author.kind == "org" else None
        return m
    definite = any(t.dep_ in ("det", "poss") and t.lower_ in ("the", "this", "that", "its") for t in head.children)
    owner = [c for c in head.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < head.i]
    if lemma in COLLECTIVE_NOUNS and lemma not in INSTITUTION_NOUNS and owner and head.tag_ == "NN" and definite:
        # "The Biden campaign", "the Trump administration": a body named by whose it is
        name = " ".join([t.text for t in owner] + [head.text])
        return Mention(text=text, kind="org", name=name, org=name, role_head=lemma)
    if lemma in OUTLET_NOUNS or (lemma in COLLECTIVE_NOUNS and definite and not _org_in(tokens, set())):
        # "the paper said", "the airline said": the body named just before
        return Mention(text=text, kind="body", role_head=lemma)
    if _is_role_word(head) and head.tag_ != "NNS":
        # "Former US Ambassador to the United Nations Nikki Haley", "The then-manager of X and
        # Director of Y, David Clay": the phrase ends in the person's name
        named = [t for t in tokens if t.i > head.i and t.ent_type_ == "PERSON" and t.ent_iob_ == "B"]
        appos = [
            t for t in tokens
            if t.i > head.i and t.dep_ == "appos" and t.pos_ == "PROPN" and t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == ","
        ]
        if (
            not named
            and appos
            and head.tag_ == "NN"
            and not any(t.ent_type_ in ("GPE", "NORP") for t in appos[0].subtree)
            and _reads_as_a_name([t for t in appos[0].subtree if t.pos_ == "PROPN"], head)
        ):
            # "The current president of Namibia, Hage Geingob,": the name in apposition, whatever its tag
            named = [appos[0].left_edge]
        tail = tokens[-2:] if len(tokens) >= 3 else []
        if (
            not named
            and len(tail) == 2
            and all(t.pos_ == "PROPN" and t.is_title for t in tail)
            and tail[0].i > head.i + 1
            and tail[0].ent_type_ in ("ORG", "GPE", "FAC")  # a two-word "body" the recogniser made of a name
            and tail[1].ent_iob_ == "I"
            and tail[1].lower_ not in BODY_WORDS | _BODY_ENDINGS
            and name_gender(tail[0].text) is not None
        ):
            # "Former US Ambassador to [the United Nations Nikki Haley]": a first name and surname
            # the recogniser ran into the body before them
            named = [tail[0]]
        if named:
            who = describe(name_end(named[-1]), known)
            if who.kind == "org" and who.name and named[-1].ent_type_ != "PERSON":
                who = Mention(text=who.text, kind="name", name=who.name)
            if who.kind == "name" and who.name:
                lead = [t for t in tokens if t.i < named[-1].i and t.text not in (",",)]
                r, rh = _appos_role(head, holder=named[-1].i)
                if not who.role:
                    who.role, who.role_head = r or head.text, rh or low
                if not who.org:
                    who.org = _org_in(lead, set()) or _appos_org(head)
                who.text = text
                return who
    if _is_role_word(head):
        # "NYPD officers said": a group keeps its plural
        role, role_head = _role_from([t for t in tokens if t.i <= head.i], one=head.tag_ != "NNS")
        if not role:
            role, role_head = _appos_role(head)
        org = _org_in([t for t in tokens if t.i != head.i], set())
        if org is None:
            # "Azerbaijan's foreign minister", "Acme's spokesman": the possessor is the body
            # the role belongs to, whatever the entity recogniser made of it
            owners = [c for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
            if owners:
                o = owners[0]
                words = [t for t in o.subtree if t.pos_ == "PROPN"]
                org = org_name(" ".join(t.text for t in words)) if words else None
        definite = any(t.dep_ in ("det", "poss") and t.lower_ in ("the", "this", "that", "his", "her") for t in head.children)
        indefinite = any(t.dep_ == "det" and t.lower_ in ("a", "an", "one", "another") for t in head.children)
        kind = "title" if definite and not indefinite else "unnamed"
        if not any(t.dep_ == "det" for t in head.children):
            # "Azerbaijan Foreign Minister said": a bare title with an organisation is unnamed
            kind = "unnamed" if org else "title"
        plural = head.tag_ == "NNS"
        if plural:
            role_head = head.lemma_.lower()  # "the lawmakers": each is a lawmaker
        ref = None
        if org is None:
            # "a senior source at the club", "a spokesman for the company": the body the story named
            bodies = [
                g for c in head.children if c.dep_ == "prep" and c.lower_ in ("at", "for", "of", "from", "with")
                for g in c.children
                if g.dep_ == "pobj" and g.lemma_.lower() in COLLECTIVE_NOUNS
                and any(d.dep_ == "det" and d.lower_ == "the" for d in g.children)
            ]
            ref = bodies[0].lemma_.lower() if bodies else None
        return Mention(
            text=text, kind=kind, role=role or head.text, org=org, role_head=role_head or low, plural=plural, ref=ref
        )
    if lemma in COLLECTIVE_NOUNS:
        org = _org_in(tokens, set())
        return Mention(text=text, kind="org", name=org or None, role_head=lemma)
    return Mention(text=text, kind="unnamed")


def _officer_of(head: Token, ent: Span) -> Optional[Mention]:
    """The named officer of a body the parser made the subject: "University of X, Y's chancellor, Ann Lee".

    The small models join "Y's chancellor" to the body as a conjunct; the name in
    apposition to the role is the speaker, the body (with the campus "Y" after its comma) the org.
    """
    for c in head.children:
        if c.dep_ not in ("conj", "appos") or c.i < ent.end or not _is_role_word(c) or c.tag_ != "NN":
            continue
        names = [a for a in c.children if a.dep_ == "appos" and a.i > c.i and (a.pos_ == "PROPN" or a.ent_type_ == "PERSON")]
        if not names:
            continue
        who = describe(names[0])
        if who.kind != "name" or not who.name:
            continue
        org = org_name(ent.text)
        owner = [o for o in c.children if o.dep_ == "poss" and o.ent_type_ in ("GPE", "LOC")]
        if owner and ent.end < len(ent.doc) and ent.doc[ent.end].text == ",":
            org = f"{org}, {org_name(entity_of(owner[0], ('GPE', 'LOC')).text)}"
        who.role, who.role_head = who.role or c.lower_, who.role_head or c.lower_
        who.org = org
        who.text = ent.doc[ent.start : names[0].i + 1].text
        return who
    return None


_COMPANY_WORDS = frozenset("holdings inc inc. corp corp. corporation group ltd ltd. llc plc co co. company partners".split())


def _reads_as_a_name(words: list[Token], role: Token) -> bool:
    """Whether words in apposition to ``role`` can be a person's name, whatever the recogniser tagged.

    "The current president of Namibia, Hage Geingob": two or more capitalised words, no company word, after
    a role only people hold; not "broadcaster PBS" or "The owner, Acme Holdings".
    """
    if any(t.ent_type_ == "PERSON" for t in words):
        return True
    return (
        len(words) >= 2
        and all(t.is_title for t in words)
        and not any(t.lower_ in _COMPANY_WORDS | BODY_WORDS for t in words)
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


def _not_a_person(name_words: list[Token], name: str) -> Optional[tuple[str, bool]]:
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


def _tagged_member(name_words: list[Token]) -> bool:
    """A name the recogniser took for a body that a district or party tag marks as a legislator's: "Julia Roe (CA-26)"."""
    if not 2 <= len(name_words) <= 3 or name_gender(name_words[0].text) is None:
        return False
    end = name_words[-1]
    text = doc_text(end.doc)
    at = end.idx + len(end.text)
    return bool(_DISTRICT_TAG.match(text, at + (1 if text[at : at + 1] == " " else 0))) or _party_tag(end) is not None


def _member_of_body(name_words: list[Token]) -> bool:
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


_AUTHORING_VERBS = frozenset("sign write issue release publish send draft author pen prepare deliver post".split())
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
_BODY_ENDINGS = frozenset("centre center institute university college group foundation society trust fund bank".split())
_AGENTIVE = re.compile(r"(?:ist|er|or|ian|ant|ent|ee|ess|man|woman|ive)$")


def _with_place(role: str, before: list[Token]) -> str:
    """ "President of Argentina Alberto Fernandez": a title's "of <place>" right before the name is part of it."""
    words = [t.lower_ for t in before]
    if "of" not in words:
        return role
    k = len(words) - 1 - words[::-1].index("of")
    place = before[k + 1 :]
    head = before[k - 1] if k >= 1 else None
    if (
        head is None
        or not _is_role_word(head)
        or not role.lower().endswith(head.lower_)
        or not place
        or not all(t.ent_type_ in ("GPE", "LOC") or (t.lower_ == "the" and n == 0) for n, t in enumerate(place))
    ):
        return role
    return f"{role} of {' '.join(t.text for t in place)}"


def _role_before_comma(name_words: list[Token]) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """Role, head and org of "the <role> (of X), <Name>," set off by commas before the name.

    The small models often parse the name as a conjunct of the phrase before it; the
    commas on both sides of the name and a definite or possessive role phrase right
    before it are what make it an apposition.
    """
    doc = name_words[0].doc
    k = name_words[0].i - 1
    end = name_words[-1].i + 1
    if k < 2 or doc[k].text != "," or end >= len(doc) or doc[end].text != ",":
        return None, None, None
    host = doc[k - 1]
    while host.dep_ in ("pobj", "prep", "compound", "amod", "poss") and host.head.i < host.i:
        host = host.head
    if host.tag_ != "NN" or not _is_role_word(host) or host.sent.start != name_words[0].sent.start:
        return None, None, None
    if not any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in host.children):
        return None, None, None  # "a mayor, John Smith, ..." may be a list
    inside = {t.i for t in host.subtree}
    if any(i not in inside for i in range(host.i, k)):
        return None, None, None
    role, role_head = _appos_role(host)
    if not role:
        return None, None, None
    role = role.split(",")[0].strip()  # the of-phrase the parser ran on into the name
    left = [t for t in doc[host.left_edge.i : k]]
    role, role_org = split_role_org(role, left)
    org = _org_in(left, set()) or role_org
    if org and not any(t.ent_type_ in ("ORG", "FAC") for t in left):
        org = None  # "Maine's Second District Congressman, X": a state is where, not whom, they serve
    return role, role_head, org


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


_PARTY_TAG = re.compile(r"\(\s*(R|D|I|Ind)\s*[-\u2013,]\s*[A-Z][A-Za-z. ]{1,20}(?:[-\u2013]?\s*\d+(?:st|nd|rd|th)?)?\s*\)")
_PARTY_LETTER = {"R": "Republican Party", "D": "Democratic Party", "I": "Independent", "Ind": "Independent"}


def _party_tag(name_end: Token) -> Optional[str]:
    """The party of a "(R-Kansas)" / "(D-NH)" / "(D-CA-03)" tag right after a name."""
    text = doc_text(name_end.doc)
    m = _PARTY_TAG.match(text, name_end.idx + len(name_end.text) + (1 if text[name_end.idx + len(name_end.text) : name_end.idx + len(name_end.text) + 1] == " " else 0))
    return _PARTY_LETTER[m.group(1)] if m else None


def _role_now(a: Token) -> Optional[Token]:
    """The role noun of "<appositive> who is now <role>": "a former executive who is now CEO of X"."""
    for c in a.children:
        if c.dep_ == "relcl" and any(g.lower_ == "now" for g in c.children):
            now = [g for g in c.children if g.dep_ == "attr" and g.i > c.i and _is_role_word(g)]
            if now:
                return now[0]
    return None


def _appos_role(a: Token, holder: Optional[int] = None) -> tuple[Optional[str], Optional[str]]:
    """Role of an appositive ("a spokesman for X", "head of UK equities at Y"): the noun, its modifiers and an "of" phrase."""
    now = _role_now(a)
    if now is not None:
        return _appos_role(now)
    titled = a.pos_ == "PROPN" and any(c.dep_ == "amod" and c.is_lower for c in a.children)
    if a.pos_ not in ("NOUN",) and not _is_role_word(a) and not titled:
        return None, None  # "former MTV VJ" is a title; a bare proper noun is a name
    last = _hyphen_end(a)
    doc = a.doc
    left = [t for t in a.subtree if t.i <= a.i] + list(doc[a.i + 1 : last.i + 1])
    role, head = _role_from(left, need_head=False)
    if role is None and titled:
        role, head = "".join(t.text_with_ws for t in left if t.dep_ not in ("det", "punct")).strip(), a.lower_
    if role is None:
        return None, None
    of = [c for c in list(a.children) + list(last.children) if c.dep_ == "prep" and c.lower_ == "of"]
    if of:
        # "head of UK equities for Standard Life": the role's own "of" phrase, without the
        # phrase naming the employer ("for/at X", which gives the organisation)
        cut = {
            t.i
            for obj in of[0].children
            for p in obj.children
            if p.dep_ == "prep" and p.lower_ in ("at", "for", "with", "in", "from", "to")
            for t in p.subtree
        }
        sub = [t for t in of[0].subtree if t.i not in cut]
        spilled: set[int] = set()
        if holder is not None:
            # "Governor of Washington Chris Gregoire": the holder's name ends the title, it is no part of it
            # (another's name may be: "wife of Walter Munk")
            stop = holder
            sub = [t for t in sub if t.i < stop]
            # and a body the recogniser ran on into the name is no body ("President of [Argentina Alberto Fernandez]")
            spilled = {t.i for t in sub if t.ent_type_ in ORG_LABELS and entity_of(t, ORG_LABELS).end > stop}
        objs = [g for g in of[0].children if g.dep_ == "pobj" and g.pos_ == "NOUN"]
        owners = [c for o in objs for c in o.children if c.dep_ == "poss" and c.ent_type_ == "ORG"]
        if owners:
            # "president of the Foundation's board of directors": of the board; the
            # Foundation is the organisation
            owned = {t.i for t in owners[0].subtree}
            sub = [t for t in sub if t.i not in owned and t.dep_ != "det"]
            if sub and not any(t.ent_type_ == "ORG" for t in sub[1:]) and len(sub) <= 6:
                role = role + " of the " + "".join(t.text_with_ws for t in sub[1:]).strip().rstrip(",")
        elif not any(t.ent_type_ == "ORG" and t.i not in spilled for t in sub) and len(sub) <= 7 and _named_body(of[0]) is None:
            role = role + " " + "".join(t.text_with_ws for t in sub).strip().rstrip(",")
    return role, head


def trailing_role(name_end: Token) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """Role, role head and org of an appositive the parse did not attach to the name.

    "Feng Zhang (see 35 Innovators Under 35, 2013), a researcher in Cambridge at the
    Broad Institute": after the name, an aside in brackets, a comma and "a/an/the"
    followed by a role noun describe the person, whatever the parser made of them.
    """
    doc = name_end.doc
    j = name_end.i + 1
    if j < len(doc) and doc[j].text == "(":
        depth = 0
        while j < len(doc):
            depth += doc[j].text == "("
            depth -= doc[j].text == ")"
            j += 1
            if depth == 0 or "\n" in doc[j - 1].whitespace_:
                break
    if j >= len(doc) or doc[j].text != "," or "\n" in doc[j - 1].whitespace_:
        return None, None, None
    j += 1
    if j + 1 < len(doc) and (doc[j].lower_ == "among" or (doc[j].lower_ == "one" and doc[j + 1].lower_ == "of")):
        # "Seqret Watson, among the dozens of drivers ...", "X, one of the organisers": one of them
        for t in doc[j + 1 : min(len(doc), j + 8)]:
            if t.is_punct or "\n" in t.whitespace_:
                break
            if t.tag_ == "NNS" and _is_role_word(t):
                role, head = _role_from([x for x in t.subtree if x.i <= t.i and x.i > j])
                return role, head, None
        return None, None, None
    if j < len(doc) and doc[j].lower_ in ("a", "an", "the"):
        j += 1
    for t in doc[j : min(len(doc), j + 5)]:
        if t.is_punct and t.text not in "-\u2013" or "\n" in t.whitespace_:
            break
        if t.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "PUNCT"):
            break  # "Tri Rismaharini, comforted relatives": a verb, not an appositive
        if t.tag_ == "NN" and _is_role_word(t) and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "NOUN"):
            role, head = _appos_role(t)
            if role:
                sub = [x for x in t.subtree if x.i >= t.i]
                return role, head, _org_in(sub, set()) or _appos_org(t)
            break
    return None, None, None


def _hyphen_end(t: Token) -> Token:
    """The last word of a hyphenated compound starting at ``t`` ("vice-president", "co-founder")."""
    doc = t.doc
    while (
        t.i + 2 < len(doc)
        and doc[t.i + 1].text in "-\u2013"
        and not t.whitespace_
        and not doc[t.i + 1].whitespace_
        and doc[t.i + 2].is_alpha
    ):
        t = doc[t.i + 2]
    return t


def _named_body(prep: Token) -> Optional[str]:
    """A body named right after the common noun describing it: "of anti-constitution group Vote No".

    The small models often leave such names out of their entities (and out of the parse);
    the capitalised words that directly follow "group", "campaign", "charity" ... are
    its name.
    """
    objs = [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN" and c.text.islower()]
    if not objs:
        return None
    doc = prep.doc
    words = []
    j = objs[0].i + 1
    while j < len(doc) and (doc[j].is_title or doc[j].is_upper) and doc[j].is_alpha and doc[j].ent_type_ != "PERSON":
        words.append(doc[j])
        if doc[j].whitespace_ == "" and j + 1 < len(doc) and doc[j + 1].is_alpha:
            break
        j += 1
    if not words or (words[0].i > 0 and "\n" in doc[words[0].i - 1].whitespace_):
        return None
    return org_name(" ".join(t.text for t in words))


def _proper_object(prep: Token) -> Optional[str]:
    """ "Dave Grohl of Foo Fighters", "Jane Roe from Oxfam": a proper name after a person's "of/from/at" is their body.

    Used when the recogniser tagged nothing there; places, people and dates are not bodies.
    """
    if prep.dep_ != "prep" or prep.lower_ not in ("of", "from", "at", "with"):
        return None
    objs = [g for g in prep.children if g.dep_ == "pobj" and g.pos_ == "PROPN" and (g.is_title or (g.is_upper and len(g) >= 2))]
    if not objs or objs[0].ent_type_ in ("PERSON", "GPE", "LOC", "NORP", "DATE", "TIME"):
        return None
    obj = objs[0]
    words = [t for t in obj.lefts if t.dep_ in ("compound", "amod") and t.pos_ == "PROPN" and t.i < obj.i] + [obj]
    if any(t.ent_type_ in ("PERSON", "GPE", "LOC", "NORP") for t in words):
        return None
    return org_name(" ".join(t.text for t in words))


def _appos_org(a: Token) -> Optional[str]:
    """The body an appositive names in its of/at/for phrase when the entity recogniser missed it."""
    now = _role_now(a)
    if now is not None:
        # "... who is now CEO of Genetix Labs": the body of the role held now
        for c in now.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "at", "for", "with"):
                objs = [g for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN" and g.ent_type_ not in ("PERSON", "GPE")]
                if objs:
                    words = [t for t in objs[0].lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [objs[0]]
                    return org_name(" ".join(t.text for t in words))
        return None
    last = _hyphen_end(a)
    heads = [a, last] + [c for c in a.children if c.dep_ == "conj" and _is_role_word(c) or c.dep_ == "conj" and c.is_title]
    preps = [c for h in dict.fromkeys(heads) for c in h.children if c.dep_ == "prep" and c.lower_ in ("of", "at", "for", "with")]
    # the employer ("Head of Care at Diabetes UK") before what the title is "of"
    preps.sort(key=lambda c: c.lower_ == "of")
    for c in preps:
        # "a representative for the LA Sheriff's office": also a name the recogniser missed
        body = _named_body(c) or _proper_object(c)
        if body and is_body(body):
            return body
    return None


def _name_key(name: str) -> str:
    """A name folded for comparison: accents, case and spaces aside."""
    return strip_accents(name).lower().replace(" ", "")


def _without_initials(name: str) -> str:
    """A name's comparison key without middle initials: "Robin L. Kelly" -> "robin kelly"."""
    parts = strip_accents(name).lower().split()
    if len(parts) <= 2:
        return " ".join(parts)
    middle = [p for p in parts[1:-1] if not re.fullmatch(r"[a-z]\.?", p)]
    return " ".join([parts[0], *middle, parts[-1]])


def _tail_key(parts: list[str]) -> str:
    return " ".join(strip_accents(p).lower() for p in parts)


_NOT_THE_TITLE = re.compile(r"(?i)(?:.*\b)?(?:former|ex|vice|deputy|assistant|acting)\b")


class Cast:
    """The people and bodies an article has named so far, for resolving later references."""

    def __init__(self, places: frozenset[str] | set[str] = frozenset()):
        self.people: dict[str, Person] = {}
        self.by_surname: dict[str, str] = {}
        # the article's places: an organisation learnt later replaces one of these
        self.places = places
        # lookups for canonical(), kept up to date by add() (a scan per call was the hot spot on long articles)
        self._by_key: dict[str, str] = {}
        self._by_bare: dict[str, list[str]] = {}
        # the last two or more words of each full name ("de Blasio", "Wasserman Schultz"): a surname of several words
        self._by_tail: dict[str, set[str]] = {}
        # genders a surname is addressed with in the article ("Mr. Obama": m), see note_courtesy_titles
        self._addressed: dict[str, set[str]] = {}

    def note_courtesy_titles(self, doc: Doc):
        """Record how the article addresses each surname ("Mr. Obama", "Mrs. Clinton").

        A surname the article gives only with "Mr." is not the woman it named in full with that
        surname ("Michelle Obama", the first lady), and a bare "Obama" must not resolve to her."""
        for t in doc[1:]:
            gender = _COURTESY_GENDER.get(doc[t.i - 1].lower_)
            if gender and t.is_title and t.pos_ == "PROPN":
                self._addressed.setdefault(strip_accents(t.text).lower(), set()).add(gender)

    def _may_own_surname(self, name: str) -> bool:
        """Whether a bare surname may stand for the full ``name``: not when the article addresses that
        surname only as the other gender than ``name``'s first name carries."""
        parts = name.split()
        addressed = self._addressed.get(strip_accents(parts[-1]).lower())
        gender = name_gender(parts[0]) if addressed else None
        return gender is None or gender in addressed

    def canonical(self, name: str) -> str:
        """The full form of ``name`` used in this article (a surname resolves to the full name; a name
        without its middle initials to the one with them: "Robin Kelly" -> "Robin L. Kelly")."""
        parts = name.split()
        if len(parts) == 1 or (len(parts) == 2 and parts[0].lower() in KEPT_TITLES):
            # "Pashinyan" and "Lord Callaghan" name the "Nikol Pashinyan" / "Jim Callaghan" the article introduced
            surname = strip_accents(parts[-1]).lower()
            if surname in self.by_surname:
                return self.by_surname[surname]
        existing = self._by_key.get(_name_key(name))
        if existing is not None:
            return existing
        if len(parts) >= 2:
            # "Robin Kelly" is the "Robin L. Kelly" the article introduced (middle initials aside)
            same = [e for e in self._by_bare.get(_without_initials(name), []) if self.people[e].speaker_type == "person"]
            if len(same) == 1:
                return same[0]
            if parts[0].lower() not in KEPT_TITLES:
                # "de Blasio", "Wasserman Schultz": a surname of several words names the one person whose
                # full name ends with it ("Bill de Blasio", "Debbie Wasserman Schultz")
                longer = self._by_tail.get(_tail_key(parts), set())
                if len(longer) == 1:
                    return next(iter(longer))
            if len(parts) == 2:
                # "Hillary Clinton" is the "Hillary Rodham Clinton" the article introduced
                longer = self._by_tail.get("ends:" + _tail_key(parts), set())
                if len(longer) == 1:
                    return next(iter(longer))
        return name

    def _learn_tails(self, name: str):
        parts = name.split()
        if parts and parts[0].lower() in KEPT_TITLES:
            return
        for k in range(1, len(parts) - 1):
            self._by_tail.setdefault(_tail_key(parts[k:]), set()).add(name)
        if len(parts) >= 3 and not any(p.lower() in NAME_PARTICLES or re.fullmatch(r"\w\.?", p) for p in parts):
            # (middle initials are _without_initials' business)
            self._by_tail.setdefault("ends:" + _tail_key([parts[0], parts[-1]]), set()).add(name)

    def learn_names(self, names: list[str]):
        """Register full names before any resolution, so a surname seen first still maps to them."""
        for titled in (False, True):  # "Lord Butler" only where no full name has that surname
            for name in names:
                parts = name.split()
                if len(parts) >= 2 and (parts[0].lower() in KEPT_TITLES) == titled and self._may_own_surname(name):
                    self.by_surname.setdefault(strip_accents(parts[-1]).lower(), name)
                    if not titled:
                        self._learn_tails(name)

    def add(self, name: str, speaker_type: str = "person", role=None, org=None, gender=None, role_head=None) -> Person:
        name = self.canonical(name)
        person = self.people.get(name)
        if person is None:
            person = Person(name=name, speaker_type=speaker_type)
            self.people[name] = person
            self._by_key.setdefault(_name_key(name), name)
            self._by_bare.setdefault(_without_initials(name), []).append(name)
            parts = name.split()
            if speaker_type == "person" and len(parts) >= 2 and parts[0].lower() not in KEPT_TITLES:
                if self._may_own_surname(name):
                    self.by_surname.setdefault(strip_accents(parts[-1]).lower(), name)
                self._learn_tails(name)
        if role and not person.role:
            person.role = role
        if not is_body(org) or (speaker_type == "person" and is_own_name(org, name)):
            org = None
        if org and (not person.org or (person.org in self.places and org not in self.places)):
            # "London mayor Ken Livingstone" then "Labour's Mr Livingstone": the place
            # names where he holds office, the party is the body he belongs to
            person.org = org
        if gender and not person.gender:
            person.gender = gender
        if role:
            person.titles.add(role.lower())
        if role_head:
            person.role_heads.add(role_head)
            if not _NOT_THE_TITLE.match(role or ""):
                # "former US Vice President Joe Biden" is not who "the president" means
                person.title_heads.add(role_head)
        return person

    def knows(self, name: str) -> bool:
        """Whether ``name`` (or its surname) is a person already named in this article."""
        return self.canonical(name) in self.people and self.people[self.canonical(name)].speaker_type == "person"

    def get(self, name: str) -> Optional[Person]:
        return self.people.get(self.canonical(name))
