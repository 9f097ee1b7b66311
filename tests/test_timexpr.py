"""Vietnamese deadline expressions: exact days, months, quarters, years, recurrences, starts."""

from __future__ import annotations

import random
from datetime import date, datetime

import pytest
from dateutil.rrule import rrulestr

from extractors import timexpr
from extractors.scan import lowered, matches_at
from extractors.timexpr import find, month_end, rrule

REF = date(2023, 6, 27)


def one(text: str, reference: date | None = REF, cued: bool = False):
    found = [e for e in find(text, reference, cued=cued)]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, iso", [
    ("Thời gian hoàn thành Kế hoạch: 30/9/2023", "2023-09-30"),
    ("trước ngày 31/10/2023", "2023-10-31"),
    ("chậm nhất ngày 15 tháng 01 năm 2024", "2024-01-15"),
    ("gửi về Bộ Công an trước ngày 15 tháng 12 năm 2025.", "2025-12-15"),
    ("+ Thời hạn ban hành: trước ngày 01 tháng 01 năm 2026.", "2026-01-01"),
    ("Thời hạn hoàn thành: Trước ngày 30/11/2025.", "2025-11-30"),
    ("báo cáo UBND tỉnh trước ngày 15/12/2026.", "2026-12-15"),
    ("hoàn thành chậm nhất là ngày 05-8-2024", "2024-08-05"),
    ("xếp hạng thi đua trước ngày 31 tháng 12 năm 2025.", "2025-12-31"),
    ("*trước ngày 31/3/2026 *để tổng hợp", "2026-03-31"),
])
def test_deadline_absolute_date(text, iso):
    expr = one(text)
    assert expr.date == iso and expr.freq is None
    assert text[expr.start:expr.end] == expr.text


@pytest.mark.parametrize("text", [
    "Thực hiện Kế hoạch số 120/KH-UBND ngày 08/7/2024 của UBND huyện",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Quyết định số 1300/QĐ-BYT ngày 09/3/2023 của Bộ trưởng Bộ Y tế",
    "trẻ em từ 06 tháng đến 36 tháng tuổi",
    "Chương trình MTQG giảm nghèo bền vững giai đoạn 2021 - 2025",
])
def test_citation_dates_and_names_are_not_deadlines(text):
    assert [e for e in find(text, REF) if e.is_deadline] == []


@pytest.mark.parametrize("text, month", [
    ("thành lập Hội đồng vào tháng 9 năm 2023", "2023-09"),
    ("xét công nhận từ tháng 11/2023.", "2023-11"),
    ("(hoàn thành trong tháng 11/2025) gửi về Công an tỉnh", "2025-11"),
    ("Thời gian thực hiện: Tháng 12/2025.", "2025-12"),
    ("hoàn thành quý III/2024", "2024-09"),
    ("Quí IV-2025", "2025-12"),
    ("Quý IV năm 2025", "2025-12"),
    ("Quý III Năm 2026", "2026-09"),
    ("Quý I/2026", "2026-03"),
    ("báo cáo 6 tháng đầu năm 2024", "2024-06"),
    ("Hoàn thành trong năm 2023", "2023-12"),
    ("c) Thời gian thực hiện: Hoàn thành trong năm 2025.", "2025-12"),
    ("Tham mưu Sở Y tế bố trí kinh phí trong năm 2023 để hỗ trợ", "2023-12"),
])
def test_deadline_month_quarter_and_year_fall_due_in_a_month(text, month):
    expr = one(text)
    assert expr.month == month and expr.date is None


@pytest.mark.parametrize("text, month, day", [
    ("trước ngày 15/11 hàng năm", 11, 15),
    ("định kỳ báo cáo trước ngày 10/01 của năm sau", 1, 10),
    ("Hằng năm, trước ngày 15 tháng 01, Thủ trưởng các cơ quan báo cáo", 1, 15),
    ("Báo cáo kết quả thực hiện trước ngày 31/12 của năm về Phòng Y tế huyện.", 12, 31),
    ("Thời gian đề nghị Hội đồng cấp tỉnh thẩm định lại hằng năm: Trước ngày 31/5.", 5, 31),
    ("Định kỳ hằng năm (trước ngày 30 tháng 11) báo cáo kết quả", 11, 30),
    ("định kỳ trước ngày 30 tháng 11 hàng năm báo cáo kết quả thực hiện", 11, 30),
    ("Trước ngày 15/12 hàng năm tổng hợp, báo cáo Bộ Khoa học và Công nghệ", 12, 15),
    ("kết quả thực hiện Kế hoạch hằng năm (trước ngày 15 tháng 11) hoặc theo đề nghị", 11, 15),
])
def test_deadline_yearly_month_day(text, month, day):
    expr = one(text)
    assert (expr.freq, expr.rec_month, expr.rec_day) == ("yearly", month, day)


