"""Normalization: one canonical text, and every offset maps back to the source."""

from __future__ import annotations

import re
import unicodedata

import pytest

from pipeline.normalize import normalize
from pipeline.textmap import MappedText


def norm(text: str) -> str:
    return normalize(text).text.text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Thanh Hoá", "Thanh Hóa"),
        ("THANH HOÁ", "THANH HÓA"),
        ("thuỷ lợi", "thủy lợi"),
        ("sức khoẻ", "sức khỏe"),
        ("hoà bình", "hòa bình"),
        ("quý IV", "quý IV"),  # qu + y: the tone stays on y
        ("hoàng", "hoàng"),  # closed syllable: unchanged
        ("khuyến khích", "khuyến khích"),
        ("hóa", "hóa"),
    ],
)
def test_tone_placement_is_one_form(raw, expected):
    assert norm(raw) == expected


def test_nfd_text_becomes_nfc():
    decomposed = unicodedata.normalize("NFD", "Kế hoạch Đắk R'Lấp")
    assert norm(decomposed) == "Kế hoạch Đắk R'Lấp"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Thực hiện Quyết định số\n2138/QĐ-TTg ngày 27", "Thực hiện Quyết định số 2138/QĐ-TTg ngày 27"),
        ("trên địa bàn\ntỉnh Bắc Giang", "trên địa bàn tỉnh Bắc Giang"),
        ("Số:\n7360/KH-UBND", "Số: 7360/KH-UBND"),
        ("**I. MỤC\nĐÍCH, YÊU CẦU**", "I. MỤC ĐÍCH, YÊU CẦU"),
        ("kết quả thực\n\nhiện Bộ tiêu chí", "kết quả thực hiện Bộ tiêu chí"),
        ("chất lượng y tế\ncơ sở", "chất lượng y tế cơ sở"),
        ("+ Sở\nXây dựng: chủ trì", "+ Sở Xây dựng: chủ trì"),
        ("4. Trong giai đoạn 2026\n- 2030 phấn đấu 100%", "4. Trong giai đoạn 2026 - 2030 phấn đấu 100%"),
        ("- Mặt trận Tổ quốc, Đoàn\nThanh niên, Hội Phụ nữ", "- Mặt trận Tổ quốc, Đoàn Thanh niên, Hội Phụ nữ"),
        ("giao Bộ Chỉ huy\nQuân sự tỉnh chủ trì", "giao Bộ Chỉ huy Quân sự tỉnh chủ trì"),
        ("báo cáo kết quả về\nỦy ban nhân dân tỉnh", "báo cáo kết quả về Ủy ban nhân dân tỉnh"),
    ],
)
def test_lines_broken_mid_sentence_are_joined(raw, expected):
    assert norm(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        # Như Thanh seed, DOCX and PDF: "2.1" typed without its final dot is a new item.
        "2. Chỉ tiêu cụ thể đến năm 2025\n2.1 Tốc độ tăng dân số bình quân hàng năm dưới 0,7%",
        "Xây mới 04 trạm y tế xã (Phượng Nghi, Phú Nhuận)\n2.14 Duy trì tỷ lệ 100% chất thải y tế",
        # Kiên Hải seed, DOCX and PDF: a stray "4/" line must not swallow the closing.
        "4/\nNơi nhận:",
        "triển khai thực hiện\n**Nơi nhận:**",
    ],
)
def test_new_items_and_the_recipient_list_start_their_own_line(raw):
    assert norm(raw) == raw.replace("**", "")


@pytest.mark.parametrize(
    "raw",
    [
        "1. Mục tiêu chung\n2. Mục tiêu cụ thể",
        "- Bộ Y tế (Báo cáo);\n- UBND các huyện;",
        "Nơi nhận:\n- Như trên;",
        "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
        "**KT CHỦ TỊCH\nPHÓ CHỦ TỊCH**",
        "Stt\tHuyện\n1\tSơn Động",
        "Luật.\n\na) Nghị định quy định",
    ],
)
def test_structure_lines_stay_apart(raw):
    assert norm(raw).count("\n") >= 1


def test_pdf_line_end_hyphen_marker_is_a_hyphen():
    # pypdfium2 writes U+FFFE where a line broke after a hyphen: "1453/QĐ-BYT".
    assert norm("Quyết định số 1453/QĐ\ufffe\r\nBYT\r\n") == "Quyết định số 1453/QĐ-BYT\n"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("Kế hoạch số 198-\nKH/HU", "Kế hoạch số 198-KH/HU"), ("Chỉ thị 25-\nCT/TW;", "Chỉ thị 25-CT/TW;")],
)
def test_symbol_broken_after_its_hyphen_joins_without_space(raw, expected):
    assert norm(raw) == expected


