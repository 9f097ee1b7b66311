"""The extract stage: run every extractor on a Document and assemble its Plan."""

from __future__ import annotations

from datetime import date

from extractors import assignments, deadlines, metadata, references, targets
from extractors.context import PlanContext
from pipeline.document import Document
from pipeline.validate import validate
from schemas import Plan


# Plan fields the metadata extractor fills as they are.
_FROM_METADATA = (
    "source_kind", "number", "number_span", "doc_type", "title", "title_span", "issued_date", "issued_year",
    "date_span", "place", "issuer", "signer", "horizon_year",
)


def extract_plan(doc: Document) -> Plan:
    """Metadata first (it gives the context), then the parts that depend on it."""
    meta = metadata.extract(doc)
    context = _context(meta)
    rows = assignments.table_rows(doc)  # task tables: read once, for assignments and deadlines
    found_assignments = assignments.extract(doc, context, rows)
    plan = Plan(
        source=doc.source,
        **{name: getattr(meta, name) for name in _FROM_METADATA},
        recipients=list(meta.recipients),
        references=references.extract(doc, context),
        targets=targets.extract(doc, context),
        assignments=found_assignments,
        deadlines=deadlines.extract(doc, context, found_assignments, rows),
        findings=list(meta.findings),
        outline=list(doc.outline),
        tables=list(doc.tables),
    )
    return validate(doc, plan)


def _context(meta: metadata.Metadata) -> PlanContext:
    issued = date.fromisoformat(meta.issued_date) if meta.issued_date else None
    issuer = meta.issuer
    return PlanContext(
        issued=issued,
        issued_year=meta.issued_year,
        number=meta.number,
        issuer_name=issuer.name if issuer else None,
        issuer_level=issuer.level if issuer else None,
        province=issuer.province if issuer else None,
        district=issuer.district if issuer else None,
        horizon_year=meta.horizon_year,
    )
