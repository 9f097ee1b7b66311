"""Targets from prose and tables: comparator, value, unit, year, scope; table audit."""

import json

import pytest

from extractors import targets
from extractors.context import PlanContext
from tests.conftest import CORPUS, SEEDS, seed_text

CTX = PlanContext(issued_year=2024, horizon_year=2030)


def _one(make_doc, text, ctx=CTX):
    doc = make_doc(text)
    found = [t for t in targets.extract(doc, ctx) if t.comparator != "baseline"]
    assert len(found) == 1, found
    return doc, found[0]


@pytest.mark.parametrize("text,comparator,value,unit,year", [
    ("II. MỤC TIÊU\n\nPhấn đấu đến năm 2030:\n\n- 100% dân số tham gia bảo hiểm y tế.", "=", 100, "%", 2030),
    ("2. Chỉ tiêu\n\n2.10 Tỷ suất tử vong trẻ em dưới 1 tuổi năm 2025 dưới 8,5‰.", "<", 8.5, "‰", 2025),
    ("2. Chỉ tiêu\n\n2.3 Số bác sỹ/vạn dân năm 2025 đạt 12 bác sỹ trở lên.", ">=", 12, "per_10k", 2025),
    ("I. MỤC TIÊU\n\nĐến năm 2030 tỷ lệ bao phủ bảo hiểm y tế đạt trên 95% dân số.", ">", 95, "%", 2030),
    ("II. CHỈ TIÊU\n\nDuy trì 11 xã, thị trấn đã đạt Bộ tiêu chí quốc gia về y tế xã năm 2023.", "maintain", 11, "count", 2023),
    ("5. Đầu tư\n\n- Bảo đảm mức chi thường xuyên cho trạm y tế xã trong giai đoạn 2021 - 2025 ở mức 60 triệu đồng/01 trạm y tế/năm.",
     "=", 60_000_000, "VND", 2025),
    ("II. MỤC TIÊU\n\nPhấn đấu đến năm 2030:\n\n- Mỗi Trạm Y tế xã có ít nhất một bác sĩ.", ">=", 1, "people", 2030),
    ("I. MỤC TIÊU\n\n- Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi năm 2025 không quá 18%.", "<=", 18, "%", 2025),
    ("I. MỤC TIÊU\n\n- Đến hết năm 2025: Có ≥ 30% trạm y tế xã có bác sĩ.", ">=", 30, "%", 2025),
    ("I. MỤC TIÊU\n\n- Tỷ lệ tiêm chủng đầy đủ đạt tối thiểu 95% vào năm 2026.", ">=", 95, "%", 2026),
    ("I. MỤC TIÊU\n\n- Tỷ số giới tính khi sinh dưới 109 bé trai/100 bé gái vào năm 2030.", "<", 109, "per_100_girls", 2030),
    ("I. MỤC TIÊU\n\n- Phấn đấu đạt 30 giường bệnh/vạn dân vào năm 2030.", "=", 30, "per_10k", 2030),
    ("I. MỤC TIÊU\n\n- Tổng vốn hỗ trợ đạt 1,5 tỷ đồng năm 2026.", "=", 1_500_000_000, "VND", 2026),
    ("I. MỤC TIÊU\n\n- Đào tạo ít nhất 1.200 người năm 2027.", ">=", 1200, "people", 2027),
    ("I. MỤC TIÊU\n\n- Tỷ lệ dân số tham gia BHYT đạt 94% trở lên trong giai đoạn 2021-2025.", ">=", 94, "%", 2025),
    ("I. MỤC TIÊU\n\n- Tỷ lệ phụ nữ mang thai được sàng lọc trước sinh đạt 70%.", "=", 70, "%", None),  # no year given
    ("I. MỤC TIÊU\n\n- Tỷ lệ tử vong mẹ dưới 4/100.000 trẻ đẻ sống vào năm 2025.", "<", 4, "per_100k", 2025),
    ("I. MỤC TIÊU\n\n- Tỷ suất sinh ở trẻ vị thành niên đạt 18 ca sinh/1.000 phụ nữ năm 2025.", "=", 18, "‰", 2025),
    ("I. MỤC TIÊU\n\n- Số bác sĩ đạt 15 người/10.000 dân năm 2030.", "=", 15, "per_10k", 2030),
    ("I. MỤC TIÊU\n\n- Giảm thời gian làm việc nhà của phụ nữ còn 1,7 lần so với nam giới năm 2025.", "=", 1.7, "times", 2025),
    ("I. MỤC TIÊU\n\n- Tỷ lệ nữ cán bộ ít nhất vào năm 2025 đạt 40%.", ">=", 40, "%", 2025),
    ("I. MỤC TIÊU\n\n- Tỷ lệ nữ cán bộ tối thiểu đến năm 2030 là 35%.", ">=", 35, "%", 2030),
])
def test_prose_target_surface_forms(make_doc, text, comparator, value, unit, year):
    doc, t = _one(make_doc, text)
    assert (t.comparator, t.value, t.unit, t.year) == (comparator, pytest.approx(value), unit, year)
    assert t.method == "rule"
    assert doc.quote(t.span).strip()  # span lands on the number


def test_span_slices_back_to_the_quantity(make_doc):
    doc, t = _one(make_doc, "I. MỤC TIÊU\n\n- Tỷ suất tử vong trẻ em dưới 1 tuổi năm 2025 dưới 8,5‰.")
    assert doc.text[t.span.start:t.span.end] == "8,5‰"


def test_year_comes_from_the_heading_it_sits_under(make_doc):
    _, t = _one(make_doc, "2. Chỉ tiêu cụ thể đến năm 2025\n\n2.9 Tỷ lệ dân số tham gia bảo hiểm y tế đạt 94%.")
    assert t.year == 2025 and t.indicator_code == "BHYT_COVERAGE"


def test_phased_list_gives_two_targets_per_line_and_keeps_the_indicator(make_doc):
    doc = make_doc("I. MỤC TIÊU\n\n- Phấn đấu đến hết năm 2030, toàn tỉnh có 209 xã đạt chuẩn Quốc gia về y tế xã.\n\n"
                   "- Phân kỳ theo giai đoạn:\n\n* Hết năm 2023: 36 đơn vị (17% số xã).")
    found = targets.extract(doc, CTX)
    assert [(t.value, t.unit, t.year) for t in found] == [(209, "count", 2030), (36, "count", 2023), (17, "%", 2023)]
    assert {t.indicator_code for t in found} == {"COMMUNE_HEALTH_CRITERIA"}


@pytest.mark.parametrize("text", [
    "Đến thời điểm hiện tại trên địa bàn huyện 10 xã và 01 thị trấn đạt Bộ tiêu chí quốc gia về y tế xã.",
    "I. MỤC TIÊU\n\nHiện nay tỷ lệ bao phủ bảo hiểm y tế đạt 91,2%.",
    "Tổng thiệt hại ước trên 4.500 tỷ đồng.",
])
def test_current_status_is_a_baseline_never_a_target(make_doc, text):
    found = targets.extract(make_doc(text), CTX)
    assert all(t.comparator == "baseline" for t in found)


@pytest.mark.parametrize("text", [
    "Căn cứ Quyết định số 1300/QĐ-BYT ngày 09/3/2023 của Bộ Y tế;",
    "III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế chủ trì, báo cáo trước ngày 15/11 hằng năm.",
    "IV. KINH PHÍ THỰC HIỆN\n\nTổng kinh phí dự kiến 500 triệu đồng, bảo đảm từ ngân sách tỉnh.",
    "- Họp xét 02 đợt (đợt 1: vào tháng 6; đợt 2: vào tháng 12).",
    "- Đào tạo nhân viên y tế thôn, bản tối thiểu 6 tháng.",
    "- Cấp hóa chất Cloramin B, Chlorine 70%, máy phun.",
    "- Thực hiện Điều 5 khoản 2 Nghị định 117/2014/NĐ-CP.",
    "- Tiếp tục kiện toàn bộ máy: mỗi xã có một Trạm Y tế.",
    "- Chọn không quá 01 trường hợp đề nghị khen thưởng.",
])
def test_numbers_that_are_not_commitments_are_left_out(make_doc, text):
    assert [t for t in targets.extract(make_doc(text), CTX) if t.comparator != "baseline"] == []


def test_same_commitment_repeated_later_is_one_target(make_doc):
    doc = make_doc("2. Chỉ tiêu đến năm 2025\n\n2.9 Tỷ lệ dân số tham gia bảo hiểm y tế đạt 94%.\n\n"
                   "III. NHIỆM VỤ\n\n- Phấn đấu đến năm 2025 có 94% dân số tham gia BHYT.")
    assert len(targets.extract(doc, CTX)) == 1


