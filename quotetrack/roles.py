"""Roles and organisations, read from the words around a name or a title.

"Foreign Minister" and "Liberal Democrat leader" before a name (:func:`role_from`,
:func:`split_role_org`), the body among those words (:func:`org_in`), "a spokesman for X" or
"head of UK equities at Y" in apposition (:func:`appos_role`, :func:`appos_org`), and a role the
parser left unattached after a name (:func:`trailing_role`). They return strings;
:func:`quotetrack.people.describe` decides which of them the speaker gets.
"""

from __future__ import annotations

import re
from typing import Optional

from spacy.tokens import Span, Token

from .lexicon import (
    BODY_WORDS,
    COLLECTIVE_NOUNS,
    COUNTRIES,
    DEMONYMS,
    NAME_SUFFIXES,
    PARTY_ORGS,
    ROLE_HEADS,
    ROLE_QUALIFIERS,
)
from .names import is_body, is_given_name, org_name
from .parse import ORG_LABELS, doc_text, entity_of, is_role_noun, np_tokens, sentence_initial


def singular(t: Token) -> str:
    """A plural title in the singular, capitalised as written: "Senators" -> "Senator", "biologists" -> "biologist"."""
    lemma = t.lemma_
    return lemma[:1].upper() + lemma[1:] if t.text[:1].isupper() else lemma


def role_from(tokens: list[Token], need_head: bool = True, one: bool = True) -> tuple[Optional[str], Optional[str]]:
    """Role text and its head noun from the words that describe a person.

    "Foreign Minister", "sports psychologist", "former Dutch prime minister". With
    ``need_head`` the role must end in a known role noun (used where the words might be
    anything); without it, any common noun modifying a name or in apposition is a role,
    since news introduces people by what they do in words no list can hold.
    """
    words = _describing_words(tokens)

    def glued(i: int) -> bool:  # "President-elect": the word after a hyphen finishing a title
        return i >= 2 and words[i - 1].text in "-\u2013" and not words[i - 1].whitespace_ and is_role_noun(words[i - 2])

    heads = [i for i, t in enumerate(words) if is_role_noun(t) or glued(i)]
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
        text = text[: len(text) - len(last.text)] + singular(last)
        return text, last.lemma_.lower()
    if one and last.tag_ == "NNPS" and last.lower_.endswith("s") and last.lower_[:-1] in ROLE_HEADS:
        return text[:-1], last.lower_[:-1]  # "U.S. Senators Thom Tillis (R-NC) and Gary Peters": a Senator each
    if len(words) >= 3 and words[-2].text in "-\u2013" and not words[-2].whitespace_ and not words[-3].whitespace_:
        return text, "".join(t.text for t in words[-3:]).lower()  # "president-elect" is not the president
    return text, last.lower_


def _describing_words(tokens: list[Token]) -> list[Token]:
    """The first run of words among ``tokens`` that can describe a person, for :func:`role_from` to cut a role from.

    Nouns, adjectives and names of bodies, joined by hyphens and "and"; determiners, people's names,
    dates and punctuation before the run are skipped, and end it after.
    """
    words: list[Token] = []
    for n, t in enumerate(tokens):
        if words and t.text in "-\u2013" and not words[-1].whitespace_ and not t.whitespace_:
            words.append(t)  # "fly-half", "co-founder"
            continue
        if words and t.lower_ in ("and", "&") and any(is_role_noun(x) for x in tokens[n + 1 : n + 4]):
            words.append(t)  # "trade and industry commissioner", "Founder & CEO"
            continue
        if not words and t.text in "-\u2013":
            continue  # a role never starts with a hyphen (the word before it is picked up below)
        if (
            (t.ent_type_ == "PERSON" and not is_role_noun(t) and t.lower_ not in ROLE_QUALIFIERS)
            or t.ent_type_ in ("DATE", "TIME")  # "Today, Congressman X": a date is no role
            or t.dep_ in ("det", "poss", "case", "punct", "cc", "predet", "nummod")
        ):
            if words:
                break
            continue
        if t.ent_type_ in ORG_LABELS and not is_role_noun(t):
            # "Liberal Democrat leader", "former Dutch prime minister": the body or
            # nationality is part of how the role is written (split_role_org takes it out);
            # so are title words the recogniser took for a body ("Shadow Home Secretary")
            if words or (t.lower_ in ROLE_QUALIFIERS and t.is_title):
                words.append(t)
            continue
        if t.head.pos_ == "VERB" and t.head.i > t.i and t.head.dep_ == "amod":
            continue  # "Coffee-loving Curry": a word leaning on a participle describes, it is no role
        if t.pos_ in ("NOUN", "PROPN", "ADJ") or t.dep_ == "amod" or (t.pos_ == "NUM" and t.text.endswith("-year-old")) or is_role_noun(t):
            words.append(t)  # (a role noun the tagger made a verb: "animal rights advocate")
        elif words:
            break
    return words


