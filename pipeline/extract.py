"""The extract stage: run every extractor on a Document and assemble its Plan."""

from __future__ import annotations

from datetime import date

from extractors import assignments, deadlines, metadata, references, targets
from extractors.context import PlanContext
from pipeline.document import Document
from pipeline.validate import validate
from schemas import Plan


def extract_plan(doc: Document) -> Plan:
    """Metadata first (it gives the context), then the parts that depend on it."""
    meta = metadata.extract(doc)
    context = _context(meta)
    found_assignments = assignments.extract(doc, context)
    plan = Plan(
        source=doc.source,
        source_kind=meta.source_kind,
        number=meta.number,
        number_span=meta.number_span,
        doc_type=meta.doc_type,
        title=meta.title,
        title_span=meta.title_span,
        issued_date=meta.issued_date,
        issued_year=meta.issued_year,
        date_span=meta.date_span,
        place=meta.place,
        issuer=meta.issuer,
        signer=meta.signer,
        recipients=list(meta.recipients),
        horizon_year=meta.horizon_year,
        references=references.extract(doc, context),
        targets=targets.extract(doc, context),
        assignments=found_assignments,
        deadlines=deadlines.extract(doc, context, found_assignments),
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
