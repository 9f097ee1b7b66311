"""Documents a plan cites: its legal basis, the plans it implements, and other mentions.

``Thực hiện Kế hoạch số 197-KH/TU ngày 07-3-2024 của Ban Thường vụ Tỉnh ủy Kiên Giang về
thực hiện Chỉ thị 25-CT/TW, ngày 25-10-2023 của Ban Bí thư “về tiếp tục ...”`` gives two
references, both ``implements``: the preamble decides the relation (``Căn cứ`` → legal
basis, ``Thực hiện`` / ``Triển khai`` → implements); citations in the body are mentions.
The same document cited several times (and spelled differently) is listed once.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache

from extractors.context import PlanContext
from extractors.dates import DateMatch, find_dates
from extractors.gazetteer import Area, resolve
from extractors.issuers import describe, display_name, starts_with_body
from extractors.scan import lowered, matches_at
from extractors.symbols import (Symbol, canonical_id, doc_types, find_symbols, fold, issuer_info,
                               symbol_key)
from pipeline.document import Document
from schemas import Reference

_LEGAL = re.compile(r"^\W*(?:Căn cứ|Xét)\b", re.I)
_IMPLEMENTS = re.compile(
    r"^\W*(?:Thực hiện|Triển khai|Để triển khai|Để thực hiện|Nhằm triển khai|Nhằm thực hiện|Tiếp tục thực hiện)\b", re.I
)
# "\btriển khai|..." case-free, with the word boundary tested after the first letter ((?<!\w.)): opening
# with a class of letters lets the engine skip ahead to each "t" or "c" instead of trying every position.
_IMPLEMENT_VERB = re.compile(r"[TtCc](?<!\w.)(?i:(?<=[Tt])(?:riển khai|hực hiện)|(?<=[Cc])ụ thể hóa)\b")
# A verb makes a citation implemented when it leads its clause ("Nhằm tổ chức quán triệt, triển khai
# thực hiện Chỉ thị số 25-CT/TW") or names a plan's purpose ("ban hành Kế hoạch thực hiện Chỉ thị số
# 27/CT-TTg"); in a look-back ("Sau 8 năm triển khai thực hiện Nghị quyết số 21-NQ/TW") it only mentions.
_VERB_LEAD = re.compile(
    r"(?:^|[\n\f,;:(.!?]|\b(?:để|nhằm|và|tiếp tục|tổ chức|việc|Kế hoạch|Chương trình|Đề án))\s*$", re.I)
_VERB_GAP = re.compile(r"\s*$")
# The characters a _VERB_LEAD match can end with before its blanks: its marks and, in either case,
# the last letter of each of its words.
_LEAD_ENDS = frozenset(",;:(.!?" + "ểmàchn" + "ểmàchn".upper())
# "Trên cơ sở Kế hoạch số 6103/KH-UBND ...; UBND tỉnh ban hành Kế hoạch ... năm 2023": the plan builds
# on the document it names right after the phrase ("Trên cơ sở kết quả thực hiện ..." only mentions).
_BUILT_ON_AT = re.compile(
    r"Trên cơ sở\s+(?:nội dung\s+)?(?:các\s+)?(?:Kế hoạch|Quyết định|Nghị quyết|Chỉ thị|Công văn|Chương trình|"
    r"Kết luận|Hướng dẫn|Nghị định|Thông tư|Đề án|Thông báo)\b", re.I)
# A section listing the documents the plan rests on: "I. CĂN CỨ XÂY DỰNG KẾ HOẠCH", "1. Cơ sở pháp lý".
_BASIS_HEADING = re.compile(r"^\W*(?:[IVXLC\d]+[.)]\s*)*(?:Căn cứ|Cơ sở pháp lý)\b", re.I)
# An item of such a list that opens with the citation: "- Quyết định số 1745/QĐ-BYT", "2. Nghị quyết số".
_ITEM_LEAD = re.compile(r"[\s\-+•*–]*(?:[a-zđ\d]{1,2}[.)]\s*)?(?:Căn cứ\s+)?(?:các\s+)?\w+(?:\s+\w+){0,3}?\s*(?:số\s*:?\s*)?$", re.I)
_NOT_BASIS = re.compile(r"^\W*(?:Theo đề nghị|Xét đề nghị|Theo đề xuất)\b", re.I)
# The same three leads, tried with ``match(text, start, end)`` at a paragraph's start: no copy of
# the paragraph is made (a one-line document of thousands of citations stays linear).
_LEGAL_AT = re.compile(_LEGAL.pattern[1:], re.I)
_IMPLEMENTS_AT = re.compile(_IMPLEMENTS.pattern[1:], re.I)
_NOT_BASIS_AT = re.compile(_NOT_BASIS.pattern[1:], re.I)
_GAP_TO_DATE = re.compile(r"^[\s,(]*(?:ban hành\s*)?(?:ngày\s*)?$", re.I)
# Where an issuer phrase ends: a lowercase verb or preposition (names are capitalised:
# "Bộ Lao động - Thương binh và Xã hội" keeps its "và"), punctuation, or "và" + a new citation.
_ISSUER_STOP = re.compile(
    # Verbs that open the subject never start a body's name, whatever their case
    # ("của Chính phủ Quy định ...", "của UBND thành phố Cần Thơ Thực hiện Chương trình").
    r"\s+(?:(?i:ban hành|phê duyệt|về việc|về|V/v|quy định|hướng dẫn|thực hiện|triển khai|đính chính|đình chính|"
    r"sửa đổi|kết luận|khóa|khoá|nhiệm kỳ)|tại|điều chỉnh|bổ sung|công bố|phê chuẩn|giao|chỉ đạo|kèm theo|"
    r"trên|trong|đối với|nhằm|để|(?:nay là|được)\b)\b|\s+và\s+(?=(?:Kế hoạch|Quyết định|Chỉ thị|Nghị quyết|Nghị định|Thông tư|Chương trình|Công văn|Thông báo|Kết luận|Hướng dẫn)\b|các\b)|[;,.(“\"\n\f\t:*]"
)
# A name that lists its fields: "Bộ Văn hóa, Thể thao và Du lịch", "Ban Chỉ đạo phát triển
# khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số": short comma parts closed by "và".
_ENUM_PART = re.compile(r",\s+((?:(?!và\b)[^\W\d_][\w'’-]*\s?){1,6}?)(?=,|\s+và\s)")
_ENUM_LAST = re.compile(r"\s+và\s+(?:\w[\w'’-]*(?:\s|$)?){1,6}")
_NOT_ENUM = re.compile(r"^(?:các|những|trong|đồng thời|ngày|số|tại|đã|theo|nay)\b", re.I)
# A line break inside a citation (hard-wrapped sources: "của Bộ\nChính trị"): joined when
# the line does not end a clause and the next one does not open a paragraph.
_SOFT_BREAK = re.compile(r"[\n\f](?<=[^\s;.:,][\n\f])(?=[^\W\d_])(?!(?:Căn cứ|Thực hiện|Triển khai|Xét|Theo)\b)")
_SUBJECT = re.compile(r"^\s*(?:[\"“]\s*)?(?:về việc|về|V/v)\s+", re.I)
# The summary of a cited document may open with its verb instead of "về" (trích yếu):
# "... của Thủ tướng Chính phủ phê duyệt Chương trình ...".
_SUBJECT_VERB = re.compile(
    r"^\s*(?=(?:ban hành|phê duyệt|quy định|hướng dẫn|sửa đổi|công bố|kết luận|thành lập|giao|phân bổ)\s)", re.I
)
_LAW = re.compile(r"\b(Luật\s+(?:[A-ZĐ]|sửa đổi)[^;\n\f(]{2,200}?)\s+(?:ngày\s|số\s*\d)", re.U)
# A law heads its own citation: right after "Căn cứ" or a list separator, never inside
# another document's summary ("Nghị định ... quy định chi tiết ... của Luật Phòng thủ dân sự").
# (_law_lead: "Căn cứ" or "Căn cứ các" alone before the law, or a list separator before it)
_LAW_LEAD_WORD = re.compile(r"\W*(?:Căn cứ|Xét)(?:\s+các)?\s*", re.I)
_LAW_WORD = re.compile("Luật")
_RANK = {"legal_basis": 2, "implements": 2, "mentions": 0}
_DIGIT = re.compile(r"\d")
_OF_AHEAD = re.compile(r"^[\s,]*của\s")
_OF_LEAD = re.compile(r"^[\s,]*(?:của\s+)")
_ABOUT = re.compile(r"\s+về\s")
_FULL_STOP = re.compile(r"\.\s")
_QUOTED = re.compile(r"^([^”\"]{3,})[”\"]")
# The blanks after a sentence's closing mark (the mark is matched, not looked behind for: the engine
# then skips ahead to each mark instead of trying every position).
_SENTENCE_BREAK = re.compile(r"[.!?]\s+")
_SENTENCE_STOP = re.compile(r"\.\s|\n\s*\n")
_SUBJECT_HEADING = re.compile(r"^[\"“]?(?:V/V|V/v)")
_PUNCT_GAP = re.compile(r"^[\s,(]*$")
_SPACES = re.compile(r"\s+")
_NOT_KEY = re.compile(r"[^A-Z0-9]+")
# Long committee names are real: "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo,
# chuyển đổi số, cải cách hành chính và đề án 06" (105 characters).
_MAX_ISSUER = 130
_MAX_SUBJECT = 300


class _Scan:
    """Positions in one document's text that every citation looks back for, found once.

    Each citation asks where its paragraph starts, where its sentence starts and which
    ``các Quyết định của ...`` group precedes it. Scanning back from each citation would
    make a long line of citations quadratic; these lists are built once (each only when
    first asked) and bisected.
    """

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.text = doc.text
        self.title = next((n for n in doc.outline if n.kind == "title"), None)

    @cached_property
    def line_starts(self) -> list[int]:
        return [line.start for line in self.doc.lines()]  # 0, then after every "\n" or "\f"

    @cached_property
    def sentence_breaks(self) -> tuple[list[int], list[int]]:
        found = list(_SENTENCE_BREAK.finditer(self.text))
        return [m.start() + 1 for m in found], [m.end() for m in found]  # the blanks after the mark

    @cached_property
    def verbs(self) -> tuple[list[int], list[int]]:
        """The implementing verbs that lead their clause (a run ``triển khai thực hiện`` leads as one)."""
        text = self.text
        found = list(_IMPLEMENT_VERB.finditer(text))
        opens, ends = [], []
        leads = False
        for i, m in enumerate(found):
            joined = i and _VERB_GAP.match(text, found[i - 1].end(), m.start())
            if not joined:  # a verb joined to the run before it leads as that run does
                leads = _leads_clause(text, m.start())
            if leads:
                opens.append(m.start())
                ends.append(m.end())
        return opens, ends

    @cached_property
    def groups(self) -> tuple[list[int], list[int]]:
        found = list(_group_of_types().finditer(self.text))
        return [m.start() - 1 for m in found], [m.end() for m in found]  # each from its "C" of "các"

    @cached_property
    def basis_sections(self) -> list[tuple[int, int]]:
        """The spans of the sections that list the plan's bases (``I. CĂN CỨ XÂY DỰNG KẾ HOẠCH``)."""
        return [(n.span.start, n.span.end) for n in self.doc.outline
                if n.kind == "section" and n.level <= 2 and _BASIS_HEADING.match(n.heading or "")]

    def heads_basis_item(self, s: Symbol) -> bool:
        """Whether ``s`` opens an item of a basis section: ``- Quyết định số 1745/QĐ-BYT ngày ...``."""
        if not any(a <= s.start < b for a, b in self.basis_sections):
            return False
        start = self.paragraph_start(s.start)
        return s.start - start <= 40 and _ITEM_LEAD.fullmatch(self.text, start, s.start) is not None

    def paragraph_start(self, pos: int) -> int:
        """Where the line holding ``pos`` starts."""
        starts = self.line_starts
        return starts[bisect_right(starts, pos) - 1]

    def sentence_start(self, start: int, pos: int) -> int:
        """Where the last sentence of ``text[start:pos]`` starts (``pos`` opens a symbol, never a blank)."""
        opens, ends = self.sentence_breaks
        i = bisect_right(opens, pos - 1) - 1  # the last break opening before pos
        return ends[i] if i >= 0 and opens[i] >= start else start

    def verb_between(self, start: int, pos: int) -> bool:
        """Whether a verb leading its clause stands in ``text[start:pos]``."""
        opens, ends = self.verbs
        i = bisect_right(ends, pos) - 1  # the last leading verb ending by pos
        return i >= 0 and opens[i] >= start

    def group_before(self, start: int, pos: int) -> int | None:
        """The end of the last ``các <type> của`` group in ``text[start:pos]``."""
        opens, ends = self.groups
        i = bisect_right(ends, pos) - 1
        return ends[i] if i >= 0 and opens[i] >= start else None


