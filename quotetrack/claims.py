"""Claims: the same words quoted again, by other outlets, other articles or other people.

Every quote belongs to one claim (``quotes.claim_id``). A quote joins an existing claim
when its words are

- **the same** after :func:`words` folds case, punctuation, quote marks, apostrophes,
  square brackets, spacing and diacritics (Quotebank's exact repeats);
- **contained** in a longer quote of the claim as a contiguous run, or containing one
  (a partial quote of a full one), when the shorter has at least :data:`MIN_WORDS` words;
- **overlapping** it by a run of at least :data:`RUN_WORDS` consecutive words that is
  also at least half of the shorter quote (two outlets quoting different, overlapping
  stretches of one statement);
- **a few word edits** from it: word-level edit distance at most ``longer //``
  :data:`EDIT_DIVISOR` when both have at least :data:`EDIT_MIN_WORDS` words (a changed,
  dropped or added word: a possible misquote).

Quotes of one to three words ("disappointed", "a disgrace") join only exact repeats:
otherwise every short phrase would pull unrelated quotes together.

A new quote joins the one claim whose quote it matches best (the longest stretch of shared
words; ties go to the smaller claim id) and claims are never merged with each other: one
quote that matches two claims does not chain them, so a shared boilerplate sentence cannot
snowball into a giant claim, and a claim's id (the id of the quote that founded it) never
changes. Nor does a claim grow through its fragments: a short quote inside a longer
quote of its claim (a bill's name, a slogan) takes in shorter quotes but not every longer
statement that mentions it. The result depends only on the order quotes arrive in, which is why
:func:`rebuild` replays them in ingest order (articles by ``ingested_at`` then rowid,
quotes by offset) and gives the same claims as incremental ingest.

Finding candidates costs the same however large the database is. Each distinct normalised
form is indexed once, in two SQLite tables:

``claim_shingles``
    hashed runs of :data:`SHINGLE_WORDS` words, all of them, so that a partial quote of
    four words is found inside any longer quote stored before it. A posting list stops
    growing at :data:`POSTING_CAP` forms, and a run that reached the cap is boilerplate
    ("look forward to working", "on both sides of the aisle"): it is ignored when looking
    for candidates and when checking them, so lookups stay bounded and common phrases do
    not join unrelated quotes.
``claim_bands``
    MinHash LSH band keys (:func:`minhash` over word bigrams, :data:`LSH_BANDS`
    bands of :data:`LSH_ROWS` rows) for quotes of :data:`EDIT_MIN_WORDS` to
    :data:`LSH_MAX_WORDS` words, where a few edits can leave no shared 4-word run. Longer
    quotes within the edit threshold always keep one (pigeonhole: ``longer // 6`` edits
    leave a run of at least four words), so they need no bands.

Candidates are then checked exactly (containment, shared run, edit distance) before a quote
joins their claim.

Each quote whose words differ from its claim's canonical form inside the stretch both
cover gets ``variant = 1`` and ``variant_diff`` ("-word +other"). Being shorter or longer
(a partial quote, a longer extract) is not a variant: that is what a partial quote is.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
import unicodedata
from collections import Counter
from typing import Iterable, Optional, Sequence

import sqlite_utils

#: Words per indexed shingle. Four: the shortest quote that may join by containment.
SHINGLE_WORDS = 4
#: Quotes shorter than this join only exact repeats.
MIN_WORDS = 4
#: Shared run of words that makes two overlapping quotes one claim (MemeTracker used 10) ...
RUN_WORDS = 8
#: ... when it is also at least this share of the shorter quote's words. Press-release
#: quotes are paragraphs: two different ones often share a bill's name or a title ("the
#: Chairman of the Joint Chiefs of Staff") of eight words or more.
RUN_SHARE = 0.5
#: The edit-distance rule applies when both quotes have at least this many words ...
EDIT_MIN_WORDS = 6
#: ... and allows ``longer // EDIT_DIVISOR`` word edits: 1 for 6-11 words, 2 for 12-17 ...
EDIT_DIVISOR = 6
#: A shingle's posting list stops at this many forms; a full list marks boilerplate.
POSTING_CAP = 25
#: MinHash LSH: bands x rows per band (threshold about (1/16) ** (1/3) = 0.40 Jaccard of
#: word bigrams; one edit in six words leaves 0.56).
LSH_BANDS = 16
LSH_ROWS = 3
#: Longest quote that gets LSH bands (see the module docstring).
LSH_MAX_WORDS = 24
#: At most this many candidate forms are checked per new form (best first).
MAX_CANDIDATES = 40
#: variant_diff is cut at this many characters.
MAX_DIFF_CHARS = 300

_APOSTROPHES = "'\u2019\u2018\u02bc`\u00b4"
_WORD = re.compile(r"\w+")


def words(text: Optional[str]) -> list[str]:
    """The words a claim compares: diacritics, case, apostrophes and brackets folded.

    ``"We’ll [n]ever — EVER — give up…"`` -> ``["well", "never", "ever", "give", "up"]``.
    Apostrophes vanish (``don't`` = ``dont``), square brackets (editorial changes such as
    ``[w]e``) too; every other non-word character separates words.
    """
    if not text:
        return []
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    for c in _APOSTROPHES + "[]":
        text = text.replace(c, "")
    return [w for w in _WORD.findall(text.replace("_", " "))]


def h64(*parts: str) -> int:
    """A stable signed 64-bit hash (SQLite integers are signed 64-bit)."""
    digest = hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def form_id(norm: str) -> int:
    """The id of a normalised form: a content hash, as an integer key."""
    return h64("form", norm)


def shingles(ws: Sequence[str]) -> list[int]:
    """Hashed word :data:`SHINGLE_WORDS`-grams, by position."""
    k = SHINGLE_WORDS
    return [h64("sh", " ".join(ws[i : i + k])) for i in range(len(ws) - k + 1)]


def _grams(ws: Sequence[str]) -> list[tuple]:
    """Word :data:`SHINGLE_WORDS`-grams as tuples, by position (for comparing in memory)."""
    return list(zip(*(ws[i:] for i in range(SHINGLE_WORDS))))


def _permutations(n: int) -> list[tuple[int, int]]:
    """``n`` fixed affine permutations ``h -> (a * h + b) mod 2**32`` (``a`` odd)."""
    out = []
    for i in range(n):
        a = h64("perm-a", str(i)) & 0xFFFFFFFF | 1
        b = h64("perm-b", str(i)) & 0xFFFFFFFF
        out.append((a, b))
    return out


_PERMUTATIONS = _permutations(LSH_BANDS * LSH_ROWS)


def minhash(items: Iterable[str]) -> list[int]:
    """A MinHash signature of a set of strings, :data:`LSH_BANDS` x :data:`LSH_ROWS` values.

    Computed here rather than with datasketch so that the stored band keys never depend
    on a library version: a database extended years later must produce the same keys.
    Each item is hashed with BLAKE2b (already uniform), then permuted affinely mod 2**32.
    """
    hashes = [h64("mh", item) & 0xFFFFFFFF for item in set(items)]
    if not hashes:
        return [0] * len(_PERMUTATIONS)
    return [min((a * h + b) & 0xFFFFFFFF for h in hashes) for a, b in _PERMUTATIONS]


def band_keys(ws: Sequence[str]) -> list[int]:
    """MinHash LSH band keys of a quote's word bigrams (with start and end markers)."""
    grams = [f"{a} {b}" for a, b in zip(["^", *ws], [*ws, "$"])]
    values = minhash(grams)
    return [
        h64("band", str(b), *(str(v) for v in values[b * LSH_ROWS : (b + 1) * LSH_ROWS]))
        for b in range(LSH_BANDS)
    ]


