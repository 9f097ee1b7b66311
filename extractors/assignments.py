"""Who must do what: agencies and their tasks, from headings, prose, labels and tables.

Four shapes carry an assignment in Vietnamese plans:

* a numbered agency heading under ``Tổ chức thực hiện`` (``1. Phòng Y tế huyện:``)
  with its bullets as tasks; several agencies under one heading are one assignment each;
* prose: ``Giao Phòng Kế hoạch Nghiệp vụ và Điều dưỡng là đơn vị đầu mối`` (focal
  point), ``Sở Y tế chủ trì, phối hợp với Sở Tài chính`` (lead and cooperate),
  ``UBND tỉnh giao cho Sở Y tế, Sở Tài chính...`` (responsible);
* label lines: ``- Cơ quan chủ trì: Sở Nội vụ`` / ``- Cơ quan phối hợp: ...``;
* appendix tables with ``Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành``.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, replace

from extractors import agencies
from extractors.agencies import Mention
from extractors.context import PlanContext
from extractors.scan import lowered_document, matches_from, word_positions
from extractors.spans import within
from pipeline.document import Document, line_end, line_start, split_lines
from schemas import Assignment, OutlineNode, Span

# the head of a body named before it ("Chánh Văn phòng Bộ", "Vụ trưởng Vụ Pháp chế"): the body is meant
_TITLES = (r"(?:Chủ\s+tịch|Thủ\s+trưởng|Giám\s+đốc|Lãnh\s+đạo|Chánh|(?:Tổng\s+)?Cục\s+trưởng|Vụ\s+trưởng|Viện\s+trưởng|"
           r"Hiệu\s+trưởng|Tổng\s+biên\s+tập|Trưởng)")
_ORG_SECTION = re.compile(r"tổ\s+chức\s+thực\s+hiện|trách\s+nhiệm\s+thực\s+hiện|phân\s+công\s+nhiệm\s+vụ|"
                          r"nhiệm\s+vụ\s+cụ\s+thể|nhiệm\s+vụ\s+của|trách\s+nhiệm\s+của", re.IGNORECASE)
_HEADING_PREFIX = re.compile(
    rf"\s*(?:(?:Đề\s+nghị|Giao|{_TITLES})\s*:?\s+(?:cho\s+)?)?", re.IGNORECASE
)
_SEPARATORS = re.compile(r"^[\s,;:.&\-–]*(?:(?:và|cùng)\s+)?[\s,;]*$", re.IGNORECASE)
_PAREN = re.compile(r"\([^()]*\)")
_COOPERATE_START = re.compile(r"^\s*(?:[-+*•]\s*)?(?:chủ\s+động\s+|tích\s+cực\s+)?phối\s+hợp\b", re.IGNORECASE)
_LEAD_START = re.compile(r"^\s*(?:[-+*•]\s*)?chủ\s+trì", re.IGNORECASE)
_FOCAL = re.compile(r"(?:là|làm)\s+(?:cơ\s+quan|đơn\s+vị)?\s*(?:đầu\s+mối|thường\s+trực)|cơ\s+quan\s+thường\s+trực",
                    re.IGNORECASE)
# "(?i:(?:Cơ\s+quan|Đơn\s+vị)\s+(?P<role>...)...)" written to open with a plain character class: a search
# then skips in C to the next C/Đ instead of trying the case-blind alternation at every position.
_LABEL = re.compile(
    r"[CcĐđ](?:(?<=[Cc])(?i:ơ\s+quan)|(?<=[Đđ])(?i:ơn\s+vị))"
    r"(?i:\s+(?P<role>chủ\s+trì|phối\s+hợp|thực\s+hiện|đầu\s+mối)[^:\n\f]{0,40}:[\s*]*)"
)
_LIST_GAP = re.compile(
    # a bare kind in the list ("Các sở, ban, ngành, đơn vị, tổ chức chính trị - xã hội") names no body of its own
    # "các sở, ban, ngành liên quan, UBND các huyện": "liên quan" closes a group, the list goes on
    rf"[\s,;*]*(?:(?:có\s+)?liên\s+quan\s*[,;][\s,;*]*)?(?:(?:đơn\s+vị|cơ\s+quan|địa\s+phương|hội)(?:\s+(?:có\s+)?liên\s+quan)?\s*,[\s,;*]*)*(?:(?:và|cùng|hoặc)\s+)?(?:{_TITLES}\s+)?"
    # "Giám đốc các sở: Y tế, Tài chính": the kind written once before its names (see agencies._enumerated)
    r"(?:các\s+(?:sở|bộ)\s*:\s*)?",
    re.IGNORECASE
)
_SPACES = re.compile(r"\s+")
_ROLE_OF_LABEL = {"chủ trì": "lead", "phối hợp": "cooperate", "thực hiện": "responsible", "đầu mối": "focal_point"}
_BULLET = re.compile(r"^\s*(?:[-+*•●▪–]|[a-zđ]\)|\d+(?:\.\d+)*[.)])\s*")
_NUMBER_CELL = re.compile(r"^\d{1,3}\.?$")
_SECTION_CELL = re.compile(r"^(?:[IVXLC]+|[A-Z])[.)]\s")
_NUMBERING_HEADER = re.compile(r"^(?:S[ốố]\s+)?S?TT$", re.IGNORECASE)
MAX_TASK = 600


@dataclass(frozen=True, slots=True)
class Row:
    """One row of an assignment table: named cells with their text spans."""

    span: Span
    cells: dict[str, tuple[str, int, int]]


def extract(doc: Document, context: PlanContext, rows: list[Row] | None = None) -> list[Assignment]:
    """All assignments in ``doc``, headings first, then labels, tables and prose.

    ``rows`` are ``table_rows(doc)`` when the caller has read them already (the
    deadlines pass reads the same rows).
    """
    body = _body_range(doc)
    mentions = [m for m in agencies.find(doc.text, context) if body[0] <= m.start < body[1]]
    blocks = _lead_blocks(doc, mentions)  # read once: the headings' assignments and the blocks prose defers to
    found = [a for _, _, named in blocks for a in named]
    found += _labels(doc, mentions, body)
    found += _bullet_names(doc, mentions, body)
    found += _table_rows(doc, table_rows(doc) if rows is None else rows, context)
    found += _prose(doc, mentions, body, context, blocks)
    issuer = _own_codes(context)  # "1. UBND tỉnh chỉ đạo Sở Y tế ...": the plan's issuer gives tasks, it takes none
    return _dedupe([a for a in found if a.agency_code not in issuer])


def _body_range(doc: Document) -> tuple[int, int]:
    """From the end of the preamble to ``Nơi nhận``: citations and recipients assign nothing.

    Appendices after the signature (task tables) are body again.
    """
    first_section = next((n.span.start for n in doc.outline if n.kind == "section"), len(doc.text))
    front = [n.span.end for n in doc.outline if n.kind in ("preamble", "title", "number_line", "date_line")]
    # a decision's articles ("Điều 2. Giám đốc Sở Tài chính ... chịu trách nhiệm thi hành") come before
    # the title of the plan it issues: the body starts after the front matter before the first section
    start = max((end for end in front if end <= first_section), default=0) if front else 0
    return start, len(doc.text)


def _closing_spans(doc: Document) -> list[Span]:
    return [n.span for n in doc.outline
            if n.kind in ("recipients", "signature", "preamble", "header", "title", "number_line", "date_line")]


# ---- numbered agency headings -------------------------------------------------------------


def _org_sections(doc: Document) -> list[OutlineNode]:
    return [n for n in doc.outline if n.kind == "section" and _ORG_SECTION.search(n.heading[:80])]


def _agency_sections(doc: Document) -> list[tuple[OutlineNode, bool]]:
    """Numbered sections that may be an agency's heading, each with whether it sits under ``Tổ chức thực hiện``.

    A heading that is nothing but an agency name introduces that agency's tasks wherever
    it stands (``II. NỘI DUNG THỰC HIỆN`` / ``2. Sở Tài chính``); outside the
    organisation section only such pure-name headings count (see ``_heading_assignments``).
    """
    orgs = _org_sections(doc)
    in_background = within((s.start, s.end) for s in _background_spans(doc))
    out = []
    for node in doc.outline:
        if node.kind != "section" or node.level < 2 or any(node is o for o in orgs):
            continue
        if in_background(node.span.start):
            continue
        out.append((node, any(o.span.start < node.span.start < o.span.end for o in orgs)))
    return out


def _heading_line(doc: Document, node: OutlineNode) -> tuple[int, int]:
    end = line_end(doc.text, node.span.start)  # "2. Sở Tài chính\fa) Phối hợp": a page break ends the heading too
    return node.span.start, min(end, node.span.end)


def _heading_assignments(doc: Document, node: OutlineNode, mentions: list[Mention], starts: list[int],
                         sentences: bool = True) -> list[Assignment]:
    """``9. Đài Phát thanh và Truyền hình tỉnh, Báo Bắc Giang`` → two assignments.

    A heading ``<agencies>:`` or a short heading of agency names gives its block as tasks;
    a numbered sentence led by agencies (``1. Lãnh đạo các đơn vị ... báo cáo ...``) is
    one task of those agencies.
    """
    line_start, line_end = _heading_line(doc, node)
    line = doc.text[line_start:line_end]
    label = re.match(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s*", line)
    head_start = line_start + (label.end() if label else 0)
    prefix = _HEADING_PREFIX.match(doc.text, head_start)
    extra = _heading_group(doc, prefix.end(), line_end, mentions if sentences else None)
    # The heading line's mentions read on and pruned as _outermost(_extended_in_line(mentions + extra))
    # would; mentions before and after the line pass through those unchanged, so only the line's are worked.
    lo, hi = bisect.bisect_left(starts, line_start), bisect.bisect_left(starts, line_end)
    own = mentions[lo:hi]
    own = _extended_in_line(doc, own, line_start, line_end, own + extra)
    extra = _extended_in_line(doc, extra, line_start, line_end, mentions[lo:hi] + extra)
    inner = _inner(own + extra, line_start, line_end)
    own = [m for m in own if id(m) not in inner]
    extra = [m for m in extra if id(m) not in inner]
    after = mentions[hi:bisect.bisect_right(starts, max(line_end, head_start, prefix.end()), hi)]
    first = next((m for m in own + after + extra if m.start in (head_start, prefix.end())), None)
    if first is None:
        return []
    near = own + after + extra  # those that may lie in the line, in their order in the whole list
    block = doc.span(node.span.start, node.span.end)
    names_start = prefix.end()  # "6. Đề nghị: Hiệp hội ..., Hội Nông dân tỉnh:": the list follows the prefix
    colon = re.search(r":\s*$|:(?=\s*\S)", line[names_start - line_start:])
    outside = _outside_parens(doc.text, head_start, line_end)
    head_end = names_start + colon.start() if colon else line_end
    named = [m for m in near if head_start <= m.start and m.end <= head_end and outside(m)]
    if colon and colon.start() < 200 and _covers(doc.text, head_start, head_end, named):
        # "1. Sở Y tế, Sở Tài chính:" names the agencies; "2. Sở X chủ trì, phối hợp với ...: ..." is a sentence
        tasks, spans = _tasks(doc, head_end + 1, node.span.end)
        return [_assignment(doc, m, r, tasks, spans, block, "rule") for m in named for r in _heading_roles(line, tasks)]
    # "1.2. Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo": the agency, then its standing as focal point
    appositive = _FOCAL_APPOSITIVE.search(doc.text, head_start, line_end)
    names_end = appositive.start() if appositive else line_end
    named = [m for m in near if head_start <= m.start and m.end <= names_end and outside(m)]
    if len(line) <= 160 and _covers(doc.text, head_start, names_end, named):
        tasks, spans = _tasks(doc, line_end, node.span.end)
        return [_assignment(doc, m, r, tasks, spans, block, "rule") for m in named for r in _heading_roles(line, tasks)]
    if not sentences:
        return []  # outside "Tổ chức thực hiện" a sentence heading is left to the prose rules
    described = _described_group(doc, first, line_end, node)
    if described:
        return described
    whole = mentions[:lo] + own + mentions[hi:] + extra
    subject = _list_after(doc.text, first.start, _by_start(whole), groups=True)
    after = doc.text[subject[-1].end:subject[-1].end + 120]
    tasks, spans = _tasks(doc, head_start, node.span.end)
    return [_assignment(doc, m, r, tasks, spans, block, "rule") for m in subject for r in _roles_after(after)]


# "có trách nhiệm" ending a described group's heading: the group's duty, not part of its name
_DUTY_VERB = re.compile(r"[\s,]*(?:có|chịu)\s+trách\s+nhiệm\b", re.IGNORECASE)


def _described_group(doc: Document, first: Mention, line_end: int, node: OutlineNode) -> list[Assignment]:
    """``2. Các Sở, ngành chủ trì, quản lý, tham gia thực hiện các dự án ... thuộc Chương trình`` over bullets.

    A heading opening with a group and a relative clause, with its tasks below it and no
    sentence end, is the group's name: the clause says which bodies of the kind are meant.
    Support (``phối hợp``) makes it a sentence; ``có trách nhiệm`` ends the name.
    """
    text = doc.text
    if not first.group or not agencies.verb_at(text, first.end):
        return []
    heading = text[first.start:line_end].rstrip(" \t*")
    end = first.start + len(heading.rstrip(":"))
    duty = _DUTY_VERB.search(text, first.end, end)
    if duty:
        end = duty.start()
    clause = text[first.end:end]
    if heading.endswith((".", ";")) or len(clause) > 200 or re.search(r"phối\s+hợp|[.;:]", clause, re.IGNORECASE):
        return []
    tasks, spans = _tasks(doc, line_end, node.span.end)
    if not tasks:
        return []
    group = agencies._group_mention(text, first.start, end)
    block = doc.span(node.span.start, node.span.end)
    return [_assignment(doc, group, r, tasks, spans, block, "rule") for r in _heading_roles(heading, tasks)]


_FOCAL_APPOSITIVE = re.compile(r"\s+[-–]\s*(?:là\s+)?(?:cơ\s+quan|đơn\s+vị)\s+(?:đầu\s+mối|thường\s+trực)\b",
                               re.IGNORECASE)
# a group heading ends at punctuation or at "và" before another body ("và các ...", "và Sở ...")
_GROUP_STOP = re.compile(r"[:;(\n\f]|,\s|\s+và\s+(?=các\b|những\b|(?-i:[A-ZĐÀ-Ỹ]))", re.IGNORECASE)


def _inner(mentions: list[Mention], start: int, end: int) -> set[int]:
    """Mentions of the line inside a longer one: the heading's whole group name beats the prose reading of its start."""
    line = [m for m in mentions if start <= m.start < end]
    return {id(m) for m in line if any(o is not m and o.start <= m.start and m.end <= o.end
                                       and o.end - o.start > m.end - m.start for o in line)}


