"""Targets in tables, and the audit checks that a table's rows add up.

A target table has one or more header rows (``Số xã đạt ... năm 2023``,
``đến hết năm 2025``, or a group header ``Xã đạt Tiêu chí`` over ``Năm 2023 | Năm 2024``),
then one row per district or unit, often closed by a total row (``Toàn tỉnh``, ``Tổng``)::

    Stt  Huyện/tp        ... năm 2023  ... đến hết năm 2025
    1    Huyện Sơn Động  2             6
    Toàn tỉnh            36            81

Every numeric cell under a header with a year becomes one target scoped to its row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.context import PlanContext
from extractors.indicators import fold_keep, match as match_indicator
from extractors.numbers import MULTIPLIERS, parse_number
from pipeline.document import Document
from schemas import Finding, Table, Target

TOTAL_ROW = re.compile(r"^(?:toan (?:tinh|huyen|thanh pho|quan|thi xa|xa)|tong(?: cong| so)?|cong|total)\b")
SERIAL = re.compile(r"^(?:stt|tt|so tt|s tt|thu tu)$")
INDICATOR_HEADER = re.compile(r"chi tieu|noi dung|muc tieu|chi so|ten chi tieu")
UNIT_HEADER = re.compile(r"^(?:don vi tinh|dvt|don vi)$")
TOTAL_COLUMN = re.compile(r"^tong|^cong\b")
TIME_HEADER = re.compile(r"thoi gian|thoi han|tien do|ngay|co quan|san pham|noi dung")
ACTUAL_HEADER = re.compile(r"\b(?:thuc hien|hien trang|uoc (?:thuc hien|dat|tinh)|ket qua|hien nay|thuc te)\b")
PLANNED_HEADER = re.compile(r"ke hoach|muc tieu|chi tieu|phan dau|den nam|den het|du kien")
_YEAR = re.compile(r"(?<![\d/.,])((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?(?![\d/])")
_CELL_NUMBER = re.compile(r"^\s*([\d.,]+)\s*(%|‰)?\s*$")


@dataclass(frozen=True, slots=True)
class Column:
    index: int
    header: str
    year: int | None


@dataclass(frozen=True, slots=True)
class Layout:
    """What a table's header says: its columns, the entity column, where the data starts."""

    columns: tuple[Column, ...]
    entity: int | None
    unit_column: int | None
    data_start: int
    by_indicator: bool  # rows are indicators ("Chỉ tiêu | ĐVT | 2025") rather than areas


def table_targets(doc: Document, context: PlanContext) -> list[Target]:
    """One target per numeric cell under a year column of each target table."""
    out: list[Target] = []
    for table in doc.tables:
        layout = analyse(table)
        if layout is None:
            continue
        out.extend(_cells(doc, table, layout))
    return out


def analyse(table: Table) -> Layout | None:
    """Header rows, year columns and entity column of ``table``; None if it holds no targets."""
    rows = [[c.text for c in r] for r in table.rows]
    width = max(len(r) for r in rows)
    data_start = next((i for i, r in enumerate(rows) if _is_data_row(r)), None)
    if not data_start:  # no header, or no data
        return None
    headers = _column_headers(rows[:data_start], width)
    folded = [fold_keep(h) for h in headers]
    data = rows[data_start:]
    entity = next((j for j in range(width) if not SERIAL.match(folded[j].strip())
                   and _mostly_text(data, j)), None)
    unit_col = next((j for j in range(width) if UNIT_HEADER.match(folded[j].strip())), None)
    columns = tuple(Column(j, headers[j], _header_year(folded[j])) for j in range(width)
                    if j not in (entity, unit_col) and not TIME_HEADER.search(folded[j])
                    and _mostly_numeric(data, j))
    if not any(c.year for c in columns):
        return None
    by_indicator = entity is not None and bool(INDICATOR_HEADER.search(folded[entity]))
    return Layout(columns, entity, unit_col, data_start, by_indicator)


def _is_data_row(cells: list[str]) -> bool:
    values = [parse_number(c.rstrip("%‰ ")) for c in cells[1:] if c.strip()]
    numbers = [v for v in values if v is not None]
    if not numbers:
        return False
    return not all(1900 <= v <= 2100 and v.is_integer() for v in numbers)  # a row of bare years is a header


def _column_headers(header_rows: list[list[str]], width: int) -> list[str]:
    """Join each column's header cells top-down; a cell spans right over empty or missing cells."""
    headers = [[] for _ in range(width)]
    for row in header_rows:
        carry = None
        for j in range(width):
            text = row[j].strip() if j < len(row) else ""
            if text:
                carry = text
                headers[j].append(text)
            elif carry is not None and (j >= len(row) or j > 0):
                headers[j].append(carry)
    return [" ".join(dict.fromkeys(h)) for h in headers]


