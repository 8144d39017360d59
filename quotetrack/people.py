"""Who a speaker phrase says the speaker is: :func:`describe` and the :class:`Mention` it returns.

:func:`describe` reads a speaker noun phrase from the parse ("Armenian Foreign Minister Ararat
Mirzoyan", "Neil O'Brien, director of Vote No", "Google's spokesman", "the minister", "he") into a
:class:`Mention`: a name if there is one, a role, an organisation, a type. Each of its steps is a
function below. The words it reads come from :mod:`quotetrack.naming` (where the name is, whether it
is a person's) and :mod:`quotetrack.roles` (roles and bodies); resolving a mention to the person the
article named earlier is :class:`quotetrack.cast.Cast`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Span, Token

from .cast import Cast
from .lexicon import (
    ABBREVIATED_TITLES,
    BODY_WORDS,
    COLLECTIVE_NOUNS,
    COUNTRIES,
    DOCUMENT_NOUNS,
    HONORIFICS,
    INSTITUTION_NOUNS,
    KEPT_TITLES,
    NAME_PARTICLES,
    OUTLET_NOUNS,
    PARTY_ORGS,
    PERSON_PRONOUNS,
    PERSONAL_ROLES,
    REGNAL_TITLES,
    ROLE_HEADS,
    ROLE_QUALIFIERS,
)
from .names import clean_name, honorific_gender, is_body, is_own_name, is_suffix, name_gender, org_name
from .naming import (
    after_inverted_cue,
    cut_from_place,
    inverted_cue,
    member_of_body,
    name_end,
    name_run,
    not_a_person,
    pick_head,
    reads_as_a_name,
    split_role,
    tagged_member,
)
from .parse import ORG_LABELS, doc_text, entity_of, in_brackets, is_plural_title, is_role_noun, np_tokens
from .roles import (
    BODY_ENDINGS,
    COMPANY_WORDS,
    appos_org,
    appos_role,
    org_in,
    party_tag,
    proper_object,
    role_before_comma,
    role_from,
    singular,
    split_role_org,
    with_place,
)

_AUTHORING_VERBS = frozenset("sign write issue release publish send draft author pen prepare deliver post".split())
#: verbs whose subject or agent made a study or report ("The study was conducted by X", "X produced a report")
_RESEARCH_VERBS = frozenset("conduct commission produce compile file submit unveil present".split())
_AGENTIVE = re.compile(r"(?:ist|er|or|ian|ant|ent|ee|ess|man|woman|ive)$")


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


@dataclass
class _NamePhrase:
    """A speaker phrase that gives a name, cut up the way the name steps of :func:`describe` read it."""

    head: Token  # the phrase's head
    name_head: Token  # the word the name ends at: the head, or a name in apposition to it
    tokens: list[Token]  # the phrase's words
    text: str  # the phrase as written
    run: list[Token]  # the proper nouns ending at name_head, title and all ("Patrol Chief James Hall")
    role_words: list[Token]  # the title part of the run ("Patrol Chief")
    name_words: list[Token]  # the name part of the run ("James Hall")
    honor: str  # an honorific or kept title before the name ("Mr", "Lord"), else ""
    raw: str  # the name as written, hyphens joined, a kept title in front
    name: str  # the name cleaned: no honorific, no possessive


def describe(head: Token, known: Optional[Cast] = None) -> Mention:
    """Read the speaker noun phrase headed by ``head`` into a :class:`Mention`.

    First the words that stand for another phrase (a relative "who", a pronoun, a sentence-opening
    "Said"); then the name, if the phrase gives one and it is a person's; else what the head noun
    makes of the speaker (a body, a document, a title, an unnamed source). ``known`` is the article's
    cast so far: a name it holds is a person's, whatever the entity recogniser says.
    """
    head = _before_party_tag(_antecedent(head))
    low = head.lower_
    stand_in = _stand_in(head, known)
    if stand_in is not None:
        return stand_in
    head = pick_head(head)
    tokens = np_tokens(head)
    text = head.doc[tokens[0].i : tokens[-1].i + 1].text.strip(" ,\"“”") if tokens else head.text
    phrase = _name_phrase(head, tokens, text, known)
    if phrase is not None and _is_person(phrase, known):
        body = _body_read_as_person(phrase, known)
        return body if body is not None else _person(phrase)
    return _without_name(head, low, tokens, text, known)


# --- words that stand for the speaker phrase -------------------------------------------------


def _before_party_tag(head: Token) -> Token:
    """The name a "(D-MD)" tag follows, when the parser made the tag the phrase's head ("said Congressman C.A.
    Dutch Ruppersberger (D-MD) who ...": the subject is "MD")."""
    doc = head.doc
    k = head.i
    while k > 0 and doc[k].text != "(" and head.i - k < 6:
        k -= 1
    if k > 0 and doc[k].text == "(" and k < head.i and doc[k - 1].pos_ == "PROPN" and party_tag(doc[k - 1]):
        return doc[k - 1]
    return head


