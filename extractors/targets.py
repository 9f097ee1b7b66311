"""Targets of a plan: a number it commits to, with comparator, unit, year and scope.

Prose: ``"Tỷ suất tử vong trẻ em dưới 1 tuổi năm 2025 dưới 8,5‰"`` → ``<`` 8.5 ‰ 2025.
Tables: ``"Huyện Sơn Động\\t2\\t6\\t17"`` under headers ``"... năm 2023"``,
``"... đến hết năm 2025"`` → one target per cell, scoped to the district.

A number is a target when it carries a unit a plan commits to (%, ‰, per 10,000,
money, people, beds, units) and sits either in a goal section (``Mục tiêu``,
``Chỉ tiêu``) or next to a commitment word (``phấn đấu``, ``đạt``, ``duy trì``,
``bảo đảm``). Current-status sentences (``hiện nay``, ``đến thời điểm hiện tại``)
give baselines, never targets.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from extractors.context import PlanContext
from extractors.indicators import fold_keep, match as match_indicator, raw_pattern
from extractors.numbers import MULTIPLIERS, NUMBER_RE, parse_number
from extractors.period import stated_period_end
from extractors.target_tables import table_findings, table_targets
from pipeline.document import Document, Line
from schemas import Target

__all__ = ["extract", "table_findings"]

MAX_INDICATOR = 300
SKIP_KINDS = {"header", "number_line", "date_line", "doc_type", "title", "preamble", "recipients", "signature"}
# All patterns below run on fold_keep(text): lower-case, no diacritics, same offsets.
GOAL_HEADING = re.compile(r"muc tieu|chi tieu")
BUDGET_HEADING = re.compile(r"kinh phi|nguon von|du toan|tai chinh|nguon luc")
# "chiếm khoảng 75% tổng vốn đầu tư" under a funding heading is a share of the money, no status.
_SHARE = re.compile(r"\bchiem\b")
AWARD_HEADING = re.compile(r"khen thuong|tieu chuan khen|hinh thuc khen")
COMMIT = re.compile(
    r"phan dau|phan dau|dat\b|duy tri|bao dam|dam bao|it nhat|toi thieu|tro len|"
    r"khong qua|khong duoi|tang\b|giam\b|hoan thanh|muc tieu|chi tieu|100%"
)
STATUS = re.compile(
    r"\b(?:hien tai|hien nay|hien co|tinh den|den nay|nam qua|vua qua|da dat duoc|ket qua dat|"
    r"thoi diem hien|tinh tu dau nam|nam truoc|uoc tinh\b|uoc\b|thiet hai|chiem\b)"
)
FUTURE = re.compile(r"phan dau|duy tri|muc tieu|chi tieu|dam bao|bao dam")
RUBRIC = re.compile(r"cong \d+ diem|tru \d+ diem|\bdiem\b.*\bthang diem")
YEAR = re.compile(r"(?<![\d/.,\-])((?:19|20)\d{2})(?:\s*[-–]\s*((?:19|20)\d{2}))?(?![\d/]|-\d)")
LABEL = re.compile(
    r"^\s*(?:[-+*•●▪–]\s*)*(?:\(?(?:[IVXLC]+[.)]|\d+(?:\.\d+)+\.?|\d+[.)]|[a-zđ][.)])\.?\s+)?(?:[-+*•●▪–]\s*)*"
)
OPTIONAL = re.compile(r"co the dieu chinh")  # "... có thể điều chỉnh mục tiêu": a condition, not a goal
APPROX = re.compile(r"\b(?:khoang|xap xi|gan|chung)\s+$")
_DAT_PLACE = re.compile(r"[đĐ][ặấắẶẤẮ]t")  # đặt (place), đất (land), đắt (dear): none is đạt
_CHANGE = re.compile(r"\b(tang|giam|nang)\s+(?:them\s+)?(?:(?:tren|it nhat|toi thieu|khoang|tu|duoi|hon)\s+)?$")
# A year followed by its own commitment ("..., năm 2025 đạt 95%") opens the next item: not this number's.
# "so với năm 2024", "(giá so sánh năm 2010)": a baseline or price-base year, never the target's own.
_BASE_YEAR = re.compile(r"\b(?:so voi|so sanh|goc)\s+(?:cung ky\s+)?(?:nam\s+)?$")
_BASE_PERIOD = re.compile(r"\bso voi\b(?:(?!\d)[^,;.:]){0,50}$")
_YEAR_AFTER = re.compile(r"^[^;:]{0,60}?\b(?:vao|trong|den|tu)?\s*(?<!so voi )(?<!so sanh )(?<!goc )nam\s+((?:19|20)\d{2})(?![\d/]|\s*[-–]\s*\d)"
                         r"(?!\s*,?\s*(?:dat|la|phan dau|duy tri|giam|tang)\b)")
# A "." ends the sentence: the next sentence is no longer under the "Phấn đấu ...:" lead-in.
CLAUSE_BREAK = re.compile(r"\.")
# Counts need a commitment word of their own even inside a list: "...; tập huấn 50 người".
_COUNTED = ("count", "people", "beds", "VND", "USD", "tonnes", "ha")
# Units written after a multiplier word: "60 triệu đồng", "3 tỷ USD", "2,5 nghìn tấn".
_SCALED = ("VND", "USD", "tonnes", "ha")
# Quantities (not levels) need a word that commits to reaching them: "đạt 1.900 ha", "tối thiểu 25.000 tấn".
_QUANTITIES = ("count", "people", "beds", "USD", "tonnes", "ha")
_NEW_QUANTITIES = ("USD", "tonnes", "ha")
_TIMES = re.compile(r"\b(?:con|xuong|gap|bang)\s+\Z")
_DATE_YEAR = re.compile(r"thang\s+\d{1,2}\s+nam\s*$")
_TIME_GAP = re.compile(r"\s+(?:vao|trong|den|tu)?\s*(?:nam|het nam|cuoi nam)\s+(?:19|20)\d{2}(?=\s+(?:dat|la|o muc)?\s*$)")
_NUMBER_LABEL = re.compile(r"\s*(\d+(?:\.\d+)*)[.)]\s")
LIST_ITEM = re.compile(r"[-+*•●▪–]\s")
# A lead-in commits when it strives ("phấn đấu") or opens with the goals themselves ("Chỉ tiêu cụ thể:");
# "Để đạt được các mục tiêu trên, cần thực hiện:" introduces tasks, whose counts are no targets.
_LEAD_COMMIT = re.compile(r"phan dau|^\W*(?:\d+(?:\.\d+)*[.)]\s*|[a-z][.)]\s*)?(?:cac\s+)?(?:muc tieu|chi tieu)\b"
                          # "Theo đó, mục tiêu đặt ra là:" · "Kế hoạch đề ra các chỉ tiêu cụ thể sau:"
                          r"|\b(?:muc tieu|chi tieu)\s+(?:cu the\s+)?(?:(?:duoc\s+)?(?:dat ra|de ra|dua ra)\s+)?"
                          r"(?:la|nhu sau|sau|gom|bao gom)\s*:\s*$")
_ELABORATION = re.compile(r"^(?:[-+*•●▪–]\s*)?(?:trong do|cu the|bao gom|gom)\b[^:]{0,20}:$")
_BREAKDOWN = re.compile(r"\((?:trong do|bao gom|gom)\b[^()]*\)")
# A period with no space after it ends a sentence too ("... đạt 8,0%.Cụ thể, ...", "dinh dưỡng.Bên cạnh đó"),
# when a word of three letters or a number comes before it: "TP.Hồ Chí Minh", "ThS.Nguyễn" are abbreviations.
# (every branch opens with ";" or "." and tests what stands before the dot after it: a
# search then skips from one of those characters to the next)
CLAUSE_END = re.compile(r";|\.(?=\s+[A-ZĐÀ-Ỹ\-*“\"(])|\.\s*$"
                        r"|\.(?<=[a-zđà-ỹ]{3}\.)(?=[A-ZĐÀ-ÝĂƠƯẠ-Ỹ][a-zđà-ỹ])|\.(?<=[\d%‰]\.)(?=[A-ZĐÀ-ÝĂƠƯẠ-Ỹ][a-zđà-ỹ])")

# Unit words right after the number (folded text).
_AFTER_UNIT = [
    (re.compile(r"\s*%"), "%"),
    (re.compile(r"\s*‰"), "‰"),
    (re.compile(r"\s*(nghin|ngan|trieu|ty|ti)?\s*(?:dong|vnd)\b"), "VND"),
    (re.compile(r"\s*(nghin|ngan|trieu|ty|ti)?\s*(?:usd|do la(?: my)?)\b"), "USD"),
    (re.compile(r"\s*(nghin|ngan|trieu|ty|ti)?\s*tan\b(?!\s*(?:cong|cong|dung|suat))"), "tonnes"),
    (re.compile(r"\s*(nghin|ngan|trieu|ty|ti)?\s*(?:ha|hecta|hec ta)\b"), "ha"),
    (re.compile(r"\s*con\s*/\s*(?:1\s+)?phu nu"), "per_woman"),
    (re.compile(r"\s*(?:so )?(?:be |tre so sinh |tre )?trai\s*/\s*100\s*(?:be |tre so sinh |tre )?gai"), "per_100_girls"),
    (re.compile(r"\s*(?:ca\s+)?/\s*100\.000"), "per_100k"),
    (re.compile(r"\s*(?:ca(?: sinh| tu vong| mac)?\s*)?/\s*1\.000\b"), "‰"),  # "18 ca sinh/1.000 phụ nữ"
    (re.compile(r"\s*(?:nguoi\s*|ca\s*)?/\s*10\.000\b"), "per_10k"),
    (re.compile(r"\s*giuong"), "beds"),
    (re.compile(r"\s*(?:nguoi|luot (?:nguoi|can bo|cong chuc|vien chuc|hoc sinh|doan vien|hoi vien|thanh nien|"
                r"phu nu|nguoi dan|nguoi benh|benh nhan|tre)|bac si|bac sy|y si|y sy|nhan vien|can bo|cong chuc|vien chuc|"
                r"hoc vien|hoc sinh|giao vien|dieu duong|ho sinh|duoc si|thanh vien|doan vien|hoi vien|"
                r"cong tac vien|tuyen truyen vien|lao dong|benh nhan|tre)\b"), "people"),
    (re.compile(r"\s*(?:xa|phuong|thi tran|don vi|tram|co so|thon|ban|ap|to dan pho|khu pho|huyen|"
                r"quan|tinh|truong|benh vien|phong kham|khoa|ho gia dinh|ho|doanh nghiep|diem|mo hinh|"
                r"cau lac bo|to|nhom|dia phuong|co quan|cong trinh|du an|hop tac xa|lop|chi nhanh|"
                r"trung tam|phong|khu|cum|chuyen muc|tin|bai|san pham|ho so|thu tuc|dich vu|xe|"
                r"tram y te|nha|cong|luot)\b"), "count"),
]
# Numbers followed by these are durations, ages, frequencies or scores: never targets.
_NOT_TARGET = re.compile(
    r"\s*(?:tuoi|thang|nam\b|ngay|gio|phut|lan|buoi|dot|tiet|km|m2|m\b|kg|lit|"
    r"diem|ky|truong hop|khoa\s+(?:hop|[ivx]+)|muc|cap|loai|benh|tieu chi|noi dung|chi tieu|muc tieu|"
    r"nhiem vu|giai phap|van ban|quyet dinh|ke hoach)\b"
)
_YEARS_OF_AGE = re.compile(r"\s*(?:tuoi|nam)\b(?!\s*(?:19|20)\d{2})")
_PER_10K = re.compile(r"/\s*van dan|tren\s+(?:1\s+)?van dan|/\s*10\.000 dan|tren 10\.000 dan")
_COMPARATORS = [
    (re.compile(r"\b(?:khong duoi|khong thap hon|it nhat|toi thieu|tu)\s+(?:la\s+|co\s+|dat\s+|muc\s+)?$"), ">="),
    (re.compile(r"\b(?:khong qua|khong vuot qua|toi da|khong cao hon)\s+(?:la\s+|muc\s+)?$"), "<="),
    (re.compile(r"\b(?:tren|cao hon|nhieu hon|lon hon|vuot)\s+(?:muc\s+)?$"), ">"),
    (re.compile(r"\b(?:duoi|thap hon|it hon|xuong duoi|giam xuong duoi)\s+(?:muc\s+)?$"), "<"),
]
_SYMBOL = [(re.compile(r"(?:≥|>=)\s*$"), ">="), (re.compile(r"(?:≤|<=)\s*$"), "<="),
           (re.compile(r">\s*$"), ">"), (re.compile(r"<\s*$"), "<")]
_AFTER_BOUND = [(re.compile(r"^\s*(?:tro len|tro di)"), ">="), (re.compile(r"^\s*tro xuong"), "<=")]
_FOLDED_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "sau": 6, "bay": 7, "tam": 8, "chin": 9, "muoi": 10}
# Number words count only after "ít nhất", "có", "mỗi", "đạt": "có ít nhất một bác sĩ".
# (the leading look-ahead changes no match: it lets most characters fail at once)
_WORD_NUMBER = re.compile(
    r"(?=[itcmd])(?:it nhat |toi thieu |\bco |\bmoi |\bdat )(mot|hai|ba|bon|sau|bay|tam|chin|muoi)\s+(?=[a-z])"
)
# Every match of _WORD_NUMBER holds this; a literal-led pattern scans a line many times faster.
_NUMBER_WORDS = ("mot", "hai", "ba", "bon", "sau", "bay", "tam", "chin", "muoi")
_WORD_NUMBER_HINT = re.compile(rf" (?:{'|'.join(_NUMBER_WORDS)})\s")
# The same hint on unfolded text: lines with neither a digit nor this need not be folded at all.
_RAW_NUMBER_WORD = re.compile(rf" (?:{'|'.join(raw_pattern(w) for w in _NUMBER_WORDS)})\s")


def _word_numbers(fclause: str):
    """``_WORD_NUMBER`` matches of a folded clause, after the cheap hint says there may be some."""
    return _WORD_NUMBER.finditer(fclause) if _WORD_NUMBER_HINT.search(fclause) else ()

# Patterns of the helpers below, compiled once.
_HAS_AT_LEAST = re.compile(r"\bco\s+(?:it nhat|toi thieu)\s+$")
_CHANGE_FROM = re.compile(r"\b(?:giam|tang|nang|ha)\b.{0,80}\btu\s+$")
_CHANGE_TO = re.compile(r"\b(?:xuong|len|con)\b")
_LAN = re.compile(r"\s*lan\b")
_YEAR_CUE = re.compile(r"(nam|den|giai doan|tu|truoc|sau|hoac|va|-|–|ky)\s*$")
_PERCENT_SIGN = re.compile(r"\s*(%|‰)")
_BARE_PER_10K = re.compile(r"\s*(?:$|[a-z])")
_DAN_SO = re.compile(r"\s*dan so\b")
_AT_LEAST_END = re.compile(r"(it nhat|toi thieu)\s+$")
_HUNDRED_OF = re.compile(r"\s*%?\s*[a-z]")
_COUNT_COMMIT = re.compile(r"phan dau|dat\b|duy tri|it nhat|toi thieu|khong qua|khong duoi|xay moi")
_LEVEL_COMMIT = re.compile(r"phan dau|dat|duy tri|bao dam|dam bao|it nhat|toi thieu|khong qua|khong duoi|muc|"
                           r"tren|duoi|moi .{0,40}co|tang|giam")
_OPEN_BOUND = re.compile(r"\s*(tro len|tro xuong)")
_FILLER_END = re.compile(r"\b(?:dat|la|co|o|muc|khoang|tu le|ti le)\s*$")
_YEAR_LEAD = re.compile(r"(nam|den|het|giai doan|ky|tu|cuoi)\s*$")
_LIST_LINE = re.compile(r"^[-+*•●▪–]|^\(?\d+[.)]|^[a-zđ]\)")
_PHASED = re.compile(r"^(?:(?:den )?(?:het |cuoi )?nam \d{4}|giai doan [\d\s\-–]+|\d{4})\s*:")
_NOT_WORDS = re.compile(r"[\d%‰.,:;()*\-]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class _Mention:
    start: int
    end: int
    value: float
    unit: str
    unit_end: int
    word: bool = False  # written in words ("một"): weaker evidence than digits
    bound: str | None = None  # ">=" for the lower end of a range ("từ 86 đến 88%", "6-6,5%")


def extract(doc: Document, context: PlanContext) -> list[Target]:
    """Every target of ``doc``, prose and tables, in document order."""
    # A target without a year in its clause, list or headings takes the plan's own period
    # from its title ("giai đoạn 2026 - 2030") or its own time section; a horizon guessed from the body
    # ("... đến năm 2030" of a cited programme) is not the plan's and gives no year.
    # The plan's own "Thời gian thực hiện" section is its period too ("Từ nay đến hết năm 2025").
    horizon = _title_year(doc) or stated_period_end(doc, context.issued_year)
    found = _prose_targets(doc, context, horizon) + table_targets(doc, context)
    return _dedupe(sorted(found, key=lambda t: (t.span.start, t.span.end)), doc.text)


# --- prose -----------------------------------------------------------------

def _prose_targets(doc: Document, context: PlanContext, horizon: int | None) -> list[Target]:
    lines = doc.lines()
    skipped = _skipped_lines(doc, lines)
    chains = _SectionChains(doc, lines)
    headings_of: dict[int, str] = {}  # id(node) → folded heading, folded once per document
    out: list[Target] = []
    previous: Target | None = None
    for index, line in enumerate(lines):
        if skipped[index] or not line.text.strip():
            continue
        digit = _DIGIT.search(line.text)
        if not digit and not _RAW_NUMBER_WORD.search(line.text):
            continue  # most lines: no digit and no number word anywhere, so none after the label either
        label = LABEL.match(line.text)
        if not _may_hold_number(line.text, label.end() if label else 0, digit):
            continue  # no digit and no number word after the label: nothing here can become a target
        folded = _fold(line.text)
        clauses = _read_clauses(line.text, folded, label.end() if label else 0)
        if not any(c.mentions for c in clauses):
            continue  # no number with a target unit: the sections and lead-ins below would decide nothing
        chain = _outside_siblings(chains[index], line.text)
        headings = [_folded_heading(n, headings_of) for n in chain if n.span.start != line.start]
        in_goal = any(GOAL_HEADING.search(h) for h in headings) or bool(
            line.text.rstrip().endswith(":") and GOAL_HEADING.search(fold_keep(line.text[:80])))
        in_budget = any(BUDGET_HEADING.search(h) for h in headings[:2])
        if any(AWARD_HEADING.search(h) for h in headings):
            continue  # award quotas ("không quá 10% tập thể") and criteria are rules, not targets
        lead = _lead_in(lines, index, chain[0].span.start if chain else 0)
        in_goal = in_goal or _framed_list(doc, line, lead, chain)
        for target in _line_targets(doc, line, folded, clauses, headings, lead, in_goal, in_budget, context, horizon):
            if target.indicator_code is None and previous is not None and _inherits(target, previous):
                target = target.model_copy(update={"indicator_code": previous.indicator_code, "score": previous.score})
            out.append(target)
            previous = target
    return out


_DIGIT = re.compile(r"\d")


def _may_hold_number(text: str, start: int = 0, first_digit: re.Match[str] | None = None) -> bool:
    """A cheap test before folding and the clause rules: ``_mentions`` needs a number or a number word.

    Dates and symbols (``15/3/2024``, ``64/KH-UBND``) have digits but no number ``NUMBER_RE`` takes.
    ``first_digit``: the line's first digit when already found (it is the first after ``start`` too
    when it stands there).
    """
    if first_digit is not None and first_digit.start() >= start:
        digit = first_digit
    else:
        digit = _DIGIT.search(text, start)
    # searched from the first digit (no number starts before it), on the text after the
    # label as before: a number right after the label has nothing behind it to look at
    if digit and NUMBER_RE.search(text[start:] if start else text, digit.start() - start):
        return True
    if digit and _RANGE_HINT.search(text, start):
        return True  # "đạt 7-7,5%": a range, whose ends NUMBER_RE takes neither of
    return bool(_RAW_NUMBER_WORD.search(text, start))


def _skipped_lines(doc: Document, lines: list[Line]) -> list[bool]:
    """Lines starting inside the header, signature, recipients or a table: no prose targets there."""
    starts = [line.start for line in lines]
    skipped = [False] * len(lines)
    for node in doc.outline:
        if node.kind in SKIP_KINDS or node.kind == "table":
            s = node.span
            lo = bisect.bisect_left(starts, s.start)
            hi = bisect.bisect_left(starts, max(s.end, s.start + 1))
            skipped[lo:hi] = [True] * (hi - lo)
    return skipped


class _SectionChains:
    """``chains[i]``: the sections holding the start of line ``i``, innermost first.

    Computed for the lines that ask (the few that may hold a number), not for every line.
    """

    def __init__(self, doc: Document, lines: list[Line]) -> None:
        self._sections = [(n.span.start, n.span.end, n) for n in doc.outline if n.kind == "section"]
        self._lines = lines

    def __getitem__(self, index: int) -> list:
        pos = self._lines[index].start
        chain = [n for start, end, n in self._sections if start <= pos < end]  # outline order
        if len(chain) > 1:
            chain.sort(key=lambda n: -n.span.start)  # stable: equal starts keep outline order
        return chain


def _folded_heading(node, cache: dict[int, str]) -> str:
    key = id(node)
    if key not in cache:
        cache[key] = fold_keep(node.heading)
    return cache[key]


@dataclass(frozen=True, slots=True)
class _Clause:
    start: int
    end: int
    mentions: list[_Mention] | None  # None: no number to read


def _read_clauses(text: str, folded: str, start: int) -> list[_Clause]:
    """The clauses of a line after its label, each with the numbers it gives a target unit.

    Read before anything else about the line: most lines with numbers have none with a unit
    (dates, article numbers, durations), and those need no headings or lead-ins at all.
    """
    out = []
    for c_start, c_end in _clauses(text, start):
        clause = text[c_start:c_end]
        numbers = list(NUMBER_RE.finditer(clause))
        # "6,5-7%" holds no single number NUMBER_RE takes, only a range
        has_number = bool(numbers) or _RAW_NUMBER_WORD.search(clause) is not None or _RANGE_HINT.search(clause) is not None
        mentions = _mentions(clause, folded[c_start:c_end], numbers) if has_number else None
        out.append(_Clause(c_start, c_end, mentions))
    return out


def _line_targets(doc, line: Line, folded: str, clause_reads: list[_Clause], headings, lead, in_goal, in_budget,
                  context, horizon) -> list[Target]:
    out = []
    carried = False  # a ";"-list after "Phấn đấu ...:" commits every item, not only the first
    line_year = None  # the year of the paragraph's last dated target
    clauses = [(c.start, c.end) for c in clause_reads]
    previous_code = _NONE_YET  # the indicator of the sentence's last target, for numbers continuing it
    previous_unit = None
    for k, read in enumerate(clause_reads):
        c_start, c_end = read.start, read.end
        if k and CLAUSE_BREAK.match(line.text, clauses[k - 1][1]):
            previous_code = _NONE_YET  # a new sentence continues nothing
        clause = line.text[c_start:c_end]
        if not carried and read.mentions is None:
            continue  # no number and no list carried into it: the clause changes nothing
        fclause = folded[c_start:c_end]
        parts = _breakdown(fclause)
        # a budget section's money is what the plan spends, never a target (the rest reads the same)
        found = read.mentions if read.mentions is not None else _mentions(clause, fclause, [])
        mentions = [m for m in found
                    if not (in_budget and m.unit in ("VND", "USD")) and not any(a <= m.start < b for a, b in parts)]
        if not mentions and not carried:
            continue  # the rules below would only decide whether a list carries on, and none is carried
        if RUBRIC.search(fclause) or OPTIONAL.search(fclause) or (in_budget and _SHARE.search(fclause)):
            continue
        prefix = _colon_prefix(folded, c_start)
        year_lead = _Lead(line.text, folded, clauses, k, prefix)
        status, aside = _status(fclause)
        inherit, carried = carried, carried and not CLAUSE_BREAK.match(line.text, c_end)
        named = _NAMED.search(fclause) is not None  # "Thu ngân sách: 5.000 tỷ đồng", a list of indicators
        committed = in_goal or inherit or named or bool(COMMIT.search(fclause)) or bool(COMMIT.search(prefix))
        if not committed and not status:
            continue
        indicator = None  # the clause's text, the same for every number in it: built once
        first = len(out)
        for i, m in enumerate(mentions):
            seg_start = mentions[i - 1].unit_end if i else 0
            seg_end = mentions[i + 1].start if i + 1 < len(mentions) else len(clause)
            before, after = _own(fclause[seg_start:m.start]), fclause[m.unit_end:seg_end]
            if _defines_indicator(fclause[:m.start], mentions[:i], m):
                continue  # "100% xã có ít nhất 04 tin, bài": the 04 defines what the 100% counts
            bare = previous_code is not _NONE_YET and _bare(fclause, seg_start, seg_end, m)
            # "lần lượt đạt khoảng 45%, 35% lực lượng lao động": a number continuing a target is one too,
            # unless it restates it in other terms ("đạt 50% (8 xã)")
            listed = (previous_code is not _NONE_YET and m.unit == previous_unit and _bare(fclause, seg_start, seg_end, m, False)
                      and not _in_aside(fclause, seg_start, m.start))
            if (not in_goal and not status and not (inherit and m.unit not in _COUNTED) and not _strong(before, after, m)
                    and not (named and _AFTER_NAME.search(fclause, seg_start, m.start)) and not listed):
                continue
            t_status = status or _from_value(before, after) or any(a <= m.start < b for a, b in aside)
            if t_status and m.unit in _NEW_QUANTITIES:
                continue  # "63.000 ha cây trồng bị thiệt hại", "xuất khẩu đạt 2,9 tỷ USD": reports, no indicator's baseline
            comparator = "baseline" if t_status else (m.bound or _comparator(before, after))
            year = (_year_after(after) or _year(fclause, m.start) or year_lead.year() or _year_of(lead)
                    or next((y for y in map(_year_of, headings) if y), None))
            if t_status and not _year_after(after) and (status or aside):
                year = context.issued_year
            elif year is None:
                # "Năm 2025 Quảng Nam phấn đấu giảm ... . Phấn đấu giảm ...": a sentence that strives again
                # continues the striving of the sentence before it, and its time; any other one does not
                year = (line_year if line_year and _STRIVES_AGAIN.match(fclause) else None) or horizon
            elif not t_status:
                line_year = year if "phan dau" in fclause else None
            if bare:
                found = previous_code  # "...đạt 70% năm 2025; 90% năm 2030": the 90 continues the 70
            else:
                found = _indicator_code(clause, seg_start, seg_end, m)
                if found is None and previous_code is not _NONE_YET and _in_aside(fclause, seg_start, m.start):
                    found = previous_code  # "giảm 2%/năm (riêng các xã nghèo giảm 4%/năm)": the same rate, narrower
            previous_code, previous_unit = found, m.unit
            indicator = indicator if indicator is not None else _indicator_text(clause)
            out.append(Target(
                indicator=indicator,
                indicator_code=found.code if found else None,
                comparator=comparator,
                value=m.value,
                unit=m.unit,
                year=year,
                span=doc.span(line.start + c_start + m.start, line.start + c_start + m.unit_end),
                method="rule",
                score=found.score if found else None,
                change=None if t_status else _change(before, after),
                approximate=bool(APPROX.search(before[-25:])),
            ))
            carried = carried or (not t_status and not CLAUSE_BREAK.match(line.text, c_end))
        _share_forward(out, first, line.start + c_start, fclause)
    return out


_NONE_YET = object()

# "(3) Tổng sản lượng lương thực năm 2025: 25.000 tấn" · "Số bác sĩ/vạn dân: 15 bác sĩ": an indicator's
# name, a colon and its value at once. A list of such lines is a list of targets (chỉ tiêu) even
# without a commitment word; the name must open like an indicator (tỷ lệ, tốc độ, số, tổng, thu...).
_INDICATOR_HEAD = (r"(?:ty le|ty so|ty suat|ty trong|toc do|tong|so|thu|chi|san luong|gia tri|dien tich|"
                   r"thu nhap|tuoi tho|muc|binh quan|grdp|gdp|co cau|nang suat|von)")
_NAMED = re.compile(rf"(?:^\s*|[:;]\s*|\(\d+\)\s*|[-+*•]\s*)(?<![a-z] ){_INDICATOR_HEAD}\b[^:;]{{0,200}}:\s*"
                    r"(?:(?:khoang|tren|duoi|tu|dat|it nhat|toi thieu)\s+)?\d")
# The number sits right after a colon (or a bound word after it): "...: 100%", "...: dưới 3%".
_AFTER_NAME = re.compile(r":\s*(?:(?:khoang|tren|duoi|tu|dat|it nhat|toi thieu)\s+)?$")


def _outside_siblings(chain: list, text: str) -> list:
    """Drop sections that a numbered line cannot belong to: ``5. ...`` is no child of ``4. ...``.

    A hard-wrapped item (``4. Trong giai đoạn 2026`` / ``- 2030 phấn đấu ...``) can become a short
    section heading that swallows the next items; its year must not reach item 5.
    """
    m = _NUMBER_LABEL.match(text)
    if not m:
        return chain
    own = m.group(1).split(".")
    while chain and chain[0].label:
        theirs = chain[0].label.split(".")
        if not all(p.isdigit() for p in theirs) or len(theirs) != len(own) or theirs[:-1] != own[:-1]:
            break
        if int(theirs[-1]) >= int(own[-1]):
            break
        chain = chain[1:]
    return chain


def _framed_list(doc: Document, line: Line, lead: str, chain) -> bool:
    """A list item whose lead-in (``Trong đó:``) details a commitment made above it.

    ``"... phấn đấu triển khai phát triển trạm 4G, 5G, cụ thể như sau:"`` opening section 2, then
    ``"Trong đó:"`` / ``"+ Lắp đặt mới trạm 3G/4G: 58 trạm"`` in 2.1: the 58 stations are planned.
    """
    if not lead or not LIST_ITEM.match(line.text.lstrip()):
        return False
    if _LEAD_COMMIT.search(lead):
        return True
    return bool(_ELABORATION.match(lead)) and any(_committing_intro(doc, node) for node in chain)


_LINE_BREAK = re.compile(r"[\n\f]")


def _committing_intro(doc: Document, node) -> bool:
    """The text between a section's heading and its first subsection commits (``phấn đấu ... như sau:``)."""
    children = [n.span.start for n in doc.outline if n.kind == "section" and node.span.start < n.span.start < node.span.end]
    if not children:
        return False
    intro = fold_keep(doc.text[node.span.start:min(children)]).rstrip()
    lines = _LINE_BREAK.split(intro)  # a page break ends a line too
    last = lines[-1].strip() if len(lines) > 1 else ""  # the paragraph that opens the subsections
    return last.endswith(":") and bool(_LEAD_COMMIT.search(last))


