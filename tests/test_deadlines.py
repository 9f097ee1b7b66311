"""Deadlines linked to agencies and tasks; the golden test over the seed corpus."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from extractors import assignments, deadlines
from extractors.context import PlanContext
from pipeline.build import build_document
from pipeline.document import SourceText
from pipeline.evaluation import assignments as score_assignments
from pipeline.evaluation import deadlines as score_deadlines
from pipeline.evaluation.core import Counts
from pipeline.extract import extract_plan
from tests.conftest import CORPUS, SEEDS

CTX = PlanContext(issued=date(2023, 8, 15), issued_year=2023, province="Đắk Nông", district="Đắk R'Lấp",
                  issuer_level="district", horizon_year=2030)

PLAN = """KẾ HOẠCH
Duy trì Bộ tiêu chí quốc gia về y tế xã năm 2023

II. CHỈ TIÊU

- Hết năm 2023: 36 đơn vị đạt chuẩn.

IV. TỔ CHỨC THỰC HIỆN

1. Phòng Y tế huyện:

- Tham mưu cho UBND huyện chỉ đạo, định kỳ báo cáo trước ngày 10/01 của năm sau tiến độ thực hiện về UBND huyện.

- Tham mưu UBND huyện thành lập Hội đồng xét công nhận vào tháng 9 năm 2023.

2. Trung tâm Y tế huyện:

- Báo cáo kết quả thực hiện trước ngày 31/12 của năm về Phòng Y tế huyện.

V. CHẾ ĐỘ BÁO CÁO