def _antecedent(head: Token) -> Token:
    """The antecedent of a relative pronoun ("X, who said"): the relative clause's speaker is X."""
    if head.lower_ in ("who", "which", "that") and head.head.dep_ == "relcl":
        return head.head.head
    return head


def _stand_in(head: Token, known: Optional[Cast]) -> Optional[Mention]:
    """The mention when ``head`` is not the phrase to read but stands for it (None when it is the phrase).

    A pronoun is resolved later, across sentences. A sentence-opening "Said" and a body's name hyphened
    on to a title lead to the phrase after them; a surname the article has named stays that name even
    when the tagger makes it a common noun.
    """
    low = head.lower_
    if head.pos_ == "PRON" or low in PERSON_PRONOUNS or low in ("they", "we", "it", "i"):
        return Mention(text=head.text, kind="pronoun", gender=PERSON_PRONOUNS.get(low))
    if inverted_cue(head):
        # 'Said the minister: "..."': the verb opening the sentence stands for the speaker after it
        spoken_by = after_inverted_cue(head)
        if spoken_by is not None:
            return describe(spoken_by, known)
        return Mention(text=head.text, kind="unnamed")
    named = _name_past_hyphen(head)
    if named is not None:
        return describe(named, known)
    if head.pos_ == "NOUN" and head.is_title and known is not None and known.knows(head.text):
        # "Fallows remarked": the small models tag a known surname as a plural noun
        return Mention(text=head.text, kind="name", name=head.text)
    return None


def _name_past_hyphen(head: Token) -> Optional[Token]:
    """The end of the name a hyphened proper noun runs on to, if the parser made that noun the subject.

    "African Export[–]Import Bank president Okey Oramah said", parsed with "Export" as the subject:
    the phrase runs on to the person it names.
    """
    doc = head.doc
    if head.pos_ == "PROPN" and head.i + 2 < len(doc) and doc[head.i + 1].text in "-\u2013" and not head.whitespace_:
        j = head.i + 1
        while j < min(len(doc), head.i + 8) and doc[j].ent_type_ != "PERSON" and (
            doc[j].pos_ in ("PROPN", "NOUN") or doc[j].text in "-\u2013"
        ):
            j += 1
        if j < len(doc) and doc[j].ent_type_ == "PERSON" and doc[j].ent_iob_ == "B":
            return name_end(doc[j])
    return None


# --- the name, and whether it is a person's --------------------------------------------------


def _name_phrase(head: Token, tokens: list[Token], text: str, known: Optional[Cast]) -> Optional[_NamePhrase]:
    """The name the phrase gives, cut from the title before it; None if the phrase gives none.

    The name ends at the head, or at a name in apposition to a common-noun head ("the club's manager,
    Alex Ferguson"). A lone title word the article has already used as a name is that name.
    """
    name_head = head
    if head.pos_ != "PROPN" and head.ent_type_ != "PERSON":
        # "the club's manager, Alex Ferguson": an appositive name; a person's before a body's in brackets
        # ("The secretary general of CEI (Italian Episcopal Conference), Nunzio Galantino")
        names = [a for a in head.children if a.dep_ == "appos" and (a.pos_ == "PROPN" or a.ent_type_ == "PERSON")]
        names.sort(key=lambda a: (in_brackets(a), a.ent_type_ != "PERSON"))
        if names:
            name_head = names[0]
    run = name_run(name_head)
    role_words, name_words = split_role(run)
    if (
        not name_words
        and len(run) == 1
        and run[0].is_title
        and (run[0].ent_type_ == "PERSON" or not any(c.dep_ in ("det", "poss") for c in run[0].children))
        and known is not None
        and known.knows(run[0].text)
    ):
        # "Dean, a medical doctor," once the article has named Howard Dean; "King wrote" after Martin Luther King Jr.
        role_words, name_words = [], run
    if not name_words:
        return None
    honor, raw, name = _name_text(name_words, role_words)
    if not any(c.isupper() for c in name):
        return None  # "hay muchos" (a foreign phrase the tagger took for proper nouns) names nobody
    return _NamePhrase(head, name_head, tokens, text, run, role_words, name_words, honor, raw, name)


def _name_text(name_words: list[Token], role_words: list[Token]) -> tuple[str, str, str]:
    """The honorific before a name, the name as written, and the name cleaned.

    An honorific only tells the gender, but a kept title is part of the name ("Lord Callaghan") and a
    regnal title is how its holder is known ("Pope Francis").
    """
    doc = name_words[0].doc
    prev = doc[name_words[0].i - 1] if name_words[0].i > 0 else None
    honor = prev.text if prev is not None and prev.lower_.rstrip(".") in HONORIFICS | KEPT_TITLES else ""
    if not honor and len(name_words) > 1 and name_words[0].lower_.rstrip(".") in HONORIFICS:
        honor = name_words[0].text  # "On tape Mr Livingstone": the tagger ran "Mr" into the name
    raw = " ".join(t.text for t in [*name_words, *_suffix_after(name_words[-1])])
    raw = re.sub(r"\s*([-\u2013])\s*", r"\1", raw) if any(t.text in "-\u2013" and not t.whitespace_ for t in name_words) else raw
    if honor and honor.lower().rstrip(".") in KEPT_TITLES and not raw.lower().startswith(honor.lower()):
        raw = f"{honor} {raw}"
    name = clean_name(raw)
    if name and re.fullmatch(r"\S+(?: [IVX]+)?", name) and role_words and role_words[-1].lower_ in REGNAL_TITLES:
        name = f"{role_words[-1].text} {name}"  # "Pope Francis", "King Charles": known by the title
    return honor, raw, name


