"""Deadlines as calendars clerks can import (iCalendar) or open in a spreadsheet (CSV).

One all-day event per deadline: ``[115/KH-UBND] Sở Y tế: báo cáo kết quả thực hiện``,
with the task and the source sentence in the description, a yearly, quarterly or monthly RRULE
for recurring deadlines and a reminder some days before. UIDs are a hash of the plan,
the deadline's place in the text and its words, so importing an updated export again
updates the events instead of duplicating them. Month-level deadlines (``vào tháng 9
năm 2023``, ``quý III/2024``) fall on the month's last day and say so.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any

import sqlite_utils
from dateutil.rrule import rrulestr
from icalendar import Alarm, Calendar, Event, vRecur

from extractors.agencies import fold
from extractors.timexpr import month_end
from pipeline.errors import KehoachError

REMINDER_DAYS = 7
SUMMARY_TASK = 80
PLAN_LABEL = 40
_SQL = """
SELECT d.id, d.document_id, d.text, d.date, d.month, d.start, d.recurrence_freq, d.recurrence_month,
       d.recurrence_day, d.recurrence_interval, d.rrule, d.agency, d.task, d.span_start, d.span_end, d.precision,
       p.number, p.title, p.issued_date, p.issued_year, p.horizon_year, doc.sha256, doc.path,
       substr(doc.text, max(1, d.span_start + 1 - {before}), {width}) AS context,
       max(0, d.span_start - {before}) AS context_start
FROM deadlines d
JOIN documents doc ON doc.id = d.document_id
LEFT JOIN plans p ON p.document_id = d.document_id
WHERE (d.date IS NOT NULL OR d.month IS NOT NULL OR d.recurrence_freq IS NOT NULL)
"""
_CONTEXT_BEFORE, _CONTEXT_WIDTH = 400, 900


class CalendarError(KehoachError):
    """A calendar was asked for with options that cannot work (an inverted date range)."""


@dataclass(frozen=True, slots=True)
class Due:
    """One deadline read back from the store, ready to become an event or a CSV row."""

    row: dict[str, Any]

    @property
    def plan(self) -> str:
        """``115/KH-UBND``; a plan without a number (a draft) by the start of its title."""
        label = self.row.get("number") or self.row.get("title") or self.row["path"]
        return label if len(label) <= PLAN_LABEL else label[:PLAN_LABEL].rsplit(" ", 1)[0] + "…"

    @property
    def is_month(self) -> bool:
        return not self.row.get("date") and bool(self.row.get("month"))

    def fixed_date(self) -> date | None:
        if self.row.get("date"):
            return date.fromisoformat(self.row["date"])
        if self.row.get("month"):
            return month_end(self.row["month"])
        return None

    def anchor(self) -> date | None:
        """Where a recurrence starts counting: its stated start, else the plan's date or year."""
        for value in (self.row.get("start"), self.row.get("issued_date")):
            if value:
                return date.fromisoformat(value[:10])
        year = self.row.get("issued_year")
        return date(int(year), 1, 1) if year else None

    def occurrences(self, start: date, end: date) -> list[date]:
        """Due dates inside ``[start, end]`` (one for a fixed deadline, many for a recurring one)."""
        fixed = self.fixed_date()
        if fixed is not None:
            return [fixed] if start <= fixed <= end else []
        anchor = self.anchor()
        if anchor is None or not self.row.get("rrule"):
            return []
        rule = rrulestr(self.row["rrule"], dtstart=datetime.combine(anchor, datetime.min.time()))
        lo = datetime.combine(max(start, anchor), datetime.min.time())
        hi = datetime.combine(end, datetime.min.time())
        return [d.date() for d in rule.between(lo, hi, inc=True)]

    def first(self) -> date | None:
        fixed = self.fixed_date()
        if fixed is not None:
            return fixed
        anchor = self.anchor()
        if anchor is None or not self.row.get("rrule"):
            return None
        rule = rrulestr(self.row["rrule"], dtstart=datetime.combine(anchor, datetime.min.time()))
        nxt = rule.after(datetime.combine(anchor, datetime.min.time()), inc=True)
        return nxt.date() if nxt else None

    def sentence(self) -> str:
        """The sentence the deadline was read from, cut out of the stored text."""
        ctx = self.row.get("context") or ""
        pos = self.row["span_start"] - self.row["context_start"]
        start = max(ctx.rfind("\n", 0, pos) + 1, 0)
        stops = [m.end() for m in re.finditer(r"\.\s+", ctx[start:pos])]
        start += stops[-1] if stops else 0
        end = ctx.find("\n", pos)
        end = len(ctx) if end < 0 else end
        return ctx[start:end].strip()

    def uid(self) -> str:
        """Stable across exports: plan number (or file hash), the deadline's span and words."""
        key = "|".join(str(x) for x in (
            self.row.get("number") or self.row["sha256"], self.row["span_start"], self.row["span_end"], self.row["text"]))
        return hashlib.sha1(key.encode("utf-8")).hexdigest() + "@kehoach"

    def summary(self) -> str:
        task = _short_task(self.row.get("task") or self.row["text"])
        agency = self.row.get("agency")
        return f"[{self.plan}] {agency}: {task}" if agency else f"[{self.plan}] {task}"

    def description(self) -> str:
        parts = []
        if self.row.get("task"):
            parts.append(f"Nhiệm vụ: {self.row['task']}")
        parts.append(f"Nguồn: {self.sentence() or self.row['text']}")
        if self.is_month:
            parts.append(f"Hạn theo tháng ({self.row['month']}): đặt vào ngày cuối tháng.")
        if self.row.get("rrule"):
            parts.append(f"Lặp lại: {self.row['rrule']}")
        parts.append(f"Văn bản: {self.plan} ({self.row['path']})")
        return "\n\n".join(parts)


