"""Page breaks in PDF text: page numbers dropped, sentences that run over a page joined.

The inputs are page texts as pdfium returns them (pages joined with ``\\f`` by the reader).
"""

from __future__ import annotations

import pytest

from pipeline.build import document_from_text
from pipeline.normalize import normalize
from pipeline.pages import page_number_edits


def norm(text: str) -> str:
    return normalize(text).text.text


# 035_dongnai_kh182-2025 rendered to PDF: page 4 opens with its number, mid-sentence.
DONGNAI_PAGES = (
    "6.9. Bảo đảm cơ sở vật chất và duy trì điều trị cho nhu cầu người nghiện các\n"
    "chất dạng thuốc phiện trên địa bàn; trên 90% người nghiện ma túy, người sử dụng trái"
    "\f4\n"
    "phép chất ma túy, người cai nghiện ma túy, người tham gia điều trị nghiện ma túy,\n"
    "người sau cai nghiện ma túy được tư vấn, hỗ trợ và can thiệp về y tế, tâm lý.\n"
    "III. NHIỆM VỤ, GIẢI PHÁP"
)


def test_dongnai_sentence_over_a_page_break_is_one_line_and_the_page_number_goes():
    text = norm("Trang đầu.\f2\nHai.\f3\n" + DONGNAI_PAGES)
    line = next(ln for ln in text.split("\n") if "trên 90%" in ln)
    assert "người sử dụng trái phép chất ma túy" in line
    assert "tâm lý.\fIII. NHIỆM VỤ" in text
    assert "\f4" not in text and "\n4\n" not in text
    assert text.count("\f") == 3  # every page break is kept


def test_page_break_moves_to_the_end_of_the_joined_line_so_pages_stay_right():
    doc = document_from_text("Trang một.\f2\nHai, kết quả\f3\nthực hiện tốt.\nIII. KHÁC\f4\nBốn.")
    assert doc.page_at(doc.text.index("thực hiện")) == 2  # joined to the line begun on page 2
    assert doc.page_at(doc.text.index("III. KHÁC")) == 3
    assert doc.page_at(doc.text.index("Bốn")) == 4
    assert "Hai, kết quả thực hiện tốt." in doc.text


def test_list_item_after_a_page_break_is_not_joined():
    text = norm("1. Mục tiêu cụ thể\f2\na) Đến hết năm 2025: có 30% doanh nghiệp.")
    assert "cụ thể a)" not in text
    assert "a) Đến hết năm 2025" in text


def test_wrapped_line_after_a_page_break_joins_within_the_page():
    # The first line of page 2 was a line of its own; the one after it wraps.
    text = norm("1. Mục tiêu cụ thể\f2\na) Đến hết năm 2025: Có ≥ 30% DNNVV, HTX, HKD trên địa bàn Tỉnh ứng\n"
                "dụng công nghệ số.")
    assert "Tỉnh ứng dụng công nghệ số." in text


@pytest.mark.parametrize("number", ["{n}", "- {n} -", "– {n} –", "Trang {n}", "{n}/5", "  {n} "])
def test_page_number_forms_at_the_top_or_foot_of_a_page_are_dropped(number):
    pages = [f"Nội dung trang {k} của kế hoạch" for k in range(1, 6)]
    top = "\f".join([pages[0]] + [number.format(n=k + 1) + "\n" + p for k, p in enumerate(pages[1:], 1)])
    foot = "\f".join(p + "\n" + number.format(n=k + 1) for k, p in enumerate(pages))
    for text in (top, foot):
        kept = text
        for start, end, _ in reversed(page_number_edits(text)):
            kept = kept[:start] + kept[end:]
        assert kept == "\f".join(pages)


def test_numbers_that_do_not_follow_the_pages_are_text():
    # Lone numbers at page tops that are not the page numbers (a table's row counts).
    text = "Bảng\f7\nmột\f7\nhai\f12\nba"
    assert page_number_edits(text) == []


def test_text_without_page_breaks_has_no_page_numbers():
    assert page_number_edits("2\nHai.\n3\nBa.") == []


def test_page_numbers_map_back_to_the_source():
    raw = "Mở đầu.\f2\nnội dung tiếp theo.\f3\nKết thúc."
    normalized = normalize(raw).text
    start = normalized.text.index("nội dung")
    assert raw[normalized.to_original(start):normalized.to_original(start + 8)] == "nội dung"