def _suffix_after(last: Token) -> list[Token]:
    """The "Jr." the parser left out of the name ending at ``last`` ("Sanford D. Bishop, Jr. (GA-02)"):
    part of the fullest form of the name, the one the article introduced the person with."""
    doc = last.doc
    k = last.i + 1
    if k < len(doc) and doc[k].text == ",":
        k += 1
    if is_suffix(last.text) or k >= len(doc) or not is_suffix(doc[k].text) or doc[k].is_lower:
        return []
    if k + 1 < len(doc) and doc[k + 1].pos_ == "PROPN" and doc[k + 1].is_title:
        return []  # "Bishop, Jr. High School": the suffix starts another name
    return [doc[k]]


def _is_person(p: _NamePhrase, known: Optional[Cast]) -> bool:
    """Whether the name is a person's, whatever the entity recogniser tagged it.

    A name in apposition to a person's role is one. Otherwise any sign of a person will do (see
    :func:`_signs_of_a_person`), except that a name opening a body's entity that runs on past it needs
    a PERSON tag or a member's or legislator's marks of its own.
    """
    if not p.name:
        return False
    if p.name_head.i != p.head.i and is_role_noun(p.head) and p.head.tag_ == "NN" and reads_as_a_name(p.name_words, p.head):
        # "The current president of Namibia, Hage Geingob,": a name in apposition to a person's
        # role is a person, whatever the recogniser made of it
        return True
    if not _signs_of_a_person(p, known):
        return False
    words = p.name_words
    if (
        words[0].ent_type_ in ORG_LABELS
        and words[0].ent_iob_ == "B"  # (not a name cut out of a body's entity: "of [Argentina Alberto X]")
        and len(words) == len(p.run)
        and not p.honor
    ):
        ent = entity_of(words[0], ORG_LABELS)
        if ent is not None and ent.end > p.name_head.i and not (known is not None and known.knows(p.name)):
            return (
                any(t.ent_type_ == "PERSON" for t in words)
                or member_of_body(words)
                or tagged_member(words)
                or _titled(words)
                or _role_in_apposition(p.name_head)
            )
    return True


#: roles a company holds as much as a person ("Acme, the owner of the site")
_BODY_ROLES = frozenset("owner operator sponsor partner broadcaster publisher developer maker provider".split())


def _role_in_apposition(name_head: Token) -> bool:
    """A person's role in apposition after the name: "Jean-Claude Juncker, President of the European
    Commission, said" (the recogniser tagged the name a body); not a place ("in San Jose, California the GOP
    candidate went": the parser's apposition)."""
    if entity_of(name_head, ("GPE", "LOC", "NORP", "FAC")) is not None:
        return False
    return any(
        c.dep_ == "appos"
        and c.i > name_head.i
        and is_role_noun(c)
        and c.tag_ in ("NN", "NNP")
        and c.lemma_.lower() not in _BODY_ROLES | COLLECTIVE_NOUNS
        for c in name_head.children
    )


def _titled(words: list[Token]) -> bool:
    """A person's title in lower case right before a full name, hung on it: "Fox News host [Sean Hannity]",
    whatever the entity recogniser made of the name (it tagged this one a body)."""
    first = words[0]
    if len(words) < 2 or first.i == 0:
        return False
    prev = first.doc[first.i - 1]
    return prev.is_lower and prev.pos_ == "NOUN" and is_role_noun(prev) and prev.head in words


def _signs_of_a_person(p: _NamePhrase, known: Optional[Cast]) -> bool:
    """Whether anything marks the name as a person's: a PERSON tag, an honorific, a title, the cast, no
    body's tag at all, "X of <body>", a legislator's district tag, a particle ("von der Leyen")."""
    words = p.name_words
    return (
        any(t.ent_type_ == "PERSON" for t in words)
        or bool(p.honor)
        or bool(p.role_words)
        or _titled(words)
        or (known is not None and known.knows(p.name))
        or not any(t.ent_type_ in ORG_LABELS for t in words)
        or member_of_body(words)
        or tagged_member(words)
        or _role_in_apposition(p.name_head)
        or (len(words) > 1 and words[0].is_lower and words[0].lower_ in NAME_PARTICLES)
        # a given name inside a body the recogniser ran on from a place: "President of [Argentina Alberto X]"
        or (len(words) > 1 and words[0].ent_iob_ == "I" and cut_from_place(words[0]))
    )