@pytest.mark.parametrize("text, month", [
    ("Thời gian đăng ký hằng năm: Hoàn thành trong tháng 11; lồng ghép vào kế hoạch", 11),
    ("Tháng 12 hằng năm", 12),
    ("báo cáo sơ kết 6 tháng đầu năm", 6),
])
def test_deadline_yearly_month_only(text, month):
    expr = one(text)
    assert (expr.freq, expr.rec_month, expr.rec_day) == ("yearly", month, None)


def test_two_rounds_a_year_are_two_yearly_deadlines():
    found = find("Hội đồng cấp tỉnh hằng năm: Họp xét 02 đợt (đợt 1: vào tháng 6; đợt 2: vào tháng 12).", REF)
    assert [(e.freq, e.rec_month) for e in found] == [("yearly", 6), ("yearly", 12)]


def test_two_days_share_one_yearly_cue():
    found = find("định kỳ trước ngày 01/6 và 15/11 hằng năm báo cáo kết quả", REF)
    assert [(e.rec_month, e.rec_day) for e in found] == [(6, 1), (11, 15)]


@pytest.mark.parametrize("text, freq, day", [
    ("cập nhật kết quả trước ngày 20 hằng tháng lên phần mềm", "monthly", 20),
    ("báo cáo kết quả thông qua Sở Khoa học và Công nghệ trước ngày 15 hằng tháng.", "monthly", 15),
    ("Các Trung tâm y tế giám sát tuyến xã và báo cáo hằng ngày.", "daily", None),
    ("báo cáo UBND tỉnh trước 19h00’ hằng ngày và đột xuất khi cần thiết", "daily", None),
])
def test_deadline_monthly_and_daily(text, freq, day):
    expr = one(text)
    assert expr.freq == freq and expr.rec_day == day


@pytest.mark.parametrize("text, due, start", [
    ("Từ ngày 15/11/2025 đến ngày 15/12/2025", "2025-12-15", "2025-11-15"),
    ("Thời hạn hoàn thành: Từ ngày 01/01/2026 đến ngày 31/3/2026.", "2026-03-31", "2026-01-01"),
])
def test_period_is_due_at_its_end_and_starts_at_its_beginning(text, due, start):
    expr = one(text)
    assert (expr.date, expr.starts) == (due, start)


@pytest.mark.parametrize("text, month, start", [
    ("Thời gian thực hiện: giai đoạn 2021 - 2025", "2025-12", "2021-01-01"),
    ("Trong giai đoạn 2021 - 2025, xây dựng kế hoạch bồi dưỡng", "2025-12", "2021-01-01"),
    ("Thời gian thực hiện: năm 2026 - 2027.", "2027-12", "2026-01-01"),
    ("Thời gian thực hiện: Tháng 11 - 12/2025.", "2025-12", "2025-11-01"),
    ("Quý IV/2025- Quý II/2026", "2026-06", "2025-10-01"),
])
def test_period_month_level(text, month, start):
    expr = one(text)
    assert (expr.month, expr.starts) == (month, start)


@pytest.mark.parametrize("text, start", [
    ("Thời gian thực hiện: Từ 01/7/2025.", "2025-07-01"),
    ("Thời gian thực hiện: Từ tháng 10/2025 đến khi tổ chức thành công Đại hội", "2025-10-01"),
    ("Thời gian thực hiện: Từ tháng 11/2025 đến khi kết thúc Tổng kiểm kê.", "2025-11-01"),
    ("- Thời gian thực hiện: Năm 2025 và các năm tiếp theo.", "2025-01-01"),
])
def test_start_is_not_a_deadline(text, start):
    expr = one(text)
    assert not expr.is_deadline and expr.starts == start


def test_day_month_without_year_falls_in_the_plans_year_or_next():
    assert one("báo cáo trước ngày 31/10.").date == "2023-10-31"
    assert one("báo cáo trước ngày 15/01.").date == "2024-01-15"


