"""Cited documents: canonical number, date, issuer, subject and relation."""

import json
import re

import pytest

from conftest import SEEDS
from extractors import references
from extractors.context import PlanContext
from extractors.symbols import canonical_symbol, find_symbols
from pipeline.build import document_from_text
from pipeline.evaluation.references import score
from pipeline.extract import extract_plan

CTX = PlanContext(number="194/KH-TTYT", province="Kiên Giang", district="Kiên Hải", issuer_level="district")


def _refs(make_doc, text, context=CTX):
    return references.extract(make_doc(text), context)


def _plan_text(preamble: str, body: str = "Thực hiện tốt nhiệm vụ.") -> str:
    return f"Số: 194/KH-TTYT\n\nKẾ HOẠCH\nTriển khai thực hiện\n\n{preamble}\n\nI. MỤC ĐÍCH\n\n1. Mục đích\n\n{body}\n"


@pytest.mark.parametrize("preamble, number, iso, issuer, relation", [
    ("Căn cứ Quyết định số 1300/QĐ-BYT ngày 09/3/2023 của Bộ trưởng Bộ Y tế ban hành Bộ tiêu chí;",
     "1300/QĐ-BYT", "2023-03-09", "Bộ trưởng Bộ Y tế", "legal_basis"),
    ("Thực hiện Chỉ thị 25-CT/TW, ngày 25-10-2023 của Ban Bí thư về tiếp tục củng cố y tế cơ sở.",
     "25-CT/TW", "2023-10-25", "Ban Bí thư", "implements"),
    ("Thực hiện Chỉ thị số 25- CT/TW ngày 25/10/2023 của Ban Bí thư Trung ương Đảng (khóa XIII).",
     "25-CT/TW", "2023-10-25", "Ban Bí thư Trung ương Đảng", "implements"),
    ("Triển khai Kế hoạch số 197-KH/TU ngày 07-3-2024 của Ban Thường vụ Tỉnh ủy Kiên Giang;",
     "197-KH/TU", "2024-03-07", "Ban Thường vụ Tỉnh ủy Kiên Giang", "implements"),
    ("Căn cứ Nghị quyết số 11/2020/NQ-HĐND ngày 09/7/2020 của Hội đồng nhân dân tỉnh Bắc Giang quy định chính sách;",
     "11/2020/NQ-HĐND", "2020-07-09", "Hội đồng nhân dân tỉnh Bắc Giang", "legal_basis"),
    ("Để triển khai Quyết định số 281/QĐTTg ngày 15/3/2024 của Thủ tướng Chính phủ, UBND tỉnh ban hành Kế hoạch.",
     "281/QĐ-TTg", "2024-03-15", "Thủ tướng Chính phủ", "implements"),
    ("Căn cứ Quyết định số 5556/QĐBYT ngày 29 tháng 12 năm 2023 của Bộ Y tế;",
     "5556/QĐ-BYT", "2023-12-29", "Bộ Y tế", "legal_basis"),
    ("Thực hiện Nghị quyết số 27/NQ- TW ngày 09/11/2022 của Ban Chấp hành Trung ương Đảng;",
     "27-NQ/TW", "2022-11-09", "Ban Chấp hành Trung ương Đảng", "implements"),
    ("Thực hiện Kế hoạch số 0130/KH-UBND ngày 21/11/2025 của UBND tỉnh Đắk Lắk;",
     "0130/KH-UBND", "2025-11-21", "UBND tỉnh Đắk Lắk", "implements"),
    ("Thực hiện Kế hoạch số 273/KH-UBND ngày 09 tháng 12 năm 2021 của UBND tỉnh Thanh Hoá về triển khai Chương trình;",
     "273/KH-UBND", "2021-12-09", "UBND tỉnh Thanh Hóa", "implements"),
    ("Căn cứ Thông tư số 06/2022/TT-BTTTT ngày 30 tháng 6 năm 2022 của Bộ trưởng Bộ Thông tin và Truyền thông hướng dẫn;",
     "06/2022/TT-BTTTT", "2022-06-30", "Bộ trưởng Bộ Thông tin và Truyền thông", "legal_basis"),
    ("Theo đề nghị của Sở Xây dựng tại Tờ trình số 191/TTr-SXD ngày 10/4/2026.",
     "191/TTr-SXD", "2026-04-10", "Sở Xây dựng", "mentions"),
    ("Căn cứ Quyết định số 4385/QĐ-BVHTTDL ngày 18/11/2025 của Bộ Văn hóa, Thể thao và Du lịch về việc ban hành Kế hoạch;",
     "4385/QĐ-BVHTTDL", "2025-11-18", "Bộ Văn hóa, Thể thao và Du lịch", "legal_basis"),
    ("Căn cứ Quyết định số 12/QĐ-BVHTTDL ngày 02/01/2025 của Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch, Quyết định số 5/QĐ-TTg;",
     None, None, None, None),
    ("Thực hiện Kế hoạch số 01-KH/BCĐ ngày 28/06/2025 của Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06 về Kế hoạch hành động;",
     "01-KH/BCĐ", "2025-06-28", "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06", "implements"),
    ("Căn cứ Nghị định số 131/2025/NĐ-CP ngày 12 tháng 6 năm 2025 của Chính phủ Quy định phân định thẩm quyền;",
     "131/2025/NĐ-CP", "2025-06-12", "Chính phủ", "legal_basis"),
    ("Căn cứ Kế hoạch số 77/KH-UBND ngày 17 tháng 9 năm 2025 của Ủy ban nhân dân thành phố Cần Thơ Thực hiện Chương trình mục tiêu quốc gia;",
     "77/KH-UBND", "2025-09-17", "Ủy ban nhân dân thành phố Cần Thơ", "legal_basis"),
    ("Thực hiện Thông báo số 552/TB-VPCP ngày 13 tháng 10 năm 2025 của Văn phòng Chính phủ Kết luận Phiên họp lần thứ tư.",
     "552/TB-VPCP", "2025-10-13", "Văn phòng Chính phủ", "implements"),
    ("Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ\nChính trị về đột phá phát triển khoa học;",
     "57-NQ/TW", "2024-12-22", "Bộ Chính trị", "legal_basis"),
    ("Thực hiện hướng dẫn của Bộ Nội vụ tại Công văn số 8935/BNV-CTTN&BĐG ngày 03 tháng 10 năm 2025 về việc hướng dẫn;",
     "8935/BNV-CTTN&BĐG", "2025-10-03", "Bộ Nội vụ", "implements"),
    ("Căn cứ Văn bản số 12/SYT-NV ngày 5/1/2024 của Sở Y tế tỉnh Phú Yên, đồng thời hướng dẫn.",
     "12/SYT-NV", "2024-01-05", "Sở Y tế tỉnh Phú Yên", "legal_basis"),
])
def test_preamble_citation(make_doc, preamble, number, iso, issuer, relation):
    refs = _refs(make_doc, _plan_text(preamble))
    if number is None:  # two citations: the comma closes the first issuer
        assert [r.issuer for r in refs] == ["Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch", None]
        return
    assert len(refs) == 1
    r = refs[0]
    assert (r.number, r.date, r.issuer, r.relation) == (number, iso, issuer, relation)


