"""Assignments: agency headings, prose, label lines and task tables."""

from __future__ import annotations

import pytest
from pipeline.build import document_from_text
from extractors import assignments
from extractors.context import PlanContext

DISTRICT = PlanContext(province="Đắk Nông", district="Đắk R'Lấp", issuer_level="district")
PROVINCE = PlanContext(province="Bắc Giang", issuer_level="province")

ORG = """KẾ HOẠCH
Duy trì Bộ tiêu chí quốc gia về y tế xã năm 2023

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

- Duy trì xã đạt Bộ tiêu chí quốc gia về y tế.

IV. TỔ CHỨC THỰC HIỆN

1. Phòng Y tế huyện:

- Tham mưu cho UBND huyện chỉ đạo, định kỳ báo cáo trước ngày 10/01 của năm sau.

- Xây dựng kế hoạch kiểm tra, đôn đốc việc thực hiện Kế hoạch này.

2. Trung tâm Y tế huyện:

- Chủ trì phối hợp với Phòng Y tế huyện giám sát tiến độ thực hiện.

3. Phòng Văn hóa -Thông tin, Trung tâm Văn Hóa -Thể Thao và Truyền thông huyện:

Phối hợp với Trung tâm Y tế huyện thực hiện tiêu chí 9 về truyền thông.

4. Sở Y tế (cơ quan Thường trực Ban Chỉ đạo CSSKND tỉnh)

- Là đầu mối chịu trách nhiệm tổ chức triển khai.

5. Đề nghị Ủy ban MTTQ và các tổ chức chính trị - xã hội huyện

Tuyên truyền, vận động đoàn viên, hội viên.
"""


def by_agency(found):
    return {(a.agency, a.role) for a in found}


def test_agency_heading_gives_its_bullets_as_tasks(make_doc):
    doc = make_doc(ORG)
    found = assignments.extract(doc, DISTRICT)
    health = next(a for a in found if a.agency == "Phòng Y tế huyện Đắk R'Lấp")
    assert health.role == "responsible"
    assert health.tasks[0].startswith("Tham mưu cho UBND huyện")
    assert len(health.tasks) == 2
    for text, span in zip(health.tasks, health.task_spans):
        assert doc.text[span.start:span.end] == text


def test_heading_with_two_agencies_is_two_assignments(make_doc):
    found = assignments.extract(make_doc(ORG), DISTRICT)
    names = {a.agency for a in found if a.role == "cooperate"}
    assert {"Phòng Văn hóa - Thông tin",
            "Trung tâm Văn hóa - Thể thao và Truyền thông huyện Đắk R'Lấp"} <= names


def test_heading_roles_lead_focal_point_and_requested(make_doc):
    pairs = by_agency(assignments.extract(make_doc(ORG), DISTRICT))
    assert ("Trung tâm Y tế huyện Đắk R'Lấp", "lead") in pairs
    assert ("Sở Y tế", "focal_point") in pairs
    assert any(n.startswith("Ủy ban Mặt trận Tổ quốc Việt Nam") and r == "responsible" for n, r in pairs)


def test_description_in_parentheses_is_not_an_agency(make_doc):
    names = {a.agency for a in assignments.extract(make_doc(ORG), DISTRICT)}
    assert not any(n.startswith("Ban Chỉ đạo") for n in names)


def test_spans_slice_back_to_the_agency_as_written(make_doc):
    doc = make_doc(ORG)
    for a in assignments.extract(doc, DISTRICT):
        assert doc.text[a.span.start:a.span.end] == a.surface
        assert a.block is not None and a.block.start <= a.span.start < a.block.end


PROSE = """KẾ HOẠCH
Thực hiện Chỉ thị 25-CT/TW

IV. TỔ CHỨC THỰC HIỆN

1. Giao Phòng Kế hoạch Nghiệp vụ và Điều dưỡng là đơn vị đầu mối theo dõi, kiểm tra, đôn đốc.

2. Sở Y tế chủ trì, phối hợp với Sở Tài chính, Sở KH&ĐT tham mưu bố trí kinh phí.

3. UBND tỉnh giao cho Sở Nội vụ, Sở Giáo dục và Đào tạo; Các sở, ngành, cơ quan, đơn vị có liên quan triển khai thực hiện.

4. Văn phòng HĐND&UBND huyện, Trung tâm Y tế huyện là cơ quan đầu mối triển khai thực hiện Kế hoạch.
"""


def test_prose_focal_point(make_doc):
    pairs = by_agency(assignments.extract(make_doc(PROSE), PROVINCE))
    assert ("Phòng Kế hoạch Nghiệp vụ và Điều dưỡng", "focal_point") in pairs


def test_prose_lead_and_cooperate(make_doc):
    pairs = by_agency(assignments.extract(make_doc(PROSE), PROVINCE))
    assert ("Sở Y tế", "lead") in pairs
    assert ("Sở Tài chính", "cooperate") in pairs
    assert ("Sở Kế hoạch và Đầu tư", "cooperate") in pairs


def test_prose_giao_makes_each_listed_agency_responsible(make_doc):
    pairs = by_agency(assignments.extract(make_doc(PROSE), PROVINCE))
    assert ("Sở Nội vụ", "responsible") in pairs
    assert ("Sở Giáo dục và Đào tạo", "responsible") in pairs
    assert ("Các sở, ngành, cơ quan, đơn vị có liên quan", "responsible") in pairs


def test_two_focal_points_in_one_sentence(make_doc):
    pairs = by_agency(assignments.extract(make_doc(PROSE), PROVINCE))
    assert ("Trung tâm Y tế huyện", "focal_point") in pairs


def test_generic_phrase_without_a_task_is_not_an_agency(make_doc):
    doc = make_doc("KẾ HOẠCH\nVề y tế\n\nI. YÊU CẦU\n\n- Tăng cường sự phối hợp giữa các cơ quan, đơn vị, các cơ sở y tế.\n")
    assert assignments.extract(doc, PROVINCE) == []


LABELS = """KẾ HOẠCH
Triển khai thi hành Luật

II. NỘI DUNG

1. Tổ chức tập huấn, bồi dưỡng chuyên sâu

- Cơ quan chủ trì: Sở Nội vụ, Sở Giáo dục và Đào tạo.

- Cơ quan phối hợp: Bảo hiểm xã hội Thành phố và các cơ quan có liên quan.

- Thời gian thực hiện: Năm 2025 và các năm tiếp theo.
"""


def test_label_lines_give_lead_and_cooperate_with_the_item_as_task(make_doc):
    ctx = PlanContext(province="Thành phố Hồ Chí Minh", issuer_level="province")
    found = assignments.extract(make_doc(LABELS), ctx)
    pairs = by_agency(found)
    assert ("Sở Nội vụ", "lead") in pairs and ("Sở Giáo dục và Đào tạo", "lead") in pairs
    assert any(a.role == "cooperate" and a.agency.startswith("Bảo hiểm xã hội") for a in found)
    assert all(a.tasks == ["Tổ chức tập huấn, bồi dưỡng chuyên sâu"] for a in found)


STACKED = """KẾ HOẠCH
Chuyển đổi số doanh nghiệp

PHỤ LỤC

STT

Tên nhiệm vụ

Cơ quan chủ trì

Cơ quan phối hợp

Thời gian hoàn thành

I. NÂNG CAO NHẬN THỨC

1

Xây dựng Bộ tiêu chí đánh giá mức độ chuyển đổi số doanh nghiệp.

Sở KH&CN

Các sở, ban, ngành tỉnh

Quí IV-2025

2

Hỗ trợ doanh nghiệp kinh doanh trên môi trường số.

Sở Công Thương

UBND các xã, phường

Thường xuyên
"""


def test_appendix_table_flattened_one_cell_per_line(make_doc):
    doc = make_doc(STACKED)
    found = [a for a in assignments.extract(doc, PROVINCE) if a.method == "table"]
    pairs = by_agency(found)
    assert ("Sở Khoa học và Công nghệ", "lead") in pairs
    assert ("Sở Công Thương", "lead") in pairs
    assert ("Ủy ban nhân dân các xã, phường", "cooperate") in pairs
    lead = next(a for a in found if a.agency == "Sở Công Thương")
    assert lead.tasks == ["Hỗ trợ doanh nghiệp kinh doanh trên môi trường số."]
    assert doc.text[lead.span.start:lead.span.end] == "Sở Công Thương"


def test_tab_separated_task_table(make_doc):
    text = ("KẾ HOẠCH\nVề y tế\n\nPHỤ LỤC\n\nTT\tNội dung\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\n"
            "1\tRà soát trạm y tế\tSở Y tế\tSở Tài chính\t30/9/2024\n"
            "2\tBố trí kinh phí\tSở Tài chính\tSở Y tế\tQuý IV/2024\n")
    pairs = by_agency(assignments.extract(make_doc(text), PROVINCE))
    assert {("Sở Y tế", "lead"), ("Sở Tài chính", "cooperate"), ("Sở Tài chính", "lead")} <= pairs


def test_regression_dakrlap_bullet_led_by_named_communes(make_doc):
    text = ("KẾ HOẠCH\nDuy trì y tế xã\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Ủy ban nhân dân các xã, thị trấn:\n\n"
            "- Kiện toàn Ban Chăm sóc sức khỏe nhân dân.\n\n"
            "- UBND thị trấn Kiến Đức, UBND xã Nghĩa Thắng chỉ đạo Ban chỉ đạo xã tổ chức đăng ký.\n")
    pairs = by_agency(assignments.extract(make_doc(text), DISTRICT))
    assert ("Ủy ban nhân dân thị trấn Kiến Đức", "responsible") in pairs
    assert ("Ủy ban nhân dân xã Nghĩa Thắng", "responsible") in pairs
    assert ("Ủy ban nhân dân các xã, thị trấn", "responsible") in pairs