def _status(fclause: str) -> tuple[bool, list[tuple[int, int]]]:
    """Whether the clause reports the present, else the asides in brackets that do.

    ``"Tỷ lệ trạm y tế xã có bác sĩ làm việc đạt 100% (hiện nay đạt 85%)"``: only the 85
    inside the brackets is the baseline; the 100% outside them stays the target.
    """
    found = STATUS.search(fclause)
    if not found or FUTURE.search(fclause):
        return False, []
    asides = [(m.start(), m.end()) for m in _ASIDE.finditer(fclause)]
    # a share "(chiếm 32,2%)" qualifies the number before it: the clause reports as a whole
    timed = [s for s in STATUS.finditer(fclause) if s.group().strip() != "chiem"]
    inside = [(a, b) for a, b in asides if any(a <= s.start() < b for s in timed)]
    outside = len(timed) != sum(any(a <= s.start() < b for a, b in asides) for s in timed)
    return (True, []) if outside or not timed else (False, inside)


_ASIDE = re.compile(r"\([^()]*\)")


def _breakdown(fclause: str) -> list[tuple[int, int]]:
    """``58 trạm (Trong đó: VNPT: 25 trạm, Viettel: 33 trạm)``: the parts of a number, not targets."""
    return [(m.start(), m.end()) for m in _BREAKDOWN.finditer(fclause)]


