"""Scanned plans: a PDF of page images is read by OCR and gives the same record.

The scan is made here: a one-page plan is written with python-docx, printed to
PDF by LibreOffice (the "text rendition"), its page rendered at 300 dpi and put
back into a PDF as an image only (the "scanned rendition"). Both are read by the
normal pipeline and compared.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from rapidfuzz import fuzz

from _pdf import image_pdf, soffice_convert
from pipeline.parse import Parsed, parse_file
from pipeline.readers.ocr import parse_tsv, repair_ocr_text, tesseract_available

PLAN_LINES = [
    "ỦY BAN NHÂN DÂN HUYỆN KIÊN HẢI",
    "Số: 115/KH-UBND",
    "Kiên Hải, ngày 12 tháng 3 năm 2024",
    "KẾ HOẠCH",
    "Thực hiện Chỉ thị số 25-CT/TW ngày 25/10/2023 của Ban Bí thư về tiếp tục củng cố, "
    "hoàn thiện, nâng cao chất lượng hoạt động của y tế cơ sở trong tình hình mới",
    "Căn cứ Kế hoạch số 197-KH/TU ngày 07/3/2024 của Ban Thường vụ Tỉnh ủy Kiên Giang, "
    "Ủy ban nhân dân huyện ban hành Kế hoạch thực hiện như sau:",
    "I. MỤC TIÊU",
    "Phấn đấu đến năm 2025, 100% trạm y tế xã có bác sĩ làm việc; 95% dân số được quản lý sức khỏe.",
    "II. NHIỆM VỤ VÀ GIẢI PHÁP",
    "1. Trung tâm Y tế huyện chủ trì, phối hợp với Ủy ban nhân dân các xã rà soát nhân lực, "
    "báo cáo kết quả về Ủy ban nhân dân huyện trước ngày 15 tháng 12 hằng năm.",
    "2. Phòng Tài chính - Kế hoạch tham mưu bố trí kinh phí thực hiện trong dự toán hằng năm.",
    "KT. CHỦ TỊCH",
    "PHÓ CHỦ TỊCH",
    "Nguyễn Văn An",
]

needs_tools = pytest.mark.skipif(
    not (shutil.which("soffice") and tesseract_available("vie")),
    reason="needs LibreOffice and tesseract-ocr with tesseract-ocr-vie",
)


@pytest.fixture(scope="module")
def renditions(tmp_path_factory) -> tuple[Path, Path]:
    """(text PDF, image-only PDF) of the same one-page plan."""
    import docx

    folder = tmp_path_factory.mktemp("ocr")
    document = docx.Document()
    for line in PLAN_LINES:
        document.add_paragraph(line)
    source = folder / "plan.docx"
    document.save(source)
    text_pdf = soffice_convert(source, "pdf", folder)
    pdf = pdfium.PdfDocument(text_pdf)
    images = [pdf[i].render(scale=300 / 72).to_pil() for i in range(len(pdf))]
    pdf.close()
    scanned = folder / "scanned.pdf"
    scanned.write_bytes(image_pdf(images, dpi=300))
    return text_pdf, scanned


@pytest.fixture(scope="module")
def parsed(renditions) -> tuple[Parsed, Parsed]:
    """Both renditions through the normal reading and extraction."""
    return tuple(parse_file(str(p)) for p in renditions)


@needs_tools
@pytest.mark.slow
def test_scanned_plan_reads_like_its_text_rendition(parsed):
    text_version, scanned_version = parsed
    assert isinstance(text_version, Parsed) and isinstance(scanned_version, Parsed)
    assert scanned_version.document.source.format == "pdf"
    similarity = fuzz.ratio(" ".join(text_version.document.text.split()),
                            " ".join(scanned_version.document.text.split())) / 100
    assert similarity >= 0.95, similarity
    for field in ("number", "issued_date", "doc_type", "place"):
        assert getattr(scanned_version.plan, field) == getattr(text_version.plan, field), field
    assert scanned_version.plan.number == "115/KH-UBND"


@needs_tools
@pytest.mark.slow
def test_scanned_pages_carry_their_ocr_confidence(parsed):
    text_version, scanned_version = parsed
    assert text_version.document.page_confidence == {}
    confidence = scanned_version.document.page_confidence
    assert set(confidence) == {1}
    assert 0.8 <= confidence[1] <= 1.0


@needs_tools
def test_scanned_pdf_refused_when_ocr_is_off(renditions):
    from pipeline.limits import Limits

    outcome = parse_file(str(renditions[1]), Limits(ocr=False))
    assert outcome.reason == "no text layer on 1 page(s): a scanned PDF, and OCR is turned off"


@pytest.mark.parametrize("raw, repaired", [
    ("Số: 115 /KH- UBND", "Số: 115/KH-UBND"),
    ("Số 197 -KH/TU ngày", "Số 197-KH/TU ngày"),
    ("Quyết định số 12/QĐÐ-UBND", "Quyết định số 12/QĐ-UBND"),
    ("Số: 45/2023/ NĐ- CP", "Số: 45/2023/NĐ-CP"),
    ("ÐẢNG CỘNG SẢN", "ĐẢNG CỘNG SẢN"),
    ("đường ðê", "đường đê"),
    ("từ 2021 - 2025", "từ 2021 - 2025"),
    ("tỷ lệ 95 / 100 xã", "tỷ lệ 95 / 100 xã"),
])
def test_ocr_repairs_symbols_and_look_alike_letters(raw, repaired):
    assert repair_ocr_text(raw) == repaired


def test_tsv_lines_paragraphs_and_weighted_confidence():
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t96\tKẾ",
        "5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t90\tHOẠCH",
        "5\t1\t1\t1\t2\t1\t0\t0\t1\t1\t50\tSố:",
        "4\t1\t1\t2\t1\t0\t0\t0\t1\t1\t-1\t",
        "5\t1\t1\t2\t1\t1\t0\t0\t1\t1\t80\t115/KH-UBND",
    ]
    page = parse_tsv("\n".join([header, *rows]))
    assert page.text == "KẾ HOẠCH\nSố:\n\n115/KH-UBND\n"
    expected = (96 * 2 + 90 * 5 + 50 * 3 + 80 * 11) / (2 + 5 + 3 + 11) / 100
    assert page.confidence == pytest.approx(expected, abs=1e-3)


def test_tsv_without_words_has_zero_confidence():
    assert parse_tsv("level\tpage_num\n1\t1\t0\t0\t0\t0\t0\t0\t10\t10\t-1\t\n").confidence == 0.0


CORPUS_PDF = Path(__file__).resolve().parent.parent / "corpus" / "seeds" / "kienhai-194-kh-ttyt-2024" / "source.pdf"


@pytest.mark.skipif(not CORPUS_PDF.exists(), reason="the corpus PDF rendition is not there")
@pytest.mark.skipif(not tesseract_available("vie"), reason="needs tesseract-ocr with tesseract-ocr-vie")
@pytest.mark.slow
def test_scanned_corpus_plan_first_pages_match_the_text_rendition(tmp_path):
    """194/KH-TTYT: its first two pages (header, number, date, legal basis) as a scan."""
    source = pdfium.PdfDocument(CORPUS_PDF)
    pages = pdfium.PdfDocument.new()
    pages.import_pages(source, [0, 1])
    text_path = tmp_path / "text.pdf"
    pages.save(text_path)
    images = [source[i].render(scale=300 / 72).to_pil() for i in (0, 1)]
    source.close()
    scan_path = tmp_path / "scan.pdf"
    scan_path.write_bytes(image_pdf(images, dpi=300))

    text_version, scanned_version = parse_file(str(text_path)), parse_file(str(scan_path))
    assert isinstance(scanned_version, Parsed), scanned_version
    assert set(scanned_version.document.page_confidence) == {1, 2}
    similarity = fuzz.ratio(" ".join(text_version.document.text.split()),
                            " ".join(scanned_version.document.text.split())) / 100
    assert similarity >= 0.95, similarity
    for field in ("number", "issued_date", "doc_type"):
        assert getattr(scanned_version.plan, field) == getattr(text_version.plan, field), field
    cited = {r.number for r in text_version.plan.references if r.number}
    cited_scan = {r.number for r in scanned_version.plan.references if r.number}
    assert len(cited) >= 3, "the first pages cite the plan chain down from 25-CT/TW"
    assert len(cited & cited_scan) >= 0.9 * len(cited)
