"""Which agency must do what: ``Sở Y tế chủ trì, phối hợp với Sở Tài chính``."""

from __future__ import annotations

from typing import Literal

from schemas.common import Method, Record, Span

Role = Literal["lead", "cooperate", "focal_point", "responsible"]


class Assignment(Record):
    """One agency's responsibility and the tasks given to it.

    ``span`` is where the agency is named; ``block`` the text it governs (the numbered
    item under ``Tổ chức thực hiện``, the table row), which deadlines are linked through.
    ``agency_code`` joins the same body across plans: ``SYT@bac-giang`` (Sở Y tế of Bắc
    Giang), ``UBND-XA*`` (every commune's people's committee).
    """

    agency: str
    agency_code: str | None = None
    role: Role = "responsible"
    tasks: list[str] = []
    span: Span
    method: Method = "rule"
    score: float | None = None
    level: str | None = None
    surface: str | None = None
    block: Span | None = None
    task_spans: list[Span] = []