TABLE = ("I. MỤC TIÊU\n\n- Mục tiêu cụ thể theo giai đoạn:\n\n"
         "Stt\tHuyện\tSố xã đạt tiêu chí quốc gia về y tế xã năm 2023\tSố xã đạt tiêu chí quốc gia về y tế xã đến hết năm 2025\n"
         "1\tHuyện A\t2\t6\n2\tHuyện B\t3\t9\nToàn tỉnh\t\t5\t15\n")


def test_table_cells_become_scoped_targets_with_header_years(make_doc):
    doc = make_doc(TABLE)
    found = [t for t in targets.extract(doc, CTX) if t.method == "table"]
    assert [(t.scope, t.value, t.year, t.is_total) for t in found] == [
        ("Huyện A", 2, 2023, False), ("Huyện A", 6, 2025, False), ("Huyện B", 3, 2023, False),
        ("Huyện B", 9, 2025, False), ("Toàn tỉnh", 5, 2023, True), ("Toàn tỉnh", 15, 2025, True)]
    assert all(t.indicator_code == "COMMUNE_HEALTH_CRITERIA" and t.unit == "count" for t in found)
    assert all(doc.quote(t.span) == str(int(t.value)) for t in found)
    assert targets.table_findings(doc, found) == []


def test_table_with_group_header_over_year_columns(make_doc):
    doc = make_doc("I. MỤC TIÊU\n\nStt\tHuyện\tTổng số xã\tXã đạt Tiêu chí quốc gia về y tế\n"
                   "\t\t\tNăm 2023\tNăm 2024\n1\tH. A\t4\t2\t2\n2\tH. B\t5\t3\t2\nTổng\t\t9\t5\t4\n")
    found = [t for t in targets.extract(doc, CTX) if t.method == "table"]
    assert [(t.scope, t.value, t.year) for t in found][:2] == [("H. A", 2, 2023), ("H. A", 2, 2024)]
    assert len(found) == 6  # the "Tổng số xã" column has no year: not a target


def test_table_total_mismatch_is_a_finding(make_doc):
    doc = make_doc(TABLE.replace("Toàn tỉnh\t\t5\t15", "Toàn tỉnh\t\t5\t17"))
    findings = targets.table_findings(doc, targets.extract(doc, CTX))
    assert [f.rule for f in findings] == ["table_total_mismatch"]
    assert doc.quote(findings[0].span) == "17"


def test_table_row_total_mismatch_is_a_finding(make_doc):
    doc = make_doc("I. MỤC TIÊU\n\nStt\tHuyện\tTổng số xã\tNăm 2023\tNăm 2024\n"
                   "1\tH. A\t5\t2\t2\n2\tH. B\t5\t2\t3\n3\tH. C\t2\t1\t1\n")
    rules = [f.rule for f in targets.table_findings(doc, targets.extract(doc, CTX))]
    assert rules == ["table_row_total_mismatch"]


def test_task_table_with_deadlines_gives_no_targets(make_doc):
    doc = make_doc("TT\tNội dung\tCơ quan chủ trì\tThời gian hoàn thành\n1\tBan hành quy chế\tSở Y tế\tNăm 2025\n"
                   "2\tTập huấn\tSở Y tế\t2026\n")
    assert targets.extract(doc, CTX) == []


def test_bacgiang_per_year_table_flagged_as_increments(make_doc):
    doc = make_doc(seed_text("bacgiang-115-kh-ubnd-2023"))
    found = targets.extract(doc, PlanContext(issued_year=2023, horizon_year=2030))
    assert len([t for t in found if t.method == "table"]) == 121
    findings = targets.table_findings(doc, found)
    assert [f.rule for f in findings] == ["table_yearly_increments"]


def test_regression_kienhai_lead_in_line_gives_the_year(make_doc):
    doc = make_doc(seed_text("kienhai-194-kh-ttyt-2024"))
    found = targets.extract(doc, PlanContext())
    assert {t.year for t in found} == {2030}
    assert len(found) == 5


def test_regression_thanhhoa_missing_percent_sign(make_doc):
    doc, t = _one(make_doc, "Phấn đấu 100 dân số của tỉnh được quản lý sức khỏe bằng hồ sơ sức khỏe điện tử đến năm 2030.")
    assert (t.value, t.unit, t.indicator_code) == (100, "%", "EHR_COVERAGE")


@pytest.mark.parametrize("seed", [s.name for s in SEEDS if (s / "gold" / "targets.json").exists()])
def test_golden_targets_f1(seed):
    from pipeline.build import document_from_text
    from pipeline.evaluation.targets import score
    from pipeline.extract import extract_plan

    gold = json.loads((CORPUS / "seeds" / seed / "gold" / "targets.json").read_text(encoding="utf-8"))
    plan = extract_plan(document_from_text(seed_text(seed)))
    counts = score(gold, plan)["target"]
    assert counts.f1 >= 0.9, (counts.tp, counts.fp, counts.fn)
    for t in plan.targets:
        assert t.span.end > t.span.start


# --- round 2: real plans from other provinces -------------------------------------

def _all(make_doc, text, ctx=CTX):
    doc = make_doc(text)
    return doc, targets.extract(doc, ctx)


@pytest.mark.parametrize("text,change,comparator,value", [
    ("I. MỤC TIÊU\n\n- Giảm 50% số cặp tảo hôn vào năm 2030.", "decrease", "=", 50),
    ("I. MỤC TIÊU\n\n- Phấn đấu tăng thêm ít nhất 20% số nhóm trẻ.", "increase", ">=", 20),
    ("I. MỤC TIÊU\n\n- Số vụ phạm tội được phát hiện tăng trên 03% mỗi năm.", "increase", ">", 3),
    ("I. MỤC TIÊU\n\n- Phấn đấu giảm thêm 2% tỷ lệ hộ nghèo.", "decrease", "=", 2),
    ("I. MỤC TIÊU\n\n- Nâng thêm 10% số trường đạt chuẩn.", "increase", "=", 10),
])
def test_change_marks_relative_targets(make_doc, text, change, comparator, value):
    _, t = _one(make_doc, text)
    assert (t.change, t.comparator, t.value) == (change, comparator, value)


@pytest.mark.parametrize("text", [
    "I. MỤC TIÊU\n\n- Giảm tỷ trọng lao động nữ trong nông nghiệp xuống dưới 30% vào năm 2025.",
    "I. MỤC TIÊU\n\n- Tăng tỷ lệ lao động nữ làm công hưởng lương đạt 50% vào năm 2025.",
    "I. MỤC TIÊU\n\n- Tỷ lệ hộ nghèo giảm còn 1,5% năm 2025.",
])
def test_level_reached_by_going_down_or_up_is_no_change(make_doc, text):
    _, t = _one(make_doc, text)
    assert t.change is None


def test_khoang_is_approximate_equal(make_doc):
    _, t = _one(make_doc, "I. MỤC TIÊU\n\n- Tỷ lệ trẻ em dưới 15 tuổi đạt khoảng 22% năm 2030.")
    assert (t.comparator, t.approximate, t.value) == ("=", True, 22)


def test_exact_target_is_not_approximate(make_doc):
    _, t = _one(make_doc, "I. MỤC TIÊU\n\n- Tỷ lệ trẻ em dưới 15 tuổi đạt 22% năm 2030.")
    assert t.approximate is False


def test_from_to_gives_baseline_and_target(make_doc):
    _, found = _all(make_doc, "I. MỤC TIÊU\n\n- Tỷ suất sinh ở trẻ vị thành niên giảm từ 23 ca sinh/1.000 phụ nữ "
                              "xuống 18 ca sinh/1.000 phụ nữ vào năm 2025.")
    assert [(t.comparator, t.value, t.unit) for t in found] == [("baseline", 23, "‰"), ("=", 18, "‰")]


def test_cantho_165_semicolon_list_after_phan_dau_commits_every_item(make_doc):
    """040_cantho: "cụ thể: Phấn đấu ... 2,1 con/phụ nữ; ...; 70% phụ nữ mang thai được tầm soát ..." """
    text = ("1. Sở Y tế\n\na) Chủ trì thực hiện các giải pháp để phấn đấu đạt và duy trì mức sinh thay thế, cụ thể: "
            "Phấn đấu tổng tỷ suất sinh đạt 2,1 con/phụ nữ; tỷ lệ phụ thuộc chung đạt khoảng 51%; "
            "giảm 50% số cặp tảo hôn; 70% phụ nữ mang thai được tầm soát ít nhất 4 loại bệnh tật bẩm sinh; "
            "90% trẻ sơ sinh được tầm soát ít nhất 5 bệnh bẩm sinh phổ biến nhất;")
    _, found = _all(make_doc, text)
    got = [(t.comparator, t.value, t.unit, t.change, t.indicator_code) for t in found]
    assert got == [("=", 2.1, "per_woman", None, "TOTAL_FERTILITY"), ("=", 51, "%", None, None),
                   ("=", 50, "%", "decrease", None), ("=", 70, "%", None, "PRENATAL_SCREENING"),
                   ("=", 90, "%", None, "NEWBORN_SCREENING")]


