"""Two-column header and closing read line by line (pipeline.columns)."""

from __future__ import annotations

import pytest

from pipeline.build import document_from_text
from pipeline.columns import column_edits
from pipeline.extract import extract_plan

INTERLEAVED = """ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH QUẢNG TRỊ Độc lập - Tự do - Hạnh phúc
Số: 245/KH-UBND Quảng Trị, ngày 12 tháng 9 năm 2024
KẾ HOẠCH
Thực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư về củng cố y tế cơ sở
I. MỤC TIÊU
1. Đến năm 2025, tỷ lệ bao phủ bảo hiểm y tế đạt 95% dân số.
Nơi nhận: TM. ỦY BAN NHÂN DÂN
- Bộ Y tế; KT. CHỦ TỊCH
- Lưu: VT. PHÓ CHỦ TỊCH
Hoàng Nam
"""


def apply(text: str) -> str:
    for start, end, new in reversed(column_edits(text)):
        text = text[:start] + new + text[end:]
    return text


def test_interleaved_header_and_closing_are_put_back_column_by_column():
    lines = apply(INTERLEAVED).splitlines()
    assert lines[:5] == ["ỦY BAN NHÂN DÂN", "TỈNH QUẢNG TRỊ", "Số: 245/KH-UBND Quảng Trị, ngày 12 tháng 9 năm 2024",
                         "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert lines[-7:] == ["Nơi nhận:", "- Bộ Y tế;", "- Lưu: VT.", "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH",
                          "PHÓ CHỦ TỊCH", "Hoàng Nam"]


def test_interleaved_plan_gives_its_issuer_signer_and_recipients():
    plan = extract_plan(document_from_text(INTERLEAVED))
    assert (plan.issuer.name, plan.issuer.level, plan.issuer.province) == (
        "Ủy ban nhân dân tỉnh Quảng Trị", "province", "Quảng Trị")
    assert (plan.signer.name, plan.signer.position, plan.signer.authority) == ("Hoàng Nam", "PHÓ CHỦ TỊCH", "KT.")
    assert plan.recipients == ["Bộ Y tế", "Lưu: VT"]
    assert (plan.number, plan.issued_date) == ("245/KH-UBND", "2024-09-12")


PARTY = ("ĐẢNG BỘ TỈNH BẮC GIANG ĐẢNG CỘNG SẢN VIỆT NAM\nHUYỆN ỦY LỤC NAM Lục Nam, ngày 12 tháng 3 năm 2024\n"
         "*\nSố 198-KH/HU\nKẾ HOẠCH\nthực hiện Chỉ thị số 25-CT/TW\nI. MỤC ĐÍCH\nNội dung.\n")


def test_party_header_is_split_at_the_party_name_and_the_place_and_date():
    assert apply(PARTY).splitlines()[:6] == ["ĐẢNG BỘ TỈNH BẮC GIANG", "HUYỆN ỦY LỤC NAM", "*", "Số 198-KH/HU",
                                             "ĐẢNG CỘNG SẢN VIỆT NAM", "Lục Nam, ngày 12 tháng 3 năm 2024"]
    plan = extract_plan(document_from_text(PARTY))
    assert (plan.issuer.name, plan.issuer.level, plan.place) == ("Huyện ủy Lục Nam", "party", "Lục Nam")


@pytest.mark.parametrize("text", [
    "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n",  # laid out
    "Nơi nhận:\n- UBND Q. Ba Đình;\n- Lưu: VT, KGVX.\n",  # a district, office codes: no signature
    "Nơi nhận:\n**TM. ỦY BAN NHÂN\nDÂN**\nKT. CHỦ TỊCH\n",  # the signature on lines of its own
    "Nơi nhận: - Sở Y tế;\tTM. ỦY BAN NHÂN DÂN\n",  # a table row: its cells are apart already
])
def test_text_already_in_column_order_is_left_alone(text):
    assert column_edits(text) == []


# 104_daklak_kh0129-2025 as a PDF: the closing table breaks over a page; pdfium returns
# page 1's recipients, the signature, the page break, then the rest of the recipients.
DAKLAK_CLOSING = ("Nơi nhận:\n- Thủ tướng Chính phủ (b/c);\n- TT. Tỉnh ủy, TT. HĐND Tỉnh\n"
                  "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nHồ Thị Nguyên Thảo\f(b/c);\n- BCH PTDS tỉnh;\n"
                  "- Lưu: VT, KT.\nPHỤ LỤC KÈM THEO KẾ HOẠCH SỐ 129/KH-UBND, LẬP NGÀY 20/11/2025 TẠI ĐẮK LẮK")


def _apply(text, edits):
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def test_daklak_closing_cut_by_a_page_break_is_put_back_together():
    from pipeline.columns import closing_break_edits

    text = _apply(DAKLAK_CLOSING, closing_break_edits(DAKLAK_CLOSING))
    assert text.split("\f")[1].split("\n")[:6] == [
        "(b/c);", "- BCH PTDS tỉnh;", "- Lưu: VT, KT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hồ Thị Nguyên Thảo"]
    assert text.count("\f") == 1


def test_laichau_closing_continued_by_an_unmarked_recipient_line():
    from pipeline.columns import closing_break_edits

    raw = ("Nơi nhận:\n- Bộ Khoa học và Công nghệ;\n- Chủ tịch, các Phó chủ tịch\nTM. ỦY BAN\nNHÂN DÂN\n"
           "KT. CHỦ TỊCH\fUBND tỉnh;\n- Các sở, ngành;\n- Lưu: VT, Vx3.\nPHÓ CHỦ TỊCH\nTống Thanh Hải")
    text = _apply(raw, closing_break_edits(raw))
    assert text.endswith("- Lưu: VT, Vx3.\nTM. ỦY BAN\nNHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTống Thanh Hải")


@pytest.mark.parametrize("raw", [
    # The closing fits on its page; the next page is an appendix.
    "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\fPHỤ LỤC\nDanh mục",
    # Recipients end before the break; the signature follows on the next page.
    "Nơi nhận:\n- Như trên;\n- Lưu: VT.\fKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A",
])
def test_closing_without_a_split_row_is_left_alone(raw):
    from pipeline.columns import closing_break_edits

    assert closing_break_edits(raw) == []