def test_asterisks_in_pdf_text_are_not_markdown_emphasis():
    # 111_cantho_kh157-2025 as a PDF: a stray "*" must not hold lines together as
    # open italics, and "(*)" footnote marks stay.
    raw = ("Lưu ý khi bình xét thi đua:*\n"
           "- Đối với các xã, phường: xét theo tổng số điểm.\n"
           "Trên đây là Kế hoạch phát động phong trào thi đua./.\n"
           "Nơi nhận:\n"
           "- Sở Y tế (*);")
    pdf = normalize(raw, "pdf").text.text
    assert pdf.split("\n")[2:4] == ["Trên đây là Kế hoạch phát động phong trào thi đua./.", "Nơi nhận:"]
    assert "(*)" in pdf
    assert normalize("*Ghi chú:* xem phụ lục", "md").text.text == "Ghi chú: xem phụ lục"


def test_cantho_bold_heading_wrapped_short_of_the_width_keeps_its_tail():
    # 040_cantho_kh165-2025 as a PDF: the bold heading wraps at 70 characters where the
    # regular lines run to 85; its last word "Thơ" is alone on the next line.
    body = ("Chỉ đạo các cơ quan truyền thông, báo chí tăng thời lượng, nâng cao chất lượng các\n"
            "chương trình tuyên truyền về công tác dân số và phát triển, pháp luật về dân số, kế\n") * 6
    raw = (body + "4. Sở Văn hóa, Thể thao và Du lịch; Báo và Phát thanh, Truyền hình Cần\nThơ\n"
           "Chỉ đạo các cơ quan truyền thông tăng thời lượng.\n5. Sở Y tế\nChủ trì, phối hợp.")
    text = norm(raw)
    assert "Truyền hình Cần Thơ\nChỉ đạo các cơ quan truyền thông tăng" in text
    assert "5. Sở Y tế\nChủ trì" in text  # a short heading stays a line of its own


@pytest.mark.parametrize(("raw", "line"), [
    # 110_dongthap_kh597-2025 as a PDF: the motto wraps in its narrow column.
    ("CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT\nNAM\nĐộc lập - Tự do - Hạnh phúc", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do -\nHạnh phúc", "Độc lập - Tự do - Hạnh phúc"),
    # 041_hcm_kh172-2025 as a DOCX: the place wraps before ", ngày".
    ("Số: 172/KH-UBND\nThành phố Hồ Chí\nMinh, ngày 18 tháng 11 năm 2025",
     "Thành phố Hồ Chí Minh, ngày 18 tháng 11 năm 2025"),
])
def test_header_lines_wrapped_by_their_column_are_joined(raw, line):
    assert line in norm(raw).split("\n")


def test_motto_lines_stay_apart_when_whole():
    text = norm("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 5/KH-UBND\nHà Nội, ngày 2 tháng 3 năm 2025")
    assert text.split("\n") == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                                "Số: 5/KH-UBND", "Hà Nội, ngày 2 tháng 3 năm 2025"]


# Lines of a PDF page at its full width (about 84 characters), so the text has a wrap width.
WRAPPED_BODY = ("Chỉ đạo các cơ quan truyền thông, báo chí tăng thời lượng, nâng cao chất lượng các\n"
                "chương trình tuyên truyền về công tác dân số và phát triển, pháp luật về dân số, kế\n") * 6


def test_daklak_104_full_line_ending_on_a_colon_goes_on_in_lower_case():
    # 104_daklak_kh0129-2025 as a PDF: the line is full and ends on "Các Công điện:" by chance.
    raw = (WRAPPED_BODY
           + "tập trung ứng phó lũ đặc biệt lớn tại Khánh Hòa, Đắk Lắk và Gia Lai; Các Công điện:\n"
           "số 007/CĐ-UBND ngày 17/11/2025, số 008/CĐ-UBND và số 009/CĐ-UBND ngày\n"
           "19/11/2025 của UBND tỉnh.")
    assert "Các Công điện: số 007/CĐ-UBND ngày 17/11/2025" in norm(raw)