def _body_read_as_person(p: _NamePhrase, known: Optional[Cast]) -> Optional[Mention]:
    """The body's mention when a name taken for a person's is a body's after all; None when it is a person's.

    A body's word at the end ("Toronto Police"), a country, a place, club or outlet: without an
    honorific or a title to make them a person, and not a name the article gave a person.
    """
    words, name, text = p.name_words, p.name, p.text
    if words[-1].lower_ in BODY_WORDS | COMPANY_WORDS and not p.honor and not any(t.ent_type_ == "PERSON" for t in words):
        # "Toronto Police, which indicated ...", "Acme Corp said": a body's name, whatever the recogniser missed
        return Mention(text=text, kind="org", name=name, org=name)
    if name in COUNTRIES and not p.honor and not p.role_words:
        # "Azerbaijan says ...": the recogniser's PERSON is a country speaking for itself
        return Mention(text=text, kind="org", name=name, org=None)
    if not p.honor and not p.role_words and not (known is not None and known.knows(name)):
        # "Ont. said", "Manchester United said", "Politico reported": a place, a club or an outlet
        # the recogniser took for a person; a place speaks for itself, a club or outlet is its own body
        body = not_a_person(words, name)
        if body is not None:
            return Mention(text=text, kind="org", name=body[0], org=None if body[1] else body[0])
    return None


# --- a named person's gender, role and organisation ------------------------------------------


def _person(p: _NamePhrase) -> Mention:
    """The named person's mention: their gender, and the role and organisation the phrase gives them.

    The role is looked for, each place only if the ones before gave none: in the words before the
    name, in the phrase the name stands in apposition to, in "the <role>, <Name>," however parsed, in a
    lower-case noun just before the name, after the name, and last in an abbreviated title ("Rep.").
    A party tag after the name ("(R-Kansas)") gives the organisation over any other.
    """
    words = p.name_words
    first = p.name.split(" ", 1)[0]
    gender = honorific_gender(p.honor or p.raw) or (name_gender(first) if " " in p.name else None)
    pset = {t.i for t in words}
    before = _words_before(p.tokens, words)
    role, role_head, org = _role_before(before, p.honor, words, pset)
    host = _role_host(p.name_head) if not role else None
    if host is not None:
        role, role_head, left = _host_role(host)
        org = org or org_in(left, pset)
        role, role_org = split_role_org(role, left)
        org = org or role_org
    if not role:
        # "The mayor of Surabaya, Tri Rismaharini, comforted ...", whatever the parser made of it
        role, role_head, lead_org = role_before_comma(words)
        org = org or lead_org
    if not role and words[0].i > 0 and any(t.ent_type_ == "PERSON" for t in words):
        introduced = _lower_case_role(words)
        if introduced is not None:
            role, role_head = introduced
    role, role_head, org = _role_org_after(p, pset, role, role_head, org)
    if not role and p.role_words:
        role, role_head = _abbreviated_title(p.role_words)
    if not role:
        role, role_head, listed_org = _shared_plural_title(words[0])
        org = org or listed_org
    party = party_tag(words[-1])
    if party:
        org = party  # "Ron Estes (R-Kansas)": US party and state notation
    if (
        role_head in COLLECTIVE_NOUNS
        and role_head not in ROLE_HEADS
        and not p.honor
        and not p.role_words
        and name_gender(words[0].text) is None  # "Jane Doe, a publisher" is a person
    ):
        # "Munich Re, the world's biggest reinsurer, said": a body the recogniser took for a person
        return Mention(text=p.text, kind="org", name=p.name, org=p.name)
    if org in COUNTRIES and ((role_head or "") in PERSONAL_ROLES or any(t.lower_ in PERSONAL_ROLES for t in before)):
        org = None  # "a Turkish national", "Afghan-born journalist": who they are, not whom they serve
    return Mention(text=p.text, kind="name", name=p.name, role=role, org=org, gender=gender, role_head=role_head)


def _shared_plural_title(first_word: Token) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """The title (and body) a plural gives each name it lists: "Senators Amy Klobuchar (D-MN) and John Thune
    (R-SD)", "Reps. A, B and C", "NASA astronauts Bob Behnken and Doug Hurley" make Thune a Senator, C a
    Representative and Hurley a NASA astronaut too.

    Walks back over the names, commas, "and" and bracketed party tags before the name (the parser
    hangs such lists together in too many ways to follow its tree) to the title opening the list."""
    doc = first_word.doc
    k, listed = first_word.i - 1, False
    while k >= 0 and first_word.i - k < 60:
        t = doc[k]
        if t.text == ")":
            while k >= 0 and doc[k].text != "(":
                k -= 1
        elif t.text in (",", "and", "&"):
            listed = True
        elif not (t.pos_ == "PROPN" and not is_role_noun(t) and not is_plural_title(t)):
            break
        k -= 1
    if k < 0 or not listed or doc[k + 1].pos_ != "PROPN":
        return None, None, None  # (not "According to police and county officials, Zhukovskyy was ...": no list of names)
    title = doc[k - 1] if doc[k].text == "." and k > 0 else doc[k]  # "Reps." split from its point
    if not title.text[:1].isupper() or not is_plural_title(title):
        # a formal title only: "fellow comedy stars Victoria Wood and David Jason" describe, the article's
        # own title for Jason comes later (the parse-based rule in the article context covers the rest)
        return None, None, None
    first = describe(name_end(doc[k + 1]))
    if first.kind == "name" and first.role:
        return first.role, first.role_head, first.org  # the first listed, as the title and its body made them
    low = title.lower_.rstrip(".")
    if low in ("reps", "sens"):
        return ABBREVIATED_TITLES[low], ABBREVIATED_TITLES[low].lower(), None
    one = singular(title) if title.lemma_.lower() != low else title.text.rstrip(".")[:-1]  # "Astronauts", a PROPN
    return one, one.lower(), None


