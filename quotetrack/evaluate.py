"""Measure quote extraction and attribution against hand-annotated gold articles.

A gold directory holds ``<id>.txt`` (the article, byte-for-byte), ``<id>.json`` (sidecar:
``publication_date``, ``outlet``, ``title``) and ``<id>.gold.json`` (``quotes`` and
``excluded`` spans; format in the dev set's README). Everything here except
:func:`evaluate` is a pure function of gold and predictions, so the scoring rules can be
unit-tested without spaCy.

Metrics (all pooled over the whole set, not averaged per article):

* **quote precision / recall / F1** -- gold and predicted quotes are paired one-to-one per
  article, greedily by token F1 of their normalised text (highest first); a pair counts
  when that F1 is >= :data:`MATCH_THRESHOLD`. An unmatched prediction that overlaps an
  ``excluded`` span (titles, nicknames, scare quotes) counts neither way.
* **speaker accuracy** over matched quotes whose gold speaker is not null: exact match of
  the canonical name after :func:`normalise_name` (honorifics dropped, peers' "Lord" kept);
  **lenient** = same last word.
* **role / org accuracy** over matched quotes whose gold gives one (see :func:`role_keys`,
  :func:`org_keys` for what counts as equal).
* **attribution precision / recall / F1** -- a prediction is right only when its quote
  matches and its speaker is exactly right (a null gold speaker is right only when the
  prediction's speaker is null too).
* per-category recall and speaker accuracy (:func:`categorise`), and precision by
  confidence band.

Updating the recorded figures (``tests/dev_figures.json``): when the extractor improves, run
``quotetrack evaluate ../shared/corpus/dev --json`` (or, without the CLI,
``python -c "import json; from quotetrack.evaluate import evaluate;
print(json.dumps(evaluate('../shared/corpus/dev').headline(), indent=2))"``) from the repo
root and copy the ``headline`` values into ``figures`` in ``tests/dev_figures.json``. The
regression test fails when any of them drops more than 0.02 below the recorded value; only
ever raise them.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Optional, Sequence

from .models import Article, Quote

MATCH_THRESHOLD = 0.8
"""Token F1 at or above which a gold and a predicted quote are the same quote."""

CALIBRATION_BINS = 10
"""Equal-width confidence bins of the reliability table and the expected calibration error."""

HIGH_CONFIDENCE = 0.8
"""Quotes at or above this confidence must be visibly more precise than the rest."""

CONFIDENCE_BANDS: tuple[tuple[str, float, float], ...] = (
    (">= 0.8", 0.8, float("inf")),
    ("0.5-0.8", 0.5, 0.8),
    ("< 0.5", float("-inf"), 0.5),
    ("< 0.8", float("-inf"), 0.8),
)
"""(label, low inclusive, high exclusive); the last row pools everything below 0.8."""

HEADLINE = (
    "quote_precision",
    "quote_recall",
    "quote_f1",
    "speaker_accuracy",
    "speaker_accuracy_lenient",
    "role_accuracy",
    "org_accuracy",
    "attribution_precision",
    "attribution_recall",
    "attribution_f1",
)

CATEGORIES = (
    "partial",
    "multi_paragraph",
    "split",
    "continuation",
    "pronoun",
    "organisation",
    "document",
    "unnamed",
)

# Honorifics dropped from the front of a name before comparing. Peers' titles ("Lord",
# "Lady", "Baroness") are kept because the gold keeps them: "Lord Butler" is the name.
HONORIFICS = frozenset(
    "mr mrs ms miss mx dr sir dame prof professor rev revd reverend fr".split()
)
NAME_SUFFIXES = frozenset("jr sr ii iii iv".split())
ARTICLES = frozenset("the a an".split())

# General English reporting verbs (inflected forms; noun-like forms such as "state",
# "comment", "call" left out), used only to derive the categories.
SPEECH_VERB_RE = re.compile(
    r"\b(?:"
    r"sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|add(?:s|ed|ing)?|"
    r"explain(?:s|ed|ing)?|ask(?:s|ed|ing)?|wr(?:ite|ites|ote|iting|itten)|"
    r"not(?:es|ed|ing)|claim(?:s|ed|ing)?|warn(?:s|ed|ing)?|stated|"
    r"declar(?:e|es|ed|ing)|repl(?:y|ies|ied|ying)|jok(?:e|es|ed|ing)|"
    r"admit(?:s|ted|ting)?|insist(?:s|ed|ing)?|argu(?:e|es|ed|ing)|"
    r"continu(?:e|es|ed|ing)|recall(?:s|ed|ing)?|plead(?:s|ed|ing)?|pled|"
    r"tweet(?:s|ed|ing)?|announc(?:e|es|ed|ing)|comment(?:ed|ing)|"
    r"remark(?:s|ed|ing)?|stress(?:es|ed|ing)?|conced(?:e|es|ed|ing)|"
    r"acknowledg(?:e|es|ed|ing)|suggest(?:s|ed|ing)?|urg(?:e|es|ed|ing)|"
    r"counter(?:s|ed|ing)?|quip(?:s|ped|ping)?|thinks|"
    r"boast(?:s|ed|ing)?|confirm(?:s|ed|ing)?|"
    r"describ(?:e|es|ed|ing)|call(?:ed|ing)|accus(?:e|es|ed|ing)|"
    r"alleg(?:e|es|ed|ing)|predict(?:s|ed|ing)?|reveal(?:s|ed|ing)?|"
    r"agree(?:s|d|ing)?|complain(?:s|ed|ing)?|shout(?:s|ed|ing)?|"
    r"cr(?:y|ies|ied)|chant(?:s|ed|ing)?|quot(?:e|es|ed|ing)|"
    r"according\s+to|put\s+it|went\s+on|goes\s+on|go\s+on"
    r")\b",
    re.IGNORECASE,
)
PRONOUN_CUE_RE = re.compile(rf"\b(?:he|she|they)\s+(?:\w+ly\s+)?{SPEECH_VERB_RE.pattern}", re.IGNORECASE)
"""he/she/they as the subject of a speech verb ("he said", "she quickly added")."""
# A period after these is not a sentence end ("Mr. Dimon said").
ABBREVIATIONS = frozenset(
    "mr mrs ms dr st prof gen gov sen rep lt col sgt capt jr sr no inc co corp ltd vs".split()
)
SPLIT_MAX_GAP = 80


# --------------------------------------------------------------------------- gold


@dataclass
class GoldQuote:
    """One annotated quotation, plus the categories derived from its context."""

    text: str
    start: int
    end: int
    parts: list[tuple[int, int]] = field(default_factory=list)
    speaker: Optional[str] = None
    speaker_type: str = "person"
    role: Optional[str] = None
    org: Optional[str] = None
    kind: str = "full"
    multi_paragraph: bool = False
    note: Optional[str] = None
    categories: frozenset[str] = frozenset()
    # PolNeAR-style gold (see :func:`is_source_gold`): the annotated source mention and where the name came from
    source_spans: list[tuple[int, int]] = field(default_factory=list)
    source_head_span: Optional[tuple[int, int]] = None
    name_from: Optional[str] = None  # "span" | "corenlp-coref" | None
    scheme: str = "speaker"  # "speaker": canonical names (dev, open gold); "source": PolNeAR source mentions

    @property
    def spans(self) -> list[tuple[int, int]]:
        return list(self.parts) or [(self.start, self.end)]


@dataclass
class Excluded:
    """Quoted text that is not a quotation: a don't-care region."""

    text: str
    start: int
    end: int
    reason: str = ""


