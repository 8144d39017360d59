"""Plain-text articles (``.txt``), with an optional ``<stem>.json`` sidecar of metadata.

The body is the file's text without page furniture (see :mod:`.furniture`), one
paragraph per source line. Metadata comes from the sidecar where it has a value and
is otherwise guessed from the top of the page (headline, dateline, URL line).
"""

from __future__ import annotations

import json
import os
from typing import Iterator, Optional, Union

from ..models import Article
from .base import SourceError, decode_source, decode_text, metadata_from_record, read_bytes
from .encoding import Decoded
from .furniture import clean_page


def sidecar_path(path: str) -> str:
    """Where the metadata sidecar of a ``.txt`` file lives: same folder, same stem, ``.json``."""
    return os.path.splitext(path)[0] + ".json"


def load_sidecar(path: str, max_bytes: int) -> dict:
    """The sidecar's JSON object; SourceError (naming the sidecar) if it is not one."""
    text = decode_text(path, read_bytes(path, max_bytes))
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(path, f"malformed JSON sidecar ({exc})") from None
    if not isinstance(value, dict):
        raise SourceError(path, "sidecar is not a JSON object")
    return value


def text_article(
    source: str,
    decoded: Decoded,
    sidecar: Optional[dict] = None,
    *,
    url: Optional[str] = None,
    fetched_at: Optional[str] = None,
) -> Article:
    """The article in decoded plain text: sidecar metadata first, then guesses from the
    page top, then ``url`` (the address a text was fetched from)."""
    meta = metadata_from_record(sidecar or {})
    page = clean_page(decoded.text, known_title=meta["title"])
    if not page.text:
        raise SourceError(source, "no article text (only a headline, metadata or page furniture)")
    return Article(
        text=page.text,
        title=meta["title"] or page.title,
        url=meta["url"] or page.url or url,
        outlet=meta["outlet"],
        published=meta["published"] or page.published,
        authors=meta["authors"],
        source=source,
        source_id=meta["source_id"],
        encoding=decoded.label,
        fetched_at=fetched_at,
    )


def read_text(path: str, max_bytes: int) -> Iterator[Union[Article, SourceError]]:
    """Yield the article in ``path``; a broken sidecar is reported, then ignored.

    A bad sidecar should not cost the article, so its error is yielded (for the
    caller's ``on_error``) and the article is still read, without that metadata.
    """
    decoded = decode_source(path, read_bytes(path, max_bytes))
    sidecar: dict = {}
    companion = sidecar_path(path)
    if os.path.isfile(companion):
        try:
            sidecar = load_sidecar(companion, max_bytes)
        except SourceError as err:
            yield err
    yield text_article(path, decoded, sidecar)