def test_open_day_month_needs_a_reference_date():
    assert [e for e in find("báo cáo trước ngày 31/10.", None) if e.is_deadline] == []


@pytest.mark.parametrize("cell, value", [
    ("30/9/2023", ("2023-09-30", None)),
    ("Quí IV-2025", (None, "2025-12")),
    ("Tháng 12/2025", (None, "2025-12")),
])
def test_table_cell_needs_no_cue(cell, value):
    expr = one(cell, cued=True)
    assert (expr.date, expr.month) == value


def test_cell_saying_regularly_has_no_deadline():
    assert find("Thường xuyên", REF, cued=True) == []


def test_past_year_is_a_result_not_a_deadline():
    assert find("trong năm 2022 đã đạt 5 xã", REF) == []


@pytest.mark.parametrize("args, text", [
    (("yearly", 11, 15), "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=15"),
    (("yearly", 11, None), "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=-1"),
    (("monthly", None, 20), "FREQ=MONTHLY;BYMONTHDAY=20"),
    (("daily", None, None), "FREQ=DAILY"),
])
def test_rrule_text(args, text):
    assert rrule(*args) == text


def test_rrule_until_bounds_the_recurrence():
    text = rrule("yearly", 11, 15, until=date(2030, 12, 31))
    rule = rrulestr(text, dtstart=__import__("datetime").datetime(2023, 6, 27))
    assert [d.date() for d in rule] == [date(y, 11, 15) for y in range(2023, 2031)]


def test_month_end():
    assert month_end("2024-02") == date(2024, 2, 29)
    assert month_end("2023-09") == date(2023, 9, 30)


def test_regression_nghean_anniversary_range_is_not_a_period():
    text = "chào mừng “Kỷ niệm 80 năm ngày Tổng tuyển cử đầu tiên (06/01/1946 - 06/01/2026)”"
    assert [e for e in find(text, REF) if e.is_deadline] == []


def test_regression_cantho_monthly_allowance_is_not_a_monthly_deadline():
    text = "100% số người hưởng trợ cấp xã hội hàng tháng được rà soát, cập nhật dữ liệu"
    assert find(text, REF) == []


# ---- time columns of task tables (cued cells), as real plans write them ----------------------

CELL_REF = date(2025, 11, 20)


@pytest.mark.parametrize("cell, month", [
    ("2025", "2025-12"), ("Năm 2026", "2026-12"), ("năm 2026.", "2026-12"), ("Quí IV-2025", "2025-12"),
    ("Quý III Năm 2026", "2026-09"), ("Quý 1/2026", "2026-03"), ("Tháng 12/2025", "2025-12"),
    ("Trong tháng 01/2026", "2026-01"), ("6 tháng đầu năm 2026", "2026-06"),
])
def test_time_column_month_level(cell, month):
    (expr,) = find(cell, CELL_REF, cued=True)
    assert expr.month == month and expr.date is None
    assert cell[expr.start:expr.end] == expr.text


@pytest.mark.parametrize("cell, iso", [
    ("Trước 31/12/2025", "2025-12-31"), ("Trước ngày 30/11/2025", "2025-11-30"), ("31/3/2026", "2026-03-31"),
    ("Từ ngày 01/01/2026 đến ngày 31/3/2026", "2026-03-31"),
])
def test_time_column_exact_day(cell, iso):
    (expr,) = find(cell, CELL_REF, cued=True)
    assert expr.date == iso


@pytest.mark.parametrize("cell, month, start", [
    ("2025-2030", "2030-12", "2025-01-01"), ("Giai đoạn 2026 - 2030", "2030-12", "2026-01-01"),
    ("Quý IV/2025- Quý II/2026", "2026-06", "2025-10-01"),
])
def test_time_column_period_due_at_its_end(cell, month, start):
    (expr,) = find(cell, CELL_REF, cued=True)
    assert (expr.month, expr.starts) == (month, start)


@pytest.mark.parametrize("cell", [
    "Thường xuyên", "Hằng năm", "Hàng năm", "Thường xuyên, hằng năm", "Theo Kế hoạch riêng",
    "Sau khi có Quy chế của TW", "Theo tiến độ xây dựng dự thảo văn bản",
])
def test_time_column_without_a_date_is_no_deadline(cell):
    """A clerk gets no calendar entry for 'Thường xuyên' or a bare 'Hằng năm' (no month to put it in)."""
    assert not any(e.is_deadline for e in find(cell, CELL_REF, cued=True))