# ---- regressions from real plans of other provinces ---------------------------------------

DONGTHAP = PlanContext(province="Đồng Tháp", issuer_level="province")


def _roles(found):
    return {(a.agency, a.role) for a in found}


def test_109_nghean_table_header_after_flattened_signature(make_doc):
    """The header row carried 'Nơi nhận' and the signature before 'TT': columns align at 'TT'."""
    text = ("KẾ HOẠCH\nPhòng thủ dân sự\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Các sở thực hiện Kế hoạch này.\n\n"
            "Nơi nhận: - Lưu: VT.\tKT. CHỦ TỊCH Nguyễn Văn A\tPHỤ LỤC DANH MỤC NHIỆM VỤ\tTT\tNội dung thực hiện\t"
            "Cơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\tSản phẩm dự kiến\n"
            "1\tTổ chức lại Ban Chỉ huy Phòng thủ dân sự cấp tỉnh\tBộ CHQS tỉnh; UBND cấp xã\t"
            "Văn phòng Ban Chỉ huy; các sở, ban, ngành\tTrước ngày 30/11/2025\tQuyết định\n"
            "2\tHướng dẫn thanh toán chi phí khám bệnh\tSở Y tế\tSở Tài chính và cơ quan liên quan\t2025\t\n")
    found = [a for a in assignments.extract(make_doc(text), PlanContext(province="Nghệ An")) if a.method == "table"]
    roles = _roles(found)
    assert ("Sở Y tế", "lead") in roles and ("Sở Tài chính", "cooperate") in roles
    assert not any(a.agency.startswith("Ban Chỉ huy Phòng thủ") and a.role == "lead" for a in found)  # task text
    assert all(a.tasks and not a.tasks[0][0].isdigit() for a in found)


def test_106_hanoi_head_noun_name_read_to_end_of_heading(make_doc):
    text = ("KẾ HOẠCH\nHạ tầng 5G\n\nV. TỔ CHỨC THỰC HIỆN\n\n1. Ban Quản lý các dự án đầu tư xây dựng công trình giao thông\n\n"
            "- Chủ trì, phối hợp với các\nSở, Ban, ngành liên quan rà soát hiện trạng.\n\n- Tổ chức triển khai.\n")
    found = assignments.extract(make_doc(text), PlanContext(province="Hà Nội"))
    head = next(a for a in found if a.agency.startswith("Ban Quản lý"))
    assert head.agency == "Ban Quản lý các dự án đầu tư xây dựng công trình giao thông" and head.role == "lead"
    assert " ".join(head.tasks[0].split()).startswith("Chủ trì, phối hợp với các Sở, Ban, ngành liên quan")


def test_037_dongthap_heading_after_de_nghi_colon(make_doc):
    text = ("KẾ HOẠCH\nChuyển đổi số\n\nIV. TỔ CHỨC THỰC HIỆN\n\n"
            "6. Đề nghị: Hiệp hội Doanh nghiệp tỉnh, Hội Nông dân tỉnh, Liên minh Hợp tác xã Tỉnh\n\n"
            "a) Tuyên truyền, vận động hội viên.\n")
    names = {a.agency for a in assignments.extract(make_doc(text), DONGTHAP)}
    assert {"Hiệp hội Doanh nghiệp tỉnh Đồng Tháp", "Hội Nông dân tỉnh Đồng Tháp",
            "Liên minh Hợp tác xã tỉnh Đồng Tháp"} <= names


def test_111_cantho_agency_whose_only_task_is_to_support_cooperates(make_doc):
    text = ("KẾ HOẠCH\nThi đua\n\nV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế\n\na) Chủ trì triển khai kế hoạch;\n\n"
            "2. Sở Nội vụ\n\nPhối hợp Sở Y tế thẩm định, lập thủ tục khen thưởng.\n\n"
            "3. Sở Nông nghiệp và Môi trường\n\n- Phối hợp UBND các xã cập nhật thiệt hại.\n\n- Hướng dẫn xử lý môi trường.\n")
    roles = _roles(assignments.extract(make_doc(text), PlanContext(province="Cần Thơ")))
    assert ("Sở Nội vụ", "cooperate") in roles
    assert ("Sở Nông nghiệp và Môi trường", "responsible") in roles  # it also has tasks of its own


def _roles_of(text, ctx=None):
    found = assignments.extract(document_from_text(text), ctx or PlanContext(province="Lai Châu"))
    return {(a.agency, a.role) for a in found}


def test_101_laichau_subject_after_an_aside_before_the_verb():
    """'Sở Tài chính, trên cơ sở đề xuất của các cơ quan, đơn vị, địa phương, chủ trì tổng hợp ...'."""
    roles = _roles_of("KẾ HOẠCH\nLuật\n\nIII. KINH PHÍ BẢO ĐẢM\n\n3. Sở Tài chính, trên cơ sở đề xuất của các cơ quan, "
                      "đơn vị, địa phương, chủ trì tổng hợp trình cấp có thẩm quyền bố trí kinh phí.\n")
    assert ("Sở Tài chính", "lead") in roles


@pytest.mark.parametrize("opener", ["Căn cứ nội dung Kế hoạch và tình hình thực tiễn", "Trên cơ sở nội dung Kế hoạch nêu trên",
                                    "Đối với các nhiệm vụ triển khai trong năm 2025"])
def test_subject_after_an_opening_phrase(opener):
    roles = _roles_of(f"KẾ HOẠCH\nLuật\n\nIV. TỔ CHỨC THỰC HIỆN\n\n2. {opener}, các sở, ngành và Ủy ban nhân dân "
                      "các xã, phường có trách nhiệm xây dựng kế hoạch chi tiết.\n")
    assert ("Ủy ban nhân dân các xã, phường", "responsible") in roles


def test_104_daklak_partners_after_phoi_hop_in_an_agency_block_cooperate():
    text = ("KẾ HOẠCH\nCứu trợ\n\nIV. PHÂN CÔNG NHIỆM VỤ\n\n1. Sở Công Thương:\n\n- Chủ trì điều phối nguồn hàng.\n\n"
            "- Phối hợp Bộ Chỉ huy\nQuân sự tỉnh, Công an tỉnh và UBND các xã, phường tổ chức vận chuyển hàng.\n")
    roles = _roles_of(text, PlanContext(province="Đắk Lắk"))
    assert {("Bộ Chỉ huy Quân sự tỉnh Đắk Lắk", "cooperate"), ("Công an tỉnh Đắk Lắk", "cooperate"),
            ("Sở Công Thương", "lead")} <= roles


def test_partners_named_for_a_topic_only_do_not_cooperate():
    """'Phối hợp với Sở X về dự toán': no shared task verb follows the partners."""
    text = ("KẾ HOẠCH\nY tế\n\nV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Tài chính:\n\n- Phối hợp với Sở Kế hoạch và Đầu tư về dự toán.\n")
    assert ("Sở Kế hoạch và Đầu tư", "cooperate") not in _roles_of(text)


def test_issuer_ordering_its_own_plan_is_no_assignment():
    ctx = PlanContext(province="Bắc Giang", issuer_name="Ủy ban nhân dân tỉnh Bắc Giang")
    text = "KẾ HOẠCH\nY tế\n\nII. NỘI DUNG\n\n- Ủy ban nhân dân tỉnh Bắc Giang ban hành Kế hoạch thực hiện.\n"
    assert not _roles_of(text, ctx)


def test_106_hanoi_group_heading_named_by_its_kind():
    text = ("KẾ HOẠCH\n5G\n\nV. TỔ CHỨC THỰC HIỆN\n\n5. Các doanh nghiệp viễn thông, tổ chức, cá nhân có liên quan\n\n"
            "- Tổ chức triển khai thực hiện.\n\n6. Đề nghị các tổ chức cung cấp dịch vụ chi trả\n\n- Tích cực tham gia.\n")
    names = {a for a, _ in _roles_of(text, PlanContext(province="Hà Nội"))}
    assert {"Các doanh nghiệp viễn thông", "Các tổ chức cung cấp dịch vụ chi trả"} <= names


CONTENT_HEADINGS = ("KẾ HOẠCH\nDân số\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\nPhân công cho các sở.\n\n"
                    "II. NỘI DUNG THỰC HIỆN\n\n1. Sở Y tế\n\na) Chủ trì, phối hợp với sở, ban, ngành tăng cường kiểm tra.\n\n"
                    "b) Phối hợp với Sở Tư pháp và các cơ quan liên quan tổ chức phổ biến chính sách.\n\n"
                    "2. Sở Tài chính\n\na) Phối hợp với Sở Y tế tham mưu lồng ghép.\n\n"
                    "b) Căn cứ vào khả năng cân đối ngân sách hàng năm, phối hợp với Sở Y tế tham mưu bố trí kinh phí.\n\n"
                    "3. Sở Giáo dục và Đào tạo\n\nCăn cứ chức năng nhiệm vụ, chỉ đạo các cơ sở giáo dục lồng ghép nội dung.\n\n"
                    "4. Ủy ban nhân dân xã, phường\n\na) Tiếp tục tổ chức triển khai.\n\n"
                    "b) Phối hợp với Sở Y tế, Sở Nội vụ rà soát, kiện toàn tổ chức bộ máy.\n\n"
                    "5. Tăng cường công tác truyền thông\n\nSở Xây dựng có trách nhiệm giám sát.\n\n"
                    "III. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế\n\nChủ trì theo dõi, đôn đốc.\n")


