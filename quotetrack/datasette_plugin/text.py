"""Pure functions behind the plugin's pages: marking text, word differences, wording.

Nothing here touches Datasette or a database, so each is tested directly on real text.
Every function that returns HTML returns :class:`markupsafe.Markup` built by escaping
the article's text piece by piece first: article text is never trusted as HTML.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from datetime import date
from typing import Iterable, NamedTuple, Optional, Sequence
from urllib.parse import quote as url_quote

from markupsafe import Markup, escape

Span = tuple  # (start, end) or (start, end, css_class)


# --- marking text -------------------------------------------------------------------


def highlight(text: str, spans: Iterable[Span], tag: str = "mark") -> Markup:
    """``text`` escaped, with each span wrapped in ``<mark>`` (or ``tag``).

    A span is ``(start, end)`` or ``(start, end, css_class)``, offsets into ``text``.
    Spans are clipped to the text; an empty one is dropped, and so is one that overlaps
    a span listed before it: list the quote's parts first and the cue after, and a cue
    that falls inside the quote is never marked twice. Because every piece is escaped
    before the tags go in, ``<script>`` in an article comes out as text.
    """
    accepted: list[tuple[int, int, Optional[str]]] = []
    for span in spans:
        start, end = max(0, span[0]), min(len(text), span[1])
        css = span[2] if len(span) > 2 else None
        if start >= end or any(start < e and s < end for s, e, _ in accepted):
            continue
        accepted.append((start, end, css))
    out, pos = [], 0
    for start, end, css in sorted(accepted):
        out.append(escape(text[pos:start]))
        attr = Markup(' class="{}"').format(css) if css else Markup("")
        out.append(Markup("<{0}{1}>{2}</{0}>").format(Markup(tag), attr, text[start:end]))
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph: each non-blank line, without its outer spaces.

    Articles are stored as plain text with one paragraph per line (a blank line between
    them in the sample files; HTML readers may give single newlines).
    """
    found = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        if line.strip():
            lead = len(line) - len(line.lstrip())
            found.append((m.start() + lead, m.start() + len(line.rstrip())))
    return found


class Passage(NamedTuple):
    """A stretch of the article shown around a quote; ``cut_*`` when a neighbour was trimmed."""

    start: int
    end: int
    cut_before: bool = False
    cut_after: bool = False


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")


def passages(text: str, spans: Sequence[Span], around: int = 1, limit: int = 500) -> list[Passage]:
    """The paragraphs a quote touches, whole, and ``around`` paragraphs either side.

    A neighbouring paragraph longer than ``limit`` characters is trimmed at a sentence
    boundary to the sentences nearest the quote (the end of the one before, the start of
    the one after), so a quote in a long article reads in its immediate context.
    """
    paras = paragraphs(text)
    if not paras or not spans:
        return []
    lo, hi = min(s[0] for s in spans), max(s[1] for s in spans)
    touched = [i for i, (s, e) in enumerate(paras) if s < hi and lo < e]
    if not touched:
        return []
    first, last = touched[0], touched[-1]
    out = []
    for i in range(max(0, first - around), first):
        s, e = paras[i]
        cut = e - s > limit
        if cut:
            # The last sentences, starting at a sentence boundary within the limit.
            starts = [m.end() for m in _SENTENCE_END.finditer(text, s, e) if m.end() >= e - limit]
            s = starts[0] if starts else e - limit
        out.append(Passage(s, e, cut_before=cut))
    for i in range(first, last + 1):
        out.append(Passage(*paras[i]))
    for i in range(last + 1, min(len(paras), last + 1 + around)):
        s, e = paras[i]
        cut = e - s > limit
        if cut:
            # The first sentences, ending at a sentence boundary within the limit
            # (closing quote marks and brackets belong to the sentence).
            ends = [m.start() + len(m.group().rstrip()) for m in _SENTENCE_END.finditer(text, s, e)]
            ends = [x for x in ends if x <= s + limit]
            e = ends[-1] if ends else s + limit
        out.append(Passage(s, e, cut_after=cut))
    return out


