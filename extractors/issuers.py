"""Issuing bodies written in words: ``UBND huyện Đắk R'Lấp``, ``Ban Thường vụ Tỉnh ủy Kiên Giang``.

:func:`describe` turns such a phrase into a level (province, district, party...) and an
area resolved with the gazetteer; a unit word without a name (``UBND tỉnh``,
``Trung tâm Y tế huyện``) takes the area of the document it is read in.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache

from extractors.gazetteer import Area, city, resolve, unit_name
from extractors.symbols import DATA, fold, issuer_codes, issuer_info

_UNIT_WORDS = ("THANH PHO", "THI XA", "THI TRAN", "TINH", "HUYEN", "QUAN", "XA", "PHUONG", "TP.", "TP")
_SPACES = re.compile(r"\s+")
_HEAD_PREFIX = 80  # characters of a phrase folded to find its head
_PARTY_BODY = re.compile(r"\b(?:DANG|BAN CHAP HANH|BO CHINH TRI|BAN BI THU)\b")
_CITY_WORD = re.compile(r"^\s*(?:THANH PHO|TP\b)")
_PLACE_AFTER_UNIT = re.compile(r"\b(?:tỉnh|thành phố|huyện|quận|thị xã)\s+(.+)$", re.I)
_PLACE_AFTER_COMMITTEE = re.compile(r"(?:ủy|uỷ)\s+(.+)$", re.I)
_UNIT_IN_CAPS = re.compile(r"\b(TỈNH|THÀNH PHỐ|HUYỆN|QUẬN|THỊ XÃ)\s+(.+)$")


@dataclass(frozen=True, slots=True)
class IssuerInfo:
    """A described issuing body; ``name`` is completed with the area when written bare."""

    name: str
    level: str
    province: str | None = None
    district: str | None = None
    province_2025: str | None = None
    code: str | None = None


@cache
def _data() -> dict:
    return json.loads((DATA / "issuer_heads.json").read_text(encoding="utf-8"))


@cache
def _heads() -> list[tuple[str, dict]]:
    """(folded spelling, head entry), longest first so ``Ban Thường vụ Tỉnh ủy`` beats ``Tỉnh ủy``."""
    out = []
    for entry in _data()["heads"]:
        for spelling in [entry["head"], *entry["abbr"]]:
            out.append((fold(spelling), entry))
    return sorted(out, key=lambda p: -len(p[0]))


@cache
def _positions() -> tuple[str, ...]:
    return tuple(sorted(_data()["positions"], key=len, reverse=True))


@cache
def _longest_head() -> int:
    return max(len(spelling) for spelling, _ in _heads())


def positions() -> list[str]:
    """Signing positions, longest first (``PHÓ CHỦ TỊCH`` before ``CHỦ TỊCH``)."""
    return list(_positions())


@lru_cache(maxsize=16384)  # the same names come back in every citation and agency list
def head_of(name: str) -> tuple[dict, int] | None:
    """The head entry ``name`` starts with and where the head ends."""
    text = name.strip()
    # Folding goes character by character: the folded start of a long phrase (a citation's
    # whole tail is passed in) is the start of the folded phrase, and once it runs past the
    # longest head and the character after it, it decides as well as the whole.
    key = fold(text[:_HEAD_PREFIX])
    if len(text) > _HEAD_PREFIX and len(key) < _longest_head() + 2:
        key = fold(text)
    lead = len(name) - len(name.lstrip())
    for spelling, entry in _heads():
        if key.startswith(spelling) and (len(key) == len(spelling) or not key[len(spelling)].isalnum()):
            return entry, lead + len(spelling)
    return None


def starts_with_body(text: str) -> bool:
    """Whether ``text`` begins with an issuing body (``UBND``, ``Sở``, ``Huyện ủy``...)."""
    found = head_of(text)
    if not found:
        return False
    entry, end = found
    # "Bộ" and "Sở" and "Phòng" need a capitalised name after them ("Sở Y tế", not "Sở dĩ").
    if entry["head"] in ("Sở", "Bộ", "Phòng", "Văn phòng", "Công an"):
        rest = text[end:].lstrip()
        return bool(rest) and rest[0].isupper()
    return True


_COMMITTEE_AFTER = re.compile(r"\s*UY\b")


def _unit_at(key: str, word: str) -> bool:
    """Whether the folded ``key`` opens with the unit word ``word``: ``TINH BAC GIANG``, not ``TINH UY``.

    ``Tỉnh ủy``, ``Huyện ủy``, ``Thị ủy`` are party committees, no unit word.
    """
    return key.startswith(word) and (len(key) == len(word) or key[len(word)] in " .") \
        and not _COMMITTEE_AFTER.match(key, len(word))


def is_committee_organ(name: str, parent: str) -> bool:
    """``BAN TUYÊN GIÁO`` under ``TỈNH ỦY ĐẮK LẮK``: a board of the party committee on the line above."""
    body, above = head_of(name), head_of(parent)
    return bool(body and above and body[0].get("organ") and above[0]["level"] == "party"
                and not above[0].get("organ") and above[0]["code"] != "TW")


def _unit(rest: str) -> tuple[str | None, str]:
    """Split ``tỉnh Bắc Giang`` into the unit level and the name after it."""
    key = fold(rest.strip())
    stripped = rest.strip()
    for word in _UNIT_WORDS:
        if _unit_at(key, word):
            level = _data()["units"].get(stripped[:len(word)].lower().rstrip("."), None)
            if word.startswith("TP"):
                level = "province"
            return level, stripped[len(word):].strip(" .")
    return None, stripped


@lru_cache(maxsize=8192)  # pure: a name in a context always describes the same body
def describe(name: str, context: Area | None = None, code: str | None = None) -> IssuerInfo:
    """Level and area of an issuing body written in words.

    >>> describe("UBND huyện Đắk R'Lấp").province
    'Đắk Nông'
    """
    name = _SPACES.sub(" ", name).strip(" ,;:.-*")
    found = head_of(name)
    level = "other"
    unit_level, place, city_area = None, "", None
    if found:
        entry, end = found
        level = entry["level"]
        code = code or entry["code"]
        unit_level, place = _unit(name[end:])
        city_area = _city(name[end:], place)
        if city_area is not None:
            unit_level = "district"  # "thành phố Bắc Giang" under tỉnh Bắc Giang
        if entry["head"] in ("Ủy ban nhân dân", "Hội đồng nhân dân"):
            level = unit_level or "other"
        elif entry["head"] == "Trung tâm Y tế" and unit_level == "province":
            level = "department"
    else:
        info = issuer_info(code)
        if info:
            level = info["level"]
    if _national(name) and level not in ("party", "central"):
        level = "party" if _PARTY_BODY.search(fold(name)) else "central"
    area = city_area if found and city_area is not None else _area(name, place, unit_level, level, context)
    if area and level == "other" and found and found[0]["level"] == "unit":
        level = "district" if area.district else "province"
    full = display_name(_complete(name, place, unit_level, area), area)
    return IssuerInfo(
        name=full, level=level,
        province=area.province if area else None,
        district=area.district if area and level not in ("province", "department", "central") else None,
        province_2025=area.province_2025 if area else None,
        code=code,
    )


def _city(rest: str, place: str) -> Area | None:
    """The district-level city a ``thành phố``/``TP.`` names, None for centrally-run ones."""
    if not _CITY_WORD.match(fold(rest)):
        return None
    words = place.split()
    for n in range(min(len(words), 5), 0, -1):
        area = city(" ".join(words[:n]))
        if area:
            return area if area.district else None
    return None


def _area(name: str, place: str, unit_level: str | None, level: str, context: Area | None) -> Area | None:
    """The area the name gives, or the context's for bare unit words and provincial bodies."""
    if level == "central" or _national(name):
        return None
    words = place.split()
    for n in range(min(len(words), 5), 0, -1):
        area = resolve(" ".join(words[:n]))
        if area and (unit_level != "province" or area.district is None):
            return area
    # "Tỉnh ủy Kiên Giang", "Sở Y tế tỉnh Bắc Giang": the place follows other words.
    m = _PLACE_AFTER_UNIT.search(name)
    if m:
        tail = m.group(1).split()
        for n in range(min(len(tail), 5), 0, -1):
            area = resolve(" ".join(tail[:n]))
            if area:
                return area
    m = _PLACE_AFTER_COMMITTEE.search(name)
    if m:
        area = resolve(m.group(1))
        if area:
            return area
    if context is None:
        return None
    if unit_level == "province" or level in ("province", "department") or (level == "party" and _PROVINCE_WORD.search(fold(name))):
        return Area(context.province, None, context.province_2025)
    return context


