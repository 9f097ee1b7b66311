"""The indicator vocabulary and its Vietnamese-aware fuzzy matcher."""

import json

import pytest

from extractors.indicators import DATA, fold, fold_keep, match, vocabulary


def test_vocabulary_codes_are_unique_and_forms_present():
    codes = [i.code for i in vocabulary()]
    assert len(codes) == len(set(codes))
    assert all(i.forms and i.label for i in vocabulary())
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    assert len(raw["indicators"]) == len(codes)


@pytest.mark.parametrize("code", [
    "BHYT_COVERAGE", "COMMUNE_HEALTH_CRITERIA", "STATION_WITH_DOCTOR", "DOCTORS_PER_10K", "BEDS_PER_10K",
    "EHR_COVERAGE", "U5_STUNTING", "U5_UNDERWEIGHT", "INFANT_MORTALITY", "U5_MORTALITY", "MATERNAL_MORTALITY",
    "FULL_IMMUNIZATION", "POP_GROWTH", "SEX_RATIO_BIRTH", "MEDICAL_WASTE_TREATED", "VILLAGE_HEALTH_WORKER",
    "HEALTH_MANAGED",
])
def test_vocabulary_covers_the_indicators_health_plans_track(code):
    assert code in {i.code for i in vocabulary()}


@pytest.mark.parametrize("text,code", [
    ("Tỷ lệ bao phủ bảo hiểm y tế đạt trên 95% dân số", "BHYT_COVERAGE"),
    ("Tỷ lệ người dân có thẻ BHYT đạt 92%", "BHYT_COVERAGE"),
    ("Ty le dan so tham gia bao hiem y te dat 95%", "BHYT_COVERAGE"),  # no diacritics
    ("Tỷ lệ dân sô tham gja bảo hiểm y tê", "BHYT_COVERAGE"),  # typos
    ("Số bác sỹ/vạn dân năm 2025 đạt 12 bác sỹ trở lên", "DOCTORS_PER_10K"),
    ("Số bác sĩ trên 10.000 dân đạt 11", "DOCTORS_PER_10K"),
    ("Số giường bệnh/vạn dân đạt 38 giường bệnh", "BEDS_PER_10K"),
    ("100% dân số được quản lý, theo dõi sức khỏe bằng hồ sơ sức khỏe điện tử", "EHR_COVERAGE"),
    ("Tỷ lệ dân số được quản lý sức khỏe (bằng số sức khỏe điện tử)", "EHR_COVERAGE"),
    ("100% dân số được quản lý sức khỏe", "HEALTH_MANAGED"),
    ("Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng thể thấp còi dưới 18%", "U5_STUNTING"),
    ("suy dinh dưỡng cân nặng theo tuổi dưới 10%", "U5_UNDERWEIGHT"),
    ("giảm tỷ lệ suy dinh dưỡng trẻ em dưới 5 tuổi thể gầy còm xuống 3%", "U5_WASTING"),
    ("suy dinh dưỡng cân nặng theo chiều cao dưới 5%", "U5_WASTING"),
    ("Tỷ suất tử vong trẻ em dưới 1 tuổi dưới 8,5‰", "INFANT_MORTALITY"),
    ("Tỷ suất tử vong trẻ em dưới 5 tuổi dưới 16‰", "U5_MORTALITY"),
    ("Tỷ số tử vong mẹ dưới 40/100.000 trẻ đẻ sống", "MATERNAL_MORTALITY"),
    ("Tỷ lệ trẻ em dưới 1 tuổi được tiêm chủng đầy đủ đạt 95%", "FULL_IMMUNIZATION"),
    ("Tỷ số giới tính khi sinh dưới 109 bé trai/100 bé gái", "SEX_RATIO_BIRTH"),
    ("100% chất thải y tế được thu gom, xử lý", "MEDICAL_WASTE_TREATED"),
    ("100% thôn, bản có nhân viên y tế hoạt động", "VILLAGE_HEALTH_WORKER"),
    ("mỗi ấp có một nhân viên y tế", "VILLAGE_HEALTH_WORKER"),
    ("100% trạm y tế xã có bác sĩ làm việc", "STATION_WITH_DOCTOR"),
    ("100% xã đạt Bộ tiêu chí quốc gia về y tế xã", "COMMUNE_HEALTH_CRITERIA"),
    ("100% trạm y tế có đủ điều kiện khám, chữa bệnh bảo hiểm y tế", "STATION_BHYT_SERVICE"),
])
def test_match_surface_forms(text, code):
    found = match(text)
    assert found is not None and found.code == code
    assert 0.9 <= found.score <= 1.0


@pytest.mark.parametrize("text", [
    "Tỷ lệ cử tri đi bầu cử đạt từ 98% trở lên",
    "100% thủ tục hành chính được giải quyết trên môi trường điện tử",
    "trên 70% xã, phường có người nghiện ma túy bố trí điểm tiếp nhận",
    "100% các xã, phường bố trí công chức xây dựng chính sách",
    "ít nhất 70% xã, phường tổ chức cai nghiện ma túy tự nguyện",
    "100% trạm BTS được kiểm định",
])
def test_match_returns_none_when_unsure(text):
    assert match(text) is None


