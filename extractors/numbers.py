"""Vietnamese numbers as plans write them: ``8,5`` · ``03`` · ``1.000`` · ``một`` · ``hai mươi``.

Vietnamese uses the comma as the decimal mark and the dot to group thousands, but
documents copied from spreadsheets mix both; :func:`parse_number` decides from the
shape of the digits (``1.000`` is a thousand, ``0.7`` and ``8,5`` are decimals).
"""

from __future__ import annotations

import re
from functools import lru_cache

# A number as written in a plan: grouped thousands, a decimal part, leading zeros.
NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?"
# A "/" after the number makes it a date or a symbol ("22/8", "64/KH"), except before a
# population denominator: "4/100.000 trẻ sinh ra sống", "18 ca sinh/1.000 phụ nữ".
# The leading (?=\d) changes no match: it fails at once on the letters that make up most
# of a line, before the look-behind is tried (a line is scanned in about half the time).
NUMBER_RE = re.compile(rf"(?=\d)(?<![\d.,/\-\w])(?:{NUMBER})(?!\d|/(?!\s*(?:1|10|100)\.000\b)|[.,]\d|-\w)")

_UNITS = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
    "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}
_SCALES = {"trăm": 100, "nghìn": 1_000, "ngàn": 1_000, "triệu": 1_000_000, "tỷ": 1_000_000_000, "tỉ": 1_000_000_000}
_WORD = "|".join(sorted([*_UNITS, *_SCALES, "mười", "mươi", "linh", "lẻ"], key=len, reverse=True))
# A run of number words; "năm" alone is too often "year" to be read as five (see parse_words).
# the word tests are case-free classes: (?-i:) compiles them without IGNORECASE's per-character folding
NUMBER_WORDS_RE = re.compile(rf"(?<!(?-i:[\wÀ-ỹ]))(?:{_WORD})(?:\s+(?:{_WORD}))*(?!(?-i:[\wÀ-ỹ]))", re.IGNORECASE)

MULTIPLIERS = {"nghìn": 1_000, "ngàn": 1_000, "triệu": 1_000_000, "tỷ": 1_000_000_000, "tỉ": 1_000_000_000,
               "nghin": 1_000, "ngan": 1_000, "trieu": 1_000_000, "ty": 1_000_000_000, "ti": 1_000_000_000}


_NUMBER_CHARS = re.compile(r"[\d.,\s]+")
_GROUPED = re.compile(r"\d{1,3}(?:[.\s]\d{3})+(?:,\d+)?")  # 1.000 · 91.299 · 1 234,5
_THOUSANDTHS = re.compile(r"0\.\d{3}")  # 0.125 is a decimal, never 125
_GROUP_MARKS = re.compile(r"[.\s]")
_ENGLISH = re.compile(r"\d{1,3}(?:,\d{3})+\.\d+")
_PLAIN = re.compile(r"\d+(?:[.,]\d+)?")


@lru_cache(maxsize=4096)  # pure; the same few numbers (100, 2025, 95) come back in every plan
def parse_number(text: str) -> float | None:
    """``"8,5"`` → 8.5, ``"1.000"`` → 1000, ``"03"`` → 3, ``"0.7"`` → 0.7; None if not a number.

    >>> parse_number("91.299")
    91299.0
    """
    s = text.strip().replace("\u00a0", " ")
    if not s or not _NUMBER_CHARS.fullmatch(s) or not s[0].isdigit():
        return None
    if _GROUPED.fullmatch(s) and not _THOUSANDTHS.fullmatch(s):
        return float(_GROUP_MARKS.sub("", s).replace(",", "."))
    if _ENGLISH.fullmatch(s):  # 1,234.5 (English grouping)
        return float(s.replace(",", ""))
    if _PLAIN.fullmatch(s):
        return float(s.replace(",", "."))
    return None


def parse_words(text: str) -> float | None:
    """``"một"`` → 1, ``"hai mươi lăm"`` → 25, ``"mười"`` → 10, ``"ba trăm"`` → 300.

    A lone ``"năm"`` is refused: in plans it nearly always means "year".
    """
    words = text.lower().split()
    if not words or words == ["năm"]:
        return None
    total, current, seen = 0, 0, False
    digit = 0  # the last unit word: "mươi" makes it tens without touching the hundreds
    for i, w in enumerate(words):
        if w in ("linh", "lẻ"):
            continue
        if w == "mười":
            current += 10
        elif w == "mươi":
            current += (digit or 1) * 10 - digit
            digit = 0
        elif w in _UNITS:
            current += _UNITS[w]
            digit = _UNITS[w]
        elif w in _SCALES:
            scale = _SCALES[w]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
            digit = 0
        else:
            return None
        seen = True
    return float(total + current) if seen else None


def as_int_if_whole(value: float) -> float | int:
    """1.0 → 1 for display; 8.5 stays."""
    return int(value) if float(value).is_integer() else value