Hằng năm, trước ngày 15 tháng 01, Sở Tài chính báo cáo kết quả thực hiện về Sở Y tế.
"""


def run(doc, ctx=CTX):
    return deadlines.extract(doc, ctx, assignments.extract(doc, ctx))


def test_deadline_linked_to_heading_agency_and_its_task(make_doc):
    doc = make_doc(PLAN)
    found = run(doc)
    yearly = next(d for d in found if d.recurrence and d.recurrence.month == 1 and d.recurrence.day == 10)
    assert yearly.agency == "Phòng Y tế huyện Đắk R'Lấp"
    assert yearly.task.startswith("Tham mưu cho UBND huyện chỉ đạo")
    # the report on 2030 falls due on 10/01/2031: the rule must still hold then
    assert yearly.rrule == "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=10;UNTIL=20310110"
    assert yearly.start == "2023-08-15"
    month = next(d for d in found if d.month == "2023-09")
    assert month.agency == "Phòng Y tế huyện Đắk R'Lấp" and month.task.startswith("Tham mưu UBND huyện thành lập")


def test_deadline_of_second_heading_goes_to_second_agency(make_doc):
    found = run(make_doc(PLAN))
    dec = next(d for d in found if d.recurrence and (d.recurrence.month, d.recurrence.day) == (12, 31))
    assert dec.agency == "Trung tâm Y tế huyện Đắk R'Lấp"


def test_sentence_subject_owns_a_deadline_outside_headings(make_doc):
    found = run(make_doc(PLAN))
    jan = next(d for d in found if d.recurrence and (d.recurrence.month, d.recurrence.day) == (1, 15))
    assert jan.agency == "Sở Tài chính"  # not Sở Y tế, which only receives the report


def test_goal_sections_hold_no_deadlines(make_doc):
    assert not any(d.month == "2023-12" for d in run(make_doc(PLAN)))


def test_deadline_spans_slice_back(make_doc):
    doc = make_doc(PLAN)
    for d in run(doc):
        assert doc.text[d.span.start:d.span.end] == d.text


def test_recurrence_has_no_until_without_a_horizon(make_doc):
    ctx = PlanContext(issued=date(2024, 10, 23), issued_year=2024)
    doc = make_doc("KẾ HOẠCH\nVề y tế\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Báo cáo kết quả về Trung tâm Y tế trước ngày 15/11 hàng năm.\n")
    [d] = run(doc, ctx)
    assert d.rrule == "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=15" and d.start == "2024-10-23"


def test_table_deadline_with_row_task_and_agency(make_doc):
    text = ("KẾ HOẠCH\nVề y tế\n\nPHỤ LỤC\n\nTT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
            "1\tRà soát trạm y tế\tSở Y tế\tSở Tài chính\t30/9/2024\n"
            "2\tBố trí kinh phí\tSở Tài chính\tSở Y tế\tQuý IV/2024\n")
    doc = make_doc(text)
    found = run(doc, PlanContext(issued=date(2024, 1, 5), issued_year=2024, province="Bắc Giang"))
    assert [(d.date, d.month, d.agency, d.task, d.method) for d in found] == [
        ("2024-09-30", None, "Sở Y tế", "Rà soát trạm y tế", "table"),
        (None, "2024-12", "Sở Tài chính", "Bố trí kinh phí", "table"),
    ]
    assert all(doc.text[d.span.start:d.span.end] == d.text for d in found)


def test_start_date_is_kept_as_start_not_due(make_doc):
    doc = make_doc("KẾ HOẠCH\nVề pháp luật\n\nII. NHIỆM VỤ\n\n1. Bồi dưỡng công chức\n\n"
                   "Đơn vị chủ trì: Sở Nội vụ.\n\nThời gian thực hiện: Từ 01/7/2025.\n")
    [d] = run(doc, PlanContext(issued=date(2025, 5, 1), issued_year=2025, province="Bắc Ninh"))
    assert (d.date, d.month, d.recurrence, d.start) == (None, None, None, "2025-07-01")
    assert d.agency == "Sở Nội vụ"


def test_regression_bacgiang_two_rounds_and_special_year(make_doc):
    text = ("KẾ HOẠCH\nVề y tế xã\n\nIII. THỜI GIAN THỰC HIỆN HÀNG NĂM\n\n"
            "- Thời gian Hội đồng cấp tỉnh tổ chức đánh giá hằng năm: Họp xét 02 đợt (đợt 1: vào tháng 6; "
            "đợt 2: vào tháng 12). Riêng năm 2023, Hội đồng cấp tỉnh tổ chức xét công nhận từ tháng 11/2023.\n")
    found = run(make_doc(text), PlanContext(issued=date(2023, 6, 27), issued_year=2023, horizon_year=2030))
    keys = [(d.recurrence.month if d.recurrence else None, d.month) for d in found]
    assert keys == [(6, None), (12, None), (None, "2023-11")]


def _plan(folder: Path):
    source = folder / "source.txt"
    return extract_plan(build_document(SourceText(text=source.read_text(encoding="utf-8"), format="txt"),
                                       path=str(source)))


@pytest.fixture(scope="module")
def seed_plans():
    return {folder.name: _plan(folder) for folder in SEEDS}


def _total(part, plans) -> dict[str, Counts]:
    totals: dict[str, Counts] = {}
    for folder in SEEDS:
        gold = json.loads((folder / "gold" / f"{part.PART}.json").read_text(encoding="utf-8"))
        for name, counts in part.score(gold, plans[folder.name]).items():
            totals.setdefault(name, Counts())
            totals[name] += counts
    return totals


def test_golden_assignments_f1(seed_plans):
    totals = _total(score_assignments, seed_plans)
    assert totals["agency"].f1 >= 0.9, totals
    assert totals["role"].f1 >= 0.85, totals


def test_golden_deadlines_f1(seed_plans):
    totals = _total(score_deadlines, seed_plans)
    assert totals["value"].f1 >= 0.9, totals


def test_golden_spans_slice_back(seed_plans):
    for folder in SEEDS:
        text = build_document(SourceText(text=(folder / "source.txt").read_text(encoding="utf-8"), format="txt")).text
        plan = seed_plans[folder.name]
        for a in plan.assignments:
            assert text[a.span.start:a.span.end] == a.surface
        for d in plan.deadlines:
            assert text[d.span.start:d.span.end] == d.text


def test_scorer_matches_abbreviated_names():
    assert score_assignments.same_agency("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư")
    assert score_assignments.same_agency("Phòng Y tế huyện", "Phòng Y tế huyện Đắk R'Lấp")
    assert not score_assignments.same_agency("Sở Y tế", "Sở Tài chính")
    assert not score_assignments.same_agency("Sở Y tế", "Bộ Y tế")


def test_realdocs_extract_without_error():
    for path in sorted((CORPUS / "realdocs").glob("*.txt"))[:8]:
        doc = build_document(SourceText(text=path.read_text(encoding="utf-8"), format="txt"))
        ctx = PlanContext(issued=date(2025, 11, 20), issued_year=2025)
        for d in run(doc, ctx):
            assert doc.text[d.span.start:d.span.end] == d.text


def test_regression_daklak_past_event_before_the_plan_is_no_deadline(make_doc):
    doc = make_doc("KẾ HOẠCH\nPhòng chống dịch sau lũ\n\nI. TÌNH HÌNH CHUNG\n\nThiệt hại lớn.\n\nII. NHIỆM VỤ\n\n"
                   "Do hậu quả mưa lớn kéo dài, từ ngày 17 đến ngày 20 tháng 11 năm 2025 nhiều xã bị ngập.\n")
    ctx = PlanContext(issued=date(2025, 11, 21), issued_year=2025, province="Đắk Lắk")
    assert run(doc, ctx) == []


def test_target_year_in_a_task_section_is_no_deadline(make_doc):
    doc = make_doc("KẾ HOẠCH\nPhòng chống ma túy\n\nII. NHIỆM VỤ\n\n"
                   "- Phấn đấu đạt 20% xã không ma túy, bảo đảm đến hết năm 2030 đạt 50%.\n")
    ctx = PlanContext(issued=date(2025, 11, 20), issued_year=2025, province="Đồng Nai")
    assert run(doc, ctx) == []


def test_103_quangngai_stated_due_date_kept_though_before_signing(make_doc):
    """'Thời gian hoàn thành: Trước ngày 15/11/2025' in a plan signed 21/11/2025 is still its due date."""
    ctx = PlanContext(issued=date(2025, 11, 21), issued_year=2025, province="Quảng Ngãi")
    doc = make_doc("KẾ HOẠCH\nKiểm kê\n\nIV. NHIỆM VỤ CỤ THỂ\n\n1. Ủy ban nhân dân các phường, xã\n\n"
                   "- Thành lập Ban Chỉ đạo tổng kiểm kê cấp xã.\nThời gian hoàn thành: Trước ngày 15/11/2025.\n\n"
                   "- Từ ngày 17 đến ngày 20/11/2025 đã xảy ra mưa lớn.\n")
    dates = {d.date for d in deadlines.extract(doc, ctx, assignments.extract(doc, ctx))}
    assert "2025-11-15" in dates and "2025-11-20" not in dates


def test_034_daklak_addressees_after_gui_are_not_the_owner(make_doc):
    ctx = PlanContext(issued=date(2025, 11, 21), issued_year=2025, province="Đắk Lắk")
    doc = make_doc("KẾ HOẠCH\nPhòng chống dịch\n\nIV. NỘI DUNG\n\n"
                   "- Báo cáo tổng hợp hàng ngày gửi UBND tỉnh, Ban Chỉ huy Phòng chống thiên tai tỉnh.\n")
    (found,) = deadlines.extract(doc, ctx, [])
    assert found.recurrence.freq == "daily" and found.agency is None


def test_agencies_after_a_reporting_verb_are_addressees(make_doc):
    ctx = PlanContext(issued=date(2023, 8, 15), issued_year=2023, province="Bắc Giang")
    doc = make_doc("KẾ HOẠCH\nY tế\n\nIV. NỘI DUNG\n\nHằng năm, trước ngày 15 tháng 01, thủ trưởng các cơ quan báo cáo "
                   "kết quả gửi Sở Y tế tổng hợp, báo cáo UBND tỉnh, Bộ Y tế.\n")
    (found,) = deadlines.extract(doc, ctx, [])
    assert found.recurrence.month == 1 and found.agency is None


def test_next_year_report_of_a_one_year_plan_reaches_the_following_january(make_doc):
    """A 2025 plan: 'định kỳ báo cáo trước ngày 10/01 của năm sau' ends with the report of 10/01/2026."""
    from dateutil.rrule import rrulestr
    from datetime import datetime
    ctx = PlanContext(issued=date(2025, 3, 4), issued_year=2025, horizon_year=2025, province="Bắc Giang")
    doc = make_doc("KẾ HOẠCH\nY tế\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế:\n\n"
                   "- Định kỳ báo cáo kết quả trước ngày 10/01 của năm sau về UBND tỉnh.\n")
    (found,) = run(doc, ctx)
    assert found.rrule == "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=10;UNTIL=20260110"
    dates = list(rrulestr(found.rrule, dtstart=datetime(2025, 3, 4)))
    assert dates == [datetime(2026, 1, 10)]


@pytest.mark.parametrize("horizon, until", [(None, "20251231"), (2026, "20261231")])
def test_daily_report_is_bounded_by_the_plan_period_or_the_issue_year(make_doc, horizon, until):
    """'báo cáo hằng ngày' in an emergency plan: never an endless FREQ=DAILY."""
    ctx = PlanContext(issued=date(2025, 11, 21), issued_year=2025, horizon_year=horizon, province="Đắk Lắk")
    doc = make_doc("KẾ HOẠCH\nPhòng chống dịch\n\nIV. NỘI DUNG\n\n"
                   "- Các Trung tâm y tế giám sát tuyến xã và báo cáo hằng ngày.\n")
    (found,) = deadlines.extract(doc, ctx, [])
    assert found.rrule == f"FREQ=DAILY;UNTIL={until}"


def test_yearly_duty_without_horizon_stays_open(make_doc):
    ctx = PlanContext(issued=date(2024, 10, 23), issued_year=2024)
    doc = make_doc("KẾ HOẠCH\nVề y tế\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Báo cáo về Sở Y tế trước ngày 10/01 của năm sau.\n")
    [d] = run(doc, ctx)
    assert "UNTIL" not in d.rrule


def test_104_daklak_heading_of_several_agencies_gives_each_its_deadline(make_doc):
    """'9. Báo ..., Sở Văn hóa ..., Cổng Thông tin điện tử tỉnh:' share one due date: one record each."""
    ctx = PlanContext(issued=date(2025, 11, 21), issued_year=2025, province="Đắk Lắk")
    doc = make_doc("KẾ HOẠCH\nCứu trợ\n\nIV. PHÂN CÔNG NHIỆM VỤ\n\n"
                   "1. Sở Y tế, Sở Tài chính:\n\n- Báo cáo kết quả trước ngày 15/12/2025.\n")
    found = run(doc, ctx)
    assert [(d.date, d.agency, d.agency_code) for d in found] == [
        ("2025-12-15", "Sở Y tế", "SYT@dak-lak"), ("2025-12-15", "Sở Tài chính", "STC@dak-lak")]
    assert all(doc.text[d.span.start:d.span.end] == d.text for d in found)


@pytest.mark.parametrize("period, goal", [
    ("Trong giai đoạn 2026 - 2030, Đảm bảo xây dựng trạm\nBTS 5G đạt 100% tại các KCN.", True),
    ("Đến năm 2030, phấn đấu\n100% xã đạt chuẩn.", True),
    ("Trong năm 2026, hoàn thành xây dựng\ntrạm BTS tại các KCN.", False),
])
def test_048_nghean_target_year_on_a_paragraph_broken_across_lines(make_doc, period, goal):
    """The target ('đạt 100%') on the next line of the paragraph makes the year a goal, not a deadline."""
    ctx = PlanContext(issued=date(2025, 11, 20), issued_year=2025, province="Nghệ An")
    doc = make_doc(f"KẾ HOẠCH\nPhát triển 5G\n\nII. NỘI DUNG THỰC HIỆN\n\n1. Xây dựng hạ tầng\n\n{period}\n\n"
                   "- Sở Khoa học và Công nghệ báo cáo trước ngày 15/12/2025.\n")
    found = [d for d in run(doc, ctx) if d.precision == "year"]
    assert (found == []) is goal


@pytest.mark.parametrize("text, owner", [
    # 104 (Đắk Lắk): the heading agency reports; the partners of its "Phối hợp" bullet do not
    ("IV. TỔ CHỨC THỰC HIỆN\n1. Sở Công Thương\n- Chủ trì điều phối hàng hóa thiết yếu cho vùng bị chia cắt.\n"
     "- Phối hợp Bộ Chỉ huy Quân sự tỉnh, Công an tỉnh tổ chức vận "
     "chuyển hàng; tổng hợp nhu cầu, báo cáo UBND tỉnh trước 19h00 hằng ngày.\n", "Sở Công Thương"),
    ("IV. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế chủ trì, phối hợp với Sở Tài chính tham mưu bố trí kinh phí; "
     "báo cáo kết quả trước ngày 15/12 hằng năm.\n", "Sở Y tế"),
])
def test_a_deadline_in_a_cooperation_clause_is_owed_by_the_leading_agency(make_doc, text, owner):
    found = run(make_doc(text))
    assert found and {d.agency for d in found} == {owner}


@pytest.mark.parametrize("schedule", [
    # 038 (Thanh Hóa): a sampling schedule under "tần suất", not a due date
    "+ Các thông số: Độ mặn, pH quan trắc với tần suất 2 lần/tháng; thời gian quan trắc từ tháng 3 đến "
    "tháng 10 năm 2026; số lượng mẫu quan trắc 240 mẫu/năm.",
    "+ Các thông số: Thuốc bảo vệ thực vật và kim loại nặng (Cd, Hg, Pb, As) quan trắc với tần suất 02 lần/năm; "
    "thời gian quan trắc vào tháng 4 và tháng 8 năm 2026; số lượng mẫu quan trắc 30 mẫu/năm.",
    "- Lấy mẫu nước với tần suất 01 lần/quý, thực hiện trong tháng 3, tháng 6, tháng 9 và tháng 12 năm 2026.",
])
def test_038_thanhhoa_sampling_schedule_months_are_not_deadlines(make_doc, schedule):
    ctx = PlanContext(issued=date(2025, 11, 18), issued_year=2025, province="Thanh Hóa")
    doc = make_doc("KẾ HOẠCH\nQuan trắc môi trường năm 2026\n\nII. NỘI DUNG KẾ HOẠCH\n\n"
                   f"{schedule}\n\n- Tổ chức đánh giá kết quả thực hiện; báo cáo UBND tỉnh trước ngày 15/12/2026.\n")
    assert [(d.date, d.month) for d in run(doc, ctx)] == [("2026-12-15", None)]


def test_sampling_frequency_with_a_report_date_keeps_the_report_date(make_doc):
    ctx = PlanContext(issued=date(2025, 11, 18), issued_year=2025, province="Thanh Hóa")
    doc = make_doc("KẾ HOẠCH\nQuan trắc\n\nII. NỘI DUNG\n\n"
                   "- Quan trắc với tần suất 2 lần/tháng, báo cáo kết quả trước ngày 30/11/2026.\n")
    assert [d.date for d in run(doc, ctx)] == ["2026-11-30"]


@pytest.mark.parametrize("slot", [
    # 046 (Bắc Ninh): an open-ended period has a start and no due date
    "*Thời gian thực hiện: *Giai đoạn 2026-2030 và những năm tiếp theo.",
    "Thời gian thực hiện: giai đoạn 2026 - 2030 và các năm tiếp theo.",
    "- Thời gian thực hiện: Giai đoạn 2026-2030 trở đi.",
])
def test_046_bacninh_open_ended_period_is_a_start_not_a_deadline(make_doc, slot):
    ctx = PlanContext(issued=date(2025, 11, 20), issued_year=2025, province="Bắc Ninh")
    doc = make_doc("KẾ HOẠCH\nNâng cao năng lực\n\nIII. NHIỆM VỤ, GIẢI PHÁP\n\n"
                   f"- Nghiên cứu tham mưu cơ chế thu hút nhân lực.\n\n*Đơn vị chủ trì: *Sở Nội vụ.\n\n{slot}\n")
    found = run(doc, ctx)
    assert [d for d in found if d.date or d.month or d.recurrence] == []
    assert [d.start for d in found] == ["2026-01-01"]


def test_closed_period_in_a_time_slot_is_still_due_at_its_end(make_doc):
    ctx = PlanContext(issued=date(2025, 11, 20), issued_year=2025, province="Bắc Ninh")
    doc = make_doc("KẾ HOẠCH\nNâng cao năng lực\n\nIII. NHIỆM VỤ\n\n- Xây dựng đề án.\n\n"
                   "Thời gian thực hiện: Giai đoạn 2026-2030.\n")
    assert [d.month for d in run(doc, ctx)] == ["2030-12"]


@pytest.mark.parametrize("formula", [
    # 045 (TP. Hồ Chí Minh): the year in the promulgation formula names the plan's scope
    "Ủy ban nhân dân Thành phố ban hành Kế hoạch triển khai các nhiệm vụ trọng tâm cuối năm 2025 lĩnh vực "
    "Bình đẳng giới trên địa bàn Thành phố Hồ Chí Minh như sau:",
    "UBND tỉnh ban hành Kế hoạch thực hiện trong năm 2026 với các nội dung sau:",
])
def test_045_hcm_year_in_the_promulgation_sentence_is_not_a_deadline(make_doc, formula):
    ctx = PlanContext(issued=date(2025, 11, 18), issued_year=2025, province="Hồ Chí Minh")
    doc = make_doc(f"KẾ HOẠCH\nBình đẳng giới\n\n{formula}\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n- Nâng cao nhận thức.\n\n"
                   "II. CHẾ ĐỘ BÁO CÁO\n\nCác sở gửi báo cáo về Sở Nội vụ trước ngày 16 tháng 12 năm 2025.\n")
    assert [(d.date, d.month) for d in run(doc, ctx)] == [("2025-12-16", None)]


def test_long_sentence_subject_is_read_once_for_all_its_dates(make_doc, monkeypatch):
    """A line repeating dates (``trước ngày 15/11 hằng năm, ngày 12 tháng 3 năm 2024; ...``) has one
    subject: it is looked for once, not once per date (a hostile file of 30 000 dates ran for minutes)."""
    calls = []
    real = deadlines._subject

    def counting(doc, sentence, context):
        calls.append((sentence.start, sentence.end))
        return real(doc, sentence, context)

    monkeypatch.setattr(deadlines, "_subject", counting)
    line = "Sở Y tế báo cáo " + "trước ngày 15/11 hằng năm, trước ngày 12 tháng 12 năm 2024; " * 20
    found = deadlines.extract(make_doc(line), CTX, [])
    assert len(found) == 40
    assert len(calls) == len(set(calls)) == 1
    assert {d.agency for d in found} == {"Sở Y tế"}


def test_043_period_line_closed_by_a_full_stop_is_not_the_next_sections_goal(make_doc):
    """DOCX/PDF text has no blank lines: ``Từ nay đến hết năm 2025.`` ends its paragraph, so the
    ``phấn đấu`` of section III below does not make its year a target's."""
    text = ("II. PHẠM VI\n3. Thời gian thực hiện:\nTừ nay đến hết năm 2025.\nIII. NỘI DUNG, HÌNH THỨC\n1. Nội dung\n"
            "- Đổi mới phong trào thi đua, phấn đấu “Vì một Việt Nam không còn đói nghèo”.\n")
    found = [d for d in deadlines.extract(make_doc(text), CTX, []) if d.month]
    assert [(d.text, d.month) for d in found] == [("đến hết năm 2025", "2025-12")]


