"""The closing of a document: ``Nơi nhận:`` and the signature block.

``TM. ỦY BAN NHÂN DÂN`` / ``KT. CHỦ TỊCH`` / ``PHÓ CHỦ TỊCH`` / ``Mai Sơn``: the
authority is the innermost prefix (here ``KT.``: the vice-chair signs for the chair),
the position is the line the name stands under.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache, lru_cache

from extractors.issuers import positions
from pipeline.document import Document, Line, line_start
from schemas import Signer

_AUTHORITY = re.compile(r"\b(KT|TM|TL|TUQ|Q|T/M|K/T|T/L)\.?\s+(?=[^\W\d_])")
_RECIPIENTS = re.compile(r"^\W*Nơi nhận\s*:?", re.I)
_NOT_NAME = re.compile(r"\d|:|\(|\[|Đã ký|đã ký|ký|Nơi nhận|^-|;$", re.I)
_NAME = re.compile(r"^(?:[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ'’]*)(?:\s+[A-ZĐÂĂÊÔƠƯ][\wÀ-ỹ'’]*){1,5}$")
_WINDOW = 30  # lines around "Nơi nhận" the signature may sit in (side-by-side layouts)
_SPACES = re.compile(r"\s+")
_LIST_MARK = re.compile(r"(?:^|\s)[-+•]\s")
_LEADING_MARKS = re.compile(r"^[-+•\s]+")
_ASCII_LOWER = re.compile(r"[a-z]")


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text.replace("*", " ")).strip()


def _is_recipients(text: str) -> bool:
    """``Nơi nhận:`` opens the line (after cleaning); most lines lack the word and skip the cleaning."""
    return "nhận" in text.lower() and bool(_RECIPIENTS.match(_clean(text)))


def _recipients_line(doc: Document, lines: list[Line]) -> int | None:
    """Index of the first ``Nơi nhận`` line: only lines holding the word (found at once in the
    lower-cased text) are cleaned and tested, not every line of the document."""
    lower = _lowered(doc.text)
    if len(lower) != len(doc.text):  # a letter lowering to two characters would shift offsets
        return next((i for i, l in enumerate(lines) if _is_recipients(l.text)), None)
    starts = [line.start for line in lines]
    pos = lower.find("nhận")
    while pos >= 0:
        i = bisect_right(starts, pos) - 1
        if _is_recipients(lines[i].text):
            return i
        pos = lower.find("nhận", lines[i].end)
    return None


@lru_cache(maxsize=2)  # the signer and the recipients both look for "Nơi nhận" in the same text
def _lowered(text: str) -> str:
    return text.lower()


@cache
def _position_tuple() -> tuple[str, ...]:
    return tuple(positions())


@cache
def _position_ends() -> frozenset[str]:
    """The last characters of the positions: a line ending in another one is none."""
    return frozenset(p[-1] for p in _position_tuple())


def _last_kept(text: str) -> str:
    """The character ``_clean(text)`` ends with (it drops blanks and "*" only), or ``""``."""
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] == "*"):
        end -= 1
    return text[end - 1] if end else ""


def _is_position(text: str) -> str | None:
    """The signing position a line ends with (``KT. CHỦ TỊCH`` → ``CHỦ TỊCH``)."""
    upper = text.upper()
    if text != upper or not upper.endswith(_position_tuple()):
        return None
    for pos in _position_tuple():
        if upper.endswith(pos):
            return pos if upper.rstrip() == upper else None
    return None


def _candidates(lines: list[Line]) -> list[int]:
    out = []
    for i, line in enumerate(lines):
        # Positions are written in capitals: a line with a lower-case letter is none (cleaning
        # only touches spaces and "*", so the raw line tells).
        # A lower-case ASCII letter, found near the start of nearly every line, settles it
        # without upper-casing the whole line.
        if _ASCII_LOWER.search(line.text) or line.text != line.text.upper():
            continue
        if _last_kept(line.text) not in _position_ends():
            continue  # blank, a number, a heading ending in another letter: cleaning cannot make it a position
        text = _clean(line.text)
        if _is_position(text) and len(text) < 80:
            out.append(i)
    return out


def _block_start(doc: Document, lines: list[Line]) -> int | None:
    """Index of the line holding the signer's position, nearest to ``Nơi nhận``."""
    cands = _candidates(lines)
    if not cands:
        return None
    rec = _recipients_line(doc, lines)
    if rec is not None:
        near = [i for i in cands if abs(i - rec) <= _WINDOW]
        if near:
            after = [i for i in near if i > rec]
            return after[0] if after else near[-1]
    tail = [i for i in cands if i > len(lines) * 0.5]
    return tail[0] if tail else None


def signer(doc: Document) -> Signer | None:
    """The signer: authority, position and name from the signature block."""
    lines = doc.lines()
    at = _block_start(doc, lines)
    if at is None:
        return _inline_signer(doc)
    text = _clean(lines[at].text)
    position = _is_position(text)
    # A line may hold the whole chain: "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH" then "PHÓ CHỦ TỊCH".
    # Move down while the next line is also a position (the real one).
    while True:
        below = next((i for i in range(at + 1, min(at + 3, len(lines))) if lines[i].text.strip()), None)
        if below is None:
            break
        below_text = _clean(lines[below].text)
        position = _is_position(below_text) or (_is_delegation(text) and _opens_position(below_text))
        if not position:
            position = _is_position(text)
            break
        at = below  # blank lines may separate "KT. CHỦ TỊCH" from "PHÓ CHỦ TỊCH"
        text = below_text
    authority = _authority(lines, at)
    name, end = _name(lines, at)
    start = lines[at].start
    return Signer(
        name=name,
        position=_position_text(text, position),
        authority=authority,
        span=doc.span(start, end if end else lines[at].end),
    )


