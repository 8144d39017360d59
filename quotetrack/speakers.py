"""Who a speaker is across articles: name keys, speaker ids, aliases, roles and a registry.

The extractor names a speaker within one article (``Quote.speaker`` is the fullest name
the article gave, role words already stripped). This module decides which quotes of
*different* articles are the same speaker, and keeps the tables that let a researcher
browse a person's names and titles over time:

``speakers``
    One row per person or organisation across the database, one per article for
    speakers known only by role, plus the people of a user-supplied registry.
``speaker_aliases``
    Every form a speaker was named by (the canonical name and the mention written next
    to the quote), with the number of quotes, and the registry's aliases.
``speaker_roles``
    Each role and organisation a speaker was quoted under, with the first and last day
    and the number of quotes.

Identity rules, from safest to most guarded:

- A **multi-word** person name ("Nikol Pashinyan") is global: its id hashes the speaker
  type and :func:`name_key` (case, spacing, apostrophes, full stops, diacritics and leading
  honorifics such as Mr, Dr, Prof, Sir folded; peers' "Lord X" kept), so the same person
  is one row across articles.
- An **organisation** is global by its key, even when it is one word ("NASA").
- A **single-word** person name (a bare surname the article never expanded: "Smith") is
  never merged across articles on its own, since two articles' "Smith" are as likely two
  people as one. Within one article it joins the one multi-word speaker of that article
  whose last word it is (or, with a registry, whose registry aliases include it); if
  there is none, or more than one, it is a speaker of that article alone (its id hashes
  the article id, and ``speakers.article_id`` says which).
- A speaker known only by **role** and organisation ("a Google spokesman") is one row per
  article, role and org, never merged with other anonymous speakers.
- The **registry** (:func:`import_registry`, ``quotetrack speakers import people.csv``)
  names people and their aliases. A multi-word alias links every quote with that name, in
  any article, to the registry speaker. A single-word alias is stored but, being
  ambiguous, links a bare surname only inside an article that also quotes the registry
  speaker under a multi-word name (for an organisation, whose names are global anyway,
  single-word aliases link everywhere). An alias two registry entries share links
  neither.

Everything here is a pure function of the article's quotes and the registry, so the
store can resolve an article's speakers when it is added, and :func:`relink_articles`
can resolve them again after a registry import with the same code.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Iterable, Optional, Sequence

import sqlite_utils

from .lexicon import GENERATIONAL_SUFFIXES
from .models import Quote, content_hash

#: Honorifics dropped from the front of a name: "Dr Jane Smith" is "Jane Smith".
#: Peers' titles (Lord, Lady, Baroness) are not here: "Lord Butler" is the name.
HONORIFICS = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame rev revd reverend fr".split()
)

#: Speaker types whose names identify them (``unnamed`` and ``none`` do not).
NAMED_TYPES = ("person", "organisation", "document")

_APOSTROPHES = "'\u2019\u2018\u02bc`\u00b4"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2212"
_STRIP = re.compile(r"[^\w\s-]")


def fold(text: str) -> str:
    """Case, diacritics, apostrophes and full stops folded; spacing collapsed.

    ``"Neil O’Brien"`` and ``"neil obrien"`` fold alike; hyphens are kept, so a
    hyphenated surname stays one word.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold()
    for c in _APOSTROPHES:
        text = text.replace(c, "")
    for c in _DASHES:
        text = text.replace(c, "-")
    text = _STRIP.sub(" ", text)
    return " ".join(w.strip("-") for w in text.split() if w.strip("-"))


def honorific_count(key_words: Sequence[str]) -> int:
    """How many leading words of a (folded) name are honorifics, never all of them."""
    n = 0
    while n < len(key_words) - 1 and key_words[n] in HONORIFICS:
        n += 1
    return n


def name_key(name: str, speaker_type: str = "person") -> str:
    """The form of a name that speaker ids hash.

    ``"Dr. Jürgen Müller"``, ``"jurgen  muller"`` and ``"Jürgen Müller"`` are one key,
    ``"jurgen muller"``. For organisations a leading "the" goes instead of honorifics
    ("The White House" = "White House").
    """
    words = fold(name).split()
    if speaker_type == "organisation":
        if len(words) > 1 and words[0] == "the":
            words = words[1:]
    else:
        words = words[honorific_count(words):]
    return " ".join(words)


