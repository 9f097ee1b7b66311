"""How records look to people: the plan summary and the table of stored plans."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils
from rich import box
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from pipeline.document import Document
    from schemas import Plan


def plan_summary(console: Console, plan: Plan, doc: Document) -> None:
    """A readable account of one plan: front matter, then counts and the first items."""
    issuer = plan.issuer
    rows = [
        ("file", plan.source.path),
        ("kind", f"{plan.source_kind} ({plan.source.format}, {plan.source.pages} page(s), {plan.source.encoding})"),
        ("number", plan.number or "—"),
        ("type", plan.doc_type or "—"),
        ("title", plan.title or "—"),
        ("date", plan.issued_date or (str(plan.issued_year) if plan.issued_year else "—")),
        ("place", plan.place or "—"),
        ("issuer", f"{issuer.name} [{issuer.level}; {issuer.province or '?'}"
                   f"{'; ' + issuer.district if issuer.district else ''}]" if issuer else "—"),
        ("signer", " ".join(x for x in (plan.signer.authority, plan.signer.position, plan.signer.name) if x)
         if plan.signer else "—"),
    ]
    table = Table(show_header=False, box=None)
    for key, value in rows:
        table.add_row(f"[bold]{key}[/bold]", value)
    console.print(table)
    for title, items, fmt in (
        ("references", plan.references, lambda r: f"{r.relation}: {r.doc_type or ''} {r.number or ''} {r.date or ''}"),
        ("targets", plan.targets, lambda t: f"{t.indicator[:60]} {t.comparator} {t.value:g} {t.unit} ({t.year or '—'})"
         + (f" [{t.scope}]" if t.scope else "")),
        ("assignments", plan.assignments, lambda a: f"{a.role}: {a.agency} ({len(a.tasks)} task(s))"),
        ("deadlines", plan.deadlines, lambda d: f"{d.date or d.month or d.rrule or ''} — {d.agency or '?'}: {d.text[:60]}"),
        ("findings", plan.findings, lambda f: f"{f.severity} {f.rule}: {f.message}"),
    ):
        console.print(f"[bold]{title}[/bold] ({len(items)})")
        for item in items[:12]:
            console.print(f"  • {fmt(item)}", highlight=False)
        if len(items) > 12:
            console.print(f"  … {len(items) - 12} more")


# A batch of hundreds of plans would scroll its own table off the screen: the first
# rows show what was found, ``kehoach documents`` lists them all.
PLANS_SHOWN = 50


def plans_table(db: sqlite_utils.Database, paths: list[str], limit: int = PLANS_SHOWN) -> Table:
    """One line per stored plan among ``paths`` (the first ``limit``, by path): what was found in it."""
    caption = "found: cited documents / targets / agencies / deadlines / findings"
    if len(paths) > limit:
        caption += f"\n… {len(paths) - limit} more plans: kehoach documents lists every stored file"
    table = Table(title="Plans found", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False,
                  caption=caption, caption_justify="left")
    # One line per plan even at 80 columns: long names end in an ellipsis.
    table.add_column("file", no_wrap=True, overflow="ellipsis", max_width=20)
    table.add_column("number", no_wrap=True, min_width=12)
    table.add_column("date", no_wrap=True, min_width=10)
    table.add_column("issuer", no_wrap=True, overflow="ellipsis", max_width=20)
    table.add_column("found", no_wrap=True, justify="right")
    shown_paths = sorted(paths)[:limit]
    placeholders = ",".join("?" * len(shown_paths))
    sql = f"""
        SELECT d.path, p.source_kind, p.number, coalesce(p.issued_date, p.issued_year), p.issuer_name,
          (SELECT count(*) FROM [references] r WHERE r.document_id = d.id),
          (SELECT count(*) FROM targets t WHERE t.document_id = d.id),
          (SELECT count(*) FROM assignments a WHERE a.document_id = d.id),
          (SELECT count(*) FROM deadlines l WHERE l.document_id = d.id),
          (SELECT count(*) FROM findings f WHERE f.document_id = d.id)
        FROM documents d JOIN plans p ON p.document_id = d.id
        WHERE d.path IN ({placeholders}) ORDER BY d.path
    """
    for path, kind, number, issued, issuer, *counts in db.execute(sql, shown_paths).fetchall():
        shown = Path(path)
        # Renditions share a name ("source.pdf"): show their folder, shortened, before it.
        name = shown.name if shown.stem != "source" else f"{shown.parent.name[:12]}…/{shown.name}"
        if kind == "news":
            number = f"{number or '—'} (news)"
        shown_issuer = (issuer or "—").replace("Ủy ban nhân dân", "UBND")
        table.add_row(name, number or "—", str(issued or "—"), shown_issuer, "/".join(str(c) for c in counts))
    return table
