"""Time commitments: ``trước ngày 15/11 hàng năm``, ``Thời gian hoàn thành: 30/9/2023``."""

from __future__ import annotations

from typing import Literal

from schemas.common import Method, Record, Span


class Recurrence(Record):
    """A repeating deadline; ``month``/``day`` are absent where the text leaves them open.

    ``interval`` repeats every that many periods of ``freq`` (absent: every one). A
    quarter is ``monthly`` every 3 months, ``month`` the first month it falls due:
    ``trước ngày 15 của tháng cuối quý`` → month 3, day 15 (March, June, September,
    December); ``trước ngày 10 của tháng đầu quý sau`` → month 1 (January, April ...).
    """

    freq: Literal["yearly", "monthly", "daily"]
    month: int | None = None
    day: int | None = None
    interval: int | None = None


class Deadline(Record):
    """One deadline: an exact ``date``, a ``month`` (``YYYY-MM``) or a ``recurrence``.

    ``month`` also carries quarters, half-years and years (due in their last month);
    ``precision`` says which was written. ``start`` is when the task starts, if stated;
    a record with only ``start`` is a start, not a deadline.
    """

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
    precision: Literal["day", "month", "quarter", "half", "year"] | None = None
    agency_code: str | None = None
