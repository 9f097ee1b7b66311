"""Party documents (Hướng dẫn 36-HD/VPTW layout) and the other issuers of plans implementing 25-CT/TW.

``TỈNH ỦY GIA LAI`` / ``*`` / ``Số 197-KH/TU`` opposite ``ĐẢNG CỘNG SẢN VIỆT NAM`` / place
and date; ``T/M BAN THƯỜNG VỤ`` / ``K/T BÍ THƯ`` closings; bodies such as ``Đảng đoàn Hội
đồng nhân dân huyện`` or ``Ban cán sự đảng Ủy ban nhân dân tỉnh``. Each test quotes the
text it reads.
"""

from __future__ import annotations

import pytest

from extractors import metadata
from extractors.agencies import find
from extractors.context import PlanContext
from pipeline.build import document_from_text
from pipeline.extract import extract_plan

BODY = "\n\nKẾ HOẠCH\nthực hiện Chỉ thị số 25-CT/TW của Ban Bí thư\n-----\n\nI. MỤC ĐÍCH, YÊU CẦU\n1. Quán triệt Chỉ thị.\n"


def _meta(text: str):
    return metadata.extract(document_from_text(text))


@pytest.mark.parametrize("header, name, level, province, district", [
    # a Huyện ủy under its provincial party organisation, laid out line by line
    ("ĐẢNG BỘ TỈNH GIA LAI\nHUYỆN ỦY CHƯ PRÔNG\n*\nSố 198-KH/HU\nĐẢNG CỘNG SẢN VIỆT NAM\nChư Prông, ngày 05 tháng 01 năm 2024",
     "Huyện ủy Chư Prông", "party", "Gia Lai", "Chư Prông"),
    # a header read from a table: the party's name is the second cell of the issuer's row
    ("TỈNH ỦY GIA LAI\tĐẢNG CỘNG SẢN VIỆT NAM\n*\t\nSố 197-KH/TU\tGia Lai, ngày 12 tháng 12 năm 2023",
     "Tỉnh ủy Gia Lai", "party", "Gia Lai", None),
    # a commune's party committee after the 2025 reform: the province line above gives the area
    ("ĐẢNG BỘ TỈNH GIA LAI\nĐẢNG ỦY XÃ IA TÔR\n*\nSố 15-KH/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\nIa Tôr, ngày 20 tháng 8 năm 2025",
     "Đảng ủy xã Ia Tôr", "party", "Gia Lai", None),
    # before the reform: the district's party organisation above the commune's committee
    ("ĐẢNG BỘ HUYỆN CHƯ PRÔNG\nĐẢNG ỦY XÃ IA TÔR\n*\nSố 09-KH/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\nIa Tôr, ngày 20 tháng 3 năm 2024",
     "Đảng ủy xã Ia Tôr", "party", "Gia Lai", "Chư Prông"),
    # a board of the provincial committee is named with that committee
    ("TỈNH ỦY ĐẮK LẮK\nBAN TUYÊN GIÁO\n*\nSố 45-KH/BTGTU\nĐẢNG CỘNG SẢN VIỆT NAM\nĐắk Lắk, ngày 08 tháng 3 năm 2024",
     "Ban Tuyên giáo Tỉnh ủy Đắk Lắk", "party", "Đắk Lắk", None),
    ("HUYỆN ỦY CHƯ PRÔNG\nỦY BAN KIỂM TRA\n*\nSố 12-KH/UBKTHU\nĐẢNG CỘNG SẢN VIỆT NAM\nChư Prông, ngày 08 tháng 3 năm 2024",
     "Ủy ban Kiểm tra Huyện ủy Chư Prông", "party", "Gia Lai", "Chư Prông"),
    # a health centre's header read from a table, motto in the second cell
    (("SỞ Y TẾ TỈNH KIÊN GIANG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTRUNG TÂM Y TẾ HUYỆN KIÊN HẢI\tĐộc lập - Tự do - Hạnh phúc\n"
      "Số: 194/KH-TTYT\tKiên Hải, ngày 15 tháng 3 năm 2024"),
     "Trung tâm Y tế huyện Kiên Hải", "district", "Kiên Giang", "Kiên Hải"),
    # a commune's people's committee after the reform: the unit word is on the second row
    (("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ IA TÔR\tĐộc lập - Tự do - Hạnh phúc\n"
      "Số: 85/KH-UBND\tIa Tôr, ngày 25 tháng 8 năm 2025"),
     "Ủy ban nhân dân xã Ia Tôr", "commune", None, None),
])
def test_party_and_grassroots_headers_give_the_issuer(header, name, level, province, district):
    issuer = _meta(header + BODY).issuer
    assert (issuer.name, issuer.level, issuer.province, issuer.district) == (name, level, province, district)


