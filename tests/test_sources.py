"""Readers: text pages with furniture, sidecars, HTML, JSON Lines, folders, globs, bad input.

Tests that need the shared corpora (``../shared`` beside the repository) skip when it
is absent; the seed page and an invented HTML page are fixtures in the repository.
"""

from __future__ import annotations

import gzip
import itertools
import json
import os
import shutil
import tracemalloc
from pathlib import Path

import pytest

from quotetrack.sources import MAX_BYTES, SourceError, iter_articles, read_path
from quotetrack.sources.base import normalise_paragraphs
from quotetrack.sources.dates import date_line, normalise_date
from quotetrack.sources.furniture import clean_page

FIXTURES = Path(__file__).parent / "fixtures" / "sources"
SEED = FIXTURES / "dw-armenia-un.txt"
HTML = FIXTURES / "harbour-ferry.html"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLE = SHARED / "corpus" / "open" / "sample"
DEV = SHARED / "corpus" / "dev"
BENCH = SHARED / "corpus" / "open" / "bench.jsonl.gz"


def needs(path: Path):
    return pytest.mark.skipif(not path.exists(), reason=f"{path} not available")


def only(articles) -> object:
    """The single article of an iterator (fails if there are zero or several)."""
    (article,) = list(articles)
    return article


def write_jsonl(path: Path, records, opener=open) -> Path:
    with opener(path, "wt", encoding="utf-8") as stream:
        for record in records:
            stream.write((record if isinstance(record, str) else json.dumps(record)) + "\n")
    return path


# --- plain text: the seed page -----------------------------------------------------------


@pytest.fixture(scope="module")
def seed():
    return only(read_path(SEED))


def test_seed_page_metadata_from_header_lines(seed):
    assert seed.title == "Armenia urges UN to monitor human rights in Nagorno-Karabakh"
    assert seed.published == "2023-09-24"
    assert seed.url == "https://p.dw.com/p/4Wk42"
    assert seed.source == str(SEED)


def test_seed_page_body_runs_from_lead_to_byline(seed):
    assert seed.text.startswith("Armenia on Sunday called for a deployment of a UN mission")
    assert seed.text.endswith("Ethnic Armenians flee Nagorno-Karabakh as ceasefire fails")
    for furniture in [
        "Skip to content",
        "Live TV",
        "More stories",
        "good progress",
        "Top Story",
        "mfi/jcg",
        "Image:",
        "People standing outside a campsite",  # alt text of the lead photo
        "Armenians left behind are fearing persecution",  # standfirst
        "https://",
        "Go to homepage",
    ]:
        assert furniture not in seed.text


def test_seed_page_keeps_subheading_and_paragraphs(seed):
    assert "\n\nWhat is Russia's role in Nagorno-Karabakh?\n\n" in seed.text
    assert "\n\n\n" not in seed.text
    raw = SEED.read_text(encoding="utf-8")
    for paragraph in seed.text.split("\n\n"):  # every paragraph is a source line, unaltered
        assert paragraph in raw


def test_seed_page_gold_quotes_survive_verbatim(seed):
    gold = json.loads((FIXTURES / "dw-armenia-un.gold.json").read_text(encoding="utf-8"))
    assert len(gold["quotes"]) == 6
    for quote in gold["quotes"]:
        assert quote["quote"] in seed.text


# --- plain text: general furniture rules --------------------------------------------------

PAGE = """\
Home
World
Business
Sport

Dockworkers end strike at northern port

Published: 3 March 2024

Workers return after a week-long stoppage.

https://news.example.org/a/123
Cranes stand idle at the port
Cranes stood idle for a week Photo: Jane Roe/Example Agency

Dockworkers at the northern port returned to work on Monday after their union accepted a new pay offer.

Advertisement

"We got what we asked for," said union leader Sam Okafor.

Read more: 'Ports are the new frontline', says analyst

What changes for shippers?

Shipping firms said delays would ease by the end of the week.

ab/cd (AP, dpa)

Related stories

Strike threat at southern port 'very real'
"""


def test_general_furniture_rules_on_an_invented_page():
    page = clean_page(PAGE)
    assert (page.title, page.published, page.url) == (
        "Dockworkers end strike at northern port",
        "2024-03-03",
        "https://news.example.org/a/123",
    )
    assert page.text == (
        "Dockworkers at the northern port returned to work on Monday after their union accepted"
        " a new pay offer.\n\n"
        '"We got what we asked for," said union leader Sam Okafor.\n\n'
        "What changes for shippers?\n\n"
        "Shipping firms said delays would ease by the end of the week."
    )


