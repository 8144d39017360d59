"""Make a loaded spaCy pipeline faster without changing what it annotates.

Measured on 200 articles of ``bench.jsonl.gz`` with ``en_core_web_sm`` 3.8 (one process, 2-core
AMD EPYC), per article: tok2vec 18 ms, parser 8, attribute_ruler 9, lemmatizer 1-6, ner 32,
quotetrack 6. Every component's output is read by the rules (``lemma_`` and ``pos_`` too), so
none can be disabled; what can go is work that is not needed to get the same output:

- :func:`use_numpy_gemm`: thinc multiplies matrices with BLIS by default; NumPy's OpenBLAS is
  several times faster on current x86 CPUs (here 33 against 174 GFLOPS), which takes tok2vec
  from 18 to 10 ms and ner from 32 to 23. The sums are the same products added in another
  order, so a score could differ in its last bit; over the dev, open, held-out and PolNeAR sets
  and 2,000 benchmark articles no tag, arc, entity or quote changed (benchmarks/README.md).
- :class:`CachedAttributeRuler`: spaCy's attribute ruler runs a Matcher of 179 patterns over
  every token (9 ms an article), although nearly all of them look at one token only (its tag,
  lower-case form, dependency label), so their outcome is a function of those few values:
  worked out once per distinct combination and cached, it costs under a millisecond. Patterns
  of several tokens still go through a Matcher. The annotations are identical by construction
  (and checked in ``tests/test_parallel.py``).
- :func:`lean_predict`: thinc's ``chain`` keeps every layer's backward callback, and with it
  every layer's input and output, until the whole chain has run, even when it only predicts:
  for tok2vec about 13 KiB a token of the batch at once (one article of 103,000 characters,
  24,500 tokens, took a process from 290 to 616 MiB in tok2vec, 657 MiB at its peak).
  Predicting, a chain here drops each layer's callback as soon as the next layer has its
  input: the same layers on the same arrays, the same numbers (tensors and annotations
  bit for bit, on 300 benchmark articles and in ``tests/test_parallel.py``), and the peak is
  a layer or two (that article: 325 MiB in tok2vec, 361 MiB at the process's peak, now in
  the parser). Training (``is_train=True``) runs thinc's own forward.

:func:`apply` does all three; :func:`quotetrack.nlp.load` calls it.
"""

from __future__ import annotations

import re
from typing import Any, Callable, Optional

from spacy.attrs import IDS
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler

#: Token attributes a one-token pattern may test for the cache to handle it; a pattern that
#: tests anything else (or uses an operator) goes through the Matcher as before.
CACHEABLE_KEYS = {"TAG", "LOWER", "DEP", "IS_SPACE", "ORTH", "TEXT", "NORM", "POS", "LEMMA", "SHAPE"}
#: Attributes the ruler may set for the cached path; ``set_token_attrs`` also writes them to
#: the lexeme, where these have no field, so writing them on the token alone is the same.
SETTABLE = {IDS[name] for name in ("POS", "TAG", "MORPH", "LEMMA", "DEP")}
_ARRAY_KEY = {"TEXT": "ORTH"}
#: Distinct tokens (tag, word, label) whose matches are kept; past it the cache starts again.
MAX_CACHED = 200_000


def apply(nlp) -> None:
    """Put ``nlp`` on NumPy's matrix products, let it predict without keeping what only
    training needs, and swap in the cached attribute ruler."""
    use_numpy_gemm(nlp)
    lean_predict(nlp)
    for _, proc in nlp.pipeline:
        if type(proc) is AttributeRuler:
            proc.__class__ = CachedAttributeRuler
            proc.plan()  # now, outside any memory zone (see CachedAttributeRuler)


