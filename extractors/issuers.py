"""Issuing bodies written in words: ``UBND huyện Đắk R'Lấp``, ``Ban Thường vụ Tỉnh ủy Kiên Giang``.

:func:`describe` turns such a phrase into a level (province, district, party...) and an
area resolved with the gazetteer; a unit word without a name (``UBND tỉnh``,
``Trung tâm Y tế huyện``) takes the area of the document it is read in.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from extractors.gazetteer import Area, resolve
from extractors.symbols import DATA, fold, issuer_info

_UNIT_WORDS = ("THANH PHO", "THI XA", "THI TRAN", "TINH", "HUYEN", "QUAN", "XA", "PHUONG", "TP.", "TP")


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


def positions() -> list[str]:
    return sorted(_data()["positions"], key=len, reverse=True)


def head_of(name: str) -> tuple[dict, int] | None:
    """The head entry ``name`` starts with and where the head ends."""
    key = fold(name.strip())
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


def _unit(rest: str) -> tuple[str | None, str]:
    """Split ``tỉnh Bắc Giang`` into the unit level and the name after it."""
    key = fold(rest.strip())
    stripped = rest.strip()
    for word in _UNIT_WORDS:
        if key.startswith(word) and (len(key) == len(word) or key[len(word)] in " ."):
            level = _data()["units"].get(stripped[:len(word)].lower().rstrip("."), None)
            if word.startswith("TP"):
                level = "province"
            return level, stripped[len(word):].strip(" .")
    return None, stripped


def describe(name: str, context: Area | None = None, code: str | None = None) -> IssuerInfo:
    """Level and area of an issuing body written in words.

    >>> describe("UBND huyện Đắk R'Lấp").province
    'Đắk Nông'
    """
    name = re.sub(r"\s+", " ", name).strip(" ,;:.-*")
    found = head_of(name)
    level = "other"
    unit_level, place = None, ""
    if found:
        entry, end = found
        level = entry["level"]
        code = code or entry["code"]
        unit_level, place = _unit(name[end:])
        if entry["head"] in ("Ủy ban nhân dân", "Hội đồng nhân dân"):
            level = unit_level or "other"
        elif entry["head"] == "Trung tâm Y tế" and unit_level == "province":
            level = "department"
    else:
        info = issuer_info(code)
        if info:
            level = info["level"]
    if _national(name) and level not in ("party", "central"):
        level = "party" if re.search(r"\b(?:DANG|BAN CHAP HANH|BO CHINH TRI|BAN BI THU)\b", fold(name)) else "central"
    area = _area(name, place, unit_level, level, context)
    if area and level == "other" and found and found[0]["level"] == "unit":
        level = "district" if area.district else "province"
    full = _complete(name, place, unit_level, area)
    return IssuerInfo(
        name=full, level=level,
        province=area.province if area else None,
        district=area.district if area and level not in ("province", "department", "central") else None,
        province_2025=area.province_2025 if area else None,
        code=code,
    )


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
    m = re.search(r"\b(?:tỉnh|thành phố|huyện|quận|thị xã)\s+(.+)$", name, re.I)
    if m:
        tail = m.group(1).split()
        for n in range(min(len(tail), 5), 0, -1):
            area = resolve(" ".join(tail[:n]))
            if area:
                return area
    m = re.search(r"(?:ủy|uỷ)\s+(.+)$", name, re.I)
    if m:
        area = resolve(m.group(1))
        if area:
            return area
    if context is None:
        return None
    if unit_level == "province" or level in ("province", "department") or (level == "party" and "tỉnh" in fold(name).lower()):
        return Area(context.province, None, context.province_2025)
    return context


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


def _complete(name: str, place: str, unit_level: str | None, area: Area | None) -> str:
    """``UBND tỉnh`` → ``UBND tỉnh Thanh Hóa`` when the name stops at the unit word."""
    if not area or place or unit_level is None:
        return name
    filler = area.district if unit_level == "district" else area.province
    return f"{name} {filler}" if filler else name
