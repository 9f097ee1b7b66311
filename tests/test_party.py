"""Party documents (Hướng dẫn 36-HD/VPTW layout) and the other issuers of plans implementing 25-CT/TW.

``TỈNH ỦY GIA LAI`` / ``*`` / ``Số 197-KH/TU`` opposite ``ĐẢNG CỘNG SẢN VIỆT NAM`` / place
and date; ``T/M BAN THƯỜNG VỤ`` / ``K/T BÍ THƯ`` closings; bodies such as ``Đảng đoàn Hội
đồng nhân dân huyện`` or ``Ban cán sự đảng Ủy ban nhân dân tỉnh``. Each test quotes the
text it reads.
"""

from __future__ import annotations

import pytest

from extractors import metadata
from pipeline.build import document_from_text

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
    ("SỞ Y TẾ TỈNH KIÊN GIANG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTRUNG TÂM Y TẾ HUYỆN KIÊN HẢI\tĐộc lập - Tự do - Hạnh phúc\n"
     "Số: 194/KH-TTYT\tKiên Hải, ngày 15 tháng 3 năm 2024",
     "Trung tâm Y tế huyện Kiên Hải", "district", "Kiên Giang", "Kiên Hải"),
    # a commune's people's committee after the reform: the unit word is on the second row
    ("ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nXÃ IA TÔR\tĐộc lập - Tự do - Hạnh phúc\n"
     "Số: 85/KH-UBND\tIa Tôr, ngày 25 tháng 8 năm 2025",
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
