"""Plain dataclasses that flow between the stages.

Readers produce :class:`Article`; the extractor produces :class:`Quote`; the store
only ever sees these two. They are dataclasses (not ORM rows) so that they print as
JSON, compare by value and can be built by hand in tests.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Optional


def content_hash(*parts: object, length: int = 16) -> str:
    """A short, stable hex digest of ``parts``.

    Ids are content hashes so that ingesting the same article twice yields the same
    rows: no counters, no UUIDs, nothing that depends on the order of a run.
    """
    h = hashlib.sha1()
    for part in parts:
        h.update(str(part if part is not None else "").encode("utf-8"))
        h.update(b"\x1f")
    return h.hexdigest()[:length]


@dataclass
class Article:
    """One news article, as read from any source."""

    text: str
    title: Optional[str] = None
    url: Optional[str] = None
    outlet: Optional[str] = None
    published: Optional[str] = None  # ISO date, YYYY-MM-DD
    authors: list[str] = field(default_factory=list)
    source: Optional[str] = None  # the path, path#line or URL it was read from, as given
    source_id: Optional[str] = None  # the record's own id, when the source has one
    # How the bytes were read as text: "utf-8", or the encoding and why ("windows-1252 (detected)",
    # "utf-16-le (BOM)", "iso-8859-2 (declared)"); None where the source was already text
    encoding: Optional[str] = None
    fetched_at: Optional[str] = None  # when it was fetched from the web or archived (ISO time, UTC)

    @property
    def id(self) -> str:
        """Stable id: a hash of the article text (whitespace-normalised).

        The same text read twice, from the same or another path, is the same article.
        """
        return content_hash(" ".join(self.text.split()))

    def to_dict(self) -> dict:
        d = asdict(self)
        d["id"] = self.id
        return d


@dataclass
class Quote:
    """One direct quotation found in an article.

    ``start``/``end`` are character offsets into the article text. For a one-part quote
    ``text == article.text[start:end]``; a multi-paragraph quote keeps each part in
    ``parts`` and ``text`` is the parts joined with one space.
    """

    text: str
    start: int
    end: int
    parts: list[tuple[int, int]] = field(default_factory=list)
    kind: str = "full"  # full | partial (| indirect, for reported speech)
    speaker: Optional[str] = None  # canonical name, or None
    speaker_mention: Optional[str] = None  # as written next to the quote
    speaker_type: str = "unnamed"  # person | organisation | unnamed | document | none
    role: Optional[str] = None
    org: Optional[str] = None
    said_on: Optional[str] = None  # ISO date or None
    cue: Optional[str] = None  # the speech verb
    confidence: float = 0.0
    method: Optional[str] = None  # which rule attributed it
    # character offsets of the speaker mention the attribution rests on ("he", "Mr Smith", "a spokesman"),
    # which may lie paragraphs before the quote for a continuation; None when there is none
    mention_start: Optional[int] = None
    mention_end: Optional[int] = None

    def id_in(self, article_id: str) -> str:
        """Stable quote id: the article id plus the quote's position in it."""
        return content_hash(article_id, self.start, self.end)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["parts"] = [list(p) for p in self.parts]
        return d