def max_edits(longer: int) -> int:
    return longer // EDIT_DIVISOR


def edit_distance(a: Sequence[str], b: Sequence[str], limit: int) -> Optional[int]:
    """Word-level Levenshtein distance if at most ``limit``, else None.

    Cheap exits first (length difference; words one side has more of than the other,
    a lower bound), then the common prefix and suffix are dropped and only cells within
    ``limit`` of the diagonal are computed: O(len * limit) at worst.
    """
    n, m = len(a), len(b)
    if abs(n - m) > limit:
        return None
    ca, cb = Counter(a), Counter(b)
    if max(sum((ca - cb).values()), sum((cb - ca).values())) > limit:
        return None
    lo = 0
    while lo < n and lo < m and a[lo] == b[lo]:
        lo += 1
    hi = 0
    while hi < n - lo and hi < m - lo and a[n - 1 - hi] == b[m - 1 - hi]:
        hi += 1
    a, b = a[lo : n - hi], b[lo : m - hi]
    n, m = len(a), len(b)
    if not n or not m:
        return max(n, m) if max(n, m) <= limit else None
    big = limit + 1
    prev = [j if j <= limit else big for j in range(m + 1)]
    for i in range(1, n + 1):
        cur = [big] * (m + 1)
        if i <= limit:
            cur[0] = i
        best = cur[0]
        ai = a[i - 1]
        for j in range(max(1, i - limit), min(m, i + limit) + 1):
            v = prev[j - 1] + (ai != b[j - 1])
            if prev[j] + 1 < v:
                v = prev[j] + 1
            if cur[j - 1] + 1 < v:
                v = cur[j - 1] + 1
            cur[j] = v if v < big else big
            if v < best:
                best = v
        if best > limit:
            return None
        prev = cur
    return prev[m] if prev[m] <= limit else None


