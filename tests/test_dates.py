"""Vietnamese date surface forms: words, numbers, blanks left in drafts."""

from datetime import date

import pytest

from extractors.dates import date_at, find_dates, parse_date


@pytest.mark.parametrize("text, expected", [
    ("ngày 27 tháng 6 năm 2023", date(2023, 6, 27)),
    ("Bắc Giang, ngày 27 tháng 6 năm 2023", date(2023, 6, 27)),
    ("09 tháng 12 năm 2021", date(2021, 12, 9)),
    ("ngày 09 tháng 12 năm 2021 của UBND tỉnh", date(2021, 12, 9)),
    ("15/8/2023", date(2023, 8, 15)),
    ("15-8-2023", date(2023, 8, 15)),
    ("25-10-2023", date(2023, 10, 25)),
    ("15.8.2023", date(2023, 8, 15)),
    ("28/06/2025", date(2025, 6, 28)),
    ("ngày 05/4/2024", date(2024, 4, 5)),
    ("Chỉ thị 25-CT/TW, ngày 25-10-2023 của Ban Bí thư", date(2023, 10, 25)),
    ("Hà Nội, ngày 21\ntháng 11 năm 2025", date(2025, 11, 21)),
    ("NGÀY 15 THÁNG 8 NĂM 2024", date(2024, 8, 15)),
    ("ngày 18 tháng 02 năm 2025", date(2025, 2, 18)),
    ("ngày 3 tháng 9, năm 2024", date(2024, 9, 3)),
    ("25 / 10 / 2023", date(2023, 10, 25)),
])
def test_parse_date_surface_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", [
    "ngày   tháng   năm 2021",
    "Như Thanh, ngày tháng năm 2021",
    "ngày .... tháng .... năm 2021",
    "ngày … tháng … năm 2021",
    "ngày ___ tháng ___ năm 2021",
])
def test_blank_draft_date_keeps_year(text):
    found = find_dates(text)
    assert len(found) == 1
    assert found[0].blank and found[0].date is None and found[0].year == 2021


@pytest.mark.parametrize("text", [
    "11/2020/NQ-HĐND", "giai đoạn 2021-2025", "31/2/2023", "trong 6 tháng năm 2023",
    "1300/QĐ-BYT", "45/13/2023", "tỷ lệ 15/8", "năm 2023",
])
def test_not_a_date(text):
    assert parse_date(text) is None


def test_spans_slice_back_to_quoted_text():
    text = "Thực hiện Kế hoạch số 273/KH-UBND ngày 09 tháng 12 năm 2021 và 15/8/2023."
    for d in find_dates(text):
        assert text[d.start:d.end] == d.text
    assert [d.iso for d in find_dates(text)] == ["2021-12-09", "2023-08-15"]


def test_date_at_finds_the_date_right_after_a_symbol():
    text = "Kế hoạch số 154/KH-UBND, ngày 15/8/2023 của UBND huyện"
    d = date_at(text, text.index(",") , window=20)
    assert d is not None and d.iso == "2023-08-15" and text[d.start:d.end] == "15/8/2023"