def _header_year(folded: str) -> int | None:
    years = [int(m.group(2) or m.group(1)) for m in _YEAR.finditer(folded)]
    return years[-1] if years else None


def _mostly_text(rows: list[list[str]], j: int) -> bool:
    cells = [r[j] for r in rows if j < len(r) and r[j].strip()]
    return bool(cells) and sum(parse_number(c.rstrip("%‰ ")) is None for c in cells) > len(cells) / 2


def _mostly_numeric(rows: list[list[str]], j: int) -> bool:
    """At least two numbers, in at least half of the data rows (a sparse column is prose)."""
    numeric = sum(1 for r in rows if j < len(r) and parse_number(r[j].strip().rstrip("%‰ ")) is not None)
    return numeric >= 2 and numeric >= len(rows) / 2


def _row_label(cells: list[str], layout: Layout) -> str | None:
    if layout.entity is not None and layout.entity < len(cells) and cells[layout.entity].strip():
        return cells[layout.entity].strip()
    # A total row often writes "Toàn tỉnh" in the serial column and leaves the name empty.
    return next((c.strip() for c in cells if c.strip() and parse_number(c.rstrip("%‰ ")) is None), None)


def _cells(doc: Document, table: Table, layout: Layout) -> list[Target]:
    out = []
    for row in table.rows[layout.data_start:]:
        texts = [c.text for c in row]
        label = _row_label(texts, layout)
        is_total = bool(label and TOTAL_ROW.match(fold_keep(label)))
        unit_text = texts[layout.unit_column] if layout.unit_column is not None and layout.unit_column < len(texts) else ""
        for col in layout.columns:
            if col.year is None or col.index >= len(row):
                continue
            m = _CELL_NUMBER.match(row[col.index].text)
            value = parse_number(m.group(1)) if m else None
            if value is None:
                continue
            # In a "Chỉ tiêu | ĐVT | 2025" table the row names the rate ("Số bác sĩ/vạn dân").
            unit_hint = f"{col.header} {label}" if layout.by_indicator and label else col.header
            unit, value = _unit(m.group(2), unit_text, unit_hint, value)
            indicator = f"{label} — {col.header}" if layout.by_indicator and label else col.header
            found = match_indicator(indicator) or (match_indicator(label) if label else None)
            out.append(Target(
                indicator=indicator[:300],
                indicator_code=found.code if found else None,
                comparator=_column_comparator(fold_keep(col.header)),
                value=value,
                unit=unit,
                year=col.year,
                scope=None if layout.by_indicator else label,
                is_total=is_total,
                span=row[col.index].span,
                method="table",
                score=found.score if found else None,
            ))
    return out


def _column_comparator(header: str) -> str:
    """``Thực hiện năm 2024`` / ``Ước đạt 2025`` columns report actuals: baselines, not targets."""
    if ACTUAL_HEADER.search(header) and not PLANNED_HEADER.search(header):
        return "baseline"
    return ">=" if re.search(r"toi thieu|it nhat", header) else "="


def _unit(sign: str | None, unit_text: str, header: str, value: float) -> tuple[str, float]:
    """The ĐVT cell decides first (``Giường``, ``Triệu đồng``, ``‰``), then the header or row label."""
    if sign:
        return sign, value
    unit_folded = fold_keep(unit_text)
    found = _unit_of(unit_folded, value, cell=True)
    if found and found[0] in ("people", "beds"):
        # "Số giường bệnh/vạn dân | Giường": the ĐVT names what is counted, the row the rate
        rate = _unit_of(fold_keep(header), value)
        if rate and rate[0] in _RATES:
            return rate
    return found or _unit_of(f"{unit_folded} {fold_keep(header)}", value) or ("count", value)


_RATES = ("per_10k", "per_100k")


def _unit_of(text: str, value: float, cell: bool = False) -> tuple[str, float] | None:
    for rx, unit in _TABLE_UNITS:
        if rx.search(text):
            return unit, value
    # Money, people and beds are read from the ĐVT cell only: a header "Số người ..." may count anything.
    found = re.search(r"(nghin|trieu|ty)?\s*dong\b", text) if cell else None
    if found:
        return "VND", value * MULTIPLIERS.get(found.group(1) or "", 1)
    if re.search(r"\bnguoi\b", text) and cell:
        return "people", value
    if re.search(r"\bgiuong\b", text) and cell:
        return "beds", value
    return None


