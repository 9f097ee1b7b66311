"""The validate stage: every value must be grounded in the text it claims to come from.

A record whose span does not lie inside the document is dropped and reported as a
finding, so nothing ungrounded reaches the database. Consistency checks that need
a whole plan (totals, deadlines inside the plan period) add findings here too.
"""

from __future__ import annotations

from extractors.targets import table_findings
from pipeline.document import Document
from schemas import Finding, Plan, Span


def validate(doc: Document, plan: Plan) -> Plan:
    findings = list(plan.findings)
    parts = {}
    for name in ("references", "targets", "assignments", "deadlines"):
        kept = []
        for item in getattr(plan, name):
            if _grounded(doc, item.span):
                kept.append(item)
            else:
                findings.append(Finding(
                    rule="ungrounded", severity="error",
                    message=f"{name[:-1]} dropped: span {item.span.start}-{item.span.end} is outside the text",
                ))
        parts[name] = kept
    findings.extend(table_findings(doc, parts["targets"]))
    return plan.model_copy(update={**parts, "findings": findings})


def _grounded(doc: Document, span: Span) -> bool:
    return 0 <= span.start <= span.end <= len(doc.text)