def test_list_commitment_stops_at_the_sentence_end(make_doc):
    text = ("1. Sở Y tế\n\nPhấn đấu tỷ lệ tiêm chủng đạt 95%; tỷ lệ sàng lọc 80%. "
            "Năm 2024 tỷ lệ dân số nghèo là 3%.")
    _, found = _all(make_doc, text)
    assert [t.value for t in found] == [95, 80]


def test_cantho_165_cited_directive_date_is_not_target_year(make_doc):
    text = ("1. Sở Y tế\n\nThực hiện Chỉ thị số 27/CT-TTg ngày 15 tháng 8 năm 2024, cụ thể: "
            "Phấn đấu tổng tỷ suất sinh đạt 2,1 con/phụ nữ;")
    _, found = _all(make_doc, text)
    assert [(t.value, t.year) for t in found] == [(2.1, None)]


def test_dongnai_182_year_after_the_number_wins_over_a_cited_period(make_doc):
    text = ("b) Triển khai Kế hoạch số 64/KH-UBND về xây dựng “xã, phường không ma túy” giai đoạn 2025 - 2030, "
            "phấn đấu đạt mục tiêu xây dựng 20% xã, phường “không ma túy” ngay trong năm 2025; "
            "đến năm 2030 đạt 100% “xã, phường không ma túy”.")
    _, found = _all(make_doc, "1. Công an tỉnh\n\n" + text)
    assert [(t.value, t.year, t.indicator_code) for t in found] == [
        (20, 2025, "DRUG_FREE_COMMUNE"), (100, 2030, "DRUG_FREE_COMMUNE")]


def test_hcm_174_condition_allowing_adjustment_is_not_a_target(make_doc):
    text = ("I. MỤC TIÊU\n\n- Chỉ tiêu 1: Năm 2025 đạt 60% các cơ quan có lãnh đạo chủ chốt là nữ. Đối với một số ngành "
            "có tỷ lệ nữ cán bộ thấp dưới 30% có thể điều chỉnh mục tiêu phù hợp với thực tiễn.")
    _, found = _all(make_doc, text)
    assert [t.value for t in found] == [60]


def test_hcm_174_threshold_inside_a_percentage_target_is_not_a_target(make_doc):
    _, found = _all(make_doc, "I. MỤC TIÊU\n\n- Từ năm 2025 trở đi 100% xã, phường mỗi quý có ít nhất 04 tin, bài "
                              "về bình đẳng giới trên hệ thống thông tin cơ sở.")
    assert [(t.value, t.unit) for t in found] == [(100, "%")]


def test_nghean_987_lap_dat_is_not_dat(make_doc):
    """"Lắp đặt" folds to "lap dat" like "đạt": placing stations commits to no number by itself."""
    _, found = _all(make_doc, "2. Nhiệm vụ\n\n- Lắp đặt thiết bị tại 58 trạm theo hướng dẫn.")
    assert found == []


def test_cantho_157_award_quota_under_any_award_heading(make_doc):
    text = ("IV. KHEN THƯỞNG\n\n1. Cấp thành phố\n\na) Chủ tịch UBND thành phố tặng Bằng khen cho các tập thể, "
            "cá nhân có thành tích xuất sắc (tỷ lệ không quá 10% tập thể, 5% cá nhân).")
    _, found = _all(make_doc, text)
    assert found == []


def test_daklak_125_award_criterion_is_not_a_target(make_doc):
    text = ("3. Tiêu chuẩn khen thưởng\n\n3.2. Bằng khen của Chủ tịch UBND tỉnh\n\n"
            "+ Có tỷ lệ cử tri đi bầu cử đạt từ 98% trở lên;")
    _, found = _all(make_doc, text)
    assert found == []


@pytest.mark.parametrize("text", [
    "2. Nhiệm vụ\n\n- Tổ chức 03 hội nghị tập huấn cho 200 cán bộ trong năm 2025.",
    "2. Nhiệm vụ\n\n- Thời gian thực hiện: từ ngày 15/11/2025 đến ngày 15/12/2025.",
    "2. Nhiệm vụ\n\n- Thực hiện theo Quyết định số 1899/QĐ-TTg ngày 30/12/2024 và Kế hoạch 64/KH-UBND.",
    "V. KINH PHÍ\n\nKinh phí thực hiện: 250 triệu đồng từ nguồn ngân sách tỉnh năm 2025.",
    "2. Nhiệm vụ\n\n- Đợt 01 cao điểm tập trung trong 10 ngày làm việc.",
    "2. Nhiệm vụ\n\n- Tổ chức 02 đợt kiểm tra, 05 buổi tuyên truyền và 1 lễ phát động.",
    "3.2. Triển khai mục 2.1 Phần II của Kế hoạch.",
])
def test_activities_dates_symbols_money_durations_are_not_targets(make_doc, text):
    _, found = _all(make_doc, text)
    assert found == []


def test_year_falls_back_to_the_period_in_the_title(make_doc):
    text = ("UBND TỈNH BẮC NINH\n\nKẾ HOẠCH\n\nNâng cao năng lực cho đội ngũ cán bộ giai đoạn 2026 - 2030\n\n"
            "II. MỤC TIÊU CHỦ YẾU\n\n1. 100% đội ngũ cán bộ có trình độ đại học Luật trở lên.")
    _, found = _all(make_doc, text, PlanContext(issued_year=2025))
    assert [(t.value, t.year) for t in found] == [(100, 2030)]


