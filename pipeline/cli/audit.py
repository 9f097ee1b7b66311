"""``kehoach audit``: consistency checks across the stored plans."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from pipeline.cli.app import DEFAULT_DB, app
from pipeline.errors import UnreadableFile

console = Console()


@app.command("audit")
def audit_command(
    db: Annotated[Path, typer.Option("--db", help="SQLite database file.")] = Path(DEFAULT_DB),
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Cross-plan checks: district targets weaker than the province's, one document cited with different dates.

    Each plan's own findings (totals that do not add up, blank numbers, deadlines
    outside the plan) are in its record; this command compares plans with each other.
    """
    if not db.exists():
        raise UnreadableFile("no such database: run `kehoach ingest` first or pass --db", str(db))
    from pipeline.audit import audit
    from pipeline.store import open_db

    findings = audit(open_db(db))
    if format == "json":
        print(json.dumps([f.as_dict() for f in findings], ensure_ascii=False, indent=2, default=str))
        return
    if not findings:
        console.print("No cross-plan findings.")
        return
    table = Table("rule", "finding", title=f"{len(findings)} cross-plan finding(s)", title_justify="left")
    for finding in findings:
        table.add_row(finding.rule, finding.message)
    console.print(table)
