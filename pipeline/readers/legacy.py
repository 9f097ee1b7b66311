"""Legacy Vietnamese encodings (TCVN3/ABC ``.VnTime``, VNI) converted to Unicode.

Provincial documents typed in the 1990s-2000s fonts extract as Latin-1 look-alikes
("KÕ ho¹ch" for "Kế hoạch"). ``viparse`` holds the conversion tables; it works on
whole strings and does not keep offsets, so conversion happens before the offset
map is built and the converted text becomes the document's source text.
"""

from __future__ import annotations

import re

import viparse

_VIETNAMESE = re.compile(r"[\u1ea0-\u1ef9ăâđêôơưĂÂĐÊÔƠƯ]")
_LATIN1_HIGH = re.compile(r"[\u00a1-\u00ff]")
_SAMPLE = 20_000
_MIN_SUSPECT = 20


def detect_legacy(text: str) -> str | None:
    """``"tcvn3"``, ``"vni"`` (or another legacy name) when ``text`` is legacy-encoded.

    viparse's detector scores the whole text; it is only asked when Latin-1
    look-alikes outnumber real Vietnamese letters, which keeps Unicode text cheap.
    """
    sample = text[:_SAMPLE]
    suspect = len(_LATIN1_HIGH.findall(sample))
    if suspect < _MIN_SUSPECT or suspect < len(_VIETNAMESE.findall(sample)):
        return None
    found = viparse.detect_text_encoding(sample)
    return found if found and found.lower() not in ("unicode", "utf-8", "utf8") else None


def convert_legacy(text: str, encoding: str) -> str:
    """Convert ``text`` from ``encoding`` and restore capitals the source shows.

    TCVN3 has no accented capitals: an all-caps heading is typed with capital ASCII
    letters plus the lowercase accented bytes ("KÕ HO¹CH"), which convert to
    "Kế HOạCH". A line (or a word of two or more letters) whose ASCII letters are
    all capitals is upper-cased again.
    """
    body = text.rstrip("\n")
    trailing = text[len(body):]
    converted = viparse.fix(body, encoding=encoding).rstrip("\n")  # fix() drops final newlines
    src_lines, out_lines = body.split("\n"), converted.split("\n")
    if len(src_lines) != len(out_lines):
        return converted + trailing
    return "\n".join(_restore_case(s, o) for s, o in zip(src_lines, out_lines)) + trailing


def _restore_case(source: str, converted: str) -> str:
    letters = [c for c in source if c.isascii() and c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters):
        return converted.upper()
    src_words, out_words = source.split(" "), converted.split(" ")
    if len(src_words) != len(out_words):
        return converted
    return " ".join(
        o.upper() if _all_caps_ascii(s) else o for s, o in zip(src_words, out_words)
    )


def _all_caps_ascii(word: str) -> bool:
    letters = [c for c in word if c.isascii() and c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)