# words that make a heading a sentence about the group rather than the group's name
# (?-i:[\wÀ-ỹ]): the same class as under IGNORECASE (tests/test_agencies.py), compiled without per-character folding
_HEADING_PREDICATE = re.compile(r"(?<!(?-i:[\wÀ-ỹ]))(?:chủ\s+trì|phối\s+hợp|có\s+trách\s+nhiệm|chịu\s+trách\s+nhiệm|"
                                r"thực\s+hiện|triển\s+khai|tổ\s+chức\s+thực|là\s+(?:cơ\s+quan|đơn\s+vị))",
                                re.IGNORECASE)


def _heading_group(doc: Document, start: int, end: int, mentions: list[Mention] | None = None) -> list[Mention]:
    """``6. Đề nghị các tổ chức cung cấp dịch vụ chi trả``: a group heading read to the end of its slot.

    A heading that is one group and nothing else (``7. Các doanh nghiệp hoạt động trong
    lĩnh vực xây dựng, giao thông, vận tải ... trên địa bàn Tỉnh``) is the group's whole name;
    only under ``Tổ chức thực hiện`` (``mentions`` given), since elsewhere such a heading
    names a category (``a) Các cơ quan, đơn vị cấp tỉnh có liên quan`` in a quota list).
    """
    m = agencies._GROUP_PHRASE.match(doc.text, start)
    if m is None:
        return []
    whole = _whole_line_group(doc, m.end(), end, mentions) if mentions is not None else m.end()
    if whole > m.end():
        return [agencies._group_mention(doc.text, start, whole)]
    stop = _GROUP_STOP.search(doc.text, m.end(), end)
    group_end = agencies.group_end(doc.text, m.end(), stop.start() if stop else end, slot=True)
    if group_end <= m.end():
        return []
    return [agencies._group_mention(doc.text, start, group_end)]


# "Các doanh nghiệp viễn thông, tổ chức, cá nhân có liên quan": a list of kinds of body, not one group's name
_KIND_AFTER_COMMA = re.compile(r",\s*(?:các\s+)?(?:tổ\s+chức|cá\s+nhân|cơ\s+quan|đơn\s+vị|doanh\s+nghiệp|địa\s+phương|"
                               r"hộ\s+gia\s+đình|người\s+dân)(?!(?-i:[\wÀ-ỹ]))", re.IGNORECASE)


def _whole_line_group(doc: Document, pos: int, end: int, mentions: list[Mention]) -> int:
    """Where a heading made of one group name ends, or ``pos`` when the heading says more than a name."""
    line = doc.text[pos:end]
    body = line.rstrip(" \t*:.;")
    if not body or len(body) > 200 or ":" in body or "(" in body or _HEADING_PREDICATE.search(body) \
            or _KIND_AFTER_COMMA.search(body):
        return pos
    if any(pos <= o.start < pos + len(body) for o in mentions):
        return pos  # "Các doanh nghiệp viễn thông và Sở Khoa học ...": another body named after the group
    return pos + len(body)


def _extended_in_line(doc: Document, mentions: list[Mention], start: int, end: int,
                      others: list[Mention]) -> list[Mention]:
    """Head-noun names of a heading line read on to the end of their slot (see ``agencies.extend``).

    A name is not read over another mention of ``others`` (the line's mentions).
    """
    colon = doc.text.find(":", start, end)
    limit = colon if colon >= 0 else end
    out = []
    for m in mentions:
        if start <= m.start < limit and m.method == "rule":
            longer = agencies.extend(doc.text, m, limit)
            if all(not (m.end <= o.start < longer.end) for o in others):
                m = longer
                out += agencies.more_levels(doc.text, [m], PlanContext())  # "... cấp tỉnh, cấp xã"
        out.append(m)
    return out


_VAGUE_TAIL = re.compile(r"[\s,]*(?:và\s+)?(?:các\s+)?(?:cơ\s+quan|đơn\s+vị|địa\s+phương|tổ\s+chức)[^,;.:]{0,40}?"
                         r"(?:có\s+)?liên\s+quan", re.IGNORECASE)


_DUTY_ASIDE = re.compile(r"[\s,]*(?:theo|căn\s+cứ|trên\s+cơ\s+sở)\s+(?:vào\s+)?(?:(?:chức\s+năng|nhiệm\s+vụ|quyền\s+hạn)"
                         r"(?:\s*,\s*|\s+và\s+|\s+)?)+(?:được\s+giao|của\s+(?:mình|ngành|đơn\s+vị))?[\s,]*",
                         re.IGNORECASE)


# "phối hợp với các cơ quan, đơn vị liên quan tham mưu ...": no other body named, the subject carries the task
_VAGUE_PARTNERS = re.compile(r"[\s,]*(?:chủ\s+động\s+|tích\s+cực\s+)?phối\s+hợp\s+(?:chặt\s+chẽ\s+)?với\s+(?:các\s+)?"
                             r"(?:(?:cơ\s+quan|đơn\s+vị|địa\s+phương|tổ\s+chức|sở|ban|ngành)(?:\s*,\s*|\s+và\s+|\s+))+"
                             r"(?:có\s+)?liên\s+quan\b", re.IGNORECASE)


def _roles_after(after: str) -> list[str]:
    """``_role_after``, plus ``responsible`` when the subject cooperates with no body named."""
    role = _role_after(after)
    return [role, "responsible"] if role == "cooperate" and _VAGUE_PARTNERS.match(after) else [role]


def _role_after(after: str) -> str:
    """The role the verb after a subject list gives: ``chủ trì``, ``là cơ quan đầu mối``, ``phối hợp``.

    A vague tail of the list is skipped before ``chủ trì`` (``... và các đơn vị liên quan chủ trì``).
    """
    aside = _DUTY_ASIDE.match(after)  # "... theo chức năng, nhiệm vụ được giao chủ động phối hợp"
    after = after[aside.end():] if aside else after
    tail = _VAGUE_TAIL.match(after)
    if tail and re.match(r"\s*(?:có\s+trách\s+nhiệm\s+)?chủ\s+trì", after[tail.end():], re.IGNORECASE):
        after = after[tail.end():]
    if _CHU_TRI.match(after):
        return "lead"
    if _FOCAL.match(after.strip(" ,")):
        return "focal_point"
    if re.match(r"^[\s,]*(?:có\s+trách\s+nhiệm\s+|chủ\s+động\s+|tham\s+gia\s+)?phối\s+hợp", after, re.IGNORECASE):
        return "cooperate"
    return "responsible"


