"""The day words were said, read from the attribution and resolved against the publication date.

News writes relative dates: "said on Sunday", "told reporters yesterday", "said last
Tuesday". Weekdays resolve to the latest such day on or before publication (reporting is
in the past tense); "yesterday"/"today"/"tonight"/"this morning" to the obvious day;
absolute dates ("on 12 March", "March 12, 2015") to themselves. Vague spans ("last week",
"earlier this month") give no day.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Optional

from .lexicon import WEEKDAYS

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ]
    )
    for m in names
}

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})\.?(?:,?\s+(\d{{4}}))?\b", re.I)
_MONTH_DAY = re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", re.I)
_WEEKDAY = re.compile(rf"\b(last\s+)?({'|'.join(WEEKDAYS)})\b", re.I)
_RELATIVE = re.compile(r"\b(yesterday|today|tonight|this (?:morning|afternoon|evening))\b", re.I)


def parse_iso(value: Optional[str]) -> Optional[dt.date]:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _safe_date(year: int, month: int, day: int) -> Optional[dt.date]:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _with_year(month: int, day: int, year: Optional[str], published: Optional[dt.date]) -> Optional[dt.date]:
    if year:
        return _safe_date(int(year), month, day)
    if published is None:
        return None
    candidate = _safe_date(published.year, month, day)
    if candidate and candidate > published + dt.timedelta(days=7):
        # "said on 30 December" in an article of 2 January: last year
        candidate = _safe_date(published.year - 1, month, day)
    return candidate


def date_in(text: str, published: Optional[str]) -> Optional[str]:
    """The first resolvable date expression in ``text`` (an attribution clause), as ISO, or None."""
    pub = parse_iso(published)
    best: Optional[tuple[int, dt.date]] = None

    def offer(pos: int, value: Optional[dt.date]):
        nonlocal best
        if value is not None and (best is None or pos < best[0]):
            best = (pos, value)

    for m in _DAY_MONTH.finditer(text):
        offer(m.start(), _with_year(MONTHS[m.group(2).lower()], int(m.group(1)), m.group(3), pub))
    for m in _MONTH_DAY.finditer(text):
        if m.group(1).lower() == "may" and not m.group(3) and not text[m.start() : m.start() + 1].isupper():
            continue  # the verb "may"
        offer(m.start(), _with_year(MONTHS[m.group(1).lower()], int(m.group(2)), m.group(3), pub))
    if pub is not None:
        for m in _WEEKDAY.finditer(text):
            target = WEEKDAYS.index(m.group(2).lower())
            back = (pub.weekday() - target) % 7
            if m.group(1) and back == 0:
                back = 7
            offer(m.start(), pub - dt.timedelta(days=back))
        for m in _RELATIVE.finditer(text):
            word = m.group(1).lower()
            offer(m.start(), pub - dt.timedelta(days=1) if word == "yesterday" else pub)
    return best[1].isoformat() if best else None
