"""Bytes to text (quotetrack/sources/encoding.py) and what the readers record of it."""

from __future__ import annotations

import json

import pytest

from quotetrack.sources import SourceError, iter_articles, read_path
from quotetrack.sources.encoding import UndecodableError, decode, display_name, python_codec

QUOTE = "\u201cWe will rebuild the caf\u00e9,\u201d said Jos\u00e9 Mart\u00edn on Monday."
ARTICLE = f"Caf\u00e9 to reopen\n\n{QUOTE}\n\nThe owners, who ran it for years, agreed.\n"


@pytest.mark.parametrize(
    "codec, label",
    [
        ("utf-8-sig", "utf-8 (BOM)"),
        ("utf-16", "utf-16-le (BOM)"),  # Python writes little-endian with a BOM
        ("utf-16-be", None),
        ("utf-32", "utf-32-le (BOM)"),
        ("utf-32-be", None),
    ],
)
def test_a_byte_order_mark_is_honoured(codec, label):
    data = ARTICLE.encode(codec)
    if label is None:  # big-endian without a BOM: write the mark by hand
        data = "\ufeff".encode(codec) + data
        label = f"{codec} (BOM)"
    decoded = decode(data)
    assert decoded.text == ARTICLE
    assert decoded.label == label


def test_utf8_without_a_bom_is_plain_utf8():
    decoded = decode(ARTICLE.encode("utf-8"))
    assert (decoded.text, decoded.label) == (ARTICLE, "utf-8")


@pytest.mark.parametrize(
    "text, codec, label",
    [
        (ARTICLE, "cp1252", "windows-1252 (detected)"),
        ("Caf\u00e9 owners said \u00abno\u00bb.", "latin-1", "windows-1252 (detected)"),
        ("\u201cWe will win,\u201d said Jane Smith.", "cp1252", "windows-1252 (detected)"),
        ("Москва — «Мы победим», сказал он журналистам в пятницу.", "cp1251", "windows-1251 (detected)"),
        ("Kraków: „Wygramy” – powiedział Wałęsa, żółć i gęślą jaźń.", "cp1250", "windows-1250 (detected)"),
    ],
)
def test_legacy_encodings_are_detected(text, codec, label):
    decoded = decode(text.encode(codec))
    assert decoded.text == text
    assert decoded.label == label


def test_utf16_without_a_bom_is_recognised_by_its_nuls():
    decoded = decode("Plain words in UTF-16, as some exports write them.".encode("utf-16-le"))
    assert decoded.text.startswith("Plain words")
    assert decoded.label == "utf-16-le (detected)"


def test_declared_charset_is_used_when_the_bytes_are_not_utf8():
    data = ARTICLE.encode("cp1252")
    assert decode(data, declared="windows-1252").label == "windows-1252 (declared)"
    # Browsers read iso-8859-1 and ascii labels as windows-1252 (curly quotes are 0x93/0x94).
    assert decode(data, declared="ISO-8859-1").text == ARTICLE
    # A wrong or unknown declaration falls back to detection.
    assert decode(data, declared="utf-8").label == "windows-1252 (detected)"
    assert decode(data, declared="no-such-charset").label == "windows-1252 (detected)"


def test_valid_utf8_beats_a_stale_declaration():
    """A page converted to UTF-8 that still says windows-1252 is UTF-8 (no mojibake)."""
    decoded = decode(ARTICLE.encode("utf-8"), declared="windows-1252")
    assert (decoded.text, decoded.label) == (ARTICLE, "utf-8")