def _fold(text: str) -> str:
    """Folded text where ``đặt``/``đất`` stay apart from ``đạt`` (reach): ``lắp đặt``, ``sạt lở đất`` commit to nothing."""
    folded = fold_keep(text)
    for m in _DAT_PLACE.finditer(text):
        folded = folded[:m.start()] + "dXt" + folded[m.end():]
    return folded


def _own(before: str) -> str:
    """The words that belong to this number: after the last ``:`` of a list lead-in."""
    cut = before.rfind(":")
    return before[cut + 1:] if cut >= 0 else before


def _defines_indicator(before: str, earlier: list[_Mention], m: _Mention) -> bool:
    """A count threshold after a percentage is part of what the percentage counts."""
    return (m.unit in ("count", "people") and any(e.unit == "%" for e in earlier)
            and bool(_HAS_AT_LEAST.search(before)))


def _from_value(before: str, after: str) -> bool:
    """``giảm từ 23 ca sinh ... xuống 18``: the number after ``từ`` is where the plan starts."""
    return bool(_CHANGE_FROM.search(before)) and bool(_CHANGE_TO.search(after))


def _change(before: str, after: str = "") -> str | None:
    """``giảm 50%``, ``tăng thêm ít nhất 20%``, ``tăng trên 03%``: the value is a change, not a level.

    Also ``giảm tỷ lệ hộ nghèo bình quân 2%/năm`` (a yearly fall) and ``giảm tỷ lệ ... xuống 2% so
    với năm 2024`` (a level is never compared with a year: the fall is what is measured).
    """
    m = _CHANGE.search(before)
    if m:
        return "increase" if m.group(1).startswith(("tang", "nang")) else "decrease"
    if _PER_YEAR.match(after) and _FALL_BEFORE.search(before):
        return "decrease"
    if _COMPARED.match(after):
        to = _TO_LEVEL.search(before)
        if to:
            return "decrease" if to.group(1) == "giam" else "increase"
    return None