@dataclass
class GoldArticle:
    id: str
    article: Article
    quotes: list[GoldQuote]
    excluded: list[Excluded] = field(default_factory=list)


def load_gold(gold_dir: str | Path) -> list[GoldArticle]:
    """Every ``<id>.txt`` in ``gold_dir`` that has an ``<id>.gold.json`` beside it, by id.

    The Article text is the file text exactly (newline translation off), so that the gold
    character offsets index it. Built here rather than through ``quotetrack.sources`` so
    the offsets cannot be disturbed by a reader's clean-up.
    """
    gold_dir = Path(gold_dir)
    out = []
    for txt in sorted(gold_dir.glob("*.txt")):
        gold_path = txt.with_name(txt.stem + ".gold.json")
        if not gold_path.exists():
            continue
        with open(txt, encoding="utf-8", newline="") as fh:
            text = fh.read()
        sidecar_path = txt.with_suffix(".json")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        # PolNeAR gold carries its own metadata (no sidecar)
        meta = json.loads(sidecar_path.read_text(encoding="utf-8")) if sidecar_path.exists() else gold
        article = Article(
            text=text,
            published=meta.get("publication_date"),
            outlet=meta.get("outlet") or meta.get("publisher"),
            title=meta.get("title"),
            source=str(txt),
        )
        out.append(gold_article(gold.get("id") or txt.stem, article, gold))
    return out


def is_source_gold(gold: dict) -> bool:
    """Whether a ``.gold.json`` dict is PolNeAR-style: each quote's annotated *source mention* and
    ``source_name`` rather than a canonical speaker with role and org (detected by its keys)."""
    return any("source_spans" in q or "attribution_type" in q for q in gold.get("quotes", []))


def _source_quote(q: dict) -> "GoldQuote":
    """A PolNeAR quote: ``source_name`` is the speaker; no source at all is speaker type none, a source
    with no proper name ("a spokeswoman", or a pronoun coreference could not name) is unnamed."""
    if q.get("source_name"):
        speaker_type = "person"
    elif q.get("attribution_type") == "Attribution-no-source" or not q.get("source_spans"):
        speaker_type = "none"
    else:
        speaker_type = "unnamed"
    head = q.get("source_head_span")
    return GoldQuote(
        text=q["quote"],
        start=q["start"],
        end=q["end"],
        parts=[tuple(p) for p in q.get("parts") or []],
        speaker=q.get("source_name"),
        speaker_type=speaker_type,
        kind=q.get("kind") or "full",
        multi_paragraph=bool(q.get("multi_paragraph")),
        source_spans=[tuple(p) for p in q.get("source_spans") or []],
        source_head_span=tuple(head) if head else None,
        name_from=q.get("source_name_from"),
        scheme="source",
    )


def gold_article(article_id: str, article: Article, gold: dict) -> GoldArticle:
    """A GoldArticle from a parsed ``.gold.json`` dict, with categories derived."""
    if is_source_gold(gold):
        quotes = [_source_quote(q) for q in gold.get("quotes", [])]
    else:
        quotes = [_speaker_quote(q) for q in gold.get("quotes", [])]
    excluded = [
        Excluded(text=e.get("text", ""), start=e["start"], end=e["end"], reason=e.get("reason", ""))
        for e in gold.get("excluded", [])
    ]
    quotes.sort(key=lambda q: q.start)
    for q, cats in zip(quotes, categorise(article.text, quotes, excluded)):
        q.categories = cats
    return GoldArticle(id=article_id, article=article, quotes=quotes, excluded=excluded)