def use_numpy_gemm(nlp) -> None:
    """Let every thinc model of ``nlp`` multiply matrices with NumPy rather than BLIS.

    Set per model rather than with ``thinc.api.set_current_ops`` so that nothing else in
    the process changes. A model on another backend (a GPU) is left alone.
    """
    from thinc.api import NumpyOps

    ops = None
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps and getattr(node.ops, "use_blis", False):
                ops = ops or NumpyOps(use_blis=False)
                node.ops = ops


def _chain_forward():
    import importlib

    # thinc.layers.chain is also the name of the function the package exports
    return importlib.import_module("thinc.layers.chain").forward


def _no_backprop(dY):
    raise RuntimeError("this chain ran to predict (quotetrack.speedups.lean_predict): it has no gradient")


def _lean_chain_forward(model, X, is_train: bool):
    """thinc's ``chain`` forward; predicting, without keeping the layers' callbacks."""
    if is_train:
        return _chain_forward()(model, X, is_train)
    for layer in model.layers:
        X = layer(X, is_train=False)[0]  # the callback (and the arrays it holds) goes at once
    return X, _no_backprop


def lean_predict(nlp) -> int:
    """Let every thinc ``chain`` of ``nlp`` predict without keeping its layers' callbacks
    (see the module docstring); returns how many chains it changed. Training
    (``is_train=True``) runs thinc's own forward."""
    original = _chain_forward()
    n = 0
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if node._func is original:
                node._func = _lean_chain_forward
                n += 1
    return n