_STRIVES_AGAIN = re.compile(r"\s*phan dau\s+(?!.*\b(?:hang|moi|tung)\s+nam\b)")
_PER_YEAR = re.compile(r"\s*/\s*nam\b")
_FALL_BEFORE = re.compile(r"\bgiam\b(?!.*\b(?:xuong|con|len)\b)")
_COMPARED = re.compile(r"\s*(?:/\s*nam\s*)?,?\s*so voi\s+(?:cung ky\s+)?(?:nam|ky)\b")
_TO_LEVEL = re.compile(r"\b(giam|tang|nang)\b.{0,160}\b(?:xuong|len)\s+(?:con\s+|muc\s+)?$")


def _year_after(after: str) -> int | None:
    """``đạt 50% vào năm 2025``: a year right after the number, in its own words, is its year."""
    m = _YEAR_AFTER.match(after)
    return int(m.group(1)) if m else None


def _indicator_code(clause: str, seg_start: int, seg_end: int, m: _Mention):
    """The indicator a number's own words name, else the words around it, never another number's.

    Between two numbers, a separator divides what belongs to each: in "100% trạm y tế
    xã có bác sĩ và 95% dân số tham gia bảo hiểm y tế" and in "bao phủ bảo hiểm y tế
    đạt 95%, tỷ lệ tiêm chủng đầy đủ đạt 98%", each number keeps the words from the
    last separator before it to the first one after it. The words of the whole clause are
    never read: in "bảo hiểm xã hội đạt 45%, ... 95% dân số tham gia bảo hiểm y tế" they
    name the 95, not the 45 (a number with no words of its own continues the one before it,
    see :func:`_bare`).
    """
    # Only text between two numbers is divided: before the first one, or after the
    # last one, every word is the number's own (names hold commas: "dự phòng, quản lý").
    before = clause[seg_start:m.start]
    cut = max((s.end() for s in _SEPARATOR_BEFORE.finditer(before)), default=0) if seg_start else 0
    after = _SEPARATOR_AFTER.search(clause, m.unit_end, seg_end) if seg_end < len(clause) else None
    own_end = after.start() if after else seg_end
    own = clause[max(seg_start + cut, m.start - 60):min(own_end, m.unit_end + 80)]
    window = clause[max(seg_start, m.start - 60):min(seg_end, m.unit_end + 80)]
    return match_indicator(own) or match_indicator(window) or match_indicator(clause[seg_start:seg_end])


