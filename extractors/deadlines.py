"""Deadlines of a plan, each linked to the agency and task it binds.

Every sentence of the body (not the goals, the preamble or the recipients) is read for
time commitments (:mod:`extractors.timexpr`); task tables are read by their
``Thời gian hoàn thành`` column. A deadline belongs to the assignment whose block
holds it (``2. Trung tâm Y tế huyện: ... Báo cáo kết quả thực hiện trước ngày 31/12
của năm``), else to the agency that is the sentence's subject.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from extractors import agencies, timexpr
from extractors.assignments import Row, table_rows
from extractors.context import PlanContext
from extractors.spans import within
from extractors.timexpr import TimeExpr
from pipeline.document import Document
from schemas import Assignment, Deadline, Recurrence, Span

# Goals and budgets name years ("Hết năm 2023: 36 đơn vị"), not deadlines.
_NOT_DEADLINES = re.compile(
    r"^\s*(?:[IVXLC]+|\d+)[.)]\s*(?:MỤC\s+TIÊU|CHỈ\s+TIÊU|MỤC\s+ĐÍCH|KINH\s+PHÍ|CĂN\s+CỨ|SỰ\s+CẦN\s+THIẾT|"
    r"THỰC\s+TRẠNG|KẾT\s+QUẢ|TÌNH\s+HÌNH|Mục\s+tiêu|Chỉ\s+tiêu|Kinh\s+phí)",
)
# A page break ends a line too. (Each alternative opens with a literal, so the engine skips
# ahead to the next ".", newline or page break; a class "[\n\f]" there makes it try every position.)
_SENTENCE_END = re.compile(r"\.\s+(?=[A-ZĐÀ-Ỹ*])|\n|\f")
_NON_BLANK = re.compile(r"\S")
_DUE_CUE_TAIL = re.compile(r"(?=[tcx])(?:trước|chậm\s+nhất|xong)\s*(?:ngày\s+)?$", re.IGNORECASE)
_LIST_MARK = re.compile(r"^[-+*•]\s*")
_NOT_SUBJECT = re.compile(r"(?=[vgqctlđ])(?:về|gửi|qua|cho|với|tới|lên|trình|đến|của|và)\s*(?:\(|\*)?\s*$", re.IGNORECASE)
# Once the sentence has reported or sent something, agencies after it are addressees.
_ADDRESSING = re.compile(r"(?=[bgt])\b(?:báo\s+cáo|gửi|trình|tham\s+mưu|giúp)\b", re.IGNORECASE)
# "UBND tỉnh yêu cầu các đơn vị ... báo cáo trước ngày 01/11": the agency that asks, assigns or stresses
# is not the one the date binds; the doer is named after the verb (or nowhere: no owner then).
# ("Sở Y tế giao ban", "giao nộp", "Sở Tài chính giao dự toán": the agency acts itself)
_REQUESTING = re.compile(
    r"(?=[yđgcnvt])(?:(?:đã|cũng|vừa|tiếp\s+tục|đồng\s+thời)\s+)?"
    r"(?:yêu\s+cầu|đề\s+nghị|chỉ\s+đạo|nhấn\s+mạnh|đôn\s+đốc|giao(?!\s+(?:ban|thông|lưu|dịch|nộp|nhận|hàng|đất|khoán|dự\s+toán|chỉ\s+tiêu|vốn|kinh\s+phí)))\b",
    re.IGNORECASE)
# A speaker's name may stand between the agency and the verb ("Phó Thủ tướng Chính phủ Trần Lưu Quang nhấn mạnh").
_WORD = re.compile(r"[\s,]*(\w+)")
_NAME_WORDS = 4
_LIST_JOIN = re.compile(r"\s*(?:,|;|và|hoặc)\s*(?:các\s+)?", re.IGNORECASE)
_STATED_DUE = re.compile(r"(?=t)thời\s+(?:gian|hạn)\s+hoàn\s+thành[^:\n]{0,40}:\s*\**\s*$", re.IGNORECASE)
# "quan trắc với tần suất 2 lần/tháng; thời gian quan trắc từ tháng 3 đến tháng 10 năm 2026": a sampling
# schedule says when a recurring activity happens, not when anything falls due.
_SCHEDULE = re.compile(r"(?=t)tần\s+suất", re.IGNORECASE)
# "UBND Thành phố ban hành Kế hoạch triển khai các nhiệm vụ trọng tâm cuối năm 2025 ... như sau:": the
# promulgation formula names the plan's scope; a year in it is no deadline.
# ("... tần suất 02 lần/năm, báo cáo trước ngày 15/12": a report date there is still due)
_REPORTED = re.compile(r"(?=[bg])(?:báo\s+cáo|gửi)\b", re.IGNORECASE)
_PROMULGATION = re.compile(r"(?=b)ban\s+hành\s+(?:kèm\s+theo\s+)?Kế\s+hoạch\b.*(?:như|sau)\s*:\s*$",
                           re.IGNORECASE | re.DOTALL)
# "Luật ... có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026": when a law or decision takes effect
# is no date anything falls due (read across the line break a hard-wrapped source puts before the date).
_TAKES_EFFECT = re.compile(r"(?=h)hiệu\s+lực(?:\s+thi\s+hành)?(?:\s+(?:kể\s+)?từ)?(?:\s+ngày)?\s*$", re.IGNORECASE)
# Where a sentence's paragraph ends: a line closed by sentence-final punctuation.
_CLOSED_LINE = re.compile(r"[.!?;:][^\S\n\f]*[\n\f]")
MAX_TEXT = 400
# "Trên đây là Kế hoạch ...": the closing paragraph after the last section speaks to every agency of the
# plan; the last section's block runs on over it (nothing heads the closing), so its agency is no owner.
_CLOSING = re.compile(r"Trên\s+đây\s+là\b")
_CLOSING_LEAD = re.compile(r"[*_ \t]*")  # what may stand before it on its line (emphasis)


def extract(doc: Document, context: PlanContext, assignments: list[Assignment],
            rows: list[Row] | None = None) -> list[Deadline]:
    """All deadlines of ``doc``, in text order; ``rows`` as in :func:`extractors.assignments.extract`."""
    reference = context.issued or (date(context.issued_year, 1, 1) if context.issued_year else None)
    skip = _skipped_spans(doc)
    assignments = _before_closing(doc, assignments)
    found: list[Deadline] = []
    subjects: _Subjects = {}  # one reading of a sentence's agencies, shared by every date in it
    for row in table_rows(doc) if rows is None else rows:
        cell = row.cells.get("time")
        skip.append(row.span)  # a task row is read by its time column, never again as sentences
        if not cell:
            continue
        task = row.cells.get("task")
        for expr in timexpr.find(cell[0], reference, cued=True):
            found += _deadlines(doc, expr, cell[1], context, assignments, row.span, "table", subjects,
                                task[0] if task else None)
    skipped = within((span.start, span.end) for span in skip)
    nodes = sorted(n.span.start for n in doc.outline)
    for start, end in _sentences(doc):
        if skipped(start):
            continue
        sentence = doc.text[start:end]
        if sentence.rstrip().endswith(":") and _PROMULGATION.search(sentence):
            continue
        schedule = "tần" in sentence and _SCHEDULE.search(sentence) is not None
        goal = None  # whether the paragraph states a target: read once, at its first year
        for expr in timexpr.find(sentence, reference):
            if expr.precision == "year":
                goal = _states_target(_paragraph(doc.text, start, end, nodes)) if goal is None else goal
                if goal:
                    continue
            if _takes_effect(doc.text, start + expr.start):
                continue
            if schedule and not expr.freq and not _REPORTED.search(sentence, 0, expr.start):
                continue
            if _before_plan(expr, context) and not _stated_due(sentence, expr):
                continue
            found += _deadlines(doc, expr, start, context, assignments, doc.span(start, end), "rule", subjects)
    return sorted(found, key=lambda d: d.span.start)


def _before_closing(doc: Document, assignments: list[Assignment]) -> list[Assignment]:
    """The assignments with their blocks cut where the plan's closing paragraph opens.

    "7. Các doanh nghiệp ...\n- Đề xuất sáng kiến ...\nTrên đây là Kế hoạch ... Định kỳ hằng năm (trước
    ngày 30 tháng 11) báo cáo kết quả thực hiện về Sở Xây dựng": the report is due from every agency,
    not from the enterprises of section 7.
    """
    cut = _closing_start(doc)
    if cut is None:
        return assignments
    return [a.model_copy(update={"block": a.block.model_copy(update={"end": cut})})
            if a.block and a.block.start < cut < a.block.end else a for a in assignments]


def _closing_start(doc: Document) -> int | None:
    """Where "Trên đây là ..." opens the closing: its last occurrence, with no section heading after it.

    ("Trên đây là một số kết quả đạt được" may also sum up an assessment section further up.)
    """
    if "Trên" not in doc.text:
        return None
    last = None
    for m in _CLOSING.finditer(doc.text):  # a literal first: the search skips to each "Trên"
        if _CLOSING_LEAD.fullmatch(doc.text, _line_start(doc.text, m.start()), m.start()):
            last = m
    if last is None or any(n.kind == "section" and n.span.start > last.start() for n in doc.outline):
        return None
    return last.start()


def _line_start(text: str, pos: int) -> int:
    return max(text.rfind("\n", 0, pos), text.rfind("\f", 0, pos)) + 1


# (the look-ahead lists the opening characters: no match changes, most characters fail at once)
_TARGET = re.compile(r"(?=[%pcđ])(?:%|\bphấn\s+đấu\b|\bchỉ\s+tiêu\b|\bđạt\s+(?:trên|dưới|tối\s+thiểu|ít\s+nhất)?\s*\d)", re.IGNORECASE)


def _states_target(paragraph: str) -> bool:
    """``phấn đấu đến hết năm 2030 đạt 100%``: a year there is a target's, not a deadline."""
    return bool(_TARGET.search(paragraph))