def role_of(head: Token) -> tuple[Optional[str], Optional[str]]:
    """The role written by a noun phrase headed by a role noun: its modifiers and the noun."""
    return role_from([t for t in np_tokens(head) if t.i <= head.i])


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


def _proper_forms(doc) -> frozenset[str]:
    """Words the article itself treats as names somewhere: tagged, recognised, or capitalised mid-sentence."""
    cached = doc.user_data.get("quotetrack_proper_forms")
    if cached is None:
        cached = frozenset(
            t.text
            for t in doc
            if t.is_title and (t.pos_ == "PROPN" or t.ent_type_ or not sentence_initial(t))
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
    while len(ent) > 1 and is_role_noun(ent[-1]):
        ent = ent[:-1]
    doc = ent.doc
    if ent.start >= 2 and doc[ent.start - 1].lower_ in ("of", "for") and is_role_noun(doc[ent.start - 2]):
        # "President of [Argentina Alberto Fernandez]": the title's place, run on into its holder's name
        k = holder_in(ent)
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
        or is_role_noun(head)
    ):
        return ent  # "former MTV VJ": the name of a title, not of a body
    between = ent.doc[ent.end : head.i + 1]
    if all((t.pos_ == "PROPN" and not is_role_noun(t)) or t.text in "-\u2013&" for t in between) and len(between) <= 4:
        end = head.i + 1
        doc = ent.doc
        if end + 1 < len(doc) and doc[end].lower_ in ("for", "of") and doc[end + 1].pos_ == "PROPN" and doc[end + 1].is_title:
            # "[Harvard]-Smithsonian Center for Astrophysics": the name runs on through its "for X"
            end += 1
            while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].is_title and doc[end].ent_type_ != "PERSON":
                end += 1
        return doc[ent.start : end]
    return ent


BODY_ENDINGS = frozenset("centre center institute university college group foundation society trust fund bank".split())
COMPANY_WORDS = frozenset("holdings inc inc. corp corp. corporation group ltd ltd. llc plc co co. company partners".split())


def holder_in(ent: Span) -> Optional[int]:
    """Where a person's name starts inside a place's entity the recogniser ran on into it: "[Argentina Alberto Fernandez]".

    One or two words of place, then a given name and one or two more names; no body's word, and no article
    but before a one-word chamber ("Speaker of [the House Nancy Pelosi]"; not "[the Washington Post]").
    """
    for k in (1, 2):
        rest = ent[k:]
        if (
            2 <= len(rest) <= 3
            and (ent[0].lower_ != "the" or k == 2)
            and rest[0].is_title
            and is_given_name(rest[0])
            and all(t.pos_ == "PROPN" and t.is_title for t in rest)
            and not any(t.lower_ in BODY_WORDS | BODY_ENDINGS | COMPANY_WORDS | COLLECTIVE_NOUNS for t in ent)
        ):
            return k
    return None


def org_in(tokens: list[Token], exclude: set[int]) -> Optional[str]:
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
        if ent is not None and ent.end > tokens[-1].i + 1 and ent.start <= tokens[-1].i and holder_in(ent) == tokens[-1].i + 1 - ent.start:
            # "of [Argentina Alberto Fernandez]": the recogniser ran the body on into the holder's name
            place = place or org_name(ent.doc[ent.start : tokens[-1].i + 1].text)
            continue
        if ent is not None and _shouted_place(ent):
            continue  # "WASHINGTON —": a dateline, not whom anyone works for
        if ent is not None and ent.label_ in ("ORG", "FAC") and is_role_noun(ent.root) and ent.root.lower_ not in COLLECTIVE_NOUNS:
            continue  # "the [Minister of Health]": a title the recogniser took for a body
        if ent is not None and ent.label_ in ("ORG", "FAC") and ent.text.lower() not in PARTY_ORGS:
            orgs.extend(_ranked_bodies(ent, tokens))
            continue
        if ent is not None and ent.label_ == "GPE" and t.i == ent.start:
            before_place = _body_before_place(ent, tokens)
            if before_place is not None:
                orgs.append(before_place)
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


