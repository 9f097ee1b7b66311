"""Targets of a plan (not implemented yet: see its issue)."""

from __future__ import annotations

from extractors.context import PlanContext
from pipeline.document import Document
from schemas import Target


def extract(doc: Document, context: PlanContext) -> list[Target]:
    return []