def contains(longer: str, shorter: str) -> bool:
    """Is ``shorter`` a contiguous run of words of ``longer`` (both normalised)?"""
    return f" {shorter} " in f" {longer} "


#: At the start or end, different words on both sides are an edit ("We" -> "They") up
#: to this many words a side; longer, they are different context around a shared stretch.
EDGE_EDIT_WORDS = 3
#: The shared stretch starts and ends at runs of at least this many equal words (one
#: common word such as "that" far from the rest is a coincidence, not an anchor).
ANCHOR_WORDS = 3


def word_diff(canonical: Sequence[str], ws: Sequence[str]) -> Optional[str]:
    """The words that differ inside the stretch both cover: ``"-never +not"``, or None.

    The stretch runs from the first to the last run of :data:`ANCHOR_WORDS` equal words
    (or the longest run, if none is that long). What lies outside it is not a difference
    when only one side has words there (a shorter or longer extract) or when either side
    has more than :data:`EDGE_EDIT_WORDS` words there (different context around a shared
    passage); a few different words on both sides are an edit ("We" -> "They").
    """
    ops = difflib.SequenceMatcher(a=canonical, b=ws, autojunk=False).get_opcodes()
    equal = [i for i, op in enumerate(ops) if op[0] == "equal"]
    if equal:
        anchors = [i for i in equal if ops[i][2] - ops[i][1] >= ANCHOR_WORDS]
        if not anchors:
            anchors = [max(equal, key=lambda i: ops[i][2] - ops[i][1])]
        first, last = anchors[0], anchors[-1]

        def context(region) -> bool:
            a = sum(op[2] - op[1] for op in region)
            b = sum(op[4] - op[3] for op in region)
            return a == 0 or b == 0 or max(a, b) > EDGE_EDIT_WORDS

        head, tail = ops[:first], ops[last + 1 :]
        ops = ([] if context(head) else head) + ops[first : last + 1] + ([] if context(tail) else tail)
    parts = []
    for tag, i1, i2, j1, j2 in ops:
        if tag != "equal":
            parts += ["-" + w for w in canonical[i1:i2]] + ["+" + w for w in ws[j1:j2]]
    if not parts:
        return None
    diff = " ".join(parts)
    return diff if len(diff) <= MAX_DIFF_CHARS else diff[: MAX_DIFF_CHARS - 1] + "…"


# --- schema ------------------------------------------------------------------------------

#: Index tables created with raw SQL: sqlite-utils cannot make WITHOUT ROWID tables, and
#: these are pure (key, form) pairs, half the size without a rowid.
INDEX_TABLES = {
    "claim_shingles": """
create table if not exists claim_shingles (
  shingle integer not null,
  form_id integer not null,
  primary key (shingle, form_id)
) without rowid""",
    "claim_bands": """
create table if not exists claim_bands (
  band integer not null,
  form_id integer not null,
  primary key (band, form_id)
) without rowid""",
}