def _ranked_bodies(ent: Span, tokens: list[Token]) -> list[tuple[int, str]]:
    """The bodies an ORG or FAC entity among a phrase's ``tokens`` names, each with its rank for :func:`org_in`.

    The employer after "at/for/with" (0) before a body inside an "of" phrase (1), and a body its
    possessor places before the body it owns (+2). None for a name suffix, a constituency or a title's words.
    """
    if ent.text.lower().strip(". ") in NAME_SUFFIXES or ent[-1].lower_ in ("district", "ward", "constituency"):
        return []  # "Jr"; "Second District" is a constituency, not a body
    if all(w.lower_ in ROLE_QUALIFIERS or w.is_punct for w in ent) and ent.end < len(ent.doc) and is_role_noun(ent.doc[ent.end]):
        return []  # "Shadow Home Secretary", "Defence Secretary": the words of a title, not a body
    employer = any(a.dep_ == "prep" and a.lower_ in ("at", "for", "with") for a in ent.root.ancestors if a.i < ent.start and a.i >= tokens[0].i)
    owned = _owned_body(ent)
    ranked: list[tuple[int, str]] = []
    if owned:
        # "a spokesman for Manchester's Trafford Centre": the possessor places the body it owns
        ranked.append((0 if employer else 1, owned))
    ranked.append(((0 if employer else 1) + (2 if owned else 0), org_name(whole_name(ent).text)))
    return ranked


def _body_before_place(ent: Span, tokens: list[Token]) -> Optional[tuple[int, str]]:
    """A body whose name ends in a country, with its rank for :func:`org_in`: "Head of Care at Diabetes UK".

    "Environment Canada": capitalised words before a country after "at/for/with/of" name a body the
    recogniser left out of its entity.
    """
    doc = ent.doc
    k = ent.start - 1
    lead: list[Token] = []
    while k >= tokens[0].i and doc[k].is_title and not doc[k].ent_type_ and doc[k].pos_ in ("NOUN", "PROPN") and not is_role_noun(doc[k]):
        lead.insert(0, doc[k])
        k -= 1
    if lead and k >= tokens[0].i and doc[k].lower_ in ("at", "for", "with", "of", "from") and not sentence_initial(lead[0]):
        return (0 if doc[k].lower_ != "of" else 1, org_name(" ".join(x.text for x in lead) + " " + ent.text))
    return None


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
    if ent.root.dep_ != "poss" or head.pos_ != "PROPN" or head.i < ent.end or is_role_noun(head) or head.ent_type_ == "PERSON":
        return None
    words = [t for t in head.lefts if t.i >= ent.end and t.dep_ == "compound" and t.pos_ == "PROPN"] + [head]
    if any(t.ent_type_ == "PERSON" or is_role_noun(t) for t in words):
        return None
    return org_name(" ".join(t.text for t in words))


def with_place(role: str, before: list[Token]) -> str:
    """ "President of Argentina Alberto Fernandez": a title's "of <place>" right before the name is part of it."""
    words = [t.lower_ for t in before]
    if "of" not in words:
        return role
    k = len(words) - 1 - words[::-1].index("of")
    place = before[k + 1 :]
    head = before[k - 1] if k >= 1 else None
    if (
        head is None
        or not is_role_noun(head)
        or not role.lower().endswith(head.lower_)
        or not place
        or not all(t.ent_type_ in ("GPE", "LOC") or (t.lower_ == "the" and n == 0) for n, t in enumerate(place))
    ):
        return role
    return f"{role} of {' '.join(t.text for t in place)}"