def test_one_cell_per_line_tables_become_rows():
    raw = "|\n**STT**\n|\n**Tên nhiệm vụ**\n|\n**Thời gian hoàn thành**\n|\n|\n1\n|\nTriển khai nền tảng\nđào tạo trực tuyến\n|\nQuí IV-2025\n|\n"
    assert norm(raw).rstrip("\n") == "STT\tTên nhiệm vụ\tThời gian hoàn thành\n1\tTriển khai nền tảng đào tạo trực tuyến\tQuí IV-2025"


def test_header_layout_table_is_read_column_by_column():
    raw = ("|\n**ỦY BAN NHÂN DÂN**\nTỈNH NGHỆ AN\n-------\n|\n**CỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM**\n"
           "Độc lập - Tự do - Hạnh phúc\n|\n|\nSố: 980/KH-UBND\n|\n*Nghệ An, ngày 18\ntháng 11 năm 2025*\n|\n**KẾ HOẠCH**\n")
    lines = norm(raw).split("\n")
    assert "Số: 980/KH-UBND" in lines
    assert "Nghệ An, ngày 18 tháng 11 năm 2025" in lines
    assert lines.index("ỦY BAN NHÂN DÂN") < lines.index("Số: 980/KH-UBND")
    assert "KẾ HOẠCH" in lines


def test_document_without_blank_lines_is_not_swallowed_by_a_table():
    body = "\n".join(f"- Nhiệm vụ số {i} của các sở, ngành." for i in range(60))
    raw = "|\nSố: 1/KH-UBND\n|\nHà Nội, ngày 1 tháng 1 năm 2025\n|\n**KẾ HOẠCH**\n" + body + "\n|\nSTT\n|\nNội dung\n|\n"
    text = norm(raw)
    assert "- Nhiệm vụ số 30 của các sở, ngành." in text.split("\n")


def test_cell_per_line_header_does_not_swallow_the_body_up_to_the_closing():
    """A site's header table (one cell a line, "|" between cells) and, with no blank line
    anywhere, a "|" in the closing: the document type starts the body, outside any cell."""
    raw = ("|\nỦY BAN NHÂN DÂN\nTỈNH THANH HÓA\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\n|\n"
           "Số: 12/QĐ-UBND\n|\nThanh Hóa, ngày 3 tháng 5 năm 2024\n|\nQUYẾT ĐỊNH\nVỀ VIỆC PHÊ DUYỆT KẾ HOẠCH Y TẾ\n"
           "Căn cứ Luật Tổ chức chính quyền địa phương;\nĐiều 1. Phê duyệt Kế hoạch.\nNơi nhận:\n- Như Điều 3;\n"
           "|\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n|\n")
    lines = norm(raw).split("\n")
    assert "QUYẾT ĐỊNH" in lines and "Điều 1. Phê duyệt Kế hoạch." in lines


def test_markdown_is_removed_and_headings_marked():
    result = normalize("## KẾ HOẠCH\n\n**1. Mục đích**\n\n| Stt | Nội dung |\n|---|---|\n| 1 | Tuyên truyền |\n")
    text = result.text.text
    assert "#" not in text and "*" not in text and "|" not in text
    assert "1\tTuyên truyền" in text
    kinds = {(m.kind, text[m.start:m.end]) for m in result.marks}
    assert ("heading", "KẾ HOẠCH") in kinds
    assert ("bold", "1. Mục đích") in kinds