@pytest.mark.parametrize("cell, month", [("Tháng 12 hằng năm", 12), ("Quý IV hằng năm", 12), ("Tháng 6 hàng năm", 6)])
def test_time_column_yearly_month(cell, month):
    (expr,) = find(cell, CELL_REF, cued=True)
    assert (expr.freq, expr.rec_month) == ("yearly", month)


@pytest.mark.parametrize("text, start", [
    ("Thời gian thực hiện: Quý IV năm 2025 và các năm tiếp theo.", "2025-10-01"),
    ("Thời gian thực hiện: Năm 2026 và các năm tiếp theo.", "2026-01-01"),
])
def test_ongoing_work_is_a_start_not_a_deadline(text, start):
    """101 Lai Châu: 'Quý IV năm 2025 và các năm tiếp theo' starts the work, nothing falls due."""
    (expr,) = find(text, CELL_REF)
    assert not expr.is_deadline and expr.starts == start


@pytest.mark.parametrize("text", [
    "Công tác giám sát được tiến hành thường xuyên, liên tục trong năm 2025, sẽ có văn bản thông báo",
    "Tuyên truyền thường xuyên trong năm 2026",
    "Triển khai liên tục trong năm 2025 tại các xã",
])
def test_102_cantho_continuous_work_within_a_year_has_no_due_month(text):
    assert [t for t in find(text, REF) if t.month] == []


# Each slow pattern is tried only where its opening occurs (extractors.scan.matches_at); an
# opening that misses the start of any match would lose deadlines, so compare with finditer.
_OPENING_PAIRS = [
    (timexpr._range_regex(), timexpr._RANGE_OPENING),
    (timexpr._DMY, timexpr._DATE_OPENING),
    (timexpr._DM, timexpr._DATE_OPENING),
    (timexpr._DAY_OF_MONTH, timexpr._DAY_OPENING),
    (timexpr._MONTH_RANGE, timexpr._MONTH_OPENING),
    (timexpr._MY, timexpr._MONTH_OPENING),
    (timexpr._M, timexpr._MONTH_OPENING),
    (timexpr._HALF, timexpr._HALF_OPENING),
    (timexpr._QUARTER, timexpr._QUARTER_OPENING),
    (timexpr._PERIOD, timexpr._PERIOD_OPENING),
    (timexpr._YEAR, timexpr._YEAR_OPENING),
]
_PIECES = ["Từ ", "từ", "TỪ ", "ngày ", "Ngày", " ", "  ", "\n", "15", "1", "/", " / ", ".", "-", "–", " - ", "2025",
           "11", "tháng ", "Tháng", " năm ", "năm", "Quý ", "quý", "QUÝ ", "IV", "II", "I", "2", "đến ", "hết ",
           "giai đoạn ", "Giai Đoạn ", "6 ", "sáu ", "đầu ", "cuối ", "hằng ", "trong ", "hoàn thành ", "1300/QĐ",
           "1. ", "x", ","]


def test_openings_find_every_match_finditer_finds():
    rng = random.Random(3)
    for _ in range(4000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 12)))
        for rx, opening in _OPENING_PAIRS:
            expected = [m.span() for m in rx.finditer(text)]
            assert [m.span() for m in matches_at(rx, opening, text, lowered(text))] == expected, (rx.pattern, text)


_ENDPOINTS = ["15/11/2025", "ngày 5 / 1 / 2026", "15 tháng 11 năm 2025", "tháng 11/2025", "Tháng 3 năm 2026",
              "quý IV/2025", "Quý II - 2026", "QUÝ I năm 2026", "NGÀY 01/7/2025"]
_JOINS = [" đến ", "-", " – ", " ĐẾN hết ", "đến", " - "]
_RANGES = [f"{lead}{a}{join}{b}" for lead in ("", "Từ ", "từ ngày ", "Thời gian: ") for a in _ENDPOINTS
           for join in _JOINS for b in _ENDPOINTS[::2]]