def limit_blas_threads(n: int = 1) -> None:
    """Let NumPy's BLAS use ``n`` threads (OpenBLAS starts one per core).

    spaCy's matrices are small: a second BLAS thread made one process slower here (13.0
    against 16.7 articles/s), and with one worker process per core extra threads only
    compete. Needs threadpoolctl; without it nothing changes.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl is a dependency
        return
    threadpool_limits(n, user_api="blas")


# --- the attribute ruler ---------------------------------------------------------------


def _predicate(key: str, value: Any) -> Optional[Callable[[Any], bool]]:
    """A test of one attribute value as the Matcher applies it, or None if not cacheable."""
    if key not in CACHEABLE_KEYS:
        return None
    if isinstance(value, (str, bool)):
        return lambda v, want=value: v == want
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN":
            options = set(arg)
            return lambda v: v in options
        if op == "NOT_IN":
            options = set(arg)
            return lambda v: v not in options
        if op == "REGEX":
            pattern = re.compile(arg)  # the Matcher's regex predicate searches
            return lambda v: bool(pattern.search(v))
    return None


class CachedAttributeRuler(AttributeRuler):
    """spaCy's attribute ruler, with one-token patterns decided once per distinct token.

    A one-token pattern without operators (``{"TAG": "NN", "LOWER": "data"}``) matches a token
    or not according to the few attributes it names, so the merged effect of all such
    patterns on a token is cached by the tuple of those attributes. As in
    :meth:`AttributeRuler.set_annotations`, rules apply in the order they were added, so
    where two set the same attribute of a token the later wins; patterns of several tokens
    (and any the cache cannot handle) go through a Matcher and take their place in that order.
    """

    def add(self, patterns, attrs, index=0) -> None:
        super().add(patterns, attrs, index)
        self._forget()

    def clear(self) -> None:
        super().clear()
        self._forget()

    def from_bytes(self, *args, **kwargs):
        self._forget()
        return super().from_bytes(*args, **kwargs)

    def from_disk(self, *args, **kwargs):
        self._forget()
        return super().from_disk(*args, **kwargs)

    def _forget(self) -> None:
        """Drop what was worked out from the rules, after they change."""
        for name in ("_cached_plan", "_cached_effects", "_cached_merged", "_cached_out_attrs"):
            self.__dict__.pop(name, None)

    def plan(self):
        """The rules split into cached one-token tests and a Matcher for the rest (worked out
        once, again after the rules change), or False if the cache cannot stand for them."""
        plan = self.__dict__.get("_cached_plan")
        if plan is None:
            plan = self.__dict__["_cached_plan"] = self._plan()
        return plan

    def __call__(self, doc):
        plan = self.plan()
        if plan is False or not len(doc):
            return super().__call__(doc)
        return self._apply(doc, *plan)

    def _plan(self):
        """Split the rules into cached one-token tests and a Matcher for the rest.

        Safe in a spaCy memory zone (``nlp.memory_zone()``), where strings added to the
        vocabulary are dropped at the end: the rule names the Matcher reports are added for
        good, and the cache is keyed by string hashes (the same in every zone) and holds rule
        numbers, never strings.
        """
        single = []  # (rule index, [(array column, predicate), ...])
        keys: list[str] = []
        rest = Matcher(self.vocab, validate=False)
        for i, (attrs, index) in enumerate(zip(self.attrs, self.indices)):
            if "_" in attrs or not set(attrs) <= SETTABLE:
                return False  # extension or lexeme attributes: leave it all to spaCy
            _, patterns = self.matcher.get(str(i))
            multi = []
            for pattern in patterns:
                tests = []
                if len(pattern) == 1 and index in (0, -1):
                    for key, value in pattern[0].items():
                        key = _ARRAY_KEY.get(key.upper(), key.upper())
                        test = _predicate(key, value)
                        if test is None:
                            tests = None
                            break
                        if key not in keys:
                            keys.append(key)
                        tests.append((keys.index(key), test))
                else:
                    tests = None
                if tests is None:
                    multi.append(pattern)
                else:
                    single.append((i, tests))
            if multi:
                self.vocab.strings.add(str(i), allow_transient=False)  # looked up after a zone too
                rest.add(str(i), multi)
        columns = [IDS[k] for k in keys]
        bools = [k.startswith("IS_") for k in keys]
        return single, rest if len(rest) else None, columns, bools

    def _effect(self, row, single, bools):
        """The rules that a token with attribute values ``row`` matches, as (rule, attrs)."""
        strings = self.vocab.strings
        values = [bool(v) if b else strings[v] for v, b in zip(row, bools)]
        return tuple(i for i, tests in single if all(test(values[col]) for col, test in tests))

    def _apply(self, doc, single, rest, columns, bools):
        cache = self.__dict__.setdefault("_cached_effects", {})
        if len(cache) > MAX_CACHED:  # one entry per distinct word form and tag: keep memory flat
            cache.clear()
        per_token: list[tuple] = []
        rows = doc.to_array(columns).tolist() if columns else [()] * len(doc)
        for row in rows:
            key = tuple(row)
            hit = cache.get(key)
            if hit is None:
                hit = cache[key] = self._effect(row, single, bools)
            per_token.append(hit)
        if rest is not None:
            extra: dict[int, list[int]] = {}
            for match_id, start, end in rest(doc, allow_missing=True):
                i = int(self.vocab.strings[match_id])
                target = doc[start:end][self.indices[i]].i
                extra.setdefault(target, []).append(i)
            for target, rules in extra.items():
                per_token[target] = tuple(sorted(set(per_token[target]) | set(rules)))
        # The merged effect of each distinct rule list: later rules overwrite earlier ones.
        merged = self.__dict__.setdefault("_cached_merged", {})
        out_attrs = self.__dict__.get("_cached_out_attrs")
        if out_attrs is None:
            out_attrs = sorted({a for attrs in self.attrs for a in attrs})
            self.__dict__["_cached_out_attrs"] = out_attrs
        col = {a: j for j, a in enumerate(out_attrs)}
        array = doc.to_array(out_attrs)
        for t, rules in enumerate(per_token):
            if not rules:
                continue
            writes = merged.get(rules)
            if writes is None:
                effect: dict = {}
                for i in rules:
                    effect.update(self.attrs[i])
                writes = merged[rules] = [(col[a], v) for a, v in effect.items()]
            for j, value in writes:
                array[t, j] = value
        doc.from_array(out_attrs, array)
        return doc