def test_text_without_header_is_left_whole():
    text = (
        "The council met on Monday.\n\nIt voted to close the pool.\n\n"
        "September 24, 2023\n\nThe vote was close."
    )
    page = clean_page(text)
    assert (page.title, page.published, page.url) == (None, None, None)
    assert page.text == text


def test_trailing_section_heading_ends_article_but_not_mid_article_furniture():
    text = (
        "Lead paragraph of the story.\n\nShare\n\nAdvertisement\n\n"
        "Second paragraph, after the ad.\n\nMore from Europe\n\nOther story 'quoted'"
    )
    assert clean_page(text).text == "Lead paragraph of the story.\n\nSecond paragraph, after the ad."


def test_subheadings_that_resemble_furniture_are_kept():
    text = (
        "Lead paragraph.\n\nTop news outlets react\n\nMore paragraphs.\n\n"
        "Related to the strike\n\nCopyright holders object\n\nThey said it was 'unfair'."
    )
    assert clean_page(text).text == text


def test_footer_lines_after_last_paragraph_are_dropped():
    text = "Body paragraph.\n\nFollow us on Twitter & Instagram\n\nreporter@example.org"
    assert clean_page(text).text == "Body paragraph."


def test_caption_keeps_a_real_paragraph_above_it():
    text = "Lead.\nA whole sentence before the photo.\nHarbour at dawn Image: A. Person\n\nEnd."
    assert clean_page(text).text == "Lead.\n\nA whole sentence before the photo.\n\nEnd."