def test_party_number_without_colon_and_date_in_the_next_cell():
    meta = _meta("TỈNH ỦY GIA LAI\tĐẢNG CỘNG SẢN VIỆT NAM\n*\t\nSố 197-KH/TU\tGia Lai, ngày 12 tháng 12 năm 2023" + BODY)
    assert (meta.number, meta.issued_date, meta.place) == ("197-KH/TU", "2023-12-12", "Gia Lai")
    doc = document_from_text("TỈNH ỦY GIA LAI\tĐẢNG CỘNG SẢN VIỆT NAM\n*\t\nSố 197-KH/TU\tGia Lai, ngày 12 tháng 12 năm 2023" + BODY)
    assert doc.quote(meta.date_span) == "ngày 12 tháng 12 năm 2023"


def test_title_citation_below_the_number_is_no_issuer_ttyt_table_header():
    # the header row holds the motto in its first cell; "... của Ban Bí thư" in the title names the cited directive
    text = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\tTRUNG TÂM Y TẾ\nSố: 194/KH-TTYT\nKiên Hải, ngày 15 tháng 3 năm 2024\n\n"
            "KẾ HOẠCH\nThực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư\n\nI. MỤC ĐÍCH\n1. Nội dung.\n")
    issuer = _meta(text).issuer
    assert issuer is None or issuer.name != "Ban Bí thư"


@pytest.mark.parametrize("closing, authority, position, name", [
    ("T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC\n\nRah Lan Chung", "TM.", "PHÓ BÍ THƯ THƯỜNG TRỰC", "Rah Lan Chung"),
    ("T/M BAN THƯỜNG VỤ\nK/T BÍ THƯ\nPHÓ BÍ THƯ\n\nNguyễn Thị Lan", "KT.", "PHÓ BÍ THƯ", "Nguyễn Thị Lan"),
    ("T/M ĐẢNG ỦY\nBÍ THƯ\n\nNguyễn Văn An", "TM.", "BÍ THƯ", "Nguyễn Văn An"),
    ("K/T TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\n\nLê Thị Hoa", "KT.", "PHÓ TRƯỞNG BAN", "Lê Thị Hoa"),
    ("T/L BAN THƯỜNG VỤ\nCHÁNH VĂN PHÒNG\n\nTrần Minh Đức", "TL.", "CHÁNH VĂN PHÒNG", "Trần Minh Đức"),
    ("TL. GIÁM ĐỐC\nTRƯỞNG PHÒNG NGHIỆP VỤ Y\n\nPhạm Văn Tú", "TL.", "TRƯỞNG PHÒNG NGHIỆP VỤ Y", "Phạm Văn Tú"),
])
def test_party_and_department_signature_variants(closing, authority, position, name):
    text = ("HUYỆN ỦY CHƯ PRÔNG\n*\nSố 198-KH/HU\nĐẢNG CỘNG SẢN VIỆT NAM\nChư Prông, ngày 05 tháng 01 năm 2024" + BODY
            + "\nNơi nhận:\n- Ban Thường vụ Tỉnh ủy (b/c),\n- Lưu Văn phòng Huyện ủy.\n\n" + closing + "\n")
    signer = _meta(text).signer
    assert (signer.authority, signer.position, signer.name) == (authority, position, name)


# ---- party bodies as agencies -----------------------------------------------------------------

CHU_PRONG = PlanContext(province="Gia Lai", district="Chư Prông")


