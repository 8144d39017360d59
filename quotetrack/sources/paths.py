"""From what a user typed (files, folders, glob patterns, URLs) to the inputs to read.

Folders are walked recursively in sorted order and only files with a known extension
are taken; metadata companions are skipped there: ``<stem>.json`` beside a
``<stem>.txt`` (its sidecar) and ``*.gold.json`` (annotations), and so are ``.xml``
files (a folder's ``.xml`` is more often a sitemap or configuration than a feed; name
feeds ``.rss``/``.atom``, or give the ``.xml`` file or a glob explicitly). A file named
explicitly is always read, so an unknown type gets a clear error rather than silence.
An ``http://`` or ``https://`` URL passes through unchanged, to be fetched.
"""

from __future__ import annotations

import glob
import os
from typing import Iterable, Iterator, Optional, Union

from .base import SourceError

SUFFIXES = (
    ".jsonl.gz", ".json.gz", ".warc.gz", ".jsonl", ".json", ".html", ".warc", ".atom",
    ".htm", ".txt", ".rss", ".xml",
)  # fmt: skip
"""Extensions readers exist for; longest first, so ``.jsonl.gz`` wins over ``.gz``."""

#: Read when named or matched by a glob, not when found by walking a folder.
EXPLICIT_ONLY = (".xml",)

_GLOB_CHARS = "*?["


def is_url(value: str) -> bool:
    """An ``http://`` or ``https://`` address (anything else is a path)."""
    return value[:8].lower().startswith(("http://", "https://"))


def suffix_of(path: str) -> Optional[str]:
    """The known extension ``path`` ends with (case-insensitively), or None."""
    name = path.lower()
    return next((suffix for suffix in SUFFIXES if name.endswith(suffix)), None)


def is_companion(path: str) -> bool:
    """A metadata file that belongs to another article, not an article of its own."""
    name = path.lower()
    if name.endswith(".gold.json"):
        return True
    return name.endswith(".json") and os.path.isfile(path[: -len(".json")] + ".txt")


def _is_article_file(path: str, walking: bool = True) -> bool:
    suffix = suffix_of(path)
    return (
        not os.path.basename(path).startswith(".")
        and suffix is not None
        and not (walking and suffix in EXPLICIT_ONLY)
        and not is_companion(path)
    )


def walk(folder: str) -> tuple[list[str], list[SourceError]]:
    """Article files under ``folder`` (sorted) and errors for sub-folders that can't be listed.

    Hidden files and folders (``.git``, editor backups) are skipped. Only paths are
    collected, never contents, so memory grows with the number of files only.
    """
    errors: list[SourceError] = []

    def on_walk_error(exc: OSError) -> None:
        errors.append(SourceError(exc.filename or folder, f"cannot list folder ({exc.strerror})"))

    found = []
    for root, dirs, files in os.walk(folder, onerror=on_walk_error):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(p for p in (os.path.join(root, f) for f in files) if _is_article_file(p))
    return sorted(found), errors


def _expand_glob(pattern: str) -> tuple[list[str], list[SourceError]]:
    files: list[str] = []
    errors: list[SourceError] = []
    for match in sorted(glob.glob(pattern, recursive=True)):
        if os.path.isdir(match):
            found, failed = walk(match)
            files.extend(found)
            errors.extend(failed)
        elif _is_article_file(match, walking=False):
            files.append(match)
    return list(dict.fromkeys(files)), errors  # "dir/**" matches a file and its folder


def expand_paths(
    paths: Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]],
) -> Iterator[Union[str, SourceError]]:
    """Each input as the files (or URLs) to read, or a SourceError if it names nothing readable.

    A single string is one path, not an iterable of one-letter paths.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    for given in paths:
        path = os.fspath(given)
        if is_url(path):
            yield path
            continue
        if os.path.isdir(path):
            files, errors = walk(path)
            missing = "no article files (.txt, .html, .json, .jsonl, .rss, .warc ...) in this folder"
        elif os.path.exists(path):
            yield path
            continue
        elif any(c in path for c in _GLOB_CHARS):
            files, errors = _expand_glob(path)
            missing = "no article files match this pattern"
        else:
            yield SourceError(path, "no such file or directory")
            continue
        yield from errors
        yield from files
        if not files and not errors:
            yield SourceError(path, missing)
