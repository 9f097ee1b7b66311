"""Segment a normalized text into an outline: header, title, preamble, sections, closing.

Vietnamese administrative documents follow the layout of Nghị định 30/2020/NĐ-CP:
a two-column header (issuing body | national motto, ``Số:`` line, place and date),
the document type in capitals (``KẾ HOẠCH``), the title, a preamble of ``Căn cứ ...``
/ ``Thực hiện ...`` paragraphs, numbered sections (``I.`` → ``1.`` → ``1.1.`` → ``a)``),
then ``Nơi nhận:`` and the signature block. Web pages and news articles show only
parts of it, so every part is optional.
"""

from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass

from pipeline.document import Document, Line
from schemas import OutlineNode, Table, TableCell

DOC_TYPES = (
    "KẾ HOẠCH", "QUYẾT ĐỊNH", "CHỈ THỊ", "NGHỊ QUYẾT", "THÔNG BÁO", "BÁO CÁO", "CÔNG VĂN",
    "TỜ TRÌNH", "HƯỚNG DẪN", "CHƯƠNG TRÌNH", "ĐỀ ÁN", "CÔNG ĐIỆN", "THÔNG TƯ", "NGHỊ ĐỊNH",
)
_DOC_TYPE = re.compile(r"^(?:" + "|".join(DOC_TYPES) + r")(?:\s+(?:LIÊN TỊCH|SỐ\b.*))?\s*$")
# "Số: 115/KH-UBND"; party documents write "Số 177-KH/TU" without the colon.
_NUMBER_LINE = re.compile(r"^Số\s*(?::|(?=[\d\s]*[-/]\s*[A-ZĐ]))")
_NUMBER_AND_DATE = re.compile(r"^\s*(Số\s*:\s*[^\s/]*\s*/\s*[^\s\t]+)[\s\t]+([^\t\d,]{2,40},\s*ngày\b.*?)\s*$")
_DATE_LINE = re.compile(r"^[^\d\t]{2,60},\s*ngày\b|^ngày\s.*tháng\s.*năm", re.IGNORECASE)
_PREAMBLE = re.compile(r"^(?:Căn cứ|Thực hiện|Triển khai|Theo đề nghị|Xét đề nghị|Để triển khai|Nhằm)\b")
_HEADINGS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"^(?:PHẦN|Phần|CHƯƠNG|Chương)\s+([IVXLC]+|\d+|THỨ \w+)\b"), 0),
    (re.compile(r"^(?:Điều)\s+(\d+)\s*[.:]"), 1),
    # "V/V" and "V/v" abbreviate "về việc" (a title), not section V.
    (re.compile(r"^(?![Vv]/[Vv]\b)([IVXLC]+)[.)/]\s*\S"), 1),
    (re.compile(r"^(\d+\.\d+\.\d+)\.?\s+\S"), 4),
    (re.compile(r"^(\d+\.\d+)\.?\s+\S"), 3),
    # at most three digits: "2025. Trên cơ sở ..." opening a line is a hard-wrapped year, not section 2025
    (re.compile(r"^(\d{1,3})[.)]\s*[^\d\s]"), 2),
    (re.compile(r"^([a-zđ])[).]\s+\S"), 5),
)
# The first characters a heading of ``_HEADINGS`` can open with: "PHẦN", "Chương", "Điều",
# a Roman numeral; digits (``str.isdecimal``, as ``\\d``) and "a)" are tested apart.
_HEADING_FIRST = frozenset("PCĐIVXL")
_ITEM_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzđ")
_BULLET = re.compile(r"^[-+*•●▪–](?:\s|$)")
_RECIPIENTS = re.compile(r"^Nơi nhận\s*:?", re.IGNORECASE)
_SIGNATURE = re.compile(
    r"^(?:(?:KT|TM|TL|TUQ|Q|T/M|K/T|T/L)\.?\s+[A-ZĐ]|(?:PHÓ\s+)?(?:CHỦ TỊCH|GIÁM ĐỐC|BÍ THƯ|TRƯỞNG BAN|THỦ TRƯỞNG|BỘ TRƯỞNG|THỨ TRƯỞNG)\s*$)"
)
# The models' own validators, called without BaseModel.__init__ around them (as
# ``Document.span`` does): the same checks and objects, for the thousands of nodes and cells.
_validate_node = OutlineNode.__pydantic_validator__.validate_python
_validate_cell = TableCell.__pydantic_validator__.validate_python
BULLET_LEVEL = 9
MAX_HEADING = 240