def test_range_hint_is_in_every_range():
    # find() tries the range pattern only on clauses where _RANGE_HINT occurs
    rng = random.Random(5)
    found = 0
    for text in _RANGES + ["".join(rng.choice(_PIECES) for _ in range(12)) for _ in range(2000)]:
        for m in timexpr._range_regex().finditer(text):
            found += 1
            assert timexpr._RANGE_HINT.search(m.group(0).lower()), text
    assert found >= len(_RANGES)


def test_openings_find_every_range_and_date_of_a_range():
    for text in _RANGES:
        for rx, opening in _OPENING_PAIRS:
            expected = [m.span() for m in rx.finditer(text)]
            assert [m.span() for m in matches_at(rx, opening, text, lowered(text))] == expected, (rx.pattern, text)


def test_taken_stretches_answer_like_a_scan_of_every_stretch():
    """The sorted, merged stretches ``find`` keeps give the overlap answers of the plain list they replace."""
    rng = random.Random(11)
    for _ in range(300):
        taken, plain = timexpr._Taken(), []
        for _ in range(rng.randrange(1, 30)):
            a = rng.randrange(0, 120)
            b = a + rng.randrange(1, 15)
            expected = all(b <= s or a >= e for s, e in plain)
            assert taken.free(a, b) == expected
            if expected or rng.random() < 0.3:  # find also takes a date's span it could not add
                taken.add(a, b)
                plain.append((a, b))
            assert taken.starts == sorted(taken.starts)
            assert all(e <= s for e, s in zip(taken.ends, taken.starts[1:]))


def test_line_of_repeated_dates_reads_every_date():
    """A hostile line of the same clause repeated: what one clause gives, two hundred times."""
    clause = "trước ngày 15/11 hằng năm, ngày 12 tháng 3 năm 2024; "
    once = find(clause, REF)
    found = find(clause * 200, REF)
    assert len(once) >= 1 and len(found) == 200 * len(once)
    assert [e.text for e in found[:len(once)]] == [e.text for e in once]
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


@pytest.mark.parametrize("text, month", [
    ("các địa phương phải hoàn thành trước tháng 10/2024 để chuẩn bị đại hội", "2024-09"),
    ("Hoàn thành việc rà soát trước tháng 7 năm 2025.", "2025-06"),
    ("xong trước tháng 01/2026", "2025-12"),
])
def test_deadline_before_a_month_falls_due_in_the_month_before(text, month):
    """'trước tháng 10/2024' is late once October opens: due by the end of September."""
    expr = one(text)
    assert expr.month == month and expr.precision == "month"


def test_deadline_in_a_month_keeps_its_month():
    assert one("hoàn thành trong tháng 10/2024").month == "2024-10"
    assert one("trước ngày 15 tháng 10 năm 2024").date == "2024-10-15"


@pytest.mark.parametrize("text", [
    "Báo cáo định kỳ hằng năm tính từ ngày 15 tháng 12 năm trước kỳ báo cáo đến ngày 14 tháng 12 của năm báo cáo.",
    "Số liệu báo cáo 6 tháng tính đến ngày 15/6/2024.",
    "Kỳ báo cáo tính từ ngày 01/01 đến ngày 30/6 hằng năm.",
])
def test_counting_window_of_a_report_is_no_deadline(text):
    """The span a report's figures cover, or their cut-off day, is not when the report is due."""
    assert [e for e in find(text, REF) if e.is_deadline] == []


def test_counting_window_leaves_the_due_date_of_the_next_clause():
    text = "Số liệu tính đến ngày 14/12; gửi báo cáo về Sở Y tế trước ngày 20/12 hằng năm."
    found = [e for e in find(text, REF) if e.is_deadline]
    assert [(e.rec_month, e.rec_day) for e in found] == [(12, 20)]


@pytest.mark.parametrize("text, month", [
    ("tổ chức sơ kết giữa kỳ vào năm 2026 và tổng kết", "2026-12"),
    ("Sở Y tế tổng kết việc thực hiện Kế hoạch vào năm 2030.", "2030-12"),
])
def test_deadline_event_in_a_year(text, month):
    assert one(text).month == month


def test_year_with_vao_in_the_past_is_no_deadline():
    assert [e for e in find("Luật được thông qua vào năm 2020", REF) if e.is_deadline] == []


