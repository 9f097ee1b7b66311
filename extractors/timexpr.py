"""Vietnamese time expressions that commit someone to a deadline.

Finds, in one clause of text, the forms plans use for "by when":

* exact days: ``trước ngày 31/10/2023``, ``chậm nhất ngày 15 tháng 01 năm 2024``;
* months, quarters, half-years and years: ``vào tháng 9 năm 2023``, ``Quí IV-2025``,
  ``6 tháng đầu năm 2025``, ``Hoàn thành trong năm 2025``;
* recurrences: ``trước ngày 15/11 hàng năm``, ``trước ngày 10/01 của năm sau``,
  ``trước ngày 20 hằng tháng``, ``báo cáo hằng ngày``, quarters (``trước ngày 15 của
  tháng cuối quý``, ``hằng quý (trước ngày 20/3, 20/6, 20/9, 20/12)``);
* periods: ``Từ ngày 15/11/2025 đến ngày 15/12/2025`` (due at the end, starts at the
  beginning) and bare starts ``Thời gian thực hiện: Từ 01/7/2025`` (a start, no due date).

Dates that merely name a document (``Kế hoạch số 120/KH-UBND ngày 08/7/2024``) are not
deadlines: an exact date needs a deadline cue before it. The reference date for open
years comes from the caller (the plan's date), never from the clock.
"""

from __future__ import annotations

import calendar
import functools
import re
from bisect import bisect_right
from dataclasses import dataclass, field, replace
from datetime import date

from extractors.scan import lowered, matches_at

Precision = str  # "day" | "month" | "quarter" | "half" | "year"

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_QUARTER_END = {1: 3, 2: 6, 3: 9, 4: 12}

# Words that make a day or month a due date rather than a mention.
_CUE = (
    r"(?:trước|chậm nhất(?:\s+là)?|muộn nhất|hạn chót|xong|hoàn thành(?:\s+trong)?|kết thúc|"
    r"đến(?:\s+hết)?|hết|vào|trong|thời\s+hạn[^:\n]{0,40}:|thời\s+gian\s+hoàn\s+thành[^:\n]{0,60}:|"
    r"thời\s+gian\s+thực\s+hiện[^:\n]{0,40}:|thời\s+gian[^:\n]{0,60}:|tiến\s+độ[^:\n]{0,30}:)"
)
# A leading look-ahead (?=[...]) on a pattern searched through a clause or the window before
# a date lists the letters its alternatives open with (case-insensitive like the pattern):
# it changes no match, but most characters fail it at once instead of entering every
# alternative, which makes these searches two to three times faster.
_CUE_BEFORE = re.compile(r"(?=[tcmhxkđv])" + _CUE + r"\s*(?:\(|\*)?\s*(?:là\s+)?(?:ngày\s+)?$", re.IGNORECASE)
_START_BEFORE = re.compile(r"(?=[tb])(?:\btừ|\bbắt đầu(?:\s+từ)?)\s*(?:ngày\s+)?$", re.IGNORECASE)
_YEARLY = re.compile(r"(?=[hmncđ])(?:\b(?:h[àằ]ng|mỗi)\s+năm\b|\bnăm\s+sau\b|\bcủa\s+năm\b|\bđịnh\s+kỳ\b)", re.IGNORECASE)
_MONTHLY = re.compile(r"(?=[hm])\b(?:h[àằ]ng|mỗi)\s+tháng\b", re.IGNORECASE)
_DAILY = re.compile(r"(?=[hm])\b(?:h[àằ]ng|mỗi)\s+ngày\b", re.IGNORECASE)
_REPORT = re.compile(r"(?=[bgh])(?:\bbáo\s+cáo\b|\bgửi\b|\bgiao\s+ban\b|\bhọp\b)", re.IGNORECASE)