@dataclass(slots=True)
class _Draft:
    kind: str
    start: int
    end: int
    heading: str = ""
    label: str | None = None
    level: int = 0


def segment(doc: Document) -> tuple[tuple[OutlineNode, ...], tuple[Table, ...]]:
    """Build the outline and tables of ``doc`` (its text is not changed)."""
    lines = doc.lines()
    tables, table_lines = _tables(doc, lines)
    drafts = _front_matter(lines)
    start = max((d.end for d in drafts), default=0)
    while True:
        # A decision that issues a plan carries the plan after its own closing: each
        # closing may be followed by another document type, whose body is read again.
        closing = _closing(lines, start)
        end = closing[0].start if closing else len(doc.text)
        drafts += _body(lines, start, end, table_lines)
        drafts += closing
        attached = _attachment(lines, max(d.end for d in closing)) if closing else []
        if not attached:
            break
        drafts += attached
        start = max(d.end for d in attached)
    drafts += [_Draft("table", t.span.start, t.span.end, heading=_table_heading(t)) for t in tables]
    drafts.sort(key=lambda d: (d.start, d.level))
    _close_sections(drafts, len(doc.text))
    return _link(doc, drafts), tuple(tables)


def _tables(doc: Document, lines: list[Line]) -> tuple[list[Table], set[int]]:
    """Runs of tab-separated lines become tables; each cell keeps its span."""
    tables: list[Table] = []
    used: set[int] = set()
    run: list[Line] = []
    for line in [*lines, Line(len(doc.text), len(doc.text), "")]:
        if "\t" in line.text:
            run.append(line)
            continue
        if len(run) >= 2 or (run and run[0].text.count("\t") >= 2):
            tables.append(_table(doc, run))
            used.update(l.start for l in run)
        run = []
    return tables, used


def _table(doc: Document, rows: list[Line]) -> Table:
    cells_by_row = []
    for line in rows:
        cells, pos = [], line.start
        for part in line.text.split("\t"):
            stripped = part.strip()
            left = pos + (len(part) - len(part.lstrip()))
            cells.append(_validate_cell({"text": stripped, "span": doc.span(left, left + len(stripped))}))
            pos += len(part) + 1
        cells_by_row.append(cells)
    return Table(rows=cells_by_row, span=doc.span(rows[0].start, rows[-1].end))


def _table_heading(table: Table) -> str:
    return " | ".join(c.text for c in table.rows[0] if c.text)[:MAX_HEADING]