@pytest.mark.parametrize("text, goal", [
    ("Từ nay đến hết năm 2025.\nPhấn đấu 100% xã đạt chuẩn.", False),  # a closed line ends the paragraph
    ("Từ nay đến hết năm 2025;\nphấn đấu 100% xã đạt chuẩn.", False),
    ("Trong giai đoạn đến năm 2030, bảo đảm xây dựng trạm\nBTS 5G đạt 100% khu công nghiệp.", True),  # wrapped
    ("Đến năm 2030\n\nphấn đấu 100% xã đạt chuẩn.", False),  # a blank line
])
def test_paragraph_runs_over_wrapped_lines_only(text, goal):
    paragraph = deadlines._paragraph(text, 0, text.index("\n"), [])
    assert deadlines._states_target(paragraph) is goal


def test_paragraph_stops_where_the_next_outline_node_opens(make_doc):
    doc = make_doc("1. Thời gian: đến năm 2026\n2. Phấn đấu 100% xã đạt chuẩn\n")
    nodes = sorted(n.span.start for n in doc.outline)
    end = doc.text.index("\n")
    assert deadlines._paragraph(doc.text, 0, end, nodes).rstrip() == "1. Thời gian: đến năm 2026"


@pytest.mark.parametrize("clause", [
    "có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026",
    "có hiệu lực thi hành từ\nngày 01 tháng 01 năm 2026",  # 044: hard-wrapped before the date
    "có hiệu lực kể từ ngày 01/01/2026",
    "Hiệu lực từ ngày 01/7/2026",
])
def test_044_when_a_law_takes_effect_is_no_deadline(make_doc, clause):
    text = f"Luật Bảo vệ dữ liệu cá nhân được Quốc hội thông qua ngày 26 tháng 6 năm 2025, {clause}.\n"
    assert [d for d in deadlines.extract(make_doc(text), CTX, []) if "2026" in d.text] == []
    assert [d.date for d in deadlines.extract(make_doc("Sở Y tế hoàn thành trước ngày 01/01/2026.\n"), CTX, [])] == ["2026-01-01"]