def test_040_cantho_agency_heading_outside_organisation_section(make_doc):
    """'II. NỘI DUNG THỰC HIỆN / 2. Sở Tài chính': a heading that is only an agency name gives its tasks anywhere."""
    pairs = by_agency(assignments.extract(make_doc(CONTENT_HEADINGS), PlanContext(province="thành phố Cần Thơ")))
    assert ("Sở Giáo dục và Đào tạo", "responsible") in pairs
    assert ("Sở Tài chính", "cooperate") in pairs and ("Sở Tài chính", "responsible") not in pairs
    assert ("Sở Tư pháp", "cooperate") in pairs and ("Sở Y tế", "lead") in pairs


def test_040_cantho_own_tasks_and_a_clause_of_support_give_two_roles(make_doc):
    pairs = by_agency(assignments.extract(make_doc(CONTENT_HEADINGS), PlanContext(province="thành phố Cần Thơ")))
    commune = {r for n, r in pairs if n.startswith("Ủy ban nhân dân xã, phường")}
    assert commune == {"responsible", "cooperate"}
    assert not any(n.startswith("Tăng cường") for n, _ in pairs)  # a task heading is no agency


def test_heading_lead_then_partners_is_not_cooperation_of_the_heading(make_doc):
    text = ("KẾ HOẠCH\nX\n\nII. NỘI DUNG\n\n1. Sở Xây dựng\n\na) Tăng cường kiểm tra các dự án.\n\n"
            "b) Chủ trì, phối hợp với Sở Tài chính triển khai thực hiện.\n")
    pairs = by_agency(assignments.extract(make_doc(text), PROVINCE))
    assert ("Sở Xây dựng", "cooperate") not in pairs and ("Sở Tài chính", "cooperate") in pairs


def test_047_daklak_request_heading_with_colon_and_task_on_the_line(make_doc):
    """'2. Đề nghị các cấp ủy Đảng, Mặt trận ... tỉnh và các tổ chức chính trị - xã hội tỉnh: Phối hợp ...'."""
    text = ("KẾ HOẠCH\nThi đua\n\nIII. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ\n\n- Chủ trì hướng dẫn.\n\n"
            "2. Đề nghị các cấp ủy Đảng, Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh: "
            "Phối hợp chặt chẽ với cấp ủy, chính quyền các cấp tuyên truyền.\n\n"
            "3. Sở Văn hóa, Thể thao và Du lịch: Phối hợp với Ban Tuyên giáo và Dân vận Tỉnh ủy chỉ đạo "
            "Báo và Phát thanh, Truyền hình Đắk Lắk tuyên truyền.\n")
    pairs = by_agency(assignments.extract(make_doc(text), PlanContext(province="Đắk Lắk")))
    names = {n for n, r in pairs if r == "cooperate"}
    assert "Các cấp ủy Đảng" in names
    assert any(n.startswith("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh") for n in names)
    assert any(n.startswith("Các tổ chức chính trị - xã hội tỉnh") for n in names)
    assert any(n.startswith("Ban Tuyên giáo và Dân vận") for n in names)


def test_107_nghean_council_of_every_level_and_member_organisations(make_doc):
    text = ("KẾ HOẠCH\nThi đua\n\nIII. TỔ CHỨC THỰC HIỆN\n\n- Sở Nội vụ hướng dẫn khen thưởng.\n\n"
            "- Hội đồng Thi đua - Khen thưởng các cấp phân công rõ trách nhiệm các thành viên.\n\n"
            "- Ủy ban Mặt trận Tổ quốc tỉnh và các tổ chức thành viên phát huy vai trò nòng cốt.\n")
    pairs = by_agency(assignments.extract(make_doc(text), PlanContext(province="Nghệ An")))
    assert ("Hội đồng Thi đua - Khen thưởng các cấp", "responsible") in pairs
    assert not any("thành viên" in n for n, _ in pairs)  # the Front's members, no body of their own


def test_105_daklak_quota_list_line_is_no_assignment(make_doc):
    text = ("KẾ HOẠCH\nThi đua\n\nIII. TỔ CHỨC THỰC HIỆN\n\n1. Số lượng khen thưởng\n\n"
            "- Ban bầu cử đại biểu Hội đồng nhân dân cấp tỉnh: 01 cá nhân/01 ban;\n\n"
            "- Đoàn Kiểm tra giám sát bầu cử của tỉnh: Mỗi đoàn xét chọn 01 cá nhân/01 đoàn;\n\n"
            "- Sở Nội vụ hướng dẫn khen thưởng.\n")
    pairs = by_agency(assignments.extract(make_doc(text), PlanContext(province="Đắk Lắk")))
    assert not any(n.startswith("Đoàn Kiểm tra") for n, _ in pairs)
    assert ("Sở Nội vụ", "responsible") in pairs


BULLET_PLAN = """KẾ HOẠCH
Tổng kiểm kê tài sản công

IV. NHIỆM VỤ CỤ THỂ

1. Nhiệm vụ của các cơ quan

1.3. Các cơ quan quản lý ngành, lĩnh vực

- Phối hợp hướng dẫn các cơ quan, đơn vị thực hiện kiểm kê. Trong đó:

{marker} Sở Xây dựng: hướng dẫn các cơ quan, đơn vị thực hiện kiểm kê tài sản kết cấu hạ tầng giao thông.

{marker} Sở Nông nghiệp và Môi trường: hướng dẫn kiểm kê tài sản kết cấu hạ tầng thủy lợi.

{marker} Sở Tài chính phối hợp Sở Công Thương: hướng dẫn kiểm kê tài sản hạ tầng cụm công nghiệp.

{marker} Sở Y tế: 02 người.
"""


@pytest.mark.parametrize("marker", ["+", "-", "•"])
def test_103_quangngai_bullet_led_by_agency_and_colon(marker):
    doc = document_from_text(BULLET_PLAN.format(marker=marker))
    found = {(a.agency, a.role) for a in assignments.extract(doc, PlanContext(province="Quảng Ngãi",
                                                                               issuer_level="province"))}
    assert ("Sở Xây dựng", "responsible") in found
    assert ("Sở Nông nghiệp và Môi trường", "responsible") in found
    assert ("Sở Tài chính", "responsible") in found
    assert ("Sở Công Thương", "cooperate") in found
    assert not any(agency == "Sở Y tế" for agency, _ in found)  # a member count, not a task
    for a in assignments.extract(doc, PlanContext(province="Quảng Ngãi", issuer_level="province")):
        assert doc.text[a.span.start:a.span.end] == a.surface
        for task, span in zip(a.tasks, a.task_spans):
            assert doc.text[span.start:span.end].startswith(task[:30])


@pytest.mark.parametrize("heading", [
    "Các chủ đầu tư xây dựng và kinh doanh hạ tầng Khu công nghiệp",
    "Các chủ đầu tư xây dựng và kinh doanh hạ tầng khu công nghiệp, khu kinh tế",
    "Các doanh nghiệp sản xuất và kinh doanh thuốc trên địa bàn",
])
def test_048_nghean_group_heading_with_two_activities_joined_by_va(heading):
    text = ("KẾ HOẠCH\nPhát triển 5G\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Khoa học và Công nghệ\n\n"
            "- Theo dõi, đôn đốc việc thực hiện Kế hoạch.\n\n"
            f"2. {heading}\n\n- Tạo điều kiện về mặt bằng cho việc lắp đặt thiết bị.\n")
    doc = document_from_text(text)
    found = assignments.extract(doc, PlanContext(province="Nghệ An", issuer_level="province"))
    names = [a.agency for a in found]
    whole = heading.split(",")[0] if "khu kinh tế" in heading else heading
    assert any(n.startswith(whole.split(" trên ")[0]) for n in names), names
    assert not any(n == "Các chủ đầu tư xây dựng" for n in names)


def test_group_heading_stops_at_va_before_another_body():
    text = ("KẾ HOẠCH\nPhát triển 5G\n\nIV. TỔ CHỨC THỰC HIỆN\n\n"
            "1. Các doanh nghiệp viễn thông và Sở Khoa học và Công nghệ\n\n- Tạo điều kiện về mặt bằng.\n")
    doc = document_from_text(text)
    names = {a.agency for a in assignments.extract(doc, PlanContext(province="Nghệ An", issuer_level="province"))}
    assert {"Các doanh nghiệp viễn thông", "Sở Khoa học và Công nghệ"} <= names


@pytest.mark.parametrize("heading", [
    "Các doanh nghiệp hoạt động trong lĩnh vực xây dựng, giao thông, vận tải, logistics và công nghệ thông tin "
    "trên địa bàn Tỉnh",
    "Các tổ chức tín dụng, chi nhánh ngân hàng trên địa bàn tỉnh",
    "Các cơ quan báo chí của tỉnh",
])
def test_110_dongthap_group_heading_is_read_whole(heading):
    text = ("KẾ HOẠCH\nChuyển đổi số\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Xây dựng\n\n- Theo dõi, đôn đốc.\n\n"
            f"2. {heading}\n\n- Phối hợp với Sở Xây dựng triển khai các nền tảng số.\n")
    doc = document_from_text(text)
    found = [a for a in assignments.extract(doc, PlanContext(province="Đồng Tháp", issuer_level="province"))
             if a.agency != "Sở Xây dựng"]
    assert [a.agency for a in found] == [heading]
    assert doc.text[found[0].span.start:found[0].span.end] == heading


def test_105_daklak_category_heading_outside_organisation_is_no_group():
    text = ("KẾ HOẠCH\nThi đua\n\nIV. SỐ LƯỢNG ĐỀ NGHỊ KHEN THƯỞNG\n\n2. Bằng khen\n\n"
            "a) Các cơ quan, đơn vị cấp tỉnh có liên quan đến công tác bầu cử\n\n- Mỗi đơn vị 01 tập thể.\n")
    doc = document_from_text(text)
    assert assignments.extract(doc, PlanContext(province="Đắk Lắk", issuer_level="province")) == []