def test_body_citation_is_a_mention(make_doc):
    refs = _refs(make_doc, _plan_text("Thực hiện chỉ đạo.", "Thực hiện Quyết định số 2628/QĐ-BYT ngày 22/6/2020 của Bộ Y tế phê duyệt Đề án."))
    assert [(r.number, r.relation) for r in refs] == [("2628/QĐ-BYT", "mentions")]


def test_same_document_in_two_spellings_is_one_reference(make_doc):
    text = _plan_text("Thực hiện Chỉ thị số 25-CT/TƯ ngày 25/10/2023 của Ban Bí thư.", "Quán triệt Chỉ thị số 25- CT/TW.")
    refs = _refs(make_doc, text)
    assert len(refs) == 1
    assert refs[0].relation == "implements" and refs[0].canonical_id == "25-CT/TW@2023"


def test_own_number_is_not_a_reference(make_doc):
    text = _plan_text("Thực hiện Kế hoạch số 194/KH-TTYT và Kế hoạch số 120/KH-UBND ngày 08/7/2024 của UBND huyện Kiên Hải.")
    assert [r.number for r in _refs(make_doc, text)] == ["120/KH-UBND"]


def test_local_citation_gets_the_area_of_the_citing_plan(make_doc):
    text = _plan_text("Thực hiện Kế hoạch số 176/KH-UBND ngày 31/5/2024 của UBND tỉnh; Kế hoạch số 120/KH-UBND ngày 08/7/2024 của UBND huyện Kiên Hải.")
    ids = [r.canonical_id for r in _refs(make_doc, text)]
    assert ids == ["176/KH-UBND@2024@kien-giang", "120/KH-UBND@2024@kien-giang/kien-hai"]