def test_110_dongthap_closing_paragraph_report_is_not_the_last_sections(make_doc):
    """'Trên đây là Kế hoạch ...' after section 7 (the enterprises) asks every agency for the yearly report."""
    ctx = PlanContext(issued=date(2025, 11, 27), issued_year=2025, province="Đồng Tháp")
    doc = make_doc("KẾ HOẠCH\nChuyển đổi số\n\nIV. TỔ CHỨC THỰC HIỆN\n\n"
                   "1. Sở Xây dựng\n- Chủ trì tổng hợp kết quả.\n\n"
                   "2. Các doanh nghiệp hoạt động trong lĩnh vực xây dựng trên địa bàn Tỉnh\n"
                   "- Đề xuất sáng kiến, giải pháp công nghệ phù hợp thực tiễn.\n"
                   "Trên đây là Kế hoạch Chuyển đổi số. Đề nghị các cơ quan, đơn vị nghiêm túc triển khai thực hiện. "
                   "Định kỳ hằng năm (trước ngày 30 tháng 11) báo cáo kết quả thực hiện về Sở Xây dựng.\n")
    found = [d for d in deadlines.extract(doc, ctx, assignments.extract(doc, ctx)) if d.recurrence]
    assert [(d.recurrence.month, d.recurrence.day, d.agency) for d in found] == [(11, 30, None)]
    assert doc.text[found[0].span.start:found[0].span.end] == "ngày 30 tháng 11"