def test_crlf_and_bom_are_handled(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes("\ufeffA headline here\r\n\r\nFirst paragraph.\r\nSecond paragraph.\r\n".encode())
    article = only(read_path(path))
    assert article.title == "A headline here"
    assert article.text == "First paragraph.\n\nSecond paragraph."


# --- plain text: sidecars -----------------------------------------------------------------


def test_sidecar_metadata_wins_over_guesses(tmp_path):
    (tmp_path / "story.txt").write_text(
        "Guessed headline\n\nJanuary 4, 2019\n\nBody text.\n", encoding="utf-8"
    )
    (tmp_path / "story.json").write_text(
        json.dumps(
            {
                "id": "s-1",
                "title": "Real headline",
                "publication_date": "2019-01-05T08:00:00Z",
                "outlet": "The Example",
                "authors": ["A. Writer", "B. Writer"],
                "url": None,
            }
        ),
        encoding="utf-8",
    )
    (article,) = iter_articles([tmp_path])
    assert article.title == "Real headline"
    assert article.published == "2019-01-05"
    assert article.outlet == "The Example"
    assert article.authors == ["A. Writer", "B. Writer"]
    assert article.source_id == "s-1"
    assert article.url is None
    assert article.text == "Body text."


def test_broken_sidecar_is_reported_and_article_still_read(tmp_path):
    (tmp_path / "story.txt").write_text("Headline here\n\nBody text.\n", encoding="utf-8")
    (tmp_path / "story.json").write_text("{not json", encoding="utf-8")
    errors = []
    (article,) = iter_articles([tmp_path], on_error=errors.append)
    assert article.title == "Headline here"
    assert [e.path for e in errors] == [str(tmp_path / "story.json")]
    assert "malformed JSON" in errors[0].reason


@needs(SAMPLE)
def test_open_sample_folder_with_sidecars():
    articles = list(iter_articles([str(SAMPLE)]))
    assert len(articles) == 16
    assert all(a.source.endswith(".txt") for a in articles)  # no sidecar read as an article
    assert [a.source for a in articles] == sorted(a.source for a in articles)
    for article in articles:
        sidecar = json.loads(Path(article.source).with_suffix(".json").read_text(encoding="utf-8"))
        assert article.title == sidecar["title"]
        assert article.url == sidecar["url"]
        assert article.published == sidecar["published"]
        assert article.outlet == sidecar["outlet"]
        # Only the headline line is gone; every paragraph is kept unchanged.
        raw = Path(article.source).read_text(encoding="utf-8")
        assert article.text == normalise_paragraphs(raw).split("\n\n", 1)[1]


@needs(DEV)
def test_dev_set_gold_quotes_survive_reading():
    articles = {Path(a.source).stem: a for a in iter_articles([str(DEV)])}
    golds = sorted(DEV.glob("*.gold.json"))
    assert len(articles) == len(golds) == 30
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        stem = gold_path.name[: -len(".gold.json")]
        raw = (DEV / f"{stem}.txt").read_text(encoding="utf-8")
        text = articles[stem].text
        for quote in gold["quotes"]:
            for start, end in quote.get("parts") or [(quote["start"], quote["end"])]:
                assert raw[start:end] in text, (stem, raw[start:end])


# --- HTML ---------------------------------------------------------------------------------


def test_html_article_text_and_metadata():
    article = only(read_path(HTML))
    assert article.title == "Harbour board approves ferry plan"
    assert article.url == "https://ledger.example.org/news/harbour-ferry-plan"
    assert article.outlet == "The Littleton Ledger"
    assert article.published == "2024-03-05"
    assert article.authors == ["Mara Quill", "Tom Bexley"]
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("The Littleton harbour board on Tuesday approved")
    assert "What happens next?" in paragraphs
    assert "“We expect the first crossing in April,” Calder said." in paragraphs
    for furniture in ["Skip to content", "Home", "Rents will not rise", "will not raise harbour fees"]:
        assert furniture not in article.text


def test_html_in_declared_legacy_charset(tmp_path):
    body = "<p>The café reopened on Monday after a long winter, its owner told reporters.</p>"
    page = f'<html><head><meta charset="windows-1252"><title>Café reopens</title></head><body><article>{body}</article></body></html>'
    path = tmp_path / "cafe.html"
    path.write_bytes(page.encode("cp1252"))
    article = only(read_path(path))
    assert "café reopened" in article.text
    assert article.encoding == "windows-1252 (declared)"
    # Undeclared: detected (tests/test_encoding.py has the rules).
    path.write_bytes(page.replace(' charset="windows-1252"', "").encode("cp1252"))
    article = only(read_path(path))
    assert "café reopened" in article.text
    assert article.encoding == "windows-1252 (detected)"


# --- JSON Lines and JSON -------------------------------------------------------------------


@needs(BENCH)
@pytest.mark.parametrize("name", ["slice.jsonl", "slice.jsonl.gz"])
def test_bench_slice(tmp_path, name):
    with gzip.open(BENCH, "rt", encoding="utf-8") as stream:
        lines = [line.rstrip("\n") for line in itertools.islice(stream, 50)]
    path = write_jsonl(tmp_path / name, lines, gzip.open if name.endswith(".gz") else open)
    articles = list(read_path(path))
    assert len(articles) == 50
    for lineno, (article, line) in enumerate(zip(articles, lines), start=1):
        record = json.loads(line)
        assert article.source == f"{path}#{lineno}"
        assert article.source_id == record["id"]
        assert article.text == record["text"]
        assert (article.title, article.url, article.outlet, article.published) == (
            record["title"], record["url"], record["outlet"], record["published"],
        )  # fmt: skip


def test_jsonl_fields_are_normalised(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf"  # a byte-order mark on the first line
        + json.dumps({"id": 7, "text": "One.\r\nTwo.", "authors": "A. One; B. Two",
                      "published": "Friday, January 4, 2019"}).encode()
        + b"\r\n\r\n"  # a blank line is skipped, not an error
        + json.dumps({"text": "Three.", "author": ["C. Three"], "publication_date": "nonsense"}).encode()
        + b"\n"
    )  # fmt: skip
    first, second = read_path(path)
    assert (first.text, first.authors, first.published, first.source_id, first.source) == (
        "One.\n\nTwo.", ["A. One", "B. Two"], "2019-01-04", "7", f"{path}#1",
    )  # fmt: skip
    assert (second.authors, second.published, second.source_id, second.source) == (
        ["C. Three"], None, None, f"{path}#3",
    )  # fmt: skip


def test_json_document_object_and_list(tmp_path):
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"text": "Alone.", "title": "T"}, indent=2), encoding="utf-8")
    assert [(a.source, a.title) for a in read_path(single)] == [(str(single), "T")]
    many = tmp_path / "many.json.gz"
    with gzip.open(many, "wt", encoding="utf-8") as stream:
        json.dump([{"text": "First."}, {"text": "Second."}], stream, indent=1)
    assert [(a.source, a.text) for a in read_path(many)] == [
        (f"{many}#1", "First."),
        (f"{many}#2", "Second."),
    ]


def test_json_file_with_one_object_per_line_is_streamed_as_lines(tmp_path):
    path = write_jsonl(tmp_path / "lines.json", [{"text": "A."}, {"text": "B."}])
    assert [a.source for a in read_path(path)] == [f"{path}#1", f"{path}#2"]


