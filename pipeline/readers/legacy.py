"""Legacy Vietnamese encodings (TCVN3/ABC ``.VnTime``, VNI) converted to Unicode.

Provincial documents typed in the 1990s-2000s fonts extract as Latin-1 look-alikes
("KÕ ho¹ch" for "Kế hoạch"). ``viparse`` holds the conversion tables; it works on
whole strings and does not keep offsets, so conversion happens before the offset
map is built and the converted text becomes the document's source text.
"""

from __future__ import annotations

import re

_VIETNAMESE = re.compile(r"[\u1ea0-\u1ef9ăâđêôơưĂÂĐÊÔƠƯ]")
# Latin-1 letters and signs that Unicode Vietnamese never uses: every letter of
# "àáâãèéêìíòóôõùúý" (and capitals) is Vietnamese, while TCVN3 and VNI text is full of
# "¹ µ ¸ ¶ ® ï ø û ö ñ". Counting only these keeps the test cheap on Unicode text.
_LATIN1_HIGH = re.compile(
    r"[\u00a1-\u00bf\u00c4-\u00c7\u00cb\u00ce-\u00d1\u00d6-\u00d8\u00db\u00dc\u00de-\u00df"
    r"\u00e4-\u00e7\u00eb\u00ee-\u00f1\u00f6-\u00f8\u00fb\u00fc\u00fe\u00ff]"
)
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
    import viparse  # ~0.1 s to import; only legacy-looking text pays it

    found = viparse.detect_text_encoding(sample)
    return found if found and found.lower() not in ("unicode", "utf-8", "utf8") else None


def convert_legacy(text: str, encoding: str) -> str:
    """Convert ``text`` from ``encoding`` and restore capitals the source shows.

    TCVN3 has no accented capitals: an all-caps heading is typed with capital ASCII
    letters plus the lowercase accented bytes ("KÕ HO¹CH"), which convert to
    "Kế HOạCH". A line (or a word of two or more letters) whose ASCII letters are
    all capitals is upper-cased again.
    """
    import viparse

    # Line by line: viparse.fix rewrites line ends and blank lines, and the case of each
    # converted line is restored from its own source line.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(_restore_case(line, viparse.fix(line, encoding=encoding)) if line.strip() else line
                     for line in lines)


def _restore_case(source: str, converted: str) -> str:
    letters = [c for c in source if c.isascii() and c.isalpha()]
    if letters and all(c.isupper() for c in letters) and any(_all_caps_ascii(w) for w in source.split()):
        return converted.upper()
    src_words, out_words = source.split(" "), converted.split(" ")
    if len(src_words) != len(out_words):
        return converted
    words = [o.upper() if _all_caps_ascii(s) else o for s, o in zip(src_words, out_words)]
    return _capitalize_line_start(" ".join(words))


def _capitalize_line_start(line: str) -> str:
    """A line never starts with a lower-case accented letter in Vietnamese prose: where
    it does ("ủy ban nhân dân"), the capital was lost with the font, so restore it."""
    stripped = line.lstrip()
    if stripped and stripped[0].islower() and not stripped[0].isascii():
        at = len(line) - len(stripped)
        return line[:at] + stripped[0].upper() + stripped[1:]
    return line


def _all_caps_ascii(word: str) -> bool:
    """A word typed in capitals around legacy bytes ("HO¹CH"); "Sè" (Số) does not count."""
    letters = [c for c in word if c.isascii() and c.isalpha()]
    legacy = any(not c.isascii() for c in word)
    return legacy and len(letters) >= 2 and all(c.isupper() for c in letters)
