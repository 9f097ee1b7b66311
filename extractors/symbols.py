"""Document symbols (số ký hiệu): find them in text and write them one canonical way.

State documents write ``<số>/<loại>-<cơ quan>`` (``1300/QĐ-BYT``, ``154/KH-UBND``) or, for
legal normative texts, ``<số>/<năm>/<loại>-<cơ quan>`` (``11/2020/NQ-HĐND``). Party
documents write ``<số>-<loại>/<cấp ủy>`` (``25-CT/TW``, ``198-KH/HU``). Real documents
misspell them: ``25-CT/TƯ``, ``25- CT/TW``, ``281/QĐTTg``, ``27/NQ- TW``, ``0130/KH-UBND``,
``32/CT-TTG`` in an all-caps title. :func:`canonical_symbol` repairs all of these.

A symbol alone does not identify a document: ``120/KH-UBND`` is reused every year by
every province. :func:`canonical_id` adds the year and, for local bodies, the area.
"""

from __future__ import annotations

import heapq
import json
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"

_LETTER = "A-Za-zĐđƯưƠơ"
# "8935/BNV-CTTN&BĐG": an ampersand joins two units of one issuer code.
_TOKEN = rf"[A-ZĐƯƠ][{_LETTER}0-9]*(?:&[A-ZĐƯƠ][{_LETTER}0-9]*)*(?![^\W\d_])"
_DASH = r"[-–—‑]"
# One side of a dash may carry a stray space ("27/NQ- TW"), never both ("KH-UBND - Sở").
_JOIN = rf"(?:\s?{_DASH}(?!\s)|{_DASH}\s?)"
_PARTY = re.compile(
    rf"(?<![\w/])(?P<num>\d{{1,5}})\s?{_DASH}\s?(?P<type>{_TOKEN})\s?/\s?(?P<rest>{_TOKEN}(?:{_DASH}{_TOKEN})*)"
)
_STATE = re.compile(
    rf"(?<![\w/.-])(?P<num>\d{{1,5}})\s?/\s?(?:(?P<year>(?:19|20)\d{{2}})\s?/\s?)?"
    rf"(?P<rest>{_TOKEN}(?:{_JOIN}{_TOKEN})*)"
)
# Types that typists glue to the issuer ("281/QĐTTg", "5556/QĐBYT"); TT is left out
# because TTYT (Trung tâm Y tế) is an issuer, not "Thông tư" + "YT".
# Party documents use their own type codes where they differ from state ones (Thông tri).
_PARTY_TYPES = {"TT": "Thông tri", "QD": "Quy định", "HD": "Hướng dẫn", "TB": "Thông báo"}
_GLUED_TYPES = ("QD", "KH", "NQ", "CT", "TB", "BC", "HD", "KL")
_DASH_SPLIT = re.compile(rf"\s*{_DASH}\s*")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_TRAILING_DIGITS = re.compile(r"\d+$")
_YEAR_PART = re.compile(r"\d{4}")
# The word after a line break inside a symbol: "4/" ending a line before "Nơi nhận:" is no "4/NƠI".
_AFTER_BREAK = re.compile(r"[\n\f]\s*([^\W_]+)")
# The dash or slash right after a number (one blank between allowed): where a symbol's
# number can end. Found by their literal first character, then checked behind.
# One pattern per dash character: a pattern opening with one literal character is scanned
# for many times faster than one opening with a class of non-Latin-1 characters.
_DASH_MARKS = tuple(re.compile(rf"{d}(?:(?<=\d{d})|(?<=\d\s{d}))") for d in ("-", "–", "—", "‑"))
_SLASH_MARKS = (re.compile(r"/(?:(?<=\d/)|(?<=\d\s/))"),)


def fold(text: str) -> str:
    """Upper case without diacritics, Đ as D: the form codes are compared in.

    >>> fold("HĐND")
    'HDND'
    """
    if text.isascii():
        return text.upper()
    return _fold_cached(text)


@lru_cache(maxsize=16384)
def _fold_cached(text: str) -> str:
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)).upper()


def slug(text: str) -> str:
    """``Kiên Giang`` → ``kien-giang``: areas in canonical ids."""
    return _NOT_SLUG.sub("-", fold(text).lower()).strip("-")


@cache
def _issuers() -> dict:
    return json.loads((DATA / "issuer_codes.json").read_text(encoding="utf-8"))


@cache
def doc_types() -> dict:
    return json.loads((DATA / "doc_types.json").read_text(encoding="utf-8"))


@cache
def _type_codes() -> dict[str, str]:
    """Folded code → document type name (``QD`` → ``Quyết định``)."""
    return {fold(t["code"]): t["name"] for t in doc_types()["types"]}


@cache
def _mixed_case() -> dict[str, str]:
    return {fold(t): t for t in _issuers()["mixed_case"]}


def _party_codes() -> frozenset[str]:
    return frozenset(_issuers()["party_codes"])