def test_realdocs_gold_f1():
    """Golden test over real plans from other provinces (targets gold read by hand, with no-target plans)."""
    from pipeline.build import document_from_text
    from pipeline.evaluation.core import Counts
    from pipeline.evaluation.targets import score
    from pipeline.extract import extract_plan

    total = Counts()
    for gold_file in sorted((CORPUS / "realdocs-gold").glob("*/gold/targets.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        text = (gold_file.parent.parent / "source.txt").read_text(encoding="utf-8")
        c = score(gold, extract_plan(document_from_text(text)))["target"]
        total.tp, total.fp, total.fn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn
    assert total.tp > 50 and total.f1 >= 0.85, (total.tp, total.fp, total.fn)


_INDICATOR_TABLE = (
    "II. MỤC TIÊU\n\n2. Chỉ tiêu cụ thể\n\n"
    "TT\tChỉ tiêu\tĐVT\tThực hiện năm 2024\tNăm 2025\tNăm 2030\n"
    "1\tTỷ lệ dân số tham gia bảo hiểm y tế\t%\t91\t93\t95\n"
    "2\tSố bác sĩ/vạn dân\tBác sĩ\t10\t11\t15\n"
    "3\tSố giường bệnh\tGiường\t3.000\t3.200\t3.500\n"
    "4\tTỷ suất tử vong trẻ em dưới 1 tuổi\t‰\t9\t8,5\t7\n"
    "5\tKinh phí hỗ trợ\tTriệu đồng\t400\t500\t800\n\nIII. NHIỆM VỤ\n"
)


def test_indicator_table_chi_tieu_dvt_years(make_doc):
    """Tables laid out "Chỉ tiêu | ĐVT | 2025": the row is the indicator, ĐVT and the row name give the unit."""
    _, found = _all(make_doc, _INDICATOR_TABLE)
    got = {(t.indicator_code, t.year): (t.comparator, t.value, t.unit) for t in found if t.method == "table"}
    assert got[("BHYT_COVERAGE", 2030)] == ("=", 95, "%")
    assert got[("DOCTORS_PER_10K", 2025)] == ("=", 11, "per_10k")
    assert got[("INFANT_MORTALITY", 2030)] == ("=", 7, "‰")
    assert got[(None, 2025)][2] in ("beds", "VND")
    assert {t.value for t in found if t.unit == "VND"} == {400_000_000, 500_000_000, 800_000_000}
    assert all(t.scope is None for t in found)


def test_indicator_table_actuals_column_is_baseline(make_doc):
    _, found = _all(make_doc, _INDICATOR_TABLE)
    actual = [t for t in found if t.year == 2024]
    assert actual and all(t.comparator == "baseline" for t in actual)
    assert all(t.comparator != "baseline" for t in found if t.year in (2025, 2030))


def test_year_from_the_plans_own_time_section_111_cantho(make_doc):
    # 111_cantho: no year in the title or the targets; the campaign's time section ends in 2025.
    doc = make_doc("KẾ HOẠCH\nPhát động phong trào thi đua chi trả không dùng tiền mặt\n\n"
                   "II. ĐỐI TƯỢNG VÀ THỜI GIAN THI ĐUA\n\n2. Thời gian thi đua\n\n"
                   "a) Từ ngày 20 tháng 11 năm 2025 đến ngày 03 tháng 12 năm 2025.\n\n"
                   "III. NỘI DUNG THI ĐUA\n\n1. Nội dung thi đua\n\n"
                   "(2) Ít nhất 85% người hưởng trợ cấp xã hội mở mới tài khoản ngân hàng để nhận trợ cấp;\n")
    found = [t for t in targets.extract(doc, PlanContext(issued_year=2025)) if t.comparator != "baseline"]
    assert [(t.value, t.comparator, t.year) for t in found] == [(85, ">=", 2025)]


def test_scorer_counts_a_missed_target_only_on_the_fields_it_has():
    from pipeline.evaluation.targets import score
    from schemas import Plan
    from schemas.metadata import Source
    gold = [{"value": 58, "unit": "count", "year": 2030, "comparator": "=", "indicator_code": None}]
    counts = score(gold, Plan(source=Source(path='x.txt', sha256='0', format='txt')))
    assert (counts["value"].fn, counts["year"].fn, counts["change"].fn, counts["indicator_code"].fn) == (1, 1, 0, 0)


_NGHEAN_987_FRAME = ("2. Kế hoạch phát triển giai đoạn 2026 - 2030\n\n"
                     "Trong giai đoạn 2026 - 2030, phấn đấu triển khai phát triển trạm 4G, 5G, cụ thể như sau:\n\n"
                     "2.1. Xây dựng trạm 5G, mạng lõi\n\n"
                     "- Lắp đặt các trạm BTS 5G, mạng lõi: Đảm bảo độ phủ sóng rộng khắp.\n\n"
                     "Trong đó:\n\n"
                     "+ Lắp đặt mới trạm 3G/4G: 58 trạm (Trong đó: VNPT: 25 trạm, Viettel: 33 trạm);\n\n"
                     "+ Chuyển đổi từ trạm 3G/4G sang trạm 5G: 125 trạm (Trong đó: MobiFone: 22 trạm, "
                     "VNPT: 56 trạm), nâng tổng số trạm 5G: 188 trạm.\n")


def test_nghean_987_counts_under_trong_do_detail_the_section_commitment(make_doc):
    """"Trong đó:" lists the parts of "phấn đấu ..., cụ thể như sau:" in the section intro above."""
    doc, found = _all(make_doc, _NGHEAN_987_FRAME)
    assert [(t.value, t.unit, t.year, t.comparator) for t in found] == [
        (58, "count", 2030, "="), (125, "count", 2030, "="), (188, "count", 2030, "=")]
    assert doc.text[found[0].span.start:found[0].span.end] == "58 trạm"


@pytest.mark.parametrize("lead", ["Trong đó:", "Cụ thể:", "Bao gồm:"])
def test_breakdown_in_parentheses_is_not_a_target(make_doc, lead):
    text = f"I. MỤC TIÊU\n\n{lead}\n\n- Xây mới 40 trạm y tế xã (trong đó: huyện A 15 trạm, huyện B 25 trạm).\n"
    _, found = _all(make_doc, text)
    assert [t.value for t in found] == [40]


@pytest.mark.parametrize("intro", [
    "Trong giai đoạn 2026 - 2030, tiếp tục triển khai phát triển trạm 4G, 5G, cụ thể như sau:",  # no commitment
    "Phấn đấu phát triển trạm 4G, 5G.",  # the intro does not open a list
])
def test_trong_do_list_without_a_committing_intro_is_no_target(make_doc, intro):
    text = (f"2. Kế hoạch phát triển\n\n{intro}\n\n2.1. Xây dựng trạm\n\nTrong đó:\n\n"
            "+ Lắp đặt mới trạm 3G/4G: 58 trạm;\n")
    _, found = _all(make_doc, text)
    assert found == []


_DONGNAI_182 = ("2. Yêu cầu\n\n2.1. Bám sát quan điểm chỉ đạo của Bộ Chính trị tại Kết luận số 132-KL/TW, xác định cụ thể "
                "các nội dung nhiệm vụ, giải pháp chủ yếu và trách nhiệm của địa phương trong tổ chức thực hiện Kết luận số "
                "132-KL/TW; bảo đảm đến hết năm 2030, có ít nhất 50% đơn vị hành chính cấp xã trên toàn tỉnh “không ma túy” "
                "và từng bước đẩy lùi ma túy ra khỏi đời sống xã hội, góp phần bảo đảm an ninh trật tự.\n\n"
                "III. NHIỆM VỤ\n\nNâng cao ý thức toàn dân; phấn đấu đạt 20% xã, phường “không ma túy” năm 2025, "
                "bảo đảm đến hết năm 2030 đạt 50% địa bàn cấp xã “không ma túy”.\n")


def test_dongnai_182_long_requirement_sentence_names_the_drug_free_indicator(make_doc):
    """The code comes from the words right after "50%" even in a long "Yêu cầu" sentence."""
    _, found = _all(make_doc, _DONGNAI_182)
    assert [(t.value, t.comparator, t.year, t.indicator_code) for t in found] == [
        (50, ">=", 2030, "DRUG_FREE_COMMUNE"), (20, "=", 2025, "DRUG_FREE_COMMUNE")]


def test_bacninh_141_next_numbered_item_is_not_under_a_wrapped_item_heading(make_doc):
    """"4. Trong giai đoạn 2026" / "- 2030 phấn đấu ..." wraps; item 5 takes the plan's year, not 2026."""
    text = ("KẾ HOẠCH\nNâng cao năng lực xây dựng chính sách, pháp luật giai đoạn 2026 - 2030\n\n"
            "II. MỤC TIÊU CHỦ YẾU\n\n1. 100% các xã, phường bố trí công chức xây dựng chính sách, pháp luật.\n\n"
            "4. Trong giai đoạn 2026\n- 2030 phấn đấu có ít nhất 10% đội ngũ cán bộ, công chức từ nguồn thu hút.\n\n"
            "5. 100% đội ngũ cán bộ, công chức xây dựng chính sách, pháp luật được tập huấn, bồi dưỡng.\n")
    _, found = _all(make_doc, text)
    assert [(t.value, t.year) for t in found] == [(100, 2030), (10, 2030), (100, 2030)]


def test_subitem_keeps_the_year_of_its_parent_section(make_doc):
    text = "2. Chỉ tiêu đến năm 2027\n\n2.1. Tỷ lệ dân số tham gia bảo hiểm y tế đạt 94%.\n"
    _, found = _all(make_doc, text)
    assert [(t.value, t.year) for t in found] == [(94, 2027)]


@pytest.mark.parametrize("item", [
    "- 100% phường, xã, đặc khu khi xây dựng và phê duyệt kế hoạch phòng, chống thiên tai phải có sự tham gia của cộng đồng;",
    "- 100% người dân ở các khu vực có nguy cơ sạt lở đất được phổ biến kiến thức về thiên tai;",
])
def test_hcm_2853_thien_tai_is_no_current_status(make_doc, item):
    """"thiên tai" folds to "thien tai", which holds "hien tai" (now): a word, not a status."""
    text = f"2. Mục tiêu cụ thể\n\nĐến hết năm 2030, phấn đấu đạt được những mục tiêu sau:\n\n{item}\n"
    _, found = _all(make_doc, text)
    assert [(t.value, t.comparator, t.year) for t in found] == [(100, "=", 2030)]


def test_dat_land_is_not_dat_reach(make_doc):
    """"giao đất" folds to "dat" like "đạt": land commits to no number."""
    _, found = _all(make_doc, "3. Nhiệm vụ\n\n- Rà soát hồ sơ giao đất cho 120 hộ dân.")
    assert found == []


@pytest.mark.parametrize("heading", ["4. Nguồn lực và việc sử dụng nguồn lực để thực hiện quy hoạch", "V. KINH PHÍ THỰC HIỆN"])
def test_bvhttdl_4385_funding_shares_are_no_baselines(make_doc, heading):
    """"chiếm khoảng 75%-80% tổng vốn đầu tư" splits the money; it is neither a target nor a status."""
    text = (f"{heading}\n\nTrong đó, tỷ lệ vốn ngân sách nhà nước dự kiến: 85%-90% tổng vốn đầu tư. Cụ thể:\n\n"
            "- Ngân sách trung ương: để thực hiện các dự án thuộc Trung ương quản lý, chiếm khoảng 75%-80% "
            "tổng vốn đầu tư (khoảng 91.299 tỷ đồng - 97.386 tỷ đồng).\n\n"
            "- Ngân sách địa phương: chiếm khoảng 10% tổng vốn đầu tư (khoảng 12.173 tỷ đồng).\n")
    _, found = _all(make_doc, text)
    assert found == []


def test_share_outside_a_funding_section_stays_a_baseline(make_doc):
    text = "1. Thực trạng\n\nSố hộ nghèo là 1.200 hộ, chiếm 5,2% tổng số hộ.\n"
    _, found = _all(make_doc, text)
    assert (5.2, "baseline") in [(t.value, t.comparator) for t in found]


@pytest.mark.parametrize("lead", [
    "Để đạt được các mục tiêu trên, cần thực hiện các nhiệm vụ sau:",
    "Các nhiệm vụ thực hiện chỉ tiêu của Nghị quyết như sau:",
])
def test_list_after_a_task_lead_in_naming_goals_is_no_target(make_doc, lead):
    text = f"III. NHIỆM VỤ\n\n{lead}\n\n- Tổ chức 10 lớp tập huấn cho 300 người;\n\n- Biên soạn 5.000 tờ rơi.\n"
    _, found = _all(make_doc, text)
    assert found == []


@pytest.mark.parametrize("lead", ["Phấn đấu đến năm 2030:", "Chỉ tiêu cụ thể đến năm 2030:", "b) Mục tiêu cụ thể đến năm 2030:"])
def test_list_after_a_goal_lead_in_commits_its_counts(make_doc, lead):
    text = f"III. NỘI DUNG\n\n{lead}\n\n- Xây mới 12 trạm y tế xã;\n"
    _, found = _all(make_doc, text)
    assert [(t.value, t.unit, t.year) for t in found] == [(12, "count", 2030)]


@pytest.mark.parametrize(
    ("sentence", "codes"),
    [
        ("Năm 2024, phấn đấu 100% trạm y tế xã có bác sĩ và 95% dân số tham gia bảo hiểm y tế.",
         ["STATION_WITH_DOCTOR", "BHYT_COVERAGE"]),
        ("Tỷ lệ tiêm chủng đầy đủ đạt 95% trẻ em dưới 1 tuổi.", ["FULL_IMMUNIZATION"]),
        ("Tỷ lệ bao phủ bảo hiểm y tế đạt 95% dân số, 100% trạm y tế có bác sĩ.",
         ["BHYT_COVERAGE", "STATION_WITH_DOCTOR"]),
        ("Tỷ lệ bao phủ bảo hiểm y tế đạt 95%, tỷ lệ tiêm chủng đầy đủ đạt 98%.",
         ["BHYT_COVERAGE", "FULL_IMMUNIZATION"]),
        ("Tỷ suất tử vong trẻ em dưới 1 tuổi dưới 8,5‰; số bác sĩ/vạn dân đạt 12 bác sĩ.",
         ["INFANT_MORTALITY", "DOCTORS_PER_10K"]),
    ],
)
def test_each_number_in_a_list_keeps_its_own_indicator(make_doc, sentence, codes):
    from pipeline.extract import extract_plan

    doc = make_doc("KẾ HOẠCH\nThực hiện công tác y tế\n\nI. MỤC TIÊU\n\n" + sentence + "\n")
    assert [t.indicator_code for t in extract_plan(doc).targets] == codes


@pytest.mark.parametrize("text,value,unit", [
    ("I. MỤC TIÊU\n\n-95% dân số tham gia bảo hiểm y tế năm 2025.", 95, "%"),  # number right after the dash
    ("I. MỤC TIÊU\n\n- MỖI XÃ CÓ ÍT NHẤT MỘT BÁC SĨ năm 2030.", 1, "people"),  # number word in capitals
    ("I. MỤC TIÊU\n\n- Mỗi trạm có ít nhất hai  nhân viên năm 2030.", 2, "people"),
])
def test_lines_the_number_filter_must_keep(make_doc, text, value, unit):
    _, t = _one(make_doc, text)
    assert (t.value, t.unit) == (value, unit)


@pytest.mark.parametrize("text", [
    "I. MỤC TIÊU\n\n- Thực hiện theo Kế hoạch số 64/KH-UBND ngày 15/3/2024 của UBND tỉnh.",
    "I. MỤC TIÊU\n\n1. Nâng cao chất lượng khám chữa bệnh.",
    "I. MỤC TIÊU\n\n- Có một số mô hình điểm.",
])
def test_lines_without_a_target_number_give_nothing(make_doc, text):
    assert targets.extract(make_doc(text), CTX) == []


def test_list_carried_past_a_clause_without_numbers(make_doc):
    """``Phấn đấu ...: 95% ...; nâng cao chất lượng; 90% ...``: the middle clause keeps the list going."""
    text = ("Chương trình\n\nPhấn đấu đến năm 2025:\n- Bảo đảm 95% dân số tham gia bảo hiểm y tế; nâng cao chất lượng "
            "dịch vụ; 90% người dân được quản lý sức khỏe.")
    found = targets.extract(make_doc(text), CTX)
    assert [(t.value, t.year) for t in found] == [(95, 2025), (90, 2025)]


# --- a time phrase opening a sentence dates every clause of that sentence ---

_THREE = "95% dân số tham gia bảo hiểm y tế; 100% trạm y tế xã có bác sĩ; tỷ lệ tiêm chủng đầy đủ đạt 98%."


def _years(make_doc, body, heading="I. MỤC TIÊU"):
    doc = make_doc(f"{heading}\n\n{body}")
    found = [t for t in targets.extract(doc, CTX) if t.comparator != "baseline"]
    return doc, found, [t.year for t in found]


@pytest.mark.parametrize("lead,year", [
    ("Đến năm 2025,", 2025),
    ("Đến hết năm 2025,", 2025),
    ("Đến cuối năm 2027,", 2027),
    ("Tới năm 2028,", 2028),
    ("Phấn đấu đến hết năm 2030,", 2030),
    ("Phấn đấu đến năm 2030,", 2030),
    ("Phấn đấu, đến năm 2030,", 2030),
    ("Toàn tỉnh phấn đấu đến năm 2030,", 2030),
    ("Mục tiêu đến năm 2030,", 2030),
    ("Đến năm 2030, phấn đấu", 2030),
    ("Đến năm 2030 và những năm tiếp theo,", 2030),
    ("Năm 2026,", 2026),
    ("Trong năm 2026,", 2026),
    ("Trong giai đoạn 2026 - 2030,", 2030),
    ("Giai đoạn 2021-2025,", 2025),
    ("Từ nay đến năm 2030,", 2030),
    ("Đến ngày 31/12/2025,", 2025),
    ("Đến tháng 12 năm 2025,", 2025),
    ("Đến tháng 12/2025,", 2025),
    ("Đến hết quý IV/2025,", 2025),
    ("Trước ngày 31/12/2025,", 2025),
    ("Đến năm 2025:", 2025),  # the colon lead-in keeps working
    ("- Đến năm 2025,", 2025),
    ("a) Đến năm 2025,", 2025),
])
def test_opening_year_dates_every_clause_of_its_sentence(make_doc, lead, year):
    doc, found, years = _years(make_doc, f"{lead} {_THREE}")
    assert years == [year, year, year]
    assert [doc.text[t.span.start:t.span.end] for t in found] == ["95%", "100%", "98%"]


def test_opening_year_reaches_a_committed_list_outside_the_goal_section(make_doc):
    _, _, years = _years(make_doc, "Đến năm 2025, phấn đấu 95% dân số tham gia bảo hiểm y tế; 100% trạm y tế xã có bác sĩ.",
                         heading="III. NHIỆM VỤ, GIẢI PHÁP")
    assert years == [2025, 2025]


@pytest.mark.parametrize("body,years", [
    # a clause's own year wins over the sentence's opening one
    ("Đến năm 2025, tỷ lệ A đạt 60%; tỷ lệ B đạt 80%; đến năm 2030 đạt 100%.", [2025, 2025, 2030]),
    ("Đến năm 2025, tỷ lệ A đạt 60%; tỷ lệ B đạt 100% vào năm 2030.", [2025, 2030]),
    ("Năm 2026, tỷ lệ A đạt 60%; năm 2027 tỷ lệ B đạt 70%.", [2026, 2027]),
    # a clause opening on its own year dates the clauses after it
    ("Đến năm 2025, tỷ lệ A đạt 60%; đến năm 2030, tỷ lệ B đạt 100%; tỷ lệ C đạt 90%.", [2025, 2030, 2030]),
    ("Phấn đấu đến năm 2025 tỷ lệ A đạt 60%; phấn đấu đến năm 2030 tỷ lệ B đạt 90%; tỷ lệ C đạt 80%.", [2025, 2030, 2030]),
    # a time after the lead-in colon is the nearer one
    ("Mục tiêu đến năm 2030: Năm 2026, tỷ lệ A đạt 50%; tỷ lệ B đạt 60%.", [2026, 2026]),
    ("Đến năm 2025, các chỉ tiêu như sau: tỷ lệ A đạt 50%; tỷ lệ B đạt 60%.", [2025, 2025]),
    # a list item restarting inside the paragraph on its own time
    ("a) Đến năm 2025, tỷ lệ A đạt 95%; b) Đến năm 2030, tỷ lệ B đạt 80%; tỷ lệ C đạt 70%.", [2025, 2030, 2030]),
])
def test_own_clause_year_overrides_the_opening_year(make_doc, body, years):
    assert _years(make_doc, body)[2] == years


@pytest.mark.parametrize("body,years", [
    # the sentence ends at a period: the next sentence has no time of its own
    ("Đến năm 2025, tỷ lệ A đạt 95%. Tỷ lệ B đạt 80%.", [2025, None]),
    ("Đến năm 2025, tỷ lệ A đạt 95%; tỷ lệ B đạt 100%.\n- Tỷ lệ C đạt 80%.", [2025, 2025, None]),
    ("Đến năm 2025, tỷ lệ A đạt 95%; tỷ lệ B đạt 100%.\n\nTỷ lệ C đạt 80%.", [2025, 2025, None]),
    # a following sentence with its own time keeps it
    ("Đến năm 2025, tỷ lệ A đạt 95%. Năm 2030, tỷ lệ B đạt 100%; tỷ lệ C đạt 90%.", [2025, 2030, 2030]),
    # an earlier sentence of the same paragraph dates nothing after its period
    ("Năm 2023, toàn tỉnh đã có nhiều cố gắng. Tỷ lệ A đạt 95%; tỷ lệ B đạt 80%.", [None, None]),
    # a list item restarting inside the paragraph
    ("a) Đến năm 2025, tỷ lệ A đạt 95%; b) tỷ lệ B đạt 80%.", [2025, None]),
    # a recurring time ends the opening one
    ("Đến năm 2025, tỷ lệ A đạt 95%; hằng năm tỷ lệ B tăng 5%.", [2025, None]),
    ("Đến năm 2025, tỷ lệ A đạt 95%; mỗi năm giảm 2% tỷ lệ B; tỷ lệ C đạt 80%.", [2025, None, None]),
    # a year inside a clause (not opening it) stays that clause's own
    ("Tỷ lệ A đến năm 2025 đạt 95%; tỷ lệ B đạt 80%.", [2025, None]),
    # a date that is no deadline phrase opens nothing
    ("Ngày 15/3/2024, tỉnh ban hành Kế hoạch số 12/KH-UBND; phấn đấu 100% xã đạt chuẩn; tỷ lệ B đạt 80%.", [None, None]),
    ("Căn cứ Kế hoạch số 12/KH-UBND ngày 15/3/2024, phấn đấu 100% xã đạt chuẩn; tỷ lệ B đạt 80%.", [None, None]),
])
def test_opening_year_does_not_leak_past_its_sentence(make_doc, body, years):
    assert _years(make_doc, body)[2] == years


@pytest.mark.parametrize("text, expected", [
    ("IV. KINH PHÍ THỰC HIỆN\n\nPhấn đấu huy động đạt 500 triệu đồng từ nguồn xã hội hóa năm 2025.", []),
    ("IV. KINH PHÍ THỰC HIỆN\n\n- Đạt 500 triệu đồng; 100% xã có quỹ.", [(100.0, "%")]),
    ("II. MỤC TIÊU\n\n- Đạt 500 triệu đồng; 100% xã có quỹ.", [(500_000_000.0, "VND"), (100.0, "%")]),
])
def test_money_under_a_funding_heading_is_spent_not_targeted(make_doc, text, expected):
    """The sums a budget section names are what the plan spends; its other numbers are read as anywhere."""
    _, found = _all(make_doc, text)
    assert [(t.value, t.unit) for t in found] == expected


def test_clause_of_many_targets_builds_its_indicator_text_once(make_doc, monkeypatch):
    """``Đến năm 2025 đạt 95% `` repeated on one line: the clause's text is the same for every
    number in it, so it is cleaned once (a hostile line of 28 000 percentages took minutes)."""
    calls = []
    real = targets._indicator_text
    monkeypatch.setattr(targets, "_indicator_text", lambda clause: calls.append(clause) or real(clause))
    found = targets.extract(make_doc("I. MỤC TIÊU\n\n" + "Đến năm 2025 đạt 95% " * 30), CTX)
    assert len(found) == 30
    assert len(calls) == 1
    assert {t.indicator for t in found} == {real(("Đến năm 2025 đạt 95% " * 30))}


# --- Chỉ thị 25 implementing plans: forms from provincial/district plans -----------------------

@pytest.mark.parametrize("body,expected", [
    ("6. Tỷ lệ người dân được quản lý sức khỏe năm 2024 đạt 92,5%, năm 2025 đạt 95%.", [(92.5, 2024), (95, 2025)]),
    ("- Tỷ lệ dân số tham gia BHYT: năm 2024 đạt 93%, năm 2025 đạt 95%, năm 2030 đạt 97%.",
     [(93, 2024), (95, 2025), (97, 2030)]),
    ("- Số bác sỹ/vạn dân đạt 9,5 vào năm 2025 và 11 vào năm 2030.", [(9.5, 2025), (11, 2030)]),
])
def test_year_opening_the_next_item_is_not_the_previous_numbers_year(make_doc, body, expected):
    _, found, _ = _years(make_doc, body)
    assert [(t.value, t.year) for t in found] == expected


@pytest.mark.parametrize("text,target,baseline", [
    ("8. Tỷ lệ trạm y tế xã có bác sĩ làm việc đạt 100% (hiện nay đạt 85%).", 100, 85),
    ("- Tỷ lệ bao phủ bảo hiểm y tế đạt trên 95% dân số (năm 2023 ước đạt 91,2%).", 95, 91.2),
    ("- 100% xã đạt Bộ tiêu chí quốc gia về y tế xã (hiện có 12/15 xã).", 100, None),
])
def test_status_in_brackets_is_the_baseline_not_the_target(make_doc, text, target, baseline):
    doc = make_doc(f"II. MỤC TIÊU\n\n{text}")
    found = targets.extract(doc, CTX)
    goals = [t.value for t in found if t.comparator != "baseline"]
    assert goals == [target]
    if baseline is not None:
        assert [t.value for t in found if t.comparator == "baseline"] == [baseline]


def test_status_outside_brackets_still_makes_the_clause_a_baseline(make_doc):
    doc = make_doc("1. Thực trạng\n\nHiện nay tỷ lệ bao phủ bảo hiểm y tế đạt 91% (năm 2022 là 89%).")
    assert {t.comparator for t in targets.extract(doc, CTX)} <= {"baseline"}


@pytest.mark.parametrize("unit_cell,label,unit", [
    ("Giường", "Số giường bệnh/vạn dân", "per_10k"),
    ("Bác sĩ", "Số bác sĩ/vạn dân", "per_10k"),
    ("Người", "Số bác sĩ trên 10.000 dân", "per_10k"),
    ("Giường", "Tổng số giường bệnh", "beds"),
])
def test_rate_in_the_row_label_wins_over_the_counted_thing_in_the_unit_column(make_doc, unit_cell, label, unit):
    doc = make_doc("I. MỤC TIÊU\n\nTT\tChỉ tiêu\tĐơn vị tính\tNăm 2025\tNăm 2030\n"
                   f"1\t{label}\t{unit_cell}\t32\t35\n2\tTỷ lệ dân số tham gia BHYT\t%\t95\t97\n")
    found = [t for t in targets.extract(doc, CTX) if t.method == "table"][:2]
    assert [(t.value, t.unit, t.year) for t in found] == [(32, unit, 2025), (35, unit, 2030)]


def test_nghean_kh987_share_in_brackets_of_a_reported_count_is_a_baseline_too(make_doc):
    doc = make_doc("1. Thực trạng\n\nHiện nay có 87 trạm. Trong đó, có 28 trạm 5G trên nền hạ tầng 3G/4G (Chiếm 32,2 %).")
    found = targets.extract(doc, CTX)
    assert {(t.value, t.comparator) for t in found} >= {(28, "baseline"), (32.2, "baseline")}


@pytest.mark.parametrize("text,expected", [
    ("- Tuổi thọ trung bình đạt 75,5 tuổi.", [(75.5, "years", "LIFE_EXPECTANCY")]),
    ("- Tuổi thọ bình quân đạt trên 74 tuổi, trong đó số năm sống khỏe mạnh tối thiểu 67 năm.",
     [(74, "years", "LIFE_EXPECTANCY"), (67, "years", "HEALTHY_LIFE_YEARS")]),
    ("- Tuổi thọ trung bình đạt 75 tuổi; tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi dưới 15%.",
     [(75, "years", "LIFE_EXPECTANCY"), (15, "%", "U5_STUNTING")]),
    ("- Tuổi thọ trung bình 75 tuổi, trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi dưới 15%.",
     [(75, "years", "LIFE_EXPECTANCY"), (15, "%", "U5_STUNTING")]),
])
def test_lifespan_targets_in_years_while_other_ages_stay_out(make_doc, text, expected):
    doc = make_doc(f"II. MỤC TIÊU\n\n{text}")
    found = [t for t in targets.extract(doc, CTX) if t.comparator != "baseline"]
    assert [(t.value, t.unit, t.indicator_code) for t in found] == expected
    assert all(doc.quote(t.span).startswith(f"{t.value:g}".replace(".", ",")) for t in found)


@pytest.mark.parametrize("text,year", [
    ("I. MỤC TIÊU\n\n- Năm 2026 phấn đấu giảm tỷ lệ hộ nghèo xuống 2% so với năm 2025.", 2026),
    ("I. MỤC TIÊU\n\n- Tốc độ tăng giá trị sản xuất bình quân hàng năm (giá so sánh năm 2010) đạt 12%.", None),
])
def test_baseline_or_price_base_year_is_not_the_target_year(make_doc, text, year):
    """``so với năm 2025``, ``giá so sánh năm 2010``: years compared against, never the year of the target."""
    _, t = _one(make_doc, text, PlanContext(issued_year=2024))
    assert t.year == year


# --- blind round 3: forms seen in plans and news about plans of other provinces --------------

def _read(make_doc, text):
    doc = make_doc(text)
    found = [t for t in targets.extract(doc, PlanContext()) if t.comparator != "baseline"]
    for t in found:  # every record's span slices back to its own words
        assert doc.text[t.span.start:t.span.end][0].isdigit()
    return doc, [(t.value, t.unit, t.comparator, t.change) for t in found]


@pytest.mark.parametrize("text, expected", [
    ("Các chỉ tiêu: Tỷ lệ lao động có việc làm đạt từ 70 đến 72%.", [(70.0, "%", ">=", None)]),
    ("Mục tiêu: tăng trưởng GRDP năm 2026 đạt 7-7,5%.", [(7.0, "%", ">=", None)]),
    ("Mục tiêu: số giường bệnh/vạn dân đạt từ 32 đến 34 giường.", [(32.0, "per_10k", ">=", None)]),
    ("Mục tiêu: thu nhập bình quân đạt từ 80,5-82 triệu đồng.", [(80_500_000.0, "VND", ">=", None)]),
    ("II. MỤC TIÊU\n\n- Hằng năm có 85 - 95% chi bộ hoàn thành tốt nhiệm vụ.", [(85.0, "%", ">=", None)]),
    ("Mục tiêu: giảm 3-5% số ca mắc sốt xuất huyết so với trung bình giai đoạn trước.", [(3.0, "%", ">=", "decrease")]),
    ("Mục tiêu: hộ cận nghèo giảm từ 2% đến 3%/năm.", [(2.0, "%", ">=", "decrease")]),
])
def test_range_gives_its_lower_bound_only(make_doc, text, expected):
    """``từ 70 đến 72%``, ``7-7,5%``: one target, at least the lower end; the upper end is no level of its own."""
    assert _read(make_doc, text)[1] == expected


@pytest.mark.parametrize("text", [
    "Mục tiêu: 100% trẻ 6-14 tuổi được khám sức khỏe.",
    "Mục tiêu giai đoạn 2026-2030: tỷ lệ A đạt 90%.",
    "Mục tiêu: tổ chức 10-15/8 đợt cao điểm; tỷ lệ A đạt 90%.",
])
def test_ages_periods_and_dates_are_no_ranges(make_doc, text):
    assert [v for v, *_ in _read(make_doc, text)[1]] in ([100.0], [90.0])


@pytest.mark.parametrize("text, expected", [
    ("CHỈ TIÊU CHỦ YẾU\n1. Thu ngân sách trên địa bàn năm 2026: 1.200 tỷ đồng. 2. Tỷ lệ hộ nghèo: dưới 2%.",
     [(1_200_000_000_000.0, "VND", "=", None), (2.0, "%", "<", None)]),
    ("Kết luận: (4) Tỷ lệ xã đạt chuẩn nông thôn mới: 100%; Tỷ lệ thôn đạt chuẩn kiểu mẫu: 30%, thôn thông minh: 10%.",
     [(100.0, "%", "=", None), (30.0, "%", "=", None), (10.0, "%", "=", None)]),
    ("- Số bác sĩ/vạn dân: 13 bác sĩ;\n- Tổng tỷ suất sinh: 2,0 con/phụ nữ.",
     [(13.0, "per_10k", "=", None), (2.0, "per_woman", "=", None)]),
])
def test_indicator_name_colon_value_is_a_target(make_doc, text, expected):
    """A list of ``<indicator>: <value>`` items states targets without any commitment word."""
    assert _read(make_doc, text)[1] == expected


def test_colon_after_no_indicator_name_commits_nothing(make_doc):
    assert _read(make_doc, "Thành phần đoàn: 15 người; thời gian: 3 ngày.")[1] == []


@pytest.mark.parametrize("text, change", [
    ("Phấn đấu giảm tỷ lệ hộ nghèo bình quân 1,5%/năm.", "decrease"),
    ("Năm 2026 phấn đấu giảm tỷ lệ trẻ thừa cân xuống 1% so với năm 2025.", "decrease"),
    ("Năm 2026 phấn đấu tăng tỷ lệ người dân có sổ khám bệnh lên 5% so với cùng kỳ năm 2025.", "increase"),
    ("Năm 2026 phấn đấu giảm tỷ lệ trẻ thừa cân xuống dưới 10%.", None),
])
def test_yearly_fall_and_fall_compared_with_a_year_are_changes(make_doc, text, change):
    """``xuống 1% so với năm 2025`` measures the fall; ``xuống dưới 10%`` is a level to reach."""
    assert [c for *_, c in _read(make_doc, text)[1]] == [change]


def test_goal_lead_in_anywhere_commits_its_bullets(make_doc):
    """``Theo đó, mục tiêu đặt ra là:`` introduces goals as much as ``Mục tiêu:`` does."""
    text = "Theo đó, mục tiêu đặt ra là:\n\n- Trên 90% người cao tuổi được tiêm đủ liều vắc xin cúm."
    assert _read(make_doc, text)[1] == [(90.0, "%", ">", None)]


def test_nested_lead_in_takes_the_year_of_the_outer_one(make_doc):
    """``- Chỉ tiêu cơ bản:`` under ``... chỉ tiêu kế hoạch năm 2026 như sau:`` is dated 2026."""
    text = ("Giao chỉ tiêu kế hoạch năm 2026 như sau:\n- Chỉ tiêu cơ bản:\n"
            "+ Tuổi thọ trung bình: 74,5 tuổi;\n+ Tỷ số giới tính khi sinh: 110,5 số bé trai/100 bé gái.")
    doc = make_doc(text)
    found = targets.extract(doc, PlanContext())
    assert [(t.value, t.unit, t.year, t.indicator_code) for t in found] == [
        (74.5, "years", 2026, "LIFE_EXPECTANCY"), (110.5, "per_100_girls", 2026, "SEX_RATIO_BIRTH")]


def test_sentence_striving_again_keeps_the_paragraph_year(make_doc):
    """``Năm 2026 tỉnh phấn đấu ... . Phấn đấu ...``: the second striving is for the same year, and two
    equal records of one paragraph (two age groups) stay two."""
    text = ("Năm 2026, tỉnh phấn đấu giảm tỷ lệ thấp còi ở trẻ mầm non xuống 1% so với năm 2025. "
            "Phấn đấu giảm tỷ lệ thấp còi ở học sinh xuống 1% so với năm 2025.")
    found = targets.extract(make_doc(text), PlanContext())
    assert [(t.value, t.year, t.change) for t in found] == [(1.0, 2026, "decrease"), (1.0, 2026, "decrease")]


def test_sentence_without_striving_does_not_take_the_paragraph_year(make_doc):
    text = "Năm 2026, tỉnh phấn đấu tỷ lệ A đạt 90%. Hằng năm phấn đấu tỷ lệ B đạt 80%."
    assert [t.year for t in targets.extract(make_doc(text), PlanContext())] == [2026, None]


@pytest.mark.parametrize("text, year", [
    ("I. MỤC TIÊU\n\nGiảm 5% tỷ lệ mắc sởi so với trung bình hằng năm giai đoạn 2019 - 2023.", None),
    ("I. MỤC TIÊU\n\nGiảm 5% tỷ lệ mắc sởi so với năm 2023 vào năm 2026.", 2026),
])
def test_period_compared_against_is_no_target_year(make_doc, text, year):
    """``so với trung bình ... giai đoạn 2019 - 2023`` names the baseline period, not the target's year."""
    assert [t.year for t in targets.extract(make_doc(text), PlanContext())] == [year]


def _codes(make_doc, text):
    doc = make_doc(text)
    return [(t.value, t.indicator_code) for t in targets.extract(doc, CTX) if t.comparator != "baseline"]


@pytest.mark.parametrize("text, expected", [
    ("I. MỤC TIÊU\n\n- Tỷ lệ tiêm chủng đầy đủ cho trẻ dưới 1 tuổi đạt 95% năm 2026; 98% năm 2030.",
     [(95, "FULL_IMMUNIZATION"), (98, "FULL_IMMUNIZATION")]),
    ("I. MỤC TIÊU\n\n- Tỷ lệ người dân có thẻ bảo hiểm y tế năm 2025 đạt 93%, năm 2027 đạt 96%.",
     [(93, "BHYT_COVERAGE"), (96, "BHYT_COVERAGE")]),
    ("I. MỤC TIÊU\n\n- Tỷ lệ nhà tiêu hợp vệ sinh đạt 80% vào năm 2026 và 90% vào năm 2030 và giảm 30% số hộ chưa có công trình vệ sinh.",
     [(80, "HYGIENIC_LATRINE"), (90, "HYGIENIC_LATRINE"), (30, None)]),
    ("I. MỤC TIÊU\n\n- Tỷ lệ hộ nghèo đa chiều giảm 1,5%/năm (riêng các xã vùng cao giảm 3%/năm).",
     [(1.5, "POVERTY_RATE"), (3, "POVERTY_RATE")]),
])
def test_number_without_words_of_its_own_continues_the_indicator_before(make_doc, text, expected):
    assert _codes(make_doc, text) == [(pytest.approx(v), c) for v, c in expected]


@pytest.mark.parametrize("text, expected", [
    # the words naming a later number never name an earlier one
    ("I. MỤC TIÊU\n\nĐến năm 2026, số người tham gia bảo hiểm xã hội, bảo hiểm tai nạn lần lượt đạt khoảng 40%, 30% "
     "lực lượng lao động, trên 96% dân số tham gia bảo hiểm y tế.",
     [(40, None), (30, None), (96, "BHYT_COVERAGE")]),
    ("I. MỤC TIÊU\n\n- Tỷ lệ lao động qua đào tạo đạt 70%; 100% trạm y tế xã có bác sĩ.",
     [(70, None), (100, "STATION_WITH_DOCTOR")]),
    # a new sentence continues nothing
    ("I. MỤC TIÊU\n\n- Tỷ lệ tiêm chủng đầy đủ đạt 95%. Năm 2026 đạt 60% số trường học có phòng y tế.",
     [(95, "FULL_IMMUNIZATION"), (60, None)]),
])
def test_number_never_takes_the_indicator_of_another_numbers_words(make_doc, text, expected):
    assert _codes(make_doc, text) == [(pytest.approx(v), c) for v, c in expected]


def test_numbers_joined_by_and_share_the_words_after_the_last(make_doc):
    text = "I. MỤC TIÊU\n\n- Phấn đấu đến năm 2026 có thêm 8 xã và 02 thị trấn đạt Bộ tiêu chí quốc gia về y tế xã."
    assert _codes(make_doc, text) == [(8, "COMMUNE_HEALTH_CRITERIA"), (2, "COMMUNE_HEALTH_CRITERIA")]


@pytest.mark.parametrize("text, expected", [
    ("Mục tiêu đến năm 2030, tỷ lệ suy dinh dưỡng thể thấp còi giảm mạnh.Cụ thể, giảm tỷ lệ trẻ sinh nhẹ cân xuống dưới 9%.",
     [(9, None)]),
    ("I. MỤC TIÊU\n\nTỷ lệ tiêm chủng đầy đủ đạt 96%.Bên cạnh đó, phấn đấu 70% trường học có phòng y tế.",
     [(96, "FULL_IMMUNIZATION"), (70, None)]),
    ("I. MỤC TIÊU\n\nTỷ lệ bao phủ bảo hiểm y tế đạt 95%.Ủy ban nhân dân huyện phấn đấu 60% trường học có phòng y tế.",
     [(95, "BHYT_COVERAGE"), (60, None)]),
])
def test_period_without_space_before_a_capital_ends_the_sentence(make_doc, text, expected):
    assert _codes(make_doc, text) == [(pytest.approx(v), c) for v, c in expected]


@pytest.mark.parametrize("text", [
    "Phấn đấu đến năm 2026 tại TP.Hồ Chí Minh tỷ lệ tiêm chủng đầy đủ đạt 97%.",
    "Phấn đấu đến năm 2026 tại Tp.Huế tỷ lệ tiêm chủng đầy đủ đạt 97%.",
])
def test_abbreviation_dot_is_no_sentence_end(make_doc, text):
    doc = make_doc(text)
    (t,) = [t for t in targets.extract(doc, CTX)]
    assert (t.value, t.year, t.indicator_code) == (97, 2026, "FULL_IMMUNIZATION")
    assert t.indicator.startswith("Phấn đấu")


@pytest.mark.parametrize("text, value, unit, comparator", [
    ("II. CHỈ TIÊU\n\n3. Sản lượng thủy sản khai thác hằng năm: 12.500 tấn.", 12_500, "tonnes", "="),
    ("II. CHỈ TIÊU\n\n- Sản lượng lúa năm 2026 đạt 1,2 triệu tấn.", 1_200_000, "tonnes", "="),
    ("II. CHỈ TIÊU\n\n- Diện tích trồng rừng mới năm 2026 đạt 850 ha.", 850, "ha", "="),
    ("II. CHỈ TIÊU\n\n- Diện tích cây ăn quả ứng dụng công nghệ cao tối thiểu 2.300 héc ta.", 2_300, "ha", ">="),
    ("II. CHỈ TIÊU\n\n- Kim ngạch xuất khẩu năm 2026 đạt 1,5 tỷ USD.", 1_500_000_000, "USD", "="),
    ("II. CHỈ TIÊU\n\n- Thu nhập bình quân đầu người: trên 4.200 USD.", 4_200, "USD", ">"),
    ("II. CHỈ TIÊU\n\n- Phấn đấu tập huấn cho 3.000 lượt cán bộ y tế cơ sở.", 3_000, "people", "="),
    ("II. CHỈ TIÊU\n\n- Phấn đấu đạt 20.000 lượt khám sàng lọc tại trạm y tế.", 20_000, "count", "="),
])
def test_tonnes_hectares_dollars_and_turns_are_units(make_doc, text, value, unit, comparator):
    doc, t = _one(make_doc, text)
    assert (t.value, t.unit, t.comparator) == (pytest.approx(value), unit, comparator)
    assert doc.quote(t.span).split()[0][0].isdigit()


@pytest.mark.parametrize("text", [
    # a report of what happened is no target and no baseline of an indicator
    "Năm qua, bão lũ làm 4.500 ha lúa bị thiệt hại.",
    "Hiện nay kim ngạch xuất khẩu ước đạt 900 triệu USD.",
    # a quantity in a task needs a word that commits to reaching it
    "Các xã rà soát 300 ha đất lúa kém hiệu quả để chuyển đổi.",
])
def test_reported_or_uncommitted_quantities_are_no_targets(make_doc, text):
    assert targets.extract(make_doc(text), CTX) == []


@pytest.mark.parametrize("text, value, year", [
    ("Năm 2026, huyện phấn đấu giảm tỷ lệ suy dinh dưỡng của học sinh tiểu học và trung học cơ sở "
     "sinh sống tại các xã đặc biệt khó khăn xuống 1,5%.", 1.5, 2026),
    ("Tỉnh phấn đấu đưa tỷ lệ người dân trong độ tuổi lao động ở khu vực nông thôn được đào tạo nghề "
     "phù hợp với nhu cầu lên 60% vào năm 2027.", 60, 2027),
    ("Mục tiêu đến năm 2030 là tỷ lệ hộ gia đình ở các thôn đặc biệt khó khăn vùng đồng bào dân tộc "
     "thiểu số được tiếp cận thông tin đầy đủ 90%.", 90, 2030),
])
def test_striving_commits_a_level_far_after_it_in_the_clause(make_doc, text, value, year):
    _, t = _one(make_doc, text)
    assert (t.value, t.unit, t.year) == (pytest.approx(value), "%", year)


def test_striving_far_before_a_count_commits_nothing(make_doc):
    text = ("Phấn đấu hoàn thành kế hoạch phát triển kinh tế - xã hội, các phòng ban chuyên môn tổ chức "
            "triển khai cho cán bộ ở các thôn xa trung tâm 25 lớp bồi dưỡng kỹ năng.")
    assert targets.extract(make_doc(text), CTX) == []


@pytest.mark.parametrize("text, expected", [
    ("Đến năm 2027, tỷ lệ lao động tham gia bảo hiểm xã hội, bảo hiểm thất nghiệp lần lượt đạt khoảng 50%, 40% lực lượng lao động.",
     [50, 40]),
    ("Tỷ lệ hộ nghèo đa chiều giảm còn 3%, 2,5% ở khu vực nông thôn.", [3, 2.5]),
])
def test_number_listed_after_a_target_is_one_too(make_doc, text, expected):
    found = [t for t in targets.extract(make_doc(text), CTX) if t.comparator != "baseline"]
    assert [t.value for t in found] == [pytest.approx(v) for v in expected]


def test_count_restating_a_percentage_in_brackets_is_no_target(make_doc):
    text = "Tỷ lệ xã đạt chuẩn nông thôn mới nâng cao năm 2026 đạt 40% (6 xã)."
    assert [(t.value, t.unit) for t in targets.extract(make_doc(text), CTX)] == [(40, "%")]