def _short_task(task: str) -> str:
    """``Báo cáo kết quả thực hiện trước ngày 31/12 ...`` → ``báo cáo kết quả thực hiện``."""
    task = re.sub(r"^[-+*•\s]+", "", task)
    first = re.split(r"[.;:]\s|\s(?:trước|chậm nhất|vào|trong)\s+(?:ngày|tháng|năm|quý)", task, maxsplit=1)[0]
    first = first.strip(" ,.;")
    if len(first) < 20:  # "Hằng năm, trước ngày 15 tháng 01, ...": the clause is no task
        first = task.strip(" ,.;")
    if len(first) > SUMMARY_TASK:
        first = first[:SUMMARY_TASK].rsplit(" ", 1)[0] + "…"
    return first[:1].lower() + first[1:] if first[:2] != first[:2].upper() else first


def _fold_sql(value: str | None) -> str | None:
    return None if value is None else fold(value)


def _register(db: sqlite_utils.Database) -> None:
    db.register_function(_fold_sql, name="kh_fold", deterministic=True, replace=True)


def load(db: sqlite_utils.Database, agency: str | None = None, plan: str | None = None) -> list[Due]:
    """Stored deadlines, filtered by agency (name or code) and plan number, as bound parameters."""
    _register(db)
    sql = _SQL.format(before=_CONTEXT_BEFORE, width=_CONTEXT_WIDTH)
    params: list[Any] = []
    if agency:
        sql += " AND (kh_fold(d.agency) LIKE ? OR d.agency_code = ?)"
        params += [f"%{fold(agency)}%", agency]
    if plan:
        sql += " AND kh_fold(p.number) = ?"
        params.append(fold(plan))
    sql += " ORDER BY d.document_id, d.span_start"
    cursor = db.execute(sql, params)
    names = [c[0] for c in cursor.description]
    out, seen = [], set()
    for row in cursor.fetchall():
        due = Due(dict(zip(names, row)))
        # The same plan stored from several files (.docx and .pdf) is one set of deadlines.
        key = (due.row.get("number") or due.row["sha256"], due.row["text"], due.row.get("date"),
               due.row.get("month"), due.row.get("rrule"), due.row.get("agency"))
        if key not in seen:
            seen.add(key)
            out.append(due)
    return out