@pytest.mark.parametrize("text, name, code, level", [
    ("Đảng đoàn Hội đồng nhân dân huyện lãnh đạo", "Đảng đoàn Hội đồng nhân dân huyện Chư Prông",
     "DD-HDND-HUYEN@chu-prong", "district"),
    ("Ban cán sự đảng Ủy ban nhân dân huyện chỉ đạo", "Ban cán sự đảng Ủy ban nhân dân huyện Chư Prông",
     "BCSD-UBND-HUYEN@chu-prong", "district"),
    ("Ban cán sự đảng UBND tỉnh lãnh đạo", "Ban cán sự đảng Ủy ban nhân dân tỉnh Gia Lai", "BCSD-UBND-TINH@gia-lai", "province"),
    ("Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh chỉ đạo",
     "Đảng đoàn Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Gia Lai", "DD-UBMTTQ-TINH@gia-lai", "province"),
    ("Đảng ủy Ủy ban nhân dân tỉnh lãnh đạo", "Đảng ủy Ủy ban nhân dân tỉnh Gia Lai", "DU-UBND-TINH@gia-lai", "province"),
    ("Đảng ủy Công an tỉnh chỉ đạo", "Đảng ủy Công an tỉnh Gia Lai", "DU-CA-TINH@gia-lai", "province"),
    ("Ban Thường vụ Tỉnh ủy yêu cầu", "Ban Thường vụ Tỉnh ủy", "BTV-TU@gia-lai", "province"),
    ("Thường trực Huyện ủy theo dõi", "Thường trực Huyện ủy", "TT-HU@chu-prong", "district"),
    ("Ban Tuyên giáo Huyện ủy chủ trì", "Ban Tuyên giáo Huyện ủy", "ban-tuyen-giao-huyen-uy@chu-prong", "district"),
    ("Ủy ban Kiểm tra Tỉnh ủy kiểm tra, giám sát", "Ủy ban Kiểm tra Tỉnh ủy", "uy-ban-kiem-tra-tinh-uy@gia-lai", "province"),
    ("Ủy ban Kiểm tra Đảng ủy Khối kiểm tra, giám sát", "Ủy ban Kiểm tra Đảng ủy Khối", "uy-ban-kiem-tra-dang-uy-khoi", None),
    ("Đảng ủy xã Ia Tôr tổ chức", "Đảng ủy xã Ia Tôr", "dang-uy@ia-tor", "commune"),
    ("Đảng ủy các xã, thị trấn xây dựng", "Đảng ủy các xã, thị trấn", "dang-uy*", "commune"),
    ("Đảng ủy Khối các cơ quan tỉnh quán triệt", "Đảng ủy Khối các cơ quan tỉnh Gia Lai", "DUK-CQ-TINH@gia-lai", "province"),
    ("Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh phối hợp", "Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh Gia Lai",
     "BBVCSSKCB-TINH@gia-lai", "province"),
    ("Trung tâm Chính trị huyện mở lớp", "Trung tâm Chính trị huyện Chư Prông", "TTCT-HUYEN@chu-prong", "district"),
    ("Khoa Kiểm soát bệnh tật và HIV/AIDS chủ trì", "Khoa Kiểm soát bệnh tật và HIV/AIDS", "KKSBT", "any"),
    ("Các chi bộ trực thuộc tổ chức quán triệt", "Các chi bộ trực thuộc", "G-cac-chi-bo-truc-thuoc", None),
    ("Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy xây dựng",
     "Các huyện ủy, thị ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy",
     "G-cac-huyen-uy-thi-uy-thanh-uy-dang-uy-truc-thuoc-tinh-uy", None),
    ("Các đảng bộ, chi bộ cơ sở trực thuộc xây dựng", "Các đảng bộ, chi bộ cơ sở trực thuộc",
     "G-cac-dang-bo-chi-bo-co-so-truc-thuoc", None),
    ("Ban Tuyên giáo các huyện ủy, thị ủy, thành ủy trực thuộc Tỉnh ủy hướng dẫn",
     "Ban Tuyên giáo các huyện ủy, thị ủy, thành ủy trực thuộc Tỉnh ủy", "ban-tuyen-giao*", None),
])
def test_party_bodies_are_named_whole(text, name, code, level):
    found = find(text, CHU_PRONG)
    assert [(m.name, m.code, m.level) for m in found] == [(name, code, level)]
    assert text[found[0].start:found[0].end] == found[0].surface