# "Ban Thường vụ Tỉnh ủy", "Đảng ủy Khối các cơ quan tỉnh": a party body of the province, whatever district cites it
_PROVINCE_WORD = re.compile(r"\bTINH\b")
_NATIONAL = re.compile(r"\b(?:TRUNG UONG|CHINH PHU|QUOC HOI)\b")
_LOCAL_UNIT = re.compile(r"\b(?:TINH|THANH PHO|HUYEN|QUAN|THI XA|XA|PHUONG)\b")


def _national(name: str) -> bool:
    """Bodies of the whole country: ``Bộ Chính trị``, ``Ban Chỉ đạo Trung ương``, ``Văn phòng Chính phủ``.

    They never take the area of the document citing them.
    """
    found = head_of(name)
    if found and found[0]["code"] == "TW":
        return True
    key = fold(name)
    return bool(_NATIONAL.search(key)) and not _LOCAL_UNIT.search(key)


_LOCAL_COUNCILS = ("Ủy ban nhân dân", "Hội đồng nhân dân")


def with_area(name: str, area: Area | None) -> str:
    """A bare ``Ủy ban nhân dân`` completed with the unit its place line names.

    ``ỦY BAN NHÂN DÂN`` over ``Hà Nội, ngày ...`` (a page that dropped the header's second
    line) → ``Ủy ban nhân dân thành phố Hà Nội``; ``Krông Pắc, ngày ...`` → ``... huyện Krông Pắc``.
    Other names, and places the gazetteer does not name, stay as they are.
    """
    if name not in _LOCAL_COUNCILS or area is None or not area.province:
        return name
    unit = unit_name(area)
    return f"{name} {unit}" if unit else name