# ", " and ";" end a target's words; "và" does when the next number follows it at once.
_SEPARATOR_BEFORE = re.compile(r",\s|;|\svà\s+(?=$)")
_SEPARATOR_AFTER = re.compile(r",\s|;|\svà\s+(?=\d)")
# What a continuation number may carry besides itself: a time, a bound, a verb of reaching
# ("...; 90% năm 2030", "năm 2024 đạt 93%, năm 2025 đạt 95%", "từ 90% năm 2023 lên 95%"). Folded text.
_FILLER = re.compile(
    r"(?:\b(?:nam|den|het|cuoi|vao|trong|giai doan|dat|la|khoang|tren|duoi|it nhat|toi thieu|tro len|"
    r"tro xuong|len|xuong|con|muc|o|tuong ung|lan luot|phan dau|tu|hoac|moi|hang)\b|[\d%‰.,:;()\-–\s*+])*"
)
_OWN_AFTER_END = re.compile(r",|;|\bva\b")


_COORDINATED = re.compile(r"\s*(?:,|va|hoac)\s*")


def _share_forward(out: list[Target], first: int, offset: int, fclause: str) -> None:
    """``"10 xã và 01 thị trấn đạt Bộ tiêu chí quốc gia về y tế"``: numbers joined by ``và`` share the words after the last."""
    for i in range(len(out) - 2, first - 1, -1):
        t, nxt = out[i], out[i + 1]
        if t.indicator_code is None and nxt.indicator_code is not None and t.unit == nxt.unit and \
                _COORDINATED.fullmatch(fclause, t.span.end - offset, nxt.span.start - offset):
            out[i] = t.model_copy(update={"indicator_code": nxt.indicator_code, "score": nxt.score})


