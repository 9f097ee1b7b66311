"""Vietnamese administrative units, resolved offline with ``vietnamadminunits``.

``huyện Đắk R'Lấp`` → district Đắk R'Lấp, province Đắk Nông, and since the 2025 merger
Lâm Đồng. Only the package's bundled data is used: its address converter may call an
online geocoder for wards split in 2025 when a street is given, so we never call the
converter, only its province table (old province → new province), and never pass wards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractors.symbols import fold

_UNIT = re.compile(
    r"\b(?P<kind>[Tt]ỉnh|[Tt]hành phố|TP\.?|[Hh]uyện|[Qq]uận|[Tt]hị xã|H\.|Q\.|TX\.?)\s+"
    r"(?P<name>(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠ][\w'’]*)(?:[ \-](?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠỦ][\w'’]*|[A-Z]'\w+))*)"
)
# The spellings _UNIT's unit words start with, as plain text.
_UNIT_WORD = re.compile("|".join(re.escape(w) for w in (
    "Tỉnh", "tỉnh", "Thành phố", "thành phố", "TP", "Huyện", "huyện", "Quận", "quận", "Thị xã", "thị xã", "H.", "Q.", "TX")))
_PROVINCE_WORDS = ("tỉnh", "thành phố", "tp")
_NOT_ALNUM = re.compile(r"[^A-Z0-9]")
_KIND_WORD = re.compile(r"^(?:tỉnh|thành phố|tp\.?|huyện|quận|thị xã|tx\.?|h\.|q\.)\s*", re.I)


@dataclass(frozen=True, slots=True)
class Area:
    """A resolved place: pre-2025 province and district, and the post-2025 province."""

    province: str | None = None
    district: str | None = None
    province_2025: str | None = None


@cache
def _modules():
    # Imported lazily: the package loads its JSON data on import.
    from vietnamadminunits import ParseMode, parse_address
    from vietnamadminunits.converter import converter_2025
    from vietnamadminunits.parser import parser_from_2025

    return parse_address, ParseMode, converter_2025.DICT_PROVINCE, parser_from_2025.DICT_PROVINCE


def _legacy_unit(address: str, level: int):
    """The pre-2025 unit ``address`` names, or None where the parser cannot read it.

    Street-level parsing is off (``keep_street=False``, levels 1-2), so the package's
    online geocoder, used only for split wards with a street, is never reached.
    """
    parse_address, mode, _, _ = _modules()
    try:
        return parse_address(address, mode=mode.LEGACY, level=level, keep_street=False)
    except (ValueError, KeyError, AttributeError, IndexError, TypeError):
        return None


def _loose(text: str) -> str:
    return _NOT_ALNUM.sub("", fold(text))


@cache
def _known_names() -> frozenset[str]:
    """Every pre-2025 province and district name the parser returns, loosely spelled.

    :func:`resolve` keeps a parse only when the name is one of these, so a name that is
    none of them is turned away before the parser runs.
    """
    from vietnamadminunits.parser import parser_legacy

    names = {_loose(p["provinceShort"] or "") for p in parser_legacy.DICT_PROVINCE.values()}
    for districts in parser_legacy.DICT_PROVINCE_DISTRICT.values():
        names.update(_loose(d["districtShort"] or "") for d in districts.values())
    names.discard("")
    return frozenset(names)


@cache
def resolve(place: str) -> Area | None:
    """Resolve a place name as written (``huyện Kiên Hải``, ``H. Đắk R'Lấp``, ``Thanh Hoá``).

    Returns None when the name is not a known province or district, so that words such
    as ``Trung tâm Y tế`` never resolve by accident.
    """
    place = place.strip().strip(",.;")
    if not place or len(place) > 80:
        return None
    name = _strip_kind(place)
    if _loose(name) not in _known_names():
        return None  # no unit bears this name: the slow parser could only guess
    _, _, old_to_new, new_provinces = _modules()
    unit = _legacy_unit(place, level=2)
    if unit is None or not unit.province:
        return None
    if not _loose(name) or _loose(name) not in {_loose(unit.short_province or ""), _loose(unit.short_district or "")}:
        return None  # the parser guessed from a fragment; keep only exact name matches
    new_key = next((k for k, olds in old_to_new.items() if unit.province_key in olds), None)
    new_name = new_provinces.get(new_key, {}).get("provinceShort") if new_key else None
    district = unit.short_district if _loose(name) == _loose(unit.short_district or "") else None
    return Area(province=unit.short_province, district=district, province_2025=new_name)


@cache
def city(name: str) -> Area | None:
    """``thành phố <name>``: a centrally-run city (Hà Nội, Cần Thơ) is a province; any other
    city is a district-level unit, even when it shares its province's name.

    >>> city("Bắc Giang").district, city("Cần Thơ").district
    ('Bắc Giang', None)
    """
    area = resolve(name)
    if area is None or area.district or _centrally_run(area.province):
        return area
    unit = _legacy_unit(f"thành phố {_strip_kind(name)}, tỉnh {area.province}", level=2)
    if unit is None:
        return area
    if unit.short_district and (unit.district or "").startswith("Thành phố") \
            and _loose(unit.short_district) == _loose(_strip_kind(name)):
        return Area(area.province, unit.short_district, area.province_2025)
    return area


@cache
def _centrally_run(province: str | None) -> bool:
    """Whether a pre-2025 province is a city (``Thành phố Hà Nội``) rather than a ``Tỉnh``."""
    if not province:
        return False
    unit = _legacy_unit(province, level=1)
    return unit is not None and (unit.province or "").startswith("Thành phố")


def _strip_kind(place: str) -> str:
    return _KIND_WORD.sub("", place.strip())


def province_2025(province: str | None) -> str | None:
    """The merged province (2025) a pre-2025 province now belongs to."""
    if not province:
        return None
    area = resolve(province)
    return area.province_2025 if area else None


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    kind: str  # "province" or "district"
    area: Area


def find_places(text: str) -> list[PlaceMention]:
    """Named units in ``text``: ``tỉnh Bắc Giang``, ``huyện Đắk R'Lấp``, ``TP. Cần Thơ``."""
    out = []
    for m in _unit_matches(text):
        kind_word = m.group("kind").lower().rstrip(".")
        name = m.group("name")
        area = None
        # Names run on into the next capitalised word ("tỉnh Bắc Giang Ban hành"): try shorter.
        words = name.split(" ")
        for n in range(min(len(words), 5), 0, -1):
            candidate = " ".join(words[:n])
            area = _resolve_kind(kind_word, candidate)
            if area:
                end = m.start("name") + len(candidate)
                kind = "province" if kind_word in _PROVINCE_WORDS and not area.district else "district"
                out.append(PlaceMention(m.start(), end, kind, area))
                break
    return out


def _unit_matches(text: str) -> list[re.Match[str]]:
    """``_UNIT.finditer(text)``, with the pattern tried only where a unit word starts.

    Every match opens with one of the unit words, which plain-text search finds fast;
    trying the whole pattern at every character of a long document is what was slow.
    """
    out, pos = [], 0
    while (word := _UNIT_WORD.search(text, pos)) is not None:
        m = _UNIT.match(text, word.start())
        if m:
            out.append(m)
            pos = m.end()
        else:
            pos = word.start() + 1
    return out


def _resolve_kind(kind_word: str, name: str) -> Area | None:
    if kind_word in ("tỉnh",):
        area = resolve(name)
        return area if area and area.district is None else None
    if kind_word in ("thành phố", "tp"):
        return city(name)
    area = resolve(name)
    if area and area.district:
        return area
    return None
