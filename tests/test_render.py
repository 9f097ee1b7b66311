"""The corpus renditions (corpus/render.py): TCVN3 encoding, DOCX structure, PDFs."""

from __future__ import annotations

import importlib.util
import io
import re
import shutil
import sys
import unicodedata
from pathlib import Path

import docx
import pytest
import viparse
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = sorted(p for p in (CORPUS / "seeds").iterdir() if (p / "source.txt").exists())
REALDOC_DIR = CORPUS / "realdocs-rendered" / "101_laichau_kh7360-2025_thi-hanh-luat-tieu-chuan-qckt"


def _load_render():
    spec = importlib.util.spec_from_file_location("corpus_render", CORPUS / "render.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


render = _load_render()

VIETNAMESE_LOWER = (
    "aàảãáạăằẳẵắặâầẩẫấậeèẻẽéẹêềểễếệiìỉĩíịoòỏõóọôồổỗốộơờởỡớợuùủũúụưừửữứựyỳỷỹýỵđ"
)
SAMPLES = [
    "Kế hoạch thực hiện Bộ tiêu chí quốc gia về y tế xã",
    "Ủy ban nhân dân tỉnh Bắc Giang",
    "KẾ HOẠCH TRIỂN KHAI THI HÀNH LUẬT",
    "Đắk R'Lấp, ngày 15 tháng 8 năm 2023",
    "Nghị quyết số 20-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XII",
    "Ưu tiên nguồn lực: “Khám, chữa bệnh từ xa” – giai đoạn 2021 - 2025",
    "Ổn định, Ấp Ông Đồ, Ở Ếch, Ỷ Ạ",
    VIETNAMESE_LOWER,
    VIETNAMESE_LOWER.upper(),
]


# ------------------------------------------------------------------------- TCVN3


def test_tcvn3_encodes_the_bytes_legacy_documents_hold():
    assert render.tcvn3_encode("Kế hoạch") == b"K\xd5 ho\xb9ch"
    assert render.tcvn3_encode("Đ đ Ă ă Ư ư") == b"\xa7 \xae \xa1 \xa8 \xa6 \xad"
    # .VnTime has no capital with a tone mark: the lowercase code, shown by .VnTimeH.
    assert render.tcvn3_encode("Ế") == render.tcvn3_encode("ế")


def test_tcvn3_table_covers_every_vietnamese_letter_once():
    table = render.tcvn3_table()
    for ch in VIETNAMESE_LOWER + VIETNAMESE_LOWER.upper():
        if ch.isascii():
            continue
        assert ch in table, ch
    lower_codes = [table[ch][0] for ch in VIETNAMESE_LOWER if not ch.isascii()]
    assert len(lower_codes) == len(set(lower_codes))
    assert all(code >= 0xA1 for code in lower_codes)


def test_tcvn3_rejects_letters_it_cannot_encode():
    with pytest.raises(ValueError):
        render.tcvn3_encode("ü")  # 0xFC would silently become "ỹ"


def _same_modulo_accented_capitals(decoded: str, source: str) -> bool:
    """viparse gives accented capitals back lowercase; everything else must match."""
    if len(decoded) != len(source):
        return False
    for got, want in zip(decoded, source):
        if got == want:
            continue
        needs_vntimeh = want.isupper() and render.tcvn3_byte(want)[1] == ".VnTimeH"
        if not (needs_vntimeh and got == want.lower()):
            return False
    return True


@pytest.mark.parametrize("sample", SAMPLES)
def test_tcvn3_round_trips_through_viparse(sample):
    legacy = render.tcvn3_encode(sample).decode("cp1252")
    assert legacy != sample or sample.isascii()
    decoded = viparse.fix(legacy, encoding="tcvn3")
    assert _same_modulo_accented_capitals(decoded, unicodedata.normalize("NFC", sample)), decoded


@pytest.mark.parametrize("sample", SAMPLES)
def test_tcvn3_own_decoder_restores_capitals_from_fonts(sample):
    data = render.tcvn3_encode(sample)
    fonts = [font for ch in sample for font in [render.tcvn3_byte(ch)[1]]]
    assert render.tcvn3_decode(data, fonts) == sample


def test_tcvn3_txt_rendition_converts_back_to_the_seed():
    folder = CORPUS / "seeds" / render.TCVN3_SEED
    raw = (folder / "source.tcvn3.txt").read_bytes()
    assert b"\r\n" in raw and not raw.decode("latin-1").isascii()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    legacy = raw.decode("cp1252")
    assert viparse.detect_text_encoding(legacy) == "tcvn3"
    decoded = _lines(viparse.fix(legacy, encoding="tcvn3"))
    source = _lines((folder / "source.txt").read_text(encoding="utf-8"))
    assert len(decoded) == len(source)
    for got, want in zip(decoded, source):
        assert _same_modulo_accented_capitals(got, want), (got, want)


def test_tcvn3_docx_uses_vntime_fonts_and_decodes_to_the_seed():
    folder = CORPUS / "seeds" / render.TCVN3_SEED
    document = docx.Document(str(folder / "source.tcvn3.docx"))
    fonts = {run.font.name for p in document.paragraphs for run in p.runs}
    assert fonts == {".VnTime", ".VnTimeH"}
    first = next(p for p in document.paragraphs if p.text)
    assert first.text == "KÕ HO¹CH" and first.runs[0].font.name == ".VnTimeH"
    decoded = []
    for p in document.paragraphs:
        data, per_byte = b"", []
        for run in p.runs:
            data += run.text.encode("cp1252")
            per_byte += [run.font.name] * len(run.text)
        if data:
            decoded.append(render.tcvn3_decode(data, per_byte))
    source = [line for line in _plain_lines(folder / "source.txt")]
    assert all(line in source for line in decoded)
    assert "Ủy ban nhân dân tỉnh Bắc Giang" in " ".join(decoded)


# -------------------------------------------------------------------------- DOCX


def _lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.replace("\r\n", "\n").split("\n") if ln.strip()]