def test_a_summing_up_before_a_later_section_is_no_closing(make_doc):
    ctx = PlanContext(issued=date(2025, 11, 27), issued_year=2025, province="Đồng Tháp")
    doc = make_doc("KẾ HOẠCH\nChuyển đổi số\n\nI. KẾT QUẢ\n\nTrên đây là một số kết quả đạt được.\n\n"
                   "II. TỔ CHỨC THỰC HIỆN\n\n1. Sở Xây dựng\n- Báo cáo kết quả trước ngày 15 tháng 12 hằng năm.\n")
    found = deadlines.extract(doc, ctx, assignments.extract(doc, ctx))
    assert [d.agency for d in found] == ["Sở Xây dựng"]


def test_regression_target_vao_nam_is_no_deadline(make_doc):
    """A goal 'đạt 80% vào năm 2030' in a plan's body names the target's year, not a due date."""
    doc = make_doc("KẾ HOẠCH\nPhòng, chống HIV/AIDS\n\nKhống chế tỷ lệ nhiễm HIV dưới 0,3% vào năm 2030.\n"
                   "- Tăng tỷ lệ người dân hiểu biết về HIV đạt 80% vào năm 2030;\n"
                   "IV. TỔ CHỨC THỰC HIỆN\n1. Sở Y tế tổ chức sơ kết vào năm 2027 và tổng kết vào năm 2030.\n")
    found = run(doc, PlanContext(issued=date(2025, 3, 1), issued_year=2025))
    assert [(d.month, d.text) for d in found] == [("2027-12", "vào năm 2027"), ("2030-12", "vào năm 2030")]