def _in_range(due: Due, start: date | None, end: date | None) -> bool:
    if start is None and end is None:
        return True
    lo, hi = start or date(1900, 1, 1), end or date(2200, 12, 31)
    return bool(due.occurrences(lo, hi))


def _check_range(start: date | None, end: date | None) -> None:
    if start and end and start > end:
        raise CalendarError(f"--from {start} is after --to {end}")


def build_calendar(db: sqlite_utils.Database, agency: str | None = None, plan: str | None = None,
                   start: date | None = None, end: date | None = None, reminder_days: int = REMINDER_DAYS,
                   stamp: datetime | None = None) -> Calendar:
    """An iCalendar with one all-day event per stored deadline that matches the filters."""
    _check_range(start, end)
    cal = Calendar()
    cal.add("prodid", "-//kehoach//Deadlines//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "kehoach: thời hạn" + (f" – {agency}" if agency else ""))
    stamp = stamp or datetime.now(timezone.utc)
    for due in load(db, agency, plan):
        if not _in_range(due, start, end):
            continue
        event = _event(due, reminder_days, stamp)
        if event is not None:
            cal.add_component(event)
    return cal


def _event(due: Due, reminder_days: int, stamp: datetime) -> Event | None:
    first = due.first()
    if first is None:
        return None
    event = Event()
    event.add("uid", due.uid())
    event.add("dtstamp", stamp)
    event.add("dtstart", first)
    event.add("dtend", first + timedelta(days=1))
    event.add("summary", due.summary())
    event.add("description", due.description())
    event.add("transp", "TRANSPARENT")
    if due.fixed_date() is None and due.row.get("rrule"):
        event.add("rrule", vRecur.from_ical(due.row["rrule"]))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", due.summary())
    alarm.add("trigger", timedelta(days=-reminder_days))
    event.add_component(alarm)
    return event


CSV_FIELDS = ("plan", "agency", "due", "kind", "interval", "rrule", "task", "deadline_text", "sentence", "path", "uid")


def deadline_rows(db: sqlite_utils.Database, agency: str | None = None, plan: str | None = None,
                  start: date | None = None, end: date | None = None) -> list[dict[str, Any]]:
    """The same deadlines as :func:`build_calendar`, one flat row each, for CSV."""
    _check_range(start, end)
    rows = []
    for due in load(db, agency, plan):
        if not _in_range(due, start, end):
            continue
        first = due.first()
        rows.append({
            "plan": due.plan, "agency": due.row.get("agency") or "", "due": first.isoformat() if first else "",
            "kind": _kind(due), "interval": due.row.get("recurrence_interval") or "",
            "rrule": due.row.get("rrule") or "", "task": due.row.get("task") or "",
            "deadline_text": due.row["text"], "sentence": due.sentence(), "path": due.row["path"], "uid": due.uid(),
        })
    return rows


def _kind(due: Due) -> str:
    if due.row.get("date"):
        return "date"
    if due.row.get("month"):
        return due.row.get("precision") or "month"
    return due.row.get("recurrence_freq") or ""


def upcoming(db: sqlite_utils.Database, days: int, today: date, agency: str | None = None) -> list[dict[str, Any]]:
    """Deadlines due in the next ``days`` days from ``today`` (passed in), by agency then date."""
    if days < 0:
        raise CalendarError("--upcoming needs a number of days ≥ 0")
    end = today + timedelta(days=days)
    rows = []
    for due in load(db, agency):
        for when in due.occurrences(today, end)[:1]:
            rows.append({
                "agency": due.row.get("agency") or "(không rõ)", "due": when.isoformat(),
                "days_left": (when - today).days, "plan": due.plan, "kind": _kind(due),
                "task": _short_task(due.row.get("task") or due.row["text"]), "deadline_text": due.row["text"],
            })
    return sorted(rows, key=lambda r: (r["agency"], r["due"]))