def _outside_parens(text: str, start: int, end: int):
    """A test for mentions not inside ``( ... )`` (``Sở Y tế (cơ quan Thường trực BCĐ)``)."""
    inside = [(m.start() + start, m.end() + start) for m in _PAREN.finditer(text[start:end])]
    return lambda m: not any(a <= m.start < b for a, b in inside)


def _covers(text: str, start: int, end: int, named: list[Mention]) -> bool:
    """Whether the heading is nothing but agency names (plus ``Đề nghị``, ``và``, parentheses)."""
    rest, pos = [], start
    for m in sorted(named, key=lambda m: m.start):
        rest.append(text[pos:m.start])
        pos = m.end
    rest.append(text[pos:end])
    leftover = _PAREN.sub(" ", "".join(rest))
    leftover = _HEADING_PREFIX.sub("", leftover.strip(), count=1)
    return bool(_SEPARATORS.match(leftover)) or len(leftover.strip(" ,;.:")) <= 2


# "Căn cứ chức năng, nhiệm vụ, quyền hạn được giao, ": the nouns of the opener may be listed with commas
_TASK_OPENER = re.compile(r"^\s*(?:[-+*•]\s*)?(?:Căn\s+cứ|Trên\s+cơ\s+sở|Theo|Trong\s+phạm\s+vi)\s+(?:vào\s+)?"
                          r"(?:(?:chức\s+năng|nhiệm\s+vụ|quyền\s+hạn)(?:\s*,\s*(?=chức|nhiệm|quyền)|\s+và\s+|\s+)"
                          r"|[^,;.]{0,60}?nhiệm\s+vụ)+"
                          r"[^,;.]{0,60},\s*", re.IGNORECASE)


# "Căn cứ vào khả năng cân đối ngân sách hàng năm, phối hợp ...": any short opening phrase before the role
_SHORT_OPENER = re.compile(r"^\s*(?:[-+*•]\s*)?(?:Căn\s+cứ|Trên\s+cơ\s+sở|Theo|Hằng\s+năm|Hàng\s+năm|Định\s+kỳ)"
                           r"\b[^,;.:]{0,80},\s*", re.IGNORECASE)
# a clause of the block where the heading agency supports another body ("...; phối hợp với Sở Y tế xây dựng")
_COOP_CLAUSE = re.compile(r"(?:^|[;.]\s*|,\s*)(?:[-+*•]\s*)?(?:chủ\s+động\s+|tích\s+cực\s+)?phối\s+hợp\s+"
                          r"(?:chặt\s+chẽ\s+)?với\s+(?:các\s+)?(?-i:[A-ZĐÀ-Ỹ])", re.IGNORECASE)


# "Chủ động phối hợp triển khai ...", "Phối hợp với các cơ quan liên quan ...", "tham gia phối hợp triển khai
# thực hiện Kế hoạch": supporting, with no body named
_UNNAMED_PARTNERS = re.compile(r"^\s*(?:[-+*•]\s*)?(?:chủ\s+động\s+|tích\s+cực\s+|tham\s+gia\s+)?phối\s+hợp[\s,]+(?:chặt\s+chẽ\s+)?"
                               r"(?:với\s+)?(?!(?-i:[A-ZĐÀ-Ỹ]))", re.IGNORECASE)


def _heading_roles(heading: str, tasks: list[str]) -> list[str]:
    """The heading agency's role, plus ``cooperate`` when a later clause has it support another body.

    ``6. Ủy ban nhân dân xã, phường`` with ``a) Tiếp tục tổ chức ...`` and ``d) Phối hợp với
    Sở Y tế, Sở Nội vụ rà soát ...`` is responsible for its own tasks and cooperates on one.
    """
    role = _heading_role(heading, tasks)
    if role == "responsible" and (any(_supports_other(t) for t in tasks)
                                  or (tasks and _UNNAMED_PARTNERS.match(_without_opener(tasks[0])))):
        return [role, "cooperate"]  # "7. Các doanh nghiệp ...: - Chủ động phối hợp triển khai ...; - Ứng dụng ..."
    return [role]


def _without_opener(task: str) -> str:
    opener = _TASK_OPENER.match(task) or _SHORT_OPENER.match(task)
    return task[opener.end():] if opener else task


def _supports_other(task: str) -> bool:
    """A clause of the task opens ``phối hợp với X`` (not ``Chủ trì, phối hợp với``, where X supports)."""
    return any(not re.search(r"chủ\s+trì\s*,?\s*$", task[max(0, m.start() - 12):m.start() + 1], re.IGNORECASE)
               for m in _COOP_CLAUSE.finditer(task))


def _heading_role(heading: str, tasks: list[str]) -> str:
    tasks = [_without_opener(t) for t in tasks]  # "Căn cứ chức năng, nhiệm vụ, phối hợp với ...": the role follows
    first = tasks[0] if tasks else ""
    if _FOCAL.search(heading) or _FOCAL_APPOSITIVE.search(heading) or re.match(r"^\s*là\s+(?:cơ\s+quan\s+|đơn\s+vị\s+)?đầu\s+mối", first, re.IGNORECASE):
        return "focal_point"
    if _LEAD_START.match(first):
        return "lead"
    if tasks and 2 * sum(bool(_COOPERATE_START.match(t)) for t in tasks) > len(tasks):
        return "cooperate"  # "2. Sở Nội vụ: Phối hợp Sở Y tế thẩm định ...": most tasks support another body
    if re.match(r"^\s*(?:[-+*•]\s*)?phối\s+hợp\s+(?:với\s+)?[^,;.]{0,80}(?:thực\s+hiện|triển\s+khai)", first,
                re.IGNORECASE):
        return "cooperate"  # "Phối hợp với Trung tâm Y tế huyện thực hiện ...": the heading agency supports
    return "responsible"


def _tasks(doc: Document, start: int, end: int) -> tuple[list[str], list[Span]]:
    """The bullets or paragraphs of a block, each a task with its span."""
    tasks, spans = [], []
    blank = False
    for line in split_lines(doc.text[start:end]):  # a page break ends a line as "\n" does
        raw = line.text
        text = raw.strip()
        if not text:
            blank = True
            continue
        marker = _BULLET.match(text)
        body = text[marker.end():] if marker else text
        if not body:
            continue
        lead = start + line.start + raw.index(body[:20])
        open_before = bool(tasks) and not re.search(r"[.;:!?…]\W*$", tasks[-1])
        if tasks and not marker and (not body[0].isupper() or (open_before and not blank)):
            # a paragraph broken across lines continues the previous task
            spans[-1] = doc.span(spans[-1].start, lead + len(body))
            tasks[-1] = doc.text[spans[-1].start:spans[-1].end][:MAX_TASK]
            blank = False
            continue
        blank = False
        tasks.append(body[:MAX_TASK])
        spans.append(doc.span(lead, lead + len(body)))
    return tasks, spans


# ---- bullets led by agency names ---------------------------------------------------------

_BULLET_LEAD = re.compile(r"[ \t]*[-+*•][ \t]*")


def _bullet_names(doc: Document, mentions: list[Mention], body: tuple[int, int]) -> list[Assignment]:
    """``+ Sở Xây dựng: hướng dẫn ...`` / ``+ Sở Tài chính phối hợp Ban Quản lý ...: hướng dẫn ...``.

    A bullet whose text before its colon is only agency names gives those agencies the
    task after the colon; names after ``phối hợp`` there cooperate. The task must open
    with a predicate verb, so member lists (``- Sở Y tế: 02 người``) assign nothing.
    """
    out: list[Assignment] = []
    skipped = within([(s.start, s.end) for s in _closing_spans(doc) + _background_spans(doc)])
    text = doc.text
    for node in doc.outline:
        if node.kind != "bullet" or not body[0] <= node.span.start < body[1]:
            continue
        if skipped(node.span.start):
            continue
        line_start, line_end = _heading_line(doc, node)
        marker = _BULLET_LEAD.match(text, line_start, line_end)
        colon = text.find(":", line_start, min(line_end, line_start + 220))
        if marker is None or colon < 0:
            continue
        task_start = colon + 1 + len(text[colon + 1:colon + 4]) - len(text[colon + 1:colon + 4].lstrip())
        if not agencies.verb_at(text, task_start):
            continue
        start = marker.end()
        while colon >= 0:  # "- Sở Y tế: chủ trì ...; Sở Nội vụ, Sở Tài chính: phối hợp thực hiện."
            found, next_start, next_colon = _bullet_assignments(doc, mentions, start, colon, node)
            out += found
            if not found:
                break
            start, colon = next_start, next_colon
    return out


_NEXT_NAMED_CLAUSE = re.compile(r";[ \t]*")
_TASK_ROLE = {"chủ": "lead", "phối": "cooperate"}


def _bullet_assignments(doc: Document, mentions: list[Mention], start: int, colon: int,
                        node: OutlineNode) -> tuple[list[Assignment], int, int]:
    """One ``<names>: <task>`` clause of a bullet, with where a next such clause starts and its colon (or -1)."""
    text = doc.text
    coop = re.compile(r"\s+(?:chủ\s+trì\s*,?\s*)?phối\s+hợp\s+(?:với\s+)?", re.IGNORECASE).search(text, start, colon)
    split = coop.start() if coop else colon
    own = [m for m in mentions if start <= m.start and m.end <= split]
    partners = [m for m in mentions if coop and coop.end() <= m.start and m.end <= colon]
    if not own or not _covers(text, start, split, own):
        return [], -1, -1
    if partners and not _covers(text, coop.end(), colon, partners):
        return [], -1, -1
    role = "lead" if coop and re.match(r"\s+chủ\s+trì", coop.group(0), re.IGNORECASE) else "responsible"
    task_start = colon + 1 + len(text[colon + 1:colon + 4]) - len(text[colon + 1:colon + 4].lstrip())
    if role == "responsible" and not coop:  # "Sở Y tế: chủ trì xây dựng ...", "Sở Nội vụ: phối hợp thực hiện"
        opening = re.match(r"(?:chủ\s+trì|phối\s+hợp)\b", text[task_start:task_start + 12], re.IGNORECASE)
        role = _TASK_ROLE[opening.group(0)[:4].lower().rstrip()] if opening else role
    end, next_start, next_colon = node.span.end, -1, -1
    for semi in _NEXT_NAMED_CLAUSE.finditer(text, task_start, node.span.end):
        after_colon = text.find(":", semi.end(), min(node.span.end, semi.end() + 160))
        names = [m for m in mentions if semi.end() <= m.start and m.end <= after_colon]
        if after_colon > 0 and names and names[0].start == semi.end() and _covers(text, semi.end(), after_colon, names) \
                and agencies.verb_at(text, after_colon + 1 + len(text[after_colon + 1:after_colon + 4])
                                     - len(text[after_colon + 1:after_colon + 4].lstrip())):
            end, next_start, next_colon = semi.start() + 1, semi.end(), after_colon
            break
    task_span = doc.span(colon + 1, end)
    quote = text[task_span.start:task_span.end].strip()
    lead = task_span.start + text[task_span.start:task_span.end].index(quote[:20]) if quote else task_span.start
    spans = [doc.span(lead, lead + len(quote))] if quote else []
    tasks = [quote[:MAX_TASK]] if quote else []
    block = doc.span(node.span.start, node.span.end)
    return ([_assignment(doc, m, role, tasks, spans, block, "rule") for m in own]
            + [_assignment(doc, m, "cooperate", tasks, spans, block, "rule") for m in partners]), next_start, next_colon