def display_name(name: str, speaker_type: str = "person") -> str:
    """The label of a speaker: the name as first written, less leading honorifics."""
    words = " ".join(name.split()).split(" ")
    if speaker_type != "organisation":
        words = words[honorific_count([fold(w) for w in words]):]
    return " ".join(words).strip(" ,;:")


def is_multiword(key: str) -> bool:
    return " " in key


def surname_key(key: str) -> str:
    """The surname of a folded multi-word name: its last word before any "jr", "iii" ("biden" for
    "joseph r biden jr"), which is what a bare surname elsewhere in the article writes. (names.surname's
    rule for folded keys: names reads the parse, and storing speakers needs no spaCy.)"""
    words = key.split()
    while len(words) > 1 and words[-1] in GENERATIONAL_SUFFIXES:
        words.pop()
    return words[-1]


def global_id(speaker_type: str, key: str) -> str:
    """Id of a speaker known across articles (also a registry speaker's id)."""
    return content_hash("speaker", speaker_type, key)


def local_id(article_id: str, speaker_type: str, key: str) -> str:
    """Id of a bare-surname speaker, known in one article only."""
    return content_hash("speaker", speaker_type, "article", article_id, key)


def unnamed_id(article_id: str, role: Optional[str], org: Optional[str]) -> str:
    return content_hash("unnamed", article_id, fold(role) if role else "", fold(org) if org else "")


def clean(value: Optional[str]) -> Optional[str]:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


# --- the registry ----------------------------------------------------------------------


@dataclass
class Registry:
    """The user's registry as the resolver needs it, loaded from ``speaker_aliases``.

    ``keys`` maps every registry name or alias key to the registry speakers that claim it
    (more than one: ambiguous, links none); ``short`` maps a registry speaker to its
    single-word keys; ``types`` gives each registry speaker's type.
    """

    keys: dict[str, set[str]] = field(default_factory=dict)
    short: dict[str, set[str]] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, db: sqlite_utils.Database) -> "Registry":
        reg = cls()
        if not db["speakers"].exists() or "registry" not in db["speakers"].columns_dict:
            return reg
        for row in db.query(
            "select speaker_aliases.speaker_id, speaker_aliases.key, speakers.speaker_type "
            "from speaker_aliases join speakers on speakers.id = speaker_aliases.speaker_id "
            "where speaker_aliases.registry = 1 and speakers.registry = 1"
        ):
            reg.add(row["speaker_id"], row["key"], row["speaker_type"])
        return reg

    def add(self, speaker_id: str, key: str, speaker_type: str) -> None:
        if not key:
            return
        self.types[speaker_id] = speaker_type
        self.keys.setdefault(key, set()).add(speaker_id)
        if not is_multiword(key):
            self.short.setdefault(speaker_id, set()).add(key)

    def lookup(self, key: str, speaker_type: str) -> Optional[str]:
        """The registry speaker a name links to anywhere, or None.

        Multi-word keys link any named speaker; single-word keys only organisations.
        """
        if not is_multiword(key) and speaker_type != "organisation":
            return None
        ids = self.keys.get(key)
        if ids and len(ids) == 1:
            sid = next(iter(ids))
            # a person in the registry never takes over an organisation of the same name
            # (Michael Dell and Dell, John Lewis and John Lewis): the types must agree
            if _same_kind(self.types.get(sid), speaker_type):
                return sid
        return None

    def ambiguous(self) -> dict[str, set[str]]:
        return {k: v for k, v in self.keys.items() if len(v) > 1}


def _same_kind(registry_type: Optional[str], speaker_type: str) -> bool:
    """Registry people link people (and documents they wrote); organisations link organisations."""
    people = ("person", "document")
    if registry_type in people:
        return speaker_type in people
    return registry_type == speaker_type


# --- resolving one article's speakers ----------------------------------------------------