@dataclass(slots=True)
class _Cite:
    symbol: Symbol
    ref: dict  # the Reference's fields: the model is built once per document cited, in _merge


def extract(doc: Document, context: PlanContext) -> list[Reference]:
    """Every document ``doc`` cites, once each, with the strongest relation found."""
    own = symbol_key(context.number) if context.number else None
    skip = _own_spans(doc)
    zone_end = _preamble_end(doc)
    area = _context_area(context)
    scan = _Scan(doc)
    cites: list[_Cite] = []
    for s in find_symbols(doc.text):
        if symbol_key(s.number) == own or any(a <= s.start < b for a, b in skip):
            continue
        cites.append(_Cite(s, _reference(doc, scan, s, zone_end, area, context)))
    refs = _merge(cites, area)
    refs += _laws(doc, scan, zone_end, {r.canonical_id for r in refs})
    return refs


def _own_spans(doc: Document) -> list[tuple[int, int]]:
    """The document's own number line: never a reference."""
    return [(n.span.start, n.span.end) for n in doc.outline if n.kind == "number_line"]


def _preamble_end(doc: Document) -> int:
    """Where the preamble stops: the first numbered section or article of the body."""
    for n in doc.outline:
        if n.kind == "section" and n.level <= 2 and n.label and not _SUBJECT_HEADING.match(n.heading):
            return n.span.start
    return len(doc.text) if not any(n.kind == "section" for n in doc.outline) else 0