def _front_matter(lines: list[Line]) -> list[_Draft]:
    """Header block, document type, title and preamble, where the document has them."""
    type_at = next(
        (i for i, l in enumerate(lines[:80]) if _DOC_TYPE.match(l.text.strip())), None
    )
    drafts: list[_Draft] = []
    header_end = type_at if type_at is not None else _header_end(lines)
    for line in lines[:header_end]:
        text = line.text.strip()
        both = _NUMBER_AND_DATE.match(line.text)
        if both:
            # PDF text puts the two header columns on one line: "Số: 115/KH-UBND Bắc Giang, ngày ..."
            drafts.append(_Draft("number_line", line.start + both.start(1), line.start + both.end(1), both.group(1)))
            drafts.append(_Draft("date_line", line.start + both.start(2), line.start + both.end(2), both.group(2)))
        elif _NUMBER_LINE.match(text):
            drafts.append(_Draft("number_line", line.start, line.end, text))
        elif _DATE_LINE.search(text) and len(text) < 120:
            drafts.append(_Draft("date_line", line.start, line.end, text))
    if header_end:
        nonblank = [l for l in lines[:header_end] if l.text.strip()]
        if nonblank:
            drafts.insert(0, _Draft("header", nonblank[0].start, nonblank[-1].end, _issuing_body(nonblank)))
    if type_at is None:
        return drafts
    type_line = lines[type_at]
    drafts.append(_Draft("doc_type", type_line.start, type_line.end, type_line.text.strip()))
    i = type_at + 1
    while i < len(lines) and not lines[i].text.strip():
        i += 1
    title = []
    caps = i < len(lines) and _is_caps(lines[i].text)
    while i < len(lines) and lines[i].text.strip() and not _heading(lines[i].text):
        if title and (caps and not _is_caps(lines[i].text) or _PREAMBLE.match(lines[i].text)):
            break  # documents without blank lines: the title ends where capitals or the preamble do
        if title and _enacting_authority(type_line.text, title[-1].text, lines[i].text):
            break
        title.append(lines[i])
        i += 1
    if title and not _looks_like_title(" ".join(l.text for l in title)):
        i -= len(title)
        title = []
    if title:
        drafts.append(_Draft("title", title[0].start, title[-1].end, " ".join(l.text.strip() for l in title)))
    for line in lines[i:]:
        text = line.text.strip()
        if _heading(text):
            break
        if _PREAMBLE.match(text) or text.endswith(":") and _ANNOUNCES.search(text):
            drafts.append(_Draft("preamble", line.start, line.end, text[:MAX_HEADING]))
    return drafts


# The sentence closing the preamble that announces the plan: "Ủy ban nhân dân Thành phố ban
# hành Kế hoạch triển khai ... như sau:", "UBND tỉnh xây dựng Kế hoạch thực hiện, cụ thể:".
_ANNOUNCES = re.compile(r"\b(?:ban hành|xây dựng)\s+(?:kèm theo\s+)?(?:Kế hoạch|kế hoạch|KẾ HOẠCH)\b")


_NOT_ISSUER = re.compile(r"^(?:CỘNG HÒA|Độc lập|ĐẢNG CỘNG SẢN|Số\s*:|Số\s+\d|[-–_=*]+$)|,\s*ngày\b", re.IGNORECASE)


# The line naming who enacts a decision, between its title and "Căn cứ ..." ("THỦ TƯỚNG
# CHÍNH PHỦ", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "BỘ TRƯỞNG BỘ Y TẾ").
_ENACTING = re.compile(
    r"^(?:(?:PHÓ )?CHỦ TỊCH |GIÁM ĐỐC |BỘ TRƯỞNG |TỔNG CỤC TRƯỞNG |CỤC TRƯỞNG )?"
    r"(?:(?:ỦY|UỶ) BAN NHÂN DÂN|BỘ|SỞ|CỤC|TỔNG CỤC|HỘI ĐỒNG NHÂN DÂN)\b[^\d:;.]*$"
    r"|^THỦ TƯỚNG CHÍNH PHỦ$|^CHÍNH PHỦ$|^(?:BAN THƯỜNG VỤ|BAN CHẤP HÀNH)\b[^\d:;,.]*$"
)
# Decisions and resolutions have that line; a plan's title may wrap onto "ỦY BAN NHÂN DÂN TỈNH".
_ENACTED_TYPES = ("QUYẾT ĐỊNH", "NGHỊ QUYẾT", "NGHỊ ĐỊNH", "THÔNG TƯ", "CHỈ THỊ")
# A title line ending on one of these goes on to the next line ("... CỦA" / "ỦY BAN NHÂN DÂN TỈNH").
_TITLE_GOES_ON = re.compile(r"\b(?:CỦA|VÀ|CHO|VỚI|TẠI|THUỘC|GIỮA|VỀ|TRÊN|ĐỐI VỚI)\s*$")


def _enacting_authority(doc_type: str, previous: str, line: str) -> bool:
    """Whether ``line`` names the authority enacting a decision, which ends its title.

    A PDF or DOCX sets it right under the title without a blank line::

        VỀ VIỆC BAN HÀNH KẾ HOẠCH KIỂM KÊ TÀI SẢN CÔNG ... NĂM 2026
        CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI
    """
    return (doc_type.strip().startswith(_ENACTED_TYPES) and not _TITLE_GOES_ON.search(previous)
            and bool(_ENACTING.match(line.strip())))