# --- assigning claims --------------------------------------------------------------------


def _day(row: dict) -> Optional[str]:
    day = row.get("said_on") or row.get("published")
    return day[:10] if day else None


def _earlier(day: Optional[str], than: Optional[str]) -> bool:
    return day is not None and (than is None or day < than)


def _later(day: Optional[str], than: Optional[str]) -> bool:
    return day is not None and (than is None or day > than)


class Claims:
    """Claim assignment over one open database (used inside the caller's transaction)."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db
        self.conn = db.conn

    # -- public ------------------------------------------------------------------------

    def add_article(self, article: dict, quote_rows: Sequence[dict]) -> None:
        """Give each of one article's quotes a claim and update the claims it touches.

        ``quote_rows`` are the article's ``quotes`` rows in offset order (``id``,
        ``text``, ``speaker_id``, ``said_on``, ``published``), not yet written with their
        claim: this sets ``claim_id``, ``variant`` and ``variant_diff`` on each row, and
        the caller writes them (the store inserts the rows afterwards, so each quote is
        written once: an update would also re-index its full-text search row).
        ``article`` needs ``id`` and ``outlet``. Call inside the article's transaction.
        """
        touched: dict[str, list[dict]] = {}
        for row in quote_rows:
            claim_id, fid = self._assign(row)
            row["claim_id"] = claim_id
            touched.setdefault(claim_id, []).append(row)
        for claim_id, rows in touched.items():
            self._update_claim(claim_id, article, rows)

    # -- one quote ---------------------------------------------------------------------

    def _assign(self, row: dict) -> tuple[str, int]:
        ws = words(row["text"])
        norm = " ".join(ws)
        fid = form_id(norm)
        direct = 0 if row.get("kind") == "indirect" else 1
        found = self.conn.execute("select claim_id from claim_forms where id = ?", [fid]).fetchone()
        if found:
            self.conn.execute(
                "update claim_forms set quotes = quotes + 1, direct = coalesce(direct, 0) + ? where id = ?",
                [direct, fid],
            )
            return found[0], fid
        sh = shingles(ws) if len(ws) >= MIN_WORDS else []
        postings = self._postings("claim_shingles", "shingle", sh)
        bands = band_keys(ws) if EDIT_MIN_WORDS <= len(ws) <= LSH_MAX_WORDS else []
        band_postings = self._postings("claim_bands", "band", bands)
        claim_id = self._match(ws, norm, sh, postings, band_postings) or row["id"]
        if claim_id == row["id"]:
            self.conn.execute(
                "insert into claims (id, quotes, articles, outlets, speakers, variants, forms) "
                "values (?, 0, 0, 0, 0, 0, 0)",
                [claim_id],
            )
        seq = self.conn.execute("select coalesce(max(seq), 0) + 1 from claim_forms").fetchone()[0]
        self.conn.execute(
            "insert into claim_forms (id, claim_id, norm, text, words, quotes, direct, seq) values (?, ?, ?, ?, ?, 1, ?, ?)",
            [fid, claim_id, norm, row["text"], len(ws), direct, seq],
        )
        self.conn.execute("update claims set forms = forms + 1 where id = ?", [claim_id])
        self._index(fid, sh, postings, bands, band_postings)
        return claim_id, fid

    def _postings(self, table: str, column: str, keys: list[int]) -> dict[int, list[int]]:
        """``{key: [form ids]}`` for ``keys`` (each list at most POSTING_CAP long)."""
        out: dict[int, list[int]] = {}
        unique = list(dict.fromkeys(keys))
        for i in range(0, len(unique), 500):
            chunk = unique[i : i + 500]
            sql = f"select {column}, form_id from {table} where {column} in ({','.join('?' * len(chunk))})"
            for key, fid in self.conn.execute(sql, chunk):
                out.setdefault(key, []).append(fid)
        return out

    def _index(self, fid, sh, postings, bands, band_postings) -> None:
        """Add a new form's shingles and bands, except to posting lists that are full."""
        rows = [(s, fid) for s in dict.fromkeys(sh) if len(postings.get(s, ())) < POSTING_CAP]
        if rows:
            self.conn.executemany("insert or ignore into claim_shingles (shingle, form_id) values (?, ?)", rows)
        rows = [(b, fid) for b in dict.fromkeys(bands) if len(band_postings.get(b, ())) < POSTING_CAP]
        if rows:
            self.conn.executemany("insert or ignore into claim_bands (band, form_id) values (?, ?)", rows)

    def _match(self, ws, norm, sh, postings, band_postings) -> Optional[str]:
        """The claim a new form joins, or None to found a new one.

        Candidates: forms sharing a 4-word run that is not boilerplate, and forms sharing
        an LSH band, most shared runs first. Each is then checked exactly.
        """
        n = len(ws)
        if n < MIN_WORDS:
            return None
        boilerplate = {s for s, forms in postings.items() if len(forms) >= POSTING_CAP}
        score: dict[int, int] = {}
        for s in set(sh) - boilerplate:
            for f in postings.get(s, ()):
                score[f] = score.get(f, 0) + 1
        band_forms = {f for forms in band_postings.values() if len(forms) < POSTING_CAP for f in forms}
        pool = set(score) | band_forms
        if not pool:
            return None
        ranked = sorted(pool, key=lambda f: (-score.get(f, 0), f))[:MAX_CANDIDATES]
        marks = ",".join("?" * len(ranked))
        candidates = self.conn.execute(
            f"select id, claim_id, norm, words, (select max(words) from claim_forms as f "
            f"where f.claim_id = claim_forms.claim_id) from claim_forms where id in ({marks})",
            ranked,
        ).fetchall()
        # Shingles compared in memory as word tuples, boilerplate out.
        local = _grams(ws)
        common = {local[i] for i, s in enumerate(sh) if s in boilerplate}
        best = None
        for fid, claim_id, cnorm, m, longest in sorted(candidates, key=lambda c: c[0]):
            # A form that is a fragment of a longer quote of its claim ("the Build Back
            # Better Act" inside a statement) attaches shorter quotes, never longer ones:
            # otherwise every statement that mentions it would join through it.
            fragment = m < longest
            overlap = self._verify(ws, norm, local, common, cnorm, m, score.get(fid, 0), fragment)
            if overlap:
                key = (-overlap, claim_id)
                if best is None or key < best:
                    best = key
        return best[1] if best else None

    def _verify(self, ws, norm, local, common, cnorm, m, shared_runs, fragment=False) -> int:
        """How many words the new form and a candidate share, if they are one claim; else 0.

        ``local`` are the new form's shingles by position (word tuples), ``common`` the
        boilerplate among them; ``shared_runs`` how many distinct non-boilerplate 4-word
        runs the index says they share (exact: those posting lists are complete);
        ``fragment``: the candidate is shorter than another form of its claim, so it may not
        take a longer quote in by containment or overlap. Cheap tests come first.
        """
        n = len(ws)
        longer = max(n, m)
        if min(n, m) >= EDIT_MIN_WORDS and abs(n - m) <= max_edits(longer):
            d = edit_distance(ws, cnorm.split(), max_edits(longer))
            if d is not None:
                return longer - d
        if m < MIN_WORDS or (fragment and m < n) or not shared_runs:
            return 0  # containment and overlap need a shared 4-word run that is not boilerplate
        if contains(norm, cnorm) if m <= n else contains(cnorm, norm):
            return min(n, m)
        needed = max(RUN_WORDS, math.ceil(RUN_SHARE * min(n, m)))
        if shared_runs < needed - SHINGLE_WORDS + 1:
            return 0
        # Longest stretch of consecutive shared shingles = a shared run of words.
        k = SHINGLE_WORDS
        theirs = set(_grams(cnorm.split())) - common
        run = best_run = best_end = 0
        for pos, gram in enumerate(local):
            run = run + 1 if gram in theirs else 0
            if run > best_run:
                best_run, best_end = run, pos
        length = best_run + k - 1 if best_run else 0
        if length >= needed:
            start = best_end - best_run + 1
            if contains(cnorm, " ".join(ws[start : start + length])):
                return length
        return 0

    # -- one claim ---------------------------------------------------------------------

    def _update_claim(self, claim_id: str, article: dict, rows: list[dict]) -> None:
        """Counts, first and last said, speakers, canonical form and variant flags."""
        c = self.conn.execute(
            "select quotes, articles, outlets, first_said, first_quote_id, last_said, form_id "
            "from claims where id = ?",
            [claim_id],
        ).fetchone()
        quotes, articles, outlets, first_said, first_quote, last_said, canonical = c
        outlet = article.get("outlet")
        if outlet and not self.conn.execute(
            "select 1 from quotes where claim_id = ? and outlet = ? and article_id != ? limit 1",
            [claim_id, outlet, article["id"]],
        ).fetchone():
            outlets += 1
        first = last = None
        for row in rows:
            day = _day(row)
            if first_quote is None or _earlier(day, first_said):
                first_quote, first_said, first = row["id"], day, row
            if _later(day, last_said):
                last_said, last = day, row
        sets = {"quotes": quotes + len(rows), "articles": articles + 1, "outlets": outlets}
        if first is not None:
            sets.update(first_said=first_said, first_quote_id=first["id"],
                        first_article_id=article["id"], first_outlet=outlet)
        if last is not None:
            sets.update(last_said=last_said, last_article_id=article["id"])
        # Speakers of the claim.
        by_speaker: dict[str, list[dict]] = {}
        for row in rows:
            if row.get("speaker_id"):
                by_speaker.setdefault(row["speaker_id"], []).append(row)
        if by_speaker:
            self.conn.executemany(
                CLAIM_SPEAKER_UPSERT,
                [
                    {
                        "claim_id": claim_id,
                        "speaker_id": sid,
                        "quotes": len(rs),
                        "first_said": min((d for d in map(_day, rs) if d), default=None),
                        "last_said": max((d for d in map(_day, rs) if d), default=None),
                    }
                    for sid, rs in by_speaker.items()
                ],
            )
            sets["speakers"] = self.conn.execute(
                "select count(*) from claim_speakers where claim_id = ?", [claim_id]
            ).fetchone()[0]
        # Canonical form: a form someone was quoted saying directly before any paraphrase
        # (reported speech changes pronouns and tense), then most quotes, most words, first seen.
        best = self.conn.execute(
            "select id, text, norm from claim_forms where claim_id = ? "
            "order by coalesce(direct, 0) > 0 desc, quotes desc, words desc, seq limit 1",
            [claim_id],
        ).fetchone()
        assignments = ", ".join(f"{k} = :{k}" for k in sets)
        self.conn.execute(f"update claims set {assignments} where id = :id", {**sets, "id": claim_id})
        if best[0] != canonical:
            self.conn.execute(
                "update claims set form_id = ?, text = ? where id = ?", [best[0], best[1], claim_id]
            )
            if canonical is not None:  # a new claim has no stored quotes to flag again
                self.refresh_variants(claim_id)
        n = _flag(best[2].split(), rows)
        if n:
            self.conn.execute("update claims set variants = variants + ? where id = ?", [n, claim_id])

    def refresh_variants(self, claim_id: str) -> None:
        """Flags of the stored quotes of a claim, after its canonical form changed; only
        the quotes whose flag changes are written."""
        norm = self.conn.execute(
            "select claim_forms.norm from claims join claim_forms on claim_forms.id = claims.form_id "
            "where claims.id = ?",
            [claim_id],
        ).fetchone()[0]
        rows = [
            {"id": i, "text": t, "kind": k, "variant": v, "variant_diff": d}
            for i, t, k, v, d in self.conn.execute(
                "select id, text, kind, variant, variant_diff from quotes where claim_id = ?", [claim_id]
            )
        ]
        before = [(r["variant"], r["variant_diff"]) for r in rows]
        n = _flag(norm.split(), rows)
        changed = [
            (r["variant"], r["variant_diff"], r["id"])
            for r, old in zip(rows, before)
            if (r["variant"], r["variant_diff"]) != old
        ]
        if changed:
            self.conn.executemany("update quotes set variant = ?, variant_diff = ? where id = ?", changed)
        self.conn.execute("update claims set variants = ? where id = ?", [n, claim_id])