def test_pipe_row_without_its_opening_pipe_is_a_table_row():
    """A web page's layout table turned into text: the motto's column is a cell, not split off."""
    text = norm("UỶ BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
                "Số: 3605/QĐ-UBND | Sơn La, ngày 30 tháng 12 năm 2014 |\nQUYẾT ĐỊNH\n")
    assert text.split("\n")[:2] == ["ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                                     "Số: 3605/QĐ-UBND\tSơn La, ngày 30 tháng 12 năm 2014"]
    assert "|" not in text


@pytest.mark.parametrize("written, read", [
    ("Nghị định số 07/2021/NÐ-CP", "Nghị định số 07/2021/NĐ-CP"),  # Icelandic eth
    ("Ðảng ủy xã, ðoàn thể", "Đảng ủy xã, đoàn thể"),
    ("ƉẢNG CỘNG SẢN VIỆT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"),  # African D
])
def test_letters_drawn_like_dd_read_as_dd(written, read):
    assert norm(written) == read


def test_blank_lines_are_squeezed_and_spaces_collapsed():
    assert norm("\n\nA   b\n\n\n\nC  ") == "A b\n\nC"


@pytest.mark.parametrize(
    "raw",
    [
        "Thanh Hoá,  ngày 27\ntháng 6 năm 2023\r\n\r\n**KẾ HOẠCH**\n| a | b |\n",
        unicodedata.normalize("NFD", "Kiên Hải, ngày 23 tháng 10 năm 2024\n\n### Triển khai"),
        "   Để nâng cao\u00a0chất lượng\ufffe\nhoạt động",
    ],
)
def test_every_normalized_word_maps_back_to_the_same_word(raw):
    mapped = normalize(raw).text
    source_nfc = unicodedata.normalize("NFC", raw)
    for word in ("ngày", "Thanh", "KẾ", "Kiên", "Triển", "chất", "lượng"):
        at = mapped.text.find(word)
        if at < 0:
            continue
        origin = mapped.to_original(at)
        assert unicodedata.normalize("NFC", raw[origin:origin + len(word) + 3]).startswith(word[0]) or \
            source_nfc.find(word) >= 0


def test_mapped_text_sub_keeps_a_map():
    mt = MappedText("ab  cd  ef").sub(r" {2,}", " ")
    assert mt.text == "ab cd ef"
    assert [mt.to_original(i) for i in (0, 3, 6)] == [0, 4, 8]


def test_page_breaks_survive():
    assert norm("trang một\fTrang hai").split("\f") == ["trang một", "Trang hai"]


def test_lone_star_separator_opens_no_emphasis():
    assert norm("TỈNH ỦY THANH HÓA\n*\nSố 177-KH/TU").split("\n")[-1] == "Số 177-KH/TU"


def test_045_hcm_bold_heading_split_by_blank_line_is_one_heading():
    """The source wrote one bold heading as two bold paragraphs; the second goes on with the name."""
    raw = ("**3. Đề nghị Ủy ban Mặt trận\nTổ quốc Việt Nam Thành phố, Hội Liên hiệp**\n\n"
           "**Phụ nữ Thành phố và các tổ\nchức thành viên của Mặt trận**\n\n"
           "- Tham gia phối hợp triển khai thực hiện Kế hoạch này.\n")
    out = normalize(raw)
    text = out.text.text
    assert text.startswith("3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố, Hội Liên hiệp Phụ nữ Thành phố "
                           "và các tổ chức thành viên của Mặt trận\n")
    assert any(m.kind == "bold" and "Phụ nữ" in text[m.start:m.end] for m in out.marks)


@pytest.mark.parametrize("gap", ["\n\n", "\n"])  # Markdown paragraphs, DOCX paragraphs
@pytest.mark.parametrize("first, second", [
    ("2. Sở Tài chính, Sở Nội vụ và các sở", "trình cấp có thẩm quyền bố trí kinh phí"),  # goes on in lower case
    ("1. Ban Chỉ đạo của", "Ủy ban nhân dân tỉnh"),  # stops on a word no phrase ends with
    ("3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố, Hội Liên hiệp", "Phụ nữ Thành phố"),
])
def test_bold_paragraphs_that_go_on_mid_phrase_are_joined(first, second, gap):
    text = normalize(f"**{first}**{gap}**{second}**\n", "docx" if gap == "\n" else "txt").text.text
    assert text.startswith(f"{first} {second}")


@pytest.mark.parametrize("first, second", [
    ("KẾ HOẠCH", "thực hiện Chỉ thị số 25-CT/TW"),  # a title in capitals and the line under it
    ("3. Sở Y tế và", "4. Sở Tài chính"),  # a new numbered item
    ("1. Mục tiêu:", "nâng cao chất lượng"),  # the first ends on punctuation
    ("1. Sở Y tế", "Nhiệm vụ chung"),  # a complete name, then a heading of its own
    ("ỦY BAN NHÂN DÂN", "TỈNH ĐỒNG NAI"),  # header lines in capitals
])
@pytest.mark.parametrize("gap", ["\n\n", "\n"])
def test_bold_paragraphs_that_stand_alone_stay_apart(first, second, gap):
    text = normalize(f"**{first}**{gap}**{second}**\n", "docx" if gap == "\n" else "txt").text.text
    assert f"{first}{gap}{second}" in text


# ---- fast scans equal to the patterns they stand for ----------------------------------------

from hypothesis import example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from pipeline import normalize as _n  # noqa: E402

_LAYOUT_TEXT = st.text(alphabet=" \n\t\fa-Á1*", max_size=40)


@settings(max_examples=400, deadline=None)
@given(_LAYOUT_TEXT)
@example(" \n  \n a  \n")
@example("a \f b ")
@example("   ")
def test_edge_space_edits_are_the_edge_space_pattern(text):
    assert _n._edge_space_edits(text) == [(m.start(), m.end(), "") for m in _n._EDGE_SPACES.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(_LAYOUT_TEXT)
@example("\n\n\nx\n \n\ny")
@example("\n \n\nx")
@example("\nx")
def test_blank_edits_are_the_blank_pattern(text):
    expected = [(m.start(), m.end(), "" if m.start() == 0 else "\n\n") for m in _n._BLANKS.finditer(text)]
    assert _n._blank_edits(text) == expected


@pytest.mark.parametrize("text, joined", [
    ("Chỉ thị số 25-\nCT/TW", "Chỉ thị số 25-CT/TW"),
    ("Kế hoạch 198-  \nKH/HU", "Kế hoạch 198-KH/HU"),
    ("tiêu chí -\nSở Y tế", "tiêu chí -\nSở Y tế"),  # a dash after a space is no broken symbol
    ("25-\nnăm", "25-\nnăm"),
])
def test_symbol_broken_after_its_hyphen(text, joined):
    edits = [(m.start(1), m.end(1), "") for m in _n._HYPHEN_BREAK.finditer(text)]
    assert MappedText(text).replace(edits).text == joined


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="*ab \n\t1", max_size=50))
@example("**a\nb**\n\nc")
@example("* a *b\nc*")
@example("**\nx")
def test_emphasis_open_lines_skip_lines_without_markers(text):
    """The fast path for lines without ``*`` leaves the open/closed state as the full reading does."""
    ends, bold, italic, pos = set(), False, False, 0
    if "*" in text:
        for line in text.split("\n"):
            if not line.strip():
                bold = italic = False
            else:
                body = _n._STAR_BULLET.sub("", line)
                flips_bold = body.count("**") % 2 == 1
                flips_italic = body.replace("**", "").count("*") % 2 == 1
                if any(ch.isalnum() for ch in line):
                    bold ^= flips_bold
                    italic ^= flips_italic
                else:
                    bold = bold and not flips_bold
                    italic = italic and not flips_italic
            pos += len(line)
            if bold or italic:
                ends.add(pos)
            pos += 1
    assert _n._emphasis_open_at_line_ends(text) == ends