def test_subject_from_ve_clause(make_doc):
    text = _plan_text("Thực hiện Chỉ thị 25-CT/TW, ngày 25-10-2023 của Ban Bí thư “về tiếp tục củng cố y tế cơ sở trong tình hình mới”.")
    assert _refs(make_doc, text)[0].subject == "tiếp tục củng cố y tế cơ sở trong tình hình mới"


def test_title_citation_implements(make_doc):
    text = ("Số: 1026/KH-UBND\n\nKẾ HOẠCH\nTRIỂN KHAI THỰC HIỆN CHỈ THỊ SỐ 32/CT-TTG NGÀY 21/10/2025 CỦA THỦ TƯỚNG CHÍNH PHỦ\n\n"
            "I. MỤC ĐÍCH\n")
    refs = _refs(make_doc, text, PlanContext(number="1026/KH-UBND", province="Nghệ An"))
    assert [(r.number, r.relation, r.date) for r in refs] == [("32/CT-TTg", "implements", "2025-10-21")]


def test_news_sentence_implements(make_doc):
    text = "Ngày 21/6/2024 UBND tỉnh đã ban hành Kế hoạch số 153/KH-UBND về việc triển khai thực hiện Chỉ thị số 25- CT/TW ngày 25/10/2023 của Ban Bí thư."
    refs = _refs(make_doc, text, PlanContext(number="153/KH-UBND", province="Thanh Hóa"))
    assert [(r.number, r.relation) for r in refs] == [("25-CT/TW", "implements")]


def test_law_cited_by_name(make_doc):
    text = _plan_text("Căn cứ Luật Bảo vệ dữ liệu cá nhân ngày 26 tháng 6 năm 2025;")
    refs = _refs(make_doc, text)
    assert [(r.doc_type, r.subject, r.date, r.relation) for r in refs] == [("Luật", "Luật Bảo vệ dữ liệu cá nhân", "2025-06-26", "legal_basis")]


def test_reference_span_holds_the_quoted_citation_from_its_raw_symbol(make_doc):
    doc = make_doc(_plan_text("Thực hiện Chỉ thị số 25- CT/TW ngày 25/10/2023 của Ban Bí thư."))
    r = references.extract(doc, CTX)[0]
    assert doc.quote(r.span) == r.text
    assert r.text.startswith("25- CT/TW ngày 25/10/2023")
    assert r.number == "25-CT/TW"


@pytest.mark.parametrize("folder", SEEDS, ids=lambda p: p.name)
def test_golden_references(folder):
    gold_file = folder / "gold" / "references.json"
    if not gold_file.exists():
        pytest.skip("no references gold")
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    plan = extract_plan(document_from_text((folder / "source.txt").read_text(encoding="utf-8")))
    wrong = {k: (c.fp, c.fn) for k, c in score(gold, plan).items() if c.fp or c.fn}
    assert not wrong


def test_continuation_line_keeps_the_relation_040_cantho(make_doc):
    # 040_cantho: "Thực hiện Chỉ thị ...;" then "Công văn số 6676/BYT-CDS ..." on the next line.
    text = _plan_text("Thực hiện Chỉ thị số 27/CT-TTg ngày 15 tháng 8 năm 2024 của Thủ tướng Chính phủ;\n"
                      "Công văn số 6676/BYT-CDS ngày 29 tháng 10 năm 2024 của Bộ Y tế về việc triển khai.\n\n"
                      "Qua 8 năm, Nghị quyết số 21-NQ/TW ngày 25/10/2017 đã đạt kết quả.")
    rel = {r.number: r.relation for r in _refs(make_doc, text)}
    assert rel == {"27/CT-TTg": "implements", "6676/BYT-CDS": "implements", "21-NQ/TW": "mentions"}


def test_national_party_body_has_no_province_035_dongnai(make_doc):
    text = _plan_text("Thực hiện Chỉ thị số 36-CT/TW ngày 16/8/2019 của Bộ Chính trị; Nghị quyết số 21-NQ/TW ngày 25/10/2017 "
                      "của Hội nghị lần thứ sáu Ban Chấp hành Trung ương Khóa XII; Thông báo số 157/TB-VPCP ngày 11/4/2024 của Văn phòng Chính phủ.")
    got = {r.number: (r.issuer_level, r.issuer_province) for r in _refs(make_doc, text)}
    assert got == {"36-CT/TW": ("party", None), "21-NQ/TW": ("party", None), "157/TB-VPCP": ("central", None)}