def _flag(canonical: list[str], rows: Iterable[dict]) -> int:
    """Set ``variant`` and ``variant_diff`` of ``rows`` against the canonical words;
    returns how many are variants."""
    n = 0
    cache: dict[str, Optional[str]] = {}
    for row in rows:
        if row.get("kind") == "indirect":
            # a paraphrase differs from the words by nature: it is no misquote
            row["variant"], row["variant_diff"] = 0, None
            continue
        ws = words(row["text"])
        key = " ".join(ws)
        if key not in cache:
            cache[key] = None if ws == canonical else word_diff(canonical, ws)
        diff = cache[key]
        row["variant"], row["variant_diff"] = (1 if diff else 0), diff
        n += 1 if diff else 0
    return n


CLAIM_SPEAKER_UPSERT = """
insert into claim_speakers (claim_id, speaker_id, quotes, first_said, last_said)
values (:claim_id, :speaker_id, :quotes, :first_said, :last_said)
on conflict (claim_id, speaker_id) do update set
  quotes = quotes + excluded.quotes,
  first_said = case when first_said is null or excluded.first_said < first_said
                    then excluded.first_said else first_said end,
  last_said = case when last_said is null or excluded.last_said > last_said
                   then excluded.last_said else last_said end
"""

QUOTE_COLUMNS = 'id, article_id, speaker_id, text, kind, said_on, published, outlet, start, "end"'