def test_jsonl_is_read_lazily_line_by_line(tmp_path):
    path = write_jsonl(tmp_path / "lazy.jsonl", [{"text": "First."}, "{broken", {"text": "Third."}])
    articles = read_path(path)
    assert next(articles).text == "First."  # the broken line has not been parsed yet
    with pytest.raises(SourceError, match="line 2: malformed JSON"):
        next(articles)


def test_jsonl_gz_memory_does_not_grow_with_articles(tmp_path):
    path = tmp_path / "big.jsonl.gz"
    paragraph = "Words of a long enough article paragraph. " * 100  # ~4 KB per record
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as stream:
        for i in range(3000):
            stream.write(json.dumps({"id": i, "text": paragraph}) + "\n")
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_articles([path]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == 3000  # ~13 MB of text went through ...
    assert peak < 2 * 1024 * 1024  # ... never more than a few records at a time


# --- folders and globs --------------------------------------------------------------------


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "corpus"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / "a.txt").write_text("Alpha headline\n\nAlpha body.\n", encoding="utf-8")
    (root / "a.json").write_text(json.dumps({"title": "Alpha"}), encoding="utf-8")
    (root / "a.gold.json").write_text(json.dumps({"quotes": []}), encoding="utf-8")
    (root / "notes.json").write_text(json.dumps({"text": "Notes body."}), encoding="utf-8")
    (root / "README.md").write_text("not an article", encoding="utf-8")
    (root / ".hidden.txt").write_text("Hidden body.", encoding="utf-8")
    shutil.copy(HTML, root / "sub" / "b.html")
    write_jsonl(root / "sub" / "c.jsonl", [{"text": "C one."}, {"text": "C two."}])
    (root / "sub" / "deeper" / "d.txt").write_text("Delta body.", encoding="utf-8")
    return root


def test_folder_is_walked_recursively_in_sorted_order(tree):
    sources = [os.path.relpath(a.source, tree) for a in iter_articles([tree])]
    assert sources == [
        "a.txt",
        "notes.json",
        os.path.join("sub", "b.html"),
        os.path.join("sub", "c.jsonl#1"),
        os.path.join("sub", "c.jsonl#2"),
        os.path.join("sub", "deeper", "d.txt"),
    ]


def test_glob_patterns_and_single_paths(tree):
    recursive = [os.path.relpath(a.source, tree) for a in iter_articles([f"{tree}/**/*.txt"])]
    assert recursive == ["a.txt", os.path.join("sub", "deeper", "d.txt")]
    assert [a.source for a in iter_articles([f"{tree}/*.json"])] == [str(tree / "notes.json")]
    assert [a.title for a in iter_articles(str(tree / "a.txt"))] == ["Alpha"]  # one path, not chars


def test_missing_path_and_empty_glob_are_errors_and_reading_goes_on(tree):
    errors = []
    articles = list(
        iter_articles(
            [tree / "nope.txt", f"{tree}/*.pdf", tree / "sub" / "deeper"], on_error=errors.append
        )
    )
    assert [a.text for a in articles] == ["Delta body."]
    assert [str(e) for e in errors] == [
        f"{tree / 'nope.txt'}: no such file or directory",
        f"{tree}/*.pdf: no article files match this pattern",
    ]


# --- bad input ----------------------------------------------------------------------------

