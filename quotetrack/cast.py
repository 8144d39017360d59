"""The article's people: who it has named so far, and the full name each later reference means.

:class:`Cast` remembers the people an article has named, so that a surname ("Pashinyan"), a
pronoun ("she") or a title ("the minister") resolves to the full name used earlier, and a person
keeps the role and organisation they were introduced with. It takes names as strings (from
:func:`quotetrack.people.describe`) and reads no parse except for courtesy titles and the proper nouns
the article uses alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from spacy.tokens import Doc

from .lexicon import KEPT_TITLES, NAME_PARTICLES, REGNAL_TITLES
from .names import (
    ends_in_a_common_noun,
    is_body,
    is_own_name,
    name_gender,
    name_key,
    strip_accents,
    surname,
    tail_key,
    without_initials,
    without_suffix,
)


_COURTESY_GENDER = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f"}


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
        # first words of full names: "Xi" and "Kim" are the family names of "Xi Jinping" and "Kim Jong-un"
        self._by_first: dict[str, set[str]] = {}
        self._bare: set[str] = set()  # see note_bare_names
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

    def note_bare_names(self, doc: Doc):
        """Record the capitalised proper nouns the article uses alone ("Cruz said"): a last word used so
        is the surname, and the first word of that name is a given name, not a name of its own."""
        for t in doc:
            if t.pos_ == "PROPN" and t.is_title:
                before = doc[t.i - 1] if t.i > 0 else None
                after = doc[t.i + 1] if t.i + 1 < len(doc) else None
                if (before is None or before.pos_ != "PROPN") and (after is None or after.pos_ != "PROPN"):
                    self._bare.add(strip_accents(t.text).lower())

    def _may_own_surname(self, name: str) -> bool:
        """Whether a bare surname may stand for the full ``name``: not when the article addresses that
        surname only as the other gender than ``name``'s first name carries."""
        addressed = self._addressed.get(surname(name))
        gender = name_gender(name.split()[0]) if addressed else None
        return gender is None or gender in addressed

    def canonical(self, name: str) -> str:
        """The full form of ``name`` used in this article (a surname resolves to the full name; a name
        without its middle initials to the one with them: "Robin Kelly" -> "Robin L. Kelly")."""
        parts = without_suffix(name.split())
        if len(parts) == 1 or (len(parts) == 2 and parts[0].lower() in KEPT_TITLES):
            # "Pashinyan" and "Lord Callaghan" name the "Nikol Pashinyan" / "Jim Callaghan" the article introduced
            key = surname(name)
            if key in self.by_surname:
                return self.by_surname[key]
            first = self._by_first.get(key, set())
            if len(parts) == 1 and len(first) == 1 and surname(next(iter(first))) not in self._bare:
                # "Xi said" after "Chinese President Xi Jinping", "Tedros said" after "Tedros Adhanom
                # Ghebreyesus": a family name written first, or the one name the article's person goes by;
                # not when the article calls the person by the last word ("Cruz ... his father, Rafael"
                # is not "Rafael Edward Cruz")
                return next(iter(first))
        existing = self._by_key.get(name_key(name))
        if existing is not None:
            return existing
        if len(parts) >= 2:
            # "Robin Kelly" is the "Robin L. Kelly" the article introduced (middle initials aside)
            same = [e for e in self._by_bare.get(without_initials(name), []) if self.people[e].speaker_type == "person"]
            if len(same) == 1:
                return same[0]
            if parts[0].lower() not in KEPT_TITLES:
                # "de Blasio", "Wasserman Schultz": a surname of several words names the one person whose
                # full name ends with it ("Bill de Blasio", "Debbie Wasserman Schultz")
                longer = self._by_tail.get(tail_key(parts), set())
                if len(longer) == 1:
                    return next(iter(longer))
            if len(parts) == 2:
                # "Hillary Clinton" is the "Hillary Rodham Clinton" the article introduced
                longer = self._by_tail.get("ends:" + tail_key(parts), set())
                if len(longer) == 1:
                    return next(iter(longer))
        return name

    def _learn_tails(self, name: str):
        parts = without_suffix(name.split())
        if parts and parts[0].lower() in KEPT_TITLES:
            return
        if (
            len(parts) >= 2
            and parts[0].lower() not in REGNAL_TITLES
            and not re.fullmatch(r"\w\.?", parts[0])
            and ends_in_a_common_noun(name) is False  # not "Obama Speech", a caption's run of capitals
        ):
            self._by_first.setdefault(strip_accents(parts[0]).lower(), set()).add(name)
        for k in range(1, len(parts) - 1):
            self._by_tail.setdefault(tail_key(parts[k:]), set()).add(name)
        if len(parts) >= 3 and not any(p.lower() in NAME_PARTICLES or re.fullmatch(r"\w\.?", p) for p in parts):
            # (middle initials are without_initials' business)
            self._by_tail.setdefault("ends:" + tail_key([parts[0], parts[-1]]), set()).add(name)

    def learn_names(self, names: list[str]):
        """Register full names before any resolution, so a surname seen first still maps to them."""
        for titled in (False, True):  # "Lord Butler" only where no full name has that surname
            for name in names:
                parts = without_suffix(name.split())
                if len(parts) >= 2 and (parts[0].lower() in KEPT_TITLES) == titled and self._may_own_surname(name):
                    self.by_surname.setdefault(surname(name), name)
                    if not titled:
                        self._learn_tails(name)

    def add(self, name: str, speaker_type: str = "person", role=None, org=None, gender=None, role_head=None) -> Person:
        name = self.canonical(name)
        person = self.people.get(name)
        if person is None:
            person = Person(name=name, speaker_type=speaker_type)
            self.people[name] = person
            self._by_key.setdefault(name_key(name), name)
            self._by_bare.setdefault(without_initials(name), []).append(name)
            parts = without_suffix(name.split())
            if speaker_type == "person" and len(parts) >= 2 and parts[0].lower() not in KEPT_TITLES:
                if self._may_own_surname(name):
                    self.by_surname.setdefault(surname(name), name)
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