def _complete(name: str, place: str, unit_level: str | None, area: Area | None) -> str:
    """``UBND tỉnh`` → ``UBND tỉnh Thanh Hóa`` when the name stops at the unit word."""
    if not area or place or unit_level is None:
        return name
    filler = area.district if unit_level == "district" else area.province
    return f"{name} {filler}" if filler else name


_UNIT_SPELLING = {"TINH": "tỉnh", "THANH PHO": "thành phố", "TP.": "thành phố", "TP": "thành phố", "HUYEN": "huyện",
                  "QUAN": "quận", "THI XA": "thị xã", "THI TRAN": "thị trấn", "XA": "xã", "PHUONG": "phường"}


def display_name(name: str, area: Area | None = None) -> str:
    """One spelling for a body whatever the source wrote: header capitals or abbreviations.

    ``ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK``, ``UBND tỉnh Đắk Lắk`` → ``Ủy ban nhân dân tỉnh Đắk Lắk``;
    ``BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH`` → ``Bộ Văn hóa, Thể thao và Du lịch``. The head takes
    its full form from the vocabulary, unit words are lower case, places take the gazetteer's
    spelling; other words written in capitals fall back to sentence case.
    """
    name = _SPACES.sub(" ", name).strip()
    known = _known_names().get(fold(name))
    if known:
        return known
    found = head_of(name)
    if not found:
        return _sentence(name) if _is_caps(name) else name
    entry, end = found
    rest = name[end:].strip()
    caps = _is_caps(name)
    unit = next((w for w in _UNIT_WORDS if _unit_at(fold(rest), w)), None)
    if unit:
        place = rest[len(unit):].strip(" .")
        spelled = _place_spelling(place, area) or (_title(place) if caps else place)
        rest = f"{_UNIT_SPELLING[unit]} {spelled}".strip()
    elif caps and rest and _HAMLET.match(rest):
        # "CHI BỘ THÔN PLEI BĂNG": a village's unit word, then its name
        hamlet = _HAMLET.match(rest)
        rest = f"{hamlet.group(1).lower()} {_title(hamlet.group(2))}"
    elif caps and rest:
        # "HUYỆN ỦY KIÊN HẢI": after a party committee the rest is a place.
        rest = _place_spelling(rest, area) or (_title(rest) if resolve(rest) else _sentence_rest(rest, area))
    return f"{entry['head']} {rest}".strip()


_HAMLET = re.compile(r"^(THÔN|BẢN|BUÔN|LÀNG|ẤP|SÓC|TỔ DÂN PHỐ|KHU PHỐ|TỔ DÂN PHỐ|KHU DÂN CƯ)\s+(\S.*)$")


@cache
def _known_names() -> dict[str, str]:
    """Folded name → spelling, for the bodies the issuer codes name (ministries, ``Sở`` ...)."""
    return {fold(v["name"]): v["name"] for v in issuer_codes().values() if " " in v["name"]}


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _title(text: str) -> str:
    return " ".join(w[:1].upper() + w[1:].lower() for w in text.split())


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:].lower()


def _place_spelling(place: str, area: Area | None) -> str | None:
    """``ĐẮK LẮK`` → ``Đắk Lắk`` when the place is the resolved area."""
    if not area or not place:
        return None
    for candidate in (area.district, area.province):
        if candidate and fold(candidate) == fold(place):
            return candidate
    return None


def _sentence_rest(rest: str, area: Area | None) -> str:
    """``Y TẾ HUYỆN KIÊN HẢI`` → ``Y tế huyện Kiên Hải``: the name's first word capitalised."""
    m = _UNIT_IN_CAPS.search(rest)
    head, tail = (rest[:m.start()].strip(), f"{m.group(1)} {m.group(2)}") if m else (rest, "")
    out = _sentence(head) if head else ""
    if tail:
        out = f"{out} {display_name('Ủy ban nhân dân ' + tail, area)[len('Ủy ban nhân dân '):]}".strip()
    return out
