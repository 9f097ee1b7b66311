"""The record one plan becomes. Field names are a contract: tools read them."""

from __future__ import annotations

import json
from typing import Literal

from pydantic import Field

from schemas.assignments import Assignment
from schemas.common import Finding, Record, Span
from schemas.deadlines import Deadline
from schemas.metadata import Issuer, Signer, Source
from schemas.outline import OutlineNode, Table
from schemas.references import Reference
from schemas.targets import Target

SourceKind = Literal["plan", "decision", "news", "other"]


class Plan(Record):
    """Everything extracted from one document, each value with its span."""

    source: Source
    source_kind: SourceKind = "other"
    number: str | None = None
    number_span: Span | None = None
    doc_type: str | None = None
    title: str | None = None
    title_span: Span | None = None
    issued_date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    issued_year: int | None = None
    date_span: Span | None = None
    place: str | None = None
    issuer: Issuer | None = None
    signer: Signer | None = None
    recipients: list[str] = []
    horizon_year: int | None = None
    references: list[Reference] = []
    targets: list[Target] = []
    assignments: list[Assignment] = []
    deadlines: list[Deadline] = []
    findings: list[Finding] = []
    outline: list[OutlineNode] = []
    tables: list[Table] = []


def plan_json_schema() -> str:
    """The JSON schema of :class:`Plan`, as printed by ``kehoach schema``."""
    return json.dumps(Plan.model_json_schema(), ensure_ascii=False, indent=2)