def test_103_quangngai_decision_article_before_the_plan_title():
    """A decision issuing a plan: 'Điều 2. Giám đốc Sở ...; Chủ tịch ... chịu trách nhiệm thi hành' assigns."""
    text = ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\nSố: 1627/QĐ-UBND\nQuảng Ngãi, ngày 10 tháng 11 năm 2025\n\n"
            "QUYẾT ĐỊNH\nBan hành Kế hoạch tổng kiểm kê tài sản công\n\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương;\n\nQUYẾT ĐỊNH:\n\n"
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch tổng kiểm kê tài sản công.\n\n"
            "Điều 2. Giám đốc Sở Tài chính; Chủ tịch Ủy ban nhân dân các xã, phường chịu trách nhiệm thi hành "
            "Quyết định này./.\n\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNguyễn Văn An\n\n"
            "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\n\n"
            "KẾ HOẠCH\nTổng kiểm kê tài sản công\n(Kèm theo Quyết định số 1627/QĐ-UBND)\n\nI. MỤC ĐÍCH\n\n1. Kiểm kê đầy đủ.\n\n"
            "II. TỔ CHỨC THỰC HIỆN\n\n1. Sở Xây dựng: hướng dẫn kiểm kê.\n")
    doc = document_from_text(text)
    found = {(a.agency, a.role) for a in assignments.extract(doc, PlanContext(province="Quảng Ngãi",
                                                                               issuer_level="province"))}
    assert ("Sở Tài chính", "responsible") in found
    assert ("Sở Xây dựng", "responsible") in found


@pytest.mark.parametrize("chu_tri,phoi_hop", [
    ("Cơ quan chủ trì", "Cơ quan phối hợp"),
    ("CƠ QUAN CHỦ TRÌ", "CƠ QUAN PHỐI HỢP"),
    ("Đơn vị chủ trì", "Đơn vị phối hợp"),
    ("ĐƠN VỊ CHỦ TRÌ", "đơn vị phối hợp"),
])
def test_label_lines_in_any_case(make_doc, chu_tri, phoi_hop):
    text = LABELS.replace("Cơ quan chủ trì", chu_tri).replace("Cơ quan phối hợp", phoi_hop)
    ctx = PlanContext(province="Thành phố Hồ Chí Minh", issuer_level="province")
    pairs = by_agency(assignments.extract(make_doc(text), ctx))
    assert ("Sở Nội vụ", "lead") in pairs and ("Sở Giáo dục và Đào tạo", "lead") in pairs


@pytest.mark.parametrize("verb", ["Giao", "GIAO", "giao cho", "Đề nghị", "ĐỀ NGHỊ", "Yêu cầu", "YÊU CẦU"])
def test_giao_de_nghi_yeu_cau_in_any_case(make_doc, verb):
    text = (f"KẾ HOẠCH\nVề y tế\n\nIII. TỔ CHỨC THỰC HIỆN\n\n{verb} Sở Y tế chủ trì triển khai thực hiện Kế hoạch này.")
    found = assignments.extract(make_doc(text), PROVINCE)
    assert ("Sở Y tế", "lead") in by_agency(found)


def test_giao_inside_a_word_assigns_nothing(make_doc):
    """``bàn giao Sở Y tế`` gives Sở Y tế a task; ``bàngiao`` (no word start) gives none."""
    text = "KẾ HOẠCH\nVề y tế\n\nIII. NỘI DUNG\n\nThực hiện bàn giao Sở Y tế quản lý tài sản."
    assert by_agency(assignments.extract(make_doc(text), PROVINCE)) == {("Sở Y tế", "responsible")}
    assert assignments.extract(make_doc(text.replace("bàn giao", "bàngiao")), PROVINCE) == []


@pytest.mark.parametrize("header", ["STT", "Stt", "TT", "Số TT", "SỐ TT"])
def test_stacked_table_under_any_numbering_header(make_doc, header):
    found = assignments.extract(make_doc(STACKED.replace("\nSTT\n", f"\n{header}\n", 1)), PROVINCE)
    assert any(a.method == "table" for a in found)


_TASK_TABLE = ("II. TỔ CHỨC THỰC HIỆN\nTT\tNội dung công việc\tCơ quan chủ trì\tThời gian hoàn thành\n"
               "1\tRà soát trạm y tế xã\tSở Y tế\tQuý II/2024\n2\tBố trí kinh phí\tSở Tài chính\tTháng 6/2024\n")


def test_rows_read_once_by_the_caller_give_the_same_assignments(make_doc):
    """extract_plan reads the task table rows once and hands them to assignments and deadlines."""
    doc = make_doc(_TASK_TABLE)
    rows = assignments.table_rows(doc)
    assert rows
    assert assignments.extract(doc, PlanContext(), rows) == assignments.extract(doc, PlanContext())


# ---- bodies named in parentheses after a kind of body --------------------------------------

_PAREN_BLOCK = "KẾ HOẠCH\nHạ tầng số\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Khoa học và Công nghệ\n\n- Theo dõi, đôn đốc.\n\n- {clause}\n"


@pytest.mark.parametrize("clause,partners", [
    ("Phối hợp chặt chẽ với các nhà mạng (Viettel Nghệ\nAn, VNPT Nghệ\nAn, MobiFone Nghệ An) để xây dựng lộ trình.",
     {"Viettel Nghệ An", "VNPT Nghệ An", "MobiFone Nghệ An"}),
    ("Phối hợp với các cơ quan liên quan (Sở Y tế, Sở Tài chính...) rà soát kinh phí.", {"Sở Y tế", "Sở Tài chính"}),
    ("Phối hợp với các cơ quan có liên quan (gồm: Sở Nội vụ, Sở Tư pháp) tổ chức sơ kết.", {"Sở Nội vụ", "Sở Tư pháp"}),
    ("Chủ trì, phối hợp với các doanh nghiệp viễn thông (Viettel, VNPT, MobiFone) triển khai trạm 5G.",
     {"Viettel", "VNPT", "MobiFone"}),
    ("Phối hợp với Sở Y tế trong việc rà soát kinh phí.", {"Sở Y tế"}),
])
def test_048_nghean_partners_listed_in_parentheses_cooperate(clause, partners):
    roles = _roles_of(_PAREN_BLOCK.format(clause=clause), PlanContext(province="Nghệ An"))
    assert {(p, "cooperate") for p in partners} <= roles


@pytest.mark.parametrize("clause", [
    "Phối hợp với các đơn vị (Sở Y tế là cơ quan thường trực) rà soát kinh phí.",  # an aside, not a list
    "Phối hợp với các đơn vị liên quan (nếu có) rà soát kinh phí.",
])
def test_parentheses_that_are_not_a_list_name_nobody(clause):
    roles = _roles_of(_PAREN_BLOCK.format(clause=clause), PlanContext(province="Nghệ An"))
    assert not any(role == "cooperate" and agency != "Sở Khoa học và Công nghệ" for agency, role in roles)


def test_paren_partner_spans_slice_back_to_their_names():
    text = _PAREN_BLOCK.format(clause="Phối hợp với các nhà mạng (Viettel Hà\nNội, VNPT Hà Nội) để triển khai.")
    doc = document_from_text(text)
    found = [a for a in assignments.extract(doc, PlanContext(province="Hà Nội")) if a.role == "cooperate"]
    assert [" ".join(doc.text[a.span.start:a.span.end].split()) for a in found] == ["Viettel Hà Nội", "VNPT Hà Nội"]


@pytest.mark.parametrize("heading", ["1.2. Sở Tài chính - Cơ quan thường trực Ban Chỉ đạo",
                                     "2. Sở Tài chính – cơ quan đầu mối",
                                     "2. Sở Tài chính - là đơn vị thường trực của Ban Chỉ đạo"])
def test_103_quangngai_heading_agency_with_focal_appositive(heading):
    text = ("KẾ HOẠCH\nKiểm kê tài sản\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Nhiệm vụ của thành viên\n\n"
            f"{heading}\n\n- Tham mưu triển khai thực hiện kế hoạch kiểm kê.\n")
    roles = _roles_of(text, PlanContext(province="Quảng Ngãi"))
    assert ("Sở Tài chính", "focal_point") in roles
    assert not any(agency.startswith("Ban Chỉ đạo") for agency, _ in roles)  # named inside the appositive


@pytest.mark.parametrize("title", ["Chánh Văn phòng", "Chánh\nVăn phòng", "Giám đốc Văn phòng"])
def test_108_hcm_decision_article_heads_of_bodies_are_responsible(title):
    """Điều 3 of a decision: 'Chánh Văn phòng UBND ..., Giám đốc Sở ..., Thủ trưởng ..., các tổ chức, hội,
    đoàn thể và cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này'."""
    text = ("QUYẾT ĐỊNH\nBan hành Kế hoạch\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n\n"
            f"Điều 3. {title} Ủy ban nhân dân Thành phố, Giám đốc Sở Nông nghiệp và Môi trường, Thủ trưởng các sở, "
            "ban, ngành Thành phố, Ủy ban nhân dân các phường, xã, đặc khu, các tổ chức, hội, đoàn thể và cá nhân "
            "có liên quan chịu trách nhiệm thi hành Quyết định này./.\n")
    roles = _roles_of(text, PlanContext(province="Hồ Chí Minh"))
    assert ("Sở Nông nghiệp và Môi trường", "responsible") in roles
    assert any(a.startswith("Văn phòng Ủy ban nhân dân") and r == "responsible" for a, r in roles)