def resolve_speakers(
    article_id: str, quotes: Sequence[Quote], registry: Optional[Registry] = None
) -> list[Optional[dict]]:
    """The ``speakers`` row each quote points to (None for an unattributed quote).

    Two passes, so the result does not depend on the order of the quotes: multi-word
    names and organisations first, then single-word person names, which may join one
    speaker of the first pass (see the module docstring).
    """
    registry = registry or Registry()
    rows: list[Optional[dict]] = [None] * len(quotes)
    # Pass 1: everything but bare single-word names of people and documents.
    surnames: dict[str, set[str]] = {}  # last word -> ids of this article's multi-word speakers
    present: set[str] = set()
    first: dict[str, dict] = {}  # id -> the row pass 1 made for it (full name, key and type)
    pending: list[int] = []
    for i, quote in enumerate(quotes):
        name = clean(quote.speaker)
        type_ = quote.speaker_type or "person"
        key = name_key(name, type_) if name and type_ not in ("unnamed", "none") else ""
        if key and (type_ == "organisation" or is_multiword(key)):
            sid = registry.lookup(key, type_) or global_id(type_, key)
            rows[i] = _named_row(sid, name, type_, key)
            first.setdefault(sid, rows[i])
            if type_ != "organisation":
                surnames.setdefault(surname_key(key), set()).add(sid)
                present.add(sid)
            continue
        if key:
            pending.append(i)
            continue
        # No usable name: a speaker known by role and organisation, if anything.
        role, org = clean(quote.role), clean(quote.org)
        if role or org:
            label = ", ".join(p for p in (role, org) if p) + " (unnamed)"
            rows[i] = {
                "id": unnamed_id(article_id, role, org),
                "name": label,
                "speaker_type": "unnamed",
                "key": None,
                "role": role,
                "org": org,
                "article_id": article_id,
            }
    # Pass 2: bare names join the one multi-word speaker of the article they can be.
    for i in pending:
        quote = quotes[i]
        name = clean(quote.speaker)
        type_ = quote.speaker_type or "person"
        key = name_key(name, type_)
        candidates = set(surnames.get(key, ()))
        candidates |= {sid for sid in present if key in registry.short.get(sid, ())}
        if len(candidates) == 1:
            sid = next(iter(candidates))
            # the full name's row, never one built from the bare surname: whichever comes
            # first in the article, the global speaker keeps its full name, key and type
            rows[i] = dict(first[sid]) if sid in first else _named_row(sid, name, type_, key)
        else:
            row = _named_row(local_id(article_id, type_, key), name, type_, key)
            row["article_id"] = article_id
            rows[i] = row
    return rows


def _named_row(sid: str, name: str, speaker_type: str, key: str) -> dict:
    return {
        "id": sid,
        "name": display_name(name, speaker_type) or name,
        "speaker_type": speaker_type,
        "key": key,
        "role": None,
        "org": None,
        "article_id": None,
    }


# --- aliases and roles -------------------------------------------------------------------


def alias_forms(speaker: dict, quote_speaker: Optional[str], mention: Optional[str]) -> list[str]:
    """The forms a quote names its speaker by: the canonical name and the mention.

    A mention counts only when it shares a word with the name ("Pashinyan", "Mr
    Pashinyan", "Prime Minister Nikol Pashinyan"), not "he" or "the minister".
    Speakers known only by role have no aliases.
    """
    if speaker.get("speaker_type") == "unnamed" or not speaker.get("key"):
        return []
    forms = []
    name = clean(quote_speaker)
    if name:
        forms.append(name)
    mention = clean(mention)
    if mention and mention != name:
        words = set(speaker["key"].split())
        if words & set(fold(mention).split()):
            forms.append(mention)
    return forms


def role_id(speaker_id: str, role: Optional[str], org: Optional[str]) -> str:
    return content_hash("role", speaker_id, fold(role) if role else "", fold(org) if org else "")


def day_of(quote_row: dict) -> Optional[str]:
    """The day words were said: ``said_on``, else the publication date."""
    day = quote_row.get("said_on") or quote_row.get("published")
    return day[:10] if day else None