def nearest_word(
    text: str, word: Optional[str], spans: Sequence[Span], lo: int = 0, hi: Optional[int] = None
) -> Optional[tuple[int, int]]:
    """Where ``word`` (a whole word or phrase, any case) is written closest to ``spans``.

    Only ``text[lo:hi]`` is searched, and an occurrence inside a span is skipped: the
    cue verb of '"We will win," he said' is the "said" outside the quote marks. The
    store keeps the cue as a word, not an offset, so the quote page finds it this way.
    """
    if not word or not spans:
        return None
    hi = len(text) if hi is None else hi
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, word.split())) + r"(?!\w)", re.I)
    best = None
    for m in pattern.finditer(text, lo, hi):
        s, e = m.span()
        if any(s < b and a < e for a, b, *_ in spans):
            continue
        distance = min(max(a - e, s - b, 0) for a, b, *_ in spans)
        if best is None or distance < best[0]:
            best = (distance, (s, e))
    return best[1] if best else None


# --- word differences -----------------------------------------------------------------


def _fold(word: str) -> str:
    """A word as claims compare it: case, accents and punctuation folded."""
    word = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in word if c.isalnum())


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """How ``b`` differs from ``a``, word by word: ``[(op, words), ...]``.

    ``op`` is ``"same"``, ``"del"`` (words of ``a`` missing from ``b``) or ``"ins"``
    (words ``b`` adds). Words are compared as claims compare them (case, accents and
    punctuation folded), so "Hospital," and "hospital" are the same word; the words
    shown are as written, ``b``'s for "same".
    """
    wa, wb = a.split(), b.split()
    matcher = difflib.SequenceMatcher(None, [_fold(w) for w in wa], [_fold(w) for w in wb], autojunk=False)
    ops: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("same", " ".join(wb[j1:j2])))
            continue
        if i2 > i1:
            ops.append(("del", " ".join(wa[i1:i2])))
        if j2 > j1:
            ops.append(("ins", " ".join(wb[j1:j2])))
    return ops


def diff_markup(ops: Sequence[tuple[str, str]], elide_ends: bool = True) -> Markup:
    """:func:`word_diff` as HTML: ``<del>`` and ``<ins>`` around the differing words.

    With ``elide_ends``, words missing only at the start or the end become "…": a
    partial quote of a longer claim leaves them out without changing what was said
    (claims flag a variant only for differences inside the stretch both cover).
    """
    tags = {"del": "del", "ins": "ins"}
    parts = []
    for i, (op, words) in enumerate(ops):
        if elide_ends and op == "del" and (i == 0 or i == len(ops) - 1) and len(ops) > 1:
            parts.append(Markup('<span class="qt-elided" title="not quoted here: {}">…</span>').format(words))
        elif op in tags:
            parts.append(Markup("<{0}>{1}</{0}>").format(Markup(tags[op]), words))
        else:
            parts.append(escape(words))
    return Markup(" ").join(parts)


# --- wording ---------------------------------------------------------------------------

#: Confidence bands, highest first. ``confidence`` is a calibrated probability that the
#: speaker is right (README, "The learned ranker"): at 0.9 or more it was right 95-99%
#: of the time on the measured sets; below 0.5 it is wrong as often as right.
CONFIDENCE_BANDS = [(0.9, "very likely"), (0.5, "likely"), (0.0, "uncertain")]


def confidence_words(confidence: Optional[float]) -> str:
    """How sure the attribution is, in words: "very likely", "likely" or "uncertain"."""
    if confidence is None:
        return "not estimated"
    for floor, words in CONFIDENCE_BANDS:
        if confidence >= floor:
            return words
    return CONFIDENCE_BANDS[-1][1]


