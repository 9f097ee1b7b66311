"""The document's structure: sections, bullets and tables, each with a span."""

from __future__ import annotations

from typing import Literal

from schemas.common import Record, Span

NodeKind = Literal[
    "header", "number_line", "date_line", "doc_type", "title", "preamble",
    "section", "paragraph", "bullet", "table", "recipients", "signature",
]


class OutlineNode(Record):
    """One node of the outline. ``level`` orders nested sections (I. → 1. → 1.1 → a))."""

    kind: NodeKind
    heading: str = ""
    label: str | None = None
    level: int = 0
    parent: int | None = None
    span: Span


class TableCell(Record):
    text: str
    span: Span


class Table(Record):
    """A table kept as rows of cells; each cell knows where it sits in the text."""

    rows: list[list[TableCell]]
    span: Span