def _context_area(context: PlanContext) -> Area | None:
    if not context.province:
        return None
    resolved = resolve(context.province)
    return Area(context.province, context.district, resolved.province_2025 if resolved else None)


def _leads_clause(text: str, pos: int) -> bool:
    """Whether ``_VERB_LEAD`` ends at ``pos`` (within 40 characters): ``"..., triển khai"``, ``"Để triển khai"``.

    Most verbs follow a word that cannot end a lead (``"đã triển khai"``): the character before the
    blanks tells, so the pattern is searched only where it may match.
    """
    lo = max(0, pos - 40)
    last = pos
    while last > lo and text[last - 1].isspace():
        last -= 1
    if last > lo and text[last - 1] not in _LEAD_ENDS and "\n" not in text[last:pos] and "\f" not in text[last:pos]:
        return False
    return _VERB_LEAD.search(text, lo, pos) is not None


def _rstripped(text: str, end: int) -> int:
    """``len(text[:end].rstrip())`` without copying the text."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def _lead_paragraph(scan: _Scan, pos: int) -> int:
    """Where the paragraph holding ``pos`` starts, or the lead of the list it continues.

    ``Thực hiện Chỉ thị số 27/CT-TTg ...;`` / ``Công văn số 6676/BYT-CDS ...``: a paragraph
    with no lead word after one ending in ``;`` or ``,`` is the next item of the same list.
    """
    text = scan.text
    start = scan.paragraph_start(pos)
    for _ in range(8):
        if (_LEGAL_AT.match(text, start, pos) or _IMPLEMENTS_AT.match(text, start, pos)
                or _NOT_BASIS_AT.match(text, start, pos) or start == 0):
            return start
        prev_end = _rstripped(text, start)
        if prev_end == 0 or text[prev_end - 1] not in ";,":
            return start
        start = scan.paragraph_start(prev_end - 1)
    return start


def _relation(scan: _Scan, s: Symbol, zone_end: int) -> str:
    """``Căn cứ`` paragraphs are legal basis, ``Thực hiện`` ones implemented; the rest mentions."""
    title, text = scan.title, scan.text
    if title and title.span.start <= s.start < title.span.end:
        return "implements" if _IMPLEMENT_VERB.search(text[title.span.start:s.start]) else "mentions"
    if s.start >= zone_end:
        return "legal_basis" if scan.heads_basis_item(s) else "mentions"
    start = _lead_paragraph(scan, s.start)
    if _NOT_BASIS_AT.match(text, start, s.start):
        return "mentions"
    if _LEGAL_AT.match(text, start, s.start):
        return "legal_basis"
    if _IMPLEMENTS_AT.match(text, start, s.start) or _BUILT_ON_AT.match(text, start, s.start):
        return "implements"
    sentence = scan.sentence_start(start, s.start)
    if sentence > start:
        # A hard-wrapped preamble opens a sentence mid-line: "... giai đoạn 2021 -\n2025. Trên cơ sở Kế hoạch số ..."
        if _LEGAL_AT.match(text, sentence, s.start):
            return "legal_basis"
        if _IMPLEMENTS_AT.match(text, sentence, s.start) or _BUILT_ON_AT.match(text, sentence, s.start):
            return "implements"
    return "implements" if scan.verb_between(sentence, s.start) else "mentions"


_SHARED = re.compile(r"^\s*(?:,|và|hoặc)\s*(?:số\s*)?\d[\w/.\-–‑&]*(?=\s*,?\s*ngày)")


def _date_after(text: str, end: int) -> DateMatch | None:
    """The date written after a symbol, or after the next symbol when both share it
    (``số 008/CĐ-UBND và số 009/CĐ-UBND ngày 19/11/2025``)."""
    found = _date_right_after(text, end)
    if found is None:
        shared = _SHARED.match(text[end:end + 60])
        if shared:
            found = _date_right_after(text, end + shared.end())
    return found


def _date_right_after(text: str, end: int) -> DateMatch | None:
    window = text[end:end + 70]
    for d in find_dates(window):
        gap = window[:d.start]
        if _GAP_TO_DATE.match(gap) or (d.form == "words" and _PUNCT_GAP.match(gap)):
            return DateMatch(d.start + end, d.end + end, d.text, d.year, d.month, d.day, d.date, d.form)
        break
    return None


def _issuer_after(text: str, pos: int) -> tuple[str | None, int]:
    """``của Bộ trưởng Bộ Y tế`` or a body written straight after the date."""
    rest = _SOFT_BREAK.sub(" ", text[pos:pos + 260])  # same length: offsets still hold
    m = _OF_LEAD.match(rest)
    start = m.end() if m else len(rest) - len(rest.lstrip(" ,"))
    if not m and not starts_with_body(rest[start:]):
        return None, pos
    stop = _ISSUER_STOP.search(rest, start)
    end = stop.start() if stop else len(rest)
    if stop and rest[end] == "," and starts_with_body(rest[start:end]):
        end = _enumeration_end(rest, end)
    end = _named_by_topic(rest, start, end)
    session = _SESSION_OF.match(rest, start, end) and _SESSION_BODY.match(rest, end)
    if session:
        # "của Hội nghị lần thứ 6, Ban Chấp hành Trung ương khoá XII": the session, then its committee
        stop = _ISSUER_STOP.search(rest, session.end())
        end = stop.start() if stop else len(rest)
    name = rest[start:end].strip()
    if not name or len(name) > _MAX_ISSUER or not (starts_with_body(name) or name[0].isupper()):
        return None, pos
    return name, pos + end


_SESSION_OF = re.compile(r"Hội nghị\s+(?:lần\s+thứ\s+\w+|Trung ương\s+\w+)\s*$", re.I)
_SESSION_BODY = re.compile(r",\s*(?=Ban Chấp hành\b)", re.I)


# A committee named by its field: "Ban Chỉ đạo về phát triển khoa học, ..." - the bare head alone
# ("Ban Chỉ đạo") names no body, so its "về ..." is part of the name, not the cited subject.
_BARE_HEAD = re.compile(r"^(?:Ban Chỉ đạo|Hội đồng|Tổ công tác|Ban Thường trực)$", re.I)


def _named_by_topic(rest: str, start: int, end: int) -> int:
    """Extend ``Ban Chỉ đạo`` over ``về phát triển ... tỉnh`` up to the next stop."""
    about = _ABOUT.match(rest, end)
    if not _BARE_HEAD.match(rest[start:end].strip()) or not about:
        return end
    topic = about.end()
    stop = _ISSUER_STOP.search(rest, topic)
    new_end = stop.start() if stop else len(rest)
    if stop and rest[new_end] == ",":
        new_end = _enumeration_end(rest, new_end)
    return new_end if new_end > topic else end


def _enumeration_end(rest: str, comma: int) -> int:
    """Where a name listing its fields ends (``Bộ Văn hóa, Thể thao và Du lịch``), else ``comma``."""
    pos = comma
    for _ in range(6):
        part = _ENUM_PART.match(rest, pos)
        if not part or _NOT_ENUM.match(part.group(1)) or starts_with_body(part.group(1)):
            return comma
        pos = part.end()
        if rest.startswith(",", pos):
            continue
        last = _ENUM_LAST.match(rest, pos)
        if not last:
            return comma
        stop = _ISSUER_STOP.search(rest, pos + 1)
        end = min(last.end(), stop.start() if stop else len(rest))
        tail = rest[pos:end].strip()
        if tail.startswith("và ") and len(tail) > 3 and not starts_with_body(tail[3:]):
            return len(rest[:end].rstrip())
        return comma
    return comma


@cache
def _next_cite() -> re.Pattern[str]:
    """``, số 008/CĐ-UBND``, ``và Thông tư số 85/2020/TT-BTC ngày 01/10/2020``: the next item of a list."""
    return re.compile(
        r"\s*(?:[,;]|và)\s*(?:(?i:" + _TYPE_ALTERNATION() + r")\s+)?(?:[Ss]ố\s*)?\d[\w/.\-–‑&]*(?:\s[A-ZĐ][\w\-&]*)?"
        r"(?:\s*,?\s*ngày\s*[\d/.\-]+|\s*,?\s*ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})?")


def _issuer_shared(text: str, pos: int) -> str | None:
    """``Thông tư số 92/2009/TT-BTC ngày 12/5/2009 và Thông tư số 85/2020/TT-BTC ngày 01/10/2020
    của Bộ Tài chính``: the body named after the last item of a list issued them all."""
    moved = False
    for _ in range(6):
        m = _next_cite().match(text, pos, pos + 120)
        if not m or not _DIGIT.search(m.group(0)):
            break
        pos, moved = m.end(), True
    if not moved:
        return None
    name, _ = _issuer_after(text, pos)
    return name if name and _OF_AHEAD.match(text[pos:pos + 12]) else None


def _issuer_of_group(scan: _Scan, s: Symbol) -> str | None:
    """``các Quyết định của Thủ tướng Chính phủ: Quyết định số 326/QĐ-TTg ...`` or ``Các Nghị định
    của Chính phủ quy định ... (Số 37/2019/NĐ-CP ...)``: the body named for the whole group."""
    text = scan.text
    group_end = scan.group_before(scan.paragraph_start(s.start), s.start)
    if group_end is None:
        return None
    inside = text.count("(", group_end, s.start) > text.count(")", group_end, s.start)
    listed = text.find(":", group_end, s.start) >= 0 and not _FULL_STOP.search(text, group_end, s.start)
    if not (inside or listed):
        return None
    name, _ = _issuer_after(text, group_end)
    return name


@cache
def _group_of_types() -> re.Pattern[str]:
    """``các Quyết định của``: the match opens at "ác" (the "C"/"c" and the word boundary before it
    are looked behind for), so the search skips ahead from one "ác" to the next as plain text."""
    return re.compile(r"ác(?<=(?<!\w)[Cc]ác)\s+(?:" + _TYPE_ALTERNATION() + r")\s+(?=của\s)")


@cache
def _body_then_cite() -> re.Pattern[str]:
    return re.compile(r"\bcủa\s+([^;,.\n\f]{3,90}?)\s+tại\s+(?:" + _TYPE_ALTERNATION() + r")?\s*(?:số\s*)?:?\s*$", re.I)


@cache
def _subject_end() -> re.Pattern[str]:
    return re.compile(r";|\.(?:\s|$)|[\n\f]|[”\"]|,\s+(?:" + _TYPE_ALTERNATION() + r")\s")


@lru_cache(maxsize=256)
def _name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.I)


def _issuer_before(text: str, s: Symbol) -> str | None:
    """``của Bộ Nội vụ tại Công văn số 8935/BNV-...``: the body named before the citation."""
    before = text[max(0, s.start - 160):s.start]
    m = _body_then_cite().search(before)
    if m and starts_with_body(m.group(1)):
        return m.group(1).strip()
    return None


def _subject_after(text: str, pos: int) -> str | None:
    rest = text[pos:pos + _MAX_SUBJECT + 50]
    m = _SUBJECT.match(rest) or _SUBJECT_VERB.match(rest)
    if not m:
        return None
    body = rest[m.end():]
    quoted = _QUOTED.match(body)
    if quoted and ("“" in rest[:m.end()] or rest.lstrip().startswith(("“", '"'))):
        return quoted.group(1).strip()
    end = _subject_end().search(body)
    subject = body[:end.start()] if end else body[:_MAX_SUBJECT]
    return subject.strip(" ,") or None


@cache
def _TYPE_ALTERNATION() -> str:
    return "|".join(re.escape(w) for w, _ in doc_types()["words"])


@cache
def _type_before() -> re.Pattern[str]:
    return re.compile(r"(" + _TYPE_ALTERNATION() + r")\s*(?:số|Số|số:)?\s*:?\s*$", re.I)


@cache
def _type_of_word() -> dict[str, str]:
    """Lower-cased type word → type code; the first spelling listed wins."""
    out: dict[str, str] = {}
    for w, c in doc_types()["words"]:
        out.setdefault(w.lower(), c)
    return out


@cache
def _type_opening() -> re.Pattern[str]:
    """The type words in lower case: where a match of ``_type_before`` can start."""
    return re.compile("|".join(re.escape(w.lower()) for w, _ in doc_types()["words"]))


def _doc_type_before(text: str, s: Symbol) -> str | None:
    before = text[max(0, s.start - 45):s.start]
    found = matches_at(_type_before(), _type_opening(), before, lowered(before))
    m = found[0] if found else None  # the first match, as search() would give
    if m:
        return _type_of_word()[m.group(1).lower()]
    return s.doc_type


def _reference(doc: Document, scan: _Scan, s: Symbol, zone_end: int, area: Area | None, context: PlanContext) -> dict:
    """The fields of the :class:`Reference` one citation makes (a dict: citations of one document merge first)."""
    text = doc.text
    date = _date_after(text, s.end)
    pos = date.end if date else s.end
    issuer, pos = _issuer_after(text, pos)
    if issuer is None:
        issuer = (_issuer_before(text, s) or _issuer_shared(text, date.end if date else s.end)
                  or _issuer_of_group(scan, s) or _sole_issuer(text, s))
    if issuer and not any(c.islower() for c in issuer):
        issuer = display_name(issuer)  # cited in a title in capitals: "CỦA THỦ TƯỚNG CHÍNH PHỦ"
    subject = _subject_after(text, pos)
    year = s.year or (date.year if date else None)
    info = describe(issuer, area) if issuer else _describe_code(s, area, context)
    ref_id = canonical_id(s.number, year, info.province if info else None,
                          info.district if info and info.level in ("district", "party", "other") else None)
    end = pos
    quoted = text[s.start:end].strip()
    return dict(
        number=s.number,
        canonical_id=ref_id,
        doc_type=_doc_type_before(text, s),
        date=date.iso if date else None,
        issuer=issuer,
        subject=subject,
        relation=_relation(scan, s, zone_end),
        issuer_level=info.level if info else None,
        issuer_province=info.province if info else None,
        issuer_district=info.district if info else None,
        text=quoted,
        span=doc.span(s.start, s.start + len(quoted)),  # the span holds what ``text`` quotes
        method="rule",
    )


def _sole_issuer(text: str, s: Symbol) -> str | None:
    """The body a code belongs to alone (``…/QĐ-TTg`` is always the Prime Minister's), when the
    sentence names it where no rule attaches it: ``Quyết định số 1729/QĐ-TTg ... sửa đổi Quyết định
    số 655/QĐ-TTg ... của Thủ tướng Chính phủ``; ``được Thủ tướng Chính phủ phê duyệt tại các Quyết
    định: số 36/QĐ-TTg ...``. A sentence that never names it leaves the issuer unknown, and codes
    several bodies share (``TW``, ministries) are never read this way."""
    info = issuer_info(s.issuer_code)
    if not info or not info.get("sole"):
        return None
    start, end = _sentence_bounds(text, s.start)
    name = info["name"]
    found = _name_pattern(name).search(text[start:end])
    return found.group(0) if found else None


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos``: from the last full stop or blank line to the next (600 chars at most)."""
    lo = max(0, pos - 600)
    stops = list(_SENTENCE_STOP.finditer(text[lo:pos]))
    start = lo + stops[-1].end() if stops else lo
    nxt = _SENTENCE_STOP.search(text[pos:pos + 600])
    return start, pos + (nxt.start() if nxt else min(600, len(text) - pos))


def _describe_code(s: Symbol, area: Area | None, context: PlanContext):
    """Without an issuer phrase, the symbol's code says the level; local codes take our area."""
    info = issuer_info(s.issuer_code)
    if not info or info["scope"] == "central":
        return describe(info["name"], None, s.issuer_code) if info else None
    if info["scope"] == "district" and context.issuer_level in ("district",) and area:
        return describe(info["name"], area, s.issuer_code)
    local = Area(area.province, None, area.province_2025) if area else None
    return describe(info["name"], local, s.issuer_code)


def _merge(cites: list[_Cite], area: Area | None) -> list[Reference]:
    """One reference per document: the strongest relation, details filled from every citation."""
    groups: dict[str, list[dict]] = {}
    for c in cites:
        groups.setdefault(symbol_key(c.symbol.number), []).append(c.ref)
    out = []
    for refs in groups.values():
        best = max(refs, key=lambda r: (_RANK[r["relation"]], r["date"] is not None, r["issuer"] is not None,
                                        -r["span"].start))
        first_strong = min((r for r in refs if _RANK[r["relation"]] == _RANK[best["relation"]]), key=lambda r: r["span"].start)
        best = first_strong
        filled = {
            field: best[field] or next((r[field] for r in refs if r[field]), None)
            for field in ("date", "issuer", "subject", "issuer_level", "issuer_province", "issuer_district")
        }
        year = int(filled["date"][:4]) if filled["date"] else None
        district = filled["issuer_district"] if filled["issuer_level"] in ("district", "party", "other") else None
        ref_id = canonical_id(best["number"], year, filled["issuer_province"], district)
        out.append(Reference(**{**best, **filled, "canonical_id": ref_id}))
    return sorted(out, key=lambda r: r.span.start)


def _law_lead(text: str, start: int, end: int) -> bool:
    """Whether the law at ``end`` heads its own citation: ``Căn cứ Luật ...``, ``...; Luật ...``."""
    last = _rstripped(text, end)
    return (last > start and text[last - 1] in ";,") or _LAW_LEAD_WORD.fullmatch(text, start, end) is not None


def _laws(doc: Document, scan: _Scan, zone_end: int, seen: set[str | None]) -> list[Reference]:
    """``Căn cứ Luật Tổ chức chính quyền địa phương ngày 16/6/2025``: laws cited by name."""
    out = []
    zone = doc.text[:zone_end]
    for m in matches_at(_LAW, _LAW_WORD, zone, zone):  # every citation of a law opens with "Luật"
        start = scan.paragraph_start(m.start())
        if not _LEGAL_AT.match(doc.text, start, m.start()) or not _law_lead(doc.text, start, m.start()):
            continue
        name = _SPACES.sub(" ", m.group(1)).strip()
        date = _date_after(doc.text, m.end(1))
        key = "LUAT:" + _NOT_KEY.sub("-", fold(name)).strip("-")
        if date:
            key += f"@{date.year}"
        if key in seen:
            continue
        seen.add(key)
        out.append(Reference(
            number=None, canonical_id=key, doc_type="Luật", date=date.iso if date else None,
            issuer="Quốc hội", subject=name, relation="legal_basis", issuer_level="central",
            text=doc.text[m.start():date.end if date else m.end(1)],
            span=doc.span(m.start(), date.end if date else m.end(1)), method="rule",
        ))
    return out