def refresh_claim_speakers(db: sqlite_utils.Database, claim_ids: Optional[Iterable[str]] = None) -> None:
    """Recompute ``claim_speakers`` and ``claims.speakers`` from the quotes (after speakers
    were merged or relinked), for ``claim_ids`` or every claim."""
    select = (
        "select claim_id, speaker_id, count(*) as quotes, "
        "min(substr(coalesce(said_on, published), 1, 10)) as first_said, "
        "max(substr(coalesce(said_on, published), 1, 10)) as last_said "
        "from quotes where claim_id {} and speaker_id is not null group by claim_id, speaker_id"
    )
    if claim_ids is None:
        db.execute("delete from claim_speakers")
        db.execute(f"insert into claim_speakers (claim_id, speaker_id, quotes, first_said, last_said) {select.format('is not null')}")
        db.execute(
            "update claims set speakers = (select count(*) from claim_speakers where claim_id = claims.id)"
        )
        return
    for cid in sorted(set(c for c in claim_ids if c)):
        db.execute("delete from claim_speakers where claim_id = ?", [cid])
        db.execute(
            f"insert into claim_speakers (claim_id, speaker_id, quotes, first_said, last_said) {select.format('= ?')}",
            [cid],
        )
        db.execute(
            "update claims set speakers = (select count(*) from claim_speakers where claim_id = ?) where id = ?",
            [cid, cid],
        )