def role_before_comma(name_words: list[Token]) -> tuple[Optional[str], Optional[str], Optional[str]]:
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
    if host.tag_ != "NN" or not is_role_noun(host) or host.sent.start != name_words[0].sent.start:
        return None, None, None
    if not any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in host.children):
        return None, None, None  # "a mayor, John Smith, ..." may be a list
    inside = {t.i for t in host.subtree}
    if any(i not in inside for i in range(host.i, k)):
        return None, None, None
    role, role_head = appos_role(host)
    if not role:
        return None, None, None
    role = role.split(",")[0].strip()  # the of-phrase the parser ran on into the name
    left = [t for t in doc[host.left_edge.i : k]]
    role, role_org = split_role_org(role, left)
    org = org_in(left, set()) or role_org
    if org and not any(t.ent_type_ in ("ORG", "FAC") for t in left):
        org = None  # "Maine's Second District Congressman, X": a state is where, not whom, they serve
    return role, role_head, org


_PARTY_TAG = re.compile(r"\(\s*(R|D|I|Ind)\s*[-\u2013,]\s*[A-Z][A-Za-z. ]{1,20}(?:[-\u2013]?\s*\d+(?:st|nd|rd|th)?)?\s*\)")
_PARTY_LETTER = {"R": "Republican Party", "D": "Democratic Party", "I": "Independent", "Ind": "Independent"}


def party_tag(name_end: Token) -> Optional[str]:
    """The party of a "(R-Kansas)" / "(D-NH)" / "(D-CA-03)" tag right after a name."""
    text = doc_text(name_end.doc)
    m = _PARTY_TAG.match(text, name_end.idx + len(name_end.text) + (1 if text[name_end.idx + len(name_end.text) : name_end.idx + len(name_end.text) + 1] == " " else 0))
    return _PARTY_LETTER[m.group(1)] if m else None


def _role_now(a: Token) -> Optional[Token]:
    """The role noun of "<appositive> who is now <role>": "a former executive who is now CEO of X"."""
    for c in a.children:
        if c.dep_ == "relcl" and any(g.lower_ == "now" for g in c.children):
            now = [g for g in c.children if g.dep_ == "attr" and g.i > c.i and is_role_noun(g)]
            if now:
                return now[0]
    return None


def appos_role(a: Token, holder: Optional[int] = None) -> tuple[Optional[str], Optional[str]]:
    """Role of an appositive ("a spokesman for X", "head of UK equities at Y"): the noun, its modifiers and an "of" phrase."""
    now = _role_now(a)
    if now is not None:
        return appos_role(now)
    titled = a.pos_ == "PROPN" and any(c.dep_ == "amod" and c.is_lower for c in a.children)
    if a.pos_ not in ("NOUN",) and not is_role_noun(a) and not titled:
        return None, None  # "former MTV VJ" is a title; a bare proper noun is a name
    last = _hyphen_end(a)
    doc = a.doc
    left = [t for t in a.subtree if t.i <= a.i] + list(doc[a.i + 1 : last.i + 1])
    role, head = role_from(left, need_head=False)
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
            if t.tag_ == "NNS" and is_role_noun(t):
                role, head = role_from([x for x in t.subtree if x.i <= t.i and x.i > j])
                return role, head, None
        return None, None, None
    if j < len(doc) and doc[j].lower_ in ("a", "an", "the"):
        j += 1
    for t in doc[j : min(len(doc), j + 5)]:
        if t.is_punct and t.text not in "-\u2013" or "\n" in t.whitespace_:
            break
        if t.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "PUNCT"):
            break  # "Tri Rismaharini, comforted relatives": a verb, not an appositive
        if t.tag_ == "NN" and is_role_noun(t) and not (t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "NOUN"):
            role, head = appos_role(t)
            if role:
                sub = [x for x in t.subtree if x.i >= t.i]
                return role, head, org_in(sub, set()) or appos_org(t)
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


def proper_object(prep: Token) -> Optional[str]:
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


def appos_org(a: Token) -> Optional[str]:
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
    heads = [a, last] + [c for c in a.children if c.dep_ == "conj" and is_role_noun(c) or c.dep_ == "conj" and c.is_title]
    preps = [c for h in dict.fromkeys(heads) for c in h.children if c.dep_ == "prep" and c.lower_ in ("of", "at", "for", "with")]
    # the employer ("Head of Care at Diabetes UK") before what the title is "of"
    preps.sort(key=lambda c: c.lower_ == "of")
    for c in preps:
        # "a representative for the LA Sheriff's office": also a name the recogniser missed
        body = _named_body(c) or proper_object(c)
        if body and is_body(body):
            return body
    return None