def _speaker_quote(q: dict) -> "GoldQuote":
    """A quote of the dev-set format: canonical speaker, type, role and org."""
    return GoldQuote(
        text=q["quote"],
        start=q["start"],
        end=q["end"],
        parts=[tuple(p) for p in q.get("parts") or []],
        speaker=q.get("speaker"),
        speaker_type=q.get("speaker_type") or "person",
        role=q.get("role"),
        org=q.get("org"),
        kind=q.get("kind") or "full",
        multi_paragraph=bool(q.get("multi_paragraph")),
        note=q.get("note"),
    )


# ------------------------------------------------------------------- categories


def categorise(
    text: str, quotes: Sequence[GoldQuote], excluded: Sequence[Excluded] = ()
) -> list[frozenset[str]]:
    """The categories of each gold quote (``quotes`` sorted by start), derived from the text.

    * ``partial``, ``multi_paragraph``, ``organisation``, ``document``, ``unnamed``: from
      the gold fields.
    * ``split``: both halves of a pair of consecutive full quotes by the same speaker with
      only a short attribution between them (gap < 80 characters, no paragraph break, a
      speech verb in it): ``"A," he said. "B"`` and ``"A," Dimon said, "b"``.
    * ``continuation``: a full quote with no speech verb in the narration of its own
      sentence, not introduced by a colon (``X laid blame on Obama: "..."`` names its
      speaker) and not the second half of a split -- the speaker has to be carried over
      from an earlier sentence or paragraph. Partial quotes are never continuations: the
      reporter's sentence they sit in supplies the speaker.
    * ``pronoun``: the narration of the quote's sentence (or, for the second half of a
      split, the attribution before it) has he/she/they next to a speech verb.
    Narration is the text with all quoted and excluded material blanked out, so words
    inside quotes never count as cues.
    """
    narration = blank_quotes(text, [s for q in quotes for s in q.spans] + [(e.start, e.end) for e in excluded])
    boundaries = sentence_boundaries(narration)
    cats: list[set[str]] = [set() for _ in quotes]
    split_tail: list[Optional[str]] = [None] * len(quotes)  # the attribution gap before a second half

    for i, q in enumerate(quotes):
        if q.kind == "partial":
            cats[i].add("partial")
        if q.multi_paragraph:
            cats[i].add("multi_paragraph")
        if q.speaker_type in ("organisation", "document", "unnamed"):
            cats[i].add(q.speaker_type)

    for i in range(len(quotes) - 1):
        a, b = quotes[i], quotes[i + 1]
        gap = text[a.end : b.start]
        if (
            a.speaker is not None
            and a.speaker == b.speaker
            and a.kind == b.kind == "full"
            and len(gap) < SPLIT_MAX_GAP
            and "\n" not in gap
            and SPEECH_VERB_RE.search(gap)
        ):
            cats[i].add("split")
            cats[i + 1].add("split")
            split_tail[i + 1] = gap

    for i, q in enumerate(quotes):
        lo, hi = sentence_window(boundaries, q.start, q.end, len(text))
        own = narration[lo:hi]
        introduced_by_colon = narration[lo : q.start].rstrip(" \"'\u201c\u2018").endswith(":")
        if q.kind == "full" and split_tail[i] is None and not introduced_by_colon and not SPEECH_VERB_RE.search(own):
            cats[i].add("continuation")
        if PRONOUN_CUE_RE.search(own) or (split_tail[i] and PRONOUN_CUE_RE.search(split_tail[i])):
            cats[i].add("pronoun")
    return [frozenset(c) for c in cats]