def _min(a, b):
    return b if a is None else a if b is None else min(a, b)


def _max(a, b):
    return b if a is None else a if b is None else max(a, b)


def speaker_stats(quote_rows: Iterable[dict]) -> tuple[dict, dict]:
    """Alias and role rows (with counts and dates) from quote rows that have speaker ids.

    Each quote row needs ``speaker_id``, ``speaker_type`` of its speaker under
    ``_speaker`` (the speakers row), ``speaker``, ``speaker_mention``, ``role``, ``org``,
    ``said_on``, ``published``. Returns ``(aliases, roles)`` keyed by their primary keys.
    """
    aliases: dict[tuple[str, str], dict] = {}
    roles: dict[str, dict] = {}
    for q in quote_rows:
        speaker = q["_speaker"]
        sid = speaker["id"]
        for form in alias_forms(speaker, q.get("speaker"), q.get("speaker_mention")):
            row = aliases.setdefault(
                (sid, form),
                {"speaker_id": sid, "alias": form, "key": name_key(form, speaker["speaker_type"]), "count": 0},
            )
            row["count"] += 1
        role, org = clean(q.get("role")), clean(q.get("org"))
        if role or org:
            rid = role_id(sid, role, org)
            day = day_of(q)
            row = roles.setdefault(
                rid,
                {"id": rid, "speaker_id": sid, "role": role, "org": org,
                 "first_said": day, "last_said": day, "quotes": 0},
            )
            row["quotes"] += 1
            row["first_said"] = _min(row["first_said"], day)
            row["last_said"] = _max(row["last_said"], day)
    return aliases, roles


ALIAS_UPSERT = """
insert into speaker_aliases (speaker_id, alias, key, count, registry)
values (:speaker_id, :alias, :key, :count, 0)
on conflict (speaker_id, alias) do update set count = count + excluded.count
"""

ROLE_UPSERT = """
insert into speaker_roles (id, speaker_id, role, org, first_said, last_said, quotes)
values (:id, :speaker_id, :role, :org, :first_said, :last_said, :quotes)
on conflict (id) do update set
  quotes = quotes + excluded.quotes,
  first_said = case when first_said is null or excluded.first_said < first_said
                    then excluded.first_said else first_said end,
  last_said = case when last_said is null or excluded.last_said > last_said
                   then excluded.last_said else last_said end
"""


def add_speaker_stats(db: sqlite_utils.Database, quote_rows: Iterable[dict]) -> None:
    """Add one article's quotes to ``speaker_aliases`` and ``speaker_roles`` (counts add up).

    Called inside the article's transaction, so the counts move with the quotes.
    """
    aliases, roles = speaker_stats(quote_rows)
    if aliases:
        db.conn.executemany(ALIAS_UPSERT, list(aliases.values()))
    if roles:
        db.conn.executemany(ROLE_UPSERT, list(roles.values()))


def rebuild_speaker_stats(db: sqlite_utils.Database, speaker_ids: Optional[Iterable[str]] = None) -> None:
    """Recompute aliases and roles from the quotes, for ``speaker_ids`` or everyone.

    Registry aliases stay (their counts are recomputed); other aliases and all roles are
    rebuilt from the quotes that point at the speaker.
    """
    if speaker_ids is None:
        db.execute("delete from speaker_aliases where registry = 0")
        db.execute("update speaker_aliases set count = 0")
        db.execute("delete from speaker_roles")
    else:
        ids = sorted(set(speaker_ids))
        if not ids:
            return
        db.conn.executemany("delete from speaker_aliases where speaker_id = ? and registry = 0", [[i] for i in ids])
        db.conn.executemany("update speaker_aliases set count = 0 where speaker_id = ?", [[i] for i in ids])
        db.conn.executemany("delete from speaker_roles where speaker_id = ?", [[i] for i in ids])
    speakers = {}

    def rows():
        if speaker_ids is None:
            cursor = db.query(QUOTE_SPEAKER_SQL + " where quotes.speaker_id is not null")
            yield from cursor
        else:
            for sid in ids:
                yield from db.query(QUOTE_SPEAKER_SQL + " where quotes.speaker_id = ?", [sid])

    def with_speaker(rows):
        for q in rows:
            sid = q["speaker_id"]
            if sid not in speakers:
                speakers[sid] = {"id": sid, "speaker_type": q.pop("s_type"), "key": q.pop("s_key")}
            else:
                q.pop("s_type"), q.pop("s_key")
            q["_speaker"] = speakers[sid]
            yield q

    add_speaker_stats(db, with_speaker(rows()))