_DELEGATION = re.compile(r"^(?:KT|TM|TL|TUQ|Q|T/M|K/T|T/L)\.?\s")


def _is_delegation(text: str) -> bool:
    """``TL. GIÁM ĐỐC``, ``K/T BÍ THƯ``: a line signing on behalf of someone, the signer's own position below."""
    return bool(_DELEGATION.match(text))


def _opens_position(text: str) -> str | None:
    """``TRƯỞNG PHÒNG NGHIỆP VỤ Y``: a position followed by the name of the signer's unit, in capitals."""
    if text != text.upper() or len(text) >= 80 or any(ch.isdigit() for ch in text):
        return None
    return next((p for p in _position_tuple() if text.startswith(p + " ")), None)


_NAME_WORDS = r"[A-ZĐÀ-Ỹ][a-zđà-ỹ]+(?:\s+[A-ZĐÀ-Ỹ][a-zđà-ỹ]+){1,4}"


@cache
def _inline_rx() -> re.Pattern[str]:
    pos = "|".join(re.escape(p) for p in positions())
    return re.compile(rf"((?:\b(?:KT|TM|TL|TUQ|Q)\.?\s+[^\t\n\f]*?)?)\b({pos})\s+({_NAME_WORDS})")


@cache
def _position_word() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(p) for p in positions()))


_PREFIX_LEN = len("TUQ.")  # the longest authority prefix the inline pattern opens with


def _inline_matches(text: str) -> list[re.Match[str]]:
    """The matches of ``_inline_rx().finditer(text)``, found without running that slow pattern
    at every character of the document.

    Every match holds a position word (``CHỦ TỊCH``), found fast as plain text. A match starts
    at that word, or at a ``KT.``/``TM.`` prefix written before it on the same line (the prefix
    may end the line above: only blanks between). So the pattern is tried only from where that
    prefix could start up to the word; where none matches, the next word is the next candidate.
    """
    out: list[re.Match[str]] = []
    rx, anchor, pos = _inline_rx(), _position_word(), 0
    while True:
        word = anchor.search(text, pos)
        if word is None:
            return out
        c = word.start()
        line = max(line_start(text, c), text.rfind("\t", 0, c) + 1)
        while line > 0 and text[line - 1].isspace():
            line -= 1  # the prefix's own blanks may run back over line breaks
        found = None
        for start in range(max(pos, line - _PREFIX_LEN), c + 1):
            found = rx.match(text, start)
            if found:
                break
        if found is None:
            pos = c + 1
            continue
        out.append(found)
        pos = found.end()


def _inline_signer(doc: Document) -> Signer | None:
    """A signature flattened into one table cell: ``TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn Đệ``."""
    rec = doc.text.find("Nơi nhận")
    found = [m for m in _inline_matches(doc.text) if rec < 0 or abs(m.start() - rec) < 3000]
    if not found:
        return None
    m = found[-1] if rec < 0 else min(found, key=lambda m: abs(m.start() - rec))
    authorities = _AUTHORITY.findall(m.group(1))
    return Signer(name=m.group(3), position=m.group(2), authority=authorities[-1] + "." if authorities else None,
                  span=doc.span(m.start(), m.end()))


def _position_text(text: str, position: str) -> str:
    """``KT. CHỦ TỊCH`` → ``CHỦ TỊCH``: the position without the authority prefix."""
    parts = _AUTHORITY.split(text)
    return parts[-1].strip() if parts else position


def _authority(lines: list[Line], at: int) -> str | None:
    """The innermost authority prefix on or just above the position line."""
    for i in range(at, max(-1, at - 4), -1):
        found = _AUTHORITY.findall(_clean(lines[i].text))
        if found:
            return found[-1].replace("/", "") + "."  # party documents write "T/M" for "TM."
        above = _clean(lines[i].text)
        if i < at and above and not above.isupper():
            return None  # left the signature block (blank lines do not end it)
    return None


def _name(lines: list[Line], at: int) -> tuple[str | None, int | None]:
    for line in lines[at + 1:at + 8]:
        text = _clean(line.text)
        if not text or _NOT_NAME.search(text):
            continue
        if _NAME.match(text) and text != text.upper():
            return text, line.end
        if text.upper() == text and len(text.split()) >= 2 and not _is_position(text):
            return text.title(), line.end
    return None, None


def recipients(doc: Document) -> list[str]:
    """The ``Nơi nhận`` list, one entry per dash, without list marks or final ``;``."""
    lines = doc.lines()
    rec = _recipients_line(doc, lines)
    if rec is None:
        return []
    out = []
    # A table cell ends at a tab: the signature often sits in the next cell.
    first = _RECIPIENTS.sub("", _clean(lines[rec].text.split("\t")[0])).strip()
    if first.startswith(("-", "+", "•")) and first.count(" - ") >= 2:
        # The list flattened into one line (table cell): "- A; - B; - Lưu: VT."
        items = _LIST_MARK.split(first)
        return [r for r in (i.strip().rstrip(" ;,.") for i in items) if r]
    if first.startswith(("-", "+", "•")):
        out.append(first)
    for line in lines[rec + 1:rec + 60]:
        text = _clean(line.text)
        if not text:
            continue
        if not text.startswith(("-", "+", "•")):
            break
        out.append(text)
    return [r for r in (_LEADING_MARKS.sub("", t).rstrip(" ;,.") for t in out) if r]
