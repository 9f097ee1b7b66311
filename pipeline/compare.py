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
    "comparator", "value", "unit", "change", "approximate", "scope", "is_total", "indicator", "method",
    "document_id", "span_start",
)
_SELECT = """
SELECT t.indicator_code AS indicator_code, t.year AS year,
       p.issuer_province AS province, p.issuer_name AS issuer, p.issuer_level AS level,
       p.number AS number, p.issued_date AS date,
       t.comparator AS comparator, t.value AS value, t.unit AS unit,
       {change} AS change, {approximate} AS approximate,
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
    db.execute(f"CREATE VIEW {VIEW} AS {_select(db)}")


def compare(db: sqlite_utils.Database, indicator: str | None = None, year: int | None = None,
            level: str | None = None) -> list[dict[str, Any]]:
    """Targets of all plans, filtered, sorted by indicator, year, province, issuer."""
    _require_tables(db)
    if level is not None and level not in LEVELS:
        raise CompareError(f"unknown level {level!r}; use one of {', '.join(LEVELS)}")
    sql, params = _select(db), []
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


def _select(db: sqlite_utils.Database) -> str:
    """The query, with NULL for target columns a database written before they existed lacks."""
    have = set(db["targets"].columns_dict)
    return _SELECT.format(**{c: f"t.{c}" if c in have else "NULL" for c in ("change", "approximate")})


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    row["is_total"] = bool(row["is_total"])
    row["approximate"] = bool(row.get("approximate"))
    if isinstance(row["value"], float) and row["value"].is_integer():
        row["value"] = int(row["value"])
    return row


def _require_tables(db: sqlite_utils.Database) -> None:
    missing = [t for t in ("plans", "targets") if t not in db.table_names()]
    if missing:
        raise CompareError(f"no {' or '.join(missing)} in the database: run `kehoach ingest` first")


# --- export ----------------------------------------------------------------

EXPORT_COLUMNS = ("issuer", "province", "level", "number", "date", "indicator_code", "comparator",
                  "value", "unit", "change", "approximate", "year", "scope", "is_total", "indicator")
_SIGNS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "", "maintain": "duy trì "}
_UNITS = {"%": "%", "‰": "‰", "per_10k": "/10k", "per_100k": "/100k", "VND": " đ", "per_100_girls": " trai/100 gái",
          "per_woman": " con/phụ nữ", "times": " lần"}


def target_text(row: dict[str, Any]) -> str:
    """One commitment as a reader writes it: ``≥ 94%``, ``↓ 50%``, ``~22%``, ``< 8.5‰``, ``11 count``."""
    value = row["value"]
    shown = f"{value:,.0f}".replace(",", ".") if row["unit"] == "VND" else f"{value:g}".replace(".", ",")
    change = {"increase": "↑ ", "decrease": "↓ "}.get(row.get("change") or "", "")
    approx = "~" if row.get("approximate") else ""
    unit = _UNITS.get(row["unit"], f" {row['unit']}")
    return f"{change}{_SIGNS.get(row['comparator'], row['comparator'] + ' ')}{approx}{shown}{unit}".strip()


def plan_label(row: dict[str, Any]) -> str:
    """``115/KH-UBND · Bắc Giang`` (the issuer's name when the plan has no number)."""
    who = row.get("province") or row.get("issuer") or ""
    name = row.get("number") or (row.get("issuer") if row.get("province") else None)
    label = " · ".join(x for x in (name, who) if x)
    return label.replace("Ủy ban nhân dân", "UBND").replace("Uỷ ban nhân dân", "UBND")


def indicator_label(row: dict[str, Any], width: int = 48) -> str:
    """The code, or for targets outside the vocabulary the start of their own wording."""
    if row.get("indicator_code"):
        return row["indicator_code"]
    text = (row.get("indicator") or "").strip()
    return "“" + (text if len(text) <= width else text[:width - 1] + "…") + "”"


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


MAX_PANELS = 12


def plot(rows: list[dict[str, Any]], path: str) -> None:
    """One small panel per indicator (and unit): a horizontal bar per plan and year (PNG or HTML).

    Only targets mapped to a vocabulary code are drawn (others cannot be compared across
    plans), and only each plan's headline figures (per-district cells are left out, totals
    kept), so values of different units never share an axis. The panels with the most
    plans come first; the full rows stay in the HTML table and the other formats.
    """
    try:
        import matplotlib
    except ImportError as err:
        raise CompareError("drawing needs matplotlib: pip install 'kehoach[plot]'") from err

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    panels = _panels(rows)
    if not panels:
        raise CompareError("nothing to plot: no targets with an indicator code match the filters "
                           "(see `kehoach indicators`; uncoded targets are in the table output)")
    cols = 1 if len(panels) == 1 else 2
    nrows = -(-len(panels) // cols)
    heights = [max(len(items) for items in list(panels.values())[r * cols:(r + 1) * cols]) for r in range(nrows)]
    fig, axes = plt.subplots(nrows, cols, figsize=(7.5 * cols, sum(0.32 * h + 0.9 for h in heights)),
                             gridspec_kw={"height_ratios": heights}, squeeze=False)
    plans = sorted({plan_label(r) for items in panels.values() for r in items})
    colours = {name: f"C{k % 10}" for k, name in enumerate(plans)}
    for ax, ((code, unit), items) in zip(axes.flat, panels.items()):
        _draw_panel(ax, code, unit, items, colours)
    for ax in list(axes.flat)[len(panels):]:
        ax.axis("off")
    fig.suptitle("Targets by indicator: each bar one plan's commitment for a year", fontsize=11)
    fig.tight_layout()
    if str(path).lower().endswith((".html", ".htm")):
        _write_html(fig, rows, path)
    else:
        fig.savefig(path, dpi=110)
    plt.close(fig)


def _panels(rows: list[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        if r.get("indicator_code") and (r.get("scope") is None or r.get("is_total")):
            groups.setdefault((r["indicator_code"], r["unit"]), []).append(r)
    ranked = sorted(groups.items(), key=lambda kv: (-len({plan_label(r) for r in kv[1]}), kv[0]))
    return dict(ranked[:MAX_PANELS])


def _draw_panel(ax, code: str, unit: str, items: list[dict[str, Any]], colours: dict[str, str]) -> None:
    items = sorted(items, key=lambda r: (r.get("year") or 0, plan_label(r)))
    labels = [f"{plan_label(r)}  {r.get('year') or '?'}" for r in items]
    values = [r["value"] for r in items]
    ax.barh(range(len(items)), values, color=[colours[plan_label(r)] for r in items])
    ax.set_yticks(range(len(items)), labels, fontsize=7)
    ax.invert_yaxis()
    top = max(values) if values else 1
    for k, r in enumerate(items):
        ax.text(r["value"] + top * 0.01, k, target_text(r), va="center", fontsize=7)
    ax.set_xlim(0, top * 1.25 or 1)
    ax.set_title(f"{code} ({unit})", fontsize=9, loc="left")
    ax.tick_params(axis="x", labelsize=7)


def _write_html(fig, rows: list[dict[str, Any]], path: str) -> None:
    import base64
    import html
    import io

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