def _strip_markup(line: str) -> str:
    line = re.sub(r"^#{1,6}\s+", "", line.strip()).replace("**", "")
    return re.sub(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])", r"\1", line).strip()


def _plain_lines(path: Path) -> list[str]:
    """Non-table lines of a seed without Markdown markup."""
    return [_strip_markup(ln) for ln in _lines(path.read_text(encoding="utf-8")) if "\t" not in ln]


def _tab_blocks(path: Path) -> list[list[list[str]]]:
    blocks, current = [], []
    for line in path.read_text(encoding="utf-8").split("\n") + [""]:
        if "\t" in line:
            current.append(line.split("\t"))
        elif current:
            blocks.append(current)
            current = []
    return blocks


def _is_data_table(table: Table) -> bool:
    return table.style is not None and table.style.name == "Table Grid"


def _cell_texts(table: Table) -> list[list[str]]:
    """Each distinct cell once: merged cells are not repeated (python-docx's row.cells does)."""
    rows = []
    for tr in table._tbl.tr_lst:
        row = []
        for tc in tr.tc_lst:
            vmerge = tc.tcPr.find(qn("w:vMerge")) if tc.tcPr is not None else None
            if vmerge is not None and vmerge.get(qn("w:val")) != "restart":
                continue
            row.append("\n".join(p.text for p in tc.iter(qn("w:p")) for p in [Paragraph(p, table)]))
        rows.append(row)
    return rows


def _body(document) -> list[tuple[str, object]]:
    """("p", text) for paragraphs, also inside layout tables; ("table", Table) for data tables."""
    out = []
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            out.append(("p", Paragraph(child, document).text))
        elif child.tag == qn("w:tbl"):
            table = Table(child, document)
            if _is_data_table(table):
                out.append(("table", table))
            else:
                for tc in child.iter(qn("w:tc")):
                    out.extend(("p", Paragraph(p, table).text) for p in tc.iter(qn("w:p")))
    return out


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_docx_has_one_word_table_per_tab_block(seed):
    document = docx.Document(str(seed / "source.docx"))
    tables = [t for t in document.tables if _is_data_table(t)]
    blocks = _tab_blocks(seed / "source.txt")
    assert len(tables) == len(blocks)
    for table, block in zip(tables, blocks):
        cells = [c for row in _cell_texts(table) for c in row if c]
        fields = [f for row in block for f in row if f]
        assert cells == fields


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_docx_paragraphs_hold_the_source_lines_in_order(seed):
    document = docx.Document(str(seed / "source.docx"))
    paragraphs = [v for k, v in _body(document) if k == "p" and v.strip()]
    assert paragraphs == _plain_lines(seed / "source.txt")
    assert not any("**" in p or p.startswith("#") for p in paragraphs)