def test_undefined_windows_1252_bytes_do_not_fail_a_declared_page():
    data = b"A stray byte \x81 in a long enough line of caf\xe9 news, \x93quoted\x94 as browsers read it."
    assert decode(data, declared="windows-1252").text == (
        "A stray byte \x81 in a long enough line of café news, “quoted” as browsers read it."
    )


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (PNG image)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file (PDF document)"),
        (b"PK\x03\x04\x14\x00\x06\x00", "binary file (ZIP archive or Office document)"),
        (b"\x1f\x8b\x08\x00rest", "binary file (gzip-compressed data)"),
        (b"no signature\x00\x01\x02\x03\x04 but NUL bytes \x00", "binary file (contains NUL bytes)"),
        (b"\x00\x01\x02\x03", "binary file (contains NUL bytes)"),
        (bytes(range(1, 32)) * 8, "binary file (control characters"),
        (b"\xfe\xff\xd8\x00", "not valid utf-16-be text despite its byte order mark"),
    ],
)
def test_only_binary_data_is_refused(data, reason):
    with pytest.raises(UndecodableError) as caught:
        decode(data)
    assert str(caught.value).startswith(reason)


def test_names_and_labels():
    assert display_name("cp1252") == "windows-1252"
    assert display_name("iso8859_2") == "iso-8859-2"
    assert display_name("utf_16_le") == "utf-16-le"
    assert python_codec("latin1") == "cp1252"
    assert python_codec(" 'UTF-8' ") == "utf-8"
    assert python_codec("x-unknown") is None


# --- through the readers -------------------------------------------------------------------


def test_text_files_in_any_encoding_are_read_and_their_encoding_recorded(tmp_path):
    cases = {
        "bom8.txt": ("utf-8-sig", "utf-8 (BOM)"),
        "wide.txt": ("utf-16", "utf-16-le (BOM)"),
        "legacy.txt": ("cp1252", "windows-1252 (detected)"),
        "plain.txt": ("utf-8", "utf-8"),
    }
    for name, (codec, _) in cases.items():
        (tmp_path / name).write_bytes(ARTICLE.encode(codec))
    articles = {a.source.rsplit("/", 1)[-1]: a for a in iter_articles([tmp_path])}
    assert set(articles) == set(cases)
    for name, (_, label) in cases.items():
        assert articles[name].title == "Caf\u00e9 to reopen", name
        assert QUOTE in articles[name].text, name
        assert articles[name].encoding == label, name
    # One text, one article: the same id whatever the bytes were.
    assert len({a.id for a in articles.values()}) == 1


def test_a_json_document_in_utf16_is_read(tmp_path):
    path = tmp_path / "doc.json"
    path.write_bytes(json.dumps({"text": QUOTE, "title": "T"}, ensure_ascii=False).encode("utf-16"))
    (article,) = read_path(path)
    assert article.text == QUOTE
    assert article.encoding == "utf-16-le (BOM)"


def test_json_lines_stay_utf8(tmp_path):
    path = tmp_path / "records.jsonl"
    path.write_bytes(json.dumps({"text": QUOTE}, ensure_ascii=False).encode("utf-8") + b"\n")
    (article,) = read_path(path)
    assert article.encoding == "utf-8"


def test_html_header_charset_then_meta_then_detection(tmp_path):
    from quotetrack.sources.html import html_article

    body = "".join(f"<p>{p}</p>" for p in [QUOTE, "The owners, who ran it for many years, agreed to the plan."])
    page = f"<html><head><title>Café</title>{{meta}}</head><body><article>{body}</article></body></html>"
    greek = page.replace("{meta}", "").encode("cp1252")
    # The transport's charset beats detection.
    assert html_article("x", greek, charset="windows-1252").encoding == "windows-1252 (declared)"
    meta = page.replace("{meta}", '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    article = html_article("x", meta.encode("cp1252"))
    assert QUOTE in article.text and article.encoding == "windows-1252 (declared)"
    assert html_article("x", greek).encoding == "windows-1252 (detected)"


def test_a_binary_file_is_one_error_naming_it(tmp_path):
    path = tmp_path / "scan.txt"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)))
    with pytest.raises(SourceError) as caught:
        list(read_path(path))
    assert str(caught.value) == f"{path}: binary file (PDF document)"