def test_shared_date_of_two_citations_104_daklak(make_doc):
    text = _plan_text("Căn cứ các Công điện: số 007/CĐ-UBND ngày 17/11/2025, số 008/CĐ-UBND và số 009/CĐ-UBND ngày 19/11/2025 của UBND tỉnh.")
    got = {r.number: (r.doc_type, r.date) for r in _refs(make_doc, text)}
    assert got == {"007/CĐ-UBND": ("Công điện", "2025-11-17"), "008/CĐ-UBND": ("Công điện", "2025-11-19"),
                   "009/CĐ-UBND": ("Công điện", "2025-11-19")}


@pytest.mark.parametrize("citation, doc_type", [
    ("Phương án 02600/PA-UBND ngày 18/8/2025", "Phương án"),
    ("Quy chế phối hợp số 49/QCPH-UBND-UBMT ngày 24/01/2025", "Quy chế"),
    ("Thông báo kết luận số 196-TB/TW ngày 16 tháng 3 năm 2015", "Thông báo"),
    ("Thông tri số 02-TT/TU ngày 03 tháng 10 năm 2025", "Thông tri"),
    ("Công điện số 223/CĐ-TTg ngày 20/11/2025", "Công điện"),
    ("văn bản số 12/HD-SYT ngày 20/11/2025", "Công văn"),
    ("số 14/HD-SYT ngày 20/11/2025", "Hướng dẫn"),
])
def test_doc_type_of_citation(make_doc, citation, doc_type):
    refs = _refs(make_doc, _plan_text(f"Căn cứ {citation};"))
    assert [r.doc_type for r in refs] == [doc_type]


@pytest.mark.parametrize("preamble, subject", [
    ("Thực hiện Quyết định số 2270/QĐ-TTg ngày 14/10/2025 của Thủ tướng Chính phủ phê duyệt Chương trình nâng cao chất lượng;",
     "phê duyệt Chương trình nâng cao chất lượng"),
    ("Căn cứ Nghị định số 200/2025/NĐ-CP ngày 09/7/2025 của Chính phủ quy định chi tiết một số điều của Luật Phòng thủ dân sự;",
     "quy định chi tiết một số điều của Luật Phòng thủ dân sự"),
    ("Căn cứ Nghị quyết số 28/NQ-CP ngày 03/3/2021 của Chính phủ về ban hành Chiến lược quốc gia về bình đẳng giới;",
     "ban hành Chiến lược quốc gia về bình đẳng giới"),
])
def test_subject_led_by_a_verb(make_doc, preamble, subject):
    assert _refs(make_doc, _plan_text(preamble))[0].subject == subject


@pytest.mark.parametrize("preamble, laws", [
    ("Căn cứ Luật Phòng, chống thiên tai ngày 19 tháng 6 năm 2013;", [("Luật Phòng, chống thiên tai", "2013-06-19")]),
    ("Căn cứ Luật Xây dựng ngày 18/6/2014; Luật sửa đổi, bổ sung một số điều của Luật Xây dựng ngày 17/6/2020;",
     [("Luật Xây dựng", "2014-06-18"), ("Luật sửa đổi, bổ sung một số điều của Luật Xây dựng", "2020-06-17")]),
    # 108_hcm: a law named inside a decree's summary is not cited on its own
    ("Căn cứ Nghị định số 66/2021/NĐ-CP ngày 06 tháng 7 năm 2021 của Chính phủ quy định chi tiết thi hành một số điều "
     "của Luật Phòng, chống thiên tai và Luật Sửa đổi, bổ sung một số điều của Luật Đê điều ngày 17/6/2020;", []),
])
def test_laws_cited_by_name(make_doc, preamble, laws):
    refs = [r for r in _refs(make_doc, _plan_text(preamble)) if r.doc_type == "Luật"]
    assert [(r.subject, r.date) for r in refs] == laws


