"""What the rules know about one article, computed once: :class:`ArticleContext`.

The article's text, paragraphs and quote regions; every named person outside quotes (the
:class:`~quotetrack.cast.Cast`, with roles, organisations and genders learnt from the text),
organisation mentions, places and acronyms; and the look-ups the attribution rules and the
learned ranker share: resolving he/she, "the minister", "the club" or "it" to whom the article
named before. Built from a parsed Doc and the quote spans; it never attributes a quote itself.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Optional

from spacy.tokens import Doc, Span, Token

from . import dates, marks
from .lexicon import (
    BODY_WORDS,
    FAMILY_ROLES,
    ANONYMOUS_ROLES,
    SPOKES_ROLES,
    INSTITUTION_NOUNS,
    OFFICE_TITLES,
    AWARD_ROLES,
    COLLECTIVE_NOUNS,
    DOCUMENT_NOUNS,
    ORG_ROLE_HEADS,
    PERSON_PRONOUNS,
    POLICE_BODY,
    POLICE_ROLES,
    SPORTS_ROLES,
)
from .cast import Cast
from .names import is_given_name, name_gender, org_name, strip_accents, without_suffix
from .names import surname as surname_key
from .naming import past_nickname
from .parse import doc_text, entity_of, is_plural_title, is_role_noun
from .people import Mention, describe
from .roles import COMPANY_WORDS, holder_in, role_of, trailing_role, whole_name


# abbreviations the recogniser takes for organisations ("by 1900 GMT")
_TIME_ZONES = frozenset("GMT BST UTC CET CEST EST EDT CST CDT MST MDT PST PDT AEST AEDT IST JST".split())


@dataclass
class PersonMention:
    pos: int  # character offset
    token: Token
    name: str
    is_subject: bool
    gender: Optional[str]


class ArticleContext:
    """Everything the rules need about one Doc, computed once."""

    def __init__(self, doc: Doc, spans: list[marks.QuoteSpan], published: Optional[str]):
        self.doc = doc
        self.text = doc_text(doc)
        self.spans = spans
        self.published = published
        # the default said_on: the publication day, only when the source gives a whole date
        # ("2015-01" says the month, not the day the words were said)
        self.day_published = published if dates.parse_iso(published) is not None and len(published or "") >= 10 else None
        # quote regions including their marks, for "is this token quoted?"
        regions = sorted((max(0, s - 1), min(len(self.text), e + 1)) for q in spans for s, e in q.parts)
        self.region_starts = [r[0] for r in regions]
        self.regions = regions
        self.paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", self.text) if m.group().strip()]
        self.para_starts = [p[0] for p in self.paragraphs]
        self.acronyms = _acronyms(self.text, doc)
        self.mentions: list[PersonMention] = []
        self.org_mentions: list[tuple[int, str]] = []
        self.org_subjects: set[int] = set()  # where an organisation is a sentence's subject
        self.weak_resolution = False  # set by resolve_pronoun when its answer is a guess
        self.places = {org_name(e.text) for e in doc.ents if e.label_ in ("GPE", "LOC", "NORP")}
        # places by position: the small models tag "the City of Toronto" and "the Kern County Sheriff's" as
        # places as often as bodies, so the rules that look for a council or a police force search these too
        self.place_mentions = [(e.start_char, org_name(whole_name(e).text)) for e in doc.ents if e.label_ in ("GPE", "LOC")]
        self.cast = Cast(self.places)
        self._collect_people()
        self._documents: Optional[list] = None  # see document_author

    # ---- positions -------------------------------------------------------------
    def quoted(self, pos: int) -> bool:
        i = bisect.bisect_right(self.region_starts, pos) - 1
        return i >= 0 and self.regions[i][0] <= pos < self.regions[i][1]

    def para_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.para_starts, pos) - 1)

    def tokens_between(self, start: int, end: int) -> list[Token]:
        if end <= start:
            return []
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return []
        return [t for t in span if start <= t.idx < end]

    # ---- people ----------------------------------------------------------------
    def _collect_people(self):
        """Register every named person outside quotes, with the role and organisation given with them.

        Two passes: named-entity persons first (they introduce full names), then every proper
        noun that repeats a known name or surname, since the small models often miss a bare
        "Abney" or "Caldwell" that the article introduced earlier.
        """
        heads: dict[int, Mention] = {}
        ents = [ent for ent in self.doc.ents if not self.quoted(ent.start_char)]
        persons = {ent.root.i: describe(past_nickname(ent.root)) for ent in ents if ent.label_ == "PERSON"}
        surnames = {strip_accents(self.doc[i].text).lower() for i in persons}
        for ent in ents:
            if _person_tagged_body(ent, surnames):
                # "named [Alison Slagell] as staff assistant" (tagged a body) in an article that calls "Slagell" a
                # person: a given name and a surname the article uses for people
                persons[ent.root.i] = Mention(text=ent.text, kind="name", name=ent.text, gender=name_gender(ent[0].text))
        persons = dict(sorted(persons.items()))
        self.cast.note_courtesy_titles(self.doc)
        self.cast.note_bare_names(self.doc)
        self.cast.learn_names([m.name or "" for m in persons.values()])
        for ent in ents:
            if ent.label_ in ("ORG", "FAC") and not _listener(ent.root) and ent.text.upper() not in _TIME_ZONES:
                self.org_mentions.append((ent.start_char, self.expand(org_name(whole_name(ent).text))))
                if ent.root.dep_ in ("nsubj", "nsubjpass"):
                    self.org_subjects.add(ent.start_char)
            if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP", ""):
                continue
            m = persons.get(ent.root.i) or describe(ent.root, self.cast)
            titled = m.kind == "name" and bool(m.role) and m.name == ent.text  # the entity is the titled name itself
            k = holder_in(ent) if ent.label_ != "PERSON" else None
            placed = m.kind == "name" and k is not None and m.name == ent[k:].text  # "Senator from [Vermont Bernie Sanders]"
            if ent.root.i not in persons and not (m.kind == "name" and (self.cast.knows(m.name or "") or titled or placed)):
                continue  # (a titled name is a person's whatever its tag: "Fox News host [Sean Hannity]")
            if m.kind == "name" and m.name:
                if not m.role:
                    role, role_head, org = trailing_role(ent.root)
                    if role:
                        m.role, m.role_head, m.org = role, role_head, m.org or org
                self.cast.add(m.name, role=m.role, org=m.org, gender=m.gender, role_head=m.role_head)
                heads[ent.root.i] = m
        for t in self.doc:
            if t.tag_ != "NN" or not is_role_noun(t) or self.quoted(t.idx):
                continue
            named = [a for a in t.subtree if a.dep_ == "appos" and a.pos_ == "PROPN" and a.i > t.i and a.i not in heads]
            if named:
                # "The current president of Namibia, Hage Geingob, ...": a person whatever the recogniser said
                m = describe(t, self.cast)
                if m.kind == "name" and m.name:
                    self.cast.add(m.name, role=m.role, org=m.org, gender=m.gender, role_head=m.role_head)
                    heads[named[0].i] = m
        for t in self.doc:
            if t.i in heads or self.quoted(t.idx) or t.dep_ == "compound" or not t.text[:1].isupper():
                continue
            # the small models tag a repeated surname as a common noun ("Mendes could not
            # believe"): as a subject, a known surname is still the person
            if t.pos_ != "PROPN" and not (t.pos_ == "NOUN" and t.dep_ in ("nsubj", "nsubjpass")):
                continue
            if self.cast.knows(t.text):
                m = describe(t, self.cast) if t.pos_ == "PROPN" else Mention(text=t.text, kind="name", name=t.text)
                if m.kind == "name" and m.name and self.cast.knows(m.name):
                    heads[t.i] = m
            elif t.pos_ == "PROPN" and not t.ent_type_ and _has_who_clause(t):
                # "DiCaprio, who lost out to Foxx, will face him": only people take "who"
                m = describe(t, self.cast)
                if m.kind == "name" and m.name:
                    self.cast.add(m.name, role=m.role, org=m.org, gender=m.gender, role_head=m.role_head)
                    heads[t.i] = m
        for i in sorted(heads):
            m = heads[i]
            token = self.doc[i]
            if not m.role:
                role, role_head, org = trailing_role(token)
                if role:
                    m.role, m.role_head, m.org = role, role_head, m.org or org
            first = heads.get(token.head.i) if token.dep_ == "conj" else None
            if not m.role and first is not None and first.role and _plural_title_before(self.doc[token.head.i]):
                # "NASA astronauts Bob Behnken and Doug Hurley": the plural title is each one's
                m.role, m.role_head, m.org = first.role, first.role_head, m.org or first.org
            person = self.cast.add(m.name, role=m.role, org=m.org, gender=m.gender, role_head=m.role_head)
            is_subject = (
                token.dep_ in ("nsubj", "nsubjpass")
                # "The plan was criticised by Peter Jones": the agent is who acts
                or (token.dep_ == "pobj" and token.head.dep_ == "agent" and token.head.head.dep_ == "ROOT")
                # "According to Muyembe, many people ...", "For Kevin Allton, Warhol was a legend": whose view it is
                or (token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.i > 0 and self.doc[token.head.i - 1].lower_ == "according")
                or (token.dep_ == "pobj" and token.head.lower_ == "for" and token.head.i == token.sent.start)
                or (token.dep_ == "appos" and token.head.dep_ in ("nsubj", "nsubjpass"))
                # "Henson, who can now expect ...": the antecedent of a subject relative pronoun
                or any(
                    c.dep_ == "relcl" and any(g.dep_ == "nsubj" and g.lower_ in ("who", "that") for g in c.children)
                    for c in token.children
                )
            )
            self.mentions.append(PersonMention(token.idx, token, person.name, is_subject, m.gender))
        self._learn_described_roles()
        self._learn_award_roles()
        self._learn_employers(heads)

    def namesake_before(self, surname: str, pos: int) -> Optional[str]:
        """Of two or more people named with this surname so far ("Jeh Johnson", "Gary Johnson"), the one
        mentioned last before ``pos``: a bare "Johnson said" follows the thread, not the first introduced."""
        key = strip_accents(surname).lower()
        owners = {
            n
            for n, p in self.cast.people.items()
            if p.speaker_type == "person" and len(without_suffix(n.split())) >= 2 and surname_key(n) == key
        }
        if len(owners) < 2:
            return None
        before = [m for m in self.mentions if m.pos < pos and m.name in owners]
        return before[-1].name if before else None

    def _learn_award_roles(self):
        """Actors and directors known by the award they won or lost: "X took the best actress award".

        Entertainment news often names a winner only through the category ("won best
        supporting actress", "who lost out on the best actor Bafta"); the category's
        noun is then the person's role, unless the article gave a more telling one than "star".
        """
        by_token = {m.token.i: m.name for m in self.mentions}
        for t in self.doc:
            if t.lower_ not in AWARD_ROLES or self.quoted(t.idx):
                continue
            if not any(c.lower_ == "best" for c in t.children) and not (t.i > 0 and self.doc[t.i - 1].lower_ == "best"):
                continue
            verb = t.head
            while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i and verb.dep_ not in ("nsubj", "nsubjpass"):
                verb = verb.head
            subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None and subject.lower_ in ("who", "that") and verb.dep_ == "relcl":
                subject = verb.head  # "DiCaprio, who lost out on the best actor Bafta"
            name = by_token.get(subject.i) if subject is not None else None
            person = self.cast.people.get(name) if name else None
            if person is not None and person.speaker_type == "person" and (not person.role or person.role_heads <= {"star"}):
                person.role = t.lower_
                person.role_heads.add(t.lower_)
                person.title_heads.add(t.lower_)

    def _learn_employers(self, heads: dict):
        """The body a spokesman or director speaks for when the article names it just before.

        "It was a similar story at Bluewater in Kent. Spokesman Alan Jones said ...";
        "The IMF has promised rapid action. ... said managing director Rodrigo Rato".
        A role that only exists inside an organisation, given with no organisation, belongs
        to the organisation named last in the same or the previous paragraph. A police role
        ("Investigator X") belongs to the one police force the story names, if it names one.
        """
        for i in sorted(heads):
            m = heads[i]
            person = self.cast.people.get(self.cast.canonical(m.name or ""))
            if person is None or person.org:
                continue
            team = _team_in_sentence(self.doc[i]) if person.role_heads & SPORTS_ROLES else None
            if team:
                # "Fly-half Charlie Hodgson admitted his kicking played a part in England's defeat"
                person.org = self.full_org(team, person.role)
                continue
            fronted = _fronted_body(self.doc[i])
            if fronted is not None:
                # "At US Airways, Todd Lehmacher called the impact ...": whatever the role
                person.org = self.full_org(org_name(fronted.text))
                continue
            if person.role_heads & POLICE_ROLES and not _former(person.role):
                # "Investigator Robert Cornett wrote": the one police force the story names
                forces = {name for _, name in self.org_mentions + self.place_mentions if name and POLICE_BODY.search(name)}
                if len(forces) == 1:
                    person.org = forces.pop()
                    continue
            if not person.role_heads & ORG_ROLE_HEADS or _former(person.role) or " of " in (person.role or ""):
                # a former official speaks for no one nearby; "President of Our Katahdin" names its body
                continue
            pos = self.doc[i].idx
            para = self.para_index(pos)
            floor = self.paragraphs[max(0, para - 1)][0]
            for at, name in reversed(self.org_mentions):
                if at < floor:
                    break
                if at < pos and name and name != person.name and not self._names_a_person(name):
                    person.org = self.full_org(name)
                    break

    def _names_a_person(self, name: str) -> bool:
        """An "organisation" the recogniser found that is really a person of the article ("Ferguson")."""
        low = strip_accents(name).lower()
        return any(low in (strip_accents(p).lower(), surname_key(p)) for p in self.cast.people if self.cast.people[p].speaker_type == "person")

    def _learn_described_roles(self):
        """Roles given by a definite description standing for the person in focus.

        News names someone, then refers back by what they do: "Oscar Isaac has had a
        stellar year. ... the 35-year-old actor plays a businessman". A singular
        "the <role>" subject outside quotes, with no name of its own, describes the
        person the passage is about (the same antecedent a "he"/"she" would take), and
        gives that person a role when the article has not given one already.
        """
        for t in self.doc:
            if (
                t.dep_ not in ("nsubj", "nsubjpass")
                or t.pos_ != "NOUN"
                or t.tag_ != "NN"
                or not is_role_noun(t)
                or t.lemma_.lower() in COLLECTIVE_NOUNS | ANONYMOUS_ROLES | FAMILY_ROLES
                or self.quoted(t.idx)
                or not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
                or any(c.dep_ in ("poss", "appos") or c.ent_type_ == "PERSON" for c in t.children)
            ):
                continue
            name = self.resolve_pronoun(None, t.idx)
            person = self.cast.people.get(name) if name else None
            if person is None or person.role:
                continue
            role, role_head = role_of(t)
            if role_head in OFFICE_TITLES and not _epithet(t):
                continue  # "The prime minister disagreed" after "Park said": another person
            if role:
                # "the England coach": the body in the description is the person's too
                org = describe(t, self.cast).org if role_head in ORG_ROLE_HEADS | SPORTS_ROLES else None  # an actor's nationality is no body
                self.cast.add(person.name, role=role, org=org, role_head=role_head)

    def note_speaker(self, name: str, pos: int, token: Optional[Token]):
        """A quote's resolved speaker is the most salient antecedent for the next "he said"."""
        if token is None or name not in self.cast.people:
            return
        bisect.insort(self.mentions, PersonMention(pos, token, name, True, self.cast.people[name].gender), key=lambda m: m.pos)

    def resolve_pronoun(self, gender: Optional[str], before: int) -> Optional[str]:
        """The person a he/she most likely refers to.

        Walk back sentence by sentence (sentences cut at paragraph breaks), from where the
        pronoun stands: the nearest sentence whose subject is a compatible named person wins
        (its leftmost such subject; passive agents, "According to X," and a fronted "For X,"
        count as subjects). A sentence whose subject is itself a matching pronoun or a definite
        title continues the same chain of reference, so its other mentions (objects: "She
        thanked ... Katharine Hepburn") are passed over. An unnamed subject ("a police
        spokesman") stops the walk with no name. A full name first mentioned in the pronoun's
        sentence or the one before, with no subject there, is taken as a guess
        (``weak_resolution``). If no subject turns up, the leftmost compatible mention of the
        nearest sentence is used.
        """
        doc = self.doc
        self.weak_resolution = False
        token = doc.char_span(before, min(len(self.text), before + 1), alignment_mode="expand")
        if token is None:
            return None
        sent = self._unit(token[0])
        fallback: Optional[str] = None
        for step in range(12):
            group = [
                m
                for m in self.mentions
                if sent.start_char <= m.pos < min(sent.end_char, before)
                and self._compatible(m, gender)
            ]
            subjects = [m for m in group if m.is_subject]
            if subjects:
                return subjects[0].name
            if gender is not None and fallback is None and self.unnamed_subject(sent, before) is not None:
                # "The prime minister's official spokesman said ... But he added": the
                # nearest subject is a person the article does not name; no named person
                # further back is a safer guess than no name at all
                return None
            if (
                step <= 1
                and len({m.name for m in group}) == 1
                and len(group[0].name.split()) >= 2  # a full name, not a stray "Lisbon"
                and not any(m.name == group[0].name and m.pos < sent.start_char for m in self.mentions)
                and not any(t.dep_ in ("nsubj", "nsubjpass") and t.lower_ in PERSON_PRONOUNS for t in sent)
            ):
                # a person introduced in the sentence right before the words ("..., leaving coach Geoff
                # Ingram unimpressed. "One of them was questionable," he said.") usually speaks them; but
                # "Police have charged Tom Brown. "...," he said" does not: a guess, so it is marked weak
                self.weak_resolution = True
                return group[0].name
            if group and fallback is None:
                fallback = group[0].name
            if sent.start == 0:
                break
            sent = self._unit(doc[sent.start - 1])
        return fallback

    def _unit(self, token: Token) -> Span:
        """The sentence of ``token``, cut at paragraph breaks (the parser runs sentences across
        a break after a closing quote mark, which would put another paragraph's subject first)."""
        sent = token.sent
        start, end = sent.start, sent.end
        for t in sent:
            if "\n" in t.whitespace_ or (t.is_space and "\n" in t.text):
                if t.i < token.i:
                    start = max(start, t.i + 1)
                else:
                    end = min(end, t.i + 1)
                    break
        return self.doc[start:end]

    def unnamed_subject(self, sent, before: int) -> Optional[Token]:
        """The sentence's subject when it is a person known only by role ("a spokesman", "Google's spokesman")."""
        for t in sent:
            if t.idx >= before or t.dep_ not in ("nsubj", "nsubjpass") or t.pos_ != "NOUN" or t.tag_ != "NN":
                continue
            if not is_role_noun(t) or self.quoted(t.idx) or t.lemma_.lower() in COLLECTIVE_NOUNS:
                continue
            if any(c.dep_ == "appos" or c.ent_type_ == "PERSON" for c in t.children):
                continue
            indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an", "one", "another") for c in t.children)
            owned = any(c.dep_ == "poss" and c.pos_ != "PRON" for c in t.children)
            # "The Trafford Centre spokeswoman said": a body's spokesperson no named person of the article is
            qualified = (
                t.lemma_.lower() in SPOKES_ROLES
                and any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in t.children)
                and not any(t.lemma_.lower() in p.role_heads or t.lower_ in p.role_heads for p in self.cast.people.values())
            )
            # "The prime minister disagreed. "...," he said": an office no one the article named holds
            unheld = (
                t.lemma_.lower() in OFFICE_TITLES
                and not any(t.lemma_.lower() in p.role_heads for p in self.cast.people.values())
                and not _epithet(t)
            )
            if indefinite or owned or qualified or unheld:
                return t
        return None

    def unnamed_since(self, role_head: Optional[str], name: str, before: int) -> Optional[Token]:
        """An unnamed "a/an <role>" subject after ``name``'s last mention and before ``before``, if any."""
        last = max((m.pos for m in self.mentions if m.name == name and m.pos < before), default=None)
        if last is None or not role_head:
            return None
        for t in self.doc:
            if t.idx <= last or t.idx >= before:
                continue
            if t.lemma_.lower() == role_head and t.dep_ in ("nsubj", "nsubjpass") and not self.quoted(t.idx):
                if any(c.dep_ == "det" and c.lower_ in ("a", "an", "another", "one") for c in t.children):
                    return t
        return None

    def unnamed_antecedent(self, gender: Optional[str], before: int) -> Optional[Token]:
        """The role-only person a he/she refers to, when :meth:`resolve_pronoun` stops at one."""
        token = self.doc.char_span(before, min(len(self.text), before + 1), alignment_mode="expand")
        if token is None:
            return None
        sent = token[0].sent
        for _ in range(12):
            if any(sent.start_char <= m.pos < min(sent.end_char, before) and self._compatible(m, gender) for m in self.mentions):
                return None
            found = self.unnamed_subject(sent, before)
            if found is not None:
                return found
            if sent.start == 0:
                return None
            sent = self.doc[sent.start - 1].sent
        return None

    def _compatible(self, m: PersonMention, gender: Optional[str]) -> bool:
        person = self.cast.people.get(m.name)
        g = person.gender if person is not None and person.gender else m.gender
        return gender is None or g is None or g == gender

    def title_conflicts(self, name: str, title: Optional[str]) -> bool:
        """Whether the person ``name`` holds ``title``'s office under other words only: the "Civil Aviation
        Minister" is not "the local health minister", whoever the passage is about."""
        words = (title or "").lower().split()
        person = self.cast.people.get(name)
        if len(words) < 2 or person is None:
            return False
        own = set(words[:-1]) - _TIME_QUALIFIERS
        same_head = [t for t in person.titles if t.lower().split()[-1:] == words[-1:]]
        return bool(own) and bool(same_head) and all(_other_qualifiers(t, own) for t in same_head)

    def resolve_title(self, role_head, before: int, title: Optional[str] = None, plural: bool = False) -> Optional[str]:
        """The person a definite title ("the minister") refers to: the last one known by that title (or any of a set).

        A title with more words ("the Prime Minister") goes first to the last person whose
        role has all of them; only with none does any holder of the head noun do. A plural ("the
        senators wrote", after "Senators Thom Tillis and Gary Peters") goes to the first of the
        holders named together last, the one the article lists first.
        """
        heads = set(role_head) if isinstance(role_head, (set, frozenset)) else {role_head}
        heads.discard(None)
        if not heads:
            return None
        holders = [
            self.cast.people[m.name]
            for m in reversed([m for m in self.mentions if m.pos < before])
            if m.name in self.cast.people and heads & self.cast.people[m.name].title_heads
        ]
        words = (title or "").lower().split()
        if len(words) > 1:
            full = " ".join(words)
            for person in holders:
                if any(t == full or t.endswith(" " + full) for t in person.titles):
                    return person.name
            # "the local health minister" is not the "Civil Aviation Minister" named before: a holder whose
            # every title qualifies the head with other words is someone else
            holders = [p for p in holders if not self.title_conflicts(p.name, title)]
        if plural and holders:
            names = {p.name for p in holders}
            named = [m for m in self.mentions if m.pos < before and m.name in names]
            sent = named[-1].token.sent
            return next(m.name for m in named if m.token.sent == sent)
        return holders[0].name if holders else None

    def expand(self, org: Optional[str]) -> Optional[str]:
        """An acronym the article spelled out ("the WTO" -> "World Tourism Organisation")."""
        if org and org in self.acronyms and " " not in org and sum(c.isupper() for c in org) >= 2:
            return self.acronyms[org]  # also mixed-case ones: "TfL" -> "Transport for London"
        if org and org in self.acronyms and self.acronyms[org].endswith(" " + org):
            return self.acronyms[org]  # a short name it defined: "World Wonder Ring Stardom (Stardom)"
        return org

    def full_org(self, org: Optional[str], role: Optional[str] = None) -> Optional[str]:
        """The fullest name the article gives a body: "the Committee" -> "Committee to Protect Bloggers".

        A short form counts when its words run, in order, inside exactly one longer
        organisation name the article mentions; with two candidates it stays as written.
        """
        org = self.expand(org)
        team_role = bool(role) and role.split()[-1].lower() in ORG_ROLE_HEADS | SPORTS_ROLES
        if not org or (org in self.places and not team_role):
            # a place stays a place ("London" is not the "London Assembly"), unless the role
            # only exists in a body: "Green Bay coach" coaches the Green Bay Packers
            return org
        words = _org_words(org)
        if not words:
            return org
        # a one-word short form anywhere ("the Committee"), a longer one only at the end of the
        # full name ("Jazz & Heritage Foundation" in "New Orleans Jazz & Heritage Foundation"):
        # "US Airways" is not "US Airways Express"
        longer = {
            name
            for _, name in self.org_mentions
            if name
            and len(_org_words(name)) > len(words)
            and (
                _org_words(name)[-len(words):] == words
                or (len(words) == 1 and _contains_run(_org_words(name), words))
            )
        }
        if role and role.split()[-1].lower() in SPORTS_ROLES and org in self.places:
            # "Green Bay coach" -> the "Green Bay Packers": a team takes its town's name first
            # (and the small models often tag the team as a place too)
            longer |= {
                name
                for name in [n for _, n in self.org_mentions] + sorted(self.places)
                if name and len(_org_words(name)) > len(words) and _org_words(name)[: len(words)] == words
            }
        return longer.pop() if len(longer) == 1 else org

    def last_subject_is_body(self, before: int) -> bool:
        """Whether the last sentence subject before ``before`` is an organisation the article named.

        "Essex Police said ... His family released a statement ... their statement read": "their"
        is the family, not the police.
        """
        token = self.doc.char_span(before, min(len(self.text), before + 1), alignment_mode="expand")
        floor = self._unit(token[0]).start_char if token is not None else before  # before the quote's own sentence
        # the subjects of main clauses (in "X criticized the move, implying approval would be required" the
        # subject is X, not "approval"), but not an "it" or "they", which is what is being resolved
        subjects = [
            t
            for t in self.doc
            if t.idx < floor
            and t.dep_ in ("nsubj", "nsubjpass")
            and (t.head.dep_ == "ROOT" or (t.head.dep_ == "conj" and t.head.head.dep_ == "ROOT"))
            and t.lower_ not in ("it", "they")
            and t.pos_ in ("NOUN", "PROPN", "PRON")  # (the parser makes an "implying" a subject too)
            and not self.quoted(t.idx)
        ]
        if not subjects:
            return False
        last = subjects[-1]
        ent = entity_of(last, ("ORG",))
        return ent is not None and ent.start_char in self.org_subjects

    def resolve_body(self, noun: Optional[str], before: int) -> Optional[str]:
        """The organisation "the army" / "the police" / "the airline" stands for.

        A state institution is named with its noun ("Metropolitan Police", "Iranian Army"):
        only a body whose name has that noun will do, before the mention or else after it,
        and with none the speaker stays unnamed; the nearest body named before would be a
        guess ("the army said" is not the "Revolutionary Guards" of the sentence before).
        Any other noun ("the airline", "the company") means the body just named.
        """
        if noun not in INSTITUTION_NOUNS:
            return self.resolve_org_pronoun(before)

        def fits(name: str) -> bool:
            return bool(POLICE_BODY.search(name)) if noun == "police" else noun in name.lower().split()

        named = sorted((at, name) for at, name in self.org_mentions + self.place_mentions if name and fits(name))
        earlier = [name for at, name in named if at < before]
        if earlier:
            return earlier[-1]
        return named[0][1] if named else None

    def body_of_sentence(self, pos: int) -> Optional[str]:
        """The body that is the main subject of the sentence at ``pos``, if one is: "According to its
        press release, the NBA was ...": the "its" of the sentence is the NBA."""
        span = self.doc.char_span(pos, min(len(self.text), pos + 1), alignment_mode="expand")
        if span is None:
            return None
        root = span[0].sent.root
        for t in root.children:
            ent = entity_of(t, ("ORG",)) if t.dep_ in ("nsubj", "nsubjpass") else None
            if ent is not None and ent.start_char in self.org_subjects:
                return next((name for at, name in self.org_mentions if at == ent.start_char), None)
        return None

    def document_author(self, lemma: Optional[str], before: int) -> Optional[Mention]:
        """Who made the document a bare "the study" / "the report" means: the author of the last document of
        its kind the article gave one for ("The study was conducted by X ... reads the report": X).

        Kinds, not words: a study is also the report, the research and the findings; a statement
        is also the release; any other document only itself ("the lawsuit" is not "the report")."""
        kind = _document_kind(lemma)
        if kind is None:
            return None
        if self._documents is None:
            self._documents = []
            for t in self.doc:
                if t.pos_ == "NOUN" and t.lemma_.lower() in DOCUMENT_NOUNS and not self.quoted(t.idx):
                    m = describe(t, self.cast)
                    phrase = t.head if t.dep_ == "compound" else t
                    new = any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in phrase.children)
                    self._documents.append((t.idx, _document_kind(t.lemma_.lower()), m if m.kind == "document" else None, new))
        # the last document of the kind before that names its author, over mentions of the same one ("The
        # study was conducted by X. The study found ..."), but not over a new one: "an email sent by X",
        # then "an email appeal" sent by no one, then "the email said" is the second email
        for at, k, m, new in reversed(self._documents):
            if at < before and k == kind:
                if m is not None and m.name:
                    return m
                if new:
                    return None
        return None

    def resolve_org_pronoun(self, before: int, it: bool = False) -> Optional[str]:
        """The body "the company" means (the last one named), or with ``it`` the body an "it" means.

        "NASA interrupted its coverage of an International Space Station spacewalk. It also ...": an
        "it" goes back to a body that was the subject of its own or the previous sentence, when there is one.
        """
        near = [(pos, name) for pos, name in self.org_mentions if pos < before and before - pos < 600]
        if near:
            token = self.doc.char_span(before, min(len(self.text), before + 1), alignment_mode="expand")
            if token is not None:
                unit = self._unit(token[0])
                floor = self._unit(self.doc[unit.start - 1]).start_char if unit.start > 0 else unit.start_char
                for pos, name in reversed(near):
                    if pos >= floor and pos in self.org_subjects:
                        return name
        return near[-1][1] if near else None