def _in_aside(fclause: str, seg_start: int, start: int) -> bool:
    """A bracket opened since the number before is still open: the number qualifies that one."""
    between = fclause[seg_start:start]
    return between.rfind("(") > between.rfind(")")


def _bare(fclause: str, seg_start: int, seg_end: int, m: _Mention, after: bool = True) -> bool:
    """The number has no words of its own: ``"...đạt 70% năm 2025; 90% năm 2030"`` (the 90).

    Its words run from the last ``,``/``;``/``và`` before it to the first one after it, within its segment.
    ``after=False`` asks only about the words before it: ``"đạt 45%, 35% lực lượng lao động"`` (the 35).
    """
    cut = max((s.end() for s in _OWN_AFTER_END.finditer(fclause, seg_start, m.start)), default=seg_start)
    if not _FILLER.fullmatch(fclause, cut, m.start):
        return False
    if not after:
        return True
    stop = _OWN_AFTER_END.search(fclause, m.unit_end, seg_end)
    return _FILLER.fullmatch(fclause, m.unit_end, stop.start() if stop else seg_end) is not None


def _clauses(text: str, start: int) -> list[tuple[int, int]]:
    """Split a paragraph at ``;`` and sentence ends; decimal points never split."""
    out, pos = [], start
    for m in CLAUSE_END.finditer(text, start):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _mentions(clause: str, fclause: str, numbers: list[re.Match[str]]) -> list[_Mention]:
    """Numbers with a target unit in one clause (years, durations, labels left out).

    ``numbers`` are the ``NUMBER_RE`` matches of ``clause``.
    """
    out = []
    per_10k = "dan" in fclause and _PER_10K.search(fclause) is not None  # every form ends in "dan"
    lifespan = "tuoi tho" in fclause or "song khoe" in fclause  # "tuổi thọ ... đạt 75,5 tuổi"
    ranges = _ranges(fclause, per_10k) if _RANGE_HINT.search(fclause) else []
    out.extend(ranges)
    spans = [(m.start(), m.end(), parse_number(m.group()), False) for m in numbers]
    spans += [(m.start(1), m.end(1), float(_FOLDED_WORDS[m.group(1)]), True) for m in _word_numbers(fclause)]
    if ranges:  # the two ends of a range are one mention, its lower bound
        spans = [s for s in spans if not any(r.start <= s[0] < r.unit_end for r in ranges)]
    for start, end, value, word in sorted(spans):
        if value is None or _is_year(fclause, start, end, value):
            continue
        if _LAN.match(fclause, end) and _TIMES.search(fclause, 0, start):
            out.append(_Mention(start, end, value, "times", end + fclause[end:].index("lan") + 3, word))
            continue  # "giảm ... còn 1,7 lần": a ratio to reach, not a count of times
        years = _YEARS_OF_AGE.match(fclause, end) if lifespan and _lifespan_before(fclause, start) else None
        if years:
            out.append(_Mention(start, end, value, "years", years.end(), word))
            continue  # an age is no target, except the years a lifespan indicator reaches
        unit, unit_end, value = _unit(fclause, end, value, per_10k)
        if unit is None:
            continue
        out.append(_Mention(start, end, value, unit, unit_end, word))
    return sorted(out, key=lambda m: m.start) if ranges else out