def _paragraph(text: str, start: int, end: int, nodes: list[int]) -> str:
    """The sentence with the rest of its paragraph: a line broken mid-sentence goes on below.

    ``Trong giai đoạn 2026 - 2030, Đảm bảo xây dựng trạm`` / ``BTS 5G đạt 100% ...``: the
    target that makes the year a goal sits on the next line of the same paragraph. The
    paragraph ends at a blank line, at the first line closed by a full stop (or ``;``, ``:``),
    or where the next heading or list item (``nodes``: the outline's starts) opens: DOCX
    and PDF text has no blank lines, and ``Từ nay đến hết năm 2025.`` / ``III. NỘI DUNG``
    must not reach a ``phấn đấu`` in the next section.
    """
    stop = min(len(text), end + 400)
    blank = text.find("\n\n", end, stop + 1)
    closed = _CLOSED_LINE.search(text, max(start, end - 1), stop)
    following = bisect_right(nodes, start)  # the first node opening after the sentence's start
    for cut in (blank, closed.end() - 1 if closed else -1, nodes[following] if following < len(nodes) else -1):
        if end <= cut < stop:
            stop = cut
    return text[start:stop]


def _takes_effect(text: str, pos: int) -> bool:
    """``có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026`` before ``pos``."""
    return _TAKES_EFFECT.search(text, max(0, pos - 40), pos) is not None