def _issuing_body(header: list[Line]) -> str:
    """The issuing-body lines at the top of the header ("ỦY BAN NHÂN DÂN" / "TỈNH BẮC GIANG")."""
    names = []
    for line in header:
        text = line.text.strip()
        if _NOT_ISSUER.search(text):
            if names:
                break
            continue
        names.append(text)
    return " ".join(names)[:MAX_HEADING]


def _is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _looks_like_title(text: str) -> bool:
    """The paragraph after ``KẾ HOẠCH`` is its title unless it is already the preamble."""
    text = text.strip()
    return not text.startswith("Căn cứ") and len(text) <= 400 and not text.endswith(":")


def _header_end(lines: list[Line]) -> int:
    """Without a document-type line, the header is the block up to the date line, if any."""
    for i, line in enumerate(lines[:15]):
        if _DATE_LINE.search(line.text.strip()) and len(line.text) < 120:
            return i + 1
    return 0


def _heading(text: str) -> tuple[str, int] | None:
    # Called for every line of the body; most lines ("- Tổ chức ...", "Sở Y tế ...") cannot
    # open a heading, which their first characters tell without trying the seven patterns.
    first = text[:1]
    if not (first in _HEADING_FIRST or first.isdecimal() or first in _ITEM_LETTERS and text[1:2] in (")", ".")):
        return None
    for rx, level in _HEADINGS:
        m = rx.match(text)
        if m:
            return m.group(1), level
    return None


def _body(lines: list[Line], start: int, end: int, table_lines: set[int]) -> list[_Draft]:
    drafts = []
    for line in _lines_from(lines, start):
        if line.start >= end:
            break
        if line.start in table_lines:
            continue
        text = line.text.strip()
        if not text:
            continue
        found = _heading(text)
        if found:
            label, level = found
            drafts.append(_Draft("section", line.start, line.end, text[:MAX_HEADING], label, level))
        elif _BULLET.match(text):
            drafts.append(_Draft("bullet", line.start, line.end, text[:MAX_HEADING], None, BULLET_LEVEL))
    return drafts


def _closing(lines: list[Line], start: int) -> list[_Draft]:
    """The first ``Nơi nhận:`` list and signature block after ``start``.

    The signature ("KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" / name) is looked for right after
    the recipients, or, without recipients, near the end of the document.
    """
    tail = _lines_from(lines, start)
    # "Nơi nhận" in any case opens with N or n: the pattern is tried on those lines only.
    rec = next((i for i, l in enumerate(tail) if l.text.lstrip()[:1] in _N and _RECIPIENTS.match(l.text.strip())), None)
    if rec is not None:
        window = range(max(0, rec - _SIGNATURE_BEFORE), min(len(tail), rec + _SIGNATURE_WINDOW))
    else:
        window = range(max(0, len(tail) - _SIGNATURE_WINDOW), len(tail))
    sig = next((i for i in window if _SIGNATURE.match(tail[i].text.strip().lstrip("*"))), None)
    drafts = []
    if rec is not None:
        rec_end = _list_end(tail, rec, sig)
        drafts.append(_Draft("recipients", tail[rec].start, rec_end, tail[rec].text.strip()))
    if sig is not None:
        drafts.append(_Draft("signature", tail[sig].start, _signature_end(tail, sig), tail[sig].text.strip()))
    return sorted(drafts, key=lambda d: d.start)


_N = ("N", "n")
_SIGNATURE_WINDOW = 40
_SIGNATURE_BEFORE = 6  # the signature column may come first when a layout table is read


def _list_end(tail: list[Line], rec: int, sig: int | None) -> int:
    """The recipients list ends at the signature, or where its "- ..." lines stop."""
    end, previous = tail[rec].end, ""
    for i in range(rec + 1, len(tail)):
        if sig is not None and i == sig:
            break
        text = tail[i].text.strip()
        if not text:
            continue
        if (_BULLET.match(text) or text.startswith(("Lưu", "- Lưu")) or (sig is not None and i < sig)
                or _recipient_wrapped(previous, text)):
            end, previous = tail[i].end, text
        else:
            break
    return end


