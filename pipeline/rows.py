"""Database rows of a document and its plan, built without a database.

Worker processes build them (:func:`document_rows`) and send them to the process that
owns the database, which writes them (:mod:`pipeline.store`). Nested models become
``field_sub`` columns and lists become JSON, so every part of a plan is one flat table.
"""

from __future__ import annotations

import functools
import json
import types
import typing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from schemas import Assignment, Deadline, Finding, Plan, Reference, Target

if TYPE_CHECKING:
    from pipeline.document import Document

# The plan's list parts, each stored as a table of its own.
PARTS: dict[str, type[BaseModel]] = {
    "references": Reference,
    "targets": Target,
    "assignments": Assignment,
    "deadlines": Deadline,
    "findings": Finding,
}
# Plan fields that are lists: not columns of the ``plans`` row.
PLAN_LISTS = {"references", "targets", "assignments", "deadlines", "findings", "outline", "tables", "recipients"}


def plan_key(plan: Plan) -> str:
    """The same plan read from its TXT, DOCX and PDF renditions gets one key.

    Number, date and issuer identify an issued plan; a draft with a blank number is
    known by its type, title, year and issuer; anything else only by its content.
    """
    issuer = plan.issuer.name if plan.issuer else ""
    if plan.number:
        return f"{plan.number}|{plan.issued_date or plan.issued_year or ''}|{issuer}"
    if plan.title:
        return f"{plan.doc_type or ''}|{plan.title}|{plan.issued_year or ''}|{issuer}"
    return plan.source.sha256


def columns_of(model: type[BaseModel], prefix: str = "", exclude: set[str] = frozenset()) -> dict[str, type]:
    """SQLite column types for a model's fields, nested models flattened with ``_``."""
    out: dict[str, type] = {}
    for name, info in model.model_fields.items():
        if name in exclude:
            continue
        key = f"{prefix}{name}"
        inner = _unwrap(info.annotation)
        if isinstance(inner, type) and issubclass(inner, BaseModel):
            out.update(columns_of(inner, f"{key}_"))
        elif inner in (int, float, bool):
            out[key] = int if inner is bool else inner
        else:
            out[key] = str
    return out


def _unwrap(annotation: Any) -> Any:
    """``X | None`` → ``X``; ``list[...]`` → ``list``; literals → ``str``."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else str
    if origin is list:
        return list
    if origin is typing.Literal:
        return str
    return annotation


def flatten(model: BaseModel, prefix: str = "", exclude: set[str] = frozenset()) -> dict[str, Any]:
    """A row for ``model``: nested models become ``prefix_field`` columns, lists JSON."""
    row: dict[str, Any] = {}
    values = model.__dict__  # a pydantic model keeps its fields there: read without a getattr call each
    for name, key, nested_columns in _layout(type(model), prefix):
        if name in exclude:
            continue
        value = values[name]
        if type(value) in _PLAIN:  # most values: stored as they are
            row[key] = value
        elif value is None:
            if nested_columns is not None:  # an absent nested model still has its columns, all NULL
                row.update(dict.fromkeys(nested_columns))
            else:
                row[key] = None
        elif isinstance(value, BaseModel):
            row.update(flatten(value, f"{key}_"))
        elif isinstance(value, list):
            row[key] = "[]" if not value else _JSON.encode(  # "[]": what the encoder writes for an empty list
                [v.model_dump(mode="json") if isinstance(v, BaseModel) else v for v in value]
            )
        else:
            row[key] = value
    return row


# json.dumps(..., ensure_ascii=False) without building an encoder for every list
_JSON = json.JSONEncoder(ensure_ascii=False)
# Exact types of plain column values (a subclass goes the long way, as any other value).
_PLAIN = frozenset({str, int, float, bool})


@functools.cache
def _layout(model: type[BaseModel], prefix: str) -> tuple[tuple[str, str, tuple[str, ...] | None], ...]:
    """Each field of ``model``: its name, its column, and the columns of its nested model type (None for others).

    Read from the class once per prefix: inspecting annotations for every row cost more than the row.
    """
    out = []
    for name, info in model.model_fields.items():
        key = f"{prefix}{name}"
        inner = _unwrap(info.annotation)
        nested = isinstance(inner, type) and issubclass(inner, BaseModel)
        out.append((name, key, tuple(columns_of(inner, f"{key}_")) if nested else None))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class DocumentRows:
    """Every row one document adds, ready to write: built where the document was parsed.

    Building rows (flattening the plan, JSON for lists) is pure work that a worker
    process can do; the process that owns the database then only writes them, and
    receives plain rows instead of the whole Document and Plan.
    """

    document: dict[str, Any]
    sections: list[dict[str, Any]]
    tables: list[dict[str, Any]]
    plan: dict[str, Any]
    parts: dict[str, list[dict[str, Any]]]


def document_rows(doc: Document, plan: Plan, seconds: float = 0.0, size_bytes: int | None = None) -> DocumentRows:
    """The rows of ``doc`` and its ``plan`` for every table (no database needed)."""
    plan_row, parts = plan_rows(plan)
    return DocumentRows(
        document={
            "path": doc.source.path, "sha256": doc.source.sha256, "format": doc.source.format,
            "pages": doc.source.pages, "encoding": doc.source.encoding, "source_kind": plan.source_kind,
            "size_bytes": size_bytes, "text": doc.text, "status": "partial" if doc.warnings else "ok",
            "error": None, "warnings": json.dumps(list(doc.warnings), ensure_ascii=False),
            "seconds": round(seconds, 4),
        },
        sections=[
            {"document_id": None, "idx": i, "kind": n.kind, "heading": n.heading, "label": n.label,
             "level": n.level, "parent": n.parent, "span_start": n.span.start, "span_end": n.span.end,
             "span_page": n.span.page}
            for i, n in enumerate(plan.outline)
        ],
        tables=[
            {"document_id": None, "idx": i, "n_rows": len(t.rows),
             "n_cols": max((len(r) for r in t.rows), default=0),
             "rows": json.dumps([[c.text for c in r] for r in t.rows], ensure_ascii=False),
             "span_start": t.span.start, "span_end": t.span.end, "span_page": t.span.page}
            for i, t in enumerate(plan.tables)
        ],
        plan=plan_row,
        parts=parts,
    )


def plan_rows(plan: Plan) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """The ``plans`` row and the rows of each list part; ``document_id`` is filled on write."""
    row = {"document_id": None, **flatten(plan, exclude=PLAN_LISTS | {"source"})}
    row["recipients"] = json.dumps(plan.recipients, ensure_ascii=False)
    row["plan_key"] = plan_key(plan)
    row["plan_json"] = plan.model_dump_json(exclude={"outline", "tables"})
    parts = {table: [{"document_id": None, **flatten(item)} for item in getattr(plan, table)] for table in PARTS}
    return row, parts