def _stated_due(sentence: str, expr: TimeExpr) -> bool:
    """``Thời gian hoàn thành: Trước ngày 15/11/2025``: a due date the plan sets, even one already past."""
    head = _DUE_CUE_TAIL.sub("", sentence[:expr.start])
    return bool(_STATED_DUE.search(head))


def _before_plan(expr: TimeExpr, context: PlanContext) -> bool:
    """A date before the plan was signed reports the past ("từ ngày 17 đến ngày 20/11")."""
    if context.issued is None:
        return False
    if expr.date:
        return expr.date < context.issued.isoformat()
    if expr.month:
        return expr.month < context.issued.isoformat()[:7]
    return False


def _skipped_spans(doc: Document) -> list[Span]:
    """Goal, budget and background sections, the front matter and the closing."""
    out = [n.span for n in doc.outline
           if n.kind in ("header", "number_line", "date_line", "doc_type", "title", "preamble", "recipients", "signature")]
    for node in doc.outline:
        if node.kind == "section" and node.level <= 2 and _NOT_DEADLINES.match(node.heading):
            out.append(node.span)
    return out


def _sentences(doc: Document) -> list[tuple[int, int]]:
    text = doc.text
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        end = m.start()
        # a sentence opening on a non-blank (nearly all) needs no search for one
        if end > start and (not text[start].isspace() or _NON_BLANK.search(text, start, end)):
            out.append((start, end + 1 if text[end] == "." else end))
        start = m.end()
    if _NON_BLANK.search(text, start):
        out.append((start, len(text)))
    return out