_RECIPIENT_LINE = 60  # the recipients' column is narrow: a wrapped part is short


def _recipient_wrapped(previous: str, text: str) -> bool:
    """The rest of a recipient its narrow column wrapped: "- Thủ tướng, các Phó Thủ tướng" /
    "Chính phủ;". A recipient ends with ";" or "."; a title in capitals is the signature
    ("THỦ TƯỚNG"), an office code in capitals goes on ("TTĐT,")."""
    if not previous or previous.endswith((";", ".", ":")) or len(text) > _RECIPIENT_LINE:
        return False
    return not _is_caps(text) or text.endswith((",", ";", "."))


def _signature_end(tail: list[Line], sig: int) -> int:
    """Authority, position and name: a few short lines, up to a blank line and a new document."""
    end, taken = tail[sig].end, 0
    for line in tail[sig + 1:]:
        text = line.text.strip()
        if not text:
            continue
        if _DOC_TYPE.match(text.strip("*")) or len(text) > 60 or _heading(text) or taken >= 5:
            break
        end, taken = line.end, taken + 1
    return end


def _attachment(lines: list[Line], after: int) -> list[_Draft]:
    """A document type right after a closing (the plan a decision issues) and its title."""
    following = [l for l in _lines_from(lines, after) if l.text.strip()][:_ATTACHMENT_LOOKAHEAD]
    at = next((i for i, l in enumerate(following) if _DOC_TYPE.match(l.text.strip())), None)
    if at is None:
        return []
    type_line = following[at]
    drafts = [_Draft("doc_type", type_line.start, type_line.end, type_line.text.strip())]
    title = []
    caps = at + 1 < len(following) and _is_caps(following[at + 1].text)
    for line in following[at + 1:]:
        text = line.text.strip()
        if _heading(text) or _PREAMBLE.match(text) or (title and caps and not _is_caps(text)):
            break
        title.append(line)
    if title:
        drafts.append(_Draft("title", title[0].start, title[-1].end, " ".join(l.text.strip() for l in title)))
    return drafts


_ATTACHMENT_LOOKAHEAD = 8


_SECTION_STOPS = ("recipients", "signature", "doc_type")


def _lines_from(lines: list[Line], start: int) -> list[Line]:
    """The lines that start at or after ``start`` (``lines`` are in text order)."""
    return lines[bisect.bisect_left(lines, start, key=_line_start):]


_line_start = operator.attrgetter("start")


def _close_sections(drafts: list[_Draft], body_end: int) -> None:
    """A section runs until the next heading of the same or a higher level, or the closing.

    One pass from the end, keeping the next start seen at each level: a text of
    thousands of headings costs no more per heading than one of ten.
    """
    stop = body_end  # where the next closing part (recipients, signature, another document) starts
    next_at: dict[int, int] = {}  # level -> start of the next section at that level
    for d in reversed(drafts):
        if d.kind == "section":
            d.end = max(min([stop, *(start for level, start in next_at.items() if level <= d.level)]), d.start)
            next_at[d.level] = d.start
        elif d.kind in _SECTION_STOPS:
            stop = d.start


def _link(doc: Document, drafts: list[_Draft]) -> tuple[OutlineNode, ...]:
    nodes: list[OutlineNode] = []
    stack: list[tuple[int, int, int]] = []  # (index, level, end)
    for d in drafts:
        while stack and (d.start >= stack[-1][2] or (d.kind == "section" and d.level <= stack[-1][1])):
            stack.pop()
        parent = stack[-1][0] if stack else None
        span = doc.span(d.start, max(d.end, d.start))
        nodes.append(_validate_node(
            {"kind": d.kind, "heading": d.heading, "label": d.label, "level": d.level, "parent": parent, "span": span}))
        if d.kind == "section":
            stack.append((len(nodes) - 1, d.level, d.end))
    return tuple(nodes)
