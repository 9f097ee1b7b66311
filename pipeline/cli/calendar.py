"""Calendar commands: ``kehoach calendar`` (iCalendar or CSV) and ``kehoach deadlines``."""

from __future__ import annotations

import csv
import json
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from pipeline.cli.app import DEFAULT_DB, app
from pipeline.errors import KehoachError

console = Console()

DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file.")]


class CalendarFormat(str, Enum):
    ics = "ics"
    csv = "csv"


class ListFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as err:
        raise KehoachError(f"{option} needs a date as YYYY-MM-DD, not {value!r}") from err


@app.command("calendar")
def calendar_command(
    out: Annotated[Path, typer.Option("--out", "-o", help="File to write (.ics or .csv).")],
    db: DbOption = Path(DEFAULT_DB),
    agency: Annotated[str | None, typer.Option(help="Only this agency (name, diacritics optional, or code).")] = None,
    plan: Annotated[str | None, typer.Option(help="Only this plan number, e.g. 115/KH-UBND.")] = None,
    from_: Annotated[str | None, typer.Option("--from", help="Only deadlines due on or after YYYY-MM-DD.")] = None,
    to: Annotated[str | None, typer.Option("--to", help="Only deadlines due on or before YYYY-MM-DD.")] = None,
    fmt: Annotated[CalendarFormat, typer.Option("--format", help="ics for calendars, csv for spreadsheets.")] = CalendarFormat.ics,
    reminder: Annotated[int, typer.Option(help="Days before each deadline to remind (ics).")] = 7,
) -> None:
    """Export deadlines as an iCalendar file clerks can import, or as CSV.

    Re-importing an updated export updates the same events (stable UIDs).
    """
    from pipeline.calendar import CSV_FIELDS, build_calendar, deadline_rows
    from pipeline.store import open_db

    start, end = _day(from_, "--from"), _day(to, "--to")
    database = open_db(db)
    if fmt is CalendarFormat.csv:
        rows = deadline_rows(database, agency=agency, plan=plan, start=start, end=end)
        with out.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=CSV_FIELDS)
            writer.writeheader()
            writer.writerows(rows)
        console.print(f"{len(rows)} deadlines → {escape(str(out))}")
        return
    cal = build_calendar(database, agency=agency, plan=plan, start=start, end=end, reminder_days=reminder)
    out.write_bytes(cal.to_ical())
    console.print(f"{len(cal.walk('VEVENT'))} events → {escape(str(out))}")


@app.command("deadlines")
def deadlines_command(
    upcoming_days: Annotated[int, typer.Option("--upcoming", help="Show deadlines due within this many days.")] = 90,
    db: DbOption = Path(DEFAULT_DB),
    agency: Annotated[str | None, typer.Option(help="Only this agency (name or code).")] = None,
    fmt: Annotated[ListFormat, typer.Option("--format", help="table, json or csv.")] = ListFormat.table,
) -> None:
    """The next deadlines per agency, counted from today."""
    from pipeline.calendar import upcoming
    from pipeline.store import open_db

    rows = upcoming(open_db(db), upcoming_days, date.today(), agency=agency)
    if fmt is ListFormat.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if fmt is ListFormat.csv:
        writer = csv.DictWriter(typer.get_text_stream("stdout"), fieldnames=list(rows[0]) if rows else ["agency"])
        writer.writeheader()
        writer.writerows(rows)
        return
    table = Table(title=f"Deadlines in the next {upcoming_days} days")
    for column in ("Agency", "Due", "Days", "Plan", "Task"):
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(escape(row["agency"]), row["due"], str(row["days_left"]), escape(row["plan"]),
                      escape(row["task"]))
    console.print(table)