def test_112_ministry_decision_article_names_its_departments():
    text = ("QUYẾT ĐỊNH\nBan hành Kế hoạch\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n\n"
            "Điều 3. Chánh Văn phòng Bộ, Vụ trưởng Vụ Kế hoạch, Tài chính và Thủ trưởng các cơ quan liên quan "
            "chịu trách nhiệm thi hành Quyết định này./.\n")
    roles = _roles_of(text, PlanContext(issuer_name="Bộ Văn hóa, Thể thao và Du lịch"))
    assert {("Văn phòng Bộ Văn hóa, Thể thao và Du lịch", "responsible"),
            ("Vụ Kế hoạch - Tài chính", "responsible")} <= roles


_HEADING_BLOCK = "KẾ HOẠCH\nChuyển đổi số\n\nIV. TỔ CHỨC THỰC HIỆN\n\n{heading}\n\n{tasks}\n"


@pytest.mark.parametrize("tasks", [
    # 043 (Cần Thơ): the opener lists its nouns with commas before the role
    "Căn cứ chức năng, nhiệm vụ, phối hợp với các cơ quan, đơn vị liên quan triển khai thực hiện Kế hoạch.",
    "Căn cứ chức năng, nhiệm vụ, quyền hạn được giao, phối hợp với các cơ quan liên quan thực hiện Kế hoạch.",
    # 110 (Đồng Tháp): most tasks support others, none named
    "- Phối hợp chia sẻ dữ liệu đất đai.\n\n- Phối hợp xây dựng bản đồ số.\n\n- Chuẩn hóa dữ liệu không gian.",
])
def test_043_110_heading_agency_that_mostly_supports_cooperates(tasks):
    roles = _roles_of(_HEADING_BLOCK.format(heading="2. Sở Tài chính", tasks=tasks), PlanContext(province="Cần Thơ"))
    assert roles == {("Sở Tài chính", "cooperate")}


@pytest.mark.parametrize("first", ["- Chủ động phối hợp triển khai các nền tảng số.",
                                   "- Phối hợp, hỗ trợ, tạo điều kiện để các doanh nghiệp triển khai trạm BTS.",
                                   "- Tích cực phối hợp với các cơ quan liên quan triển khai nền tảng số."])
def test_110_048_group_heading_opening_with_unnamed_support_also_cooperates(first):
    text = _HEADING_BLOCK.format(heading="7. Các doanh nghiệp viễn thông trên địa bàn tỉnh",
                                 tasks=f"{first}\n\n- Ứng dụng mô hình BIM, GIS.\n\n- Đầu tư hạ tầng số.")
    roles = {r for _, r in _roles_of(text, PlanContext(province="Đồng Tháp"))}
    assert roles == {"responsible", "cooperate"}


def test_104_daklak_support_of_a_named_body_keeps_the_heading_convention():
    """'- Phối hợp UBND các xã ... cập nhật thiệt hại' then own tasks: not read as unnamed support."""
    text = _HEADING_BLOCK.format(heading="2. Sở Nông nghiệp và Môi trường:",
                                 tasks="- Phối hợp UBND các xã, phường cập nhật thiệt hại.\n\n- Hướng dẫn dọn dẹp.\n\n"
                                       "- Hướng dẫn xử lý sơ bộ nguồn nước.")
    roles = _roles_of(text, PlanContext(province="Đắk Lắk"))
    assert ("Sở Nông nghiệp và Môi trường", "responsible") in roles
    assert ("Sở Nông nghiệp và Môi trường", "cooperate") not in roles


@pytest.mark.parametrize("line", [
    "6. Sở Tài chính phối hợp với các cơ quan, đơn vị liên quan tham mưu Ủy ban nhân dân Thành phố bố trí dự toán.",
    "6. Sở Tài chính chủ động phối hợp với các sở, ngành liên quan tham mưu bố trí dự toán.",
])
def test_108_hcm_subject_cooperating_with_unnamed_partners_is_also_responsible(line):
    text = f"KẾ HOẠCH\nThiên tai\n\nIV. TỔ CHỨC THỰC HIỆN\n\n{line}\n\n7. Sở Y tế chủ trì thực hiện.\n"
    roles = _roles_of(text, PlanContext(province="Hồ Chí Minh"))
    assert {("Sở Tài chính", "cooperate"), ("Sở Tài chính", "responsible")} <= roles


def test_named_partner_keeps_the_subject_cooperating_only():
    text = ("KẾ HOẠCH\nThiên tai\n\nIV. TỔ CHỨC THỰC HIỆN\n\n6. Sở Tài chính phối hợp với Sở Y tế tham mưu "
            "bố trí dự toán.\n\n7. Sở Nội vụ chủ trì thực hiện.\n")
    roles = _roles_of(text, PlanContext(province="Hồ Chí Minh"))
    assert ("Sở Tài chính", "cooperate") in roles and ("Sở Tài chính", "responsible") not in roles


@pytest.mark.parametrize("aside", ["theo chức năng, nhiệm vụ được giao", "căn cứ chức năng, nhiệm vụ, quyền hạn",
                                   "theo chức năng và nhiệm vụ của mình"])
def test_108_hcm_duty_aside_between_subject_list_and_verb(aside):
    text = ("KẾ HOẠCH\nThiên tai\n\nIV. TỔ CHỨC THỰC HIỆN\n\n8. Các sở, ban, ngành, đơn vị, tổ chức chính trị - xã hội, "
            f"hội, đoàn thể {aside} chủ động phối hợp với Sở Nông nghiệp và Môi trường trong việc tổ chức thực hiện "
            "Kế hoạch.\n\n9. Sở Y tế chủ trì thực hiện.\n")
    found = assignments.extract(document_from_text(text), PlanContext(province="Hồ Chí Minh"))
    groups = [(a.agency, a.role) for a in found if (a.agency_code or "").startswith("G-")]
    assert ("Các sở, ban, ngành", "cooperate") in groups
    assert ("Các tổ chức chính trị - xã hội", "cooperate") in groups
    assert all(role == "cooperate" for _, role in groups)
    assert len(groups) == 2  # "đoàn thể" is the same kind as "tổ chức chính trị - xã hội"


@pytest.mark.parametrize("heading, name", [
    ("2. Các Sở, ngành chủ trì, quản lý, tham gia thực hiện các dự án, tiểu dự án, nội dung thành phần thuộc Chương trình",
     "Các Sở, ngành chủ trì, quản lý, tham gia thực hiện các dự án, tiểu dự án, nội dung thành phần thuộc Chương trình"),
    ("2. Các sở, ngành thực hiện, quản lý các dự án thành phần có trách nhiệm:",
     "Các sở, ngành thực hiện, quản lý các dự án thành phần"),
])
def test_102_cantho_group_described_by_a_relative_clause_is_one_name(heading, name):
    text = (f"KẾ HOẠCH\nGiám sát\n\nVI. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nông nghiệp và Môi trường\n\n- Tổng hợp báo cáo.\n\n"
            f"{heading}\n\n- Phê duyệt kế hoạch giám sát, đánh giá.\n\n- Báo cáo kết quả thực hiện.\n\n"
            "3. Ủy ban nhân dân cấp xã\n\n- Phê duyệt kế hoạch.\n")
    roles = _roles_of(text, PlanContext(province="Cần Thơ"))
    assert (name, "responsible") in roles
    assert not any(agency == "Các Sở, ngành" or agency == "Các sở, ngành" for agency, _ in roles)


def test_group_heading_that_supports_others_stays_a_sentence():
    text = ("KẾ HOẠCH\nGiám sát\n\nVI. TỔ CHỨC THỰC HIỆN\n\n1. Các sở, ngành chủ trì, phối hợp với Sở Tài chính "
            "triển khai các dự án\n\n- Phê duyệt kế hoạch.\n")
    roles = _roles_of(text, PlanContext(province="Cần Thơ"))
    assert ("Sở Tài chính", "cooperate") in roles
    assert not any(agency.startswith("Các sở, ngành chủ trì") for agency, _ in roles)


def test_102_cantho_list_tail_after_va_is_no_subject():
    text = ("KẾ HOẠCH\nGiám sát\n\nIV. CÁC BƯỚC\n\n- Xây dựng báo cáo để báo cáo Ban Chỉ đạo thành phố, Sở Nông nghiệp "
            "và Môi trường và các Sở, ngành chủ trì, quản lý và thực hiện dự án thuộc Chương trình.\n")
    assert not any(agency.startswith("Các Sở, ngành") for agency, _ in _roles_of(text, PlanContext(province="Cần Thơ")))


HCM = PlanContext(province="Hồ Chí Minh", issuer_level="province")


@pytest.mark.parametrize("label, leads, responsible", [
    # 045 (TP. Hồ Chí Minh): the body named in the label "chủ trì" leads, it does not just carry out
    ("- Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành, đoàn thể Thành phố, "
     "Ủy ban nhân dân phường, xã, đặc khu và các đơn vị có liên quan.", {"Sở Nội vụ"}, set()),
    ("- Cơ quan thực hiện: Sở Giáo dục và Đào tạo và Sở Y tế chủ trì, phối hợp với các sở, ban, ngành "
     "tham mưu hoạt động liên quan.", {"Sở Giáo dục và Đào tạo", "Sở Y tế"}, set()),
    # 041 (TP. Hồ Chí Minh): the clause after the semicolon names the bodies that carry the task out
    ("- Cơ quan thực hiện: Sở Nội vụ chủ trì tham mưu Ủy ban nhân dân Thành phố ban hành Kế hoạch; Sở Tư pháp "
     "và các sở, ban, ngành Thành phố, Đài Phát thanh và Truyền hình Thành phố chủ động tổ chức triển khai.",
     {"Sở Nội vụ"}, {"Sở Tư pháp", "Các sở, ban, ngành thành phố Hồ Chí Minh", "Đài Phát thanh và Truyền hình thành phố Hồ Chí Minh"}),
    ("- Cơ quan thực hiện: Bộ Công an.", set(), {"Bộ Công an"}),
])
def test_045_041_hcm_label_clause_saying_chu_tri_gives_the_lead(label, leads, responsible):
    text = f"KẾ HOẠCH\nBình đẳng giới\n\nIII. NỘI DUNG HOẠT ĐỘNG\n\na) Hoạt động 1\n\n- Nội dung: Triển khai Tháng hành động.\n\n{label}\n"
    found = assignments.extract(document_from_text(text), HCM)
    got = _roles(found)
    assert {a for a, r in got if r == "lead"} == leads
    assert {a for a, r in got if r == "responsible"} == responsible
    assert all(text[a.span.start:a.span.end] == a.surface for a in found if a.surface)


