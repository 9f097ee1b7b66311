"""Segmentation: header, type, title, preamble, sections, tables and closing."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.conftest import SEEDS, seed_text
from pipeline.build import document_from_text

PLAN = """ỦY BAN NHÂN DÂN
TỈNH BẮC GIANG

Số: 115/KH-UBND

Bắc Giang, ngày 27 tháng 6 năm 2023

KẾ HOẠCH
Thực hiện Bộ tiêu chí quốc gia về y tế xã
trên địa bàn tỉnh Bắc Giang

Căn cứ Quyết định số 1300/QĐ-BYT ngày 09/3/2023 của Bộ trưởng Bộ Y tế;

I. MỤC TIÊU

1. Mục tiêu chung

Xây dựng mạng lưới y tế.

1.1. Chỉ tiêu

a) Năm 2025

- 100% dân số tham gia bảo hiểm y tế.

Stt\tHuyện\tNăm 2023
1\tSơn Động\t2
Toàn tỉnh\t\t36

II. TỔ CHỨC THỰC HIỆN

1. Sở Y tế

- Chủ trì.

Nơi nhận:
- Bộ Y tế;
- Lưu: VT.

KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Mai Sơn
"""


def kinds(doc):
    return [n.kind for n in doc.outline]


def test_front_matter_nodes():
    doc = document_from_text(PLAN)
    by_kind = {n.kind: n for n in doc.outline}
    assert by_kind["number_line"].heading == "Số: 115/KH-UBND"
    assert by_kind["date_line"].heading == "Bắc Giang, ngày 27 tháng 6 năm 2023"
    assert by_kind["doc_type"].heading == "KẾ HOẠCH"
    assert by_kind["title"].heading == "Thực hiện Bộ tiêu chí quốc gia về y tế xã trên địa bàn tỉnh Bắc Giang"
    assert by_kind["preamble"].heading.startswith("Căn cứ Quyết định số 1300/QĐ-BYT")
    assert by_kind["header"].heading == "ỦY BAN NHÂN DÂN TỈNH BẮC GIANG"


def test_sections_nest_by_numbering():
    doc = document_from_text(PLAN)
    sections = [n for n in doc.outline if n.kind == "section"]
    labels = [(s.label, s.level) for s in sections]
    assert labels == [("I", 1), ("1", 2), ("1.1", 3), ("a", 5), ("II", 1), ("1", 2)]
    first, child = sections[0], sections[1]
    assert doc.outline[child.parent] == first
    # A section's span covers its content up to the next heading of its level.
    assert "100% dân số" in doc.text[first.span.start:first.span.end]
    assert "TỔ CHỨC" not in doc.text[first.span.start:first.span.end]


def test_tables_keep_cells_with_spans():
    doc = document_from_text(PLAN)
    (table,) = doc.tables
    assert [c.text for c in table.rows[0]] == ["Stt", "Huyện", "Năm 2023"]
    assert [c.text for c in table.rows[2]] == ["Toàn tỉnh", "", "36"]
    for row in table.rows:
        for cell in row:
            assert doc.text[cell.span.start:cell.span.end] == cell.text


def test_closing_recipients_and_signature():
    doc = document_from_text(PLAN)
    recipients = next(n for n in doc.outline if n.kind == "recipients")
    signature = next(n for n in doc.outline if n.kind == "signature")
    assert "Bộ Y tế" in doc.text[recipients.span.start:recipients.span.end]
    assert doc.text[signature.span.start:signature.span.end].endswith("Mai Sơn")
    assert all(n.kind != "section" or n.span.end <= recipients.span.start for n in doc.outline)


@pytest.mark.parametrize(
    ("line", "label", "level"),
    [
        ("I. MỤC ĐÍCH, YÊU CẦU", "I", 1),
        ("IV. TỔ CHỨC THỰC HIỆN", "IV", 1),
        ("2. Yêu cầu", "2", 2),
        ("2.3. Giải pháp", "2.3", 3),
        ("2.3 Giải pháp", "2.3", 3),
        ("1.2.1. Chỉ tiêu", "1.2.1", 4),
        ("b) Nghị định quy định", "b", 5),
        ("đ) Tổ chức", "đ", 5),
        ("Điều 1. Ban hành kèm theo", "1", 1),
    ],
)
def test_heading_forms(line, label, level):
    doc = document_from_text(f"{line}\n\nNội dung.\n")
    (section,) = [n for n in doc.outline if n.kind == "section"]
    assert (section.label, section.level) == (label, level)


@pytest.mark.parametrize("line", ["V/V HỖ TRỢ NHU YẾU PHẨM", "V/v triển khai thực hiện"])
def test_ve_viec_is_not_section_five(line):
    doc = document_from_text(f"KẾ HOẠCH\n{line}\n\nI. MỤC ĐÍCH\n")
    assert [n.label for n in doc.outline if n.kind == "section"] == ["I"]


@pytest.mark.parametrize("bullet", ["- a", "+ b", "* c", "• d"])
def test_bullet_forms(bullet):
    doc = document_from_text(f"1. Nhiệm vụ\n\n{bullet} nội dung\n")
    assert "bullet" in kinds(doc)


def test_news_page_has_no_front_matter():
    doc = document_from_text(seed_text("thanhhoa-news-153-kh-ubnd-2024"))
    assert "doc_type" not in kinds(doc)


@pytest.mark.parametrize("folder", SEEDS, ids=lambda p: p.name)
def test_every_span_is_inside_the_text(folder):
    doc = document_from_text((folder / "source.txt").read_text(encoding="utf-8"))
    for node in doc.outline:
        assert 0 <= node.span.start <= node.span.end <= len(doc.text)
        if node.kind in ("section", "number_line", "date_line", "doc_type"):
            assert doc.text[node.span.start:node.span.end].startswith(node.heading[:20])


def test_bac_giang_tables_are_complete():
    doc = document_from_text(seed_text("bacgiang-115-kh-ubnd-2023"))
    phase, yearly = doc.tables
    assert len(phase.rows) == 12 and phase.rows[-1][0].text == "Toàn tỉnh"
    assert len(yearly.rows) == 13 and yearly.rows[-1][0].text == "Tổng"
    assert [c.text for c in yearly.rows[1] if c.text][:2] == ["Năm 2023", "Năm 2024"]


def _title(text: str) -> str | None:
    doc = document_from_text(text)
    node = next((n for n in doc.outline if n.kind == "title"), None)
    return doc.quote(node.span) if node else None


@pytest.mark.parametrize("authority", [
    "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI",  # 103_quangngai_qd1627-2025 as a PDF/DOCX
    "THỦ TƯỚNG CHÍNH PHỦ",  # 044_ttg_qd2623-2025
    "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH",  # 108_hcm_qd2853-2025
    "BỘ TRƯỞNG BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH",  # 112_bvhttdl_qd4385-2025
])
def test_decision_title_ends_at_the_enacting_authority_line(authority):
    text = ("ỦY BAN NHÂN DÂN\nSố: 1627/QĐ-UBND\nQuảng Ngãi, ngày 21 tháng 11 năm 2025\nQUYẾT ĐỊNH\n"
            "VỀ VIỆC BAN HÀNH KẾ HOẠCH KIỂM KÊ TÀI SẢN CÔNG\nTHỜI ĐIỂM 0H00 NGÀY 01 THÁNG 01 NĂM 2026\n"
            f"{authority}\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n")
    assert _title(text) == "VỀ VIỆC BAN HÀNH KẾ HOẠCH KIỂM KÊ TÀI SẢN CÔNG\nTHỜI ĐIỂM 0H00 NGÀY 01 THÁNG 01 NĂM 2026"


def test_plan_title_wrapped_onto_the_issuing_body_keeps_it():
    text = ("ỦY BAN NHÂN DÂN\nSố: 12/KH-UBND\nHà Tĩnh, ngày 2 tháng 3 năm 2025\nKẾ HOẠCH\n"
            "TRIỂN KHAI CHƯƠNG TRÌNH CÔNG TÁC NĂM 2025 CỦA\nỦY BAN NHÂN DÂN TỈNH HÀ TĨNH\n"
            "Thực hiện Quyết định số 5/QĐ-UBND ngày 1/1/2025;\n")
    assert _title(text).endswith("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH")
    decision = text.replace("KẾ HOẠCH\n", "QUYẾT ĐỊNH\n")
    assert _title(decision).endswith("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH")  # "... CỦA" goes on


def test_ttg_044_recipient_wrapped_in_its_column_keeps_the_list_and_the_plan_after_it():
    # 044_ttg_qd2623-2025 as a PDF: recipients wrap in their narrow column; the closing
    # must reach the signature so the plan the decision issues is read after it.
    text = ("THỦ TƯỚNG CHÍNH PHỦ\nSố: 2623/QĐ-TTg\nHà Nội, ngày 29 tháng 11 năm 2025\nQUYẾT ĐỊNH\n"
            "BAN HÀNH KẾ HOẠCH TRIỂN KHAI THI HÀNH LUẬT BẢO VỆ DỮ LIỆU CÁ NHÂN\n"
            "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch.\n"
            "Nơi nhận:\n- Ban Bí thư Trung ương Đảng;\n- VPCP: BTCN, các PCN, Trợ lý, TGĐ Cổng\nTTĐT,\n"
            "các Vụ, Cục, đơn vị trực thuộc,\nCông báo;\n- Kiểm toán nhà nước;\n- Văn phòng Quốc hội;\n"
            "- Tòa án nhân dân tối cao;\n- Viện kiểm sát nhân dân tối cao;\n- Lưu: VT, KSTT (2b).\n"
            "THỦ TƯỚNG\nPhạm Minh Chính\nKẾ HOẠCH\nTRIỂN KHAI THI HÀNH LUẬT BẢO VỆ DỮ LIỆU CÁ NHÂN\n"
            "I. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n")
    doc = document_from_text(text)
    recipients = next(n for n in doc.outline if n.kind == "recipients")
    assert doc.text[recipients.span.start:recipients.span.end].endswith("- Lưu: VT, KSTT (2b).")
    assert kinds(doc).count("doc_type") == 2
    assert [n.label for n in doc.outline if n.kind == "section"][-2:] == ["I", "1"]


def test_recipients_end_before_a_line_that_is_no_recipient():
    text = "Nơi nhận:\n- Bộ Y tế;\n- Lưu: VT.\nTrương Việt Dũng\nPHỤ LỤC"
    doc = document_from_text(text)
    recipients = next(n for n in doc.outline if n.kind == "recipients")
    assert doc.text[recipients.span.start:recipients.span.end].endswith("- Lưu: VT.")


@pytest.mark.parametrize("announce", [
    # 045_hcm_kh174-2025: after the legal bases, before section I.
    "Ủy ban nhân dân Thành phố ban hành Kế hoạch triển khai các nhiệm vụ trọng tâm cuối năm 2025 như sau:",
    "Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:",  # 109_nghean_kh980-2025
    "UBND huyện xây dựng Kế hoạch thực hiện, cụ thể như sau:",
])
def test_sentence_announcing_the_plan_closes_the_preamble(announce):
    text = (f"KẾ HOẠCH\nBÌNH ĐẲNG GIỚI\nCăn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;\n"
            f"{announce}\nI. MỤC ĐÍCH, YÊU CẦU\n1. Mục đích\n- Tăng cường sự lãnh đạo.\n")
    doc = document_from_text(text)
    preamble = [doc.text[n.span.start:n.span.end] for n in doc.outline if n.kind == "preamble"]
    assert preamble[-1] == announce


def test_body_sentence_without_the_announcing_formula_is_not_preamble():
    text = ("KẾ HOẠCH\nBÌNH ĐẲNG GIỚI\nCăn cứ Luật Bình đẳng giới ngày 29 tháng 11 năm 2006;\n"
            "Sau 5 năm thực hiện, công tác bình đẳng giới đạt nhiều kết quả như sau:\nI. MỤC ĐÍCH\n")
    doc = document_from_text(text)
    assert [n.kind for n in doc.outline].count("preamble") == 1


@given(st.lists(st.tuples(st.sampled_from(["section", "section", "bullet", "recipients", "signature", "doc_type"]),
                          st.integers(1, 5)), max_size=40))
def test_sections_close_at_the_next_heading_as_high_or_the_closing(parts):
    """The one-pass closing gives what scanning forward from every section gives."""
    from pipeline.segment import _close_sections, _Draft

    def drafts():
        return [_Draft(kind, start=10 * i, end=0, level=level) for i, (kind, level) in enumerate(parts)]

    fast, body_end = drafts(), 10 * len(parts) + 5
    _close_sections(fast, body_end)
    expected = drafts()
    for i, d in enumerate(expected):
        if d.kind == "section":
            later = [x for x in expected[i + 1:]
                     if x.kind == "section" and x.level <= d.level or x.kind in ("recipients", "signature", "doc_type")]
            d.end = later[0].start if later else body_end
    assert [d.end for d in fast if d.kind == "section"] == [d.end for d in expected if d.kind == "section"]


def test_year_wrapped_to_a_line_start_is_no_section(make_doc):
    doc = make_doc("Số: 77/KH-UBND\nKẾ HOẠCH\nGIÁM SÁT NĂM 2024\nThực hiện Quyết định số 90/QĐ-TTg ngày\n"
                   "18/01/2022 của Thủ tướng Chính phủ giai đoạn 2021 -\n2025. Trên cơ sở Kế hoạch số 6/KH-UBND, UBND tỉnh "
                   "ban hành Kế hoạch như sau:\nI. MỤC ĐÍCH\n1. Mục đích\n- Theo dõi.\n")
    labels = [n.label for n in doc.outline if n.kind == "section"]
    assert labels == ["I", "1"]