@pytest.mark.parametrize("text, names", [
    # a person's title, not the standing committee of the body
    ("Phó Chủ tịch Thường trực UBND tỉnh chỉ đạo", ["Ủy ban nhân dân tỉnh Gia Lai"]),
    ("Cơ quan Thường trực Ban Chỉ đạo tỉnh", ["Ban Chỉ đạo tỉnh Gia Lai"]),
    # a list with a comma: the party committee and the people's committee are two bodies
    ("Đảng ủy, UBND các xã, phường", ["Ủy ban nhân dân các xã, phường"]),
])
def test_party_prefix_needs_the_body_right_after_it(text, names):
    assert [m.name for m in find(text, CHU_PRONG)] == names


HUYEN_UY_PLAN = """ĐẢNG BỘ TỈNH GIA LAI
HUYỆN ỦY CHƯ PRÔNG
*
Số 198-KH/HU
ĐẢNG CỘNG SẢN VIỆT NAM
Chư Prông, ngày 05 tháng 01 năm 2024

KẾ HOẠCH
thực hiện Chỉ thị số 25-CT/TW, ngày 25/10/2023 của Ban Bí thư
-----

Thực hiện Kế hoạch số 197-KH/TU, ngày 12/12/2023 của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Huyện ủy xây dựng kế hoạch thực hiện như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Quán triệt sâu sắc nội dung Chỉ thị 25-CT/TW.

II. TỔ CHỨC THỰC HIỆN
1. Ban Tuyên giáo Huyện ủy chủ trì, phối hợp với Trung tâm Y tế huyện tổ chức quán triệt Chỉ thị, hoàn thành trước ngày 30/3/2024.
2. Đảng đoàn Hội đồng nhân dân huyện lãnh đạo, chỉ đạo rà soát, bố trí ngân sách.
3. Ban cán sự đảng Ủy ban nhân dân huyện chỉ đạo Phòng Y tế tham mưu; định kỳ báo cáo kết quả về Ban Thường vụ Huyện ủy trước ngày 15/11 hằng năm.
4. Các chi bộ trực thuộc tổ chức quán triệt đến đảng viên.

Nơi nhận:
- Ban Thường vụ Tỉnh ủy (b/c),
- Lưu Văn phòng Huyện ủy.

T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ THƯỜNG TRỰC

Rah Lan Chung
"""


def test_huyen_uy_plan_assigns_its_party_bodies_and_the_office_they_direct():
    plan = extract_plan(document_from_text(HUYEN_UY_PLAN))
    roles = {(a.agency, a.role) for a in plan.assignments}
    assert roles == {
        ("Ban Tuyên giáo Huyện ủy", "lead"),
        ("Trung tâm Y tế huyện Chư Prông", "cooperate"),
        ("Đảng đoàn Hội đồng nhân dân huyện Chư Prông", "responsible"),
        ("Ban cán sự đảng Ủy ban nhân dân huyện Chư Prông", "responsible"),
        ("Phòng Y tế", "responsible"),
        ("Các chi bộ trực thuộc", "responsible"),
    }
    phong = next(a for a in plan.assignments if a.agency == "Phòng Y tế")
    assert phong.tasks == ["Phòng Y tế tham mưu"]
    coop = next(a for a in plan.assignments if a.role == "cooperate")
    assert coop.tasks[0].startswith("Ban Tuyên giáo Huyện ủy chủ trì")  # the task, without its number "1."


def test_huyen_uy_yearly_report_is_due_from_the_body_that_directs():
    plan = extract_plan(document_from_text(HUYEN_UY_PLAN))
    yearly = next(d for d in plan.deadlines if d.recurrence)
    assert (yearly.agency, yearly.recurrence.month, yearly.recurrence.day) == (
        "Ban cán sự đảng Ủy ban nhân dân huyện Chư Prông", 11, 15)
    assert (plan.issuer.name, plan.signer.authority) == ("Huyện ủy Chư Prông", "TM.")