def test_039_nghean_long_list_after_de_nghi_reads_past_va_cac():
    """'6. Đề nghị Văn phòng Tỉnh ủy và các Ban Xây dựng Đảng và Ủy ban Kiểm tra Tỉnh ủy, ... tăng cường ...'."""
    text = ("KẾ HOẠCH\nBảo vệ bí mật nhà nước\n\nIII. PHÂN CÔNG NHIỆM VỤ\n\n1. Công an tỉnh\n\n- Chủ trì tham mưu.\n\n"
            "6. Đề nghị Văn phòng Tỉnh ủy và các Ban Xây dựng Đảng và Ủy ban Kiểm tra Tỉnh ủy, Ủy ban Mặt trận "
            "Tổ quốc Việt Nam tỉnh, Viện kiểm sát nhân dân tỉnh, Tòa án nhân dân tỉnh tăng cường công tác bảo vệ "
            "bí mật nhà nước theo quy định của pháp luật hiện hành.\n")
    got = {a for a, r in _roles(assignments.extract(document_from_text(text), PlanContext(province="Nghệ An",
                                                                                             issuer_level="province")))
           if r == "responsible"}
    assert {"Văn phòng Tỉnh ủy", "Ban Xây dựng Đảng", "Ủy ban Kiểm tra Tỉnh ủy",
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Nghệ An", "Viện kiểm sát nhân dân tỉnh Nghệ An",
            "Tòa án nhân dân tỉnh Nghệ An"} <= got


DONG_NAI = PlanContext(province="Đồng Nai", issuer_level="province")
NGHE_AN_PROVINCE = PlanContext(province="Nghệ An", issuer_level="province")


@pytest.mark.parametrize("opener", ["b) Chủ trì, phối hợp", "b) Chủ trì, phối hợp với:", "- Chủ trì, phối hợp:"])
def test_035_dongnai_partners_opening_bullets_under_chu_tri_phoi_hop_cooperate(opener):
    """'b) Chủ trì, phối hợp' / '- Sở Tài chính và các đơn vị có liên quan tham mưu ...': partners, not subjects."""
    text = ("KẾ HOẠCH\nPhòng, chống ma túy\n\nIV. TỔ CHỨC THỰC HIỆN\n\n2.3. Công an tỉnh\n\n"
            "a) Tham mưu Ủy ban nhân dân tỉnh thực hiện chức năng chủ quản Chương trình.\n\n"
            f"{opener}\n\n- Sở Tài chính và các đơn vị có liên quan tham mưu Ủy ban nhân dân tỉnh cân đối,\n"
            "bố trí ngân sách nhà nước.\n\n- Sở Xây dựng, Sở Nội vụ tổ chức rà soát cơ sở vật chất.\n\n"
            "c) Hướng dẫn, theo dõi, đôn đốc các địa phương.\n\n2.4. Sở Y tế\n\n- Sở Y tế tổ chức khám sàng lọc.\n")
    doc = document_from_text(text)
    found = assignments.extract(doc, DONG_NAI)
    roles = _roles_of(text, DONG_NAI)
    assert {("Sở Tài chính", "cooperate"), ("Sở Xây dựng", "cooperate"), ("Sở Nội vụ", "cooperate"),
            ("Công an tỉnh Đồng Nai", "lead")} <= roles
    assert not {("Sở Tài chính", "responsible"), ("Sở Xây dựng", "responsible")} & roles
    finance = next(a for a in found if a.agency == "Sở Tài chính")
    assert finance.tasks[0].startswith("Sở Tài chính và các đơn vị") and finance.tasks[0].endswith("nhà nước.")
    assert doc.text[finance.task_spans[0].start:finance.task_spans[0].end] == finance.tasks[0]


def test_chu_tri_phoi_hop_with_partners_on_its_line_keeps_bullets_as_subjects():
    """'a) Chủ trì, phối hợp với Sở Y tế:' names its partner; a bullet body below it is no partner."""
    text = ("KẾ HOẠCH\nPhòng, chống ma túy\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Công an tỉnh\n\n"
            "a) Chủ trì, phối hợp với Sở Y tế tổ chức xét nghiệm.\n\n2. Sở Nội vụ\n\n- Sở Nội vụ tham mưu khen thưởng.\n")
    roles = _roles_of(text, DONG_NAI)
    assert ("Sở Y tế", "cooperate") in roles and ("Sở Nội vụ", "cooperate") not in roles


@pytest.mark.parametrize("clause, partners", [
    # 035 (Đồng Nai): the province joins a ministry on the task the heading agency prepares
    ("Chủ trì, phối hợp với các đơn vị liên quan tham mưu Ủy ban nhân dân tỉnh phối hợp Bộ Y tế tổ chức triển khai "
     "Dự án 6.", {"Bộ Y tế"}),
    # 042 (Hà Nội): a task line with the partners and a purpose after them
    ("a) Nhiệm vụ: Lựa chọn kiến trúc sư trưởng, đồng thời phối hợp Bộ Công an, Bộ Khoa học và Công nghệ để xây "
     "dựng Khung Kiến trúc số.", {"Bộ Công an", "Bộ Khoa học và Công nghệ"}),
    ("- Tham mưu UBND tỉnh phối hợp với Bộ Tư pháp, Bộ Nội vụ tổ chức hội nghị sơ kết.", {"Bộ Tư pháp", "Bộ Nội vụ"}),
])
def test_035_042_partners_after_phoi_hop_inside_a_clause_cooperate(clause, partners):
    text = f"KẾ HOẠCH\nPhòng, chống ma túy\n\nIV. TỔ CHỨC THỰC HIỆN\n\n2.5. Sở Y tế\n\n{clause}\n"
    roles = _roles_of(text, DONG_NAI)
    assert {(p, "cooperate") for p in partners} <= roles


@pytest.mark.parametrize("clause", [
    "- Ký kết Quy chế phối hợp với Bộ Công an về trao đổi thông tin.",  # a noun, no shared task verb
    "- Tổng hợp kết quả phối hợp với Bộ Y tế.",
])
def test_phoi_hop_as_a_noun_names_no_partner(clause):
    text = f"KẾ HOẠCH\nPhòng, chống ma túy\n\nIV. TỔ CHỨC THỰC HIỆN\n\n2.5. Sở Y tế\n\n{clause}\n"
    roles = _roles_of(text, DONG_NAI)
    assert not any(agency.startswith("Bộ") for agency, _ in roles)


@pytest.mark.parametrize("clause", [
    "- Chủ trì, phối hợp với các cơ quan liên quan tham mưu kiện toàn Ban Chỉ đạo, thực hiện tốt vai trò là Cơ quan "
    "Thường trực Ban Chỉ đạo bảo vệ bí mật nhà nước tỉnh.",
    "- Tham mưu sơ kết; phát huy vai trò cơ quan đầu mối trong theo dõi, đôn đốc.",
])
def test_039_nghean_heading_agency_in_its_role_as_standing_body_is_focal_point(clause):
    text = (f"KẾ HOẠCH\nBảo vệ bí mật nhà nước\n\nIII. PHÂN CÔNG NHIỆM VỤ\n\n1. Công an tỉnh\n\n{clause}\n\n"
            "- Tăng cường tập huấn.\n\n2. Sở Nội vụ\n\n- Phát huy vai trò của các cơ quan báo chí.\n")
    roles = _roles_of(text, PlanContext(province="Nghệ An", issuer_level="province"))
    assert ("Công an tỉnh Nghệ An", "focal_point") in roles
    assert ("Sở Nội vụ", "focal_point") not in roles


def test_041_hcm_body_owning_a_centre_in_parentheses_is_no_partner():
    """'Trung tâm Dịch vụ việc làm Thành phố (Sở Nội vụ), Ủy ban nhân dân xã ...': the parentheses name the owner."""
    text = ("KẾ HOẠCH\nLuật Việc làm\n\nII. NHIỆM VỤ\n\n1. Tập huấn\n\n- Cơ quan chủ trì: Sở Giáo dục và Đào tạo.\n\n"
            "- Cơ quan phối hợp: Trung tâm Dịch vụ việc làm Thành phố (Sở Nội vụ), Ủy ban nhân dân xã, phường, đặc khu "
            "và các cơ quan, đơn vị có liên quan.\n")
    roles = _roles_of(text, HCM)
    assert ("Sở Nội vụ", "cooperate") not in roles
    assert {a for a, r in roles if r == "cooperate"} >= {"Trung tâm Dịch vụ việc làm thành phố Hồ Chí Minh"}


