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
from .base import SourceError, decode_source, normalise_authors, normalise_paragraphs, read_bytes
from .dates import normalise_date
from .furniture import clean_page

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE)


def declared_charset(data: bytes) -> Optional[str]:
    """The charset a page declares near its top (``<meta>``, or an XML declaration), if any.

    Older pages are often windows-1252 and say so; the declaration is the page's own
    word and beats guessing (see :mod:`.encoding` for the order of evidence).
    """
    head = data[:4096]
    match = _CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii") if match else None


def _extract(path: str, html: str, url: Optional[str]):
    # trafilatura is imported here, not at module level: it is slow to import and
    # only HTML input needs it.
    import trafilatura

    try:
        return trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except Exception as exc:  # a parser failure on one page must not end a corpus run
        raise SourceError(path, f"HTML could not be parsed ({type(exc).__name__}: {exc})") from None


def html_article(
    source: str,
    data: bytes,
    *,
    charset: Optional[str] = None,
    url: Optional[str] = None,
    published: Optional[str] = None,
    fetched_at: Optional[str] = None,
) -> Article:
    """The article in the HTML page ``data``; SourceError (naming ``source``) if there is none.

    One function for pages from files, the web and web archives, so they are read
    alike. ``charset`` is one the transport states (an HTTP ``Content-Type``), which
    beats the page's own declaration; ``url`` and ``published`` stand in when the page
    gives no canonical URL or date (the address fetched, a web archive's capture date).
    """
    decoded = decode_source(source, data, charset or declared_charset(data))
    doc = _extract(source, decoded.text, url)
    page = clean_page(normalise_paragraphs(doc.text or ""), known_title=doc.title) if doc else None
    if page is None or not page.text:
        raise SourceError(source, "no article text found in the HTML")
    return Article(
        text=page.text,
        title=doc.title or page.title,
        url=doc.url or page.url or url,
        outlet=doc.sitename,
        published=normalise_date(doc.date) or page.published or published,
        authors=normalise_authors(doc.author),
        source=source,
        encoding=decoded.label,
        fetched_at=fetched_at,
    )


def read_html(path: str, max_bytes: int) -> Iterator[Union[Article, SourceError]]:
    """Yield the article in the HTML page ``path``."""
    yield html_article(path, read_bytes(path, max_bytes))


#: Elements whose content is a paragraph of its own in a feed entry's HTML.
_BLOCKS = {
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr",
    "section", "article", "header", "footer", "ul", "ol", "table", "hr", "dd", "dt",
}  # fmt: skip
#: Elements that carry no article text (captions are page furniture, as in pages).
_DROPPED = ("script", "style", "noscript", "iframe", "figcaption", "figure", "object", "form")


def fragment_text(html: str) -> str:
    """The text of an HTML fragment (a feed entry's content), one paragraph per block.

    trafilatura is built for whole pages and may find no "main content" in a fragment
    that is all content; lxml reads it as it is. Paragraphs are blank-line separated,
    as every reader gives them.
    """
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for element in list(root.iter(*_DROPPED)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS:
            element.text = "\n" + (element.text or "")
            element.tail = "\n" + (element.tail or "")
    return normalise_paragraphs(root.text_content())
