"""Finding quotation spans: which characters are inside quotation marks.

This module knows nothing of speakers or of spaCy: it takes the article text and returns
:class:`QuoteSpan` objects with character offsets. The rules follow newspaper convention:

* Marks are paired by family: double (``"``, “ ”, „, « », ‹ ›) and single (``'``, ‘ ’).
  Doubles are found first; a single-quoted span inside a double-quoted one is a nested
  quote and belongs to the outer quote (and the other way round, for British style).
* Whether a mark opens or closes is read from its neighbours (space before and a letter
  after opens; a letter before and space or punctuation after closes), so a stray or
  typo'd mark cannot flip every later pair the way simple toggling would.
* A paragraph that opens a quote and does not close it continues when the next paragraph
  opens with a mark: one quote of several parts (multi-paragraph). The same holds inside
  one line when a new opening mark follows an unclosed quote (texts whose paragraphs
  were merged into one line).
* An unclosed quote that is not continued ends at the end of its paragraph: an
  unbalanced mark never swallows the rest of the article and never aborts it.
* Apostrophes (``don't``, ``Armenia’s``, ``'90s``, ``rock 'n' roll``) are not marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DOUBLE_OPEN = "\u201c\u201e\u00ab\u2039\u201f"
DOUBLE_CLOSE = "\u201d\u00bb\u203a"
DOUBLE_AMBIG = '"'
SINGLE_OPEN = "\u2018\u201a\u201b"
SINGLE_CLOSE = "\u2019"
SINGLE_AMBIG = "'"

DOUBLE_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_AMBIG
SINGLE_MARKS = SINGLE_OPEN + SINGLE_CLOSE + SINGLE_AMBIG
ALL_MARKS = DOUBLE_MARKS + SINGLE_MARKS

OPEN, CLOSE, EITHER = "open", "close", "either"

# characters that may stand right before an opening mark
_BEFORE_OPEN = set(" \t\n([{\u2014\u2013-/\u00a0") | set(ALL_MARKS)
# characters that may stand right after a closing mark
_AFTER_CLOSE = set(" \t\n.,;:!?)]}\u2014\u2013-/\u2026\u00a0") | set(ALL_MARKS)

_PARA_RE = re.compile(r"[^\n]+")


@dataclass
class QuoteSpan:
    """A quotation: one or more parts, each a ``(start, end)`` of the text inside the marks."""

    parts: list[tuple[int, int]] = field(default_factory=list)
    mark: str = '"'  # the opening mark of the first part
    closed: bool = True  # False when the last part had no closing mark

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    def text(self, doc_text: str) -> str:
        """The quote's words: the parts joined with one space."""
        return " ".join(doc_text[s:e] for s, e in self.parts)

    @property
    def multi_part(self) -> bool:
        return len(self.parts) > 1


def _direction(text: str, i: int, opens: str, closes: str) -> str:
    """Whether the mark at ``text[i]`` opens, closes or could do either."""
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    can_open = prev in _BEFORE_OPEN and not nxt.isspace()
    can_close = not prev.isspace() and (nxt in _AFTER_CLOSE or nxt.isspace())
    ch = text[i]
    if can_open and not can_close:
        return OPEN
    if can_close and not can_open:
        return CLOSE
    if ch in opens:
        return OPEN
    if ch in closes:
        return CLOSE
    return EITHER