@pytest.mark.parametrize("closing", [
    # 044 (Thủ tướng): the closing request to report problems is no task of the bodies it names
    "3. Trong quá trình thực hiện Kế hoạch này, nếu có khó khăn, vướng mắc, đề nghị các bộ, ngành và địa phương kịp "
    "thời phản ánh về Bộ Công an để tổng hợp, hướng dẫn.",
    # 109 (Nghệ An)
    "5. Trong quá trình triển khai thực hiện Kế hoạch, nếu có khó khăn, vướng mắc, các sở, ban, ngành, Ủy ban nhân "
    "dân các xã, phường kịp thời phản ánh về Sở Nội vụ để tổng hợp, báo cáo theo quy định.",
    "Trường hợp có phát sinh khó khăn, yêu cầu các sở, ban, ngành báo cáo về Sở Y tế để tổng hợp.",
])
def test_044_109_request_to_report_difficulties_assigns_nothing(closing):
    text = f"KẾ HOẠCH\nDữ liệu cá nhân\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Y tế chủ trì thực hiện Kế hoạch.\n\n{closing}\n"
    roles = _roles_of(text, NGHE_AN_PROVINCE)
    assert roles == {("Sở Y tế", "lead")}


def test_task_after_difficulties_clause_still_assigns():
    """'nếu có khó khăn ... Sở Tài chính chủ trì tham mưu bố trí kinh phí': a task, not a report."""
    text = ("KẾ HOẠCH\nDữ liệu cá nhân\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Trong trường hợp có khó khăn về kinh phí, Sở Tài chính "
            "chủ trì tham mưu bố trí kinh phí.\n")
    assert ("Sở Tài chính", "lead") in _roles_of(text, NGHE_AN_PROVINCE)


_DIRECTED_PLAN = "KẾ HOẠCH\nChăm sóc sức khỏe Nhân dân\n\nIII. TỔ CHỨC THỰC HIỆN\n\n{line}\n\n9. Sở Nội vụ chủ trì thực hiện.\n"
_ISSUER_NGHE_AN = PlanContext(province="Nghệ An", issuer_level="province", issuer_name="Ủy ban nhân dân tỉnh Nghệ An")


@pytest.mark.parametrize("line, expected", [
    ("1. UBND tỉnh chỉ đạo Sở Y tế chủ trì, phối hợp với Sở Tài chính xây dựng danh mục dịch vụ.",
     {("Sở Y tế", "lead"), ("Sở Tài chính", "cooperate")}),
    ("- Chủ tịch UBND tỉnh chỉ đạo Công an tỉnh tăng cường kiểm tra.", {("Công an tỉnh Nghệ An", "responsible")}),
    ("1. Ủy ban nhân dân tỉnh chỉ đạo Sở Y tế hướng dẫn chuyên môn; chỉ đạo UBND các huyện, thị xã, thành phố bố trí "
     "nhân lực cho trạm y tế.",
     {("Sở Y tế", "responsible"), ("Ủy ban nhân dân các huyện, thị xã, thành phố", "responsible")}),
])
def test_bodies_directed_by_the_issuer_of_a_state_plan_carry_the_task(line, expected):
    roles = _roles_of(_DIRECTED_PLAN.format(line=line), _ISSUER_NGHE_AN)
    assert expected <= roles
    assert not any(agency.startswith("Ủy ban nhân dân tỉnh") for agency, _ in roles)  # the issuer takes no task


@pytest.mark.parametrize("line", [
    "3. Đề nghị Sở Y tế chỉ đạo các bệnh viện tuyến tỉnh hỗ trợ tuyến xã.",
    "3. Sở Y tế chỉ đạo Trung tâm Kiểm soát bệnh tật tỉnh hỗ trợ tuyến xã.",
    "3. Sở Y tế tham mưu UBND tỉnh chỉ đạo Trung tâm Kiểm soát bệnh tật tỉnh hỗ trợ tuyến xã.",
])
def test_bodies_directed_by_an_addressee_are_its_business(line):
    roles = _roles_of(_DIRECTED_PLAN.format(line=line), _ISSUER_NGHE_AN)
    assert not any(agency.startswith(("Trung tâm Kiểm soát", "Các bệnh viện")) for agency, _ in roles)



# Assignment sections written in the shapes plans of other provinces use (not from the corpus)
_PLAN_QUANG_TRI = """ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ
Số: 45/KH-UBND
KẾ HOẠCH
Triển khai Chỉ thị số 25-CT/TW về y tế cơ sở

IV. TỔ CHỨC THỰC HIỆN

1. Sở Y tế

- Chủ trì, phối hợp với Sở Tài chính, Sở Nội vụ tham mưu UBND tỉnh kiện toàn mạng lưới trạm y tế xã.

- Là cơ quan thường trực, tổng hợp kết quả thực hiện, báo cáo UBND tỉnh trước ngày 15/12 hằng năm.

2. Sở Tài chính

Tham mưu bố trí kinh phí thực hiện Kế hoạch; phối hợp với Sở Y tế hướng dẫn sử dụng kinh phí.

3. Sở Nội vụ: Phối hợp với Sở Y tế thẩm định đề án vị trí việc làm của trạm y tế.

4. Bảo hiểm xã hội tỉnh

Phối hợp với Sở Y tế triển khai khám, chữa bệnh bảo hiểm y tế tại trạm y tế xã.

5. UBND các huyện, thị xã, thành phố

- Xây dựng kế hoạch triển khai tại địa phương.

- Chỉ đạo UBND các xã, phường, thị trấn bố trí nhân lực cho trạm y tế.

6. Đề nghị Ủy ban MTTQ Việt Nam tỉnh và các tổ chức chính trị - xã hội tỉnh phối hợp tuyên truyền, vận động Nhân dân tham gia bảo hiểm y tế.
"""
_PLAN_DUC_THO = """ỦY BAN NHÂN DÂN HUYỆN ĐỨC THỌ
Số: 12/KH-UBND
KẾ HOẠCH
Phòng, chống sốt xuất huyết năm 2025

III. TỔ CHỨC THỰC HIỆN

1. Giao Trung tâm Y tế huyện chủ trì, phối hợp với Phòng Văn hóa - Thông tin và UBND các xã, thị trấn tổ chức giám sát, xử lý ổ dịch.

2. Phòng Tài chính - Kế hoạch: Chủ trì thẩm định, tham mưu UBND huyện bố trí kinh phí.

3. Phòng Giáo dục và Đào tạo: phối hợp với Trung tâm Y tế huyện tuyên truyền trong trường học.

4. UBND các xã, thị trấn

- Chủ động tổ chức chiến dịch diệt lăng quăng, bọ gậy.

- Báo cáo kết quả về UBND huyện (qua Trung tâm Y tế huyện) trước ngày 25 hằng tháng.
"""
_PLAN_LONG_AN = """ỦY BAN NHÂN DÂN TỈNH LONG AN
Số: 301/KH-UBND
KẾ HOẠCH
Thực hiện Đề án phát triển y tế cơ sở

II. NHIỆM VỤ

1. Nâng cao năng lực trạm y tế

- Sở Y tế: chủ trì xây dựng kế hoạch đào tạo nhân lực; Sở Nội vụ, Sở Tài chính: phối hợp thực hiện.

- Cơ quan chủ trì: Sở Y tế.

- Cơ quan phối hợp: Sở Xây dựng; UBND các huyện, thị xã, thành phố.

2. Truyền thông

Giao Sở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với Báo Long An, Đài Phát thanh và Truyền hình Long An tuyên truyền về y tế cơ sở.
"""


@pytest.mark.parametrize("text, ctx, expected", [
    (_PLAN_QUANG_TRI, PlanContext(province="Quảng Trị", issuer_level="province", issuer_name="Ủy ban nhân dân tỉnh Quảng Trị"),
     {("Sở Y tế", "lead"), ("Sở Y tế", "focal_point"), ("Sở Tài chính", "cooperate"), ("Sở Nội vụ", "cooperate"),
      ("Sở Tài chính", "responsible"), ("Bảo hiểm xã hội tỉnh Quảng Trị", "cooperate"),
      ("Ủy ban nhân dân các huyện, thị xã, thành phố", "responsible"),
      ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Trị", "cooperate"),
      ("Các tổ chức chính trị - xã hội tỉnh Quảng Trị", "cooperate")}),
    (_PLAN_DUC_THO, PlanContext(province="Hà Tĩnh", district="Đức Thọ", issuer_level="district",
                                issuer_name="Ủy ban nhân dân huyện Đức Thọ"),
     {("Trung tâm Y tế huyện Đức Thọ", "lead"), ("Phòng Văn hóa - Thông tin", "cooperate"),
      ("Ủy ban nhân dân các xã, thị trấn", "cooperate"), ("Phòng Tài chính - Kế hoạch", "lead"),
      ("Phòng Giáo dục và Đào tạo", "cooperate"), ("Ủy ban nhân dân các xã, thị trấn", "responsible")}),
    (_PLAN_LONG_AN, PlanContext(province="Long An", issuer_level="province", issuer_name="Ủy ban nhân dân tỉnh Long An"),
     {("Sở Y tế", "lead"), ("Sở Nội vụ", "cooperate"), ("Sở Tài chính", "cooperate"), ("Sở Xây dựng", "cooperate"),
      ("Ủy ban nhân dân các huyện, thị xã, thành phố", "cooperate"), ("Sở Văn hóa, Thể thao và Du lịch", "lead"),
      ("Báo Long An", "cooperate"), ("Đài Phát thanh và Truyền hình Long An", "cooperate")}),
])
def test_assignment_sections_of_unseen_provinces(text, ctx, expected):
    doc = document_from_text(text)
    found = assignments.extract(doc, ctx)
    roles = _roles(found)
    assert expected <= roles
    assert not {r for r in roles if r[1] == "responsible"} - expected  # nobody named carries out a task on a partner's line
    assert not any(agency.startswith("Ủy ban nhân dân tỉnh") or agency.startswith("Ủy ban nhân dân huyện")
                   for agency, _ in roles)
    for a in found:
        for task, span in zip(a.tasks, a.task_spans):
            assert doc.text[span.start:span.end] == task