def _words_before(tokens: list[Token], name_words: list[Token]) -> list[Token]:
    """The phrase's words before the name, from after the last dash: a dateline before it is no body."""
    before = [t for t in tokens if t.i < name_words[0].i]
    dashes = [
        k
        for k, t in enumerate(before)
        if (t.text in ("-", "--", "\u2013", "\u2014") and t.whitespace_) or t.text in ("--", "\u2014")
    ]
    if dashes:
        before = before[dashes[-1] + 1 :]  # "WASHINGTON \u2013 Congressman X": a dateline, not a body
    return before


def _role_before(
    before: list[Token], honor: str, name_words: list[Token], pset: set[int]
) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """Role, role head and organisation from the words before the name ("Spurs boss", "Foreign Minister").

    After an honorific only a true title counts ("On tape Mr Livingstone" has no role "tape"), or a
    word made to name a person ("archaeologist Dr. Naomi X"). A capitalised body leading a lower-case
    role is the organisation ("Environment Canada spokeswoman"), as is a title's place ("of Argentina").
    """
    role, role_head = role_from(before, need_head=bool(honor))
    if role is None and honor:
        # "archaeologist Dr. Naomi X": a word made to name a person still is a role ("On tape Mr X" is not)
        role, role_head = role_from(before, need_head=False)
        if role and not _AGENTIVE.search(role_head or ""):
            role, role_head = None, None
    org = org_in(before, pset)
    role, role_org = split_role_org(role, before)
    if org and role_org and org != role_org and set(org.split()) < set(role_org.split()):
        org = role_org  # "Environment Canada spokeswoman": the body's whole name, not the place in it
    org = org or role_org
    lead = before[:-1] if before and before[-1].text == "," else before
    if role and lead and lead[-1].i + 1 + (len(before) - len(lead)) == name_words[0].i:
        role = with_place(role, lead)  # "President of Argentina X", "The mayor of London, X,"
    if org is None and role:
        org = _body_before_role(before)
    return role, role_head, org


def _body_before_role(before: list[Token]) -> Optional[str]:
    """The body named by the proper nouns leading up to a lower-case role word, whatever their tags.

    "Manchester United manager Sir Alex Ferguson" with the club tagged as a person.
    """
    lead = []
    for t in before:
        if t.pos_ != "PROPN" or is_role_noun(t) or t.lower_.rstrip(".") in HONORIFICS:
            break
        lead.append(t)
    if lead and len(lead) < len(before) and is_role_noun(before[len(lead)]) and before[len(lead)].is_lower:
        return org_name(" ".join(t.text for t in lead))
    return None


def _role_host(name_head: Token) -> Optional[Token]:
    """The noun the name stands in apposition to, in the same paragraph, if it can give a role.

    "the former Dutch prime minister Wim Kok", "the club's manager, Alex Ferguson", "fellow comedy stars
    Victoria Wood and ...".
    """
    host = name_head.head
    if (
        name_head.dep_ == "appos"
        and host.i < name_head.i
        and (host.pos_ == "NOUN" or (host.pos_ == "PROPN" and is_role_noun(host)))
        and "\n" not in doc_text(name_head.doc)[host.idx : name_head.idx]
    ):
        return host
    return None


def _host_role(host: Token) -> tuple[Optional[str], Optional[str], list[Token]]:
    """The role the phrase a name stands in apposition to gives, and that phrase's words before its head.

    A plural role gives each person its singular; a formal title capitalised throughout is one role; a
    role's own "of" phrase is part of it; "his predecessor as X" was X.
    """
    left = [t for t in host.subtree if t.i <= host.i and t.lower_ != "fellow"]
    role, role_head = role_from(left, need_head=False)
    title = _formal_title(host)
    if host.pos_ == "PROPN" and len(title) > 1:
        # "Cabinet Secretary, Lord Armstrong": a formal title, capitalised throughout, is one
        # role ("former Vice President ..., Joe Biden": with its "former")
        former = [t for t in host.children if t.dep_ == "amod" and t.lower_ in ("former", "acting", "interim", "outgoing")]
        role, role_head = " ".join(t.text for t in former[:1] + title), host.lower_
        left = [t for t in left if t not in title]
    if role and host.tag_ == "NN" and is_role_noun(host):
        # "The mayor of Surabaya, Tri Rismaharini": the role's own "of" phrase too
        with_of, of_head = appos_role(host)
        if with_of:
            role, role_head = with_of, of_head
    if role and host.tag_ == "NNS" and role.endswith(host.text):
        role = role[: len(role) - len(host.text)] + singular(host)  # "Senators X and Y": each a "Senator"
        role_head = host.lemma_.lower()
    if role and host.dep_ == "pobj" and host.head.lower_ == "as" and host.head.head.lemma_.lower() == "predecessor":
        role = "former " + role  # "his predecessor as Cabinet Secretary, Lord Armstrong"
    return role, role_head, left