QUOTE_SPEAKER_SQL = """
select quotes.speaker_id, quotes.speaker, quotes.speaker_mention, quotes.role, quotes.org,
       quotes.said_on, quotes.published, speakers.speaker_type as s_type, speakers.key as s_key
from quotes join speakers on speakers.id = quotes.speaker_id
"""


# --- the registry: import and relinking ---------------------------------------------------

_WIKIDATA = re.compile(r"^(?:https?://(?:www\.)?wikidata\.org/(?:wiki|entity)/)?(Q[1-9][0-9]*)$", re.I)


@dataclass
class RegistryEntry:
    name: str
    aliases: list[str]
    speaker_type: str = "person"
    wikidata_id: Optional[str] = None
    description: Optional[str] = None
    line: int = 0

    @property
    def id(self) -> str:
        return global_id(self.speaker_type, name_key(self.name, self.speaker_type))


@dataclass
class ImportStats:
    rows: int = 0
    speakers: int = 0
    aliases: int = 0
    relinked_quotes: int = 0
    merged_speakers: int = 0
    errors: int = 0
    warnings: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return (
            f"{self.rows} row{'s' if self.rows != 1 else ''} read, {self.speakers} registry speakers, "
            f"{self.aliases} aliases, {self.relinked_quotes} quotes relinked, "
            f"{self.merged_speakers} speakers merged, "
            f"{self.errors} error{'s' if self.errors != 1 else ''}"
        )


def read_registry(path: str, on_error: Callable[[str], None]) -> list[RegistryEntry]:
    """Registry rows from a CSV with a header: ``name``, ``aliases`` (``|`` or ``;``
    separated), optional ``wikidata_id``, ``description`` and ``type`` (person or
    organisation; default person).

    A bad row is one ``"<path>:<line>: <reason>"`` message to ``on_error``; the others
    are read. A file that cannot be read at all raises ``OSError``/``ValueError``.
    """
    entries = []
    with open(path, encoding="utf-8-sig", newline="") as fp:
        reader = csv.DictReader(fp)
        fields = [f.strip().lower() for f in reader.fieldnames or []]
        if "name" not in fields:
            raise ValueError(f"{path}: no 'name' column in the header (expected name,aliases,wikidata_id,description)")
        reader.fieldnames = fields
        for row in reader:
            line = reader.line_num
            try:
                entries.append(_entry(row, line))
            except ValueError as exc:
                on_error(f"{path}:{line}: {exc}")
    return entries


def _entry(row: dict, line: int) -> RegistryEntry:
    if None in row:
        raise ValueError("more fields than the header has")
    name = clean(row.get("name"))
    if not name:
        raise ValueError("no name")
    type_ = (clean(row.get("type")) or "person").lower()
    if type_ in ("organization", "org"):
        type_ = "organisation"
    if type_ not in ("person", "organisation"):
        raise ValueError(f"type must be person or organisation, not {type_!r}")
    if not name_key(name, type_):
        raise ValueError(f"name {name!r} has no letters")
    wikidata = clean(row.get("wikidata_id"))
    if wikidata:
        match = _WIKIDATA.match(wikidata)
        if not match:
            raise ValueError(f"wikidata_id must look like Q42, not {wikidata!r}")
        wikidata = match.group(1).upper()
    aliases = [a for a in (clean(x) for x in re.split(r"[|;]", row.get("aliases") or "")) if a]
    return RegistryEntry(
        name=name,
        aliases=aliases,
        speaker_type=type_,
        wikidata_id=wikidata,
        description=clean(row.get("description")),
        line=line,
    )


