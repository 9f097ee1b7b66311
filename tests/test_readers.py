"""Readers: every rendition of a corpus document gives the same normalized text."""

from __future__ import annotations

import difflib
import io
import re
import unicodedata
from pathlib import Path

import docx
import pytest

from _pdf import text_pdf
from pipeline.build import build_document
from pipeline.errors import UnreadableFile, UnsupportedFormat
from pipeline.limits import Limits
from pipeline.readers import read_bytes, read_file, sniff
from pipeline.readers.pdf import read_pdf
from tests.conftest import CORPUS, SEEDS

RENDITIONS = [
    (folder, name) for folder in SEEDS for name in ("source.docx", "source.pdf") if (folder / name).exists()
]


def words(path: Path) -> list[str]:
    source, _ = read_file(path)
    return re.findall(r"\w+", build_document(source, str(path)).text)


def similarity(a: list[str], b: list[str]) -> float:
    return difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


@pytest.mark.parametrize(("folder", "name"), RENDITIONS, ids=lambda v: getattr(v, "name", v))
def test_renditions_give_the_same_words(folder, name):
    assert similarity(words(folder / "source.txt"), words(folder / name)) >= 0.995


def test_renditions_exist_for_every_seed():
    assert len(RENDITIONS) == 2 * len(SEEDS)


def test_tcvn3_docx_converts_back_exactly():
    folder = CORPUS / "seeds" / "bacgiang-115-kh-ubnd-2023"
    source, _ = read_file(folder / "source.tcvn3.docx")
    assert source.encoding == "tcvn3"
    assert words(folder / "source.tcvn3.docx") == words(folder / "source.txt")


def test_tcvn3_text_converts_back_up_to_lost_capitals():
    # A .txt keeps the bytes but not the .VnTimeH font that drew "Ủy" as a capital.
    folder = CORPUS / "seeds" / "bacgiang-115-kh-ubnd-2023"
    source, _ = read_file(folder / "source.tcvn3.txt")
    assert source.encoding == "tcvn3"
    original = words(folder / "source.txt")
    converted = words(folder / "source.tcvn3.txt")
    assert [w.lower() for w in converted] == [w.lower() for w in original]
    assert "KẾ" in converted and "HOẠCH" in converted


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 has â, ê, ơ, ư... precomposed but writes the five tones as combining marks."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in parts if c in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def test_windows_1258_text_is_read():
    text = "Kế hoạch số 115/KH-UBND của Ủy ban nhân dân tỉnh Bắc Giang về y tế xã, Đắk R'Lấp"
    source = read_bytes(to_cp1258(text), ".txt")
    assert source.encoding == "cp1258"
    assert source.text == text


def test_utf16_with_bom_is_read():
    source = read_bytes("Kế hoạch số 194/KH-TTYT".encode("utf-16"), ".txt")
    assert source.text == "Kế hoạch số 194/KH-TTYT" and source.encoding == "utf-16"


_PLAN_LINES = ("KẾ HOẠCH\nThực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư\n"
               "Phấn đấu đến năm 2025, 100% trạm y tế xã có bác sĩ làm việc.\n")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_read(codec):
    source = read_bytes(_PLAN_LINES.encode(codec), ".txt")
    assert source.text.strip() == _PLAN_LINES.strip() and source.encoding == "utf-16"


@pytest.mark.parametrize("low", [lambda n: (n * 7) % 32, lambda n: (n * 7) % 31 + 1])
def test_binary_with_nuls_every_other_byte_is_still_binary(low):
    # little-endian 16-bit numbers below 256 look like UTF-16 bytes; as text they are control characters
    data = bytes(b for n in range(600) for b in (low(n), 0))
    with pytest.raises((UnsupportedFormat, UnreadableFile), match="binary content"):
        read_bytes(data, ".txt")


def test_format_is_sniffed_by_content_not_name(tmp_path):
    pdf = next(CORPUS.glob("seeds/*/source.pdf"))
    disguised = tmp_path / "ke-hoach.txt"
    disguised.write_bytes(pdf.read_bytes())
    source, _ = read_file(disguised)
    assert source.format == "pdf" and source.pages >= 1


@pytest.mark.parametrize(
    ("head", "fmt"),
    [(b"%PDF-1.7\n", "pdf"), (b"PK\x03\x04", "docx"), (b"<!DOCTYPE html><html>", "html"), ("Kế hoạch".encode(), "txt")],
)
def test_sniff(head, fmt):
    assert sniff(head) == fmt


def test_legacy_doc_is_refused_with_a_reason():
    with pytest.raises(UnsupportedFormat, match="legacy Word .doc"):
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".doc")


def test_html_main_content_without_site_chrome():
    html = """<html><head><title>Cổng thông tin</title><script>var x = 'Kế hoạch giả';</script></head>
    <body><nav class="menu"><a>Trang chủ</a><a>Tin tức</a></nav>
    <div class="header-banner">SỞ Y TẾ</div>
    <div id="content"><h1>Kế hoạch duy trì xã đạt Bộ tiêu chí quốc gia về y tế</h1>
    <p>Kế hoạch số 154/KH-UBND, ngày 15/8/2023 của UBND huyện Đắk R'Lấp.</p>
    <p>I. MỤC ĐÍCH, YÊU CẦU</p><p>Duy trì 11 xã, thị trấn đạt Bộ tiêu chí quốc gia về y tế xã trong năm 2023 và các năm tiếp theo.</p>
    <table><tr><td>Stt</td><td>Xã</td></tr><tr><td>1</td><td>Kiến Đức</td></tr></table></div>
    <div class="counter">Lượt xem: 1234</div><form class="comment-form"><textarea>Ý kiến</textarea></form>
    <footer>Bản quyền thuộc UBND huyện</footer></body></html>"""
    source = read_bytes(html.encode("utf-8"), ".html")
    assert source.format == "html"
    assert "Kế hoạch số 154/KH-UBND" in source.text
    assert "1\tKiến Đức" in source.text
    for chrome in ("Trang chủ", "Lượt xem", "Bản quyền", "Ý kiến", "Kế hoạch giả"):
        assert chrome not in source.text