def test_thanhhoa_038_full_line_ending_on_a_semicolon_goes_on_in_lower_case():
    # 038_thanhhoa_kh235-2025 as a PDF: the sampling schedule goes on after the ";".
    raw = (WRAPPED_BODY
           + "DO, NH4+ -N, NO2--N, PO43--P, TSS, Vibrio sp quan trắc với tần suất 2 lần/tháng;\n"
           "thời gian quan trắc từ tháng 3 đến tháng 10 năm 2026; số lượng mẫu 336 mẫu/năm.")
    assert "tần suất 2 lần/tháng; thời gian quan trắc" in norm(raw)


@pytest.mark.parametrize("raw", [
    # A short line ending on a colon or a semicolon ends its paragraph.
    "Nội dung gồm:\nthông tin về dân số.",
    "- Sở Y tế;\ncác sở, ngành liên quan.",
    # A full line whose next line starts in capitals is a new paragraph.
    "tập trung ứng phó lũ đặc biệt lớn tại Khánh Hòa, Đắk Lắk và Gia Lai; Các Công điện:\nSố 007/CĐ-UBND.",
    "tập trung ứng phó lũ đặc biệt lớn tại Khánh Hòa, Đắk Lắk và Gia Lai; các Công điện;\n- Số 007/CĐ-UBND.",
])
def test_line_ending_on_punctuation_keeps_its_break_unless_full_and_lower_case(raw):
    first, second = raw.split("\n")
    assert (first + "\n" + second) in norm(WRAPPED_BODY + raw)


def test_nghean_048_wrapped_line_ending_on_a_comma_goes_on():
    # 048_nghean_kh987-2025 as a PDF: "MobiFone" is too wide for the line, which ends early.
    raw = (WRAPPED_BODY
           + "- Phối hợp chặt chẽ với các nhà mạng (Viettel Nghệ An, VNPT Nghệ An,\n"
           "MobiFone Nghệ An) để xây dựng lộ trình, kế hoạch cụ thể triển khai trạm phát sóng\n"
           "5G và ứng dụng IoT tại các KCN.")
    assert "(Viettel Nghệ An, VNPT Nghệ An, MobiFone Nghệ An) để xây dựng" in norm(raw)


@pytest.mark.parametrize("second", ["Căn cứ Nghị định số 98/2021/NĐ-CP ngày 08/11/2021 của Chính phủ;",
                                    "Thực hiện Chỉ thị số 27/CT-TTg ngày 15/8/2024,",
                                    "I. MỤC ĐÍCH, YÊU CẦU",
                                    "KẾ HOẠCH"])
def test_line_ending_on_a_comma_keeps_its_break_before_a_preamble_line_or_heading(second):
    first = "Căn cứ Luật Phòng thủ dân sự ngày 20 tháng 6 năm 2023 của Quốc hội khóa XV,"
    assert f"{first}\n{second}" in norm(WRAPPED_BODY + first + "\n" + second)


@pytest.mark.parametrize(("raw", "joined"), [
    # 108_hcm_qd2853-2025 and 040_cantho_kh165-2025 as PDFs: an indented first line.
    ("Căn cứ Quyết định số 553/QĐ-TTg ngày 06 tháng 4 năm 2021 của Thủ tướng\nChính phủ về phê duyệt Đề án;",
     "của Thủ tướng Chính phủ về phê duyệt"),
    # 044_ttg_qd2623-2025 as a PDF: a recipient wrapped in its narrow column.
    ("Nơi nhận:\n- Thủ tướng, các Phó Thủ tướng\nChính phủ;\n- Văn phòng Quốc hội;",
     "- Thủ tướng, các Phó Thủ tướng Chính phủ;"),
])
def test_thu_tuong_at_a_line_end_goes_on_with_chinh_phu(raw, joined):
    assert joined in norm(raw)


@pytest.mark.parametrize(("raw", "joined"), [
    # 101_laichau_kh7360-2025: the quarter's numeral wrapped onto the next line.
    ("- Thời gian thực hiện: Quý\nIV năm 2025 và các năm tiếp theo.", "Quý IV năm 2025"),
    ("hoàn thành trong quý\nIII/2026.", "quý III/2026."),
    # 037_dongthap_kh617-2025: a share at the line end names what it counts on the next.
    ("đ) Đến hết năm 2045: 100%\nDNNVV, HTX, HKD trên địa bàn Tỉnh ứng dụng công nghệ số.", "100% DNNVV, HTX"),
])
def test_quarter_numeral_and_share_wrapped_onto_the_next_line_are_joined(raw, joined):
    assert joined in norm(raw)