LIMIT = 1000
BAD_INPUTS = [
    # name, content, expected reason fragment, articles still read from the bad file
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)", 0),
    ("nuls.txt", b"GIF\x00\x01 no signature \x00\x00\x00\x02\x03 but NULs", "binary file (contains NUL bytes)", 0),
    ("empty.txt", b"", "empty file", 0),
    ("blank.txt", b"  \n\t\r\n  \n", "empty file", 0),
    ("pdf.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "binary file (PDF document)", 0),
    ("controls.txt", bytes(range(1, 32)) * 4, "binary file (control characters", 0),
    ("huge.txt", b"A paragraph of text.\n" * 100, "file too large (over the 1000 bytes limit)", 0),
    ("only-headline.txt", b"Headline without a body\n", "no article text", 0),
    ("binary.jsonl", b"\x00\x01\x02 not json\n", "binary file (contains NUL bytes)", 0),
    ("empty.jsonl", b"\n\n", "empty file", 0),
    ("lines.jsonl", b'{"text": "Good one."}\n{"text": "oops\n{"text": "Good two."}\n', "line 2: malformed JSON", 2),
    ("notext.jsonl", b'{"title": "No text"}\n{"text": "Good."}\n', "line 1: record has no non-empty 'text'", 1),
    ("blanktext.jsonl", b'{"text": "  "}\n', "line 1: record has no non-empty 'text'", 0),
    ("list.jsonl", b'[1, 2]\n{"text": "Good."}\n', "line 1: not a JSON object", 1),
    ("longline.jsonl", b'{"text": "Good."}\n{"text": "' + b"x" * 2000 + b'"}\n{"text": "Also good."}\n', "line 2: longer than the 1000 bytes limit", 2),
    ("badutf8.jsonl", b'{"text": "caf\xe9"}\n{"text": "Good."}\n', "line 1: not UTF-8", 1),
    ("corrupt.jsonl.gz", b"this is not gzip data", "corrupt or truncated gzip data", 0),
    ("truncated.jsonl.gz", gzip.compress(b'{"text": "A."}\n' * 50)[:-20], "corrupt or truncated gzip data", 0),
    ("doc.json", b'{\n  "text": "unterminated\n}\n', "malformed JSON", 0),
    ("no-body.htm", b"<html><head><title>Nothing here</title></head><body> </body></html>", "no article text found in the HTML", 0),
    ("norecords.json", b'[{"text": "Good."}, {"id": 2}]', "record 2: record has no non-empty 'text'", 1),
]  # fmt: skip


@pytest.mark.parametrize(
    "name, content, reason, n_good", BAD_INPUTS, ids=[case[0] for case in BAD_INPUTS]
)
def test_bad_input_is_one_error_and_the_next_file_is_read(tmp_path, name, content, reason, n_good):
    bad = tmp_path / f"a-{name}"
    bad.write_bytes(content)
    (tmp_path / "b-next.txt").write_text("Next file body.", encoding="utf-8")
    errors = []
    articles = list(iter_articles([tmp_path], on_error=errors.append, max_bytes=LIMIT))
    assert len(errors) == 1, errors
    (error,) = errors
    assert error.path == str(bad)
    assert reason in error.reason
    assert str(error) == f"{bad}: {error.reason}"
    assert "\n" not in str(error)
    assert len(articles) == n_good + 1
    assert articles[-1].text == "Next file body."


def test_without_on_error_the_first_error_is_raised(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text("Body.", encoding="utf-8")
    with pytest.raises(SourceError, match="empty file"):
        list(iter_articles([tmp_path]))


def test_unreadable_file_is_a_source_error(tmp_path):
    folder = tmp_path / "looks-like.txt"
    folder.mkdir()
    with pytest.raises(SourceError) as caught:
        list(read_path(folder))
    assert caught.value.path == str(folder)
    assert caught.value.reason.startswith("cannot read")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_permission_denied_is_a_source_error(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Body.", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(SourceError, match="cannot read"):
        list(read_path(path))


def test_unsupported_extension_named_explicitly(tmp_path):
    path = tmp_path / "paper.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(SourceError, match="unsupported file type"):
        list(read_path(path))


def test_default_size_limit_is_twenty_megabytes():
    assert MAX_BYTES == 20 * 1024 * 1024


def test_source_error_survives_pickling():
    import pickle

    error = pickle.loads(pickle.dumps(SourceError("a.txt", "empty file")))
    assert (error.path, error.reason, str(error)) == ("a.txt", "empty file", "a.txt: empty file")


# --- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2019-01-04", "2019-01-04"),
        ("2019-01-04T23:30:00-05:00", "2019-01-04"),  # the publisher's day, no tz shift
        ("January 4, 2019", "2019-01-04"),
        ("Friday, January 4, 2019", "2019-01-04"),
        ("24 September 2023", "2023-09-24"),
        ("Sept. 24, 2023", "2023-09-24"),
        ("Fri, 04 Jan 2019 10:00:00 +0000", "2019-01-04"),
        ("February 30, 2020", None),
        ("last Tuesday", None),
        ("", None),
        (None, None),
        (20190104, None),
    ],
)
def test_normalise_date(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize(
    "line, expected",
    [
        ("September 24, 2023", "2023-09-24"),
        ("Updated: 24 September 2023, 10:32 GMT", "2023-09-24"),
        ("PoliticsSeptember 24, 2023", None),
        ("On September 24, 2023 the council met.", None),
    ],
)
def test_date_line(line, expected):
    assert date_line(line) == expected
