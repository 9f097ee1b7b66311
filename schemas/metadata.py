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
    """The issuing body, resolved to its area.

    ``name`` has one display spelling whatever the source wrote, so that the same body
    compares equal across header capitals, abbreviations and typists: the head in full
    (``Ủy ban nhân dân``, ``Trung tâm Y tế``, ``Ban Thường vụ Tỉnh ủy``), unit words in lower
    case (``tỉnh``, ``thành phố``, ``huyện``), places as the gazetteer spells them
    (``Thanh Hóa``), ministries as their official names: ``ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK``
    and ``UBND tỉnh Đắk Lắk`` both give ``Ủy ban nhân dân tỉnh Đắk Lắk``. ``span`` points
    at the name as written. ``level`` is ``district`` for a city under a province
    (``thành phố Bắc Giang``) and ``province`` for a centrally-run one (``thành phố Cần Thơ``).
    """

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
