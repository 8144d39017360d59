"""Publication dates: normalise metadata values and recognise date lines in page text.

Everything becomes an ISO ``YYYY-MM-DD`` string or ``None``. Only the stdlib is used:
readers run over tens of thousands of records and ``dateparser`` is far slower than a
few regular expressions for the handful of formats news metadata actually uses.
A value that cannot be read gives ``None``; a bad date never costs an article.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from typing import Optional

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_WEEKDAY = r"(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s+)?"
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"

# 2023-09-24, 2023-09-24T10:00:00Z, 2023/09/24
_CLOCK = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_ISO = rf"{_YEAR}[-/](?P<num_month>\d{{1,2}})[-/]{_DAY}{_CLOCK}"
# Friday, January 4, 2019 / Sept. 24 2023
_MONTH_FIRST = rf"{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}"
# 24 September 2023 / Fri, 04 Jan 2019
_DAY_FIRST = rf"{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"

_PATTERNS = [
    re.compile(rf"(?<!\w){p}(?!\d)", re.IGNORECASE) for p in (_ISO, _MONTH_FIRST, _DAY_FIRST)
]

# A whole line that is only a date, as pages print it under a headline: an optional
# "Published"/"Updated" label and an optional time of day around one of the formats.
_LABEL = r"(?:(?:first\s+)?published|(?:last\s+)?updated|posted|date)?(?:\s+on)?\s*:?\s*"
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[a-z]{2,5})?)?"
_DATE_LINES = [
    re.compile(rf"{_LABEL}{p}{_TIME}", re.IGNORECASE) for p in (_ISO, _MONTH_FIRST, _DAY_FIRST)
]


def _iso(match: re.Match) -> Optional[str]:
    """The ISO date of a pattern match, or ``None`` if it names no real day (Feb 30)."""
    parts = match.groupdict()
    month = parts.get("num_month") or _MONTHS[parts["month"][:3].lower()]
    try:
        return dt.date(int(parts["year"]), int(month), int(parts["day"])).isoformat()
    except ValueError:
        return None


def normalise_date(value: object) -> Optional[str]:
    """``value`` (a date, datetime or string in a common format) as ``YYYY-MM-DD``, else None.

    A datetime keeps the day as written, without converting time zones: the publisher's
    own calendar day is the one that dates "on Sunday" in the article.
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or not value.strip():
        return None
    for pattern in _PATTERNS:
        match = pattern.search(value)
        if match and (iso := _iso(match)):
            return iso
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


def date_line(line: str) -> Optional[str]:
    """The ISO date if ``line`` is nothing but a date (a page's dateline), else None."""
    text = line.strip()
    for pattern in _DATE_LINES:
        match = pattern.fullmatch(text)
        if match and (iso := _iso(match)):
            return iso
    return None
