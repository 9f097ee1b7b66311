"""Number, type, title, date, place, issuer, signer and recipients of a document.

Administrative documents (Nghị định 30/2020/NĐ-CP layout) carry these in the header:
``Số: 115/KH-UBND`` / ``Bắc Giang, ngày 27 tháng 6 năm 2023`` / ``KẾ HOẠCH`` + title.
Web pages and news articles about a plan carry them in a sentence instead:
``Ngày 21/6/2024 UBND tỉnh đã ban hành Kế hoạch số 153/KH-UBND về ...``; the record
then describes the reported plan, never the article (its "Ngày tạo", author, site).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from extractors import signature
from extractors.dates import date_at, find_dates
from extractors.gazetteer import Area, find_places, resolve
from extractors.issuers import describe, display_name, is_committee_organ, starts_with_body, with_area
from extractors.period import stated_period_end
from extractors.scan import lowered, matches_at
from extractors.symbols import Symbol, doc_types, find_symbols, fold
from pipeline.document import Document, line_end, line_start, split_lines
from schemas import Finding, Issuer, Signer, Span

_TYPE_PREFIX = 40  # characters of a heading folded to find its type word
_HEAD_LINES = 60  # the front matter of a page or a plan sits in its first lines
_NUMBER_BLANK = re.compile(r"Số\s*:?\s*[.…_ ]*/\s*(?P<suffix>[A-ZĐ][\w.-]*)")
_REPORTED = re.compile(r"\b(?:đã|vừa|mới)?\s*(?:ban hành|phê duyệt|ký ban hành)\s*$", re.I)
# the state motto, and the party's name printed opposite a party body (Hướng dẫn 36-HD/VPTW)
_MOTTO = re.compile(r"CỘNG H[OÒ]A XÃ HỘI|Độc lập\s*-\s*Tự do|ĐẢNG CỘNG SẢN VIỆT NAM", re.I)
_GIAI_DOAN = re.compile(r"(?:giai đoạn|thời kỳ)\s*(?:từ\s*(?:năm\s*)?)?(\d{4})\s*(?:[-–—]|đến)\s*(?:năm\s*)?(\d{4})", re.I)
_DEN_NAM = re.compile(r"((?:tầm nhìn|định hướng)\s+)?đến\s+(?:hết\s+)?năm\s+(\d{4})", re.I)
# "năm 2023", and a span of years "mùa khô năm 2019 - 2020" (it ends in its second year)
_NAM = re.compile(r"\bnăm\s+(\d{4})(?:\s*[-–—]\s*(\d{4}))?\b", re.I)
# A stage of the targets opening its line ("a) Đến hết năm 2025: ..."): tried at the text's start, and
# after each line break (the break is matched, not looked behind for, so the engine skips to the next one).
_STAGE_LINE = r"[\W\d]*(?:[a-zđ]\)\s*)?(?:Phấn đấu\s+)?đến\s+(?:hết\s+)?năm\s+(\d{4})\s*[:,]"
_STAGE = re.compile(_STAGE_LINE, re.I)
_STAGE_AFTER_BREAK = re.compile(r"[\n\f]" + _STAGE_LINE, re.I)
_STAGE_HINT = re.compile(r"đến\s+(?:hết\s+)?năm\s+\d{4}\s*[:,]")  # in lower case; its letters fold only to their capitals
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\S+")
_BODY_OPENING = re.compile(r"^(?:Căn cứ|Thực hiện|Triển khai|I\.|1\.)")
_SUBJECT_LEAD = re.compile(r"[\s,]*(?:ngày\s+[\d/.-]+\s*)?(?:của\s+[^,]{0,60}?\s*)?(?:về việc|về|V/v)\s+", re.I)
_CLAUSE_END = re.compile(r"\.(?:\s|$)|[\n\f]")
_NUMBERED_MENTION = re.compile(r"^\S+\s+\S+\s+số\b", re.I)
_NUMBER_LABEL = re.compile(r"^Số\s*(?::|\d|/)")
# "ỦY BAN NHÂN DÂN Số: 129/KH-UBND": a header collapsed onto one line puts the number
# label right after the issuer; the issuer stops there.
_INLINE_NUMBER = re.compile(r"\s+(?=Số\s*:?\s*\d)")
_RULE_TAIL = re.compile(r"\s*-{2,}\s*$")
# a header's first line that is the parent of the body below it ("ĐẢNG BỘ XÃ IA TÔR" / "CHI BỘ THÔN PLEI BĂNG")
_PARENT_BODY = re.compile(r"TỈNH|HUYỆN|THÀNH PHỐ|UBND|SỞ|ĐẢNG BỘ|\bXÃ\b|PHƯỜNG")
_OF_BODY = re.compile(r"\bcủa\s+(?P<name>[^\n\f.;:]+)")
_ABOUT_LEAD = re.compile(r"^[\s,]*(?:về|V/v)")
_ABOUT_SPLIT = re.compile(r"\s+(?:về|V/v)\s")
_DAY_LEAD = re.compile(r"^\s*(?:Ngày\s+\S+|Hôm nay)\s*")


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
    symbol_suffix: str | None = None


@dataclass(slots=True)
class _Found:
    """Working state while the extractor reads the front matter."""

    number: str | None = None
    number_span: Span | None = None
    suffix: str | None = None
    doc_type: str | None = None
    title: str | None = None
    title_span: Span | None = None
    date: str | None = None
    year: int | None = None
    date_span: Span | None = None
    place: str | None = None
    reported: bool = False
    lead: int | None = None  # offset of the sentence that reports or names the plan
    findings: list[Finding] = field(default_factory=list)


def extract(doc: Document) -> Metadata:
    """Read the front matter of ``doc``: header first, then a sentence naming the plan."""
    f = _Found()
    _from_header(doc, f)
    if f.number is None and f.suffix is None:
        _from_body(doc, f)
    _doc_type_and_title(doc, f)
    if f.date is None and f.year is None and f.lead is not None:
        _date_near(doc, f)
    issuer = _issuer(doc, f)
    kind = _source_kind(doc, f)
    return Metadata(
        source_kind=kind,
        number=f.number, number_span=f.number_span,
        doc_type=f.doc_type, title=f.title, title_span=f.title_span,
        issued_date=f.date, issued_year=f.year, date_span=f.date_span, place=f.place,
        issuer=issuer,
        signer=signature.signer(doc) if kind != "news" else None,
        recipients=tuple(signature.recipients(doc)) if kind != "news" else (),
        horizon_year=_horizon(doc, f),
        findings=tuple(f.findings),
        symbol_suffix=f.suffix,
    )


# --- number and date from the header -------------------------------------------------

def _node(doc: Document, kind: str):
    return next((n for n in doc.outline if n.kind == kind), None)


def _from_header(doc: Document, f: _Found) -> None:
    line = _node(doc, "number_line")
    if line:
        text = doc.quote(line.span)
        symbols = find_symbols(text)
        if symbols:
            s = symbols[0]
            f.number = s.number
            f.number_span = doc.span(line.span.start + s.start, line.span.start + s.end)
            f.suffix = s.number.split("/", 1)[1] if s.kind == "state" else s.number.split("-", 1)[1]
        else:
            blank = _NUMBER_BLANK.search(text)
            if blank:
                f.suffix = blank.group("suffix").rstrip(".")
                f.findings.append(Finding(
                    rule="blank_number", severity="warning",
                    message=f"the number is left blank (Số: /{f.suffix}): a draft or an unsigned copy",
                    span=doc.span(line.span.start, line.span.end),
                ))
    date_line = _node(doc, "date_line")
    if date_line:
        _read_date_line(doc, date_line.span, f)
    elif line and f.number_span:
        _date_in_number_cell(doc, line.span, f)
    if not line and not date_line:
        _flat_header(doc, f)


_CELL_DATE = re.compile(r"\t\s*([^\t\n\f\d,]{2,40},\s*ngày[^\t\n\f]{0,40}?năm\s*\d{4})")


def _date_in_number_cell(doc: Document, line: Span, f: _Found) -> None:
    """``Số 197-KH/TU<tab>Gia Lai, ngày 12 tháng 12 năm 2023``: a header row read as one line.

    A party header has no colon after ``Số``, so the number and the place-and-date cells
    of one table row reach here as one number line; the date is the cell after the tab.
    """
    m = _CELL_DATE.search(doc.text, f.number_span.end, line.end)
    if m:
        _read_date_line(doc, doc.span(m.start(1), m.end(1)), f)


# A header collapsed onto one line ("ỦY BAN NHÂN DÂN Số: 129/KH-UBND<tab>CỘNG HÒA ... VIỆT NAM
# Hà Nội, ngày 07 tháng 06 năm 2018"): the number label may follow the issuer after a space,
# and the place-and-date line the motto.
_FLAT_NUMBER = re.compile(r"(?:^|[\t\n\f]|\s(?=Số\s*:\s*\d))\s*(Số\s*:[^\t\n\f]{0,40})")
_FLAT_DATE = re.compile(r"(?:^|[\t\n\f]|(?:VIỆT NAM|Hạnh phúc)\s+)\s*([^\t\n\f\d,]{2,40},\s*ngày[^\t\n\f]{0,40}?năm\s*\d{4})")


def _flat_header(doc: Document, f: _Found) -> None:
    """Header cells flattened into one row (``Số: 980/KH-UBND\tNghệ An, ngày 18 ...``)."""
    head = doc.text[:2000]
    m = _FLAT_NUMBER.search(head)
    if m:
        symbols = find_symbols(m.group(1))
        if symbols:
            s = symbols[0]
            f.number = s.number
            f.number_span = doc.span(m.start(1) + s.start, m.start(1) + s.end)
            f.suffix = s.number.split("/", 1)[1] if s.kind == "state" else s.number.split("-", 1)[1]
    m = _FLAT_DATE.search(head)
    if m:
        _read_date_line(doc, doc.span(m.start(1), m.end(1)), f)


def _read_date_line(doc: Document, span: Span, f: _Found) -> None:
    """``Bắc Giang, ngày 27 tháng 6 năm 2023`` → place and date; a blank day → finding."""
    text = doc.quote(span)
    dates = find_dates(text)
    if not dates:
        return
    d = dates[0]
    f.year = d.year
    f.date = d.iso
    f.date_span = doc.span(span.start + d.start, span.start + d.end)
    place = text[:d.start].strip(" ,*\t")
    f.place = place or None
    if d.blank:
        f.findings.append(Finding(
            rule="blank_date", severity="warning",
            message=f"the day or month of the issue date is blank ({d.text.strip()}): only the year is known",
            span=f.date_span,
        ))


# --- number from a sentence (web pages, news) ------------------------------------------

@dataclass(frozen=True, slots=True)
class _Mention:
    symbol: Symbol
    type_start: int
    type_name: str
    standalone: bool
    reported: bool


@cache
def _type_words() -> tuple[tuple[str, str], ...]:
    return tuple(tuple(w) for w in doc_types()["words"])


@cache
def _folded_type_words() -> tuple[tuple[str, str, str], ...]:
    """(folded word, word, type name) in vocabulary order: headings are compared folded."""
    return tuple((fold(w), w, name) for w, name in _type_words())


@cache
def _type_prefixes() -> tuple[str, ...]:
    return tuple(folded for folded, _, _ in _folded_type_words())


@cache
def _type_initials() -> frozenset[str]:
    return frozenset(folded[0] for folded in _type_prefixes() if folded)


@cache
def _longest_type_word() -> int:
    return max(len(folded) for folded, _, _ in _folded_type_words())


@cache
def _type_before() -> re.Pattern[str]:
    """``Kế hoạch số`` right before a symbol."""
    return re.compile(r"(?P<type>" + "|".join(re.escape(w) for w, _ in _type_words()) + r")\s+(?:số\s*)?:?\s*$", re.I)


@cache
def _type_of_word() -> dict[str, str]:
    """Lower-cased type word → type name; the first spelling listed wins."""
    out: dict[str, str] = {}
    for w, name in _type_words():
        out.setdefault(w.lower(), name)
    return out


def _mentions(doc: Document, limit: int) -> list[_Mention]:
    """``Kế hoạch số 154/KH-UBND`` near the top: a document type word, ``số``, a symbol."""
    head = doc.text[:limit]
    out = []
    for s in find_symbols(head):
        before = head[max(0, s.start - 40):s.start]
        m = _type_before().search(before)
        if not m:
            continue
        type_start = s.start - len(before) + m.start()
        first = line_start(head, type_start)
        standalone = not head[first:type_start].strip()
        clause = head[max(first, type_start - 80):type_start]
        reported = bool(_REPORTED.search(clause))
        name = _type_of_word()[m.group("type").lower()]
        out.append(_Mention(s, type_start, name, standalone, reported))
    return out


def _from_body(doc: Document, f: _Found) -> None:
    """A standalone ``Kế hoạch số ...`` line or ``UBND tỉnh đã ban hành Kế hoạch số ...``."""
    limit = doc.lines()[min(_HEAD_LINES, len(doc.lines()) - 1)].end
    mentions = [m for m in _mentions(doc, limit) if m.standalone or m.reported]
    if not mentions:
        return
    best = mentions[0]
    f.number = best.symbol.number
    f.number_span = doc.span(best.symbol.start, best.symbol.end)
    f.suffix = best.symbol.number.split("/", 1)[-1]
    f.doc_type = best.type_name
    f.reported = best.reported and not best.standalone
    f.lead = best.type_start


def _date_near(doc: Document, f: _Found) -> None:
    """The date after the symbol (``154/KH-UBND, ngày 15/8/2023``) or opening the sentence."""
    after = date_at(doc.text, f.number_span.end, window=25) if f.number_span else None
    if after is None and f.lead is not None:
        start = max(line_start(doc.text, f.lead), doc.text.rfind(". ", 0, f.lead) + 1)
        before = [d for d in find_dates(doc.text[start:f.lead]) if d.date]
        if before:
            d = before[-1]
            after = type(d)(d.start + start, d.end + start, d.text, d.year, d.month, d.day, d.date, d.form)
    if after is None or after.date is None:
        return
    f.date = after.iso
    f.year = after.year
    f.date_span = doc.span(after.start, after.end)


# --- document type and title -------------------------------------------------------------

def _type_name(heading: str) -> str | None:
    found = _type_word(heading)
    return found[1] if found else None


def _type_word(heading: str) -> tuple[str, str] | None:
    """The type word ``heading`` opens with, as listed, and its type name."""
    text = heading.strip()
    # Folding goes character by character, so the folded start of a long heading is the
    # start of the folded heading: enough of it to hold the longest type word decides.
    # Its first letter alone already rules out most lines ("ỦY BAN", "Số:", "- Căn cứ").
    initial = fold(text[:1])
    if initial and initial[0] not in _type_initials():
        return None
    key = fold(text[:_TYPE_PREFIX])
    if len(text) > _TYPE_PREFIX and len(key) < _longest_type_word():
        key = fold(text)
    if not key.startswith(_type_prefixes()):
        return None
    for folded, word, name in _folded_type_words():
        if key.startswith(folded):
            return word, name
    return None


def _doc_type_and_title(doc: Document, f: _Found) -> None:
    type_node = _node(doc, "doc_type")
    if type_node:
        f.doc_type = _type_name(doc.quote(type_node.span)) or f.doc_type
        title = _node(doc, "title")
        if title:
            _set_title(doc, f, title.span.start, title.span.end)
        else:
            _title_after(doc, f, type_node.span.end)
        return
    if _flat_title(doc, f):
        return
    if f.doc_type is None and f.number:
        symbol = find_symbols(f.number)
        f.doc_type = symbol[0].doc_type if symbol else None
    if f.reported and f.number_span:
        _title_from_clause(doc, f)
        return
    if _caps_title_after_header(doc, f):
        return
    _title_from_headline(doc, f)


_FLAT_TYPE = re.compile(r"(?:^|[\t\n\f])\s*(KẾ HOẠCH|QUYẾT ĐỊNH|CHỈ THỊ|NGHỊ QUYẾT|THÔNG BÁO|BÁO CÁO|CHƯƠNG TRÌNH|HƯỚNG DẪN)\s+")


def _flat_title(doc: Document, f: _Found) -> bool:
    """``KẾ HOẠCH THỰC HIỆN ... DÂN SỰ Thực hiện Quyết định ...``: the capitals are the title."""
    if not f.number_span:
        return False
    m = _FLAT_TYPE.search(doc.text, f.number_span.end, f.number_span.end + 400)
    if not m:
        return False
    f.doc_type = _type_name(m.group(1))
    end = m.end()
    for w in _WORD.finditer(doc.text[m.end():m.end() + 600]):
        if any(c.islower() for c in w.group(0)):
            break
        end = m.end() + w.end()
    if end > m.end():
        _set_title(doc, f, m.end(), end)
    return True


_TITLE_LINES = 4  # a title wraps over a few lines at most


def _caps_title_after_header(doc: Document, f: _Found) -> bool:
    """A title in capitals right below the number and date, its type line dropped by the page.

    ``Số: 2254/KH-UBND | Quảng Bình, ngày 29 tháng 11 năm 2017 |`` / ``PHÒNG, CHỐNG DỊCH BỆNH
    TRUYỀN NHIỄM NĂM 2018`` / ``Căn cứ ...``: the lines in capitals before the first line in
    sentence case are the title (the type is the number's).
    """
    if f.number_span is None or f.doc_type is None:
        return False
    after = max(f.number_span.end, f.date_span.end if f.date_span else 0)
    start = end = None
    taken = 0
    for line in doc.lines():
        if line.end <= after:
            continue
        text = line.text.strip(" \t|*")
        if not text:
            if start is None:
                continue
            break
        if not _is_caps(text) or _MOTTO.search(text) or len(text) > 300 or taken == _TITLE_LINES:
            break
        start = line.start if start is None else start
        end, taken = line.end, taken + 1
    if start is None:
        return False
    _set_title(doc, f, start, end)
    return True


def _title_after(doc: Document, f: _Found, pos: int) -> None:
    """The line after ``KẾ HOẠCH`` when segmentation took it for a section (``V/V HỖ TRỢ ...``)."""
    for line in doc.lines():
        if line.start < pos or not line.text.strip():
            continue
        text = line.text.strip()
        if _BODY_OPENING.match(text) or len(text) > 400:
            return
        _set_title(doc, f, line.start, line.end)
        return


def _set_title(doc: Document, f: _Found, start: int, end: int) -> None:
    text = doc.text[start:end]
    stripped = text.strip(" \n*:.")
    start += text.find(stripped)
    f.title = _SPACES.sub(" ", stripped)
    f.title_span = doc.span(start, start + len(stripped))


def _title_from_clause(doc: Document, f: _Found) -> None:
    """``Kế hoạch số 153/KH-UBND về việc triển khai ...`` → the ``về ...`` clause."""
    rest = doc.text[f.number_span.end:]
    m = _SUBJECT_LEAD.match(rest)
    if not m:
        return
    start = f.number_span.end + m.end()
    end_m = _CLAUSE_END.search(doc.text[start:])
    end = start + (end_m.start() if end_m else len(doc.text) - start)
    _set_title(doc, f, start, end)


def _title_from_headline(doc: Document, f: _Found) -> None:
    """A page headline ``Kế hoạch duy trì xã, thị trấn đạt ...`` names the plan."""
    for line in doc.lines()[:_HEAD_LINES]:
        text = line.text.strip()
        found = _type_word(text)
        if not found or _NUMBERED_MENTION.match(text) or len(text) > 300:
            continue
        word, name = found
        start = line.start + line.text.find(text) + len(word)
        if f.doc_type in (None, name):
            f.doc_type = name
            _set_title(doc, f, start, line.end)
            return


# --- issuer --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _HeaderBody:
    """The issuing body of the header, and the parent line above it (``ĐẢNG BỘ TỈNH GIA LAI``)."""

    name: str
    span: Span
    parent: str | None = None


def _header_table(doc: Document):
    """A header laid out as the document's first table (``ỦY BAN NHÂN DÂN | CỘNG HÒA ... |``),
    when nothing above it was taken for a header: the table that holds the motto, before any section."""
    for n in doc.outline:
        if n.kind == "table":
            return n if _MOTTO.search(doc.text, n.span.start, min(n.span.end, n.span.start + 400)) else None
        if n.kind in ("section", "preamble", "bullet"):
            return None
    return None


def _header_lines(doc: Document, header: Span) -> list[tuple[str, int]]:
    """The issuer lines of the header, each with its offset, up to the number, date or motto.

    A header read from a table comes as rows of tab-separated cells (``TỈNH ỦY GIA LAI<tab>ĐẢNG
    CỘNG SẢN VIỆT NAM``): the issuer is the first cell of each row. A motto printed before the
    issuer (the right column read first) is skipped.
    """
    text = doc.quote(header)
    blocks: list[list[tuple[str, int]]] = [[]]
    for row in split_lines(text):  # a page break ends a line as "\n" does
        cell = _INLINE_NUMBER.split(row.text.split("\t", 1)[0], 1)[0]
        line = cell.strip(" -*")
        if _MOTTO.search(line) or _NUMBER_LABEL.match(line) or find_dates(line):
            if len(blocks) > 3:
                break
            blocks.append([])
        elif line:
            blocks[-1].append((line, header.start + row.start + cell.find(line)))
    # The issuer is the first block before a motto, number or date line; a web page's chrome
    # above the header ("Hệ thống pháp luật", "Ngày ban hành: 26/05/2017") is skipped for the
    # first block printed in capitals, as issuers are.
    # An issuer typed in sentence case ("Trung tâm Y tế huyện ...") keeps the first block.
    lines = blocks[0]
    if not any(_is_caps(l) or starts_with_body(l) for l, _ in lines):
        lines = next((b for b in blocks if any(_is_caps(l) for l, _ in b)), lines)
    lines = _caps_run(lines)
    # (a rule is two dashes at least: a line without them keeps its text)
    return [(_RULE_TAIL.sub("", l) if "--" in l else l, p) for l, p in lines]


def _caps_run(lines: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The issuer block printed in capitals, without the page lines written above it.

    ``Hệ thống pháp luật`` / ``Đang tải nội dung...`` / ``ỦY BAN NHÂN DÂN`` / ``TỈNH LAI CHÂU``:
    the lines from the first capitals after the last sentence-case line. A header that ends in
    sentence case (an issuer typed so) keeps all its lines.
    """
    if not lines or not _is_caps(lines[-1][0]):
        return lines
    start = len(lines) - 1
    while start > 0 and _is_caps(lines[start - 1][0]):
        start -= 1
    return lines[start:]


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _header_issuer(doc: Document) -> _HeaderBody | None:
    """The issuing body printed above the motto: ``ỦY BAN NHÂN DÂN`` / ``TỈNH ĐẮK LẮK``."""
    header = _node(doc, "header") or _header_table(doc)
    if not header:
        return None
    lines = _header_lines(doc, header.span)
    if not lines:
        return None
    # "UBND TỈNH KIÊN GIANG" / "SỞ Y TẾ": the last line is the body, the first its parent.
    # "SỞ Y TẾ TỈNH NGHỆ AN" / "TRUNG TÂM Y TẾ HUYỆN QUỲNH LƯU": the last line is the body
    # and the first its parent (whose area resolves a last line that names none).
    if len(lines) > 1 and starts_with_body(lines[-1][0]) and _PARENT_BODY.search(lines[0][0]):
        name, start = lines[-1]
        parent = lines[0][0]
        span = doc.span(start, start + len(name))
        if is_committee_organ(name, parent):
            # "TỈNH ỦY ĐẮK LẮK" / "BAN TUYÊN GIÁO": the board is named with its committee
            return _HeaderBody(f"{display_name(name)} {display_name(parent)}", span, parent)
        return _HeaderBody(name, span, parent)
    name = _SPACES.sub(" ", " ".join(l for l, _ in lines))
    return _HeaderBody(name, doc.span(lines[0][1], lines[-1][1] + len(lines[-1][0])))


_VERB = re.compile(r"\s(?:đã\s+|vừa\s+)?(?:xây dựng|ban hành|triển khai xây dựng)\s+(?:kế hoạch|chương trình|quyết định)", re.I)


def _body_issuer(doc: Document, f: _Found) -> _HeaderBody | None:
    """``UBND huyện Đắk R'Lấp xây dựng Kế hoạch`` or ``... 154/KH-UBND, ngày 15/8/2023 của UBND huyện``.

    The ``của`` clause must follow the number on its line: below a header's ``Số: 194/KH-TTYT``
    the title's ``... của Ban Bí thư`` names the document the plan implements, not its issuer.
    """
    if f.number_span:
        rest = doc.text[f.number_span.end:min(f.number_span.end + 120, line_end(doc.text, f.number_span.end))]
        m = _OF_BODY.search(rest)
        if m and starts_with_body(m.group("name")) and not _ABOUT_LEAD.match(rest[:m.start()]):
            name = _ABOUT_SPLIT.split(m.group("name"))[0].strip(" ,")
            start = f.number_span.end + m.start("name")
            return _HeaderBody(name, doc.span(start, start + len(name)))
    limit = doc.lines()[min(_HEAD_LINES, len(doc.lines()) - 1)].end
    for m in _VERB.finditer(doc.text[:limit]):
        clause_start = max(doc.text.rfind(c, 0, m.start()) for c in (".", ",", ";", ":", "\n", "\f")) + 1
        clause = doc.text[clause_start:m.start()]
        clause = _DAY_LEAD.sub("", clause)
        stripped = clause.strip()
        if stripped and starts_with_body(stripped) and len(stripped) < 90:
            start = clause_start + doc.text[clause_start:m.start()].find(stripped)
            return _HeaderBody(stripped, doc.span(start, start + len(stripped)))
    return None


def _context_area(doc: Document, f: _Found) -> Area | None:
    """The area a document is written in: its place line, else the province it names most."""
    if f.place:
        area = resolve(f.place)
        if area:
            return area
    counts: Counter = Counter()
    districts: Counter = Counter()
    for p in find_places(doc.text[:20000]):
        counts[(p.area.province, p.area.province_2025)] += 1
        if p.kind == "district":
            districts[p.area] += 1
    if not counts:
        return None
    (province, p2025), _ = counts.most_common(1)[0]
    return Area(province, None, p2025)


def _issuer(doc: Document, f: _Found) -> Issuer | None:
    found = _header_issuer(doc) or _body_issuer(doc, f)
    context = _context_area(doc, f)
    code = f.suffix.split("-")[-1] if f.suffix else None
    if found is None:
        if not code:
            return None
        info = describe(_code_name(code), context, code)
        return Issuer(name=info.name, level=info.level, province=info.province, district=info.district,
                      province_2025=info.province_2025, span=f.number_span)
    context = _with_parent(context, found.parent)
    info = describe(found.name, context, code)
    name = info.name
    if f.place and info.level in ("province", "district"):
        # a header of one line ("ỦY BAN NHÂN DÂN"): its unit is the one the place line names
        place = resolve(f.place)
        if place is not None and place.province == info.province and place.district == info.district:
            name = with_area(name, place)
    return Issuer(name=name, level=info.level, province=info.province, district=info.district,
                  province_2025=info.province_2025, span=found.span)


def _with_parent(context: Area | None, parent: str | None) -> Area | None:
    """The area of the header's parent line (``ĐẢNG BỘ TỈNH GIA LAI``) when the place line gives none of its own.

    A commune's place line (``Ia Tôr, ngày ...``) resolves to nothing; its parent names the
    province or district. A place inside the parent's province is the more precise of the two.
    """
    if not parent:
        return context
    info = describe(parent)
    if info.province is None:
        return context
    if context is not None and context.province == info.province:
        return context
    return Area(info.province, info.district, info.province_2025)


def _code_name(code: str) -> str:
    from extractors.symbols import issuer_info

    info = issuer_info(code)
    return info["name"] if info else code


# --- kind and horizon ------------------------------------------------------------------------

def _source_kind(doc: Document, f: _Found) -> str:
    # A page that reports a plan ("UBND tỉnh đã ban hành Kế hoạch số ...") and has no
    # header of its own is an article about the plan, not the plan.
    if f.reported and not _node(doc, "doc_type") and not _node(doc, "number_line"):
        return "news"
    if f.doc_type == "Quyết định":
        return "decision"
    if f.doc_type in ("Kế hoạch", "Chương trình"):
        return "plan"
    return "other"


def _horizon(doc: Document, f: _Found) -> int | None:
    """The plan's end year: from its title, else the years its objectives run to."""
    if f.title:
        year = _horizon_in(f.title, single=True)
        if year:
            return year
    # The plan's own "Thời gian thực hiện" section says when it ends.
    stated = stated_period_end(doc, f.year)
    if stated:
        return stated
    body = _without_citations(doc.text[:15000])
    lower = lowered(body)
    # Targets staged by year ("a) Đến hết năm 2025: ...", "c) Đến hết năm 2035: ..."): the
    # plan runs to the last stage, however often other years are named.
    staged = _stage_years(body, lower)
    staged = [y for y in staged if not f.year or y >= f.year]
    if len(staged) >= 2:
        return max(staged)
    years = [int(m.group(2)) for m in matches_at(_GIAI_DOAN, _GIAI_DOAN_OPENING, body, lower)]
    years += [int(m.group(2)) for m in matches_at(_DEN_NAM, _DEN_NAM_OPENING, body, lower) if not m.group(1)]
    if f.year:
        years = [y for y in years if y >= f.year]
    if years:
        counts = Counter(years)
        return max(counts, key=lambda y: (counts[y], y))
    return None


# Where matches of _GIAI_DOAN and _DEN_NAM can start, in lower case. Scanning a long text
# with those case-insensitive patterns is slow; finding their opening words is fast.
_GIAI_DOAN_OPENING = re.compile("giai đoạn|thời kỳ")
_DEN_NAM_OPENING = re.compile("tầm nhìn|định hướng|đến")


def _stage_years(text: str, lower: str | None) -> list[int]:
    """The years of the stages opening lines of ``text``, in order (``a) Đến hết năm 2025:`` → 2025).

    ``lower`` is :func:`lowered` of ``text``: every stage holds ``đến ... năm 2025:``, found fast in it,
    so most texts need no scan with the slow pattern (its run of marks and digits can cross whole tables of numbers).
    (A stage ends with ":" or ",", never with a line break, so the next line's break is after it.)
    """
    if lower is not None and _STAGE_HINT.search(lower) is None:
        return []
    first = _STAGE.match(text)
    found = [first] if first else []
    found += _STAGE_AFTER_BREAK.finditer(text, first.end() if first else 0)
    return [int(m.group(1)) for m in found]


# A clause ends at ";", a full stop or a blank line; hard-wrapped lines run on.
_CLAUSE_END = re.compile(r";|\.(?=\s)|\n\s*\n")


def _clause_ends(text: str) -> list[int]:
    """Where the clauses of ``text`` end, the last one at the end of the text.

    Text after the last clause end runs to the end; a final line break stands alone.
    """
    ends = [m.end() for m in _CLAUSE_END.finditer(text)]
    last = ends[-1] if ends else 0
    if text.endswith("\n") and last < len(text) - 1:
        ends.append(len(text) - 1)
    if (ends[-1] if ends else 0) < len(text):
        ends.append(len(text))
    return ends


def _without_citations(text: str) -> str:
    """``text`` with every clause that cites a document blanked (same length): the years of a cited
    strategy (``Quyết định số 142/QĐ-TTg ... phê duyệt Chiến lược dữ liệu quốc gia đến năm 2030;``)
    are that document's horizon, not the plan's."""
    symbols = [s.start for s in find_symbols(text)]
    if not symbols:
        return text
    ends = _clause_ends(text)
    out, pos = [], 0
    for start in symbols:
        if start < pos:
            continue  # its clause is blanked already
        i = bisect_right(ends, start)
        clause_start, clause_end = (ends[i - 1] if i else 0), ends[i]
        out += [text[pos:clause_start], " " * (clause_end - clause_start)]
        pos = clause_end
    out.append(text[pos:])
    return "".join(out)


def _span_end(first: int, last: str) -> int:
    """The end of ``năm 2019 - 2020``; a second number that is no later year is not one."""
    end = int(last) if last else first
    return end if first < end <= first + 30 else first


def _horizon_in(text: str, single: bool) -> int | None:
    # Dates and symbols in a title ("Chỉ thị 27/CT-TTg ngày 15 tháng 8 năm 2024") are not horizons.
    for d in find_dates(text):
        text = text[:d.start] + " " * (d.end - d.start) + text[d.end:]
    m = _GIAI_DOAN.search(text)
    if m:
        return int(m.group(2))
    ends = [int(m.group(2)) for m in _DEN_NAM.finditer(text) if not m.group(1)]
    if ends:
        return max(ends)
    if single:
        text = _DEN_NAM.sub(" ", text)
        years = [_span_end(int(first), last) for first, last in _NAM.findall(text)]
        if years:
            return max(years)
    return None