def _formal_title(host: Token) -> list[Token]:
    """``host`` with the capitalised title words compounded before it ("Cabinet Secretary", "Vice President")."""
    doc = host.doc
    title = [host]
    while title[0].i > 0:
        t = doc[title[0].i - 1]
        if not (t.dep_ == "compound" and t.is_title and t.head == host and (t.lower_ in ROLE_QUALIFIERS or is_role_noun(t))):
            break
        title.insert(0, t)
    return title


def _lower_case_role(name_words: list[Token]) -> Optional[tuple[Optional[str], Optional[str]]]:
    """Role and head from the lower-case nouns right before a person's name, if they end in a role noun.

    "Only Fools and Horses star David Jason", whatever the parser made of it: a lower-case noun right
    before a person's name is how news introduces them. None when there is no such noun.
    """
    doc = name_words[0].doc
    k = name_words[0].i - 1
    start = name_words[0].sent.start
    words = []
    while k >= start and len(words) < 3 and doc[k].is_lower and (doc[k].pos_ in ("NOUN", "ADJ") or is_role_noun(doc[k])):
        words.insert(0, doc[k])
        k -= 1
    words = [t for t in words if t.lower_ != "fellow"]
    if words and is_role_noun(words[-1]):
        return role_from(words, need_head=True)
    return None


def _role_org_after(
    p: _NamePhrase, pset: set[int], role: Optional[str], role_head: Optional[str], org: Optional[str]
) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """Role and organisation filled in from what follows the name, where the words before it gave none.

    An appositive set off by a comma or bracket ("Neil O'Brien, director of Vote No"), or "of/at/for/
    with/from X" ("during the Lions' loss" names no employer); for a name in apposition to the head,
    the head's own phrase too.
    """
    name_head, head, tokens = p.name_head, p.head, p.tokens
    doc = head.doc
    after = [
        c
        for c in name_head.children
        if c.i > name_head.i
        and (c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ in ("of", "at", "for", "with", "from")))
    ]
    if name_head.i != head.i:
        after += [c for c in head.children if c.dep_ in ("prep",)]
        r, rh = role_from([t for t in tokens if t.i <= head.i and t.i not in pset])
        role, role_head = role or r, role_head or rh
    set_off = name_head.i + 1 < len(doc) and doc[name_head.i + 1].text in (",", "(", "\u2014", "\u2013", "-")
    for a in after:
        sub = [t for t in a.subtree if t in tokens]
        if a.dep_ == "appos" and not set_off:
            continue  # "Henson heroics": not an appositive without its comma
        if a.dep_ == "appos" and not role:
            role, role_head = appos_role(a)
        if org is None:
            org = org_in(sub, pset) or (appos_org(a) if a.dep_ == "appos" else proper_object(a))
    return role, role_head, org


def _abbreviated_title(role_words: list[Token]) -> tuple[str, str]:
    """The role a title before the name gives when nothing else did: "Rep. Ron Estes", "Sen. Ann Lee".

    An abbreviation is written out ("Representative") and a plural made singular ("Senators Thom
    Tillis and Gary Peters": a Senator each).
    """
    words = "".join(t.whitespace_ if t.text == "." else t.text_with_ws for t in role_words).split()
    if words and words[-1].lower().endswith("s") and words[-1].lower()[:-1] in ROLE_HEADS:
        words[-1] = words[-1][:-1]  # "Senators Thom Tillis and Gary Peters": a Senator each
    full = ABBREVIATED_TITLES.get(words[-1].lower().rstrip(".")) if words else None
    if full:
        words = words[:-1] + full.split()
        if len(words) > 1 and words[-2].lower().rstrip(".") == "lt":
            words = words[:-2] + ["Lieutenant", words[-1]]
    return " ".join(words), (full or words[-1].rstrip(".")).lower().split()[-1]


# --- a phrase that names no person -----------------------------------------------------------