def _is_apostrophe(text: str, i: int) -> bool:
    """A single mark that is part of a word rather than a quotation mark."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if prev.isalnum() and nxt.isalnum():  # don't, Armenia's, O'Brien
        return True
    if not prev.isalnum() and nxt.isdigit():  # '90s
        return bool(re.match(r"\d\ds\b", text[i + 1 : i + 4]))
    if text[max(0, i - 1) : i + 3].lower() in (" 'n'", "'n' ") or text[i : i + 3].lower() == "'n'":
        return True
    if text[max(0, i - 2) : i + 1].lower().replace("\u2019", "'").replace("\u2018", "'") == "'n'":
        return True  # the second mark of rock 'n' roll
    return False


def _possessive_s(text: str, i: int, p_end: int, opens: str, closes: str) -> bool:
    """A plural possessive (``the players' union``) rather than the close of the open single quote.

    ``s'`` followed by a space and a lower-case word reads both ways; it is an apostrophe
    when a later mark in the paragraph can close the quote before any mark opens a new one.
    """
    if text[i - 1 : i] != "s" or not re.match(r" [a-z]", text[i + 1 : i + 3]):
        return False
    for j in range(i + 1, p_end):
        if text[j] in SINGLE_MARKS and not _is_apostrophe(text, j):
            return _direction(text, j, opens, closes) != OPEN
    return False


_SENTENCE_END = re.compile(r"[.?!\u2026:;\u2014-]\W*$")
_NARRATION = re.compile(
    r"(?<=[.?!])\s+(?=[A-Z][^.?!]{0,80}\b(?:said|says|told|added|adds|according to|explained|continued)\b)"
)


def _ends_sentence(text: str, start: int, i: int) -> bool:
    """Whether the quoted text before position ``i`` ends a sentence (a lost paragraph break)."""
    before = text[start:i].rstrip()
    return not before or bool(_SENTENCE_END.search(before[-3:]))


def _skip_nested(text: str, i: int, p_end: int, marks: str, opens: str, closes: str) -> int:
    """Position after the mark closing the nested quote opened at ``i`` (or ``i + 1``)."""
    for j in range(i + 1, p_end):
        if text[j] in marks and _direction(text, j, opens, closes) in (CLOSE, EITHER):
            return j + 1
    return i + 1


def _next_paragraph_opens(text: str, paragraphs, index: int, marks: str, opens: str, closes: str) -> bool:
    if index + 1 >= len(paragraphs):
        return False
    start, end = paragraphs[index + 1]
    lead = text[start:end].lstrip()
    pos = end - len(lead)
    return bool(lead) and lead[0] in marks and _direction(text, pos, opens, closes) != CLOSE


def _narration_resumes(text: str, s: int, e: int) -> int:
    """End of an unclosed, uncontinued quote: before the first sentence that reports speech."""
    m = _NARRATION.search(text, s, e)
    if m and m.start() > s:
        return m.start()
    return e


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _pair_family(text: str, marks: str, opens: str, closes: str, single: bool) -> list[QuoteSpan]:
    """Pair the marks of one family over the whole text, paragraph by paragraph."""
    spans: list[QuoteSpan] = []
    current: QuoteSpan | None = None  # a quote carried over from an earlier part
    paragraphs = [(m.start(), m.end()) for m in _PARA_RE.finditer(text) if m.group().strip()]
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        open_at: int | None = None
        open_mark = ""
        # a quote left open by the previous paragraph continues only if this one opens with a mark
        if current is not None:
            lead = text[p_start:p_end].lstrip()
            lead_pos = p_end - len(lead)
            if lead and lead[0] in marks and _direction(text, lead_pos, opens, closes) != CLOSE:
                open_at = lead_pos + 1
                open_mark = lead[0]
            else:
                current.closed = False
                spans.append(current)
                current = None
        i = p_start
        while i < p_end:
            ch = text[i]
            if ch not in marks or (open_at is not None and i < open_at):
                i += 1
                continue
            if single and (_is_apostrophe(text, i) or (open_at is not None and _possessive_s(text, i, p_end, opens, closes))):
                i += 1
                continue
            direction = _direction(text, i, opens, closes)
            if open_at is None:
                if direction in (OPEN, EITHER):
                    open_at, open_mark = i + 1, ch
                # a closing mark with nothing open is a stray: ignore it
            else:
                if direction in (CLOSE, EITHER) and i > open_at:
                    s, e = _strip(text, open_at, i)
                    if e > s:
                        if current is None:
                            current = QuoteSpan(mark=open_mark)
                        current.parts.append((s, e))
                        spans.append(current)
                    current = None
                    open_at = None
                elif direction == OPEN and not single:
                    if not _ends_sentence(text, open_at, i):
                        # a quote inside the quote ("he was the "Father of the House" and"):
                        # skip to the mark that closes it
                        i = _skip_nested(text, i, p_end, marks, opens, closes)
                        continue
                    # an unclosed quote followed by a new opening mark: a paragraph break
                    # lost when paragraphs were merged into one line, unless narration
                    # ("Mr X said that ...") resumed in between
                    s, e = _strip(text, open_at, i)
                    cut = _narration_resumes(text, s, e)
                    if cut < e:
                        s, e = _strip(text, s, cut)
                        if current is None:
                            current = QuoteSpan(mark=open_mark)
                        current.parts.append((s, e))
                        current.closed = False
                        spans.append(current)
                        current = None
                    elif e > s:
                        if current is None:
                            current = QuoteSpan(mark=open_mark)
                        current.parts.append((s, e))
                    open_at = i + 1
            i += 1
        if open_at is not None:
            s, e = _strip(text, open_at, p_end)
            if not _next_paragraph_opens(text, paragraphs, p_index, marks, opens, closes):
                e = _narration_resumes(text, s, e)
            if single:
                # single marks are too often apostrophes to trust an unclosed one
                current = None
            elif e > s:
                if current is None:
                    current = QuoteSpan(mark=open_mark)
                current.parts.append((s, e))
    if current is not None and current.parts:
        current.closed = False
        spans.append(current)
    return [s for s in spans if s.parts]


def _inside(inner: QuoteSpan, outer: QuoteSpan) -> bool:
    return any(os <= inner.start and inner.end <= oe for os, oe in outer.parts) or (
        outer.start <= inner.start and inner.end <= outer.end and inner is not outer
    )


def find_spans(text: str) -> list[QuoteSpan]:
    """Every quotation span in ``text``, in order of position; nested quotes folded into their outer one."""
    doubles = _pair_family(text, DOUBLE_MARKS, DOUBLE_OPEN, DOUBLE_CLOSE, single=False)
    singles = _pair_family(text, SINGLE_MARKS, SINGLE_OPEN, SINGLE_CLOSE, single=True)
    kept_doubles = [d for d in doubles if not any(_inside(d, s) and s.end - s.start > d.end - d.start for s in singles)]
    kept_singles = [
        s
        for s in singles
        if not any(_inside(s, d) or (d.start < s.end and s.start < d.end) for d in kept_doubles)
    ]
    return sorted(kept_doubles + kept_singles, key=lambda q: q.start)