@pytest.mark.parametrize("sentence, recurrence, rule", [
    ("Báo cáo định kỳ hằng quý trước ngày 15 của tháng cuối quý về Trung tâm Y tế.",
     {"freq": "monthly", "month": 3, "day": 15, "interval": 3},
     "FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=15;UNTIL=20301231"),
    # the report on the horizon's last quarter falls due in January of the next year
    ("Báo cáo quý gửi trước ngày 10 của tháng đầu quý sau về Trung tâm Y tế.",
     {"freq": "monthly", "month": 1, "day": 10, "interval": 3},
     "FREQ=MONTHLY;BYMONTH=1,4,7,10;BYMONTHDAY=10;UNTIL=20310110"),
])
def test_deadline_quarterly_recurrence_until_the_horizon(make_doc, sentence, recurrence, rule):
    doc = make_doc(f"KẾ HOẠCH\nVề y tế\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. {sentence}\n")
    [d] = run(doc)
    assert d.recurrence.model_dump() == recurrence
    assert d.rrule == rule and d.start == "2023-08-15"
    assert doc.text[d.span.start:d.span.end] == d.text


ASKING_CTX = PlanContext(issued=date(2023, 8, 15), issued_year=2023, province="Quảng Nam")


def _owner_of(make_doc, sentence: str) -> list[str | None]:
    doc = make_doc("KẾ HOẠCH\nThử\n\nIV. TỔ CHỨC THỰC HIỆN\n\n" + sentence + "\n")
    return [d.agency for d in deadlines.extract(doc, ASKING_CTX, [])]