_DOCUMENT_KINDS = {
    "research": frozenset("study report research analysis findings paper survey review".split()),
    "statement": frozenset("statement release".split()),
}


def _document_kind(lemma: Optional[str]) -> Optional[str]:
    """What a document noun is, for finding its author: "research", "statement" or the noun itself."""
    if not lemma:
        return None
    return next((k for k, words in _DOCUMENT_KINDS.items() if lemma in words), lemma)


def _person_tagged_body(ent: Span, surnames: set[str]) -> bool:
    """A two-word ORG entity that is a listed given name and a surname the article tags a person's
    elsewhere ("Slagell said"): the recogniser's slip, not a body ("Morgan Stanley" is no one's surname
    in an article about the bank)."""
    return (
        ent.label_ == "ORG"
        and len(ent) == 2
        and all(t.is_title and t.is_alpha for t in ent)
        and strip_accents(ent[1].text).lower() in surnames
        and is_given_name(ent[0])
        and not any(t.lower_ in BODY_WORDS | COMPANY_WORDS for t in ent)
    )


def _org_words(name: str) -> list[str]:
    return [w for w in re.findall(r"[\w']+", name.replace("&", " and ").lower()) if w != "the"]


def _contains_run(words: list[str], run: list[str]) -> bool:
    n = len(run)
    return any(words[i : i + n] == run for i in range(len(words) - n + 1))


