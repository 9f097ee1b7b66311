"""Who commits to what by when: targets of every stored plan, side by side.

``compare(db, indicator="BHYT_COVERAGE")`` → one row per plan target::

    {"issuer": "UBND tỉnh Thanh Hóa", "province": "Thanh Hóa", "level": "province",
     "number": "153/KH-UBND", "date": "2024-06-21", "indicator_code": "BHYT_COVERAGE",
     "comparator": ">", "value": 95.0, "unit": "%", "year": 2030, ...}

Baselines (``comparator = 'baseline'``) are left out: they are not commitments. A plan
stored from several renditions (TXT, DOCX, PDF) is counted once, by its ``plan_key``.
"""

from __future__ import annotations

from typing import Any

import sqlite_utils

from pipeline.errors import KehoachError

VIEW = "target_comparison"
COLUMNS = (
    "indicator_code", "year", "province", "issuer", "level", "number", "date",
    "comparator", "value", "unit", "scope", "is_total", "indicator", "method", "document_id", "span_start",
)
_SELECT = """
SELECT t.indicator_code AS indicator_code, t.year AS year,
       p.issuer_province AS province, p.issuer_name AS issuer, p.issuer_level AS level,
       p.number AS number, p.issued_date AS date,
       t.comparator AS comparator, t.value AS value, t.unit AS unit,
       t.scope AS scope, t.is_total AS is_total, t.indicator AS indicator, t.method AS method,
       t.document_id AS document_id, t.span_start AS span_start
FROM targets AS t JOIN plans AS p ON p.document_id = t.document_id
WHERE t.comparator != 'baseline'
  AND t.document_id = (SELECT min(q.document_id) FROM plans AS q WHERE q.plan_key = p.plan_key)
"""
_ORDER = (" ORDER BY t.indicator_code IS NULL, t.indicator_code, t.year IS NULL, t.year,"
          " p.issuer_province, p.issuer_name, p.issued_date, t.is_total DESC, t.scope, t.span_start")
LEVELS = ("central", "province", "district", "commune", "department", "party", "other")


class CompareError(KehoachError):
    """The database cannot answer a comparison (no plans stored, bad option)."""


def create_views(db: sqlite_utils.Database) -> None:
    """Create (or replace) the SQL view ``target_comparison`` over plans and targets."""
    _require_tables(db)
    db.execute(f"DROP VIEW IF EXISTS {VIEW}")
    db.execute(f"CREATE VIEW {VIEW} AS {_SELECT}")


def compare(db: sqlite_utils.Database, indicator: str | None = None, year: int | None = None,
            level: str | None = None) -> list[dict[str, Any]]:
    """Targets of all plans, filtered, sorted by indicator, year, province, issuer."""
    _require_tables(db)
    if level is not None and level not in LEVELS:
        raise CompareError(f"unknown level {level!r}; use one of {', '.join(LEVELS)}")
    sql, params = _SELECT, []
    if indicator:
        sql += " AND t.indicator_code = ?"
        params.append(indicator)
    if year is not None:
        sql += " AND t.year = ?"
        params.append(year)
    if level:
        sql += " AND p.issuer_level = ?"
        params.append(level)
    cursor = db.execute(sql + _ORDER, params)
    names = [d[0] for d in cursor.description]
    return [_clean(dict(zip(names, row))) for row in cursor.fetchall()]


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    row["is_total"] = bool(row["is_total"])
    if isinstance(row["value"], float) and row["value"].is_integer():
        row["value"] = int(row["value"])
    return row


def _require_tables(db: sqlite_utils.Database) -> None:
    missing = [t for t in ("plans", "targets") if t not in db.table_names()]
    if missing:
        raise CompareError(f"no {' or '.join(missing)} in the database: run `kehoach ingest` first")


# --- export ----------------------------------------------------------------

EXPORT_COLUMNS = ("issuer", "province", "level", "number", "date", "indicator_code", "comparator",
                  "value", "unit", "year", "scope", "is_total", "indicator")


def to_csv(rows: list[dict[str, Any]]) -> str:
    """The rows as CSV text (UTF-8, header line first)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPORT_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def to_xlsx(rows: list[dict[str, Any]], path: str) -> None:
    """The rows as an Excel sheet ``target_comparison``."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = VIEW
    sheet.append(list(EXPORT_COLUMNS))
    for row in rows:
        sheet.append([row.get(c) for c in EXPORT_COLUMNS])
    book.save(path)


def plot(rows: list[dict[str, Any]], path: str) -> None:
    """A grouped bar chart: one bar per plan, grouped by indicator and year (PNG or HTML).

    Per-district table cells are left out so each plan shows its headline commitment.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    headline = [r for r in rows if r.get("scope") is None or r.get("is_total")]
    if not headline:
        raise CompareError("nothing to plot: no targets match the filters")
    labels = [f"{r['indicator_code'] or '?'} {r['year'] or ''}" for r in headline]
    bars = [f"{r['issuer'] or r['number'] or r['document_id']}" for r in headline]
    fig, ax = plt.subplots(figsize=(max(6, len(headline) * 0.6), 4.5))
    ax.bar(range(len(headline)), [r["value"] for r in headline],
           color=[f"C{sorted(set(bars)).index(b) % 10}" for b in bars])
    ax.set_xticks(range(len(headline)), [f"{l}\n{r['comparator']} {r['value']}{r['unit'] if r['unit'] in '%‰' else ' ' + r['unit']}"
                                         for l, r in zip(labels, headline)], rotation=60, ha="right", fontsize=7)
    handles = [plt.Rectangle((0, 0), 1, 1, color=f"C{i % 10}") for i, _ in enumerate(sorted(set(bars)))]
    ax.legend(handles, sorted(set(bars)), fontsize=7, loc="upper left", bbox_to_anchor=(1, 1))
    ax.set_title("Targets by plan, indicator and year")
    fig.tight_layout()
    if str(path).lower().endswith((".html", ".htm")):
        import base64
        import io
        import html

        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=110)
        image = base64.b64encode(buffer.getvalue()).decode()
        table = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(r.get(c, '')))}</td>" for c in EXPORT_COLUMNS) + "</tr>"
            for r in rows)
        head = "".join(f"<th>{c}</th>" for c in EXPORT_COLUMNS)
        with open(path, "w", encoding="utf-8") as f:
            f.write(f"<!doctype html><meta charset='utf-8'><title>{VIEW}</title>"
                    f"<img src='data:image/png;base64,{image}'><table border=1><tr>{head}</tr>{table}</table>")
    else:
        fig.savefig(path, dpi=110)
    plt.close(fig)