def display_words(words: Optional[str]) -> str:
    """Quoted words as shown on their own: spaces folded, a trailing comma dropped.

    '"We will win," she said' stores "We will win,"; the comma belongs to the
    reporter's sentence, not to what was said. The article view keeps the text as written.
    """
    return " ".join((words or "").split()).rstrip(",;: ")


def long_date(iso: Optional[str]) -> str:
    """``"2023-09-24"`` as ``"24 September 2023"``; a month or year as written; else as given."""
    if not iso:
        return ""
    try:
        d = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{d.day} {d:%B %Y}"


def who(speaker: Optional[str], role: Optional[str], org: Optional[str]) -> str:
    """A speaker as a reader names them: "Nikol Pashinyan (Prime Minister, Armenia)".

    An unnamed speaker is their role and organisation ("a spokesman, Google"); with
    nothing known, "unknown speaker".
    """
    detail = ", ".join(x for x in (role, org) if x)
    if speaker:
        return f"{speaker} ({detail})" if detail else speaker
    return detail or "unknown speaker"


def cite(
    speaker: Optional[str],
    role: Optional[str],
    org: Optional[str],
    words: str,
    outlet: Optional[str],
    day: Optional[str],
    url: Optional[str],
    title: Optional[str] = None,
) -> str:
    """A one-line citation: who, the words, where and when, and the URL.

    ``Nikol Pashinyan (Prime Minister, Armenia): “…”. Quoted in DW, “Armenia urges …”,
    24 September 2023. https://p.dw.com/p/4Wk42``
    """
    parts = [f"{who(speaker, role, org)}: \u201c{display_words(words)}\u201d."]
    where = ", ".join(x for x in (outlet, f"\u201c{title}\u201d" if title else None, long_date(day)) if x)
    if where:
        parts.append(f"Quoted in {where}.")
    if url:
        parts.append(url)
    return " ".join(parts)


def text_fragment_url(url: Optional[str], words: str, edge: int = 4) -> Optional[str]:
    """``url`` with a text fragment (``#:~:text=``) that scrolls to the words in the original.

    Long quotes use their first and last ``edge`` words (``text=start,end``), which
    browsers that support text fragments match across the quote; others ignore it.
    """
    if not url or not words.split():
        return url
    w = words.split()
    enc = lambda s: url_quote(s, safe="")  # noqa: E731 - commas and dashes must be escaped
    frag = enc(" ".join(w)) if len(w) <= 2 * edge else f"{enc(' '.join(w[:edge]))},{enc(' '.join(w[-edge:]))}"
    return f"{url.split('#')[0]}#:~:text={frag}"


def marked_snippet(snippet: Optional[str], start: str = "\x02", end: str = "\x03") -> Markup:
    """An FTS ``snippet()`` whose matches were bracketed by ``start``/``end``, as ``<mark>``.

    The snippet is escaped around the markers, so it is safe whatever the quote holds.
    """
    if not snippet:
        return Markup("")
    out = []
    for i, piece in enumerate(re.split(f"{re.escape(start)}|{re.escape(end)}", snippet)):
        out.append(Markup("<mark>{}</mark>").format(piece) if i % 2 else escape(piece))
    return Markup("").join(out)