def _without_name(head: Token, low: str, tokens: list[Token], text: str, known: Optional[Cast]) -> Mention:
    """The mention of a phrase that names no person: what its head noun makes of the speaker.

    A body's entity speaks for itself (or leads to its officer); "part of X" is X; then an outlet,
    a document, "the Biden campaign", a title ("the minister"), a collective noun; else an unnamed
    source. ``low`` is the head word before :func:`pick_head` chose among its conjuncts.
    """
    ent = entity_of(head, ("ORG", "GPE", "NORP"))
    if ent is not None and head.lower_ not in ROLE_HEADS:
        return _entity_speaker(head, ent, text, known)
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
        return _document(head, lemma, text, known)
    definite = any(t.dep_ in ("det", "poss") and t.lower_ in ("the", "this", "that", "its") for t in head.children)
    owner = [c for c in head.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < head.i]
    if lemma in COLLECTIVE_NOUNS and lemma not in INSTITUTION_NOUNS and owner and head.tag_ == "NN" and definite:
        # "The Biden campaign", "the Trump administration": a body named by whose it is
        name = " ".join([t.text for t in owner] + [head.text])
        return Mention(text=text, kind="org", name=name, org=name, role_head=lemma)
    if lemma in OUTLET_NOUNS or (lemma in COLLECTIVE_NOUNS and definite and not org_in(tokens, set())):
        # "the paper said", "the airline said": the body named just before
        return Mention(text=text, kind="body", role_head=lemma)
    if is_role_noun(head) and head.tag_ != "NNS":
        who = _title_and_name(head, low, tokens, text, known)
        if who is not None:
            return who
    if is_role_noun(head):
        return _title(head, low, tokens, text)
    if lemma in COLLECTIVE_NOUNS:
        org = org_in(tokens, set())
        return Mention(text=text, kind="org", name=org or None, role_head=lemma)
    return Mention(text=text, kind="unnamed")


def _entity_speaker(head: Token, ent: Span, text: str, known: Optional[Cast]) -> Mention:
    """The mention of a phrase headed by a body's, place's or people's entity.

    Its officer or the person in apposition to it speaks if the phrase names one ("A Republican, Tom
    Baker, said"); else a body speaks for itself (org = its name), and a country or people belongs to
    no body.
    """
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
    party = PARTY_ORGS.get(head.lower_)
    if party and head.tag_ in ("NNP", "NN") and any(c.dep_ == "det" and c.lower_ in ("a", "an", "the", "another", "one") for c in head.children):
        # "a South Carolina Republican said", "the New Hampshire Democrat": a member, not the party
        return Mention(text=text, kind="title", role=None, org=party, role_head=head.lower_)
    # a body speaks for itself (org = its name); a country or people does not belong to one
    name = org_name(ent.text)
    # ("Toronto Police" tagged as the city is still a body)
    body = ent.label_ == "ORG" or name.split()[-1].lower() in BODY_WORDS
    return Mention(text=text, kind="org", name=name, org=name if body else None)


def _officer_of(head: Token, ent: Span) -> Optional[Mention]:
    """The named officer of a body the parser made the subject: "University of X, Y's chancellor, Ann Lee".

    The small models join "Y's chancellor" to the body as a conjunct; the name in
    apposition to the role is the speaker, the body (with the campus "Y" after its comma) the org.
    """
    for c in head.children:
        if c.dep_ not in ("conj", "appos") or c.i < ent.end or not is_role_noun(c) or c.tag_ != "NN":
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


def _document(head: Token, lemma: str, text: str, known: Optional[Cast]) -> Mention:
    """A document speaking ("the report said"), with its author where the phrase names one.

    The author is the first owner that names someone (or a gendered pronoun); failing that, ``ref``
    keeps how the phrase points back to an owner named earlier (a body's "its", a title).
    """
    author = None
    ref = None
    for t in _document_owners(head):
        if t.ent_type_ in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
            continue  # "Friday's editorial", "a June email": when, not whose
        sub = describe(t, known)
        if (sub.kind in ("name", "org") and sub.name) or (sub.kind == "pronoun" and sub.gender):
            author = sub  # "his report said": whoever "his" is
            break
        if sub.kind == "pronoun" and t.lower_ in ("its", "their", "it", "they"):
            ref = ref or "it"  # "Their statement also read", "They released a statement which said": the body just named
        elif sub.kind == "title" and sub.role_head:
            ref = ref or sub.role_head  # "the judge's statement reads": the judge the article named
    m = Mention(text=text, kind="document", role_head=lemma, ref=ref)
    if author is not None:
        m.name = author.name
        m.gender = author.gender if author.kind == "pronoun" else None
        m.org = author.name if author.kind == "org" else None
    return m