# "từ 7,5 đến 8,0%", "từ 3% đến 4%/năm", "6-6,5%", "90 - 100%" (folded text). The lower end is what
# the plan commits to at least; the upper one is no separate target. "2021-2025" (years),
# "15-20/3" (dates) and "12-17 tuổi" (ages, no target unit) are no ranges.
_RANGE_NUMBER = r"\d+(?:[.,]\d+)*"
_RANGE = re.compile(
    rf"(?<![\d.,/\w\-])(?:(?P<tu>tu\s+)({_RANGE_NUMBER})\s*(?P<u1>%|‰)?\s*(?:-|–|den)|({_RANGE_NUMBER})\s*(?P<u2>%|‰)?\s*[-–])"
    rf"\s*({_RANGE_NUMBER})(?![\d/]|[.,]\d|-\w)"
)
_RANGE_HINT = re.compile(r"\d\s*%?\s*(?:[-–]|den)\s*\d")


def _ranges(fclause: str, per_10k: bool) -> list[_Mention]:
    """``"đạt từ 86 đến 88%"`` → one mention of 86 % with bound ``>=``, spanning both ends."""
    out = []
    for m in _RANGE.finditer(fclause):
        low_at = 2 if m.group(2) else 4
        low, high = parse_number(m.group(low_at)), parse_number(m.group(6))
        if low is None or high is None or not low < high or (m.group("u1") or m.group("u2")) not in (None, "%", "‰"):
            continue
        if _is_year(fclause, m.start(6), m.end(6), high) or _is_year(fclause, m.start(low_at), m.end(low_at), low):
            continue
        unit, unit_end, value = _unit(fclause, m.end(6), low, per_10k)
        if unit is None:
            continue
        out.append(_Mention(m.start(low_at), m.end(6), value, unit, unit_end, bound=">="))
    return out


def _lifespan_before(fclause: str, start: int) -> bool:
    """``"tuổi thọ trung bình đạt 75,5 tuổi"``: the lifespan words lead to this number, no other between."""
    at = max(fclause.rfind("tuoi tho", 0, start), fclause.rfind("song khoe", 0, start))
    return at >= 0 and not _DIGIT.search(fclause, at, start)


_DIGIT = re.compile(r"\d")


def _is_year(fclause: str, start: int, end: int, value: float) -> bool:
    if not (1900 <= value <= 2100 and value.is_integer() and end - start == 4):
        return False
    before = fclause[max(0, start - 12):start]
    return bool(_YEAR_CUE.search(before)) or not _PERCENT_SIGN.match(fclause, end)


def _unit(fclause: str, end: int, value: float, per_10k: bool) -> tuple[str | None, int, float]:
    after = fclause[end:end + 40]
    if _NOT_TARGET.match(after):
        return None, end, value
    m = _any_unit().match(after)
    if m:
        index = int(m.lastgroup[1:])
        unit = _AFTER_UNIT[index][1]
        if unit in _SCALED:  # "3 tỷ USD", "2,5 nghìn tấn": the word multiplies the number
            value *= MULTIPLIERS.get(m.group(f"m{index}") or "", 1)
        if per_10k and unit in ("people", "beds", "count"):
            return "per_10k", end + m.end(), value
        return unit, end + m.end(), value
    if per_10k and _BARE_PER_10K.match(after):
        return "per_10k", end, value
    if _DAN_SO.match(after) and value <= 100:
        return "%", end, value  # "100 dân số": a percentage whose sign was dropped
    return None, end, value


@functools.cache
def _any_unit() -> re.Pattern[str]:
    """The ``_AFTER_UNIT`` patterns as one alternation, group ``u<i>`` around the i-th.

    Alternatives are tried in list order and each is the whole rest of the pattern, so the
    match is the first pattern of the list that matches, as a loop over them would find,
    in one call instead of up to fourteen (most numbers have no unit at all).
    """
    parts = []
    for i, (rx, _) in enumerate(_AFTER_UNIT):
        pattern = rx.pattern.replace("(nghin|ngan|trieu|ty|ti)", f"(?P<m{i}>nghin|ngan|trieu|ty|ti)")
        parts.append(f"(?P<u{i}>{pattern})")
    return re.compile("|".join(parts))


def _strong(before: str, after: str, m: _Mention) -> bool:
    """Outside goal sections a number needs a commitment word next to it."""
    if m.word:  # "mỗi xã có một trạm y tế" describes structure; "ít nhất một" commits
        return bool(_AT_LEAST_END.search(before))
    if m.unit == "%" and m.value == 100 and _HUNDRED_OF.match(after):
        return True
    near = before[-60:]
    if m.unit in _QUANTITIES:
        return bool(_COUNT_COMMIT.search(near)) or bool(_OPEN_BOUND.match(after))
    # "phấn đấu giảm tỷ lệ suy dinh dưỡng của học sinh ... các xã đặc biệt khó khăn xuống 1%": striving
    # commits the level at the end of its clause however long the indicator's name (counts stay near it)
    return bool(_LEVEL_COMMIT.search(near)) or bool(_OPEN_BOUND.match(after)) or bool(_FAR_COMMIT.search(before))


_FAR_COMMIT = re.compile(r"\b(?:phan dau|muc tieu)\b")


def _comparator(before: str, after: str) -> str:
    for rx, comp in _AFTER_BOUND:
        if rx.match(after[:20]):
            return comp
    for rx, comp in _SYMBOL:
        if rx.search(before):
            return comp
    # "ít nhất vào năm 2025 đạt 40%": a time phrase between the bound and the number.
    before = _TIME_GAP.sub(" ", before)
    near = _FILLER_END.sub("", before[-40:].rstrip()) + " "
    near2 = before[-40:]
    for rx, comp in _COMPARATORS:
        if rx.search(near2) or rx.search(near):
            return comp
    if "duy tri" in before:
        return "maintain"
    return "="


def _year(fclause: str, at: int) -> int | None:
    """The year nearest to ``at`` in the clause; a period ``2021 - 2025`` gives its end."""
    best: tuple[int, int] | None = None
    for m in YEAR.finditer(fclause):
        year = int(m.group(2) or m.group(1))
        before = fclause[max(0, m.start() - 16):m.start()]
        lead = not fclause[:m.start()].strip(" -+*:") or fclause[m.end():m.end() + 2].lstrip().startswith(":")
        if not m.group(2) and not lead and not _YEAR_LEAD.search(before):
            continue
        if _DATE_YEAR.search(before):
            continue  # "ngày 15 tháng 8 năm 2024" dates a cited document, it is no target year
        if _BASE_YEAR.search(fclause, max(0, m.start() - 24), m.start()) or _BASE_PERIOD.search(fclause, max(0, m.start() - 60), m.start()):
            continue  # "giảm ... so với năm 2024", "so với trung bình giai đoạn 2011 - 2016": compared against
        dist = m.start() - at if m.start() >= at else at - m.end()
        dist = dist * 2 if m.start() >= at else dist * 2 - 1  # ties go to the preceding year
        if best is None or dist < best[0]:
            best = (dist, year)
    return best[1] if best else None


