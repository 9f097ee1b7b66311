"""Core commands: ingest, extract, schema, search, documents, eval.

Library modules are imported inside the commands that use them: every ``kehoach``
call loads this module, and ``ingest`` should not pay for the extractors (its
workers load them) nor ``--help`` for a database library.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline.cli.app import DEFAULT_DB, app
from pipeline.errors import UnreadableFile
from pipeline.limits import Limits

# Output to a file or pipe gets a width that fits the tables; a terminal keeps its own.
console = Console(width=None if sys.stdout.isatty() else 140)
err_console = Console(stderr=True)

DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file (created if missing).")]


@app.command("ingest")
def ingest_command(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (searched recursively).")],
    db: DbOption = Path(DEFAULT_DB),
    workers: Annotated[int, typer.Option(help="Parallel parsing processes; 0 (the default) uses one per CPU, up to 4.")] = 0,
    force: Annotated[bool, typer.Option(help="Re-read files even when their content is unchanged.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds allowed per file before it is given up (0: no limit).")] = Limits().timeout_seconds,
    memory: Annotated[int, typer.Option(help="MiB of memory allowed per file (0: no limit).")] = Limits().memory_bytes // 2**20,
    max_pages: Annotated[int, typer.Option(help="Refuse PDFs with more pages than this.")] = Limits().max_pages,
    ocr: Annotated[bool, typer.Option(help="Read scanned PDF pages with Tesseract OCR (about 2 s a page).")] = True,
    ocr_lang: Annotated[str, typer.Option(help="Tesseract languages for OCR, e.g. vie or vie+eng.")] = Limits().ocr_languages,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only the summary line.")] = False,
) -> None:
    """Read plans (TXT, Markdown, HTML, DOCX, PDF) into the database and extract their records.

    Unchanged files are skipped, and a file with the same bytes as a stored one is
    a duplicate. A file that cannot be read (or exceeds a limit) is recorded with
    its reason and the batch goes on. Exits with status 1 when any file failed.
    Scanned PDFs are read by OCR when Tesseract is installed; a long scan may need
    a larger --timeout.
    """
    from pipeline.ingest import default_workers, discover, ingest
    from pipeline.store import open_db

    files = discover(paths)
    if not files:
        err_console.print(f"[red]No files found under {', '.join(map(str, paths))}[/red]")
        raise typer.Exit(2)
    database = open_db(db)
    limits = Limits(timeout_seconds=timeout, memory_bytes=memory * 2**20, max_pages=max_pages, ocr=ocr,
                    ocr_languages=ocr_lang)
    with Progress(
        TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.description}"), console=err_console, disable=quiet, transient=True,
    ) as progress:
        task = progress.add_task("", total=len(files))

        def advance(result) -> None:
            progress.update(task, advance=1, description=Path(result.path).name[:50])

        report = ingest(database, paths, workers=workers or default_workers(), limits=limits, force=force,
                        on_result=advance)
    _print_report(report, database, quiet)
    if report.failed:
        raise typer.Exit(1)


def _print_report(report, database, quiet: bool) -> None:
    if not quiet:
        done = [r.path for r in report.results if r.status in ("ingested", "partial")]
        if done:
            from pipeline.cli.render import plans_table

            console.print(plans_table(database, done))
        if report.failed:
            table = Table(title="Files that could not be read", title_justify="left")
            table.add_column("file", no_wrap=True)
            table.add_column("reason", overflow="fold")
            table.add_column("folder", overflow="fold")
            for r in report.failed:
                table.add_row(Path(r.path).name, r.reason or "", str(Path(r.path).parent))
            console.print(table)
    console.print(
        f"[bold]{report.count('ingested')}[/bold] ingested, {report.count('partial')} partial, "
        f"{report.count('unchanged')} unchanged, {report.count('duplicate')} duplicate, "
        f"[red]{report.count('failed')}[/red] failed"
    )


@app.command("extract")
def extract_command(
    file: Annotated[Path, typer.Argument(help="One plan file (TXT, Markdown, HTML, DOCX or PDF).")],
    format: Annotated[str, typer.Option("--format", "-f", help="summary (for people) or json (one Plan object).")] = "summary",
    outline: Annotated[bool, typer.Option(help="Include the outline and tables in the JSON.")] = False,
) -> None:
    """Extract the record of one file and print it, without touching any database."""
    if format not in ("summary", "json"):
        raise typer.BadParameter("use summary or json", param_hint="--format")
    outcome = _parse(file)
    plan = outcome.plan
    if format == "json":
        exclude = None if outline else {"outline", "tables"}
        print(plan.model_dump_json(indent=2, exclude=exclude))
    else:
        from pipeline.cli.render import plan_summary

        plan_summary(console, plan, outcome.document)


def _parse(path: Path):
    """The parsed file, or the reason it cannot be read as a clean error."""
    from pipeline.parse import Failed, parse_file

    outcome = parse_file(str(path))
    if isinstance(outcome, Failed):
        raise UnreadableFile(outcome.reason, str(path))
    return outcome


@app.command("schema")
def schema_command() -> None:
    """Print the JSON schema of the Plan record."""
    from schemas import plan_json_schema

    print(plan_json_schema())


@app.command("search")
def search_command(
    query: Annotated[str, typer.Argument(help="Words to find; diacritics are ignored unless --exact.")],
    db: DbOption = Path(DEFAULT_DB),
    exact: Annotated[bool, typer.Option(help="Match diacritics exactly ('Kiên' is not 'Kiến').")] = False,
    limit: Annotated[int, typer.Option(help="Most results to show.")] = 20,
) -> None:
    """Full-text search over the stored documents ('cung co' finds 'củng cố')."""
    from pipeline.search import search

    hits = search(_existing_db(db), query, exact=exact, limit=limit)
    if not hits:
        console.print("No match.")
        return
    table = Table("number", "file", "context")
    for hit in hits:
        table.add_row(hit.number or "—", Path(hit.path).name, escape(hit.snippet))
    console.print(table)


@app.command("documents")
def documents_command(
    db: DbOption = Path(DEFAULT_DB),
    failed: Annotated[bool, typer.Option(help="Only files that could not be read.")] = False,
) -> None:
    """List stored files with their status (and the reason for failures)."""
    database = _existing_db(db)
    sql = "SELECT path, format, pages, encoding, status, error FROM documents"
    if failed:
        sql += " WHERE status = 'failed'"
    table = Table("folder", "file", "format", "pages", "encoding", "status", "reason")
    table.columns[1].no_wrap = True  # a file name stays whole; its folder may wrap
    for path, fmt, pages, enc, status, error in database.execute(sql + " ORDER BY path").fetchall():
        where = Path(path)
        table.add_row(str(where.parent), where.name, fmt or "", str(pages or ""), enc or "", status, error or "")
    console.print(table)


@app.command("eval")
def eval_command(
    corpus: Annotated[Path, typer.Option(help="Folder with <doc>/source.txt and <doc>/gold/*.json.")] = Path("corpus"),
    format: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    details: Annotated[bool, typer.Option(help="Also show the counts per document.")] = False,
) -> None:
    """Precision, recall and F1 per field against the gold annotations."""
    from pipeline.evaluation import evaluate_corpus

    report = evaluate_corpus(corpus, lambda path: _parse(path).plan)
    if format == "json":
        print(json.dumps({"fields": report.rows(), "documents": {
            doc: {k: vars(c) if hasattr(c, "__dict__") else {"tp": c.tp, "fp": c.fp, "fn": c.fn} for k, c in counts.items()}
            for doc, counts in report.per_document.items()}} if details else report.rows(), ensure_ascii=False, indent=2))
        return
    table = Table("field", "tp", "fp", "fn", "precision", "recall", "F1", title=f"Evaluation on {corpus}")
    for row in report.rows():
        style = "" if row["f1"] >= 0.9 else "red"
        table.add_row(row["field"], str(row["tp"]), str(row["fp"]), str(row["fn"]),
                      f"{row['precision']:.3f}", f"{row['recall']:.3f}", f"[{style}]{row['f1']:.3f}[/]" if style else f"{row['f1']:.3f}")
    console.print(table)
    if details:
        for doc, counts in report.per_document.items():
            console.print(f"[bold]{doc}[/bold]: " + ", ".join(f"{k} {c.tp}/{c.fp}/{c.fn}" for k, c in counts.items()))


def _existing_db(path: Path):
    from pipeline.store import open_db

    if not path.exists():
        raise UnreadableFile("no such database: run `kehoach ingest` first or pass --db", str(path))
    return open_db(path)
