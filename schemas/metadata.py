"""Who issued the document, who signed it, and where the record came from."""

from __future__ import annotations

from typing import Literal

from schemas.common import Record, Span

SourceFormat = Literal["txt", "md", "html", "docx", "pdf"]
IssuerLevel = Literal["central", "province", "district", "commune", "department", "party", "other"]
Authority = Literal["KT.", "TM.", "TL.", "Q.", "TUQ."]


class Source(Record):
    """The file a record was read from."""

    path: str
    sha256: str
    format: SourceFormat
    pages: int = 1
    encoding: str = "utf-8"


class Issuer(Record):
    """The issuing body as written, e.g. ``UBND huyện Đắk R'Lấp``, resolved to its area."""

    name: str
    level: IssuerLevel = "other"
    province: str | None = None
    district: str | None = None
    province_2025: str | None = None
    span: Span | None = None


class Signer(Record):
    """The signature block: ``KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Văn A``."""

    name: str | None = None
    position: str | None = None
    authority: Authority | None = None
    span: Span | None = None