def _year_of(text: str) -> int | None:
    return _year(text, len(text)) if text else None


# A time phrase opening a clause: "Đến năm 2025," · "Phấn đấu đến hết năm 2030," · "Năm 2026," ·
# "Trong giai đoạn 2021 - 2025," · "Đến ngày 31/12/2025,". Folded text.
_OPENING_TIME = re.compile(
    r"\s*(?:[-+*•●▪–]\s*|\(?[a-zđ]\)\s*)?(?:[^,;:\d]{0,30}?\b(?:phan dau|muc tieu)\s*,?\s+)?(?:"
    r"(?:(?:tu nay\s+)?(?:den|toi|trong|vao|truoc)\s+)?(?:het\s+|cuoi\s+)?(?:nam|giai doan)\s+(?:(?:19|20)\d{2}\s*[-–]\s*)?"
    # a date needs its deadline word: "Ngày 15/3/2024, ..." dates an event, "Đến ngày 31/12/2025" a goal
    r"|(?:tu nay\s+)?(?:den|toi|trong|vao|truoc)\s+(?:het\s+|cuoi\s+)?"
    r"(?:ngay\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*|(?:thang\s+\d{1,2}|quy\s+[ivx]+)\s*(?:/\s*|nam\s+))"
    r")((?:19|20)\d{2})(?![\d/]|\s*[-–]\s*\d)"
)
_RECURRING = re.compile(r"\s*(?:[-+*•●▪–]\s*)?(?:[^,;:\d]{0,30}?\b(?:phan dau|muc tieu)\s*,?\s+)?"
                        r"(?:hang|moi|tung)\s+(?:nam|quy|thang)\b")
# A clause that starts a list item of its own ("- ...", "b) ...") begins a new sentence.
_RESTART = re.compile(r"\s*(?:[-+*•●▪–]\s|\(?[a-zđ]\)\s|\d+(?:\.\d+)*[.)]\s)")


def _opening_year(folded_line: str, start: int, end: int) -> tuple[int, int] | None:
    """``"Phấn đấu đến hết năm 2030, 95% ..."`` → (2030, where): a time phrase opening the clause.

    After a ``:`` in the clause the list opens anew: ``"Mục tiêu đến năm 2030: Năm 2026, ..."`` → 2026.
    """
    colon = folded_line.rfind(":", start, end)
    for at in (colon + 1, start) if colon >= 0 else (start,):
        m = _OPENING_TIME.match(folded_line, at, end)
        if m:
            return int(m.group(1)), at
    return None


def _sentence_opening(text: str, folded: str, clauses: list[tuple[int, int]], k: int) -> tuple[int, int] | None:
    """The time opening the sentence of clause ``k``, looking back clause by clause.

    ``"Đến năm 2025, 95% ...; 100% ..."``: the second clause is dated 2025. The look-back stops
    at the sentence start (a period, a list item restarting), at a recurring time (``hằng năm``)
    and at the nearest clause opening on a time of its own (``...; đến năm 2030, ...``).
    """
    for j in range(k, -1, -1):
        s, e = clauses[j]
        opening = _opening_year(folded, s, e)
        if opening:
            return opening
        if _RECURRING.match(folded, s, e) or _RESTART.match(text, s, e):
            return None
        if j and CLAUSE_BREAK.match(text, clauses[j - 1][1]):
            return None  # clause j opens a new sentence
    return None


class _Lead:
    """A clause's year from its lead-ins, read only for targets whose own words give none."""

    __slots__ = ("_args", "_prefix")

    def __init__(self, text: str, folded: str, clauses: list[tuple[int, int]], k: int, prefix: str) -> None:
        self._args, self._prefix = (text, folded, clauses, k), prefix

    def year(self) -> int | None:
        # the nearer lead-in wins: the sentence's opening time, unless a ":" follows it
        opening = _sentence_opening(*self._args)
        if opening and len(self._prefix) < opening[1]:
            return opening[0]
        return _year_of(self._prefix) or (opening[0] if opening else None)


def _colon_prefix(folded_line: str, clause_start: int) -> str:
    """``"... cần đạt được đến năm 2030 là: "`` introducing the clauses after it."""
    cut = folded_line.rfind(":", 0, clause_start + 1)
    return folded_line[:cut] if cut > 0 else ""


def _lead_in(lines: list[Line], index: int, section_start: int) -> str:
    """The line ending in ``:`` that introduces a list of bullets (``Phấn đấu đến năm 2030:``)."""
    for j in range(index - 1, max(-1, index - 40), -1):
        text = lines[j].text.strip()
        if lines[j].start < section_start:
            break
        if not text:
            continue
        if text.endswith(":"):
            lead = fold_keep(text)
            if _LIST_LINE.match(text) and not YEAR.search(lead):
                # "- Chỉ tiêu cơ bản:" under "... chỉ tiêu kế hoạch năm 2023 như sau:": the outer lead dates it
                outer = _lead_in(lines, j, section_start)
                return f"{outer} {lead}" if outer else lead
            return lead
        if not _LIST_LINE.match(text):
            break
    return ""


def _inherits(target: Target, previous: Target) -> bool:
    """A short list item (``Hết năm 2023: 36 đơn vị (17% số xã)``) continues the list above it."""
    text = fold_keep(target.indicator)
    phased = _PHASED.match(text)
    words = _NOT_WORDS.sub(" ", text).split()
    gap = target.span.start - previous.span.end
    return previous.indicator_code is not None and (bool(phased) or len(words) <= 3) and gap < 400


def _indicator_text(clause: str) -> str:
    text = _SPACES.sub(" ", clause).strip(" -+*•:;.,")
    return text[:MAX_INDICATOR]


def _title_year(doc: Document) -> int | None:
    """The plan's horizon from its title (``giai đoạn đến năm 2030``) when metadata gave none."""
    for node in doc.outline:
        if node.kind == "title":
            return _year_of(fold_keep(node.heading))
    return None


def _dedupe(targets: list[Target], text: str) -> list[Target]:
    """The same commitment repeated in a later section is one target (the first is kept).

    A restatement that drops or changes the bound (``có ít nhất 50% ... không ma túy`` in the aims,
    ``đạt 50% địa bàn cấp xã "không ma túy"`` in the tasks) is still the same commitment.
    A paragraph never restates itself: two equal records in one paragraph (``... trẻ em dưới 5 tuổi
    thể thấp còi xuống 2% ... . ... trẻ học đường thể thấp còi xuống 2% ...``) are two commitments.
    """
    seen: dict[tuple, int] = {}
    out = []
    for t in targets:
        key = (t.indicator_code, t.value, t.unit, t.year, t.scope, t.is_total, t.method, t.comparator == "baseline")
        if t.indicator_code is not None and key in seen and "\n" in text[seen[key]:t.span.start]:
            continue
        seen.setdefault(key, t.span.end)
        out.append(t)
    return out