def test_docx_two_row_header_is_merged_like_the_printed_table():
    seed = CORPUS / "seeds" / "bacgiang-115-kh-ubnd-2023"
    document = docx.Document(str(seed / "source.docx"))
    table = [t for t in document.tables if _is_data_table(t)][1]
    rows = _cell_texts(table)
    assert rows[0] == ["Stt", "Huyện/Tp", "Tổng số xã/phường/ thị trấn", "Xã đạt Tiêu chí quốc gia về y tế"]
    assert rows[1] == [f"Năm {y}" for y in range(2023, 2031)]
    assert rows[2][:3] == ["1", "H. Sơn Động", "17"] and len(rows[2]) == 11


def test_docx_header_block_is_a_borderless_two_column_table():
    document = docx.Document(str(CORPUS / "seeds" / "bacgiang-115-kh-ubnd-2023" / "source.docx"))
    header = document.tables[0]
    assert not _is_data_table(header)
    assert [c.text for c in header.rows[0].cells] == ["Số: 115 /KH-UBND", "Bắc Giang, ngày 27 tháng 6 năm 2023"]
    runs = {r.font.name or document.styles["Normal"].font.name for p in document.paragraphs for r in p.runs}
    assert runs == {"Times New Roman"}


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([["Stt", "Huyện", "Xã đạt", "", ""], ["", "", "2023", "2024", "2025"], ["1", "A", "2", "3", "4"]],
         (2, [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 4)])),
        ([["Stt", "Huyện", "Số xã"], ["1", "A", "2"]], (1, [])),
        ([["Toàn tỉnh", "", "36"], ["1", "A", "2"]], (1, [])),  # an empty field, no sub-header
        ([["TT", "Nội dung", "Thời gian", ""], ["", "", "Bắt đầu", "Kết thúc"], ["1", "x", "1/2025", "6/2025"]],
         (2, [(0, 0, 1, 0), (0, 1, 1, 1), (0, 2, 0, 3)])),
    ],
)
def test_header_merges_follow_the_spanning_header(rows, expected):
    assert render.header_merges(rows) == expected


def test_inline_markup_becomes_runs_without_asterisks():
    runs, bold = render.inline_runs("Họp xét 02 đợt (*đợt 1: vào tháng 6*). **KT CHỦ TỊCH")
    assert "".join(r.text for r in runs) == "Họp xét 02 đợt (đợt 1: vào tháng 6). KT CHỦ TỊCH"
    assert [r.text for r in runs if r.italic] == ["đợt 1: vào tháng 6"]
    assert [r.text for r in runs if r.bold] == ["KT CHỦ TỊCH"] and bold
    runs, _ = render.inline_runs("* Hết năm 2023: 36 đơn vị")
    assert runs[0].text == "* Hết năm 2023: 36 đơn vị" and not runs[0].italic


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
def test_committed_docx_matches_what_the_script_writes(seed):
    source = (seed / "source.txt").read_bytes()
    blocks = render.parse_seed(source.decode("utf-8"))
    assert render.write_docx(blocks, render.stamp_for(source)) == (seed / "source.docx").read_bytes(), (
        "stale rendition: run `python corpus/render.py`")


# ----------------------------------------------------------------------- realdoc


def _words(text: str) -> list[str]:
    words = (w.replace("*", "").strip("|") for w in text.split())
    return [w for w in words if w and not re.fullmatch(r"[-=_]+", w)]


def test_realdoc_docx_keeps_every_word_and_drops_the_markup():
    source = (REALDOC_DIR / "source.txt").read_text(encoding="utf-8")
    document = docx.Document(str(REALDOC_DIR / "source.docx"))
    body = [v for k, v in _body(document) if k == "p"]
    assert _words("\n".join(body)) == _words(source)
    assert not any("**" in p or p.strip() in {"|", "* *"} or p.startswith("---") for p in body)
    header = document.tables[0]
    assert [c.text for c in header.rows[1].cells] == ["Số: 7360/KH-UBND", "Lai Châu, ngày 19 tháng 11 năm 2025"]
    closing = document.tables[-1]
    assert closing.rows[0].cells[0].text.startswith("Nơi nhận:")
    assert closing.rows[0].cells[1].text.endswith("Tống Thanh Hải")