def test_docx_paragraphs_and_tables_in_document_order():
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH").runs[0].bold = True
    document.add_paragraph("Mục tiêu cụ thể theo giai đoạn:")
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells + table.rows[1].cells, ["Stt", "Huyện", "Năm 2023", "1", "Sơn Động", "2"]):
        cell.text = text
    document.add_paragraph("Sau bảng.")
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_bytes(buffer.getvalue(), ".docx").text
    assert text.index("Mục tiêu") < text.index("Stt\tHuyện\tNăm 2023") < text.index("1\tSơn Động\t2") < text.index("Sau bảng")
    assert "**KẾ HOẠCH**" in text


def test_docx_header_layout_table_is_read_as_lines():
    folder = CORPUS / "seeds" / "bacgiang-115-kh-ubnd-2023"
    source, _ = read_file(folder / "source.docx")
    doc = build_document(source)
    kinds = {n.kind: n.heading for n in doc.outline}
    assert kinds["number_line"] == "Số: 115 /KH-UBND"
    assert kinds["date_line"] == "Bắc Giang, ngày 27 tháng 6 năm 2023"
    assert len(doc.tables) == 2


def test_pdf_pages_are_kept():
    folder = CORPUS / "seeds" / "bacgiang-115-kh-ubnd-2023"
    source, _ = read_file(folder / "source.pdf")
    doc = build_document(source)
    assert doc.source.pages == source.pages > 1
    last = doc.text.rfind("Nơi nhận")
    assert doc.page_at(last) == source.pages or doc.page_at(last) == source.pages - 1
    assert doc.page_at(0) == 1


def test_pdf_tables_are_read_as_rows():
    folder = CORPUS / "seeds" / "bacgiang-115-kh-ubnd-2023"
    source, _ = read_file(folder / "source.pdf")
    doc = build_document(source)
    cells = [[c.text for c in row] for t in doc.tables for row in t.rows]
    assert ["10", "Thành phố Bắc Giang", "2", "6", "16"] in cells


@pytest.mark.parametrize("name", ["source.txt", "source.pdf", "source.docx"])
def test_spans_map_back_to_the_same_words_in_the_source(name):
    folder = CORPUS / "seeds" / "bacgiang-115-kh-ubnd-2023"
    source, _ = read_file(folder / name)
    doc = build_document(source)
    for word in ("1300/QĐ-BYT", "Sở Y tế", "Toàn tỉnh"):
        at = doc.text.index(word)
        origin = doc.source_offset(at)
        assert doc.source_text[origin:origin + len(word)] == word


def test_short_docx_header_cells_and_title_keep_their_lines():
    """A health centre's DOCX: two header lines in one cell, a title under KẾ HOẠCH."""
    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "SỞ Y TẾ TỈNH NGHỆ AN\nTRUNG TÂM Y TẾ HUYỆN QUỲNH LƯU"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 88/KH-TTYT"
    header.cell(1, 1).text = "Quỳnh Lưu, ngày 05 tháng 3 năm 2024"
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Triển khai thực hiện Chỉ thị số 25-CT/TW trên địa bàn huyện Quỳnh Lưu năm 2024")
    document.add_paragraph("Căn cứ Kế hoạch số 120/KH-SYT ngày 15/01/2024 của Sở Y tế; Trung tâm xây dựng Kế hoạch như sau:")
    for text in ("I. MỤC TIÊU", "- 100% trạm y tế xã có bác sĩ làm việc.", "II. TỔ CHỨC THỰC HIỆN",
                 "1. Khoa Kiểm soát bệnh tật", "- Chủ trì theo dõi, tổng hợp kết quả thực hiện."):
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    doc = build_document(read_bytes(buffer.getvalue(), ".docx"))
    lines = doc.text.split("\n")
    assert "SỞ Y TẾ TỈNH NGHỆ AN" in lines and "TRUNG TÂM Y TẾ HUYỆN QUỲNH LƯU" in lines
    title = next(n for n in doc.outline if n.kind == "title")
    assert title.heading == "Triển khai thực hiện Chỉ thị số 25-CT/TW trên địa bàn huyện Quỳnh Lưu năm 2024"


# --- paragraphs from the page's geometry ------------------------------------------

_BODY = [
    "The provincial committee shall review the health budget and report to",
    "the council every month on the progress of the plan in all districts.",
    "Each district health centre sends its figures before the tenth day.",
    "A new paragraph begins here and runs on until it reaches the right",
    "margin, where it wraps before the word that would not have fitted.",
]


def test_pdf_body_line_ending_short_of_the_margin_ends_its_paragraph():
    """'… năm 2023' / 'Kế hoạch số 154/KH-UBND …' in the Đắk R'Lấp PDF: a line the next
    line's first word would have fitted on was broken on purpose."""
    text = read_pdf(text_pdf(["\n".join(_BODY)]), Limits()).text
    assert "tenth day.\n\nA new paragraph" in text
    assert "report to\nthe council" in text  # wrapped at the margin: the same paragraph


def test_pdf_narrow_and_indented_lines_are_left_to_the_text_rules():
    header = ["PEOPLES COMMITTEE", "No: 12/KH", "                              PLAN"]
    text = read_pdf(text_pdf(["\n".join([*header, *_BODY])]), Limits()).text
    assert text.startswith("PEOPLES COMMITTEE\nNo: 12/KH\n")
    assert "\n\n" not in text.split("The provincial")[0]
