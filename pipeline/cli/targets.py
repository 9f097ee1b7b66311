"""``kehoach compare`` (targets across plans) and ``kehoach indicators`` (the vocabulary)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from pipeline.cli.app import DEFAULT_DB, app

console = Console()
FORMATS = ("table", "csv", "xlsx", "json")


@app.command("compare")
def compare_command(
    db: Annotated[Path, typer.Option("--db", help="SQLite database file.")] = Path(DEFAULT_DB),
    indicator: Annotated[str | None, typer.Option(help="Indicator code, e.g. BHYT_COVERAGE (see `kehoach indicators`).")] = None,
    year: Annotated[int | None, typer.Option(help="Target year.")] = None,
    level: Annotated[str | None, typer.Option(help="Issuer level: province, district, ...")] = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv, xlsx or json.")] = "table",
    out: Annotated[Path | None, typer.Option(help="Write to this file instead of the terminal (required for xlsx).")] = None,
    plot: Annotated[Path | None, typer.Option(help="Also draw the comparison to a .png or .html file.")] = None,
) -> None:
    """Who commits to what by when: one row per plan target, sorted by indicator, year, province."""
    from pipeline import compare
    from pipeline.store import open_db

    if format not in FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
    if format == "xlsx" and out is None:
        raise typer.BadParameter("xlsx needs --out FILE", param_hint="--format")
    rows = compare.compare(open_db(db), indicator=indicator, year=year, level=level)
    if plot is not None:
        compare.plot(rows, str(plot))
    if format == "xlsx":
        compare.to_xlsx(rows, str(out))
        return
    text = (json.dumps(rows, ensure_ascii=False, indent=1) if format == "json"
            else compare.to_csv(rows) if format == "csv" else None)
    if text is None:
        if out is not None:
            console.print("[red]--out needs csv or json[/red]")
            return
        table = Table("indicator", "year", "target", "plan", "level", "scope", title=f"{len(rows)} targets")
        for r in rows:
            table.add_row(compare.indicator_label(r), str(r.get("year") or ""), compare.target_text(r),
                          compare.plan_label(r), r.get("level") or "",
                          (r.get("scope") or "") + (" (total)" if r.get("is_total") else ""))
        console.print(table)
        return
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")


@app.command("indicators")
def indicators_command(
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """The indicator vocabulary targets are mapped to: code, label, unit, surface forms."""
    from extractors.indicators import vocabulary

    items = vocabulary()
    if format == "json":
        typer.echo(json.dumps([{"code": i.code, "label": i.label, "unit": i.unit, "forms": list(i.forms)}
                               for i in items], ensure_ascii=False, indent=1))
        return
    table = Table("code", "label", "unit", "forms")
    for i in items:
        table.add_row(i.code, i.label, i.unit, "; ".join(i.forms))
    console.print(table)