def test_markdown_pipe_tables_become_word_tables():
    blocks = render.parse_markdown("Chỉ tiêu:\n\n| TT | Chỉ tiêu | 2025 |\n|---|---|---|\n| 1 | Tỷ lệ | 95% |\n\nHết.")
    tables = [b for b in blocks if isinstance(b, render.DataTable)]
    assert tables[0].rows == [["TT", "Chỉ tiêu", "2025"], ["1", "Tỷ lệ", "95%"]]


# -------------------------------------------------------------------------- PDFs


@pytest.mark.parametrize("folder", SEEDS + [REALDOC_DIR], ids=lambda p: p.name)
def test_committed_pdf_was_rendered_from_the_committed_docx(folder):
    stamp = docx.Document(str(folder / "source.docx")).core_properties.keywords
    assert render.pdf_stamp(folder / "source.pdf") == stamp


@pytest.mark.parametrize(("args", "code"), [([], 0), (["--strict"], 1)])
def test_missing_soffice_skips_pdfs_with_a_clear_message(monkeypatch, capsys, args, code):
    monkeypatch.setattr(render.shutil, "which", lambda name: None)
    assert render.main(args) == code
    out, err = capsys.readouterr()
    assert "soffice (LibreOffice) not found" in err
    assert "skipped" in out and "source.pdf" in out


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_soffice_renders_vietnamese_that_extracts_intact(tmp_path):
    import pypdfium2

    blocks = render.parse_seed("Số: 1/KH-UBND\n\nHà Nội, ngày 2 tháng 3 năm 2025\n\nKẾ HOẠCH\n\n"
                               "Củng cố y tế cơ sở\tNăm 2025\n")
    path = tmp_path / "x.docx"
    path.write_bytes(render.write_docx(blocks, "kehoach-render-test"))
    renderer = render.Renderer()
    try:
        renderer.pdf(path, tmp_path / "x.pdf")
    finally:
        renderer.close()
    pdf = pypdfium2.PdfDocument(str(tmp_path / "x.pdf"))
    text = unicodedata.normalize("NFC", pdf[0].get_textpage().get_text_range())
    for phrase in ["KẾ HOẠCH", "Củng cố y tế cơ sở", "Hà Nội, ngày 2 tháng 3 năm 2025"]:
        assert phrase in text


def test_bar_table_of_data_rows_becomes_a_ruled_table_with_section_rows_merged():
    md = ("|\n**STT**\n|\n**Tên nhiệm vụ**\n|\n**Cơ quan chủ trì**\n|\n|\n**I.\nNÂNG CAO NHẬN THỨC**\n|\n|\n"
          "1\n|\nTriển khai nền tảng\nđào tạo trực tuyến.\n|\nSở KH&CN\n|\n\nHết.")
    blocks = render.parse_markdown(md)
    table = next(b for b in blocks if isinstance(b, render.DataTable))
    assert table.rows == [["STT", "Tên nhiệm vụ", "Cơ quan chủ trì"], ["I. NÂNG CAO NHẬN THỨC", "", ""],
                          ["1", "Triển khai nền tảng đào tạo trực tuyến.", "Sở KH&CN"]]
    assert render._section_rows(table.rows, 1) == [1]
    document = docx.Document(io.BytesIO(render.write_docx(blocks, "stamp")))
    row = document.tables[0].rows[1]
    assert row.cells[0]._tc is row.cells[2]._tc  # one cell across the table
    assert document.tables[0].style.name == "Table Grid"


def test_bar_table_ends_after_a_full_row_when_text_follows_without_a_blank_line():
    # 109_nghean_kh980-2025: "KẾ HOẠCH" follows the header table's last "|" directly.
    md = ("|\n**ỦY BAN NHÂN DÂN**\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n|\n|\nSố: 980/KH-UBND\n|\n"
          "*Nghệ An, ngày 18 tháng 11 năm 2025*\n|\n**KẾ HOẠCH**\nThực hiện Quyết định số 1899/QĐ-TTg")
    blocks = render.parse_markdown(md)
    assert isinstance(blocks[0], render.LayoutTable) and len(blocks[0].rows) == 2
    assert [b.text for b in blocks[1:] if isinstance(b, render.Para)][0].startswith("KẾ HOẠCH")


def test_page_numbers_are_a_page_field_in_the_header_from_page_two():
    blocks = render.parse_markdown("KẾ HOẠCH\n\nNội dung.")
    document = docx.Document(io.BytesIO(render.write_docx(blocks, "stamp", page_numbers=True)))
    section = document.sections[0]
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml and not section.first_page_header.paragraphs[0].text


