"""HTML pages (``.html``, ``.htm``): main text and metadata by trafilatura.

trafilatura finds the article among the page's boilerplate and reads title, date,
authors, site name and canonical URL from its meta tags. Its text (one paragraph per
line) then goes through the same furniture rules as plain text, which drop what it
keeps of the headline, captions and "Read more" links.
"""

from __future__ import annotations

import re
from typing import Iterator, Optional, Union

from ..models import Article
from .base import SourceError, decode_text, normalise_authors, normalise_paragraphs, read_bytes
from .dates import normalise_date
from .furniture import clean_page

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> Optional[str]:
    """The charset a page declares in a ``<meta>`` tag near its top, if any.

    Older pages are often windows-1252 and say so; that is the one encoding besides
    UTF-8 worth honouring.
    """
    match = _CHARSET.search(data[:4096])
    return match.group(1).decode("ascii") if match else None


def _extract(path: str, html: str):
    # trafilatura is imported here, not at module level: it is slow to import and
    # only HTML input needs it.
    import trafilatura

    try:
        return trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as exc:  # a parser failure on one page must not end a corpus run
        raise SourceError(path, f"HTML could not be parsed ({type(exc).__name__}: {exc})") from None


def read_html(path: str, max_bytes: int) -> Iterator[Union[Article, SourceError]]:
    """Yield the article in the HTML page ``path``."""
    data = read_bytes(path, max_bytes)
    html = decode_text(path, data, fallback=declared_charset(data))
    doc = _extract(path, html)
    page = clean_page(normalise_paragraphs(doc.text or ""), known_title=doc.title) if doc else None
    if page is None or not page.text:
        raise SourceError(path, "no article text found in the HTML")
    yield Article(
        text=page.text,
        title=doc.title or page.title,
        url=doc.url or page.url,
        outlet=doc.sitename,
        published=normalise_date(doc.date) or page.published,
        authors=normalise_authors(doc.author),
        source=path,
    )