REGISTRY_ALIAS_UPSERT = """
insert into speaker_aliases (speaker_id, alias, key, count, registry)
values (:speaker_id, :alias, :key, 0, 1)
on conflict (speaker_id, alias) do update set registry = 1, key = excluded.key
"""


def import_registry(db: sqlite_utils.Database, entries: Iterable[RegistryEntry]) -> ImportStats:
    """Store registry speakers and their aliases, then relink the quotes they name.

    One transaction. A registry speaker's id is the id its name would have anyway
    (:func:`global_id`), so a person already in the database under that name keeps their
    row, which gains the Wikidata id and description. Quotes whose speaker has one of the
    entry's multi-word names, anywhere, move to the registry speaker; the speaker rows
    they leave (now without quotes) are deleted, their aliases and roles folded in.
    Importing the same file again changes nothing.
    """
    stats = ImportStats()
    entries = list(entries)
    stats.rows = len(entries)
    keys: set[str] = set()
    wikidata_of: dict[str, Optional[str]] = {}
    with db.atomic():
        for e in entries:
            key = name_key(e.name, e.speaker_type)
            sid = e.id
            if sid in wikidata_of and e.wikidata_id and wikidata_of[sid] and e.wikidata_id != wikidata_of[sid]:
                # two people with one name ("John Smith", Q1 and Q2): quotes cannot tell them
                # apart by name, so the second is refused rather than merged into the first
                stats.warnings.append(
                    f"{e.name}: {e.wikidata_id} has the same name as {wikidata_of[sid]}; skipped "
                    "(give one of them a distinguishing name)"
                )
                stats.errors += 1
                continue
            wikidata_of.setdefault(sid, e.wikidata_id)
            db.execute(
                """
insert into speakers (id, name, speaker_type, key, wikidata_id, description, registry)
values (?, ?, ?, ?, ?, ?, 1)
on conflict (id) do update set name = excluded.name, key = excluded.key,
  wikidata_id = coalesce(excluded.wikidata_id, wikidata_id),
  description = coalesce(excluded.description, description),
  registry = 1, article_id = null
""",
                [sid, e.name, e.speaker_type, key, e.wikidata_id, e.description],
            )
            forms = list(dict.fromkeys([e.name, *e.aliases]))
            rows = []
            for form in forms:
                k = name_key(form, e.speaker_type)
                if k:
                    rows.append({"speaker_id": sid, "alias": form, "key": k})
                    keys.add(k)
            db.conn.executemany(REGISTRY_ALIAS_UPSERT, rows)
            stats.aliases += len(rows)
        stats.speakers = len({e.id for e in entries})
        registry = Registry.load(db)
        for key, ids in sorted(registry.ambiguous().items()):
            if key in keys:
                names = sorted(r["name"] for r in db["speakers"].rows_where(
                    f"id in ({','.join('?' * len(ids))})", sorted(ids)))
                stats.warnings.append(
                    f"the name {key!r} belongs to {' and '.join(names)}: it links neither"
                )
        articles = _articles_naming(db, keys)
        moved, merged = relink_articles(db, articles, registry)
        stats.relinked_quotes = moved
        stats.merged_speakers = merged
    return stats


def _articles_naming(db: sqlite_utils.Database, keys: Iterable[str]) -> list[str]:
    """Articles with a quote whose speaker has one of ``keys`` (or its last word)."""
    keys = sorted(set(keys))
    found: set[str] = set()
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            r[0]
            for r in db.execute(
                f"select distinct quotes.article_id from quotes join speakers "
                f"on speakers.id = quotes.speaker_id where speakers.key in ({marks})",
                chunk,
            )
        )
    return sorted(found)


def _quote_for(row: dict) -> Quote:
    return Quote(
        text="",
        start=row["start"],
        end=row["end"],
        speaker=row["speaker"],
        speaker_mention=row["speaker_mention"],
        speaker_type=row["speaker_type"] or "unnamed",
        role=row["role"],
        org=row["org"],
    )