# The subject of each sentence already read, by its (start, end): a long sentence holding
# many dates ("trước ngày 15/11 hằng năm, ngày 12 tháng 3 năm 2024; ..." repeated) is
# searched for agencies once, not once per date.
_Subjects = dict[tuple[int, int], "agencies.Mention | None"]


def _deadlines(doc: Document, expr: TimeExpr, offset: int, context: PlanContext, assignments: list[Assignment],
               sentence: Span, method: str, subjects: _Subjects, row_task: str | None = None) -> list[Deadline]:
    """One deadline per owning agency: ``9. Báo ..., Sở Văn hóa ..., Cổng Thông tin ...:`` share one due date.

    A clerk filtering the calendar by agency must find the date under each of them, so
    a deadline under a heading of several agencies is repeated for each, with its code.
    """
    start = offset + expr.start
    owners = list({a.agency: a for a in _owners(assignments, start)}.values())
    task = row_task or _task(doc, owners, start, sentence)
    if not owners:
        key = (sentence.start, sentence.end)
        if key not in subjects:
            subjects[key] = _subject(doc, sentence, context)
        subject = subjects[key]
        # "từ ngày 1 đến ngày 5 hằng tháng, các đơn vị ... cập nhật ...; từ ngày 5 đến ngày 10, Phòng Kế
        # hoạch kiểm tra": an agency first named in a later clause does not own this clause's date
        if subject is not None and sentence.start + subject.start >= _clause_end(doc.text, start, sentence.end):
            subject = None
        agency, code = (subject.name, subject.code) if subject is not None else (None, None)
        return [_deadline(doc, expr, offset, context, agency, code, task, method)]
    return [_deadline(doc, expr, offset, context, a.agency, a.agency_code, task, method) for a in owners]


def _clause_end(text: str, pos: int, end: int) -> int:
    """Where the clause holding ``pos`` ends: the next ``;`` of the sentence, else the sentence's end."""
    semicolon = text.find(";", pos, end)
    return end if semicolon < 0 else semicolon


def _deadline(doc: Document, expr: TimeExpr, offset: int, context: PlanContext, agency: str | None,
              code: str | None, task: str, method: str) -> Deadline:
    start, end = offset + expr.start, offset + expr.end
    recurrence = rrule = None
    begin = expr.starts
    if expr.freq:
        recurrence = Recurrence(freq=expr.freq, month=expr.rec_month, day=expr.rec_day, interval=expr.interval)
        begin = begin or (context.issued.isoformat() if context.issued else None)
        rrule = timexpr.rrule(expr.freq, expr.rec_month, expr.rec_day, _until(context, expr), expr.interval)
    return Deadline(
        text=doc.text[start:end], date=expr.date, month=expr.month, start=begin, recurrence=recurrence,
        rrule=rrule, agency=agency, task=task, span=doc.span(start, end), method=method,
        precision=expr.precision if expr.is_deadline else None, agency_code=code,
    )


