"""Plain text and Markdown: UTF-8, UTF-16 with BOM, Windows-1258, legacy fonts."""

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