# ---- label lines --------------------------------------------------------------------------


def _labels(doc: Document, mentions: list[Mention], body: tuple[int, int]) -> list[Assignment]:
    """``- Cơ quan chủ trì: Sở Nội vụ, Sở Tài chính.`` under a numbered task."""
    out = []
    by_start = _by_start(mentions)
    for m in _case_blind_scan(_LABEL, doc.text, ("cơ", "đơn"), body):
        role = _ROLE_OF_LABEL[_SPACES.sub(" ", m.group("role").lower())]
        node = _enclosing_section(doc, m.start())
        task, task_span = _task_of(doc, node, m.start())
        block = doc.span(node.span.start, node.span.end) if node else None
        for named, clause_role in _label_clauses(doc.text, m.end(), by_start, role):
            for mention in named:
                out.append(_assignment(doc, mention, clause_role, [task] if task else [],
                                       [task_span] if task_span else [], block, "rule"))
    return out


_LEADS_AFTER = re.compile(r"[\s,]*(?:chịu\s+trách\s+nhiệm\s+)?chủ\s+trì\b", re.IGNORECASE)
_NEXT_CLAUSE = re.compile(r"[^;\n\f]*;[ \t]*")


def _label_clauses(text: str, pos: int, by_start: dict[int, Mention], role: str):
    """The agencies of a label line, clause by clause, with the role each clause gives them.

    ``- Cơ quan thực hiện: Sở Nội vụ chủ trì tham mưu ...; Sở Tư pháp và các sở, ban, ngành ... chủ
    động tổ chức triển khai``: Sở Nội vụ leads (its clause says ``chủ trì``), the bodies of the
    clause after the semicolon carry out the task as the label says.
    """
    while True:
        named = _list_after(text, pos, by_start, groups=True)
        if not named:
            return
        lead = role == "responsible" and _LEADS_AFTER.match(text, named[-1].end) is not None
        yield named, "lead" if lead else role
        clause = _NEXT_CLAUSE.match(text, named[-1].end)
        if clause is None or _LABEL.match(text, clause.end()):
            return
        pos = clause.end()


def _enclosing_section(doc: Document, pos: int) -> OutlineNode | None:
    best = None
    for n in doc.outline:
        if n.kind == "section" and n.span.start <= pos < n.span.end:
            if best is None or n.span.start >= best.span.start:
                best = n
    return best


def _task_of(doc: Document, node: OutlineNode | None, pos: int) -> tuple[str | None, Span | None]:
    """The task a label line belongs to: the heading of its numbered item."""
    if node is None:
        return None, None
    start, end = _heading_line(doc, node)
    label = re.match(r"^\s*(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]\s*", doc.text[start:end])
    if label:
        start += label.end()
    return doc.text[start:end].strip()[:MAX_TASK], doc.span(start, end)


def _by_start(mentions: list[Mention]) -> dict[int, Mention]:
    """Mentions by where they start (a later one at the same start wins), built once per list."""
    return {m.start: m for m in mentions}


_PLAIN_GAP = re.compile(r"[\s,;*]*")
_PLURAL = re.compile(r"các\s+", re.IGNORECASE)
_PAREN_AFTER = re.compile(r"\s*\([^()\n\f]{0,80}\)")


def _list_after(text: str, pos: int, by_start: dict[int, Mention], groups: bool) -> list[Mention]:
    """The agencies named one after another from ``pos`` (``Sở Y tế, Sở Tài chính và ...``).

    Bodies listed in parentheses after a kind of body are named too (``các nhà mạng
    (Viettel, VNPT, MobiFone)``, ``các doanh nghiệp viễn thông (Viettel, VNPT)``).
    """
    out = []
    while True:
        plain = _PLAIN_GAP.match(text, pos).end()
        gap = _LIST_GAP.match(text, pos)
        mention = by_start.get(plain) or by_start.get(gap.end() if gap else pos)
        if mention is None and gap:
            # "Văn phòng Tỉnh ủy và các Ban Xây dựng Đảng": a body's name starts after the plural "các"
            plural = _PLURAL.match(text, gap.end())
            mention = by_start.get(plural.end()) if plural else None
        if mention is None:
            kind = _KIND_THEN_PAREN.match(text, pos)
            members, end = _paren_members(text, kind.end(), by_start, groups) if kind else ([], pos)
            out += members
            if not members:
                break
            pos = end
            continue
        if groups or not mention.group:
            out.append(mention)
        pos = mention.end
        # "các nhà mạng (Viettel, VNPT)": a kind's members; "Trung tâm Dịch vụ việc làm (Sở Nội vụ)": one body's owner
        members, end = _paren_members(text, pos, by_start, groups) if mention.group or mention.plural else ([], pos)
        out += members
        paren = _PAREN_AFTER.match(text, pos)
        if members:
            pos = end
        elif paren:
            pos = paren.end()
    return out


# "các nhà mạng (", "các cơ quan liên quan (gồm": a kind of body whose members the parentheses name
_KIND_THEN_PAREN = re.compile(r"[\s,;]*(?:(?:và|cùng)\s+)?(?:các|những)\s+(?-i:[a-zđà-ỹ])[^()\n\f.;:]{0,50}?(?=\()",
                              re.IGNORECASE)
_PAREN_OPEN = re.compile(r"\s*\(\s*(?:(?:như|gồm|bao\s+gồm|là)\s*:?\s*)?", re.IGNORECASE)
_PAREN_CLOSE = re.compile(r"[\s,;]*(?:\.{2,}|…)?\s*\)")


def _paren_members(text: str, pos: int, by_start: dict[int, Mention], groups: bool) -> tuple[list[Mention], int]:
    """``(Sở Y tế, Sở Tài chính...)`` at ``pos``: its agencies and where it closes, when they are all it holds."""
    opened = _PAREN_OPEN.match(text, pos)
    if opened is None or opened.end() not in by_start:
        return [], pos
    inner, at, mention = [], opened.end(), by_start[opened.end()]
    while mention is not None:
        # "(Viettel Nghệ An, VNPT Nghệ An)": a branch named by its place, read up to the next comma
        place = _PLACE_TAIL.match(text, mention.end)
        if place:
            mention = replace(mention, end=place.end(), surface=text[mention.start:place.end()],
                              name=_SPACES.sub(" ", text[mention.start:place.end()]))
        if groups or not mention.group:
            inner.append(mention)
        at = mention.end
        gap = _LIST_GAP.match(text, at)
        mention = by_start.get(gap.end()) if gap and gap.end() > at else None
    closed = _PAREN_CLOSE.match(text, at)
    if not inner or closed is None:
        return [], pos  # "(Sở Y tế là cơ quan thường trực)": an aside, not a list
    return inner, closed.end()


_PLACE_TAIL = re.compile(rf"(?:\s+(?-i:[{agencies._UP}])[\wÀ-ỹ]*){{1,3}}(?=\s*(?:,|\)|\.{{2,}}|…|và\b))")


def _case_blind_scan(rx: re.Pattern[str], text: str, words: tuple[str, ...], span: tuple[int, int]):
    """``rx.finditer(text, *span)`` for a pattern whose every match opens with one of ``words`` in lower case.

    The words are found by ``str.find`` in the lower-cased text (see ``extractors.scan``) and the
    pattern tried only there: a search would try it at every character.
    """
    lower = lowered_document(text)
    if lower is None:
        return rx.finditer(text, *span)
    return matches_from(rx, text, word_positions(lower, words, *span), span[1])


# ---- prose --------------------------------------------------------------------------------

# "(?i:\b(?:giao|đề\s+nghị|yêu\s+cầu)\s+(?:cho\s+)?)", opening with a plain class for a fast search (as _LABEL)
_GIAO = re.compile(r"[GgĐđYy](?<=\b[GgĐđYy])(?:(?<=[Gg])(?i:iao(?:\s+nhiệm\s+vụ)?)|(?<=[Đđ])(?i:ề\s+nghị)|(?<=[Yy])(?i:êu\s+cầu))"
                   r"(?i:\s+(?:cho\s+)?)")
_CHU_TRI = re.compile(r"^[\s,]*(?:có\s+trách\s+nhiệm\s+|được\s+giao\s+)?chủ\s+trì\b", re.IGNORECASE)
_PHOI_HOP = re.compile(r"[\s,]*(?:và\s+)?phối\s+hợp\s+(?:chặt\s+chẽ\s+)?(?:với\s+)?", re.IGNORECASE)


_XEM_XET = re.compile(r"\s*xem\s+xét")
# a short run of words then a colon and a count: the name of a quota or list line, not a sentence
_LABEL_NAME = re.compile(r"[^,;:.\n\f]{0,40}:\s*(?:Mỗi|mỗi|\d)")


