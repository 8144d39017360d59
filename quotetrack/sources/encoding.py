"""Bytes to text: byte order mark, declared charset, UTF-8, then detection.

Newsroom archives are not all UTF-8: older ones are windows-1252 (curly quotes as
bytes 0x93/0x94), some exports are UTF-16 with a byte order mark, and foreign-language
desks use their own legacy code pages. Refusing them loses exactly the quotes a
researcher came for, so :func:`decode` reads any text and refuses only what is really
binary. The order of evidence, strongest first:

1. **A byte order mark** (UTF-8, UTF-16 or UTF-32, either byte order): it cannot occur
   by accident at the start of text in another encoding.
2. **UTF-8**, when the bytes are valid UTF-8: legacy text is almost never valid UTF-8
   by accident, while a page converted to UTF-8 often keeps its old ``<meta charset>``
   (reading it as declared would turn every curly quote into ``â€œ``).
3. **A declared charset** (for HTML: the HTTP ``Content-Type`` header, then the page's
   ``<meta>`` or XML declaration), when it decodes the bytes. Labels are read as
   browsers read them (the WHATWG Encoding Standard): ``iso-8859-1`` and ``ascii``
   mean windows-1252, because that is what pages labelled so actually contain.
4. **Detection** with charset-normalizer, restricted to the encodings browsers
   support (a short text otherwise comes out as a DOS or Mac code page no newsroom
   used), and preferring windows-1252 among equally good readings (``café`` reads the
   same in windows-1250 and windows-1252; only the latter is common in news).

What is binary: the signature of a PDF, image, archive or executable (named in the
error, since a PDF would otherwise "decode" as some code page); NUL bytes (except
UTF-16/32, with a byte order mark or with NULs in every other byte as ASCII-heavy
UTF-16 has); or text whose characters are more than 2% control characters.

The result says which encoding was used and why (:attr:`Decoded.label`), and readers
keep it in ``Article.encoding``: a detected encoding is a guess, and whoever reads the
quotes later should be able to tell.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Optional

#: Byte order marks, longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)

#: Encodings detection may choose: those the WHATWG Encoding Standard lists (what
#: browsers read, hence what the web and newsroom systems wrote), as Python codec names.
WEB_ENCODINGS = [
    "utf_8", "cp866", "iso8859_2", "iso8859_3", "iso8859_4", "iso8859_5", "iso8859_6",
    "iso8859_7", "iso8859_8", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15",
    "iso8859_16", "koi8_r", "koi8_u", "mac_roman", "mac_cyrillic", "cp874", "cp1250",
    "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
    "gb18030", "big5", "euc_jp", "iso2022_jp", "shift_jis", "euc_kr",
    "utf_16_be", "utf_16_le",
]  # fmt: skip

#: Declared labels browsers read differently from Python (WHATWG Encoding Standard).
_WHATWG_LABELS = {
    **dict.fromkeys(
        ["ascii", "us-ascii", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1",
         "l1", "cp819", "ibm819", "iso-ir-100", "x-cp1252", "windows-1252", "cp1252"],
        "cp1252",
    ),
    **dict.fromkeys(["iso-8859-9", "iso8859-9", "latin5", "l5"], "cp1254"),
    **dict.fromkeys(["tis-620", "iso-8859-11", "iso8859-11", "windows-874"], "cp874"),
    **dict.fromkeys(["gb2312", "gbk", "x-gbk", "chinese", "csgb2312"], "gb18030"),
    **dict.fromkeys(["euc-kr", "ks_c_5601-1987", "korean", "windows-949"], "cp949"),
    **dict.fromkeys(["x-sjis", "ms_kanji", "windows-31j", "csshiftjis"], "cp932"),
}  # fmt: skip

#: Control characters that have no business in text (C0 but tab, newlines, form feed;
#: DEL; C1, which only a wrong decoding produces). More than this share means binary.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
MAX_CONTROL_SHARE = 0.02


#: File signatures of formats people drop into a folder of articles by mistake: named in
#: the error, since some of them (PDF) would otherwise "decode" as some code page.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office document"),
    (b"\x7fELF", "executable"),
)


class UndecodableError(ValueError):
    """The bytes are not text in any encoding we can tell; ``str()`` is the reason."""


@dataclass(frozen=True)
class Decoded:
    """Text and how it was decoded.

    ``encoding`` is a display name ("utf-8", "windows-1252", "utf-16-le"); ``how`` is
    ``"bom"``, ``"declared"``, ``"utf-8"`` or ``"detected"``.
    """

    text: str
    encoding: str
    how: str

    @property
    def label(self) -> str:
        """What ``Article.encoding`` records: ``"utf-8"``, or the encoding and why,
        ``"utf-16-le (BOM)"``, ``"windows-1252 (declared)"``, ``"windows-1251 (detected)"``."""
        if self.how == "utf-8" or (self.how == "declared" and self.encoding == "utf-8"):
            return "utf-8"
        suffix = {"bom": "BOM"}.get(self.how, self.how)
        return f"{self.encoding} ({suffix})"


def display_name(codec: str) -> str:
    """A codec's name as people write it: ``cp1252`` -> ``windows-1252``, ``iso8859-2`` -> ``iso-8859-2``."""
    name = codecs.lookup(codec).name.replace("_", "-")
    if re.fullmatch(r"cp125\d", name):
        return "windows-" + name[2:]
    if name.startswith("iso8859-"):
        return "iso-" + name[3:]
    return name