@pytest.mark.parametrize("sentence, assigned", [
    # a party plan: the bodies a party body directs carry out the task, with the role their clause gives
    (("1. Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo, chỉ đạo Ủy ban nhân dân tỉnh cụ thể hóa Chỉ thị; chỉ đạo Sở Y tế "
      "chủ trì, phối hợp với Sở Tài chính, Sở Nội vụ tham mưu bố trí nguồn lực."),
     {("Ban cán sự đảng Ủy ban nhân dân tỉnh Gia Lai", "responsible"), ("Ủy ban nhân dân tỉnh Gia Lai", "responsible"),
      ("Sở Y tế", "lead"), ("Sở Tài chính", "cooperate"), ("Sở Nội vụ", "cooperate")}),
    # direction asked for: no task for the body named
    ("1. Văn phòng Tỉnh ủy tổng hợp, báo cáo, xin ý kiến chỉ đạo Ban Thường vụ Tỉnh ủy.",
     {("Văn phòng Tỉnh ủy", "responsible")}),
])
def test_tinh_uy_plan_directed_bodies(sentence, assigned):
    text = ("TỈNH ỦY GIA LAI\n*\nSố 197-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nGia Lai, ngày 12 tháng 12 năm 2023\n\nKẾ HOẠCH\n"
            "thực hiện Chỉ thị số 25-CT/TW\n-----\n\nI. TỔ CHỨC THỰC HIỆN\n" + sentence + "\n")
    plan = extract_plan(document_from_text(text))
    assert {(a.agency, a.role) for a in plan.assignments} == assigned


STATE_PLAN = ("ỦY BAN NHÂN DÂN\nTỈNH ĐẮK LẮK\nSố: 124/KH-UBND\nĐắk Lắk, ngày 10 tháng 10 năm 2025\n\nKẾ HOẠCH\n"
              "Thi đua\n\nI. TỔ CHỨC THỰC HIỆN\n{body}\n")


def test_047_daklak_body_directed_inside_another_agency_block_is_not_assigned():
    # 047_daklak: a state plan; the newspaper is directed by the department, the plan assigns it nothing itself
    body = ("1. Sở Văn hóa, Thể thao và Du lịch: Phối hợp với Ban Tuyên giáo và Dân vận Tỉnh ủy chỉ đạo Báo và Phát thanh, "
            "Truyền hình Đắk Lắk thường xuyên tuyên truyền về các phong trào thi đua.")
    plan = extract_plan(document_from_text(STATE_PLAN.format(body=body)))
    assert not any(a.agency.startswith("Báo") for a in plan.assignments)


def test_038_thanhhoa_heading_directing_a_unit_gives_it_the_bullets():
    # 038_thanhhoa: "1. Sở ... chỉ đạo Chi cục ... thực hiện các nội dung sau:" over the unit's tasks
    body = ("1. Sở Nông nghiệp và Môi trường chỉ đạo Chi cục Biển đảo và Thủy sản thực hiện các nội dung sau:\n"
            "- Lập dự toán kinh phí báo cáo Sở Nông nghiệp và Môi trường.\n"
            "- Phối hợp với UBND các xã, phường triển khai Kế hoạch.\n")
    plan = extract_plan(document_from_text(STATE_PLAN.format(body=body)))
    chi_cuc = {a.role for a in plan.assignments if a.agency.startswith("Chi cục Biển đảo")}
    assert chi_cuc == {"responsible", "cooperate"}
    assert next(a for a in plan.assignments if a.agency.startswith("Chi cục")).tasks[0].startswith("Lập dự toán")


def test_chi_bo_header_under_a_commune_party_organisation():
    text = ("ĐẢNG BỘ XÃ IA TÔR\nCHI BỘ THÔN PLEI BĂNG\n*\nSố 05-KH/CB\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Ia Tôr, ngày 10 tháng 9 năm 2025" + BODY)
    issuer = _meta(text).issuer
    assert (issuer.name, issuer.level) == ("Chi bộ thôn Plei Băng", "party")


@pytest.mark.parametrize("context, level, code", [
    (PlanContext(province="Đắk Lắk", district="Buôn Ma Thuột"), "district", "ban-tuyen-giao-thanh-uy@buon-ma-thuot"),
    (PlanContext(province="Hà Nội"), "province", "ban-tuyen-giao-thanh-uy@ha-noi"),
    (PlanContext(province="Đắk Lắk"), None, "ban-tuyen-giao-thanh-uy"),  # a city's or the province's: not known
])
def test_board_of_a_thanh_uy_takes_the_level_the_plan_tells(context, level, code):
    found = find("Ban Tuyên giáo Thành ủy chủ trì", context)
    assert [(m.name, m.level, m.code) for m in found] == [("Ban Tuyên giáo Thành ủy", level, code)]