def _until(context: PlanContext, expr: TimeExpr) -> date | None:
    """When a recurrence stops: the plan's horizon, stretched to the report that closes it.

    * ``giai đoạn đến năm 2030`` bounds a yearly report at 31/12/2030; a report due
      ``trước ngày 10/01 của năm sau`` covers the horizon year too, so it runs to 10/01/2031;
    * a daily report (``báo cáo hằng ngày`` in an emergency plan) never runs for ever:
      without a stated horizon it stops at the end of the year the plan was issued in;
    * other recurrences without a horizon stay open (a standing duty of the agency).
    """
    horizon = context.horizon_year
    if horizon is not None and context.issued_year is not None and horizon < context.issued_year:
        horizon = None
    if horizon is None and expr.freq == "daily":
        horizon = context.issued_year or (context.issued.year if context.issued else None)
    if horizon is None:
        return None
    if "next-year" in expr.tags and expr.rec_month:
        last = timexpr.month_end(f"{horizon + 1:04d}-{expr.rec_month:02d}")
        return last.replace(day=min(expr.rec_day or last.day, last.day))
    return date(horizon, 12, 31)


def _owners(assignments: list[Assignment], pos: int) -> list[Assignment]:
    """Agencies of the smallest block holding ``pos``, leading or responsible ones first.

    A cooperating agency owns the date only when no other agency's block holds it:
    "Sở Y tế chủ trì, phối hợp với Sở Tài chính ...; báo cáo trước ngày 15/12" is due
    from Sở Y tế, though Sở Tài chính's clause is the smaller block around the date.
    """
    holding = [a for a in assignments if a.block and a.block.start <= pos < a.block.end]
    pool = [a for a in holding if a.role != "cooperate"] or holding
    if not pool:
        return []
    smallest = min(a.block.end - a.block.start for a in pool)
    return [a for a in pool if a.block.end - a.block.start == smallest]


def _subject(doc: Document, sentence: Span, context: PlanContext) -> agencies.Mention | None:
    """The agency the sentence is about: the first one named that does not follow ``về``/``gửi``.

    ``Hằng năm, trước ngày 15 tháng 01, Sở Tài chính báo cáo ... về Sở Y tế`` → Sở Tài chính.
    An agency that asks (``UBND tỉnh yêu cầu Sở Y tế ...``) is passed over for the one asked.
    """
    text = doc.text[sentence.start:sentence.end]
    # every agency after the first report/send verb is addressed: find that verb once per sentence
    addressing = _ADDRESSING.search(text)
    addressed_from = addressing.end() if addressing else len(text) + 1
    previous_end, previous_object = None, False
    for m in agencies.find(text, context):
        listed = previous_end is not None and bool(_LIST_JOIN.fullmatch(text[previous_end:m.start]))
        # "gửi UBND tỉnh, Ban Chỉ huy ...": the whole list after "gửi" is addressed, not the doer
        is_object = previous_object if listed else bool(_NOT_SUBJECT.search(text[max(0, m.start - 12):m.start])
                                                         or addressed_from <= m.start)
        if not is_object and not _requests(text, m.end):
            return m
        previous_end, previous_object = m.end, is_object
    return None


def _requests(text: str, end: int) -> bool:
    """Whether the agency ending at ``end`` asks others to act rather than acts itself.

    ``Chủ tịch UBND tỉnh yêu cầu giám đốc các sở ...``, ``Phó Thủ tướng Chính phủ Trần Lưu Quang
    nhấn mạnh, việc sắp xếp ... phải hoàn thành trước tháng 10/2024``.
    """
    pos = end
    for _ in range(_NAME_WORDS + 1):
        gap = _NON_BLANK.search(text, pos)
        if gap is None:
            return False
        if _REQUESTING.match(text, gap.start()):
            return True
        word = _WORD.match(text, pos)
        # only a person's name (capitalised words) may come between the agency and its verb
        if word is None or not word.group(1)[0].isupper():
            return False
        pos = word.end()
    return False


def _task(doc: Document, owners: list[Assignment], pos: int, sentence: Span) -> str:
    """The task the deadline closes: the owner's task around it, else its sentence."""
    for owner in owners:
        for text, span in zip(owner.tasks, owner.task_spans):
            if span.start <= pos < span.end:
                return text[:MAX_TEXT]
    quote = doc.text[sentence.start:sentence.end].strip()
    quote = _LIST_MARK.sub("", quote)
    if len(quote) < 40 and owners and owners[0].tasks:
        return owners[0].tasks[0][:MAX_TEXT]
    return quote[:MAX_TEXT]