def test_layout_cell_lines_inside_one_bold_run_become_line_breaks():
    md = "|\nNơi nhận:\n- Như trên;\n|\n**TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH**\n\n\n\nTống Thanh Hải\n|\n\nHết."
    table = render.parse_markdown(md)[0]
    signature = table.rows[0][1]
    assert signature[0].text == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH"
    document = docx.Document(io.BytesIO(render.write_docx([table], "stamp")))
    assert document.tables[0].rows[0].cells[1].paragraphs[0]._p.xml.count("<w:br/>") == 2


def _paragraphs(md: str) -> list[str]:
    return [b.text for b in render.parse_markdown(md) if isinstance(b, render.Para)]


def test_export_without_blank_lines_keeps_its_paragraphs():
    # 109_nghean_kh980-2025: hard-wrapped lines and no blank line anywhere. A paragraph
    # ends where a line ends a sentence; a bold line or a numbered line is a heading.
    md = ("Thực hiện Quyết định số 1899/QĐ-TTg ngày 04/9/2025\ncủa Thủ tướng Chính phủ.\n"
          "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n**I. MỤC ĐÍCH, YÊU CẦU**\n**1. Mục đích**\n"
          "Xác định phạm vi, trách nhiệm; phân công nhiệm vụ\ncho các sở, ban, ngành.\n"
          "**2. Kế hoạch phát triển giai đoạn\n2026 - 2030**\n"
          "- Bảo đảm sự chỉ đạo thống nhất của Ủy\nban nhân dân tỉnh.\n") * 2
    assert _paragraphs(md)[:7] == [
        "Thực hiện Quyết định số 1899/QĐ-TTg ngày 04/9/2025 của Thủ tướng Chính phủ.",
        "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",
        "I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích",
        "Xác định phạm vi, trách nhiệm; phân công nhiệm vụ cho các sở, ban, ngành.",
        "2. Kế hoạch phát triển giai đoạn 2026 - 2030",
        "- Bảo đảm sự chỉ đạo thống nhất của Ủy ban nhân dân tỉnh.",
    ]


def test_soft_wrapped_markdown_paragraph_stays_one_paragraph():
    # With blank lines between paragraphs, a line ending a sentence does not end the paragraph.
    md = "Nội dung thứ nhất kết thúc.\nTiếp theo vẫn cùng đoạn, năm\n2026 và các năm sau.\n\nĐoạn hai."
    assert _paragraphs(md) == ["Nội dung thứ nhất kết thúc. Tiếp theo vẫn cùng đoạn, năm 2026 và các năm sau.",
                               "Đoạn hai."]


def test_lines_in_capitals_are_lines_of_their_own():
    # 029_hanoi_qd2280-2026: plain text, no layout table: the header, the document type over
    # its title and the signature lines each stand on their own line.
    md = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
          "QUYẾT ĐỊNH\nPhê duyệt Kế hoạch Bảo đảm thoát nước\nkhu vực nội thành\n\n"
          "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH")
    assert _paragraphs(md) == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                               "Độc lập - Tự do - Hạnh phúc", "QUYẾT ĐỊNH",
                               "Phê duyệt Kế hoạch Bảo đảm thoát nước khu vực nội thành",
                               "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_italic_closed_after_a_space_is_italic_without_stars():
    # 044_ttg_qd2623-2025: "*Căn cứ Luật ...; *" - the normalizer reads it as italics too.
    runs, _ = render.inline_runs("*Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025; *")
    assert [(r.text, r.italic) for r in runs] == [("Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;", True)]


def test_bar_after_a_closed_row_opens_no_empty_cell():
    # 109_nghean_kh980-2025: a row whose last cell is empty ends "|" "|" "|"; the next row
    # starts with its number, as the text reader reads it.
    md = ("|\nTT\n|\nNội dung\n|\nCơ quan chủ trì\n|\nSản phẩm\n|\n|\n1\n|\nRà soát\n|\nSở Tài chính\n|\n|\n|\n"
          "2\n|\nHướng dẫn\n|\nSở Y tế\n|\nBáo cáo\n|\n\nHết.")
    table = next(b for b in render.parse_markdown(md) if isinstance(b, render.DataTable))
    assert [row[0] for row in table.rows] == ["TT", "1", "2"]