@pytest.mark.parametrize("raw", ["PHÓ CHỦ TỊCH\nNguyễn Văn Quý\nKẾ HOẠCH", "Đạt 100%\nI. MỤC TIÊU"])
def test_a_name_ending_in_quy_or_a_share_before_a_heading_stays_apart(raw):
    assert norm(raw).split("\n") == raw.split("\n")


# 106_hanoi_kh310-2025 as a PDF: row 1 of the appendix table is cut by the page break;
# page 8 opens with its number, then the rest of the row under the same columns.
HANOI_ROW_CUT = (
    "TT\tNội dung/nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian thực hiện\n"
    "1\tTổ chức điều chỉnh, bổ sung quy hoạch hạ tầng viễn thông trong các\tBan Quản lý các khu công nghệ"
    "\tSở Khoa học và Công nghệ Sở Công Thương; UBND các\tQuý III Năm 2026\f8\n"
    "\tkhu công nghệ cao và khu công nghiệp đến năm 2030\t\tphường, xã\t\n"
    "2\tKhảo sát, đánh giá thực trạng hạ tầng viễn thông\tBan Quản lý các khu công nghệ\tSở Tài chính\tQuý IV/2025"
)


def test_hanoi_106_table_row_cut_by_a_page_break_is_one_row_again():
    doc = document_from_text("Trang một.\f2\nHai.\f3\nBa.\f4\nBốn.\f5\nNăm.\f6\nSáu.\f7\n" + HANOI_ROW_CUT)
    table = doc.tables[-1]
    assert [len(r) for r in table.rows] == [5, 5, 5]
    row = [c.text for c in table.rows[1]]
    assert row[1].endswith("trong các khu công nghệ cao và khu công nghiệp đến năm 2030")
    assert row[3] == "Sở Khoa học và Công nghệ Sở Công Thương; UBND các phường, xã"
    assert row[4] == "Quý III Năm 2026"
    assert doc.page_at(doc.text.index("2\tKhảo sát")) == 8  # the next row is on the new page
    assert doc.text.count("\f") == 7


def test_row_after_a_page_break_that_starts_anew_is_its_own_row():
    # A new row (capitalised cells) or a row of another width is never appended.
    for nxt in ("\tKhu công nghệ cao\t\tSở Tài chính\t", "2\tkhảo sát\tban quản lý\tsở\tquý IV", "\tkhu công nghệ\t\t"):
        raw = "1\tTổ chức\tBan Quản lý\tSở Công Thương\tQuý III\f" + nxt
        assert raw == normalize(raw).text.text


def test_dongthap_037_row_cut_by_a_page_break_goes_on_with_a_name_in_capitals():
    # 037_dongthap_kh617-2025 as a PDF: "Sở" / "KH&CN" - one cell goes on in capitals, the
    # others in lower case: still the same row.
    raw = ("9\tTổ chức học tập kinh\tSở\tCác sở, ban, ngành\tThường xuyên\f"
           "\tnghiệm các tỉnh, thành phố.\tKH&CN\ttỉnh; UBND các xã, phường\t\n"
           "10\tTổ chức xúc tiến đầu tư\tSở Tài chính\tCác sở\tQuý IV")
    rows = normalize(raw, "pdf").text.text.replace("\f", "\n").split("\n")
    assert rows[0].split("\t") == ["9", "Tổ chức học tập kinh nghiệm các tỉnh, thành phố.", "Sở KH&CN",
                                   "Các sở, ban, ngành tỉnh; UBND các xã, phường", "Thường xuyên"]
    assert rows[1].startswith("10\t")


@pytest.mark.parametrize(("raw", "kept"), [
    # 044_ttg_qd2623-2025 as a DOCX: paragraphs without blank lines; the note under the
    # plan's title is a line of its own.
    ("TRIỂN KHAI THI HÀNH LUẬT BẢO VỆ DỮ LIỆU CÁ NHÂN\n(Kèm theo Quyết định số /QĐ-TTg ngày tháng năm 2025)",
     "CÁ NHÂN\n(Kèm theo"),
    ("Luật được Quốc hội khóa\nXV thông qua tại kỳ họp thứ 9.", "khóa XV thông qua"),
])
def test_title_note_stays_apart_and_a_term_numeral_joins(raw, kept):
    assert kept in norm(raw)
