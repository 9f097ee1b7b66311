"""Number, type, title, date, place, issuer, signer and recipients of a document."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline.document import Document
from schemas import Finding, Issuer, Signer, Span


@dataclass(frozen=True, slots=True)
class Metadata:
    """The front matter of one document; every field optional, each with its span."""

    source_kind: str = "other"
    number: str | None = None
    number_span: Span | None = None
    doc_type: str | None = None
    title: str | None = None
    title_span: Span | None = None
    issued_date: str | None = None
    issued_year: int | None = None
    date_span: Span | None = None
    place: str | None = None
    issuer: Issuer | None = None
    signer: Signer | None = None
    recipients: tuple[str, ...] = ()
    horizon_year: int | None = None
    findings: tuple[Finding, ...] = field(default_factory=tuple)


def extract(doc: Document) -> Metadata:
    """Read the front matter of ``doc`` (not implemented yet: see the metadata issue)."""
    return Metadata()
