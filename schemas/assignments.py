"""Which agency must do what: ``Sở Y tế chủ trì, phối hợp với Sở Tài chính``."""

from __future__ import annotations

from typing import Literal

from schemas.common import Method, Record, Span

Role = Literal["lead", "cooperate", "focal_point", "responsible"]


class Assignment(Record):
    """One agency's responsibility and the tasks given to it."""

    agency: str
    agency_code: str | None = None
    role: Role = "responsible"
    tasks: list[str] = []
    span: Span
    method: Method = "rule"
    score: float | None = None