@pytest.mark.parametrize("preamble, issuers", [
    # 109_nghean: one body after two citations issued both
    ("Căn cứ Thông tư số 92/2009/TT-BTC ngày 12/5/2009 và Thông tư số 85/2020/TT-BTC ngày 01/10/2020 của Bộ Tài chính;",
     {"92/2009/TT-BTC": "Bộ Tài chính", "85/2020/TT-BTC": "Bộ Tài chính"}),
    ("Căn cứ các Công điện: số 007/CĐ-UBND ngày 17/11/2025, số 008/CĐ-UBND ngày 19/11/2025 của UBND tỉnh về ứng phó lũ;",
     {"007/CĐ-UBND": "UBND tỉnh", "008/CĐ-UBND": "UBND tỉnh"}),
    # 112_bvhttdl: a group named once for the numbers in brackets or after a colon
    ("Căn cứ Các Nghị định của Chính phủ quy định chi tiết thi hành Luật Quy hoạch (Số 37/2019/NĐ-CP ngày 07/5/2019, "
     "số 58/2023/NĐ-CP ngày 12/8/2023);", {"37/2019/NĐ-CP": "Chính phủ", "58/2023/NĐ-CP": "Chính phủ"}),
    ("Căn cứ các Quyết định của Thủ tướng Chính phủ: Quyết định số 326/QĐ-TTg ngày 09/3/2022 về phân bổ chỉ tiêu; "
     "Quyết định số 95/QĐ-TTg ngày 16/11/2023 phê duyệt quy hoạch;", {"326/QĐ-TTg": "Thủ tướng Chính phủ", "95/QĐ-TTg": "Thủ tướng Chính phủ"}),
    # no group, no issuer: stays unknown
    ("Căn cứ Quy chế phối hợp số 49/QCPH-UBND-UBMT ngày 24/01/2025 về vận động;", {"49/QCPH-UBND-UBMT": None}),
])
def test_issuer_shared_by_a_list_of_citations(make_doc, preamble, issuers):
    assert {r.number: r.issuer for r in _refs(make_doc, _plan_text(preamble))} == issuers


@pytest.fixture(scope="module")
def realdoc_gold():
    return sorted(p for p in (SEEDS[0].parent.parent / "realdocs-gold").iterdir() if (p / "gold" / "references.json").exists())


def test_golden_references_realdocs(realdoc_gold):
    """Every realdocs gold reading (including the held-out twelve) is reproduced exactly."""
    wrong = {}
    for folder in realdoc_gold:
        gold = json.loads((folder / "gold" / "references.json").read_text(encoding="utf-8"))
        plan = extract_plan(document_from_text((folder / "source.txt").read_text(encoding="utf-8")))
        bad = {k: (c.fp, c.fn) for k, c in score(gold, plan).items() if c.fp or c.fn}
        if bad:
            wrong[folder.name] = bad
    assert not wrong


@pytest.mark.parametrize("preamble, number, issuer", [
    # 040_cantho: the session's term ("Khóa XII", capitalised) is not part of the body's name.
    ("Thực hiện Nghị quyết số 21-NQ/TW ngày 25 tháng 10 năm 2017 của Hội nghị lần thứ sáu Ban Chấp hành "
     "Trung ương Khóa XII về công tác dân số;", "21-NQ/TW", "Hội nghị lần thứ sáu Ban Chấp hành Trung ương"),
    ("Thực hiện Kết luận số 01-KL/TW ngày 15/8/2021 của Bộ Chính trị Khoá XIII về tiếp tục thực hiện;",
     "01-KL/TW", "Bộ Chính trị"),
    ("Thực hiện Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương Đảng khóa XII về tăng cường;",
     "20-NQ/TW", "Ban Chấp hành Trung ương Đảng"),
    # 048_nghean: a committee whose name lists its fields runs past 90 characters.
    ("Triển khai Kế hoạch số 01-KH/BCĐ ngày 28/06/2025 của Ban Chỉ đạo\nphát triển khoa học, công nghệ, đổi mới "
     "sáng tạo, chuyển đổi số, cải cách hành\nchính và đề án 06 về Kế hoạch hành động;", "01-KH/BCĐ",
     "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số, cải cách hành chính và đề án 06"),
    # 110_dongthap: "Ban Chỉ đạo về <field>": the bare head names no body, its "về ..." does.
    ("Căn cứ Quyết định số 03-QĐ/BCĐ ngày 13/8/2025 của Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới "
     "sáng tạo và chuyển đổi số tỉnh ban hành Chương trình công tác;", "03-QĐ/BCĐ",
     "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số tỉnh"),
    ("Căn cứ Quyết định số 12/QĐ-HĐ ngày 13/8/2025 của Hội đồng về thi đua khen thưởng tỉnh ban hành Quy chế;",
     "12/QĐ-HĐ", "Hội đồng về thi đua khen thưởng tỉnh"),
    # A named body keeps its own "về" subject apart.
    ("Căn cứ Quyết định số 5/QĐ-BYT ngày 13/8/2025 của Bộ Y tế về ban hành hướng dẫn;", "5/QĐ-BYT", "Bộ Y tế"),
])
def test_issuer_name_ends_where_the_body_ends(make_doc, preamble, number, issuer):
    got = {r.number: r.issuer for r in _refs(make_doc, _plan_text(preamble))}
    assert got[canonical_symbol(number)] == issuer


