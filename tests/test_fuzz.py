"""Property tests (Hypothesis) on the readers and the extractor: whatever the input, no
exception escapes, every error is one line naming its input, offsets index the text,
and an ingest stores every good file and names every bad one."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

# Hypothesis keeps caches in ./.hypothesis; the suite leaves the repository as it found it.
set_hypothesis_home_dir(tempfile.mkdtemp(prefix="quotetrack-hypothesis-"))

from quotetrack.models import Article
from quotetrack.sources import SourceError, iter_articles
from quotetrack.sources.encoding import MAGIC, Decoded, UndecodableError, decode, is_binary_text
from quotetrack.store import Store

#: No example database: the suite must not write a .hypothesis folder into the repository.
FUZZ = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

QUOTE_MARKS = ["\u201c", "\u201d", "\u2018", "\u2019", '"', "'", "\u00ab", "\u00bb", "\u201e", "\u2039", "\u203a", "``", "''"]
SPEECH = ["said", "says", "told reporters", "added", "according to", "warned", "claimed", "said Jane Smith", "he said", "she said"]
BREAKS = ["\n", "\n\n", "\r\n", "\n \n", "\u2028", "\u00a0", "\t", " "]

words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=12)
pieces = st.one_of(words, st.sampled_from(QUOTE_MARKS), st.sampled_from(SPEECH), st.sampled_from(BREAKS))
#: Unicode text that looks a little like news: words, quote marks of every kind, speech
#: verbs and paragraph breaks in random order.
news_text = st.lists(pieces, min_size=1, max_size=80).map(" ".join)


def one_line_naming(err: SourceError, path: str) -> bool:
    return "\n" not in str(err) and "\r" not in str(err) and str(err).startswith(path)


# --- decoding ------------------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=2000), st.one_of(st.none(), st.sampled_from(["utf-8", "windows-1252", "latin1", "shift_jis", "bogus", "utf-16"])))
def test_decode_returns_text_or_says_why(data, declared):
    try:
        decoded = decode(data, declared)
    except UndecodableError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(decoded, Decoded) and isinstance(decoded.text, str)
        assert decoded.label


@FUZZ
@given(st.text(max_size=500), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "utf-16-le"]))
def test_unicode_round_trips_through_its_encoding(text, codec):
    assume("\x00" not in text)
    data = text.encode(codec)
    if codec == "utf-16-le":
        data = "\ufeff".encode(codec) + data
    binary = is_binary_text(text) or any(data.startswith(magic) for magic, _ in MAGIC)
    try:
        decoded = decode(data)
    except UndecodableError:
        assert binary  # refused only as binary
        return
    assert not binary
    assert decoded.text == (text[1:] if codec == "utf-8" and text.startswith("\ufeff") else text)


# --- readers ------------------------------------------------------------------------------

SUFFIXES = [".txt", ".html", ".htm", ".json", ".jsonl", ".rss", ".atom", ".warc", ".warc.gz", ".jsonl.gz"]


@FUZZ
@given(st.sampled_from(SUFFIXES), st.one_of(st.binary(max_size=3000), news_text.map(lambda t: t.encode("utf-8"))))
def test_no_exception_escapes_a_reader(suffix, content):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(content)
        errors = []
        articles = list(iter_articles([path], on_error=errors.append))
    for article in articles:
        assert isinstance(article, Article) and article.text.strip()
    for err in errors:
        assert isinstance(err, SourceError)
        assert one_line_naming(err, str(path)), str(err)


record = st.fixed_dictionaries(
    {"text": st.one_of(news_text, st.just(""), st.integers(), st.none())},
    optional={"title": st.one_of(st.text(max_size=30), st.integers()), "published": st.text(max_size=25),
              "authors": st.one_of(st.text(max_size=20), st.lists(st.text(max_size=10), max_size=3)),
              "id": st.one_of(st.text(max_size=8), st.integers())},
)  # fmt: skip
garbage_line = st.one_of(st.text(max_size=60), st.binary(max_size=60).map(lambda b: b.decode("latin-1")))


@FUZZ
@given(st.lists(st.one_of(record.map(lambda r: ("record", r)), garbage_line.map(lambda g: ("garbage", g))), min_size=1, max_size=25))
def test_json_lines_give_every_good_record_and_name_every_bad_line(lines):
    good = 0
    encoded = []
    for kind, value in lines:
        if kind == "record":
            text = value["text"]
            good += isinstance(text, str) and bool(text.strip())
            encoded.append(json.dumps(value).encode("utf-8"))
        else:
            line = value.replace("\n", " ").replace("\r", " ").encode("utf-8", "surrogatepass")
            try:
                parsed = json.loads(line)
                good += isinstance(parsed, dict) and isinstance(parsed.get("text"), str) and bool(parsed["text"].strip())
            except ValueError:
                pass
            encoded.append(line)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "records.jsonl"
        path.write_bytes(b"\n".join(encoded) + b"\n")
        errors = []
        articles = list(iter_articles([path], on_error=errors.append))
    if any(b"\x00" in line for line in encoded if line.strip()):
        return  # a NUL on the first content line makes the file binary: one error
    assert len(articles) == good
    non_blank = sum(1 for line in encoded if line.strip())
    assert len(articles) + len(errors) == non_blank or (non_blank == 0 and len(errors) == 1)
    for err in errors:
        assert one_line_naming(err, str(path)), str(err)


# --- the extractor ------------------------------------------------------------------------


@settings(FUZZ, max_examples=40)
@given(news_text)
def test_extractor_offsets_index_the_article_text(nlp, text):
    from quotetrack.extract import extract

    assume(text.strip())
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "story.txt"
        path.write_text(text, encoding="utf-8")
        articles = list(iter_articles([path], on_error=lambda e: None))
    for article in articles:
        for quote in extract(article, nlp=nlp):
            assert 0 <= quote.start <= quote.end <= len(article.text)
            if len(quote.parts) <= 1:
                assert article.text[quote.start : quote.end] == quote.text
            for start, end in quote.parts:
                assert article.text[start:end] in quote.text
            if quote.mention_start is not None:
                assert 0 <= quote.mention_start < quote.mention_end <= len(article.text)


# --- ingest of a fuzzed folder ------------------------------------------------------------

paragraph = st.text(alphabet=st.characters(categories=("L", "Nd", "Zs", "Pi", "Pf", "Po")), min_size=20, max_size=200)
bad_file = st.one_of(
    st.binary(min_size=1, max_size=200).map(lambda b: b"\x00" + b),  # binary
    st.sampled_from([b"", b"  \n\t\n"]),  # empty
    st.just(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
)


def no_quotes(articles):
    for article in articles:
        yield article, []


@FUZZ
@given(st.lists(st.one_of(paragraph.map(lambda p: ("good", p)), bad_file.map(lambda b: ("bad", b))), min_size=1, max_size=12))
def test_ingest_of_a_fuzzed_folder_stores_every_good_file_and_names_every_bad_one(files):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        good, bad = {}, set()
        for n, (kind, content) in enumerate(files):
            path = root / f"{n:02d}.txt"
            if kind == "good":
                body = f"Headline number {n}\n\nStory {n}: {content.strip() or 'words'}\n"
                path.write_text(body, encoding="utf-8")
                good[str(path)] = body
            else:
                path.write_bytes(content)
                bad.add(str(path))
        errors = []
        store = Store(root / "q.db")
        stats = store.ingest(iter_articles([root], on_error=errors.append), no_quotes)
        stored = {row["source"] for row in store.db["articles"].rows}
        store.close()
    assert stored == set(good)
    assert {e.path for e in errors} == bad
    assert stats.new == len(good)