def python_codec(label: Optional[str]) -> Optional[str]:
    """The Python codec for a declared charset label, read as a browser would, or None."""
    if not label:
        return None
    key = label.strip().strip("'\"").lower()
    codec = _WHATWG_LABELS.get(key, key)
    try:
        return codecs.lookup(codec).name
    except LookupError:
        return None


def _c1_as_is(err: UnicodeDecodeError):
    """Error handler: the five bytes windows-1252 leaves undefined stand for themselves,
    as browsers decode them (U+0081 ...), so a declared windows-1252 page never fails."""
    return err.object[err.start : err.end].decode("latin-1"), err.end


codecs.register_error("quotetrack-c1", _c1_as_is)


def is_binary_text(text: str) -> bool:
    """Text that is mostly not text: too many control characters for any real article."""
    if not text:
        return False
    return len(_CONTROL.findall(text)) > MAX_CONTROL_SHARE * len(text)


def _bom(data: bytes) -> Optional[Decoded]:
    for mark, codec in BOMS:
        if data.startswith(mark):
            try:
                text = data[len(mark) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise UndecodableError(
                    f"not valid {codec} text despite its byte order mark "
                    f"(bad bytes at offset {exc.start + len(mark)})"
                ) from None
            return Decoded(text, display_name(codec), "bom")
    return None


def _declared(data: bytes, declared: Optional[str]) -> Optional[Decoded]:
    codec = python_codec(declared)
    if codec is None or codec.startswith(("utf-16", "utf-32")):
        # A page that could state its charset in ASCII is not UTF-16 (browsers agree).
        return None
    errors = "quotetrack-c1" if codec == "cp1252" else "strict"
    try:
        text = data.decode(codec, errors)
    except UnicodeDecodeError:
        return None  # the declaration is wrong: the page says one thing and is another
    return Decoded(text, display_name(codec), "declared")


def _bomless_utf16(data: bytes) -> Optional[Decoded]:
    """UTF-16 without a byte order mark: ASCII-heavy text has a NUL in every other byte."""
    half = len(data) // 2
    if half < 8 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd > 0.3 * half and even < 0.05 * half:
        codec = "utf-16-le"
    elif even > 0.3 * half and odd < 0.05 * half:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    # Stricter than for other text: without a byte order mark, NULs are evidence of
    # binary data as much as of UTF-16, so not one control character is allowed.
    return None if _CONTROL.search(text) else Decoded(text, codec, "detected")


def _detect(data: bytes) -> Optional[Decoded]:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_isolation=WEB_ENCODINGS))
    if not matches:
        return None
    best = matches[0]
    for match in matches:
        # Equally plausible readings: take windows-1252, the legacy encoding of most news.
        if (
            match.chaos <= best.chaos
            and match.coherence >= best.coherence
            and "cp1252" in match.could_be_from_charset
        ):
            return Decoded(data.decode("cp1252", "quotetrack-c1"), "windows-1252", "detected")
    return Decoded(str(best), display_name(best.encoding), "detected")


def decode(data: bytes, declared: Optional[str] = None) -> Decoded:
    """``data`` as text, with the encoding used; :class:`UndecodableError` if it is binary.

    ``declared`` is the charset the source states (an HTTP header, a ``<meta>`` tag):
    used when there is no byte order mark, the bytes are not UTF-8 and it decodes them.
    """
    for magic, kind in MAGIC:
        if data.startswith(magic):
            raise UndecodableError(f"binary file ({kind})")
    found = _bom(data)
    if found is None and b"\x00" in data:
        found = _bomless_utf16(data)
        if found is None:
            raise UndecodableError("binary file (contains NUL bytes)")
    if found is None:
        try:
            found = Decoded(data.decode("utf-8"), "utf-8", "utf-8")
        except UnicodeDecodeError as exc:
            found = _declared(data, declared) or _detect(data)
            if found is None:
                raise UndecodableError(
                    f"not text in any known encoding (not UTF-8: byte 0x{data[exc.start]:02x} "
                    f"at offset {exc.start})"
                ) from None
    if is_binary_text(found.text):
        raise UndecodableError(f"binary file (control characters; read as {found.encoding})")
    return found
