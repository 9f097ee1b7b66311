"""A page break (``\\f``, from a PDF) ends a line exactly as a newline does, in every extractor.

Each text below is quoted from a PDF rendition of a real plan, where the page ended
right after the quoted line; the same text with ``\\n`` reads the same.
"""

from __future__ import annotations

import pytest

from extractors import assignments, metadata
from extractors.context import PlanContext
from pipeline.build import document_from_text
from pipeline.document import line_end, line_start

DONGTHAP = PlanContext(province="Đồng Tháp", issuer_level="province")
DONGNAI = PlanContext(province="Đồng Nai", issuer_level="province")
CANTHO = PlanContext(province="Cần Thơ", issuer_level="province")


def _roles(text: str, ctx: PlanContext) -> set[tuple[str, str]]:
    return {(a.agency, a.role) for a in assignments.extract(document_from_text(text), ctx)}


@pytest.mark.parametrize("text, pos, start, end", [
    ("2. Sở Tài chính\fa) Phối hợp", 20, 16, 27),
    ("2. Sở Tài chính\fa) Phối hợp", 3, 0, 15),
    ("a\nb\fc\nd", 4, 4, 5),
    ("không ngắt dòng", 5, 0, 15),
])
def test_line_bounds_treat_page_break_as_newline(text, pos, start, end):
    assert (line_start(text, pos), line_end(text, pos)) == (start, end)


@pytest.mark.parametrize("brk", ["\n", "\f"])
def test_110_dongthap_agency_heading_ended_by_page_break(brk):
    """'1. Sở Xây dựng\\f- Chủ trì ...': the heading is the agency alone, its bullets give the role."""
    text = ("KẾ HOẠCH\nChuyển đổi số\n\nV. TỔ CHỨC THỰC HIỆN\n\n"
            f"1. Sở Xây dựng{brk}- Chủ trì xây dựng, quản lý, vận hành hệ thống thông tin dữ liệu về quy hoạch xây dựng.\n"
            "- Hướng dẫn các địa phương thực hiện.\n"
            f"2. Sở Nông nghiệp và Môi trường{brk}- Phối hợp chia sẻ dữ liệu đất đai, bản đồ địa chính.\n")
    roles = _roles(text, DONGTHAP)
    assert {("Sở Xây dựng", "lead"), ("Sở Nông nghiệp và Môi trường", "cooperate")} <= roles
    assert ("Sở Nông nghiệp và Môi trường", "responsible") not in roles


@pytest.mark.parametrize("brk", ["\n\n", "\f"])
def test_035_dongnai_partner_bullets_after_page_break(brk):
    """'b) Chủ trì, phối hợp\\f- Sở Tài chính và các đơn vị ... tham mưu': the bullets' bodies cooperate."""
    text = ("KẾ HOẠCH\nPhòng, chống ma túy\n\nIV. TỔ CHỨC THỰC HIỆN\n\n2.3. Công an tỉnh\n\n"
            "a) Chủ trì, phối hợp với các đơn vị liên quan tham mưu Ủy ban nhân dân tỉnh thực hiện Chương trình.\n\n"
            f"b) Chủ trì, phối hợp{brk}- Sở Tài chính và các đơn vị có liên quan tham mưu Ủy ban nhân dân tỉnh cân đối, "
            "bố trí ngân sách nhà nước.\n\n- Sở Nội vụ và các cơ quan, đơn vị liên quan tham mưu Ủy ban nhân dân tỉnh "
            "quy định về phân cấp quản lý.\n")
    roles = _roles(text, DONGNAI)
    assert {("Sở Tài chính", "cooperate"), ("Sở Nội vụ", "cooperate")} <= roles
    assert ("Sở Tài chính", "responsible") not in roles


@pytest.mark.parametrize("brk", ["\n\n", "\f"])
def test_111_cantho_lettered_subject_after_page_break(brk):
    text = ("KẾ HOẠCH\nThi đua\n\nIII. NỘI DUNG\n\n1. Hình thức\n\nTuyên truyền trực tiếp.\n\n"
            f"2. Phương án triển khai{brk}a) Ủy ban nhân dân xã, phường huy động nguồn lực, tổ chức triển khai "
            "hoạt động tuyên truyền, vận động đến từng đối tượng.\n")
    assert ("Ủy ban nhân dân xã, phường", "responsible") in _roles(text, CANTHO)


@pytest.mark.parametrize("brk", ["\n", "\f"])
def test_staged_horizon_counts_a_stage_opening_a_page(brk):
    """'a) Đến hết năm 2025: ...' / (page) 'b) Đến hết năm 2030: ...': the plan runs to the last stage."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG NAI\nSố: 12/KH-UBND\nĐồng Nai, ngày 10 tháng 3 năm 2025\n\nKẾ HOẠCH\n"
            "Phát triển giáo dục mầm non\n\nI. MỤC TIÊU\n\n"
            "a) Đến hết năm 2025: 95% trẻ em đến trường; đến năm 2025 hoàn thành rà soát; đến năm 2025 kiện toàn.\n"
            f"- Tổ chức tập huấn đến năm 2025.{brk}b) Đến hết năm 2030: 100% trẻ em đến trường.\n")
    assert metadata.extract(document_from_text(text)).horizon_year == 2030