#: words that place a title in time or say how it is held, not which office it is
_TIME_QUALIFIERS = frozenset("former then then- current new acting interim outgoing incoming the a an".split())


def _other_qualifiers(title: str, own: set[str]) -> bool:
    """Whether ``title`` qualifies its head with words, none of them among ``own``."""
    theirs = set(title.lower().split()[:-1]) - _TIME_QUALIFIERS
    return bool(theirs) and not (theirs & own)


_ACRONYM_DEF = re.compile(r"((?:[A-Z][\w'&.-]*\s+(?:(?:of|the|and|for|on|de|&)\s+)*){1,8})\(([A-Z][A-Za-z]{1,7})\)")

_ACRONYM_FIRST = re.compile(r"\b([A-Z]{2,7})\s+\(((?:[A-Z][\w'&.-]*(?:\s+(?:(?:of|the|and|for|on|de|&)\s+)*)?){2,8})\)")


def _acronyms(text: str, doc: Doc) -> dict[str, str]:
    """Acronyms an article defines ("World Tourism Organisation (WTO)") or whose initials match an ORG it names."""
    found: dict[str, str] = {}
    for m in _ACRONYM_DEF.finditer(text):
        long = m.group(1).strip()
        words = long.split()
        acro = m.group(2)
        # keep as many trailing words as the acronym has capitals
        caps = [i for i, w in enumerate(words) if w[0].isupper()]
        need = sum(1 for c in acro if c.isupper())
        if not acro.isupper() and acro in words[1:]:
            # "World Wonder Ring Stardom (Stardom)": a short name, not initials; the name is the whole run of
            # capitalised words before it
            k = len(words)
            while k > 0 and words[k - 1][:1].isupper():
                k -= 1
            found.setdefault(acro, " ".join(words[k:]))
        elif len(caps) >= need:
            found.setdefault(acro, " ".join(words[caps[-need]:]).strip())
    for m in _ACRONYM_FIRST.finditer(text):
        # "CEI (Italian Episcopal Conference)": the acronym first, its words in brackets after it, in any
        # order of initials (the acronym may be of the body's own-language name)
        acro, long = m.group(1), m.group(2).strip()
        initials = [w[0] for w in long.split() if w[:1].isupper()]
        if sorted(initials) == sorted(acro):
            found.setdefault(acro, long)
    for ent in doc.ents:
        if ent.label_ == "ORG" and len(ent) >= 2:
            words = [w for w in re.split(r"\s+", org_name(ent.text)) if w[:1].isupper()]
            initials = "".join(w[0] for w in words)
            if len(initials) >= 2:
                found.setdefault(initials, org_name(ent.text))
    return found