def _prose(doc: Document, mentions: list[Mention], body: tuple[int, int], context: PlanContext,
           blocks: list[tuple[int, int, list[Assignment]]]) -> list[Assignment]:
    """Assignments in sentences; ``blocks`` are the agency headings' blocks (see ``_lead_blocks``)."""
    out: list[Assignment] = []
    closing = _closing_spans(doc)
    in_closing = within([(s.start, s.end) for s in closing])
    in_block = within([(a, b) for a, b, _ in blocks])
    by_start = _by_start(mentions)
    text = doc.text
    for m in _case_blind_scan(_GIAO, text, ("giao", "đề", "yêu"), body):
        if in_closing(m.start()):
            continue
        if not m.group(0).lower().startswith("giao") and in_block(m.start()):
            continue  # inside an agency's block, "đề nghị X" is that agency's request, not X's task
        named = _list_after(text, m.end(), by_start, groups=True)
        if not named or _XEM_XET.match(text, named[-1].end):
            continue  # "đề nghị Thủ tướng Chính phủ ... xem xét tặng Bằng khen": a request upward, not a task
        if _raises_difficulties(text, m.start(), named[-1].end):
            continue
        role = _role_after(text[named[-1].end:named[-1].end + 80])
        role = "responsible" if role == "cooperate" else role
        sentence = _sentence(doc, m.start())
        out += [_assignment(doc, n, role, [sentence[0]], [sentence[1]], sentence[1], "rule") for n in named]
        # "Giao Trung tâm Y tế huyện chủ trì, phối hợp với Phòng Văn hóa - Thông tin và UBND các xã ...": partners
        chu_tri = _CHU_TRI.match(text[named[-1].end:named[-1].end + 80]) if role == "lead" else None
        coop = _PHOI_HOP.match(text, named[-1].end + chu_tri.end()) if chu_tri else None
        if coop:
            out += [_assignment(doc, n, "cooperate", [sentence[0]], [sentence[1]], sentence[1], "rule")
                    for n in _list_after(text, coop.end(), by_start, groups=True) if n.start < sentence[1].end]
    out += _directed(doc, body, by_start, in_closing, context)
    in_skipped = within([(s.start, s.end) for s in closing + _background_spans(doc)])
    issuer = _own_codes(context)
    block_out: list[Assignment] = []
    partner_bullets: set[int] = set()  # bullets opened by partners of a "Chủ trì, phối hợp" line above them
    for block_start, block_end, heading_named in blocks:
        block_out += _block_clauses(doc, by_start, block_start, block_end, heading_named, partner_bullets)
    taken = -1
    heading_starts = {h.span.start for _, _, named in blocks for h in named}
    ends = {m.end for m in mentions}
    for first in mentions:
        if first.start < taken or in_skipped(first.start) or first.start in partner_bullets:
            continue
        if _listed_after_other(text, first, ends):
            continue  # "... báo cáo Sở X và các Sở, ngành chủ trì dự án": the tail of a list, no subject
        found = _clause_subject(text, first, mentions, by_start)
        if found is None:
            continue
        subject, pred = found
        taken = subject[-1].end
        if _raises_difficulties(text, first.start, pred):
            continue
        after = text[pred:pred + 80]
        sentence = _sentence(doc, first.start)
        role = _role_after(after)
        if role == "responsible" and _LABEL_NAME.match(after):
            continue  # "- Đoàn Kiểm tra giám sát bầu cử của tỉnh: Mỗi đoàn 01 cá nhân": a list label, no predicate
        if role == "cooperate" and not _bullet_subject(text, first):
            continue  # "Sở X phối hợp với Sở Y ..." mid-paragraph: left to the lead's sentence
        if role == "responsible" and not _strong_start(text, first):
            continue  # "... và Trạm y tế các xã bảo đảm ...": only chủ trì / đầu mối mark a subject after "và"
        # the issuer ordering its own plan ("UBND tỉnh ban hành Kế hoạch") and an agency restated
        # inside its own heading block ("2. Trung tâm Y tế huyện: ... Trung tâm Y tế huyện chịu ...")
        subject = [n for n in subject if n.code not in issuer and n.start not in heading_starts
                   and not any(a <= n.start < b and any(h.agency_code == n.code for h in named) for a, b, named in blocks)]
        roles = _roles_after(text[pred:pred + 120])
        out += [_assignment(doc, n, r, [sentence[0]], [sentence[1]], sentence[1], "rule") for n in subject for r in roles]
        chu_tri = _CHU_TRI.match(after)
        coop = _PHOI_HOP.match(text, pred + chu_tri.end()) if chu_tri else None
        if coop:
            for n in _list_after(text, coop.end(), by_start, groups=True):
                out.append(_assignment(doc, n, "cooperate", [sentence[0]], [sentence[1]], sentence[1], "rule"))
    out += block_out
    out += _partners_in_clause(doc, by_start, body, in_skipped)
    return out


# "tham mưu UBND tỉnh phối hợp Bộ Y tế tổ chức ...", "đồng thời phối hợp Bộ Công an, Bộ KH&CN để xây dựng":
# "phối hợp" inside a clause, after a word (a clause-opening one is read by the block and subject rules)
# (opening with the literal "phối" so the search skips to it; the word before is checked after it)
_MID_PHOI_HOP = re.compile(r"phối(?<=[\wÀ-ỹ][ \t\n\f]phối)[ \t\n\f]+hợp[ \t\n\f]+(?:chặt[ \t\n\f]+chẽ[ \t\n\f]+)?(?:với[ \t\n\f]+)?"
                           r"(?=(?-i:[A-ZĐÀ-Ỹ]))")


def _partners_in_clause(doc: Document, by_start: dict[int, Mention], body: tuple[int, int],
                        skipped) -> list[Assignment]:
    """Bodies named after a ``phối hợp (với)`` inside a clause, sharing a task verb after them, cooperate.

    ``Chủ trì, phối hợp với các đơn vị liên quan tham mưu Ủy ban nhân dân tỉnh phối hợp Bộ Y tế
    tổ chức triển khai Dự án 6``: Bộ Y tế is a partner of the task. Named bodies only (a kind of
    body after a verb is read by the rules for its clause); the task verb after the list keeps
    out nouns (``Quy chế phối hợp với Bộ Công an về ...``).
    """
    text, out = doc.text, []
    for m in _MID_PHOI_HOP.finditer(text, body[0], body[1]):
        if skipped(m.start()):
            continue
        partners = _list_after(text, m.end(), by_start, groups=False)
        if not partners or not _joint_task_follows(text, partners[-1].end):
            continue
        sentence = _sentence(doc, m.end())
        out += [_assignment(doc, n, "cooperate", [sentence[0]], [sentence[1]], sentence[1], "rule") for n in partners]
    return out


# "nếu có khó khăn, vướng mắc, đề nghị các bộ, ngành kịp thời phản ánh về Bộ Công an": the closing request to
# report problems, said of everyone, is no task
_IF_DIFFICULTIES = re.compile(r"(?:nếu|trường\s+hợp)\s+(?:có\s+)?(?:phát\s+sinh\s+)?(?:khó\s+khăn|vướng\s+mắc)",
                              re.IGNORECASE)
_REPORT_UP = re.compile(r"[^.;:]{0,30}?(?<![\wÀ-ỹ])(?:kịp\s+thời\s+)?(?:gửi\s+)?(?:phản\s+ánh|báo\s+cáo|đề\s+xuất|kiến\s+nghị)\b",
                        re.IGNORECASE)


def _raises_difficulties(text: str, start: int, pred: int) -> bool:
    """A subject after ``nếu có khó khăn, vướng mắc`` in its sentence whose predicate reports them upward."""
    if not _REPORT_UP.match(text, pred):
        return False
    window = text[max(0, start - 160):start]
    stop = max(window.rfind(". "), window.rfind(".\n"), window.rfind(".\f"), window.rfind(";"))
    return bool(_IF_DIFFICULTIES.search(window, stop + 1))


@functools.lru_cache(maxsize=256)
def _own_codes(context: PlanContext) -> frozenset[str]:
    """Codes of the plan's issuer and of its standing bodies: ``Ban Thường vụ Huyện ủy`` speaks in a Huyện ủy plan."""
    codes = {m.code for m in agencies.find(context.issuer_name or "", context)[:1]}
    return frozenset(codes | {f"{prefix}-{code}" for code in codes for prefix in ("BTV", "TT")})


# "chỉ đạo Phòng Y tế tham mưu", "lãnh đạo Hội đồng nhân dân tỉnh ban hành": the bodies directed carry the task
# (lower-case "lãnh đạo": capitalised it is a title, "Lãnh đạo các đơn vị")
# (the word boundary is tested after the first letter: a pattern that starts with a letter
# lets the regex engine skip ahead to that letter instead of trying every position)
_DIRECT = re.compile(r"(?:[cC](?<![\wÀ-ỹ].)hỉ|l(?<![\wÀ-ỹ].)ãnh)[ \t]+đạo[ \t]+(?:cho[ \t]+)?")
# "xin ý kiến chỉ đạo Ban Thường vụ", "theo sự chỉ đạo": direction asked for or received, no task given
_NOT_DIRECTING = re.compile(r"(?:ý\s+kiến|xin|sự|theo|của|dưới|nhận)\s*$", re.IGNORECASE)
_CLAUSE_STOP = re.compile(r";|\.(?=\s|$)|[\n\f]")


_NEXT_WORD = re.compile(r"[ \t]+((?-i:[a-zđà-ỹ])[\wÀ-ỹ]*)")
_NOT_TASK_WORDS = frozenset({"cấp", "trực", "năm", "tháng", "ngày", "nhân", "liên"})


def _task_word(text: str, pos: int) -> bool:
    """A predicate after the bodies directed: a listed verb, or any lower-case word that is no connective.

    ``chỉ đạo Ủy ban nhân dân xã xây dựng kế hoạch``: verbs such as ``xây dựng`` are left out
    of the verb list (they also name bodies), but after ``chỉ đạo X`` the body's name has ended.
    """
    if agencies.verb_at(text, pos):
        return True
    word = _NEXT_WORD.match(text, pos)
    return bool(word) and word.group(1) not in agencies._VAGUE and word.group(1) not in _NOT_TASK_WORDS


# a party body opening the clause ("Đảng đoàn ...", "Ban cán sự đảng ...", "Đảng ủy ...", "Thường trực Huyện ủy")
_PARTY_DIRECTOR = re.compile(r"[ \t]*(?:[-+*•][ \t]*|\d+(?:\.\d+)*[.)][ \t]*|[a-zđ]\)[ \t]*)?"
                             r"(?:Đảng[ \t]+đoàn|Ban[ \t]+cán[ \t]+sự|Đảng[ \t]+(?:ủy|uỷ)|Ban[ \t]+Thường[ \t]+vụ|Thường[ \t]+trực"
                             r"|(?:Tỉnh|Huyện|Thành|Quận|Thị)[ \t]+(?:ủy|uỷ)|(?:[Cc]ác[ \t]+)?[Cc]ấp[ \t]+(?:ủy|uỷ))(?![\wÀ-ỹ])")