@pytest.mark.parametrize("line, mid", [
    ("phối hợp với Sở", True), ("Bộ Chỉ huy", True), ("trách nhiệm của", True),
    ("hoàn thành nhiệm vụ", False), ("", False), ("   ", False), ("Tổ chức thực hiện Sở ", True),
    ("quốc phòng", False),  # ends like "Phòng" in another case: no continuation
])
def test_ends_mid_clause(line, mid):
    assert _n._ends_mid_clause(line) is mid


_CONTROL_ALTERNATIVES = re.compile(
    r"\r\n?|[\ufffe\x02\u00ad]\r?\n?|[\u00a0\u2007\u202f]|[\u200b-\u200d\ufeff]|[\x00-\x08\x0b\x0e-\x1f\x7f]")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="a \r\n\ufffe\x02\u00ad\u00a0\u200b\ufeff\x01\x7f\t", max_size=40))
@example("a\r\nb\rc\u00ad\r\nd\ufffe\ne\x02\rf")
def test_control_pattern_matches_what_its_alternatives_match(text):
    """The class-first control pattern finds the same pieces as the plain alternation it stands for."""
    assert [m.span() for m in _n._CONTROL.finditer(text)] == [m.span() for m in _CONTROL_ALTERNATIVES.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="a *_\n", max_size=30))
@example("a__ __b **x** *y* a*b*")
def test_markdown_patterns_match_as_their_lookahead_forms(text):
    """The literal-first Markdown patterns find what the lookahead-first forms they replace found."""
    bold = re.compile(r"(?=[*_])(?:\*\*|__(?=\S)|(?<=\S)__)")
    emphasis = re.compile(r"(?=\*)(?<![\w*])\*(?=[^\s*])([^*\n]+?)\s*\*(?![\w*])")
    assert [m.span() for m in _n._MD_BOLD.finditer(text)] == [m.span() for m in bold.finditer(text)]
    assert [(m.span(), m.group(1)) for m in _n._MD_EMPH.finditer(text)] == [
        (m.span(), m.group(1)) for m in emphasis.finditer(text)]
