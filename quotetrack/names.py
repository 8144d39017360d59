"""Names as strings: a person's name cleaned of honorifics, the gender it carries, an organisation's
name normalised, and the keys names are compared by.

Apart from :func:`is_given_name`, which asks the parse when no name list is installed, these work on
text alone, so the article's :class:`~quotetrack.cast.Cast` and the phrase readers share them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Optional

from spacy.tokens import Token

from .lexicon import (
    ABBREVIATED_TITLES,
    DEMONYMS,
    FEMALE_HONORIFICS,
    GENERATIONAL_SUFFIXES,
    HONORIFICS,
    MALE_HONORIFICS,
    PARTY_ORGS,
    PORTFOLIO_NOUNS,
    ROLE_HEADS,
    STATE_ABBREVIATIONS,
    STATE_ABBREVIATIONS_DOTTED_ONLY,
)
from .parse import is_role_noun, sentence_initial


_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def strip_accents(text: str) -> str:
    """``text`` without diacritics ("Pashinyan" for "Pashinyán"): names are compared without them."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def clean_name(text: str) -> str:
    """A person's name without honorifics, possessive or stray punctuation ("Mr Blair's" -> "Blair")."""
    text = _POSSESSIVE.sub("", _ZERO_WIDTH.sub("", text).strip())
    words = [w for w in re.split(r"\s+", text) if w]
    while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]
    name = " ".join(words).strip(" ,.;:-\u2013\u2014\u2015\"'\u201c\u201d\u2018\u2019")
    if len(words) > 1 and words[-1].lower() in ("jr.", "sr.") and name.endswith(words[-1][:-1]):
        name += "."  # "Joseph R. Biden Jr.": the abbreviation's point is no stray punctuation
    return name


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


#: English common nouns (WordNet's, from the pipeline's lemmatizer tables: :func:`learn_common_nouns`);
#: empty until a pipeline with them is loaded, and then :func:`labels_a_name` decides nothing.
_COMMON_NOUNS: frozenset = frozenset()


def learn_common_nouns(nlp) -> None:
    """Keep the noun list of ``nlp``'s rule lemmatizer (en_core_web_sm's ``lemma_index``), if it has one.

    Called wherever a pipeline is loaded for extraction or training, so both read names alike."""
    global _COMMON_NOUNS
    try:
        table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    except (KeyError, ValueError, AttributeError):
        return
    nouns = table.get("noun") if hasattr(table, "get") else None
    if nouns:
        _COMMON_NOUNS = frozenset(nouns)


def ends_in_a_common_noun(name: str) -> Optional[bool]:
    """Whether a name's last word is an English common noun ("Obama Speech" from a caption); None when no
    noun list is loaded (see :func:`learn_common_nouns`)."""
    if not _COMMON_NOUNS:
        return None
    parts = without_suffix(name.split())
    return bool(parts) and parts[-1].lower() in _COMMON_NOUNS


def labels_a_name(run: list[Token]) -> bool:
    """Whether the first word of a capitalised run is a common noun labelling the person named after
    it: "Voter Kitty Mak told ...", "Retiree Tom Hanks said" (the entity tagger runs a sentence-opening
    label into the name).

    Only at the start of a sentence, only a word that is an English noun and no first name, and only
    before a listed first name, so "Rose Mary Smith" and "Will Jones" keep their names; without
    gender-guesser's name list (optional) nothing is cut."""
    if len(run) < 3 or not _COMMON_NOUNS or _gender_detector() is None:
        return False
    first, given = run[0], run[1]
    if not (first.is_title and first.text.isalpha() and given.text.isalpha() and given.is_title):
        return False
    if first.lower_ not in _COMMON_NOUNS or _listed_first_name(first.text) or not _listed_first_name(given.text):
        return False
    return sentence_initial(first)


def is_given_name(word: Token) -> bool:
    """Whether ``word`` is a first name, of any gender ("Charlie", "Kim" as much as "Rob").

    From gender-guesser's name list where it is installed; without it, from the entity tagger:
    the first word of a PERSON name that is a proper noun and not a title."""
    if _gender_detector() is not None and word.text.isalpha():
        return _listed_first_name(word.text)
    return word.ent_type_ == "PERSON" and word.ent_iob_ == "B" and word.pos_ == "PROPN" and not is_role_noun(word)


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


def is_own_name(org: Optional[str], name: Optional[str]) -> bool:
    """Whether ``org`` is only the person's own name ("Julia Brownley (CA-26)"), with a place the recogniser
    ran into it ("Vermont Bernie Sanders") or with a title ("Congressman Cleaver"): no body of theirs."""
    if not org or not name:
        return False
    bare = strip_accents(re.sub(r"\s*\([^)]*\)?\s*$", "", org).strip()).lower()
    own = strip_accents(name).lower()
    if bare and bare.split()[-1] == surname(name) and all(_title_word(w) for w in bare.split()[:-1]):
        return True  # "Congressman Cleaver", which the recogniser tagged a body
    return bool(bare) and (bare == own or (" " in own and bare.endswith(" " + own)))


def _title_word(word: str) -> bool:
    w = word.rstrip(".")
    return w in ROLE_HEADS or w in ABBREVIATED_TITLES or w in HONORIFICS


def is_body(org: Optional[str]) -> bool:
    """Whether an organisation name can name a body: not a field or portfolio ("Care", "Health and Wellbeing").

    "Head of Care at Diabetes UK", "Secretary of State": what a title is "of" is often the field it
    covers, written with capitals, not the body that employs its holder.
    """
    if not org:
        return True
    words = [w for w in re.split(r"[\s\-]+", org.lower()) if w and w not in ("and", "&", "of", "the", "for")]
    return not words or not all(w in PORTFOLIO_NOUNS for w in words)


def name_key(name: str) -> str:
    """A name folded for comparison: accents, case and spaces aside."""
    return strip_accents(name).lower().replace(" ", "")


def is_suffix(word: str) -> bool:
    """A generational suffix that ends a name ("Jr.", "III"): never its surname."""
    return word.lower().rstrip(".,") in GENERATIONAL_SUFFIXES


def without_suffix(parts: list[str]) -> list[str]:
    """A name's words without the generational suffixes after the surname ("Joseph R. Biden Jr.")."""
    end = len(parts)
    while end > 1 and is_suffix(parts[end - 1]):
        end -= 1
    return parts[:end]


def surname(name: str) -> str:
    """The comparison key of a name's surname: its last word that is not a suffix ("biden" for
    "Joseph R. Biden Jr."), so that a later bare "Biden" finds the full name."""
    parts = without_suffix(name.split())
    return strip_accents(parts[-1]).lower() if parts else ""


def without_initials(name: str) -> str:
    """A name's comparison key without middle initials: "Robin L. Kelly" -> "robin kelly". A suffix stays:
    "Donald Trump Jr." is not "Donald J. Trump"."""
    parts = strip_accents(name).lower().split()
    if len(parts) <= 2:
        return " ".join(parts)
    middle = [p for p in parts[1:-1] if not re.fullmatch(r"[a-z]\.?", p)]
    return " ".join([parts[0], *middle, parts[-1]])


def tail_key(parts: list[str]) -> str:
    """The comparison key of a name's last words ("de Blasio"), to find the full name they end."""
    return " ".join(strip_accents(p).lower() for p in parts)
