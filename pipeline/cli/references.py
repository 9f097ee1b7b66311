"""``kehoach chain 25-CT/TW``: the implementation cascade of a directive."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.tree import Tree

from pipeline.cli.app import DEFAULT_DB, app

console = Console()
FORMATS = ("tree", "json", "mermaid", "dot")


@app.command("chain")
def chain_command(
    symbol: Annotated[str, typer.Argument(help="The directive or plan at the root, e.g. 25-CT/TW.")],
    db: Annotated[Path, typer.Option("--db", help="SQLite database file.")] = Path(DEFAULT_DB),
    format: Annotated[str, typer.Option("--format", "-f", help="tree, json, mermaid or dot.")] = "tree",
    legal_basis: Annotated[bool, typer.Option("--legal-basis", help="Also follow 'Căn cứ' (legal basis) citations.")] = False,
) -> None:
    """Every stored plan implementing SYMBOL directly or through other plans, with dates and lag."""
    from pipeline import chain
    from pipeline.store import open_db

    if format not in FORMATS:
        raise typer.BadParameter(f"use one of {', '.join(FORMATS)}", param_hint="--format")
    relations = ("implements", "legal_basis") if legal_basis else ("implements",)
    tree = chain.build_chain(open_db(db), symbol, relations=relations)
    if format == "json":
        typer.echo(chain.to_json(tree))
    elif format == "mermaid":
        typer.echo(chain.to_mermaid(tree))
    elif format == "dot":
        typer.echo(chain.to_dot(tree))
    else:
        console.print(_rich(tree))
        console.print("[dim]+N days: lag from the root's date; cited only: known from citations, not stored; "
                      "placed under root: nothing says which plan it implements.[/dim]")


def _rich(node, parent: Tree | None = None) -> Tree:
    label = f"[bold]{node.number or node.key}[/bold]"
    if node.issuer:
        label += f"  {node.issuer}"
    if node.date:
        label += f"  [cyan]{node.date}[/cyan]"
    if node.lag_days is not None and parent is not None:
        label += f"  [yellow]+{node.lag_days} days[/yellow]"
    if not node.stored:
        label += "  [dim](cited only)[/dim]"
    if node.inferred:
        label += "  [dim](placed under root)[/dim]"
    branch = Tree(label) if parent is None else parent.add(label)
    for child in node.children:
        _rich(child, branch)
    return branch
