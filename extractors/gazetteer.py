"""Vietnamese administrative units, resolved offline from a small data file.

``huyện Đắk R'Lấp`` → district Đắk R'Lấp, province Đắk Nông, and since the 2025 merger
Lâm Đồng. ``data/admin_units.json`` lists the 63 provinces and their districts as they
were before the 2025 reform, with the merged province each old one joined; it is
extracted from the ``vietnamadminunits`` package by ``scripts/build_admin_units.py``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extractors.scan import matches_at
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
# Unit words only a district-level unit takes ("huyện Quảng Ninh" is in Quảng Bình,
# whatever the province of the same name).
_DISTRICT_KIND = re.compile(r"^(?:huyện|quận|thị xã|tx\.?|h\.|q\.)\s", re.I)


@dataclass(frozen=True, slots=True)
class Area:
    """A resolved place: pre-2025 province and district, and the post-2025 province."""

    province: str | None = None
    district: str | None = None
    province_2025: str | None = None


@dataclass(frozen=True, slots=True)
class _Units:
    provinces: dict[str, dict[str, str]]  # loose name → province record
    districts: dict[str, list[dict[str, str]]]  # loose name → districts of that name


@cache
def _units() -> _Units:
    path = Path(__file__).parent / "data" / "admin_units.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    districts: dict[str, list[dict[str, str]]] = {}
    for district in data["districts"]:
        districts.setdefault(_loose(district["name"]), []).append(district)
    provinces = {_loose(p["name"]): p for p in data["provinces"]}
    aliases = json.loads((path.parent / "place_aliases.json").read_text(encoding="utf-8"))["provinces"]
    provinces.update({_loose(alias): provinces[_loose(name)] for alias, name in aliases.items()})
    return _Units(provinces, districts)


def _loose(text: str) -> str:
    """``Đắk R'Lấp`` and ``Dak R'Lap`` both become ``DAKRLAP``."""
    return _NOT_ALNUM.sub("", fold(text))


@cache
def resolve(place: str) -> Area | None:
    """Resolve a place name as written (``huyện Kiên Hải``, ``H. Đắk R'Lấp``, ``Thanh Hoá``).

    A province name resolves to the province; a district name to its district when no
    other district in the country bears it (``Châu Thành`` is in seven provinces, so it
    needs :func:`city` or a province around it). Anything else, such as ``Trung tâm Y tế``,
    is None.
    """
    place = place.strip().strip(",.;")
    if not place or len(place) > 80:
        return None
    key = _loose(_strip_kind(place))
    units = _units()
    province = units.provinces.get(key)
    if province is not None and not (_DISTRICT_KIND.match(place) and _unique_district(key)):
        return Area(province["name"], None, province["province_2025"])
    district = _unique_district(key)
    if district is None:
        return None
    province = units.provinces[_loose(district["province"])]
    return Area(province["name"], district["name"], province["province_2025"])


def _unique_district(key: str) -> dict[str, str] | None:
    found = _units().districts.get(key, [])
    return found[0] if len(found) == 1 else None


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
    key = _loose(_strip_kind(name))
    for district in _units().districts.get(key, []):
        if district["province"] == area.province and district["full"].startswith("Thành phố"):
            return Area(area.province, district["name"], area.province_2025)
    return area


def unit_name(area: Area) -> str | None:
    """The full name of the unit ``area`` is, as a body's name ends: ``thành phố Hà Nội``,
    ``tỉnh Bắc Giang``, ``huyện Krông Pắc``; ``None`` for a district name the gazetteer
    holds more than once in that province."""
    if area.district:
        found = [d for d in _units().districts.get(_loose(area.district), []) if d["province"] == area.province]
        if len(found) != 1:
            return None
        full = found[0]["full"]
        return full[:1].lower() + full[1:]
    return f"{'thành phố' if _centrally_run(area.province) else 'tỉnh'} {area.province}"


def _centrally_run(province: str | None) -> bool:
    """Whether a pre-2025 province is a city (``Thành phố Hà Nội``) rather than a ``Tỉnh``."""
    record = _units().provinces.get(_loose(province or ""))
    return record is not None and record["full"].startswith("Thành phố")


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

    ``_UNIT_WORD`` spells each unit word in the cases ``_UNIT`` accepts, so the text
    is searched as it is rather than lowered.
    """
    return matches_at(_UNIT, _UNIT_WORD, text, text)


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