def test_named_clauses_of_one_bullet_each_take_their_role():
    """'- Sở Y tế: chủ trì xây dựng ...; Sở Nội vụ, Sở Tài chính: phối hợp thực hiện.'"""
    found = assignments.extract(document_from_text(_PLAN_LONG_AN), PlanContext(province="Long An"))
    tasks = {(a.agency, a.role, a.tasks[0]) for a in found if a.tasks}
    assert ("Sở Y tế", "lead", "chủ trì xây dựng kế hoạch đào tạo nhân lực;") in tasks
    assert ("Sở Nội vụ", "cooperate", "phối hợp thực hiện.") in tasks
    assert ("Sở Tài chính", "cooperate", "phối hợp thực hiện.") in tasks


@pytest.mark.parametrize("task", [
    "Trong phạm vi chức năng, nhiệm vụ của mình, tham gia phối hợp triển khai thực hiện Kế hoạch này.",
    "Căn cứ chức năng, nhiệm vụ được giao, tham gia phối hợp tổ chức các hoạt động truyền thông.",
    "Tham gia phối hợp triển khai thực hiện Kế hoạch này.",
])
def test_045_hcm_tham_gia_phoi_hop_makes_the_heading_bodies_cooperate_too(task):
    """'3. Đề nghị ... Hội Liên hiệp Phụ nữ Thành phố' / '- Trong phạm vi ..., tham gia phối hợp triển khai ...'."""
    text = ("KẾ HOẠCH\nBình đẳng giới\n\nIV. TỔ CHỨC THỰC HIỆN\n\n1. Sở Nội vụ\n\n- Chủ trì theo dõi, tổng hợp.\n\n"
            "2. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố, Hội Liên hiệp Phụ nữ Thành phố\n\n"
            f"- {task}\n\n- Duy trì chuỗi hoạt động “Tháng cùng phụ nữ hành động”.\n")
    roles = _roles_of(text, PlanContext(province="Hồ Chí Minh", issuer_level="province"))
    assert {("Hội Liên hiệp Phụ nữ thành phố Hồ Chí Minh", "responsible"),
            ("Hội Liên hiệp Phụ nữ thành phố Hồ Chí Minh", "cooperate")} <= roles


# ---- blind round 3: decision articles from other provinces ------------------------------------

_DECISION_HEAD = ("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN\nSố: 12/QĐ-UBND\nLạng Sơn, ngày 05 tháng 3 năm 2024\nQUYẾT ĐỊNH\n"
                  "Về việc ban hành Kế hoạch phòng chống dịch bệnh năm 2024\nQUYẾT ĐỊNH:\n"
                  "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch phòng chống dịch bệnh năm 2024.\n")
LANG_SON = PlanContext(province="Lạng Sơn", issuer_level="province")


def test_execution_article_names_each_department_after_a_shared_kind(make_doc):
    """``Giám đốc các sở: Y tế, Tài chính, ...``: the kind is written once, each name is a body."""
    doc = make_doc(_DECISION_HEAD + "Điều 3. Chánh Văn phòng UBND tỉnh; Giám đốc các sở: Giáo dục và Đào tạo, "
                   "Văn hóa, Thể thao và Du lịch, Công Thương; Đài Phát thanh - Truyền hình tỉnh; Tổng biên tập "
                   "Báo Lạng Sơn; Chủ tịch UBND các huyện, thành phố; thủ trưởng các cơ quan, đơn vị có liên quan "
                   "chịu trách nhiệm thi hành Quyết định này./.")
    names = {a.agency for a in assignments.extract(doc, LANG_SON) if a.role == "responsible"}
    assert {"Sở Giáo dục và Đào tạo", "Sở Văn hóa, Thể thao và Du lịch", "Sở Công Thương",
            "Báo Lạng Sơn"} <= names
    assert any(n.startswith("Văn phòng Ủy ban nhân dân tỉnh") for n in names)
    assert any(n.startswith("Đài Phát thanh") for n in names)
    assert any(n.startswith("Ủy ban nhân dân các huyện") for n in names)


def test_assigned_departments_listed_after_giao_cac_so(make_doc):
    """``Giao các Sở: Tư pháp, Nội vụ hướng dẫn ...``: each listed department is given the task."""
    doc = make_doc(_DECISION_HEAD + "Điều 2. Giao các Sở: Tư pháp, Nội vụ, Tài nguyên và\nMôi trường hướng dẫn "
                   "các đơn vị thực hiện.\nĐiều 3. Quyết định này có hiệu lực kể từ ngày ký.")
    found = assignments.extract(doc, LANG_SON)
    assert {(a.agency, a.role) for a in found} >= {("Sở Tư pháp", "responsible"), ("Sở Nội vụ", "responsible"),
                                                   ("Sở Tài nguyên và Môi trường", "responsible")}
    for a in found:  # each span is the name as written after the shared kind
        assert doc.text[a.span.start:a.span.end].split()[0] in {"Tư", "Nội", "Tài"}


@pytest.mark.parametrize("partners", [
    "các sở, ban, ngành liên quan, UBND các huyện, thành phố",
    "các Sở, ngành, đơn vị liên quan, Ủy ban nhân dân các huyện, thành phố",
])
def test_partner_list_goes_on_after_a_related_group(make_doc, partners):
    """``phối hợp với các sở, ban, ngành liên quan, UBND các huyện``: "liên quan" does not end the partners."""
    doc = make_doc(_DECISION_HEAD + f"Điều 2. Giao Sở Y tế chủ trì, phối hợp với {partners} tổ chức triển khai "
                   "thực hiện Kế hoạch.")
    pairs = {(a.agency, a.role) for a in assignments.extract(doc, LANG_SON)}
    assert ("Sở Y tế", "lead") in pairs
    assert ("Ủy ban nhân dân các huyện, thành phố", "cooperate") in pairs


def test_older_closing_formula_can_cu_quyet_dinh_thi_hanh(make_doc):
    """``... Chủ tịch UBND các huyện/thành phố căn cứ Quyết định thi hành``: the same duty as ``chịu trách nhiệm``."""
    doc = make_doc(_DECISION_HEAD + "Điều 2. Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc các Sở, Ban, ngành có "
                   "liên quan; Chủ tịch Ủy ban nhân dân các huyện/thành phố căn cứ Quyết định thi hành.")
    names = {a.agency for a in assignments.extract(doc, LANG_SON) if a.role == "responsible"}
    assert any(n.startswith("Văn phòng Ủy ban nhân dân tỉnh") for n in names)
    assert any(n.startswith("Ủy ban nhân dân các huyện") for n in names)


CLOSING_OLD_FORMULA = """QUYẾT ĐỊNH

Điều 1. Phê duyệt Chương trình phòng chống sốt rét giai đoạn 2006 - 2010.

Điều 2. Quyết định có hiệu lực kể từ ngày ký.

Các ông (bà): Chánh văn phòng HĐND và UBND tỉnh, Giám đốc Sở Y tế, Thủ trưởng các sở, ban ngành tỉnh, Chủ tịch UBND các huyện, thị xã căn cứ quyết định thi hành.
"""


def test_closing_article_with_lower_case_office_after_chanh(make_doc):
    pairs = {(a.agency, a.role) for a in assignments.extract(make_doc(CLOSING_OLD_FORMULA), PROVINCE)}
    assert ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân tỉnh Bắc Giang", "responsible") in pairs
    assert ("Sở Y tế", "responsible") in pairs


CLOSING_STEERING_MEMBERS = """QUYẾT ĐỊNH

Điều 1. Ban hành kèm theo Quyết định này Quy chế hoạt động của Ban Chỉ đạo.

Điều 2. Chánh Văn phòng Ủy ban nhân dân tỉnh; Chủ tịch Ủy ban nhân dân các huyện/thành phố; Các thành viên Ban Chỉ đạo công tác Gia đình - Trẻ em tỉnh Bắc Giang và các
đơn vị, tổ chức, cá nhân có liên quan căn cứ Quyết định thi hành.
"""


def test_closing_article_steering_committee_members_with_lower_case_topic(make_doc):
    names = [a.agency for a in assignments.extract(make_doc(CLOSING_STEERING_MEMBERS), PROVINCE)]
    assert any(n.startswith("Các thành viên Ban Chỉ đạo công tác Gia đình - Trẻ em tỉnh") for n in names)
    assert "Ủy ban nhân dân các huyện/thành phố" in names or any("các huyện" in n for n in names)


PARTY_GIAO_NHIEM_VU = """KẾ HOẠCH
Tuyên truyền kỷ niệm ngày thành lập Đảng

Ban Thường vụ Huyện ủy giao nhiệm vụ cho Ban tuyên giáo Huyện ủy hướng dẫn nội dung tuyên truyền; Ủy ban kiểm tra Huyện ủy theo dõi, giám sát việc thực hiện.
"""


def test_party_giao_nhiem_vu_cho_and_lower_case_organs(make_doc):
    ctx = PlanContext(province="Bắc Giang", district="Tân Yên", issuer_level="district")
    names = {a.agency for a in assignments.extract(make_doc(PARTY_GIAO_NHIEM_VU), ctx)}
    assert any(n.startswith("Ban tuyên giáo Huyện ủy") for n in names)
    assert any(n.startswith("Ủy ban kiểm tra Huyện ủy") for n in names)
    assert "Huyện ủy" not in names