def script_json(value) -> Markup:
    """``value`` as JSON safe inside ``<script type="application/json">``.

    ``<``, ``>`` and ``&`` are written as ``\\u`` escapes, so a quote containing
    ``</script>`` cannot close the element.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


# --- charts (Vega-Lite specifications) ------------------------------------------------------


def _add_months(month: str, n: int) -> str:
    y, m = divmod(int(month[:4]) * 12 + int(month[5:7]) - 1 + n, 12)
    return f"{y:04d}-{m + 1:02d}"


def months_between(first: str, last: str, at_least: int = 1) -> list[str]:
    """Every month from ``first`` to ``last`` (``"YYYY-MM"``), both included.

    Widened by whole months on both sides (the later side first) to ``at_least``
    months, so that one busy month reads as a moment in a timeline, not as the chart.
    """
    out = []
    month = first[:7]
    while month <= last[:7]:
        out.append(month)
        month = _add_months(month, 1)
    while out and len(out) < at_least:
        out.append(_add_months(out[-1], 1))
        if len(out) < at_least:
            out.insert(0, _add_months(out[0], -1))
    return out


def monthly_chart(rows: Iterable[dict]) -> dict:
    """A Vega-Lite stacked bar chart of quotes per month, coloured by outlet.

    ``rows`` are ``{"month": "YYYY-MM", "outlet": ..., "quotes": n}``. Every month
    between the first and the last is on the axis, so a silence shows as a gap; the
    axis is ordinal, so one month alone is one bar rather than a band across the chart.
    """
    rows = [r for r in rows if r.get("month") and re.fullmatch(r"\d{4}-\d{2}", r["month"])]
    values = [{"month": r["month"], "outlet": r["outlet"] or "unknown", "quotes": r["quotes"]} for r in rows]
    months = months_between(min(r["month"] for r in rows), max(r["month"] for r in rows), 6) if rows else []
    labels = {m: date(int(m[:4]), int(m[5:]), 1).strftime("%b %Y") for m in months}
    totals: dict[str, int] = {}
    for v in values:
        totals[v["month"]] = totals.get(v["month"], 0) + v["quotes"]
    top = max(totals.values(), default=0)
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": "Quotes per month, by outlet",
        "data": {"values": values},
        "mark": {"type": "bar", "tooltip": True},
        "width": "container",
        "height": 180,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "config": {"scale": {"bandPaddingInner": 0.25}},
        "encoding": {
            "x": {"field": "month", "type": "ordinal", "title": None, "scale": {"domain": months},
                  "axis": {"labelExpr": f"{json.dumps(labels)}[datum.value] || datum.value",
                           "labelAngle": 0 if len(months) <= 12 else -45}},
            "y": {"field": "quotes", "type": "quantitative", "aggregate": "sum", "title": "Quotes",
                  "axis": {"format": "d", "values": list(range(0, top + 1))} if top <= 8
                  else {"format": "d", "tickMinStep": 1}},
            "color": {"field": "outlet", "type": "nominal", "title": "Outlet",
                      "legend": {"orient": "bottom", "columns": 2, "labelLimit": 400}},
        },
    }


def appearances_chart(rows: Iterable[dict]) -> dict:
    """A Vega-Lite timeline of a claim: one dot per quote, by day and outlet, coloured by speaker.

    ``rows`` are ``{"day": "YYYY-MM-DD", "outlet": ..., "speaker": ..., "words": ...}``.
    """
    values = [
        {"day": r["day"], "outlet": r["outlet"] or "unknown", "speaker": r["speaker"] or "unknown",
         "words": r["words"]}
        for r in rows
    ]
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v5.json",
        "description": "Appearances of the claim by day and outlet",
        "data": {"values": values},
        "mark": {"type": "circle", "size": 140, "opacity": 0.85},
        "width": "container",
        # A fixed height, one band per outlet: a "step" height with a container width
        # makes Vega-Lite warn on the console.
        "height": 36 * max(1, len({v["outlet"] for v in values})),
        "autosize": {"type": "fit-x", "contains": "padding"},
        "encoding": {
            "x": {"field": "day", "type": "temporal", "title": None, "scale": {"padding": 24},
                  "axis": {"format": "%d %b %Y", "tickCount": 6}},
            "y": {"field": "outlet", "type": "nominal", "title": None, "axis": {"labelLimit": 320}},
            "color": {"field": "speaker", "type": "nominal", "title": "Speaker", "legend": {"orient": "bottom"}},
            "tooltip": [
                {"field": "day", "type": "temporal", "format": "%d %b %Y"},
                {"field": "outlet"},
                {"field": "speaker"},
                {"field": "words"},
            ],
        },
    }
