"""Commitments to a number: ``100% dân số tham gia bảo hiểm y tế`` by 2030."""

from __future__ import annotations

from typing import Literal

from schemas.common import Method, Record, Span

Comparator = Literal["=", ">", ">=", "<", "<=", "maintain", "baseline"]


class Target(Record):
    """An indicator with a comparator, value, unit, year and scope."""

    indicator: str
    indicator_code: str | None = None
    comparator: Comparator = "="
    value: float
    unit: str
    year: int | None = None
    scope: str | None = None
    is_total: bool = False
    span: Span
    method: Method = "rule"
    score: float | None = None
