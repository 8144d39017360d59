"""Plain-text articles (``.txt``), with an optional ``<stem>.json`` sidecar of metadata.

The body is the file's text without page furniture (see :mod:`.furniture`), one
paragraph per source line. Metadata comes from the sidecar where it has a value and
is otherwise guessed from the top of the page (headline, dateline, URL line).
"""

from __future__ import annotations

import json
import os
from typing import Iterator, Union

from ..models import Article
from .base import SourceError, decode_text, metadata_from_record, read_bytes
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


def read_text(path: str, max_bytes: int) -> Iterator[Union[Article, SourceError]]:
    """Yield the article in ``path``; a broken sidecar is reported, then ignored.

    A bad sidecar should not cost the article, so its error is yielded (for the
    caller's ``on_error``) and the article is still read, without that metadata.
    """
    text = decode_text(path, read_bytes(path, max_bytes))
    sidecar: dict = {}
    companion = sidecar_path(path)
    if os.path.isfile(companion):
        try:
            sidecar = load_sidecar(companion, max_bytes)
        except SourceError as err:
            yield err
    meta = metadata_from_record(sidecar)
    page = clean_page(text, known_title=meta["title"])
    if not page.text:
        raise SourceError(path, "no article text (only a headline, metadata or page furniture)")
    yield Article(
        text=page.text,
        title=meta["title"] or page.title,
        url=meta["url"] or page.url,
        outlet=meta["outlet"],
        published=meta["published"] or page.published,
        authors=meta["authors"],
        source=path,
        source_id=meta["source_id"],
    )