def _plural_title_before(name: Token) -> bool:
    """Whether a plural title stands right before the name ending at ``name`` ("astronauts Bob Behnken")."""
    doc = name.doc
    k = name.i
    while k > 0 and (doc[k - 1].ent_type_ == "PERSON" or doc[k - 1].pos_ == "PROPN") and not is_role_noun(doc[k - 1]):
        k -= 1
    return k > 0 and is_plural_title(doc[k - 1])


def _epithet(t: Token) -> bool:
    """Whether the office title headed by ``t`` describes someone rather than naming the office's holder:
    "the former cabinet secretary", "the Vermont senator", "the Republican senator", "the 70-year-old
    senator" (a bare "the prime minister" is whoever holds the office, not the person the passage is about)."""
    return _former(role_of(t)[0]) or any(
        c.i < t.i and (c.ent_type_ in ("GPE", "NORP", "LOC", "ORG") or c.like_num) for c in t.subtree
    )


def _former(role: Optional[str]) -> bool:
    """A former official ("Former civil service chief") no longer speaks for the body named nearby."""
    return bool(role) and role.lower().startswith(("former ", "ex-", "retired ", "onetime "))


def _team_in_sentence(t: Token) -> Optional[str]:
    """The side a player or coach is introduced with: a possessive place or club in the same sentence.

    Only when the person is the sentence's subject: "stepped on quarterback X during the
    Detroit Lions' loss" names the other side.
    """
    if t.dep_ not in ("nsubj", "nsubjpass"):
        return None
    for x in t.sent:
        if x.dep_ == "poss" and x.i != t.i and x.ent_type_ in ("GPE", "ORG", "NORP") and x.pos_ == "PROPN":
            ent = entity_of(x, ("GPE", "ORG", "NORP"))
            if ent is not None:
                return org_name(ent.text)
    return None


def _fronted_body(t: Token) -> Optional[Span]:
    """The body of a sentence-opening "At X," or "For X," when ``t`` is the sentence's subject."""
    if t.dep_ not in ("nsubj", "nsubjpass"):
        return None
    sent = t.sent
    first = sent[0]
    if first.lower_ not in ("at", "for") or len(sent) < 4:
        return None
    ent = entity_of(sent[1], ("ORG", "FAC")) or entity_of(sent[2], ("ORG", "FAC"))
    if ent is None or ent.end >= len(t.doc) or t.doc[ent.end].text != "," or ent.end > t.i:
        return None
    return ent


def _has_who_clause(t: Token) -> bool:
    return any(
        c.dep_ == "relcl" and any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ == "who" for g in c.children)
        for c in t.children
    )


def _listener(t: Token) -> bool:
    """An outlet spoken to ("told the BBC", "told the Reuters news agency"): not what a later "it" means."""
    while t.dep_ in ("compound", "nmod") and t.head.i != t.i:
        t = t.head
    if t.dep_ in ("dobj", "dative") and t.head.lemma_.lower() == "tell":
        return True
    return t.dep_ == "pobj" and t.head.lower_ == "to" and t.head.head.lemma_.lower() in ("say", "speak", "talk")