_CLAUSE_OPENING = re.compile(r"[;\n\f]")


def _party_directs(text: str, pos: int, context: PlanContext) -> bool:
    """Whether ``chỉ đạo`` at ``pos`` is said in a party plan or by a party body opening its clause.

    A party plan gives its tasks to state bodies through the party bodies that lead them
    (``Ban cán sự đảng UBND huyện chỉ đạo Phòng Y tế tham mưu``): the body directed is the
    one that acts. In a state plan the body directed by another (``đề nghị Sở Y tế chỉ đạo
    các cơ quan y tế tuyến tỉnh hỗ trợ``) is that body's business, not the plan's assignment.
    """
    if context.issuer_level == "party":
        return True
    clause_start = max(line_start(text, pos), text.rfind(";", 0, pos) + 1)
    return bool(_PARTY_DIRECTOR.match(text, clause_start, pos))


# what may open a clause before the issuer's name: a bullet, a number, "Giao", the head's title
_ISSUER_OPENS = re.compile(rf"[ \t]*(?:[-+*•][ \t]*|\d+(?:\.\d+)*[.)][ \t]*|[a-zđ]\)[ \t]*)?(?:{_TITLES}[ \t]+)?$",
                           re.IGNORECASE)


def _issuer_directs(text: str, pos: int, by_end: dict[int, Mention], issuer: set[str]) -> bool:
    """``UBND tỉnh chỉ đạo Sở Y tế chủ trì ...`` in a plan of UBND tỉnh: the plan gives the task through itself.

    The issuer (or its head, ``Chủ tịch UBND tỉnh``) must open the clause, right before ``chỉ đạo``;
    a body the plan addresses directing its own units (``Sở Y tế chỉ đạo các bệnh viện``) does not count.
    """
    director = by_end.get(pos - 1) or by_end.get(pos)
    if director is None or director.code not in issuer:
        return False
    clause_start = max(line_start(text, director.start), text.rfind(";", 0, director.start) + 1,
                       text.rfind(". ", 0, director.start) + 2)
    return bool(_ISSUER_OPENS.match(text[clause_start:director.start]))


_BARE_CLAUSE = re.compile(r"[;,][ \t]*(?:đồng[ \t]+thời[ \t]+)?$")


def _goes_on_directing(text: str, pos: int, last: int) -> bool:
    """``UBND tỉnh chỉ đạo Sở Y tế ...; chỉ đạo UBND các huyện ...``: a bare ``chỉ đạo`` clause of the same sentence."""
    if last < 0 or not _BARE_CLAUSE.search(text, max(last, pos - 12), pos):
        return False
    between = text[last:pos]
    return "\n" not in between and "\f" not in between and ". " not in between


def _directing_heading(doc: Document, pos: int) -> tuple[OutlineNode, int] | None:
    """The numbered heading ``pos`` stands in when that heading ends with a colon over its block, with the line's end."""
    node = _enclosing_section(doc, pos)
    if node is None or node.level < 2:
        return None
    start, end = _heading_line(doc, node)
    if pos >= end or not doc.text[start:end].rstrip(" \t*").endswith(":") or ";" in doc.text[pos:end]:
        return None
    return node, end


def _directed(doc: Document, body: tuple[int, int], by_start: dict[int, Mention], in_closing,
              context: PlanContext) -> list[Assignment]:
    """``Ban cán sự đảng UBND tỉnh lãnh đạo, chỉ đạo Sở Y tế chủ trì, phối hợp với Sở Tài chính tham mưu ...``.

    The bodies named after ``chỉ đạo`` take the task of their clause when a predicate follows
    them; its role is the predicate's (``chủ trì`` → lead, partners after ``phối hợp với``
    cooperate). The clause (to ``;`` or the full stop) is their block, so a deadline after
    it stays with the body that directs. Only where a party body directs (see ``_party_directs``).
    """
    text, out = doc.text, []
    by_end = {n.end: n for n in by_start.values()}
    issuer = _own_codes(context)
    issuer_clause = -1  # where the issuer last directed: "...; chỉ đạo UBND các huyện ..." goes on with its sentence
    # every match opens with one of these words: found by str.find, the pattern tried only there
    for m in matches_from(_DIRECT, text, word_positions(text, ("chỉ", "Chỉ", "lãnh"), body[0], body[1]), body[1]):
        if in_closing(m.start()) or _NOT_DIRECTING.search(text[max(0, m.start() - 12):m.start()]):
            continue
        heading = _directing_heading(doc, m.start())
        if heading is None and not _party_directs(text, m.start(), context):
            if _issuer_directs(text, m.start(), by_end, issuer) or _goes_on_directing(text, m.start(), issuer_clause):
                issuer_clause = m.start()
            else:
                continue
        named = _list_after(text, m.end(), by_start, groups=True)
        if not named:
            continue
        pred = named[-1].end
        after = text[pred:pred + 120]
        if not (_task_word(text, pred) or _CHU_TRI.match(after) or _FOCAL.match(after.strip(" ,"))):
            continue
        if heading is not None:  # "1. Sở X chỉ đạo Chi cục Y thực hiện các nội dung sau:": Y carries the bullets
            node, line_end = heading
            tasks, spans = _tasks(doc, line_end, node.span.end)
            node_block = doc.span(node.span.start, node.span.end)
            roles = _heading_roles(text[named[0].start:line_end], tasks)
            out += [_assignment(doc, n, r, tasks, spans, node_block, "rule") for n in named for r in roles]
            continue
        stop = _CLAUSE_STOP.search(text, pred)
        end = stop.start() if stop else len(text)
        block = doc.span(named[0].start, end)
        task = text[named[0].start:end].strip()[:MAX_TASK]
        role = _role_after(after)
        role = "responsible" if role == "cooperate" else role
        out += [_assignment(doc, n, role, [task], [block], block, "rule") for n in named]
        chu_tri = _CHU_TRI.match(after)
        coop = _PHOI_HOP.match(text, pred + chu_tri.end()) if chu_tri else None
        if coop:
            out += [_assignment(doc, n, "cooperate", [task], [block], block, "rule")
                    for n in _list_after(text, coop.end(), by_start, groups=True) if n.start < end]
    return out


# In an agency's block, a clause opening "Chủ trì" makes it lead; "phối hợp (với) X" makes X cooperate.
_BLOCK_CLAUSE_REST = (r"\s*(?:[-+*•]\s*|[a-zđ]\)\s*|\*?[a-zđ]\)\s*\*?\s*)?(?P<lead>chủ\s+trì\s*,?\s*)?"
                      r"(?P<coop>(?:và\s+)?phối\s+hợp\s+(?:chặt\s+chẽ\s+)?(?:với\s+)?)?")
_BLOCK_CLAUSE = re.compile(r"(?:^|[\n\f]|;|:)" + _BLOCK_CLAUSE_REST, re.IGNORECASE)
# The same after a separator: "^" matches only at 0 (no MULTILINE), so past it the pattern may
# open with the class, which a search skips to instead of trying the alternation at every position
_BLOCK_CLAUSE_AFTER_SEPARATOR = re.compile(r"[\n\f;:]" + _BLOCK_CLAUSE_REST, re.IGNORECASE)


def _joint_task_follows(text: str, pos: int) -> bool:
    """``Phối hợp Bộ Chỉ huy Quân sự tỉnh, Công an tỉnh ... tổ chức vận chuyển``: the partners share a task verb."""
    tail = _VAGUE_TAIL.match(text, pos)
    pos = tail.end() if tail else pos
    after = _TASK_LINK.match(text, pos)  # ") để xây dựng": the list closed its parentheses, the task follows
    return bool(after.group("purpose")) or agencies.verb_at(text, after.end())


# "(...) để xây dựng", "trong quá trình khảo sát": the partners' shared task is named after them
_TASK_LINK = re.compile(r"(?:[\s.…]*\))?\s*(?P<purpose>(?:để|nhằm|trong\s+(?:việc|quá\s+trình))\s+)?",
                        re.IGNORECASE)


# "thực hiện tốt vai trò là Cơ quan Thường trực Ban Chỉ đạo", "phát huy vai trò cơ quan đầu mối", a bullet "- Là cơ
# quan thường trực, tổng hợp ...": the block's agency is the standing body, whatever its first task opens with
# (opening with a plain class, as _LABEL, so the search skips to the next v/L/l)
_ROLE_AS_FOCAL = re.compile(r"[vLl](?:(?<=v)ai[ \t\n\f]+trò[ \t\n\f]+(?:là[ \t\n\f]+)?|(?<=[Ll])à[ \t\n\f]+)(?:[Cc]ơ[ \t\n\f]+quan|[Đđ]ơn[ \t\n\f]+vị)"
                            r"[ \t\n\f]+(?:[Tt]hường[ \t\n\f]+trực|[Đđ]ầu[ \t\n\f]+mối)(?![\wÀ-ỹ])")
# "là" opens a clause of its own ("- Là cơ quan thường trực"); "vai trò" stands after a word
_CLAUSE_BEFORE = re.compile(r"(?:^|[\n\f;:])[ \t]*(?:[-+*•][ \t]*)?$")


def _standing_role_at(text: str, m: re.Match[str]) -> bool:
    before = text[max(0, m.start() - 8):m.start()]
    if m.group(0)[0] in "Ll" and m.group(0)[1] == "à":
        return bool(_CLAUSE_BEFORE.search(before)) or m.start() == 0
    return not before[-1:].isalpha()