def clear(db: sqlite_utils.Database) -> None:
    """Empty every claims table and the quotes' claim columns."""
    for table in ("claims", "claim_forms", "claim_speakers", "claim_shingles", "claim_bands"):
        db.execute(f"delete from {table}")
    db.execute("update quotes set claim_id = null, variant = null, variant_diff = null")


def rebuild(db: sqlite_utils.Database, progress=None) -> int:
    """Recompute every claim from scratch, in ingest order; returns the number of claims.

    Articles by ``ingested_at`` then rowid, each article's quotes by offset: the order
    :meth:`Store.add` saw them in, so the result equals incremental ingest. One
    transaction: an interrupted rebuild leaves the previous claims in place.
    ``progress(n)`` is called after each article.
    """
    claims = Claims(db)
    with db.atomic():
        clear(db)
        articles = db.execute(
            "select id, outlet from articles order by ingested_at, rowid"
        ).fetchall()
        for article_id, outlet in articles:
            rows = list(db.query(
                f"select {QUOTE_COLUMNS} from quotes where article_id = ? order by start, \"end\", id",
                [article_id],
            ))
            if rows:
                claims.add_article({"id": article_id, "outlet": outlet}, rows)
                db.conn.executemany(
                    "update quotes set claim_id = ?, variant = ?, variant_diff = ? where id = ?",
                    [(r["claim_id"], r["variant"], r["variant_diff"], r["id"]) for r in rows],
                )
            if progress is not None:
                progress(1)
    return db["claims"].count
