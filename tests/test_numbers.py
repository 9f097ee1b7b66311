"""Vietnamese number forms: decimal commas, grouped thousands, leading zeros, words."""

import pytest

from extractors.numbers import NUMBER_RE, parse_number, parse_words


@pytest.mark.parametrize("text,value", [
    ("8,5", 8.5), ("0,7", 0.7), ("0.7", 0.7), ("03", 3), ("04", 4), ("1.000", 1000), ("91.299", 91299),
    ("12.173", 12173), ("1.000.000", 1_000_000), ("2,1", 2.1), ("100", 100), ("1,234.5", 1234.5),
    ("32,2", 32.2), ("10.000", 10000),
])
def test_parse_number_vietnamese_forms(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "-", "1/2", "12a"])
def test_parse_number_refuses_non_numbers(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("text,value", [
    ("một", 1), ("hai", 2), ("mười", 10), ("mười hai", 12), ("hai mươi", 20), ("hai mươi lăm", 25),
    ("ba trăm", 300), ("một trăm linh năm", 105), ("hai nghìn", 2000), ("Một", 1),
])
def test_parse_words(text, value):
    assert parse_words(text) == value


def test_parse_words_lone_nam_is_a_year_not_five():
    assert parse_words("năm") is None


@pytest.mark.parametrize("text,numbers", [
    ("Số: 115/KH-UBND ngày 09/3/2023", []),
    ("Nghị quyết số 20-NQ/TW đạt 8,5‰", ["8,5"]),
    ("đạt 1.000 người và 03 trạm", ["1.000", "03"]),
    ("giai đoạn 2021 - 2025", ["2021", "2025"]),
    ("virus H5N1", []),
])
def test_number_pattern_skips_symbols_and_dates(text, numbers):
    assert [m.group() for m in NUMBER_RE.finditer(text)] == numbers