def _block_clauses(doc: Document, by_start: dict[int, Mention], start: int, end: int,
                   heading_named: list[Assignment], partner_bullets: set[int]) -> list[Assignment]:
    """``1. Sở Công Thương: ... - Phối hợp Bộ Chỉ huy Quân sự tỉnh, Công an tỉnh ... tổ chức vận chuyển``.

    The agencies after a clause-opening ``phối hợp`` cooperate with the heading agency; a
    clause opening ``Chủ trì`` makes the heading's named bodies (not groups, which lead
    nothing alone) lead that task.
    """
    text, out = doc.text, []
    own = {h.agency_code for h in heading_named}
    for m in matches_from(_ROLE_AS_FOCAL, text, word_positions(text, ("vai", "là", "Là"), start, end), end):
        if not _standing_role_at(text, m):
            continue
        sentence = _sentence(doc, m.start())
        out += [h.model_copy(update={"role": "focal_point", "tasks": [sentence[0]], "task_spans": [sentence[1]]})
                for h in heading_named if h.role != "focal_point" and not (h.agency_code or "").startswith("G-")]
    for m in (_BLOCK_CLAUSE if start == 0 else _BLOCK_CLAUSE_AFTER_SEPARATOR).finditer(text, start, end):
        if not (m.group("lead") or m.group("coop")):
            continue
        sentence = _sentence(doc, m.end())
        if m.group("lead"):
            for h in heading_named:
                if not (h.agency_code or "").startswith("G-") and h.role != "focal_point":
                    out.append(h.model_copy(update={"role": "lead", "tasks": [sentence[0]], "task_spans": [sentence[1]]}))
        dangling = _DANGLING_COOP.match(text, m.end("lead")) if m.group("lead") else None
        if dangling:
            out += _partner_bullets(doc, by_start, dangling.end() - 1, end, partner_bullets)
            continue
        if m.group("coop"):
            partners = _list_after(text, m.end(), by_start, groups=False)
            if not partners or not (m.group("lead") or _joint_task_follows(text, partners[-1].end)):
                continue
            for n in partners:
                if n.code not in own:
                    out.append(_assignment(doc, n, "cooperate", [sentence[0]], [sentence[1]], sentence[1], "rule"))
    return out


# "b) Chủ trì, phối hợp" with nothing after it on its line: the partners open the bullets below
_DANGLING_COOP = re.compile(r"phối[ \t]+hợp(?:[ \t]+với)?[ \t]*:?[ \t]*[\n\f]", re.IGNORECASE)
_PARTNER_BULLET = re.compile(r"[\n\f][ \t]*[-+•][ \t]*")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_NEXT_ITEM = re.compile(r"[\n\f][ \t]*(?:\*?[a-zđ]\)|\*?\d+(?:\.\d+)*[.)]\s)")


def _partner_bullets(doc: Document, by_start: dict[int, Mention], pos: int, end: int,
                     taken: set[int]) -> list[Assignment]:
    """``b) Chủ trì, phối hợp`` / ``- Sở Tài chính và các đơn vị có liên quan tham mưu ...``: the partners cooperate.

    The heading agency leads each bullet's task (see ``_block_clauses``); the bodies that
    open a bullet, up to the next lettered or numbered item, are its partners, and their
    starts go into ``taken`` so the prose rules do not read them as the bullet's subject.
    """
    text, out = doc.text, []
    stop = _NEXT_ITEM.search(text, pos, end)
    limit = stop.start() if stop else end
    bullets = list(_PARTNER_BULLET.finditer(text, pos - 1, limit))
    for i, bullet in enumerate(bullets):
        partners = _list_after(text, bullet.end(), by_start, groups=True)
        if not partners:
            continue
        para_end = bullets[i + 1].start() if i + 1 < len(bullets) else limit
        blank = _BLANK_LINE.search(text, bullet.end(), para_end)
        para_end = blank.start() if blank else para_end
        task = doc.span(bullet.end(), bullet.end() + len(text[bullet.end():para_end].rstrip()))
        quote = text[task.start:task.end][:MAX_TASK]
        for n in partners:
            taken.add(n.start)
            out.append(_assignment(doc, n, "cooperate", [quote], [task], task, "rule"))
    return out


def _lead_blocks(doc: Document, mentions: list[Mention]) -> list[tuple[int, int, list[Assignment]]]:
    """Blocks under an agency heading, where ``Chủ trì, phối hợp với X`` has the heading as subject.

    ``mentions`` are in text order (as ``agencies.find`` gives them).
    """
    out = []
    starts = [m.start for m in mentions]
    for node, in_org in _agency_sections(doc):
        found = _heading_assignments(doc, node, mentions, starts, sentences=in_org)
        if found:
            out.append((node.span.start, node.span.end, found))
    return out


def _bullet_subject(text: str, first: Mention) -> bool:
    """Whether the agency opens a bullet or paragraph (``- UBND xã Nghĩa Thắng chỉ đạo``)."""
    return bool(re.search(r"(?:^|[\n\f])[ \t]*(?:[-+*•][ \t]*)?$", text[max(0, first.start - 6):first.start]))


_OPENER = re.compile(
    r"(?:^|[.;:\n\f])\s*(?:[-+*•]\s*)?(?:\d+(?:\.\d+)*[.)]\s*|[a-zđ]\)\s*)?"
    r"(?:Căn\s+cứ|Trên\s+cơ\s+sở|Đối\s+với|Trong|Khi|Sau\s+khi|H[àằ]ng\s+năm|Định\s+kỳ|Để|Theo|Đồng\s+thời|"
    r"Ngoài\s+ra|Bên\s+cạnh\s+đó)\b[^.;:\n\f]{0,250},\s*$",
    re.IGNORECASE,
)
_TITLE_BEFORE = re.compile(r"(?:^|[.;:\n\f])\s*(?:[-+*•]\s*)?(?:\d+[.)]\s*|[a-zđ]\)\s*|Điều\s+\d+\.\s*)?"
                           rf"{_TITLES}\s+$", re.IGNORECASE)
# "Sở Tài chính, trên cơ sở đề xuất của các cơ quan, đơn vị, địa phương, chủ trì ...": an aside before the verb
_ASIDE = re.compile(r"\s*,\s*(?:trên\s+cơ\s+sở|căn\s+cứ|theo|trong|khi|sau\s+khi|với|tùy\s+theo)\b[^.;:\n\f]{0,200}?,(?=\s)",
                    re.IGNORECASE)
_LIST_FILLER = re.compile(
    rf"(?:[\s,;]|và|các|đơn\s+vị|cơ\s+quan|tổ\s+chức|địa\s+phương|trực\s+thuộc|thuộc|{_TITLES}|"
    rf"thành\s+viên|hội|đoàn\s+thể|cá\s+nhân|(?:có\s+)?liên\s+quan|{agencies._LEVEL_WORDS}|(?i:{_TITLES})|[{agencies._UP}][\wÀ-ỹ]*)*",
)
_OWNED = re.compile(r"(?:thuộc|trực\s+thuộc|của|cho|với)\s*$", re.IGNORECASE)


def _clause_subject(text: str, first: Mention, mentions: list[Mention],
                    by_start: dict[int, Mention]) -> tuple[list[Mention], int] | None:
    """Agencies that are a clause's subject, with where their predicate starts.

    ``- Trung tâm Kiểm soát bệnh tật tỉnh hỗ trợ ...`` (bullet), ``Căn cứ Kế hoạch, các sở,
    ngành có trách nhiệm ...`` (after an opening phrase), ``Sở Tài chính, trên cơ sở ...,
    chủ trì ...`` (an aside before the verb), ``Giám đốc Sở Tài chính; Thủ trưởng các sở,
    ban, ngành, đơn vị trực thuộc ...; Chủ tịch ... chịu trách nhiệm thi hành``.
    """
    window = text[max(0, first.start - 260):first.start]
    if not (_subject_start(text, first) or _opener_before(window) or _TITLE_BEFORE.search(window[-40:])):
        return None
    subject = _list_after(text, first.start, by_start, groups=True)
    if not subject:
        return None
    pos = subject[-1].end
    aside = _ASIDE.match(text, pos)
    if aside:  # the aside may hold commas itself: the verb follows one of them
        clause_end = re.compile(r"[.;:\n\f]").search(text, pos, pos + 260)
        for comma in re.finditer(r",(?=\s)", text[aside.end() - 1:clause_end.start() if clause_end else pos + 260]):
            at = aside.end() - 1 + comma.end()
            if agencies.verb_at(text, at):
                return subject, at + len(text[at:at + 5]) - len(text[at:at + 5].lstrip())
    if agencies.verb_at(text, pos) or _FOCAL.match(text[pos:pos + 60].strip(" ,")):
        return subject, pos
    return _subject_through(text, subject, mentions)


_LIST_STOP = re.compile(r"[.:\n\f]")
# The space before the predicate and the predicate: "..., đơn vị trực thuộc UBND tỉnh chịu trách nhiệm".
# "... Chủ tịch UBND các huyện căn cứ Quyết định thi hành": the older closing formula says the same duty
_LIST_PREDICATE = re.compile(r"\s(?:chịu\s+trách\s+nhiệm|có\s+trách\s+nhiệm|chủ\s+trì|"
                             r"căn\s+cứ\s+quyết\s+định\s+(?:này\s+)?(?:để\s+)?thi\s+hành)\b", re.IGNORECASE)


def _subject_through(text: str, subject: list[Mention], mentions: list[Mention]) -> tuple[list[Mention], int] | None:
    """A long subject list with non-agency words inside (``..., đơn vị trực thuộc UBND tỉnh; Chủ tịch ...``).

    The list runs on to a predicate within the clause if nothing between is a verb; the
    agencies inside that others own (``trực thuộc UBND tỉnh``) are not subjects.
    """
    pos = subject[-1].end
    stop = _LIST_STOP.search(text, pos, pos + 300)
    end = stop.start() if stop else min(len(text), pos + 300)
    predicate = _LIST_PREDICATE.search(text, pos, end)  # the first, in one scan; ``end`` bounds its ``\b`` too
    if predicate is None:
        return None
    pred = predicate.start()
    inside = [m for m in mentions if pos <= m.start and m.end <= pred]
    rest, last = [], pos
    for m in inside:
        rest.append(text[last:m.start])
        last = m.end
    rest.append(text[last:pred])
    if not _LIST_FILLER.fullmatch(" ".join(rest)):
        return None  # words other than list material between: not one subject list
    more = [m for m in inside if not _OWNED.search(text[max(0, m.start - 14):m.start])]
    return subject + more, pred


def _strong_start(text: str, first: Mention) -> bool:
    """A subject opening a bullet, line, clause after ``;``/``.``, or after an opening phrase."""
    window = text[max(0, first.start - 260):first.start]
    return bool(_CLAUSE_OPEN.search(window[-14:]) or _opener_before(window) or _TITLE_BEFORE.search(window[-40:]))


_CLAUSE_OPEN = re.compile(r"(?:^|[.;:\n\f(])\s*(?:[-+*•]\s*)?(?:\d+(?:\.\d+)*[.)]\s*|[a-zđ]\)\s*)?$")
_SUBJECT_OPEN = re.compile(r"(?:^|[.;:\n\f(]|\bvà)\s*(?:[-+*•]\s*)?(?:\d+[.)]\s*|[a-zđ]\)\s*)?$")


def _opener_before(window: str) -> bool:
    """An opening phrase (``Căn cứ ..., ``) ends the window; ``_OPENER`` ends in ``,\\s*$``, so test the comma first."""
    return window.rstrip().endswith(",") and bool(_OPENER.search(window))