def _document_owners(head: Token) -> list[Token]:
    """The words that may name a document's author: its possessor or compound, "of/by X", "signed by X",
    and who made it in the clause around it: "The study was conducted by X", "X released a statement"."""
    owners = [c for c in head.children if c.dep_ in ("compound", "poss", "nmod")]
    verb = head.head
    if any(c.dep_ == "prep" and c.lower_ in ("from", "by") for c in head.children):
        pass  # "He released a letter from his doctor": the letter says whose it is
    elif head.dep_ == "nsubjpass" and verb.lemma_.lower() in _AUTHORING_VERBS | _RESEARCH_VERBS:
        owners += [g for a in verb.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
    elif head.dep_ == "dobj" and verb.lemma_.lower() in _AUTHORING_VERBS | _RESEARCH_VERBS:
        owners += [c for c in verb.children if c.dep_ == "nsubj"]
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
    return owners


def _title_and_name(head: Token, low: str, tokens: list[Token], text: str, known: Optional[Cast]) -> Optional[Mention]:
    """The named person a phrase headed by a title ends in, with that title as their role; None if none.

    "Former US Ambassador to the United Nations Nikki Haley", "The then-manager of X and Director of
    Y, David Clay": the phrase ends in the person's name.
    """
    named = _name_after_title(head, tokens)
    if not named or _principal(head, named[-1]):
        return None
    who = describe(name_end(named[-1]), known)
    if who.kind == "org" and who.name and named[-1].ent_type_ != "PERSON":
        who = Mention(text=who.text, kind="name", name=who.name)
    if who.kind == "name" and who.name:
        lead = [t for t in tokens if t.i < named[-1].i and t.text not in (",",)]
        r, rh = appos_role(head, holder=named[-1].i)
        if not who.role:
            who.role, who.role_head = r or head.text, rh or low
        if not who.org:
            who.org = org_in(lead, set()) or appos_org(head)
        who.text = text
        return who
    return None


#: people who speak for someone else: "a spokesman for Governor X" is not X
_AGENT_ROLES = frozenset(
    "spokesman spokeswoman spokesperson aide adviser advisor lawyer attorney counsel assistant agent".split()
)


def _principal(head: Token, name: Token) -> bool:
    """Whether ``name`` is whom the agent ``head`` works for: "A spokesman for Governor Tom Hart", "an aide
    to Senator X", "a lawyer for Y", but not the agent's own name given after a comma ("a spokesman for the
    Kremlin, Dmitry Peskov")."""
    if head.lemma_.lower() not in _AGENT_ROLES:
        return False
    preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ in ("for", "to", "of")]
    inside = any(p.left_edge.i <= name.i <= p.right_edge.i for p in preps)
    after_comma = name.i > 0 and name.doc[name.i - 1].text == ","
    return inside and not after_comma


def _name_after_title(head: Token, tokens: list[Token]) -> list[Token]:
    """Where a name starts after the title heading the phrase: a PERSON entity, else a name in
    apposition that reads as one, else a first name and surname the recogniser ran into a body."""
    doc = head.doc
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
        and reads_as_a_name([t for t in appos[0].subtree if t.pos_ == "PROPN"], head)
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
        and tail[1].lower_ not in BODY_WORDS | BODY_ENDINGS
        and name_gender(tail[0].text) is not None
    ):
        # "Former US Ambassador to [the United Nations Nikki Haley]": a first name and surname
        # the recogniser ran into the body before them
        named = [tail[0]]
    return named


def _title(head: Token, low: str, tokens: list[Token], text: str) -> Mention:
    """A speaker known by a title ("the minister", "a spokesman for Acme", "NYPD officers").

    Definite titles ("the minister") may refer back to a person named earlier; indefinite ones and
    bare titles with a body are unnamed sources. A group keeps its plural.
    """
    # "NYPD officers said": a group keeps its plural
    role, role_head = role_from([t for t in tokens if t.i <= head.i], one=head.tag_ != "NNS")
    if not role:
        role, role_head = appos_role(head)
    org = org_in([t for t in tokens if t.i != head.i], set())
    if org is None:
        org = _possessor(head)
    definite = any(t.dep_ in ("det", "poss") and t.lower_ in ("the", "this", "that", "his", "her") for t in head.children)
    indefinite = any(t.dep_ == "det" and t.lower_ in ("a", "an", "one", "another") for t in head.children)
    kind = "title" if definite and not indefinite else "unnamed"
    if not any(t.dep_ == "det" for t in head.children):
        # "Azerbaijan Foreign Minister said": a bare title with an organisation is unnamed
        kind = "unnamed" if org else "title"
    plural = head.tag_ == "NNS"
    if plural:
        role_head = head.lemma_.lower()  # "the lawmakers": each is a lawmaker
    ref = _body_referred_to(head) if org is None else None
    return Mention(
        text=text, kind=kind, role=role or head.text, org=org, role_head=role_head or low, plural=plural, ref=ref
    )


def _possessor(head: Token) -> Optional[str]:
    """The body a title belongs to by its possessor, whatever the entity recogniser made of it.

    "Azerbaijan's foreign minister", "Acme's spokesman".
    """
    owners = [c for c in head.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
    if owners:
        o = owners[0]
        words = [t for t in o.subtree if t.pos_ == "PROPN"]
        return org_name(" ".join(t.text for t in words)) if words else None
    return None


def _body_referred_to(head: Token) -> Optional[str]:
    """The collective noun of the body an unnamed speaker's description refers back to.

    "a senior source at the club", "a spokesman for the company": the body the story named.
    """
    bodies = [
        g for c in head.children if c.dep_ == "prep" and c.lower_ in ("at", "for", "of", "from", "with")
        for g in c.children
        if g.dep_ == "pobj" and g.lemma_.lower() in COLLECTIVE_NOUNS
        and any(d.dep_ == "det" and d.lower_ == "the" for d in g.children)
    ]
    return bodies[0].lemma_.lower() if bodies else None
