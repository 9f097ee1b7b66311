"""Commitments to a number: ``100% dân số tham gia bảo hiểm y tế`` by 2030."""

from __future__ import annotations

from typing import Literal

from schemas.common import Method, Record, Span

Comparator = Literal["=", ">", ">=", "<", "<=", "maintain", "baseline"]
Change = Literal["increase", "decrease"]


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
    # Added fields (optional, so older records and gold stay valid):
    # ``change`` says the value is a relative change, not a level to reach: "giảm 50% số cặp
    # tảo hôn" is decrease 50 %, "tăng thêm ít nhất 20% số nhóm trẻ" increase >= 20 %. A level
    # reached by going down ("giảm ... xuống dưới 30%") keeps change None. Without it a
    # reduction of 50 % reads as a level of 50 %, the opposite commitment.
    change: Change | None = None
    # ``approximate``: the plan hedged the number ("đạt khoảng 22%"); comparator stays "=".
    approximate: bool = False