_AND_BEFORE = re.compile(r"(?<![\wÀ-ỹ])và\s*$")


def _listed_after_other(text: str, first: Mention, ends: set[int]) -> bool:
    """``Sở Nông nghiệp và Môi trường và các Sở, ngành``: after ``và``, another body of the same list precedes."""
    before = text[max(0, first.start - 8):first.start]
    conj = _AND_BEFORE.search(before)
    if conj is None:
        return False
    at = first.start - len(before) + conj.start()
    return any(at - k in ends for k in range(1, 4))


def _subject_start(text: str, first: Mention) -> bool:
    before = text[max(0, first.start - 12):first.start]
    return bool(_SUBJECT_OPEN.search(before))


_BACKGROUND = re.compile(r"^\s*(?:[IVXLC]+|\d+)[.)]\s*(?:MỤC\s+(?:ĐÍCH|TIÊU)|CĂN\s+CỨ|THỰC\s+TRẠNG|KẾT\s+QUẢ|TÌNH\s+HÌNH|"
                         r"SỰ\s+CẦN\s+THIẾT|ĐÁNH\s+GIÁ|Mục\s+(?:đích|tiêu)|Thực\s+trạng|Kết\s+quả|Tình\s+hình)")


def _background_spans(doc: Document) -> list[Span]:
    """Goals, background and budget sections: agencies named there report the past or frame the plan."""
    return [n.span for n in doc.outline if n.kind == "section" and n.level <= 2 and _BACKGROUND.match(n.heading)]


def _subject_list(text: str, first: Mention, mentions: list[Mention]) -> list[Mention] | None:
    """Agencies starting a clause (``Sở Y tế, Sở Tài chính chủ trì``), or None mid-clause."""
    before = text[max(0, first.start - 12):first.start]
    if not _SUBJECT_OPEN.search(before):
        return None
    return _list_after(text, first.start, _by_start(mentions), groups=False) or None


_LABEL_AT = re.compile(r"[ \t]*(?:[-+*•●▪–]|[a-zđ]\)|\d+(?:\.\d+)*[.)])[ \t]+")


def _sentence(doc: Document, pos: int) -> tuple[str, Span]:
    """The sentence around ``pos``: bounded by line ends and full stops."""
    text = doc.text
    start = line_start(text, pos)
    stops = [m.end() for m in re.finditer(r"\.\s+(?=[A-ZĐÀ-Ỹ])", text[start:pos])]
    if stops:
        start += stops[-1]
    end = line_end(text, pos)
    stop = re.search(r"\.(?:\s+(?=[A-ZĐÀ-Ỹ])|$)", text[pos:end])
    if stop:
        end = pos + stop.end()
    label = _LABEL_AT.match(text, start, end)  # "2. Ban Tuyên giáo ... phối hợp với Sở Y tế": the task, not its number
    if label and label.end() < end:
        start = label.end()
    quote = text[start:end].strip()
    lead = start + (len(text[start:end]) - len(text[start:end].lstrip()))
    return quote[:MAX_TASK], doc.span(lead, lead + len(quote))


# ---- appendix tables ---------------------------------------------------------------------

_HEADER_KEYS = {
    "task": re.compile(r"^(?!.*(?:cơ\s+quan|đơn\s+vị)).*(?:nhiệm\s+vụ|nội\s+dung|công\s+việc|hoạt\s+động|tên)",
                       re.IGNORECASE),
    "lead": re.compile(r"chủ\s+trì|thực\s+hiện\b(?!.*thời)", re.IGNORECASE),
    "cooperate": re.compile(r"phối\s+hợp", re.IGNORECASE),
    "time": re.compile(r"thời\s+gian|thời\s+hạn|tiến\s+độ|hoàn\s+thành", re.IGNORECASE),
}


def table_rows(doc: Document) -> list[Row]:
    """Rows of task tables: tab-separated tables and tables flattened one cell per line."""
    rows: list[Row] = []
    for table in doc.tables:
        found = _find_header(table.rows)
        if found is None:
            continue
        index, header = found
        for cells in table.rows[index + 1:]:
            named = {name: (c.text, c.span.start, c.span.end) for name, c in zip(header, cells) if name and c.text}
            if cells and named:
                rows.append(Row(doc.span(cells[0].span.start, cells[-1].span.end), named))
    rows += _stacked_rows(doc)
    return rows


def _find_header(table_rows) -> tuple[int, list[str | None]] | None:
    """The header row among the first rows, aligned to where the data rows start.

    A title row may come first, and a header row may carry cells of what preceded the
    table (``Nơi nhận`` and the signature flattened into it): the numbering column
    (``TT``/``STT``) marks the header's first real cell.
    """
    for index, cells in enumerate(table_rows[:4]):
        texts = [c.text for c in cells]
        numbering = next((i for i, t in enumerate(texts) if _NUMBERING_HEADER.match(t.strip())), 0)
        header = _header_names(texts[numbering:])
        if header:
            return index, header
    return None


def _header_names(cells: list[str]) -> list[str | None] | None:
    """Column roles of a header row, if it is a task table (has a lead and a time column)."""
    names: list[str | None] = []
    for cell in cells:
        name = None
        for key in ("cooperate", "time", "task", "lead"):  # "Nội dung thực hiện" is the task
            if _HEADER_KEYS[key].search(cell) and key not in names:
                name = key
                break
        names.append(name)
    return names if "lead" in names and ("time" in names or "cooperate" in names) else None


def _paragraphs(doc: Document) -> list[tuple[str, int, int]]:
    """The non-blank lines, stripped, with the offsets of their text."""
    out = []
    for line in doc.lines():
        text = line.text.strip()
        if text:
            lead = line.start + (len(line.text) - len(line.text.lstrip()))
            out.append((text, lead, lead + len(text)))
    return out


# Every numbering header ("STT", "TT", "Số TT" in any case) holds two t's in a row (or the ligature "ﬆ"/"ﬅ",
# whose upper case is "ST", before one): without them there is no such table.
_DOUBLE_T = re.compile(r"[tTﬅﬆ][tT]")


def _stacked_rows(doc: Document) -> list[Row]:
    """Markdown tables whose cells became one paragraph each: STT / task / lead / ... / time."""
    if not _DOUBLE_T.search(doc.text):
        return []
    paras = _paragraphs(doc)
    rows: list[Row] = []
    i = 0
    while i < len(paras):
        if len(paras[i][0]) > 5 or paras[i][0].upper() not in ("STT", "TT", "SỐ TT"):  # upper() never shortens
            i += 1
            continue
        j = i + 1
        while j < len(paras) and len(paras[j][0]) < 60 and not _NUMBER_CELL.match(paras[j][0]) \
                and not _SECTION_CELL.match(paras[j][0]) and j - i < 9:
            j += 1
        header = _header_names([p[0] for p in paras[i + 1:j]])
        if not header:
            i += 1
            continue
        rows_here, i = _stacked_body(doc, paras, j, header)
        rows += rows_here
    return rows


def _stacked_body(doc: Document, paras, i: int, header: list[str | None]) -> tuple[list[Row], int]:
    rows = []
    width = len(header)
    while i < len(paras):
        text = paras[i][0]
        if _SECTION_CELL.match(text) and not _NUMBER_CELL.match(text):
            i += 1
            continue
        if not _NUMBER_CELL.match(text):
            break
        j = i + 1
        while j < len(paras) and not _NUMBER_CELL.match(paras[j][0]) and not _SECTION_CELL.match(paras[j][0]) \
                and j - i <= width + 2:
            j += 1
        cells = paras[i + 1:j]
        if len(cells) >= 3:
            aligned = _align(cells, width)
            named = {name: cell for name, cell in zip(header, aligned) if name and cell}
            rows.append(Row(doc.span(paras[i][1], cells[-1][2]), named))
        i = j
    return rows, i


def _align(cells: list[tuple[str, int, int]], width: int) -> list[tuple[str, int, int] | None]:
    """Cells of one row against the header; surplus cells join the task, a short row aligns right."""
    if len(cells) == width:
        return list(cells)
    if len(cells) > width:
        extra = len(cells) - width + 1
        task = (" ".join(c[0] for c in cells[:extra]), cells[0][1], cells[extra - 1][2])
        return [task, *cells[extra:]]
    return [None] * (width - len(cells)) + list(cells)


def _table_rows(doc: Document, rows: list[Row], context: PlanContext) -> list[Assignment]:
    out = []
    for row in rows:
        task = row.cells.get("task")
        tasks = [task[0]] if task else []
        spans = [doc.span(task[1], task[2])] if task else []
        for key, role in (("lead", "lead"), ("cooperate", "cooperate")):
            cell = row.cells.get(key)
            if not cell:
                continue
            for m in agencies.find(cell[0], context):
                longer = agencies.extend(cell[0], m, len(cell[0]), context)
                for each in [longer, *agencies.more_levels(cell[0], [longer], context)]:
                    out.append(_assignment(doc, _shift(each, cell[1]), role, tasks, spans, row.span, "table"))
    return out


def _shift(m: Mention, offset: int) -> Mention:
    from dataclasses import replace

    return replace(m, start=m.start + offset, end=m.end + offset)


# ---- building and merging -------------------------------------------------------------------


def _assignment(doc: Document, m: Mention, role: str, tasks: list[str], spans: list[Span],
                block: Span | None, method: str) -> Assignment:
    return Assignment(
        agency=m.name, agency_code=m.code, role=role, tasks=tasks, span=doc.span(m.start, m.end),
        method="vocabulary" if method == "rule" and m.method == "vocabulary" and m.score else method,
        score=m.score, level=m.level, surface=m.surface, block=block, task_spans=spans,
    )


def _dedupe(found: list[Assignment]) -> list[Assignment]:
    """One record per agency mention and role; a heading beats prose found inside it."""
    out: list[Assignment] = []
    seen: set[tuple[int, str]] = set()
    for a in found:
        key = (a.span.start, a.role)
        if key in seen or (a.role != "lead" and any(o.span.start == a.span.start and o.block != a.block for o in out)):
            continue  # a heading agency may also lead a task of its block ("- Chủ trì, phối hợp ...")
        if a.agency_code and a.agency_code.startswith("G-") and any(
                o.agency_code == a.agency_code and o.role == a.role and o.task_spans == a.task_spans for o in out):
            continue  # "tổ chức chính trị - xã hội, hội, đoàn thể": one kind of body written twice in one list
        seen.add(key)
        out.append(a)
    return sorted(out, key=lambda a: a.span.start)