# Order matters: a rate ("bác sĩ/vạn dân") before the people it counts.
_TABLE_UNITS = [
    (re.compile(r"/\s*van dan|10\.000 dan|tren\s+(?:1\s+)?van dan"), "per_10k"),
    (re.compile(r"/\s*100\.000"), "per_100k"),
    (re.compile(r"trai\s*/\s*100"), "per_100_girls"),
    (re.compile(r"con\s*/\s*(?:1\s+)?phu nu"), "per_woman"),
    (re.compile(r"‰|\bphan nghin\b|/\s*1\.000\b"), "‰"),
    (re.compile(r"%|\bti le\b|\bty le\b|\bphan tram\b"), "%"),
]


# --- audit -----------------------------------------------------------------

def table_findings(doc: Document, targets: list[Target]) -> list[Finding]:
    """Tables whose district rows do not add up to their total row or total column.

    Also flags year columns that are yearly increments read as levels: a count
    that falls from one year to the next (``Việt Yên 17 → 0``) while the row sums
    to its total column.
    """
    findings: list[Finding] = []
    for table in doc.tables:
        layout = analyse(table)
        if layout is None or layout.by_indicator:
            continue
        grid = _grid(table, layout)
        findings += _column_totals(doc, table, layout, grid)
        findings += _row_totals(doc, table, layout, grid)
    return findings


def _grid(table: Table, layout: Layout) -> list[tuple[int, str | None, bool, dict[int, float]]]:
    out = []
    for i, row in enumerate(table.rows[layout.data_start:], start=layout.data_start):
        texts = [c.text for c in row]
        label = _row_label(texts, layout)
        values = {}
        for j, text in enumerate(texts):
            m = _CELL_NUMBER.match(text)
            if m and j != layout.entity and parse_number(m.group(1)) is not None:
                values[j] = parse_number(m.group(1))
        is_total = bool(label and TOTAL_ROW.match(fold_keep(label)))
        out.append((i, label, is_total, values))
    return out


def _column_totals(doc, table, layout, grid) -> list[Finding]:
    findings = []
    parts = [g for g in grid if not g[2]]
    for i, label, is_total, values in grid:
        if not is_total:
            continue
        for col in layout.columns:
            if col.index not in values:
                continue
            total = sum(p[3].get(col.index, 0) for p in parts)
            if abs(total - values[col.index]) > 1e-6:
                findings.append(Finding(
                    rule="table_total_mismatch", severity="warning",
                    message=f"{label}: column “{col.header}” totals {_fmt(values[col.index])} "
                            f"but its rows add up to {_fmt(total)}",
                    span=table.rows[i][col.index].span,
                ))
    return findings


def _row_totals(doc, table, layout, grid) -> list[Finding]:
    """A ``Tổng số`` column without a year should equal the sum of the year columns."""
    headers = _column_headers([[c.text for c in r] for r in table.rows[:layout.data_start]],
                              max(len(r) for r in table.rows))
    total_cols = [j for j, h in enumerate(headers) if TOTAL_COLUMN.match(fold_keep(h).strip())
                  and _header_year(fold_keep(h)) is None]
    year_cols = [c for c in layout.columns if c.year is not None]
    if not total_cols or len(year_cols) < 2:
        return []
    j = total_cols[0]
    findings, drops = [], []
    for i, label, is_total, values in grid:
        if j not in values:
            continue
        row_sum = sum(values.get(c.index, 0) for c in year_cols)
        if abs(row_sum - values[j]) > 1e-6:
            findings.append(Finding(
                rule="table_row_total_mismatch", severity="warning",
                message=f"{label}: “{headers[j]}” is {_fmt(values[j])} but the year columns add up to {_fmt(row_sum)}",
                span=table.rows[i][j].span,
            ))
        series = [(c, values.get(c.index)) for c in year_cols if values.get(c.index) is not None]
        for (c1, v1), (c2, v2) in zip(series, series[1:]):
            if v2 < v1 and not is_total:
                drops.append((i, label, c1, v1, c2, v2))
                break
    if drops and len(findings) < len(grid) / 2:
        i, label, c1, v1, c2, v2 = drops[0]
        findings.append(Finding(
            rule="table_yearly_increments", severity="warning",
            message=(f"year columns are yearly increments, not levels: their rows add up to “{headers[j]}”, "
                     f"and read as levels {len(drops)} row(s) fall between years (e.g. {label}: "
                     f"{_fmt(v1)} in {c1.year} → {_fmt(v2)} in {c2.year}); "
                     "do not compare these cells with cumulative targets of the same years"),
            span=table.rows[i][c2.index].span,
        ))
    return findings


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)