_DMY = re.compile(
    r"(?<![\d/])(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})\s*[/.\-]\s*(?P<y>(?:19|20)\d{2})(?!\d)"
    r"|ngày\s+(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s*(?:,\s*)?năm\s+(?P<y2>(?:19|20)\d{2})",
    re.IGNORECASE,
)
_DM = re.compile(
    r"(?<![\d/])(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?![\d/]|\s*/\s*\d)"
    r"|ngày\s+(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?!\d|\s*(?:,\s*)?năm\s+\d|\s*[/-]\s*\d)",
    re.IGNORECASE,
)
_DAY_OF_MONTH = re.compile(
    r"ngày\s+(?P<d>\d{1,2})\s+(?:(?:h[àằ]ng|mỗi)\s+tháng"
    # "trước ngày 05 của tháng sau" in a monthly clause; "trước ngày 15 của tháng." names no month
    r"|(?P<next>(?:của\s+)?tháng\s+(?:sau|tiếp\s+theo|kế\s+tiếp)\b)|(?P<bare>của\s+tháng(?=\s*(?:[.,;:)\n]|$))))",
    re.IGNORECASE,
)
# "ngày 15 của tháng cuối quý", "ngày 05 tháng cuối cùng của mỗi quý", "ngày 10 của tháng đầu quý sau":
# the day of one month in every quarter, named by its place in the quarter
_QUARTER_DAY = re.compile(
    r"ngày\s+(?P<d>\d{1,2})\s+(?:của\s+)?tháng\s+(?:(?P<last>cuối(?:\s+cùng)?)|(?P<first>đầu(?:\s+tiên)?)"
    r"|thứ\s+(?P<nth>nhất|hai|ba|[123]))\s+(?:của\s+)?(?:(?:h[àằ]ng|mỗi|các)\s+)?qu[ýíy]\b"
    r"(?P<next>\s+(?:sau|tiếp\s+theo|kế\s+tiếp)\b)?",
    re.IGNORECASE,
)
_NTH = {"nhất": 1, "hai": 2, "ba": 3, "1": 1, "2": 2, "3": 3}
# "hằng quý", "mỗi quý", "định kỳ quý": every quarter (not "quý III/2024", one quarter)
_QUARTERLY = re.compile(r"(?=[hmđ])\b(?:h[àằ]ng|mỗi|định\s+kỳ(?:\s+h[àằ]ng)?)\s+qu[ýíy]\b", re.IGNORECASE)
# "(trước ngày 20/3, 20/6, 20/9, 20/12)": one day in each quarter, no year
_QUARTER_DATES = re.compile(
    r"(?<![\d/])(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})(?:\s*(?:,|;|và|-|–)\s*(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}){1,3}"
    r"(?![\d/]|\s*/\s*\d)",
    re.IGNORECASE,
)
_DAY_SLASH_MONTH = re.compile(r"(\d{1,2})\s*/\s*(\d{1,2})")
_MONTH_RANGE = re.compile(
    r"tháng\s+(?P<m1>\d{1,2})\s*[-–]\s*(?P<m2>\d{1,2})\s*[/-]\s*(?P<y>(?:19|20)\d{2})", re.IGNORECASE
)
_MY = re.compile(
    r"tháng\s+(?P<m>\d{1,2})\s*(?:[/-]\s*|(?:,\s*)?năm\s+)(?P<y>(?:19|20)\d{2})(?!\d)", re.IGNORECASE
)
_M = re.compile(r"tháng\s+(?P<m>\d{1,2})(?![\d/]|\s*[-–]\s*\d|\s*(?:,\s*)?năm\s+\d)", re.IGNORECASE)
_QUARTER = re.compile(
    r"\bqu[ýíy]\s+(?P<q>IV|III|II|I|[1-4])\b\s*(?:[/\-–,]\s*|(?:năm|Năm)\s+)?(?P<y>(?:19|20)\d{2})?",
    re.IGNORECASE,
)
_HALF = re.compile(r"\b(?:6|sáu)\s+tháng\s+(?P<which>đầu|cuối)\s+năm(?:\s+(?P<y>(?:19|20)\d{2}))?", re.IGNORECASE)
_YEAR = re.compile(
    r"(?P<cue>(?:hoàn\s+thành\s+)?trong\s+năm|(?:đến\s+)?hết\s+năm|cuối\s+năm|vào\s+năm|năm)\s+(?P<y>(?:19|20)\d{2})(?!\s*[-–]\s*\d)",
    re.IGNORECASE,
)
_PERIOD = re.compile(
    r"(?:giai\s+đoạn|năm|từ\s+năm)\s+(?P<y1>(?:19|20)\d{2})\s*[-–]\s*(?:năm\s+)?(?P<y2>(?:19|20)\d{2})",
    re.IGNORECASE,
)
_PERIOD_CUE = re.compile(
    r"(?:^|[:;.]\s*|[\n\f])\s*(?:[-+*•]\s*)?(?:\*\s*)?(?:trong\s+|thời\s+gian[^:\n]{0,30}:\s*\*?\s*)?$",
    re.IGNORECASE,
)
_BARE_YEAR = re.compile(r"\s*(?:(?:trong\s+)?năm\s+)?(?P<y>(?:19|20)\d{2})\s*\.?\s*", re.IGNORECASE)
_BARE_PERIOD = re.compile(
    r"\s*(?:giai\s+đoạn\s+|năm\s+)?(?P<y1>(?:19|20)\d{2})\s*[-–]\s*(?:năm\s+)?(?P<y2>(?:19|20)\d{2})\s*\.?\s*",
    re.IGNORECASE,
)
_ONGOING = re.compile(r"^\s*(?:và\s+(?:các|những)\s+năm\s+tiếp\s+theo|trở\s+đi)", re.IGNORECASE)
_UNTIL_OPEN = re.compile(r"^\s*(?:đến|cho\s+đến)\s+(?:khi|lúc)", re.IGNORECASE)
# "trước ngày 10/01 của năm sau": the report on one year falls due in the next one
_NEXT_YEAR = re.compile(r"\s*(?:\(|,)?\s*(?:của\s+)?năm\s+sau", re.IGNORECASE)
_SPLIT_OR = re.compile(r"^\s*(?:và|,|;|hoặc)\s*(?:ngày\s+)?", re.IGNORECASE)
_DAY_WORD_BEFORE = re.compile(r"ngày\s+$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"(?:\btừ\s+)$", re.IGNORECASE)
_START_LABEL_BEFORE = re.compile(r"(?=t)thời\s+(?:gian|hạn)\s+thực\s+hiện[^:\n]{0,20}:\s*\*?\s*từ\s*$", re.IGNORECASE)
_DATE_LIST_BEFORE = re.compile(r"\d{1,2}\s*/\s*\d{1,2}\s*(?:và|,|;|hoặc)\s*$")
_YEARLY_AFTER = re.compile(r"\s*(?:\(|,)?\s*(?:h[àằ]ng|mỗi)\s+năm|\s*(?:của\s+)?năm\s+sau", re.IGNORECASE)
_EVERY_YEAR_AFTER = re.compile(r"\s*(?:h[àằ]ng|mỗi)\s+năm", re.IGNORECASE)
_MONTH_CUE_BEFORE = re.compile(r"(?=[vthđx:])(?:vào|trong|hoàn\s+thành|trước|đến\s+hết|hết|xong|:)\s*(?:\*\s*)?$", re.IGNORECASE)
_EVENT_MONTH_CUE = re.compile(r"(?=[vth])(?:vào|trong|hoàn\s+thành)\s*$", re.IGNORECASE)
_BLANK = re.compile(r"^\s*$")
_TIME_SLOT_BEFORE = re.compile(r"(?=t)thời\s+(?:gian|hạn)[^:\n]{0,40}:\s*\*?\s*$", re.IGNORECASE)
_LEADING_DAY_WORD = re.compile(r"^ngày\s+", re.IGNORECASE)

# Cheap necessary conditions, tested before the patterns that need them: most clauses of a
# plan hold no number at all, and scanning them with a dozen case-insensitive patterns is
# what made this module slow. Each gate is implied by every pattern it guards (a pattern
# matching "Tháng" means the lower-cased clause holds "tháng"), so it never changes a result.
_DIGIT = re.compile(r"\d")
_FOUR_DIGITS = re.compile(r"\d{4}")
# Where a match of each slow case-insensitive pattern can start: its opening words in lower
# case, up to the first number, found fast in the lower-cased clause; extractors.scan tries
# the pattern only there instead of at every character. Each opening matches at the start
# of every match of its pattern, so the matches are the same as finditer's.
# (the lookahead lets the regex engine skip ahead to a candidate character)
# "từ" is a common word and a list label "1. " is no date: a range opening with "từ" needs
# one of its endpoints right after it, and a day needs its separator and the next number.
_RANGE_OPENING = re.compile(
    r"(?=[\dtnq])(?:từ\s+(?:ngày\s+\d|\d|tháng\s+\d|qu[ýíy]\s)|ngày\s+\d|\d\d?\s*(?:/\s*\d\d?\s*/|tháng)"
    r"|tháng\s+\d|qu[ýíy]\s)"
)
# Every endpoint of a range ends in a year, and "đến" or a dash follows the first one: most
# sentences with a year (a cited document's date) hold no such year and skip the range pattern.
_RANGE_HINT = re.compile(r"\d{4}\s*(?:đến|[-–])")
_YEAR_OPENING = re.compile(r"(?:hoàn\s+thành\s+trong|trong|đến\s+hết|hết|cuối|vào|năm)\s+(?:năm\s+)?(?:19|20)\d\d")
_DATE_OPENING = re.compile(r"\d\d?\s*[/.\-]\s*\d|ngày\s+\d")  # _DMY, _DM
_DAY_OPENING = re.compile(r"ngày\s+\d")  # _DAY_OF_MONTH
_MONTH_OPENING = re.compile(r"tháng\s+\d")  # _MONTH_RANGE, _MY, _M
# a case-insensitive "s" also matches the long s "ſ", which lower() keeps as it is
_HALF_OPENING = re.compile(r"6\s+tháng|sáu\s+tháng|ſáu\s+tháng")
_QUARTER_OPENING = re.compile(r"qu[ýíy]\s")
_PERIOD_OPENING = re.compile(r"(?:giai\s+đoạn|năm|từ\s+năm)\s+(?:19|20)\d\d")


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """One time commitment found in a clause; ``start``/``end`` are offsets in the text given.

    Exactly one of ``date``, ``month`` and ``freq`` is set for a deadline; a bare start
    (``Từ 01/7/2025``) has only ``starts``.
    """

    start: int
    end: int
    text: str
    date: str | None = None
    month: str | None = None
    freq: str | None = None
    rec_month: int | None = None
    rec_day: int | None = None
    interval: int | None = None
    starts: str | None = None
    precision: Precision = "day"
    tags: tuple[str, ...] = field(default=())

    @property
    def is_deadline(self) -> bool:
        return bool(self.date or self.month or self.freq)


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _ym(y: int, m: int) -> str | None:
    return f"{y:04d}-{m:02d}" if 1 <= m <= 12 else None


def month_end(month: str) -> date:
    """Last day of a ``YYYY-MM`` month: month-level deadlines fall due then."""
    y, m = (int(p) for p in month.split("-"))
    return date(y, m, calendar.monthrange(y, m)[1])


def find(text: str, reference: date | None = None, cued: bool = False) -> list[TimeExpr]:
    """All time commitments in ``text`` (one sentence or table cell), in reading order.

    >>> [e.freq for e in find("định kỳ báo cáo trước ngày 10/01 của năm sau")]
    ['yearly']

    ``cued`` says the whole text is a due-date slot (a ``Thời gian hoàn thành`` cell), so
    a bare ``30/9/2023`` counts.
    """
    if cued:
        year = _BARE_YEAR.fullmatch(text)
        if year:  # a time column holding just "2025" or "Năm 2026": due by the year's end
            y = int(year.group("y"))
            return [TimeExpr(year.start("y"), year.end("y"), year.group("y"), month=_ym(y, 12), precision="year")]
        period = _BARE_PERIOD.fullmatch(text)
        if period and int(period.group("y1")) <= int(period.group("y2")):  # "2025-2030" in a time column
            y1, y2 = int(period.group("y1")), int(period.group("y2"))
            return [TimeExpr(period.start("y1"), period.end("y2"), text[period.start("y1"):period.end("y2")],
                             month=_ym(y2, 12), starts=f"{y1:04d}-01-01", precision="year", tags=("period",))]
        prefix = "Thời hạn: "
        return [replace(e, start=e.start - len(prefix), end=e.end - len(prefix))
                for e in find(prefix + text, reference) if e.start >= len(prefix)]
    aligned = lowered(text)  # None only for a Turkish I: then the slow patterns scan everything
    lower = aligned if aligned is not None else text.lower()
    has_digit = _DIGIT.search(text) is not None
    has_month = "tháng" in lower
    has_quarter = "qu" in lower and _QUARTER_OPENING.search(lower) is not None
    if not (has_digit or has_month or has_quarter):
        # Most clauses: no number, month or quarter, so only "báo cáo hằng ngày" can bind.
        daily = _is_daily(text, lower) and _bare_recurrence(text, "daily")
        if not daily and "qu" in lower:
            daily = _bare_quarterly(text)  # "báo cáo định kỳ hằng quý."
        return [daily] if daily else []
    found: list[TimeExpr] = []
    taken = _Taken()
    has_year = has_digit and _FOUR_DIGITS.search(text) is not None  # every dd/mm/yyyy, year and period
    recurring = _recurring_kind(text, lower, has_month)

    free = taken.free

    def add(expr: TimeExpr | None) -> None:
        if expr is not None and free(expr.start, expr.end):
            found.append(expr)
            taken.add(expr.start, expr.end)

    if has_year:
        if _RANGE_HINT.search(lower):
            for m in _range_matches(text, aligned):
                add(m)
        if has_month:
            for m in matches_at(_MONTH_RANGE, _MONTH_OPENING, text, aligned):
                add(_month_range(m))
    quarterly = has_quarter and _QUARTERLY.search(text) is not None
    if has_digit and has_month:
        if "qu" in lower:
            for m in matches_at(_QUARTER_DAY, _DAY_OPENING, text, aligned):
                add(_quarter_day(m))
        for m in matches_at(_DAY_OF_MONTH, _DAY_OPENING, text, aligned):
            add(_day_of_month(text, lower, m))
    if quarterly and "/" in text:
        for m in _QUARTER_DATES.finditer(text):
            add(_quarter_dates(text, m))
    if has_year:
        for m in matches_at(_DMY, _DATE_OPENING, text, aligned):
            if free(m.start(), m.end()):
                add(_absolute_date(text, m))
                taken.add(m.start(), m.end())  # a cited document's date is no month either
    if has_month:
        for m in matches_at(_HALF, _HALF_OPENING, text, aligned):
            add(_half(text, m, recurring))
    if has_quarter:
        for m in matches_at(_QUARTER, _QUARTER_OPENING, text, aligned):
            add(_quarter(text, m, recurring))
    if has_year and has_month:
        for m in matches_at(_MY, _MONTH_OPENING, text, aligned):
            if free(m.start(), m.end()):
                add(_month_year(text, m))
    if has_digit and (has_month or "/" in text):
        for m in matches_at(_DM, _DATE_OPENING, text, aligned):
            if free(m.start(), m.end()):
                add(_day_month(text, m, recurring, reference))
    if has_digit and has_month:
        for m in matches_at(_M, _MONTH_OPENING, text, aligned):
            if free(m.start(), m.end()):
                add(_month_only(text, m, recurring, reference))
    if has_year and ("năm" in lower or "đoạn" in lower):
        for m in matches_at(_PERIOD, _PERIOD_OPENING, text, aligned):
            if free(m.start(), m.end()):
                add(_period(text, m))
    if has_year and "năm" in lower:
        for m in matches_at(_YEAR, _YEAR_OPENING, text, aligned):
            if free(m.start(), m.end()):
                add(_year(text, m, reference))
    if recurring in ("daily", "monthly") and not any(e.freq for e in found):
        add(_bare_recurrence(text, recurring))
    if quarterly and not any(e.freq for e in found):
        add(_bare_quarterly(text))
    return sorted(found, key=lambda e: e.start)


class _Taken:
    """The stretches of a text already read, kept merged and sorted so that a test is a bisection.

    A line repeating ``ngày 12 tháng 3 năm 2024; `` a thousand times holds thousands of
    expressions: testing each candidate against every stretch taken would be quadratic.
    """

    __slots__ = ("starts", "ends")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []  # disjoint stretches, so the ends are sorted too

    def free(self, a: int, b: int) -> bool:
        """Whether no stretch taken overlaps ``[a, b)`` (``s < b and a < e``)."""
        i = bisect_right(self.ends, a)  # the first stretch ending after a
        return i == len(self.ends) or self.starts[i] >= b

    def add(self, a: int, b: int) -> None:
        """Take ``[a, b)``, merged with the stretches it overlaps."""
        lo = bisect_right(self.ends, a)  # stretches before lo end at or before a: untouched
        hi = lo
        while hi < len(self.starts) and self.starts[hi] < b:
            hi += 1
        if hi > lo:  # [lo, hi) overlap [a, b) (a stretch starting at b only touches it)
            a, b = min(a, self.starts[lo]), max(b, self.ends[hi - 1])
        self.starts[lo:hi] = [a]
        self.ends[lo:hi] = [b]


def _recurring_kind(text: str, lower: str, has_month: bool) -> str | None:
    """``hằng ngày`` / ``hằng tháng`` / ``hằng năm`` (or ``năm sau``, ``định kỳ``), the first found in that order."""
    if _is_daily(text, lower):
        return "daily"
    if has_month and _says_every(lower) and _MONTHLY.search(text):
        return "monthly"
    if ("năm" in lower or "định" in lower) and _YEARLY.search(text):
        return "yearly"
    return None


def _says_every(lower: str) -> bool:
    """Whether ``hằng``/``hàng``/``mỗi`` occurs: every daily or monthly recurrence holds one."""
    # "mỗ", not "mỗi": a case-insensitive "i" also matches the dotless "ı", which lower() keeps
    return "hàng" in lower or "hằng" in lower or "mỗ" in lower


def _is_daily(text: str, lower: str) -> bool:
    """``báo cáo hằng ngày``: the first recurrence :func:`_recurring_kind` looks for, on its own."""
    return _says_every(lower) and "ngày" in lower and _DAILY.search(text) is not None


def _cue_before(text: str, pos: int) -> bool:
    return bool(_CUE_BEFORE.search(text[max(0, pos - 80):pos]))


def _start_before(text: str, pos: int) -> bool:
    return bool(_START_BEFORE.search(text[max(0, pos - 20):pos]))


def _expand_start(text: str, pos: int) -> int:
    """Include ``ngày``/``tháng`` words the match left out, for a readable quote."""
    head = text[max(0, pos - 6):pos]
    m = _DAY_WORD_BEFORE.search(head)
    return pos - len(m.group(0)) if m else pos


def _dmy_values(m: re.Match[str]) -> tuple[int, int, int]:
    if m.group("d") is not None:
        return int(m.group("d")), int(m.group("m")), int(m.group("y"))
    return int(m.group("d2")), int(m.group("m2")), int(m.group("y2"))


def _absolute_date(text: str, m: re.Match[str]) -> TimeExpr | None:
    """``trước ngày 31/10/2023``: a due date only after a cue; after ``Từ`` a start."""
    d, mo, y = _dmy_values(m)
    iso = _iso(y, mo, d)
    if iso is None:
        return None
    start = _expand_start(text, m.start())
    if _start_before(text, start):
        return TimeExpr(start, m.end(), text[start:m.end()], starts=iso, precision="day")
    if not _cue_before(text, start) or _counting_window(text, start):
        return None
    return TimeExpr(start, m.end(), text[start:m.end()], date=iso, precision="day")


def _ongoing_or_open(text: str, pos: int) -> bool:
    """``... và các năm tiếp theo`` / ``... đến khi kết thúc``: the period has no due date."""
    return bool(_ONGOING.match(text[pos:]) or _UNTIL_OPEN.match(text[pos:]))


@functools.cache
def _range_regex() -> re.Pattern[str]:
    """``Từ ngày 15/11/2025 đến ngày 15/12/2025``: compiled once, not per clause."""
    endpoint = (
        r"(?:ngày\s+)?(?:\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
        r"|tháng\s+\d{1,2}\s*(?:/|năm)\s*\d{4}|qu[ýíy]\s+(?:IV|III|II|I|[1-4])\s*(?:/|-|năm)?\s*\d{4}"
    )
    return re.compile(
        rf"(?:\btừ\s+)?(?P<a>{endpoint})\s*(?:đến|[-–])\s*(?:hết\s+)?(?P<b>{endpoint})", re.IGNORECASE
    )


def _range_matches(text: str, lower: str | None) -> list[TimeExpr]:
    """``Từ ngày 15/11/2025 đến ngày 15/12/2025``, ``Quý IV/2025 - Quý II/2026``."""
    out = []
    for m in matches_at(_range_regex(), _RANGE_OPENING, text, lower):
        if not (m.group(0)[:2].lower() == "từ" or _cue_before(text, m.start()) or _label_before_period(text, m.start())):
            continue  # "(06/01/1946 - 06/01/2026)": an anniversary, not a period of work
        a, b = find_single(m.group("a")), find_single(m.group("b"))
        if a is None or b is None:
            continue
        begin = a.date or a.starts or (_first_month(a) + "-01" if a.month else None)
        tx = TimeExpr(m.start(), m.end(), m.group(0), date=b.date, month=b.month,
                      starts=begin, precision=b.precision, tags=("period",))
        out.append(tx)
    return out


def _label_before_period(text: str, pos: int) -> bool:
    return bool(_PERIOD_CUE.search(text[max(0, pos - 60):pos]))


def _first_month(expr: TimeExpr) -> str:
    """Where a month-level period starts: a quarter starts two months before it ends."""
    if expr.precision != "quarter" or expr.month is None:
        return expr.month or ""
    y, m = (int(p) for p in expr.month.split("-"))
    return f"{y:04d}-{m - 2:02d}"


def _month_range(m: re.Match[str]) -> TimeExpr | None:
    """``Tháng 11 - 12/2025``: due by the end of December, starting in November."""
    y, m1, m2 = int(m.group("y")), int(m.group("m1")), int(m.group("m2"))
    if not (1 <= m1 <= m2 <= 12):
        return None
    return TimeExpr(m.start(), m.end(), m.group(0), month=_ym(y, m2), starts=f"{y:04d}-{m1:02d}-01",
                    precision="month", tags=("period",))


def find_single(text: str) -> TimeExpr | None:
    """Parse one endpoint (as in a table cell) as a due value, cue implied."""
    text = text.strip()
    m = _DMY.fullmatch(_LEADING_DAY_WORD.sub("", text)) or _DMY.search(text)
    if m:
        d, mo, y = _dmy_values(m)
        iso = _iso(y, mo, d)
        return TimeExpr(0, len(text), text, date=iso, precision="day") if iso else None
    m = _QUARTER.search(text)
    if m and m.group("y"):
        return _quarter_value(m, int(m.group("y")))
    m = _MY.search(text)
    if m:
        ym = _ym(int(m.group("y")), int(m.group("m")))
        return TimeExpr(0, len(text), text, month=ym, precision="month") if ym else None
    return None


def _half(text: str, m: re.Match[str], recurring: str | None) -> TimeExpr:
    month = 6 if m.group("which").lower() == "đầu" else 12
    if m.group("y"):
        return TimeExpr(m.start(), m.end(), m.group(0), month=_ym(int(m.group("y")), month), precision="half")
    return TimeExpr(m.start(), m.end(), m.group(0), freq="yearly", rec_month=month, precision="half")


def _quarter_value(m: re.Match[str], year: int) -> TimeExpr:
    q = _ROMAN[m.group("q").upper()]
    return TimeExpr(m.start(), m.end(), m.group(0).strip(), month=_ym(year, _QUARTER_END[q]), precision="quarter")


def _quarter(text: str, m: re.Match[str], recurring: str | None) -> TimeExpr | None:
    """``quý III/2024`` → due 2024-09; ``quý IV hằng năm`` → yearly in December."""
    if m.group("y"):
        expr = _quarter_value(m, int(m.group("y")))
        if _ONGOING.match(text[m.end():]):
            # "Quý IV năm 2025 và các năm tiếp theo": work starts then and goes on, no due date
            return replace(expr, text=text[expr.start:expr.end], month=None, starts=_first_month(expr) + "-01")
        return replace(expr, text=text[expr.start:expr.end])
    if recurring == "yearly":
        q = _ROMAN[m.group("q").upper()]
        return TimeExpr(m.start(), m.end(), m.group(0).strip(), freq="yearly", rec_month=_QUARTER_END[q], precision="quarter")
    return None


def _month_year(text: str, m: re.Match[str]) -> TimeExpr | None:
    """``vào tháng 9 năm 2023``, ``trong tháng 11/2025``, ``từ tháng 11/2023`` (an event month)."""
    ym = _ym(int(m.group("y")), int(m.group("m")))
    if ym is None:
        return None
    if _start_before(text, m.start()) and (_ongoing_or_open(text, m.end()) or _label_before(text, m.start())):
        return TimeExpr(m.start(), m.end(), text[m.start():m.end()], starts=ym + "-01", precision="month")
    begin = m.start()
    lead = _FROM_BEFORE.search(text[max(0, begin - 4):begin])
    if lead:
        begin -= len(lead.group(0))
    elif _BEFORE_MONTH.search(text, max(0, begin - 12), begin):
        # "hoàn thành trước tháng 10/2024": due before October opens, by the end of September
        ym = _previous_month(ym)
    return TimeExpr(begin, m.end(), text[begin:m.end()], month=ym, precision="month")


def _previous_month(ym: str) -> str:
    y, mo = (int(p) for p in ym.split("-"))
    return f"{y - 1:04d}-12" if mo == 1 else f"{y:04d}-{mo - 1:02d}"


def _label_before(text: str, pos: int) -> bool:
    """``Thời gian thực hiện: Từ tháng 10/2025``: a start, not an event month."""
    return bool(_START_LABEL_BEFORE.search(text[max(0, pos - 60):pos]))


def _day_month(text: str, m: re.Match[str], recurring: str | None, reference: date | None) -> TimeExpr | None:
    """``trước ngày 15/11 hàng năm`` (yearly); ``trước ngày 15/11`` alone falls in the plan's year."""
    d = int(m.group("d") or m.group("d2"))
    mo = int(m.group("m") or m.group("m2"))
    if not (1 <= mo <= 12 and 1 <= d <= 31) or _iso(2024, mo, d) is None:
        return None
    start = _expand_start(text, m.start())
    chained = _chained_after_date(text, start)
    if not (_cue_before(text, start) or chained) or _counting_window(text, start):
        return None
    if recurring == "yearly" or _yearly_after(text, m.end()):
        tags = ("next-year",) if _NEXT_YEAR.match(text, m.end()) else ()
        return TimeExpr(start, m.end(), text[start:m.end()], freq="yearly", rec_month=mo, rec_day=d, tags=tags)
    if reference is None:
        return None
    year = reference.year + (1 if (mo, d) < (reference.month, reference.day) else 0)
    iso = _iso(year, mo, d)
    return TimeExpr(start, m.end(), text[start:m.end()], date=iso, tags=("year-inferred",)) if iso else None


def _chained_after_date(text: str, pos: int) -> bool:
    """``trước ngày 01/6 và 15/11 hằng năm``: the second day shares the first one's cue."""
    return bool(_DATE_LIST_BEFORE.search(text[max(0, pos - 20):pos]))


def _yearly_after(text: str, pos: int) -> bool:
    return bool(_YEARLY_AFTER.match(text, pos))


def _month_only(text: str, m: re.Match[str], recurring: str | None, reference: date | None) -> TimeExpr | None:
    """``Hoàn thành trong tháng 11`` in a yearly clause, ``đợt 1: vào tháng 6``."""
    mo = int(m.group("m"))
    if not 1 <= mo <= 12:
        return None
    before = text[max(0, m.start() - 60):m.start()]
    cue = _MONTH_CUE_BEFORE.search(before)
    if recurring == "yearly" or _yearly_after(text, m.end()):
        if cue or _EVERY_YEAR_AFTER.match(text, m.end()) or _BLANK.match(before):
            return TimeExpr(m.start(), m.end(), m.group(0), freq="yearly", rec_month=mo, precision="month")
        return None
    if cue and reference is not None and _EVENT_MONTH_CUE.search(before):
        year = reference.year + (1 if mo < reference.month else 0)
        return TimeExpr(m.start(), m.end(), m.group(0), month=_ym(year, mo), precision="month", tags=("year-inferred",))
    return None


def _period(text: str, m: re.Match[str]) -> TimeExpr | None:
    """``Thời gian thực hiện: giai đoạn 2026-2030`` bounds a task; a programme's name does not."""
    if not _PERIOD_CUE.search(text[max(0, m.start() - 60):m.start()]):
        return None
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if y2 < y1:
        return None
    if _ONGOING.match(text[m.end():]):
        # "Giai đoạn 2026-2030 và những năm tiếp theo": the work starts then and goes on, no due date
        return TimeExpr(m.start(), m.end(), m.group(0), starts=f"{y1:04d}-01-01", precision="year")
    return TimeExpr(m.start(), m.end(), m.group(0), month=_ym(y2, 12), starts=f"{y1:04d}-01-01",
                    precision="year", tags=("period",))


def _year(text: str, m: re.Match[str], reference: date | None) -> TimeExpr | None:
    """``Hoàn thành trong năm 2025`` → due by December 2025; ``năm 2026 và các năm tiếp theo`` → a start."""
    y = int(m.group("y"))
    cue = m.group("cue").lower().split()
    if _ONGOING.match(text[m.end():]):
        if _PERIOD_CUE.search(text[max(0, m.start() - 60):m.start()]) or _start_before(text, m.start()):
            return TimeExpr(m.start(), m.end(), m.group(0), starts=f"{y:04d}-01-01", precision="year")
        return None
    if cue == ["năm"]:
        # A bare year only counts in a time slot ("Thời gian thực hiện: năm 2026").
        if not _TIME_SLOT_BEFORE.search(text[max(0, m.start() - 60):m.start()]):
            return None
    if reference is not None and y < reference.year:
        return None  # "trong năm 2022 đã đạt ...": a past result, not a commitment
    if cue[0] == "trong" and _CONTINUOUS.search(text[max(0, m.start() - 40):m.start()]):
        return None  # "tiến hành thường xuyên, liên tục trong năm 2025": done all year, nothing falls due
    return TimeExpr(m.start(), m.end(), m.group(0), month=_ym(y, 12), precision="year")


# "trước tháng 10/2024" (not "trước ngày 15 tháng 10"): the month itself is already late
_BEFORE_MONTH = re.compile(r"\btrước\s*$", re.IGNORECASE)
# "Báo cáo định kỳ hằng năm tính từ ngày 15 tháng 12 năm trước ... đến ngày 14 tháng 12 của năm báo cáo":
# the window a report's figures cover, or their cut-off ("số liệu tính đến ngày 30/6"), is no due date.
_COUNTED = re.compile(r"(?=t)\btính\s+(?:từ|đến)\b", re.IGNORECASE)


def _counting_window(text: str, pos: int) -> bool:
    """``tính từ ngày 15 ... đến ngày 14 tháng 12`` / ``tính đến ngày 30/6`` before ``pos``, in its clause."""
    head = text[max(0, pos - 120):pos]
    cut = max(head.rfind(";"), head.rfind(". "))
    return _COUNTED.search(head, cut + 1) is not None


_CONTINUOUS = re.compile(r"(?=[tls])(?:thường\s+xuyên|liên\s+tục|suốt)[\s,]*(?:và\s+)?(?:liên\s+tục[\s,]*)?$", re.IGNORECASE)


def _day_of_month(text: str, lower: str, m: re.Match[str]) -> TimeExpr | None:
    """``trước ngày 20 hằng tháng``; ``báo cáo tháng gửi trước ngày 15 của tháng`` (every month)."""
    d = int(m.group("d"))
    if not 1 <= d <= 31:
        return None
    if m.group("next") or m.group("bare"):
        if not _cue_before(text, m.start()):
            return None
        # "trước ngày 05 tháng sau" closes a monthly report only in a clause about months
        if m.group("next") and not (_MONTHLY.search(text) or _MONTH_REPORT.search(lower)):
            return None
    return TimeExpr(m.start(), m.end(), m.group(0), freq="monthly", rec_day=d, precision="day")


# "báo cáo tháng", "báo cáo định kỳ tháng": a report on each month
_MONTH_REPORT = re.compile(r"báo\s+cáo\s+(?:định\s+kỳ\s+)?(?:h[àằ]ng\s+)?tháng\b(?!\s+\d)")


def _quarter_day(m: re.Match[str]) -> TimeExpr | None:
    """``trước ngày 15 của tháng cuối quý`` → every 3 months from March, on the 15th."""
    d = int(m.group("d"))
    if not 1 <= d <= 31:
        return None
    month = 3 if m.group("last") else 1 if m.group("first") else _NTH[m.group("nth").lower()]
    tags = ("next-year",) if m.group("next") else ()  # the last quarter's report falls in the next year
    return TimeExpr(m.start(), m.end(), m.group(0), freq="monthly", interval=3, rec_month=month, rec_day=d, tags=tags)


def _quarter_dates(text: str, m: re.Match[str]) -> TimeExpr | None:
    """``hằng quý (trước ngày 20/3, 20/6, 20/9, 20/12)``: one day, a month of each quarter, at one place in it."""
    start = _expand_start(text, m.start())
    if not _cue_before(text, start):
        return None
    pairs = [(int(d), int(mo)) for d, mo in _DAY_SLASH_MONTH.findall(m.group(0))]
    days = {d for d, _ in pairs}
    months = [mo for _, mo in pairs]
    places = {(mo - 1) % 3 for mo in months}
    if len(days) != 1 or len(places) != 1 or len(set(months)) != len(months) or not all(1 <= mo <= 12 for mo in months):
        return None  # "20/6, 15/12": a half-year and a year, not quarters
    d = days.pop()
    if not 1 <= d <= 31:
        return None
    return TimeExpr(start, m.end(), text[start:m.end()], freq="monthly", interval=3,
                    rec_month=places.pop() + 1, rec_day=d)


def _bare_quarterly(text: str) -> TimeExpr | None:
    """``báo cáo định kỳ hằng quý``: every quarter, no day given, so by the quarter's last day."""
    m = _QUARTERLY.search(text)
    if m is None or not _REPORT.search(text[max(0, m.start() - 60):m.start()]):
        return None
    return TimeExpr(m.start(), m.end(), m.group(0), freq="monthly", interval=3, rec_month=3, precision="quarter")


def _bare_recurrence(text: str, kind: str) -> TimeExpr | None:
    """``báo cáo hằng ngày``, ``chuyên mục hằng tháng``: recurring without a fixed day."""
    rx = _DAILY if kind == "daily" else _MONTHLY
    m = rx.search(text)
    # "báo cáo hằng ngày" is a duty; "trợ cấp hằng tháng" only describes an allowance
    if m is None or not _REPORT.search(text[max(0, m.start() - 60):m.start()]):
        return None
    return TimeExpr(m.start(), m.end(), m.group(0), freq=kind, precision="day" if kind == "daily" else "month")


def rrule(freq: str, month: int | None = None, day: int | None = None, until: date | None = None,
          interval: int | None = None) -> str:
    """RFC 5545 rule text: yearly 15/11 → ``FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=15``.

    A yearly month without a day falls on the month's last day (``BYMONTHDAY=-1``).
    Every 3 months from March on the 15th → ``FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=15``:
    the months are listed, not ``INTERVAL=3``, whose months would count from the
    calendar's start date (a plan issued in February would fall due in February, May ...).
    """
    parts = [f"FREQ={freq.upper()}"]
    if freq == "yearly" and month:
        parts.append(f"BYMONTH={month}")
        parts.append(f"BYMONTHDAY={day if day else -1}")
    elif freq == "monthly":
        if interval and interval > 1 and 12 % interval == 0 and month:
            first = (month - 1) % interval + 1
            parts.append("BYMONTH=" + ",".join(str(mo) for mo in range(first, 13, interval)))
        elif interval and interval > 1:
            parts.append(f"INTERVAL={interval}")
        parts.append(f"BYMONTHDAY={day if day else -1}")
    if until is not None:
        parts.append(f"UNTIL={until:%Y%m%d}")
    return ";".join(parts)