def issuer_codes() -> dict[str, dict]:
    """Every issuer code with its body's name, level and scope."""
    return _issuers()["codes"]


def issuer_info(code: str | None) -> dict | None:
    """What an issuer code says about the body: ``UBND`` → local, ``BYT`` → central."""
    if not code:
        return None
    key = _TRAILING_DIGITS.sub("", fold(code))
    return _issuers()["codes"].get(key)


def doc_type_of_code(code: str | None) -> str | None:
    """``KH`` → ``Kế hoạch``; None for codes that are not document types."""
    return _type_codes().get(fold(code)) if code else None


@dataclass(frozen=True, slots=True)
class Symbol:
    """A symbol found in text: ``raw`` as written, ``number`` canonical."""

    start: int
    end: int
    raw: str
    number: str
    kind: str  # "state" or "party"
    type_code: str | None
    issuer_code: str | None
    year: int | None  # the year written inside the symbol (11/2020/NQ-HĐND)

    @property
    def doc_type(self) -> str | None:
        if self.kind == "party" and self.type_code and fold(self.type_code) in _PARTY_TYPES:
            return _PARTY_TYPES[fold(self.type_code)]
        return doc_type_of_code(self.type_code)


def _case(token: str) -> str:
    """``TTG`` → ``TTg``, ``tư`` → ``TW``; other codes upper case."""
    key = fold(token)
    if key == "TU" and "Ư" in token.upper():
        return "TW"  # "25-CT/TƯ": Ư typed for W, not Tỉnh ủy (TU)
    return _mixed_case().get(key, token.upper())


def _tokens(rest: str) -> list[str]:
    return [t for t in _DASH_SPLIT.split(rest.strip()) if t]


def _unglue(tokens: list[str]) -> list[str]:
    """``QĐTTg`` → ``QĐ``, ``TTg`` when a single token starts with a document type."""
    if len(tokens) != 1:
        return tokens
    token = tokens[0]
    key = fold(token)
    for code in _GLUED_TYPES:
        if not key.startswith(code) or len(token) - len(code) < 2:
            continue
        tail = token[len(code):]
        # "27/CTTg" lost the dash and a letter of "CT-TTg": try the shared letter back too.
        for issuer in (tail, token[len(code) - 1] + tail):
            if issuer_info(issuer) or fold(issuer) in _party_codes():
                return [token[:len(code)], issuer]
    return tokens


def _build(num: str, year: str | None, tokens: list[str]) -> tuple[str, str, str | None, str | None]:
    """The canonical text, kind, type code and issuer code of a parsed symbol."""
    tokens = [_case(t) for t in _unglue(tokens)]
    number = num  # "07/2021/NĐ-CP" as issued; canonical_id drops the zero to join "7/2021/NĐ-CP"
    first_is_type = doc_type_of_code(tokens[0]) is not None and len(tokens) > 1
    type_code = tokens[0] if first_is_type else None
    issuer_code = tokens[1] if first_is_type else tokens[0]
    if not year and len(tokens) == 2 and first_is_type and fold(issuer_code) in _party_codes():
        return f"{number}-{tokens[0]}/{tokens[1]}", "party", type_code, issuer_code
    prefix = f"{number}/{year}/" if year else f"{number}/"
    return prefix + "-".join(tokens), "state", type_code, issuer_code


def find_symbols(text: str) -> list[Symbol]:
    """Every document symbol in ``text`` with its span, in order.

    >>> [s.number for s in find_symbols("Chỉ thị số 25- CT/TW và Quyết định 281/QĐTTg")]
    ['25-CT/TW', '281/QĐ-TTg']
    """
    found: list[Symbol] = []
    for m in _after_numbers(_PARTY, _DASH_MARKS, text):
        if _lower_after_break(m.group(0)):
            continue
        type_code = _case(m.group("type"))
        rest = [_case(t) for t in _tokens(m.group("rest"))]
        number = f"{m.group('num')}-{type_code}/{'-'.join(rest)}"
        found.append(Symbol(m.start(), m.end(), m.group(0), number, "party", type_code, rest[0], None))
    # party symbols come in text order and never overlap: their ends are sorted, so the
    # overlap test is a bisection (a line of thousands of symbols stays linear)
    taken_starts = [s.start for s in found]
    taken_ends = [s.end for s in found]
    for m in _after_numbers(_STATE, _SLASH_MARKS, text):
        i = bisect_right(taken_ends, m.start())  # the first party symbol ending after m starts
        if (i < len(taken_ends) and taken_starts[i] < m.end()) or _lower_after_break(m.group(0)):
            continue
        year = m.group("year")
        number, kind, type_code, issuer = _build(m.group("num"), year, _tokens(m.group("rest")))
        found.append(Symbol(m.start(), m.end(), m.group(0), number, kind, type_code, issuer, int(year) if year else None))
    return sorted(found, key=lambda s: s.start)