@pytest.mark.parametrize("sentence, owner", [
    # the asking agency is passed over; the vague addressees ("các đơn vị, địa phương") own nothing
    ("UBND tỉnh yêu cầu các đơn vị, địa phương tổ chức tổng kết và báo cáo kết quả về Sở Nội vụ "
     "trước ngày 01/11/2023.", None),
    ("Sở Y tế đề nghị Trung tâm Y tế các huyện gửi báo cáo số liệu về Sở Y tế trước ngày 30/9/2023.",
     "Trung tâm Y tế các huyện"),
    ("UBND huyện giao Phòng Y tế huyện hoàn thành việc rà soát trước ngày 30/11/2023.", "Phòng Y tế huyện"),
    ("Chủ tịch UBND tỉnh chỉ đạo Sở Nội vụ trình phương án sắp xếp trước ngày 15/10/2023.", "Sở Nội vụ"),
    ("Bộ Y tế đôn đốc Sở Y tế các tỉnh hoàn thành tiêm chủng trước ngày 30/11/2023.", "Sở Y tế các tỉnh"),
    ("Ủy ban nhân dân tỉnh đã yêu cầu các sở, ngành hoàn thành trước ngày 30/11/2023.", "Các sở, ngành"),
    # a speaker (with a person's name before the verb) is no doer either
    ("Phó Chủ tịch UBND tỉnh Nguyễn Văn Bình nhấn mạnh, việc chuyển đổi số phải hoàn thành "
     "trước ngày 31/12/2023.", None),
    ("Phó Thủ tướng Chính phủ Trần Lưu Quang nhấn mạnh, việc sắp xếp đơn vị hành chính phải hoàn thành "
     "trước ngày 30/9/2024.", None),
])
def test_agency_that_asks_or_stresses_is_not_the_deadline_owner(make_doc, sentence, owner):
    assert _owner_of(make_doc, sentence) == [owner]


