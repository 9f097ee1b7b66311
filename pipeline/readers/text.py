"""Plain text and Markdown: UTF-8, UTF-16 (with or without its byte-order mark), Windows-1258, legacy fonts."""

from __future__ import annotations

import codecs
import unicodedata

from pipeline.document import SourceText
from pipeline.errors import UnreadableFile
from pipeline.readers.legacy import convert_legacy, detect_legacy

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text bytes, returning ``(text, encoding)``.

    UTF-8 is tried first; a file that is not valid UTF-8 is read as Windows-1258,
    the Vietnamese ANSI code page (it writes tones as combining marks, which NFC
    composes later).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data.decode(name), name.replace("-sig", "")
    utf16 = utf16_without_bom(data[:_SAMPLE])
    if utf16:
        text = data.decode(utf16, errors="replace")
        if not _mostly_printable(text):
            raise UnreadableFile("binary content, not text")
        return text, "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Legacy font encodings (TCVN3, VNI) were saved as bytes of the Western code page:
    # read that way they show the look-alikes the converter expects ("KÕ ho¹ch").
    western = data.decode("cp1252", errors="replace")
    legacy = detect_legacy(western)
    if legacy:
        return convert_legacy(western, legacy), legacy
    text = data.decode("cp1258", errors="replace")
    if text.count("\ufffd") > max(10, len(text) // 100):
        raise UnreadableFile("not valid UTF-8 and not Windows-1258 text")
    return unicodedata.normalize("NFC", text), "cp1258"


_SAMPLE = 4096
# Latin text saved as UTF-16 has a NUL in every other byte: the high byte of its ASCII
# letters, digits and spaces (three characters in four of a Vietnamese plan).
_UTF16_NUL_SHARE = 0.3
_UTF16_OTHER_NUL_SHARE = 0.02


def utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` for UTF-16 text saved without a byte-order mark.

    ``"Kế hoạch"`` as UTF-16-LE is ``K\\x00\\xbf\\x1e \\x00h\\x00...``: NULs at the odd
    offsets, almost none at the even ones (and the other way round for big-endian).
    """
    if len(head) < 64:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > _UTF16_NUL_SHARE * len(odd) and even.count(0) < _UTF16_OTHER_NUL_SHARE * len(even):
        return "utf-16-le"
    if even.count(0) > _UTF16_NUL_SHARE * len(even) and odd.count(0) < _UTF16_OTHER_NUL_SHARE * len(odd):
        return "utf-16-be"
    return None


def _mostly_printable(text: str) -> bool:
    """Binary data can pass for UTF-16; decoded, it is control characters and stray symbols."""
    sample = text[:_SAMPLE]
    return sum(ch.isprintable() or ch.isspace() for ch in sample) >= 0.98 * len(sample)


def with_legacy_repaired(text: str, encoding: str) -> tuple[str, str]:
    """Convert TCVN3/VNI text to Unicode when detected; report the encoding found."""
    legacy = detect_legacy(text)
    if legacy is None:
        return text, encoding
    return convert_legacy(text, legacy), legacy


def read_text(data: bytes, fmt: str = "txt") -> SourceText:
    text, encoding = decode_bytes(data)
    if not text.strip():
        raise UnreadableFile("the file holds no text")
    text, encoding = with_legacy_repaired(text, encoding)
    return SourceText(text=text, format=fmt, encoding=encoding)