@pytest.mark.parametrize("preamble, expected", [
    # 036_hatinh: the amending decision's issuer is named once, after the amended one.
    ("Thực hiện Quyết định số 1729/QĐ-TTg ngày 04 tháng 11 năm 2020 sửa đổi, bổ sung Quyết định số 655/QĐ-TTg "
     "ngày 12 tháng 5 năm 2017 của Thủ tướng Chính phủ phê duyệt Đề án.",
     {"1729/QĐ-TTg": "Thủ tướng Chính phủ", "655/QĐ-TTg": "Thủ tướng Chính phủ"}),
    # 106_hanoi: the approving body is named before the list of decisions.
    ("Quy hoạch đã được Thủ tướng Chính phủ phê duyệt tại các Quyết định: số 36/QĐ-TTg ngày 11/01/2024 về quy "
     "hoạch hạ tầng; số 1668/QĐ-TTg ngày 27/12/2024 về điều chỉnh Quy hoạch chung.",
     {"36/QĐ-TTg": "Thủ tướng Chính phủ", "1668/QĐ-TTg": "Thủ tướng Chính phủ"}),
    ("Căn cứ Nghị định số 12/2024/NĐ-CP ngày 05/02/2024 sửa đổi Nghị định số 5/2020/NĐ-CP ngày 03/01/2020 "
     "của Chính phủ.", {"12/2024/NĐ-CP": "Chính phủ", "5/2020/NĐ-CP": "Chính phủ"}),
    # Not named in the sentence: unknown, even for a code only one body uses.
    ("Nhằm triển khai Quyết định số 281/QĐ-TTg và Kế hoạch số 177-KH/TU. Thủ tướng Chính phủ đã chỉ đạo.",
     {"281/QĐ-TTg": None, "177-KH/TU": None}),
    # A ministry code is shared by the minister and the ministry: never filled from the code.
    ("Căn cứ Quyết định số 1/QĐ-BYT ngày 05/02/2024 sửa đổi Quyết định số 2/QĐ-BYT ngày 03/01/2020 của Bộ Y tế.",
     {"1/QĐ-BYT": None, "2/QĐ-BYT": "Bộ Y tế"}),
])
def test_sole_issuer_code_takes_the_name_written_in_its_sentence(make_doc, preamble, expected):
    got = {r.number: r.issuer for r in _refs(make_doc, _plan_text(preamble))}
    assert {k: got.get(k) for k in expected} == expected


def _generated_texts(seed: int, count: int = 200):
    """Lines of preamble phrases, citations and breaks, glued at random."""
    import random

    pieces = ["Căn cứ ", "Thực hiện ", "Sau 8 năm triển khai ", "thực hiện", "các Quyết định của Chính phủ: ",
              "Quyết định số 12/QĐ-TTg", " ngày 12/3/2024", "; ", ", ", ". ", ": ", "(", ")", "\n", "\n\n",
              "Xét đề nghị ", "Luật Đầu tư công ngày 13/6/2019", "Căn cứ các ", " ", "  ", "cụ thể hóa ",
              "Nghị quyết 25-NQ/TW", "về việc ", "!", "\f"]
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 30)))


def test_scan_lookups_match_the_slices_they_replace(make_doc):
    """Paragraph, sentence, verb and group look-backs are bisections over positions found once;
    on generated lines they answer what slicing the paragraph and searching it answered."""
    for text in _generated_texts(1):
        doc = make_doc(text)
        scan = references._Scan(doc)
        t = doc.text
        for s in find_symbols(t):
            pos = s.start
            start = max(t.rfind("\n", 0, pos), t.rfind("\f", 0, pos)) + 1  # a page break ends a line too
            assert scan.paragraph_start(pos) == start
            para = t[start:pos]
            last = references._SENTENCE_BREAK.split(para)[-1]
            sentence = scan.sentence_start(start, pos)
            assert t[sentence:pos] == last
            groups = list(references._group_of_types().finditer(para))
            expected = start + groups[-1].end() if groups else None
            assert scan.group_before(start, pos) == expected