def test_fold_treats_y_and_i_alike_and_drops_marks():
    assert fold("Bác sỹ") == fold("bac si")
    assert fold("Sức khoẻ") == fold("sức khỏe")


def test_fold_keep_preserves_offsets():
    text = "Phấn đấu đến năm 2030: 95% dân số"
    assert len(fold_keep(text)) == len(text)
    assert fold_keep(text).index("2030") == text.index("2030")


@pytest.mark.parametrize("text,code", [
    ("ít nhất 50% xã, phường không ma túy", "DRUG_FREE_COMMUNE"),
    ("đạt 50% địa bàn cấp xã “không ma túy”", "DRUG_FREE_COMMUNE"),
    ("50% đơn vị hành chính cấp xã trên toàn tỉnh “không ma túy”", "DRUG_FREE_COMMUNE"),
    ("Có ≥ 30% DNNVV, HTX, HKD trên địa bàn Tỉnh ứng dụng công nghệ số", "ENTERPRISE_DIGITAL_ADOPTION"),
    ("100% doanh nghiệp nhỏ và vừa ứng dụng công nghệ số", "ENTERPRISE_DIGITAL_ADOPTION"),
    ("100% thủ tục hành chính đủ điều kiện được cung cấp dịch vụ công trực tuyến", "ONLINE_PUBLIC_SERVICE"),
    ("tỷ lệ phủ sóng mạng 5G tại các KCN đạt 100%", "MOBILE_5G_COVERAGE"),
    ("giảm tỷ lệ hộ nghèo đa chiều bình quân 1%/năm", "POVERTY_RATE"),
])
def test_match_general_indicators_of_other_sectors(text, code):
    found = match(text)
    assert found is not None and found.code == code


@pytest.mark.parametrize("word,text", [
    ("mot", "có Một người"), ("muoi", "MƯỜI xã"), ("bay", "bẩy"), ("tam", "tám"), ("dat", "ĐẠT"),
    ("mot", "mốt"), ("chin", "chín mươi"),
])
def test_raw_pattern_finds_the_word_without_folding(word, text):
    from extractors.indicators import raw_pattern
    import re
    assert re.search(raw_pattern(word), text)
    assert word in fold_keep(text)


@pytest.mark.parametrize("text", [
    "Phấn đấu đạt 95% dân số tham gia BHYT", "ĐẠT MƯỜI XÃ", "có ít nhất một bác sĩ", "Ấp Bảy Mẫu", "tầm nhìn",
    "Hai mươi", "mỗi xã",
])
@pytest.mark.parametrize("word", ["mot", "hai", "ba", "bay", "tam", "muoi", "dat", "xa"])
def test_raw_pattern_agrees_with_folded_search(word, text):
    """A class per letter on the raw text finds exactly what the word finds in fold_keep's output."""
    from extractors.indicators import raw_pattern
    import re
    raw = [m.start() for m in re.finditer(raw_pattern(word), text)]
    folded = [m.start() for m in re.finditer(re.escape(word), fold_keep(text))]
    assert raw == folded


def test_match_scores_a_form_by_its_weakest_part():
    """Every part of a form must be in the text; the short part ``xã`` counts as a whole word."""
    found = match("Tỷ lệ xã đạt Bộ tiêu chí quốc gia về y tế xã")
    assert found is not None and found.code == "COMMUNE_HEALTH_CRITERIA"


@pytest.mark.parametrize("text,code", [
    ("Ít nhất 80% người bệnh tăng huyết áp, đái tháo đường được phát hiện, quản lý điều trị", "HTN_DIABETES_MANAGED"),
    ("90% người bệnh đái tháo đường, tăng huyết áp được quản lý", "HTN_DIABETES_MANAGED"),
    ("Tỷ lệ người bệnh đái tháo đường được quản lý điều trị đạt 50%", "DIABETES_MANAGED"),
    ("Tỷ lệ người bệnh tăng huyết áp được quản lý điều trị đạt 60%", "HYPERTENSION_MANAGED"),
    ("100% trạm y tế xã thực hiện dự phòng, quản lý, điều trị bệnh không lây nhiễm (tăng huyết áp, đái tháo đường)",
     "STATION_NCD_MANAGEMENT"),
])
def test_joint_hypertension_diabetes_target_is_neither_disease_alone(text, code):
    from extractors.indicators import match
    assert match(text).code == code


@pytest.mark.parametrize("text", [
    "80% trẻ em dưới 16 tuổi suy dinh dưỡng thuộc hộ nghèo được bổ sung đa vi chất",
    "trẻ em dưới 15 tuổi suy dinh dưỡng được hỗ trợ",
])
def test_a_number_in_a_form_is_matched_exactly(text):
    """``trẻ em dưới 16 tuổi`` is one edit from ``trẻ em dưới 5 tuổi`` yet another group: no U5 code."""
    found = match(text)
    assert found is None or found.code != "U5_MALNUTRITION"


def test_a_number_in_a_form_still_matches_itself():
    assert match("Giảm tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng xuống 10%").code == "U5_MALNUTRITION"
