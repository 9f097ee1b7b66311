"""Documents a plan cites: its legal basis, the plan it implements, and mentions."""

from __future__ import annotations

from typing import Literal

from schemas.common import Method, Record, Span

Relation = Literal["legal_basis", "implements", "mentions"]


class Reference(Record):
    """One citation, e.g. ``Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư``.

    ``number`` is the canonical symbol (``25-CT/TW``); ``canonical_id`` joins the same
    document cited in different spellings (``25-CT/TW@2023``; local bodies add their area,
    ``120/KH-UBND@2024@kien-giang/kien-hai``). ``issuer_*`` describe the cited body as
    resolved (level and pre-2025 area), for grouping citations by level.
    """

    number: str | None = None
    canonical_id: str | None = None
    doc_type: str | None = None
    date: str | None = None
    issuer: str | None = None
    subject: str | None = None
    relation: Relation = "mentions"
    issuer_level: str | None = None
    issuer_province: str | None = None
    issuer_district: str | None = None
    text: str = ""
    span: Span
    method: Method = "rule"
