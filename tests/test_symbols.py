"""Document symbols: canonical spelling, misspellings, canonical ids."""

import pytest

from extractors.symbols import canonical_id, canonical_symbol, find_symbols, same_document


@pytest.mark.parametrize("raw, expected", [
    ("1300/QĐ-BYT", "1300/QĐ-BYT"),
    ("11/2020/NQ-HĐND", "11/2020/NQ-HĐND"),
    ("25-CT/TW", "25-CT/TW"),
    ("198-KH/HU", "198-KH/HU"),
    ("197-KH/TU", "197-KH/TU"),
    ("25-CT/TƯ", "25-CT/TW"),
    ("25- CT/TW", "25-CT/TW"),
    ("281/QĐTTg", "281/QĐ-TTg"),
    ("5556/QĐBYT", "5556/QĐ-BYT"),
    ("27/NQ- TW", "27-NQ/TW"),
    ("0130/KH-UBND", "0130/KH-UBND"),  # the number as issued; canonical_id drops its zero
    ("32/CT-TTG", "32/CT-TTg"),
    ("27/CTTg", "27/CT-TTg"),
    ("223/KH- UBND", "223/KH-UBND"),
    ("115 /KH-UBND", "115/KH-UBND"),
    ("4255/QĐ-BNN-KHCN", "4255/QĐ-BNN-KHCN"),
    ("6676/BYT-CDS", "6676/BYT-CDS"),
    ("163/2024/QH15", "163/2024/QH15"),
    ("278/2025/NĐ-CP", "278/2025/NĐ-CP"),
    ("08-CTr/TU", "08-CTr/TU"),
    ("191/TTr-SXD", "191/TTr-SXD"),
    ("12/2023/TT-BYT", "12/2023/TT-BYT"),
    ("3744/KH-SYT", "3744/KH-SYT"),
    ("45/KH-UBND", "45/KH-UBND"),
    ("212-TB/TU", "212-TB/TU"),
    ("01-KH/BCĐ", "01-KH/BCĐ"),
    ("178-QĐ/TW", "178-QĐ/TW"),
    ("1234/UBND-VX", "1234/UBND-VX"),
])
def test_canonical_symbol(raw, expected):
    assert canonical_symbol(raw) == expected


@pytest.mark.parametrize("text", [
    "15/8/2023", "giai đoạn 2021 - 2025", "tỷ lệ 1/2 số xã", "24/24 giờ", "Huyện/tp", "số 5/năm",
])
def test_no_symbol_in_ordinary_text(text):
    assert find_symbols(text) == []


def test_symbol_does_not_swallow_a_following_dash_clause():
    found = find_symbols("Kế hoạch 154/KH-UBND - Sở Y tế")
    assert [s.number for s in found] == ["154/KH-UBND"]


def test_symbol_spans_slice_back():
    text = "Thực hiện Chỉ thị số 25- CT/TW và Quyết định 281/QĐTTg."
    for s in find_symbols(text):
        assert text[s.start:s.end] == s.raw


def test_same_document_spelled_differently_has_one_id():
    assert canonical_id("25-CT/TƯ", 2023) == canonical_id("25- CT/TW", 2023) == "25-CT/TW@2023"
    assert canonical_id("0130/KH-UBND", 2025, "Đắk Lắk") == canonical_id("130/KH-UBND", 2025, "Đắk Lắk")


def test_local_symbols_carry_their_area():
    kien_hai = canonical_id("120/KH-UBND", 2024, "Kiên Giang", "Kiên Hải")
    assert kien_hai == "120/KH-UBND@2024@kien-giang/kien-hai"
    assert not same_document(kien_hai, canonical_id("120/KH-UBND", 2024, "Bắc Giang"))
    assert same_document(kien_hai, canonical_id("120/KH-UBND"))


def test_central_symbols_ignore_area_and_years_differ():
    assert canonical_id("281/QĐ-TTg", 2024, "Thanh Hóa") == "281/QD-TTG@2024"
    assert not same_document("281/QD-TTG@2024", "281/QD-TTG@2023")


@pytest.mark.parametrize("raw, doc_type", [
    ("25-CT/TW", "Chỉ thị"), ("1300/QĐ-BYT", "Quyết định"), ("11/2020/NQ-HĐND", "Nghị quyết"),
    ("2-TT/TU", "Thông tri"), ("154/KH-UBND", "Kế hoạch"),
])
def test_doc_type_from_symbol_code(raw, doc_type):
    assert find_symbols(raw)[0].doc_type == doc_type


def test_symbols_never_overlap_and_state_symbols_yield_only_to_party_ones():
    """On generated lines of citations, the bisection over party symbols keeps what a scan of them kept:
    every state-pattern match that overlaps no party symbol is returned, and nothing overlaps."""
    import random

    from extractors import symbols

    pieces = ["12/KH-UBND", "25-CT/TW", "11/2020/NQ-HĐND", "25- CT/TW", "197-KH/TU", "số ", "Số: ", " ",
              ", ", "; ", "27/NQ- TW", "4/", "KH", "2020/", "-", "/", "ngày 12/3/2024 "]
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 25)))
        found = find_symbols(text)
        assert all(a.end <= b.start for a, b in zip(found, found[1:]))
        party = [(m.start(), m.end()) for m in symbols._after_numbers(symbols._PARTY, symbols._DASH_MARKS, text)]
        for m in symbols._after_numbers(symbols._STATE, symbols._SLASH_MARKS, text):
            if not any(s < m.end() and m.start() < e for s, e in party):
                assert any(s.start == m.start() and s.end == m.end() for s in found), (text, m.group(0))


def test_line_of_thousands_of_symbols_finds_each():
    found = find_symbols("Số: 12/KH-UBND 25-CT/TW 11/2020/NQ-HĐND " * 500)
    assert [s.number for s in found[:3]] == ["12/KH-UBND", "25-CT/TW", "11/2020/NQ-HĐND"]
    assert len(found) == 1500


@pytest.mark.parametrize("text, expected", [
    ("4/\nNơi nhận:\n- Như trên;", []),  # kienhai 194 (DOCX/PDF): a page number before the recipients
    ("4/\fNơi nhận:", []),
    ("Kế hoạch số 12/\nKH-UBND ngày 3/1/2024", ["12/KH-UBND"]),  # a hard-wrapped symbol keeps its capitals
    ("Quyết định số 281/QĐ-\nTTg", ["281/QĐ-TTg"]),  # a listed mixed-case code
    ("Nghị quyết 11/2020/\nNQ-HĐND", ["11/2020/NQ-HĐND"]),
    ("Chỉ thị 25-\nCT/TW", ["25-CT/TW"]),
])
def test_code_opening_a_line_must_be_written_in_capitals(text, expected):
    assert [s.number for s in find_symbols(text)] == expected