def relink_articles(
    db: sqlite_utils.Database, article_ids: Iterable[str], registry: Registry
) -> tuple[int, int]:
    """Resolve the speakers of ``article_ids`` again; returns (quotes moved, speakers merged).

    Quotes whose speaker changes point to the new one; speakers left without quotes
    (and not in the registry) are deleted; aliases, roles and claim speakers of every
    speaker involved are recomputed from the quotes. Run inside a transaction.
    """
    from . import claims as claims_mod

    moved = 0
    involved: set[str] = set()
    claims: set[str] = set()
    for article_id in article_ids:
        rows = list(db.query(
            'select id, speaker, speaker_mention, speaker_type, role, org, start, "end", '
            "speaker_id, claim_id from quotes where article_id = ? order by start, \"end\", id",
            [article_id],
        ))
        resolved = resolve_speakers(article_id, [_quote_for(r) for r in rows], registry)
        new_speakers = {}
        updates = []
        for row, speaker in zip(rows, resolved):
            new_id = speaker["id"] if speaker else None
            if new_id != row["speaker_id"]:
                updates.append((new_id, row["id"]))
                involved.update(x for x in (new_id, row["speaker_id"]) if x)
                if row["claim_id"]:
                    claims.add(row["claim_id"])
                if speaker:
                    new_speakers[new_id] = {**speaker, "registry": 0}
        if updates:
            if new_speakers:
                db["speakers"].insert_all(new_speakers.values(), ignore=True)
            db.conn.executemany("update quotes set speaker_id = ? where id = ?", updates)
            moved += len(updates)
    merged = 0
    if involved:
        ids = sorted(involved)
        orphans = [
            sid for sid in ids
            if not db.execute("select 1 from quotes where speaker_id = ? limit 1", [sid]).fetchone()
            and not db.execute("select 1 from speakers where id = ? and registry = 1", [sid]).fetchone()
        ]
        for sid in orphans:
            db.execute("delete from speaker_aliases where speaker_id = ?", [sid])
            db.execute("delete from speaker_roles where speaker_id = ?", [sid])
            db.execute("delete from claim_speakers where speaker_id = ?", [sid])
            db.execute("delete from speakers where id = ?", [sid])
        merged = len(orphans)
        rebuild_speaker_stats(db, [sid for sid in ids if sid not in set(orphans)])
        claims_mod.refresh_claim_speakers(db, claims)
    return moved, merged


def rebuild_speakers(db: sqlite_utils.Database) -> int:
    """Resolve every article's speakers again (current rules and registry), delete speakers
    without quotes (registry speakers stay), and rebuild aliases, roles and claim speakers.

    For a database written by an older quotetrack, or after changing the rules. Returns
    the number of quotes whose speaker changed.
    """
    from . import claims as claims_mod

    with db.atomic():
        registry = Registry.load(db)
        articles = [r[0] for r in db.execute("select id from articles order by ingested_at, rowid")]
        moved, _ = relink_articles(db, articles, registry)
        db.execute(
            "update speakers set key = null where key is not null and speaker_type = 'unnamed'"
        )
        orphans = [r[0] for r in db.execute(
            "select id from speakers where registry is not 1 "
            "and id not in (select speaker_id from quotes where speaker_id is not null)"
        )]
        for sid in orphans:
            db.execute("delete from speaker_aliases where speaker_id = ?", [sid])
            db.execute("delete from speaker_roles where speaker_id = ?", [sid])
            db.execute("delete from speakers where id = ?", [sid])
        _fill_keys(db)
        db.execute("update speakers set registry = 0 where registry is null")
        rebuild_speaker_stats(db)
        claims_mod.refresh_claim_speakers(db)
    return moved


def _fill_keys(db: sqlite_utils.Database) -> None:
    """Name keys for speakers written before the ``key`` column existed."""
    rows = [
        (name_key(r["name"], r["speaker_type"]), r["id"])
        for r in db.query(
            "select id, name, speaker_type from speakers where key is null and speaker_type != 'unnamed'"
        )
    ]
    if rows:
        db.conn.executemany("update speakers set key = ? where id = ?", rows)