@pytest.mark.parametrize("text, month, day, quote", [
    ("Báo cáo định kỳ hằng quý trước ngày 15 của tháng cuối quý.", 3, 15, "ngày 15 của tháng cuối quý"),
    ("Các xã gửi báo cáo trước ngày 05 tháng cuối cùng của mỗi quý về Phòng Y tế.", 3, 5,
     "ngày 05 tháng cuối cùng của mỗi quý"),
    ("Báo cáo quý gửi trước ngày 10 của tháng đầu quý sau.", 1, 10, "ngày 10 của tháng đầu quý sau"),
    ("Chậm nhất ngày 25 tháng thứ hai của mỗi quý, Trạm Y tế cập nhật số liệu.", 2, 25,
     "ngày 25 tháng thứ hai của mỗi quý"),
    ("Định kỳ hàng quý (trước ngày 20/3, 20/6, 20/9, 20/12) báo cáo UBND tỉnh.", 3, 20,
     "ngày 20/3, 20/6, 20/9, 20/12"),
    ("Báo cáo mỗi quý một lần, trước ngày 10/01, 10/4, 10/7 và 10/10.", 1, 10, "ngày 10/01, 10/4, 10/7 và 10/10"),
])
def test_deadline_quarterly_every_three_months(text, month, day, quote):
    e = one(text)
    assert (e.freq, e.interval, e.rec_month, e.rec_day) == ("monthly", 3, month, day)
    assert text[e.start:e.end] == e.text == quote


@pytest.mark.parametrize("text", [
    "Hoàn thành trong quý III/2024.",  # one quarter, due once
    "Báo cáo quý III/2024 trước ngày 15/9/2024.",
])
def test_deadline_single_quarter_does_not_recur(text):
    assert not any(e.freq for e in find(text, REF))


def test_deadline_quarter_dates_of_different_days_are_not_quarterly():
    # "hằng quý" named, but 20/6 and 15/12 close a half-year and a year, not quarters
    found = find("Báo cáo hằng quý, 6 tháng (trước ngày 20/6) và năm (trước ngày 15/12).", REF)
    assert not any(e.interval for e in found)


def test_deadline_quarterly_report_without_a_day_falls_at_quarter_end():
    e = one("Trạm Y tế xã báo cáo định kỳ hằng quý về Trung tâm Y tế huyện.")
    assert (e.freq, e.interval, e.rec_month, e.rec_day, e.precision) == ("monthly", 3, 3, None, "quarter")
    # a number per quarter describes a target, not a report falling due
    assert not find("Mỗi xã mỗi quý có ít nhất 04 tin, bài về bình đẳng giới.", REF)


@pytest.mark.parametrize("text, day, quote", [
    ("Báo cáo tháng gửi trước ngày 15 của tháng.", 15, "ngày 15 của tháng"),
    ("Báo cáo trước ngày 25 hằng tháng.", 25, "ngày 25 hằng tháng"),
    ("Báo cáo tháng gửi về Sở Y tế chậm nhất ngày 05 của tháng sau.", 5, "ngày 05 của tháng sau"),
])
def test_deadline_monthly_day_forms(text, day, quote):
    e = one(text)
    assert (e.freq, e.interval, e.rec_day) == ("monthly", None, day)
    assert text[e.start:e.end] == quote


def test_deadline_next_month_without_a_monthly_clause_is_not_monthly():
    # a one-off "before the 5th of next month" is no standing monthly duty
    assert not any(e.freq for e in find("Tổng kết đợt thi đua trước ngày 05 tháng sau.", REF))


@pytest.mark.parametrize("month, day, expected, first_three", [
    (3, 15, "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=15;UNTIL=20301231",
     [date(2023, 9, 15), date(2023, 12, 15), date(2024, 3, 15)]),
    (1, 10, "FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=10;UNTIL=20301231",
     [date(2023, 7, 10), date(2023, 10, 10), date(2024, 1, 10)]),
    (3, None, "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=-1;UNTIL=20301231",
     [date(2023, 6, 30), date(2023, 9, 30), date(2023, 12, 31)]),
])
def test_rrule_quarterly_lists_its_months_whatever_the_start(month, day, expected, first_three):
    text = rrule("monthly", month, day, date(2030, 12, 31), interval=3)
    assert text == expected
    # a plan issued in late June: the months do not count from the start date
    rule = rrulestr(text, dtstart=datetime(2023, 6, 27))
    assert [d.date() for d in rule[:3]] == first_three
