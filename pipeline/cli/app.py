"""The Typer application every command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="kehoach",
    help="Read Vietnamese administrative plans (Kế hoạch) into structured records in SQLite.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DEFAULT_DB = "kehoach.db"
