"""Pydantic models of the plan record and its parts."""

from schemas.assignments import Assignment
from schemas.common import Finding, Span
from schemas.deadlines import Deadline, Recurrence
from schemas.metadata import Issuer, Signer, Source
from schemas.outline import OutlineNode, Table, TableCell
from schemas.plan import Plan, plan_json_schema
from schemas.references import Reference
from schemas.targets import Target

__all__ = [
    "Assignment", "Deadline", "Finding", "Issuer", "OutlineNode", "Plan", "Recurrence",
    "Reference", "Signer", "Source", "Span", "Table", "TableCell", "Target", "plan_json_schema",
]