def _lower_after_break(raw: str) -> bool:
    """Whether a code in ``raw`` opens a line in lower case (``4/\nNơi``): codes are written in capitals
    (``QĐ``, ``KH``, ``NQ``, ``CT``, ``TW``; ``TTg`` as listed), so a hard-wrapped symbol keeps them; a word that opens
    the next line in lower case is the line's text, not a code."""
    if "\n" not in raw and "\f" not in raw:
        return False
    return any(not w.isupper() and _mixed_case().get(fold(w)) != w for w in _AFTER_BREAK.findall(raw))


def _after_numbers(rx: re.Pattern[str], marks: tuple[re.Pattern[str], ...], text: str) -> list[re.Match[str]]:
    """The matches of ``rx.finditer(text)`` for a symbol pattern (``_PARTY``, ``_STATE``), found fast.

    Both patterns open with a number that no letter, digit or slash precedes, followed
    by one optional blank and a mark (the dash of ``25-CT/TW``, the slash of ``154/KH``).
    So a match can only start where a run of digits ends just before a mark, and the
    pattern is tried there alone instead of at every character of a long document.
    """
    out: list[re.Match[str]] = []
    pos = 0
    # each mark pattern opens with its character: one absent from the text (the long dashes, mostly)
    # needs no scan, and a single mark left needs no merge
    marks = [m for m in marks if m.pattern[0] in text]
    if not marks:
        return out
    found_marks = marks[0].finditer(text) if len(marks) == 1 else heapq.merge(
        *(m.finditer(text) for m in marks), key=lambda m: m.start())  # all marks, in text order
    for found in found_marks:
        j = found.start() - 1
        if j >= 0 and text[j].isspace():
            j -= 1
        end = j + 1
        while j >= 0 and text[j].isdecimal():  # what "\d" matches
            j -= 1
        start = j + 1
        if start == end or start < pos:
            continue
        m = rx.match(text, start)
        if m:
            out.append(m)
            pos = m.end()
    return out


@lru_cache(maxsize=8192)  # pure, and asked again for every citation of the same document
def _first_symbol(text: str) -> Symbol | None:
    found = find_symbols(text)
    return found[0] if found else None


def canonical_symbol(raw: str) -> str | None:
    """The canonical spelling of one symbol, or None when ``raw`` holds none.

    >>> canonical_symbol("25- CT/TƯ"), canonical_symbol("07/2021/NĐ– CP")
    ('25-CT/TW', '07/2021/NĐ-CP')
    """
    first = _first_symbol(raw)
    return first.number if first else None


def symbol_scope(number: str) -> str:
    """``central`` for national bodies (TW, TTg, BYT), else the level the code repeats at."""
    first = _first_symbol(number)
    if not first:
        return "local"
    info = issuer_info(first.issuer_code)
    return info["scope"] if info else "local"


_LEADING_ZEROS = re.compile(r"^0+(?=\d)")


def symbol_key(number: str) -> str:
    """The folded canonical symbol without leading zeros, to tell whether two symbols name one document.

    >>> symbol_key("07/2021/NĐ-CP") == symbol_key("7/2021/NĐ-CP")
    True
    """
    return _LEADING_ZEROS.sub("", fold(canonical_symbol(number) or number))


@lru_cache(maxsize=8192)
def canonical_id(number: str, year: int | None = None, province: str | None = None,
                 district: str | None = None) -> str:
    """A key that joins the same document cited in different spellings and documents.

    ``25-CT/TW`` of 2023 → ``25-CT/TW@2023``; ``120/KH-UBND`` of 2024 by UBND huyện Kiên Hải
    → ``120/KH-UBND@2024@kien-giang/kien-hai``. Parts that are unknown are left out, and
    :func:`same_document` treats a missing part as matching anything.
    """
    canon = canonical_symbol(number) or number
    first = _first_symbol(canon)
    key = symbol_key(canon)
    parts = [key]
    if year and not (first and first.year):
        parts.append(str(year))
    scope = symbol_scope(canon)
    if scope != "central" and province:
        area = slug(province)
        if district and scope in ("district", "local", "commune"):
            area += "/" + slug(district)
        parts.append(area)
    return "@".join(parts)


def split_id(canonical: str) -> tuple[str, str | None, str | None]:
    """``base``, ``year``, ``area`` of a canonical id."""
    base, *rest = canonical.split("@")
    year = next((p for p in rest if _YEAR_PART.fullmatch(p)), None)
    area = next((p for p in rest if not _YEAR_PART.fullmatch(p)), None)
    return base, year, area


def same_document(a: str, b: str) -> bool:
    """Whether two canonical ids can name the same document (unknown parts match)."""
    base_a, year_a, area_a = split_id(a)
    base_b, year_b, area_b = split_id(b)
    if base_a != base_b:
        return False
    if year_a and year_b and year_a != year_b:
        return False
    if area_a and area_b and not (area_a.startswith(area_b) or area_b.startswith(area_a)):
        return False
    return True
