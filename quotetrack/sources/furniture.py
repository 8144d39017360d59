"""Page furniture: turn a news page pasted as text into headline, metadata and body.

A page copied from a browser carries more than the article: skip links and menus
above the headline, a date and a short link under it, a standfirst, photo captions,
share buttons, "Read more" links and, after the agency byline, lists of other
stories. Left in ``Article.text`` they become false quotes (a related headline such
as ``Analyst: rebels making 'good progress'`` is no one's quotation in this article).

The rules here are about the *shape* of English news pages, never about one outlet's
words:

* **Line furniture**, dropped wherever it stands: skip links ("Skip to content"),
  share/print buttons, "Advertisement", "Page 1 of 2", one-line related links
  ("Read more: <headline>").
* **Navigation**: leading blocks of three or more short lines (menus, numbered lists
  of links) before anything that looks like a headline.
* **Header**: within the first lines, a headline (a short line with no closing full
  stop, or the title a sidecar gives), a dateline, a URL line, and at most one
  standfirst paragraph between them. All become metadata, none stays in the body.
* **Captions**: a line ending in an "Image: <credit>"/"Photo: <credit>" credit, with the
  image's alt-text line directly above it in the same block.
* **End of article**: an agency byline ("ab/cd (AFP, Reuters)") or a heading that opens
  a trailing section ("Skip next section ...", "More stories", "Related", "Read more",
  "Most read", ...) ends the body; trailing "Follow us on ..." lines, e-mail addresses
  and copyright lines are dropped.

Short lines inside the body (subheadings such as "What happens next?") are kept as
their own paragraphs: they are real section breaks. Nothing inside a kept line is
changed, so quotation marks and character offsets survive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from .base import join_paragraphs, split_lines
from .dates import date_line

HEADER_LINES = 15
"""How many of the first non-empty lines may hold the headline, dateline and URL."""

MENU_MAX_WORDS = 6
NAV_MIN_LINES = 3
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 200

Line = tuple[int, str]
"""A non-empty, stripped line and the number of the block (blank-line separated) it is in."""


def _line(pattern: str, flags: int = re.IGNORECASE) -> re.Pattern:
    """A pattern a whole line must match, allowing a trailing colon or ellipsis."""
    return re.compile(rf"(?:{pattern})\s*[:…]?", flags)


_SKIP_LINK = _line(r"(?:\d+\.\s*)?skip to\b.{0,40}")
_SHARE = _line(
    r"share(?:\s+(?:this(?:\s+(?:article|story|page))?|on\s+\w+|via\s+\w+))?"
    r"|facebook|twitter|whatsapp|linkedin|e-?mail|print|copy link|tweet|pin it"
)
_ADVERT = _line(
    r"advertisement|advertising|sponsored content|story continues below(?: advertisement)?"
)
_PAGE_OF = _line(r"page \d+ of \d+")
_RELATED_LINK = re.compile(
    r"(?:read more|read also|also read|related|see also|more on this(?: story)?|watch|listen)"
    r"\s*:\s*\S.*",
    re.IGNORECASE,
)
_LINE_FURNITURE = (_SKIP_LINK, _SHARE, _ADVERT, _PAGE_OF, _RELATED_LINK)

_URL_LINE = re.compile(r"https?://\S+")

# A caption ends with its credit: a label, then up to 80 characters with no quotation
# mark and no sentence end ("J. Smith/AP" is a credit; "the port. Later he ..." is prose).
_CAPTION = re.compile(
    r"(?:^|\s)(?:image|photo|picture|photograph|illustration|video)(?:\s+credit)?\s*:\s*"
    r"[^\s\"“”‘’](?:(?![a-z]{2}[.!?]\s)[^\"“”‘’]){0,80}$",
    re.IGNORECASE,
)

_SECTION_HEAD = _line(
    r"skip next section\b.*"
    r"|(?:[\w'’]+\s+)?(?:more|top|related|latest|recommended|popular|trending|further)\s+"
    r"(?:stories|story|articles|news|content|reading|coverage|links|videos|topics)"
    r"(?:\s+(?:from|on|in|about|for)\s+.{1,30})?"
    r"|related|read more|more from\s+\S.{0,30}|you (?:may|might) also (?:like|be interested in)"
    r"|most (?:read|popular|viewed|shared)|editor'?s picks|see also|in other news"
)
# "mfi/jcg (AFP, Reuters)", "dh/rs", "ab (dpa)": the editors' initials that close a
# wire-based story. Lower case initials keep "AP" or "UN" lines out.
_AGENCY_BYLINE = re.compile(
    r"[a-z]{2,4}(?:/[a-z]{2,4})+(?:\s*\([^()]{2,60}\))?|[a-z]{2,4}\s*\([A-Z][^()]{1,60}\)"
)
_FOOTER = _line(
    r"follow\s.{1,60}\s+on\s+(?:twitter|facebook|instagram|x|linkedin|tiktok|threads|bluesky)\b.*"
    r"|follow us\b.*|like us on \w+|go to homepage|back to top"
    r"|\S+@\S+\.\w+|(?:©|copyright\b\s*©?)\s*\d{4}\b.*"
)

_SENTENCE_END = ".!?:;,"
_CLOSERS = "\"'”’»)]"


@dataclass
class Page:
    """The article found on a page: body text (paragraphs split by blank lines) and metadata."""

    text: str
    title: Optional[str] = None
    published: Optional[str] = None
    url: Optional[str] = None


def clean_page(text: str, known_title: Optional[str] = None) -> Page:
    """Split a page pasted as text into its article body and header metadata.

    ``known_title`` (e.g. from a sidecar) identifies the headline line even when its
    shape alone would not.
    """
    lines = [line for line in to_lines(text) if not is_line_furniture(line[1])]
    lines = drop_navigation(lines)
    header, lines = split_header(lines, known_title)
    lines = drop_captions(lines)
    lines = cut_trailing_sections(lines)
    lines = drop_footer(lines)
    return Page(text=join_paragraphs(t for _, t in lines), **header)


def to_lines(text: str) -> list[Line]:
    """Non-empty stripped lines, each with the number of its blank-line separated block."""
    lines, block = [], 0
    for line in split_lines(text):
        if line:
            lines.append((block, line))
        elif lines and lines[-1][0] == block:
            block += 1
    return lines


def is_line_furniture(line: str) -> bool:
    """A line that is page furniture wherever it stands (buttons, skip links, ad labels)."""
    return any(pattern.fullmatch(line) for pattern in _LINE_FURNITURE)


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS)[-1:] in _SENTENCE_END


def _is_menu_item(line: str) -> bool:
    return (
        len(line.split()) <= MENU_MAX_WORDS
        and not _ends_sentence(line)
        and not _URL_LINE.fullmatch(line)
        and not date_line(line)
    )


def drop_navigation(lines: list[Line]) -> list[Line]:
    """Drop leading blocks of several short lines: menus, section lists, link lists.

    A headline stands alone in its block; a block of three or more short lines at the
    very top (with no dateline or URL, which would make it a header) is navigation.
    """
    while lines:
        block = lines[0][0]
        first = [text for number, text in lines if number == block]
        if len(first) < NAV_MIN_LINES or not all(map(_is_menu_item, first)):
            break
        lines = lines[len(first):]
    return lines


def _same_title(line: str, title: Optional[str]) -> bool:
    return bool(title) and line.casefold().split() == title.casefold().split()


def looks_like_headline(line: str) -> bool:
    """A line shaped like a headline: a few words, capitalised, no closing full stop."""
    words = line.split()
    first_letter = next((c for c in line if c.isalnum()), "")
    return (
        2 <= len(words) <= HEADLINE_MAX_WORDS
        and len(line) <= HEADLINE_MAX_CHARS
        and not first_letter.islower()
        and not _ends_sentence(line)
        and not _CAPTION.search(line)
    )


def split_header(lines: list[Line], known_title: Optional[str] = None) -> tuple[dict, list[Line]]:
    """Take headline, dateline and URL line (and a standfirst between them) off the top.

    Returns the metadata found (``title``, ``published``, ``url``) and the remaining
    lines. The header ends at the last metadata line; scanning stops at the second
    line of prose, since a header holds at most one standfirst. With no metadata line
    nothing is removed.
    """
    found: dict = {}
    last = -1
    prose = 0
    for i, (_, text) in enumerate(lines[:HEADER_LINES]):
        if "url" not in found and _URL_LINE.fullmatch(text):
            found["url"] = text
        elif "published" not in found and (iso := date_line(text)):
            found["published"] = iso
        elif (
            "title" not in found
            and not prose
            and (_same_title(text, known_title) or looks_like_headline(text))
        ):
            found["title"] = text
        else:
            prose += 1
            if prose > 1:
                break
            continue
        last = i
    return found, lines[last + 1:]


def drop_captions(lines: list[Line]) -> list[Line]:
    """Drop photo captions ("... Image: <credit>") and the alt-text line just above each.

    Alt text is the line directly before a caption in the same block that does not end
    like a sentence; a real paragraph before a caption is kept.
    """
    drop = set()
    for i, (block, text) in enumerate(lines):
        if not _CAPTION.search(text):
            continue
        drop.add(i)
        if i > 0 and lines[i - 1][0] == block and not _ends_sentence(lines[i - 1][1]):
            drop.add(i - 1)
    return [line for i, line in enumerate(lines) if i not in drop]


def cut_trailing_sections(lines: list[Line]) -> list[Line]:
    """End the body at an agency byline or at the heading of a trailing section.

    The first line can never end the article: a body needs at least one paragraph.
    """
    for i, (_, text) in enumerate(lines[1:], start=1):
        if _AGENCY_BYLINE.fullmatch(text) or _SECTION_HEAD.fullmatch(text):
            return lines[:i]
    return lines


def drop_footer(lines: list[Line]) -> list[Line]:
    """Drop trailing "Follow us on ...", e-mail and copyright lines after the last paragraph."""
    end = len(lines)
    while end > 1 and _FOOTER.fullmatch(lines[end - 1][1]):
        end -= 1
    return lines[:end]