def blank_quotes(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each span replaced by spaces, except a final ``.!?`` (a sentence end)."""
    chars = list(text)
    for start, end in spans:
        for k in range(start, end):
            if chars[k] != "\n":
                chars[k] = " "
        if end > start and text[end - 1] in ".!?":
            chars[end - 1] = text[end - 1]
    return "".join(chars)


_SENTENCE_END_RE = re.compile(r"([.!?])[\"'\u201d\u2019]*\s+(?=[\"'\u201c\u2018(A-Z0-9])|\n+")


def sentence_boundaries(narration: str) -> list[int]:
    """Offsets where a new sentence starts, found in the narration (quotes blanked).

    Simple rules: ``.!?`` then optional closing marks, whitespace, a capital; or a line
    break. Not after a title abbreviation or an initial ("Mr. Dimon", "Brian M. Good").
    """
    out = []
    for m in _SENTENCE_END_RE.finditer(narration):
        if m.group(1) == ".":
            word = re.search(r"(\w+)\.$", narration[: m.start(1) + 1])
            if word and (word.group(1).lower() in ABBREVIATIONS or (len(word.group(1)) == 1 and word.group(1).isupper())):
                continue
        out.append(m.end())
    return out


def sentence_window(boundaries: Sequence[int], start: int, end: int, length: int) -> tuple[int, int]:
    """The sentence(s) holding ``[start, end)``: last boundary at or before the opening mark
    to the first boundary after the quote's last character."""
    lo = max((b for b in boundaries if b <= max(start - 1, 0)), default=0)
    hi = min((b for b in boundaries if b >= end), default=length)
    return lo, hi


# -------------------------------------------------------------- normalisation


def _strip_diacritics(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


_APOSTROPHE_RE = re.compile(r"(?<=\w)['\u2019\u02bc](?=\w)")


def _words(s: str) -> list[str]:
    """Lowercased words: in-word apostrophes removed ("don't" -> "dont"), every other
    punctuation character a separator ("fly-half" -> "fly", "half")."""
    s = _APOSTROPHE_RE.sub("", s.casefold())
    s = "".join(" " if unicodedata.category(c).startswith("P") else c for c in s)
    return s.split()


def normalise(text: str) -> list[str]:
    """Quote text as tokens for matching: case, quote marks and punctuation ignored."""
    return _words(text)


def token_f1(a: str | Sequence[str], b: str | Sequence[str]) -> float:
    """Bag-of-tokens F1 between two texts (normalised if given as strings); 0 if either is empty."""
    ta = normalise(a) if isinstance(a, str) else list(a)
    tb = normalise(b) if isinstance(b, str) else list(b)
    if not ta or not tb:
        return 0.0
    common = sum((Counter(ta) & Counter(tb)).values())
    # = 2PR/(P+R), written so that round cases (4 of 4 gold in 6 predicted) are exactly 0.8
    return 2 * common / (len(ta) + len(tb))


def normalise_name(name: Optional[str]) -> Optional[str]:
    """Canonical form of a speaker for exact comparison, or None.

    Diacritics, case, punctuation and spacing ignored ("J.C. Chandor" = "J. C. Chandor",
    "Müller" = "Muller"); a leading article dropped ("the New York Times"); leading
    honorifics dropped ("Sir Alex Ferguson" = "Alex Ferguson") but never the last word, and
    peers' titles kept ("Lord Butler").
    """
    if not name:
        return None
    words = _words(_strip_diacritics(name))
    if words and words[0] in ARTICLES and len(words) > 1:
        words = words[1:]
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    return " ".join(words) or None


def last_name(name: Optional[str]) -> Optional[str]:
    """The last word of the normalised name, skipping suffixes (Jr, III)."""
    norm = normalise_name(name)
    if not norm:
        return None
    words = norm.split()
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words = words[:-1]
    return words[-1]


def speaker_exact(gold: Optional[str], predicted: Optional[str]) -> bool:
    """Same speaker after :func:`normalise_name`; a null gold speaker wants a null prediction."""
    return normalise_name(gold) == normalise_name(predicted)


def speaker_holds(gold: Optional[str], predicted: Optional[str]) -> bool:
    """The predicted name holds the gold name as a run of whole words ("Donald Trump" holds "Trump"),
    or is the end of a gold name that carries a title ("Rep. Jim Clyburn", "House Speaker Paul Ryan"),
    a place after it or not ("Gov. Earl Ray Tomblin of West Virginia").

    PolNeAR's ``source_name`` is the name as the source span writes it, title and all, while
    quotetrack gives the fullest name the article uses without the title (the role is its own
    field), so equality would be too strict either way.
    """
    g, p = normalise_name(gold), normalise_name(predicted)
    if not g or not p:
        return g == p
    gw, pw = g.split(), p.split()
    if any(pw[k : k + len(gw)] == gw for k in range(len(pw) - len(gw) + 1)):
        return True
    of = len(gw) - 1 - gw[::-1].index("of") if "of" in gw[1:] else None
    if len(pw) < len(gw) and gw[-len(pw) :] == pw:
        # ("Secretary of State John F. Kerry", but not the place of "Gov. Earl Ray Tomblin of West Virginia")
        return of is None or gw[of + 1 :] != pw
    # "Gov. Earl Ray Tomblin of West Virginia": the name ends before the place after it
    return of is not None and len(pw) < of and gw[:of][-len(pw) :] == pw


def speaker_lenient(gold: Optional[str], predicted: Optional[str]) -> bool:
    """Same last name (or both null)."""
    return last_name(gold) == last_name(predicted)


def _label(s: str) -> str:
    words = _words(_strip_diacritics(s.replace("&", " and ")))
    if len(words) > 1 and words[0] in ARTICLES:
        words = words[1:]
    return " ".join(words)


def role_keys(role: Optional[str]) -> set[str]:
    """The forms under which a role counts as equal.

    Case, diacritics, punctuation and a leading "the"/"a" ignored. A gold role that lists
    several ("biologist; professor at ...", "former civil service chief / former cabinet
    secretary", "comedian, Two Ronnies star") is satisfied by any one of them, and a
    parenthetical aside is optional ("DJ (aka Fatboy Slim)" = "DJ"), and so is an employer
    phrase ("professor at the Helmholtz Centre" = "professor": the body is the org's part).
    No other leniency: "prime minister" is not "former Dutch prime minister".
    """
    if not role:
        return set()
    keys = {_label(role), _label(re.sub(r"\([^)]*\)", " ", role))}
    for piece in re.split(r"[;,/]", re.sub(r"\([^)]*\)", " ", role)):
        keys.add(_label(piece))
        # "professor at the Helmholtz Centre": the employer phrase is the organisation's part
        keys.add(_label(re.split(r"\s+(?:at|for|with)\s+", piece, maxsplit=1)[0]))
    return {k for k in keys if k}


def _org_label(s: str) -> str:
    words = _label(s).replace("isation", "ization").split()
    if len(words) > 1 and words[-1] == "party":
        words = words[:-1]
    if words and len(words[-1]) > 3 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


def org_keys(org: Optional[str]) -> set[str]:
    """The forms under which an organisation counts as equal.

    On top of the role rules: a trailing "Party" and a final plural "s" are ignored
    ("Conservative" = "Conservative Party", "Liberal Democrat" = "Liberal Democrats"),
    -isation = -ization, "&" = "and", and a parenthetical acronym is an alternative name
    ("World Tourism Organisation (WTO)" = "WTO").
    """
    if not org:
        return set()
    bare = re.sub(r"\([^)]*\)", " ", org)
    keys = {_org_label(org), _org_label(bare)}
    keys.update(_org_label(inner) for inner in re.findall(r"\(([^)]*)\)", org))
    return {k for k in keys if k}


def role_matches(gold: Optional[str], predicted: Optional[str]) -> bool:
    """A predicted role is right when it is one of the gold's forms, modifiers aside.

    Roles are written with more or fewer modifiers ("leader" / "Tory leader", "coach" /
    "England coach"). The prediction counts when one form ends with the other as whole
    words: the same head noun, one more specific. A different head never counts
    ("head" is not "head of UK equities", "actor" is not "actress").
    """
    if not predicted:
        return False
    pred = _label(re.sub(r"\([^)]*\)", " ", predicted))
    if not pred:
        return False
    for key in role_keys(gold):
        if key == pred or key.endswith(" " + pred) or pred.endswith(" " + key):
            return True
    return False


def org_matches(gold: Optional[str], predicted: Optional[str]) -> bool:
    return bool(org_keys(gold) & org_keys(predicted))


# ------------------------------------------------------------------- scoring


@dataclass
class Match:
    gold: GoldQuote
    predicted: Quote
    f1: float

    @property
    def speaker_right(self) -> bool:
        """Exact speaker; a gold *unnamed* speaker ("a Google spokesman") wants no name and type unnamed.

        quotetrack's contract (issue 2) is that a speaker described only by role has
        ``speaker`` null and ``speaker_type`` unnamed; the gold gives the description instead.
        """
        if self.gold.scheme == "source":
            # PolNeAR: a named source must be held by the predicted name; with no name, none is right
            return speaker_holds(self.gold.speaker, self.predicted.speaker)
        if self.gold.speaker_type == "unnamed":
            return self.predicted.speaker is None and self.predicted.speaker_type == "unnamed"
        return speaker_exact(self.gold.speaker, self.predicted.speaker)

    @property
    def mention_right(self) -> bool:
        """The predicted speaker mention overlaps the gold source span or its head (PolNeAR gold)."""
        p = self.predicted
        if p.mention_start is None or p.mention_end is None:
            return False
        spans = list(self.gold.source_spans) + ([self.gold.source_head_span] if self.gold.source_head_span else [])
        return any(p.mention_start < e and s < p.mention_end for s, e in spans)


@dataclass
class ArticleScore:
    """The pairing of one article's gold and predicted quotes."""

    id: str
    matches: list[Match] = field(default_factory=list)
    misses: list[GoldQuote] = field(default_factory=list)
    extras: list[Quote] = field(default_factory=list)  # false positives
    ignored: list[Quote] = field(default_factory=list)  # unmatched, inside an excluded span

    @property
    def n_gold(self) -> int:
        return len(self.matches) + len(self.misses)

    @property
    def n_predicted(self) -> int:
        """Predictions that count (ignored ones do not)."""
        return len(self.matches) + len(self.extras)


def _spans(q: Quote) -> list[tuple[int, int]]:
    return [tuple(p) for p in q.parts] or [(q.start, q.end)]


def overlaps_excluded(q: Quote, excluded: Iterable[Excluded]) -> bool:
    return any(s < e.end and e.start < t for s, t in _spans(q) for e in excluded)


def score_article(gold: GoldArticle, predicted_quotes: Sequence[Quote]) -> ArticleScore:
    """Pair gold and predicted quotes one-to-one, greedily by token F1 (highest first).

    Ties (the same words quoted twice) go to the pair whose offsets are closest. Only pairs
    with F1 >= MATCH_THRESHOLD are considered at all.
    """
    # reported speech is not a quotation: the gold marks direct quotes only
    predicted_quotes = [q for q in predicted_quotes if q.kind != "indirect"]
    gold_tokens = [normalise(g.text) for g in gold.quotes]
    pred_tokens = [normalise(p.text) for p in predicted_quotes]
    candidates = []
    for i, gt in enumerate(gold_tokens):
        for j, pt in enumerate(pred_tokens):
            f1 = token_f1(gt, pt)
            if f1 >= MATCH_THRESHOLD:
                distance = abs(gold.quotes[i].start - predicted_quotes[j].start)
                candidates.append((-f1, distance, i, j, f1))
    candidates.sort()
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    score = ArticleScore(id=gold.id)
    for _, _, i, j, f1 in candidates:
        if i in used_gold or j in used_pred:
            continue
        used_gold.add(i)
        used_pred.add(j)
        score.matches.append(Match(gold.quotes[i], predicted_quotes[j], f1))
    score.matches.sort(key=lambda m: m.gold.start)
    score.misses = [g for i, g in enumerate(gold.quotes) if i not in used_gold]
    for j, p in enumerate(predicted_quotes):
        if j in used_pred:
            continue
        (score.ignored if overlaps_excluded(p, gold.excluded) else score.extras).append(p)
    return score


# ------------------------------------------------------------------- metrics


@dataclass(frozen=True)
class Ratio:
    """A figure with its counts, so that a 1.0 over 3 quotes reads differently from 1.0 over 300."""

    num: int
    den: int

    @property
    def value(self) -> float:
        """0.0 when there is nothing to measure (keeps the figures comparable and JSON-safe)."""
        return self.num / self.den if self.den else 0.0

    def __str__(self) -> str:
        return f"{self.value:.3f} ({self.num}/{self.den})"


def f1_of(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _gold_speaker_named(g: GoldQuote) -> bool:
    """Speaker accuracy counts quotes whose gold names a speaker: not unnamed or none."""
    return g.speaker is not None and g.speaker_type not in ("unnamed", "none")


def summarise_matches(matches: Sequence[Match], n_gold: int) -> dict[str, Ratio]:
    """Recall and the attribution figures over one group of gold quotes."""
    named = [m for m in matches if _gold_speaker_named(m.gold)]
    return {
        "recall": Ratio(len(matches), n_gold),
        "speaker_accuracy": Ratio(sum(m.speaker_right for m in named), len(named)),
        "speaker_accuracy_lenient": Ratio(
            sum(speaker_lenient(m.gold.speaker, m.predicted.speaker) for m in named), len(named)
        ),
    }


@dataclass
class Report:
    """The evaluation of a whole gold set; ``scores`` keep every pairing for error listings."""

    scores: list[ArticleScore]

    # -- pooled lists
    @property
    def matches(self) -> list[Match]:
        return [m for s in self.scores for m in s.matches]

    @property
    def gold_quotes(self) -> list[GoldQuote]:
        return [m.gold for s in self.scores for m in s.matches] + [g for s in self.scores for g in s.misses]

    @property
    def n_gold(self) -> int:
        return sum(s.n_gold for s in self.scores)

    @property
    def n_predicted(self) -> int:
        return sum(s.n_predicted for s in self.scores)

    @property
    def n_ignored(self) -> int:
        return sum(len(s.ignored) for s in self.scores)

    # -- figures
    def ratios(self) -> dict[str, Ratio]:
        """Every headline figure that is a plain ratio, with its counts."""
        matches = self.matches
        named = [m for m in matches if _gold_speaker_named(m.gold)]
        with_role = [m for m in matches if m.gold.role]
        with_org = [m for m in matches if m.gold.org]
        attributed = sum(m.speaker_right for m in matches)
        return {
            "quote_precision": Ratio(len(matches), self.n_predicted),
            "quote_recall": Ratio(len(matches), self.n_gold),
            "speaker_accuracy": Ratio(sum(m.speaker_right for m in named), len(named)),
            "speaker_accuracy_lenient": Ratio(
                sum(speaker_lenient(m.gold.speaker, m.predicted.speaker) for m in named), len(named)
            ),
            "role_accuracy": Ratio(sum(role_matches(m.gold.role, m.predicted.role) for m in with_role), len(with_role)),
            "org_accuracy": Ratio(sum(org_matches(m.gold.org, m.predicted.org) for m in with_org), len(with_org)),
            "attribution_precision": Ratio(attributed, self.n_predicted),
            "attribution_recall": Ratio(attributed, self.n_gold),
        }

    def headline(self) -> dict[str, float]:
        """The figures the regression test guards, rounded to 4 places."""
        r = self.ratios()
        figures = {k: v.value for k, v in r.items()}
        figures["quote_f1"] = f1_of(figures["quote_precision"], figures["quote_recall"])
        figures["attribution_f1"] = f1_of(figures["attribution_precision"], figures["attribution_recall"])
        return {k: round(figures[k], 4) for k in HEADLINE}

    def categories(self) -> dict[str, dict[str, Ratio]]:
        """Recall and speaker accuracy per category of gold quote (see :func:`categorise`)."""
        out = {}
        for cat in CATEGORIES:
            n_gold = sum(cat in g.categories for g in self.gold_quotes)
            matches = [m for m in self.matches if cat in m.gold.categories]
            out[cat] = summarise_matches(matches, n_gold)
        return out

    def confidence_bands(self) -> list[dict]:
        """Quote and attribution precision of the counted predictions in each confidence band."""
        rows = []
        preds = [(m.predicted, True, m.speaker_right) for m in self.matches]
        preds += [(p, False, False) for s in self.scores for p in s.extras]
        for label, lo, hi in CONFIDENCE_BANDS:
            band = [(q, ok, spk) for q, ok, spk in preds if lo <= q.confidence < hi]
            rows.append(
                {
                    "band": label,
                    "n": len(band),
                    "quote_precision": Ratio(sum(ok for _, ok, _ in band), len(band)),
                    "attribution_precision": Ratio(sum(spk for _, _, spk in band), len(band)),
                }
            )
        return rows

    def errors(self) -> dict[str, list[dict]]:
        """Every miss, every extra quote, every wrong speaker and every wrong role or org
        (where the gold gives one), as flat records."""
        misses, extras, wrong, roles, orgs = [], [], [], [], []
        for s in self.scores:
            for g in s.misses:
                misses.append({"article": s.id, "quote": g.text, "start": g.start, "gold_speaker": g.speaker,
                               "categories": sorted(g.categories)})
            for p in s.extras:
                extras.append({"article": s.id, "quote": p.text, "start": p.start, "predicted_speaker": p.speaker,
                               "confidence": p.confidence})
            for m in s.matches:
                if not m.speaker_right:
                    wrong.append({"article": s.id, "quote": m.gold.text, "start": m.gold.start,
                                  "gold_speaker": m.gold.speaker, "predicted_speaker": m.predicted.speaker,
                                  "method": m.predicted.method, "confidence": m.predicted.confidence,
                                  "categories": sorted(m.gold.categories)})
                if m.gold.role and not role_matches(m.gold.role, m.predicted.role):
                    roles.append({"article": s.id, "quote": m.gold.text, "start": m.gold.start,
                                  "gold_speaker": m.gold.speaker, "gold": m.gold.role, "predicted": m.predicted.role})
                if m.gold.org and not org_matches(m.gold.org, m.predicted.org):
                    orgs.append({"article": s.id, "quote": m.gold.text, "start": m.gold.start,
                                 "gold_speaker": m.gold.speaker, "gold": m.gold.org, "predicted": m.predicted.org})
        return {"misses": misses, "extras": extras, "wrong_speakers": wrong, "wrong_roles": roles, "wrong_orgs": orgs}

    def source_figures(self) -> dict[str, Ratio]:
        """Figures that need PolNeAR-style gold (annotated source mentions); empty without it.

        * ``source_mention_accuracy``: over matched quotes whose gold has a source span, the
          predicted mention overlaps it (or its head);
        * ``named_speaker_accuracy``: over matched quotes whose gold names the source, the
          predicted speaker holds that name; ``_span`` when the name is written in the source
          span, ``_coref`` when it came from automatic coreference (a pronoun, "the senator").
        """
        matches = [m for m in self.matches if m.gold.scheme == "source"]
        if not matches:
            return {}
        with_span = [m for m in matches if m.gold.source_spans]
        named = [m for m in matches if m.gold.speaker]
        out = {
            "source_mention_accuracy": Ratio(sum(m.mention_right for m in with_span), len(with_span)),
            "named_speaker_accuracy": Ratio(sum(m.speaker_right for m in named), len(named)),
        }
        for origin, key in (("span", "named_speaker_accuracy_span"), ("corenlp-coref", "named_speaker_accuracy_coref")):
            group = [m for m in named if m.gold.name_from == origin]
            out[key] = Ratio(sum(m.speaker_right for m in group), len(group))
        return out

    def calibration_pairs(self) -> list[tuple[float, bool]]:
        """``(confidence, speaker right)`` for every matched quote where the gold or the prediction names
        a speaker: the population in which confidence claims to be the chance the name is right."""
        return [
            (m.predicted.confidence, m.speaker_right)
            for m in self.matches
            if _gold_speaker_named(m.gold) or m.predicted.speaker is not None
        ]

    def calibration(self, bins: int = CALIBRATION_BINS) -> dict:
        """A reliability table (confidence in ``bins`` equal-width bins: mean confidence against the
        share right) and the expected calibration error: the bins' gaps weighted by their size."""
        return calibration_table(self.calibration_pairs(), bins)

    def to_dict(self) -> dict:
        """Everything, JSON-serialisable: ``headline`` floats, ``counts`` behind each ratio,
        per-category figures, confidence bands and the error lists."""

        def ratio(r: Ratio) -> dict:
            return {"value": round(r.value, 4), "num": r.num, "den": r.den}

        return {
            "articles": len(self.scores),
            "gold_quotes": self.n_gold,
            "predicted_quotes": self.n_predicted,
            "ignored_predictions": self.n_ignored,
            "headline": self.headline(),
            "counts": {k: ratio(v) for k, v in self.ratios().items()},
            "categories": {c: {k: ratio(v) for k, v in figs.items()} for c, figs in self.categories().items()},
            "confidence_bands": [
                {**row, "quote_precision": ratio(row["quote_precision"]),
                 "attribution_precision": ratio(row["attribution_precision"])}
                for row in self.confidence_bands()
            ],
            "source": {k: ratio(v) for k, v in self.source_figures().items()},
            "calibration": self.calibration(),
            "errors": self.errors(),
        }


def calibration_table(pairs: Sequence[tuple[float, bool]], bins: int = CALIBRATION_BINS) -> dict:
    """Reliability rows and ECE for ``(confidence, right)`` pairs; a pure function, for tests and training."""
    rows = []
    n = len(pairs)
    ece = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        group = [(c, ok) for c, ok in pairs if lo <= c < hi or (b == bins - 1 and c >= hi)]
        if not group:
            rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": 0, "confidence": None, "accuracy": None})
            continue
        conf = sum(c for c, _ in group) / len(group)
        acc = sum(ok for _, ok in group) / len(group)
        ece += abs(acc - conf) * len(group) / n
        rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": len(group), "confidence": round(conf, 4), "accuracy": round(acc, 4)})
    high = [ok for c, ok in pairs if c >= 0.9]
    return {
        "n": n,
        "ece": round(ece, 4),
        "rows": rows,
        "right_at_0.9": {"value": round(sum(high) / len(high), 4) if high else 0.0, "num": sum(high), "den": len(high)},
    }


def score_all(gold: Sequence[GoldArticle], predictions: Sequence[Sequence[Quote]]) -> Report:
    """A Report from gold articles and the predicted quotes of each, in the same order."""
    if len(gold) != len(predictions):
        raise ValueError(f"{len(gold)} gold articles but {len(predictions)} prediction lists")
    return Report([score_article(g, p) for g, p in zip(gold, predictions)])


def evaluate(gold_dir: str | Path, nlp=None, model: Optional[str] = None, extract=None) -> Report:
    """Run the extractor over every gold article in ``gold_dir`` (one ``nlp.pipe`` pass) and score it.

    ``extract`` (articles -> ``(article, quotes)`` pairs in input order, such as an
    ``extract_many`` running in worker processes: see ``quotetrack evaluate --workers``)
    replaces the one-process extraction; the report is the same either way."""
    from .extract import extract_many

    gold = load_gold(gold_dir)
    run = extract or (lambda articles: extract_many(articles, nlp=nlp, model=model))
    predictions = []
    for g, (article, quotes) in zip(gold, run([g.article for g in gold])):
        if article is not g.article and article.text != g.article.text:
            raise RuntimeError(f"extraction yielded articles out of order at {g.id}")
        predictions.append(quotes)
    return score_all(gold, predictions)


# ------------------------------------------------------------------- printing


LABELS = {
    "source_mention_accuracy": "source mention accuracy",
    "named_speaker_accuracy": "named-speaker accuracy",
    "named_speaker_accuracy_span": "  names from the span",
    "named_speaker_accuracy_coref": "  names from coreference",
    "quote_precision": "quote precision",
    "quote_recall": "quote recall",
    "quote_f1": "quote F1",
    "speaker_accuracy": "speaker accuracy (exact)",
    "speaker_accuracy_lenient": "speaker accuracy (last name)",
    "role_accuracy": "role accuracy",
    "org_accuracy": "org accuracy",
    "attribution_precision": "attribution precision",
    "attribution_recall": "attribution recall",
    "attribution_f1": "attribution F1",
}


def _short(text: Optional[str], width: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_report(report: Report, verbose: bool = False) -> str:
    """A readable table of the headline figures; ``verbose`` adds per-category figures,
    precision by confidence band and one line per error (miss, extra quote, wrong speaker,
    wrong role, wrong org)."""
    ratios = report.ratios()
    head = report.headline()
    lines = [
        f"{len(report.scores)} articles, {report.n_gold} gold quotes, {report.n_predicted} predicted"
        f" ({report.n_ignored} more in excluded spans, not counted)",
        "",
        f"{'metric':<30} {'value':>6}  count",
    ]
    for key in HEADLINE:
        count = f"{ratios[key].num}/{ratios[key].den}" if key in ratios else ""
        lines.append(f"{LABELS[key]:<30} {head[key]:>6.3f}  {count}")
    for key, r in report.source_figures().items():
        lines.append(f"{LABELS[key]:<30} {r.value:>6.3f}  {r.num}/{r.den}")
    cal = report.calibration()
    high = cal["right_at_0.9"]
    lines.append(f"{'calibration error (ECE)':<30} {cal['ece']:>6.3f}  over {cal['n']} named")
    lines.append(f"{'right at confidence >= 0.9':<30} {high['value']:>6.3f}  {high['num']}/{high['den']}")
    if not verbose:
        return "\n".join(lines)

    lines += ["", f"{'category':<18} {'n':>4}  {'recall':>14}  {'speaker (exact)':>16}  {'speaker (last)':>16}"]
    for cat, figs in report.categories().items():
        lines.append(
            f"{cat:<18} {figs['recall'].den:>4}  {str(figs['recall']):>14}  "
            f"{str(figs['speaker_accuracy']):>16}  {str(figs['speaker_accuracy_lenient']):>16}"
        )
    lines += ["", f"{'confidence':<12} {'n':>4}  {'quote precision':>18}  {'attribution precision':>22}"]
    for row in report.confidence_bands():
        lines.append(
            f"{row['band']:<12} {row['n']:>4}  {str(row['quote_precision']):>18}  {str(row['attribution_precision']):>22}"
        )
    lines += ["", f"{'reliability':<12} {'n':>5}  {'confidence':>10}  {'right':>6}"]
    for row in cal["rows"]:
        if row["n"]:
            lines.append(f"{row['bin']:<12} {row['n']:>5}  {row['confidence']:>10.3f}  {row['accuracy']:>6.3f}")
    errors = report.errors()
    lines += ["", f"misses ({len(errors['misses'])}):"]
    lines += [
        f"  MISS   {e['article']}@{e['start']}  \"{_short(e['quote'])}\"  gold: {e['gold_speaker']}"
        f"  [{', '.join(e['categories'])}]"
        for e in errors["misses"]
    ]
    lines += ["", f"extra quotes ({len(errors['extras'])}):"]
    lines += [
        f"  EXTRA  {e['article']}@{e['start']}  \"{_short(e['quote'])}\"  predicted: {e['predicted_speaker']}"
        f"  (conf {e['confidence']:.2f})"
        for e in errors["extras"]
    ]
    lines += ["", f"wrong speakers ({len(errors['wrong_speakers'])}):"]
    lines += [
        f"  SPKR   {e['article']}@{e['start']}  \"{_short(e['quote'])}\"  gold: {e['gold_speaker']}"
        f" | predicted: {e['predicted_speaker']}  (conf {e['confidence']:.2f}, {e['method']})"
        for e in errors["wrong_speakers"]
    ]
    for key, tag, title in (("wrong_roles", "ROLE", "wrong roles"), ("wrong_orgs", "ORG", "wrong orgs")):
        lines += ["", f"{title} ({len(errors[key])}):"]
        lines += [
            f"  {tag:<6} {e['article']}@{e['start']}  {e['gold_speaker']}  gold: {e['gold']} | predicted: {e['predicted']}"
            for e in errors[key]
        ]
    return "\n".join(lines)
