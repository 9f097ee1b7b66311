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