def test_law_lead_reads_the_paragraph_ends_like_the_pattern():
    lead = re.compile(r"(?:^\W*(?:Căn cứ|Xét)(?:\s+các)?|[;,])\s*$", re.I)
    for text in _generated_texts(2):
        for m in re.finditer("Luật", text):
            start = text.rfind("\n", 0, m.start()) + 1
            assert references._law_lead(text, start, m.start()) == bool(lead.search(text[start:m.start()]))


def test_108_page_break_ends_the_line_before_a_legal_basis(make_doc):
    """A PDF page break between two preamble items: "…2050;\fCăn cứ Quyết định số 553/QĐ-TTg" opens
    a "Căn cứ" line, so the decision is legal basis, not a mention inside the line before."""
    text = ("KẾ HOẠCH\nQuản lý rủi ro thiên tai\n\n"
            "Chiến lược quốc gia phòng, chống thiên tai đến năm 2030 đã được phê duyệt, tầm nhìn đến năm 2050;\f"
            "Căn cứ Quyết định số 553/QĐ-TTg ngày 06 tháng 6 năm 2021 của Thủ tướng Chính phủ;\n"
            "I. MỤC ĐÍCH\nNội dung.")
    ref = next(r for r in _refs(make_doc, text) if r.number == "553/QĐ-TTg")
    assert ref.relation == "legal_basis"


@pytest.mark.parametrize("lead, relation", [
    ("Sau 8 năm triển khai thực hiện ", "mentions"),  # 040: a look-back over the years of implementation
    ("Qua 5 năm thực hiện ", "mentions"),
    ("Kết quả sau 3 năm triển khai ", "mentions"),
    ("Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện ", "implements"),
    ("Nhằm tổ chức quán triệt, triển khai thực hiện nghiêm túc, hiệu quả ", "implements"),
    ("Để tiếp tục cụ thể hóa ", "implements"),
    ("UBND huyện xây dựng Chương trình triển khai ", "implements"),
])
def test_040_implementing_verb_counts_only_when_it_leads_its_clause(make_doc, lead, relation):
    text = ("KẾ HOẠCH\nCông tác dân số trong tình hình mới\n\n"
            "Thực hiện Chỉ thị số 27/CT-TTg ngày 15 tháng 8 năm 2024 của Thủ tướng Chính phủ.\n\n"
            + lead + "Nghị quyết số 21-NQ/TW ngày 25 tháng 10 năm 2017 của Ban Chấp hành Trung ương về công tác dân số.\n"
            "I. MỤC ĐÍCH, YÊU CẦU\nNội dung.")
    ref = next(r for r in _refs(make_doc, text) if r.number == "21-NQ/TW")
    assert ref.relation == relation


# --- blind round 3 ---------------------------------------------------------------------------

_BASIS_PLAN = """Số: 310/KH-UBND

KẾ HOẠCH
Phòng chống bệnh sốt rét giai đoạn 2024-2026

{heading}
1. Văn bản chỉ đạo
{bullet} Nghị quyết số 20-NQ/TW ngày
25/10/2017 của Ban Chấp hành Trung ương về công tác bảo vệ sức khỏe nhân dân;
{bullet} Quyết định số 1920/QĐ-BYT ngày
28/5/2020 của Bộ Y tế ban hành kế hoạch phòng chống sốt rét;
2. Tình hình sốt rét tại tỉnh
Năm 2023, tỉnh đã triển khai Kế hoạch số 55/KH-UBND ngày 02/3/2023 của Ủy ban nhân dân tỉnh.
II. MỤC TIÊU
1. Giảm số mắc.
"""


@pytest.mark.parametrize("heading", ["I. CĂN CỨ XÂY DỰNG KẾ HOẠCH", "I. Căn cứ pháp lý", "I. CƠ SỞ PHÁP LÝ"])
@pytest.mark.parametrize("bullet", ["-", "+", "•"])
def test_items_of_a_basis_section_are_legal_basis(make_doc, heading, bullet):
    refs = {r.number: r for r in _refs(make_doc, _BASIS_PLAN.format(heading=heading, bullet=bullet),
                                       PlanContext(number="310/KH-UBND", province="Gia Lai"))}
    assert refs["20-NQ/TW"].relation == "legal_basis"
    assert refs["1920/QĐ-BYT"].relation == "legal_basis"
    # a plan named inside the account of the situation is only mentioned
    assert refs["55/KH-UBND"].relation == "mentions"


