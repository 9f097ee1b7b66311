"""What extractors may know about the plan beyond its text, passed in explicitly."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class PlanContext:
    """Facts found by the metadata extractor that later extractors need.

    ``issued`` anchors relative deadlines ("10/01 của năm sau"); ``province`` and
    ``district`` resolve "UBND tỉnh" or "huyện" written without a name; ``horizon_year``
    bounds recurring deadlines ("giai đoạn đến năm 2030").
    """

    issued: date | None = None
    issued_year: int | None = None
    number: str | None = None
    issuer_name: str | None = None
    issuer_level: str | None = None
    province: str | None = None
    district: str | None = None
    horizon_year: int | None = None
