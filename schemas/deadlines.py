"""Time commitments: ``trước ngày 15/11 hàng năm``, ``Thời gian hoàn thành: 30/9/2023``."""

from __future__ import annotations

from typing import Literal

from schemas.common import Method, Record, Span


class Recurrence(Record):
    """A repeating deadline; ``month``/``day`` are absent where the text leaves them open."""

    freq: Literal["yearly", "monthly", "daily"]
    month: int | None = None
    day: int | None = None


class Deadline(Record):
    """One deadline: an exact ``date``, a ``month`` (``YYYY-MM``) or a ``recurrence``."""

    text: str
    date: str | None = None
    month: str | None = None
    start: str | None = None
    recurrence: Recurrence | None = None
    rrule: str | None = None
    agency: str | None = None
    task: str | None = None
    span: Span
    method: Method = "rule"