def test_citations_under_another_first_section_stay_mentions(make_doc):
    text = _BASIS_PLAN.format(heading="I. TÌNH HÌNH CHUNG", bullet="-")
    refs = {r.number: r for r in _refs(make_doc, text, PlanContext(number="310/KH-UBND", province="Gia Lai"))}
    assert refs["1920/QĐ-BYT"].relation == "mentions"


_WRAPPED_PREAMBLE = """Số: 77/KH-UBND

KẾ HOẠCH
GIÁM SÁT CHƯƠNG TRÌNH NÔNG THÔN MỚI NĂM 2024
Thực hiện Nghị định số
27/2022/NĐ-CP ngày 19/4/2022 của Chính phủ về cơ chế quản lý các chương trình giai đoạn 2021 -
2025. {lead} số 410/KH-UBND ngày 05/9/2022 của UBND tỉnh về giám sát giai
đoạn 2021 - 2025; UBND tỉnh ban hành Kế hoạch năm 2024 như sau:
I. MỤC ĐÍCH
1. Mục đích
"""


@pytest.mark.parametrize("lead, relation", [
    ("Trên cơ sở Kế hoạch", "implements"),
    ("Căn cứ Kế hoạch", "legal_basis"),
    ("Triển khai Kế hoạch", "implements"),
])
def test_sentence_opening_mid_line_in_a_wrapped_preamble_sets_the_relation(make_doc, lead, relation):
    refs = {r.number: r for r in _refs(make_doc, _WRAPPED_PREAMBLE.format(lead=lead),
                                       PlanContext(number="77/KH-UBND", province="Quảng Nam"))}
    assert refs["27/2022/NĐ-CP"].relation == "implements"
    assert refs["410/KH-UBND"].relation == relation


def test_results_of_a_plan_named_after_tren_co_so_are_only_mentioned(make_doc):
    text = _plan_text("Trên cơ sở kết quả thực hiện Kế hoạch số 12/KH-UBND ngày 05/01/2023 của UBND tỉnh, "
                      "UBND tỉnh ban hành Kế hoạch năm 2024 như sau:")
    refs = {r.number: r for r in _refs(make_doc, text)}
    assert refs["12/KH-UBND"].relation == "mentions"


@pytest.mark.parametrize("title, number, issuer", [
    ("THỰC HIỆN CHỈ THỊ SỐ 18/CT-TTG NGÀY 20 THÁNG 3 NĂM 2024 CỦA THỦ TƯỚNG CHÍNH PHỦ VỀ PHÒNG CHỐNG THIÊN TAI",
     "18/CT-TTg", "Thủ tướng Chính phủ"),
    ("TRIỂN KHAI NGHỊ QUYẾT SỐ 50/NQ-CP NGÀY 01/4/2024 CỦA CHÍNH PHỦ", "50/NQ-CP", "Chính phủ"),
])
def test_issuer_cited_in_a_title_in_capitals_is_spelled_as_a_name(make_doc, title, number, issuer):
    text = f"Số: 5/KH-UBND\n\nKẾ HOẠCH\n{title}\n\nUBND tỉnh ban hành Kế hoạch như sau:\n\nI. MỤC ĐÍCH\n\n1. Mục đích\n"
    refs = {r.number: r for r in _refs(make_doc, text, PlanContext(number="5/KH-UBND", province="Yên Bái"))}
    assert refs[number].issuer == issuer
    assert refs[number].relation == "implements"


@pytest.mark.parametrize("session", ["Hội nghị lần thứ 8", "Hội nghị Trung ương 6"])
def test_session_of_the_central_committee_keeps_its_committee(make_doc, session):
    text = _plan_text(f"Căn cứ Nghị quyết số 20-NQ/TW ngày 25/10/2017 của {session}, Ban Chấp hành Trung ương "
                      "khóa XII về bảo vệ sức khỏe nhân dân;")
    ref = next(r for r in _refs(make_doc, text) if r.number == "20-NQ/TW")
    assert ref.issuer == f"{session}, Ban Chấp hành Trung ương"