@pytest.mark.parametrize("sentence, owner", [
    ("Sở Y tế giao ban với các đơn vị trước ngày 10 hằng tháng.", "Sở Y tế"),
    ("Sở Tài chính giao dự toán cho các đơn vị trước ngày 31/12/2023.", "Sở Tài chính"),
    ("Sở Giao thông vận tải hoàn thành sửa chữa cầu trước ngày 30/11/2023.", "Sở Giao thông vận tải"),
    ("Sở Y tế chủ trì xây dựng kế hoạch chi tiết; báo cáo kết quả trước ngày 15/12/2023.", "Sở Y tế"),
])
def test_agency_acting_itself_keeps_its_deadline(make_doc, sentence, owner):
    """``giao ban`` (a meeting), ``giao dự toán`` (allocating a budget) are the agency's own acts,
    and an owner named in an earlier clause still owns the date of a later one."""
    assert _owner_of(make_doc, sentence) == [owner]


def test_agency_of_a_later_clause_does_not_own_an_earlier_clause_date(make_doc):
    """Blind check: ``ngày 5 hằng tháng`` binds ``các đơn vị và phòng ban``, not the Phòng named after ``;``."""
    owners = _owner_of(make_doc, "Định kỳ từ ngày 1 đến ngày 5 hằng tháng, các đơn vị và phòng ban được phân công "
                                 "phải cập nhật kết quả; từ ngày 5 đến ngày 10 hằng tháng, Phòng Tài chính - Kế hoạch "
                                 "kiểm tra và tổng hợp báo cáo.")
    assert owners == [None, "Phòng Tài chính - Kế hoạch"]
