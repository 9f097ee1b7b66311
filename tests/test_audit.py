"""Cross-plan audit over plans stored through the whole pipeline."""

from __future__ import annotations

import pytest

from pipeline.audit import audit
from pipeline.build import document_from_text
from pipeline.extract import extract_plan
from pipeline.store import open_db, store_document

PROVINCE = """ỦY BAN NHÂN DÂN
TỈNH BẮC GIANG

Số: 115/KH-UBND

Bắc Giang, ngày 27 tháng 6 năm 2023

KẾ HOẠCH
Thực hiện công tác y tế cơ sở trên địa bàn tỉnh Bắc Giang giai đoạn 2023 - 2025

Căn cứ Nghị quyết số 20-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương;

I. MỤC TIÊU

Phấn đấu đến năm 2025:

- Tỷ lệ bao phủ bảo hiểm y tế đạt trên 95% dân số.
"""

DISTRICT = """ỦY BAN NHÂN DÂN
HUYỆN LỤC NGẠN

Số: 88/KH-UBND

Lục Ngạn, ngày 10 tháng 8 năm 2023

KẾ HOẠCH
Thực hiện công tác y tế cơ sở trên địa bàn huyện Lục Ngạn giai đoạn 2023 - 2025

Thực hiện Kế hoạch số 115/KH-UBND ngày 27/6/2023 của UBND tỉnh Bắc Giang; Nghị quyết số 20-NQ/TW ngày 25/11/2017 của Ban Chấp hành Trung ương;

I. MỤC TIÊU

Phấn đấu đến năm 2025:

- Tỷ lệ bao phủ bảo hiểm y tế đạt trên 90% dân số.
"""


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "audit.db")
    for name, text in (("province.txt", PROVINCE), ("district.txt", DISTRICT)):
        doc = document_from_text(text, path=str(tmp_path / name))
        store_document(database, doc, extract_plan(doc))
    return database


def test_district_target_weaker_than_its_province_is_found(db):
    weaker = [f for f in audit(db) if f.rule == "weaker_than_province"]
    assert len(weaker) == 1
    assert weaker[0].plans == ("88/KH-UBND", "115/KH-UBND")
    assert "90" in weaker[0].message and "95" in weaker[0].message


def test_document_cited_with_two_dates_is_found(db):
    cited = [f for f in audit(db) if f.rule == "inconsistent_citation"]
    assert len(cited) == 1
    assert set(cited[0].details["dates"]) == {"2017-10-25", "2017-11-25"}


def test_renditions_of_one_plan_do_not_contradict_each_other(db, tmp_path):
    doc = document_from_text(PROVINCE, path=str(tmp_path / "province-copy.txt"))
    store_document(db, doc, extract_plan(doc))
    assert len([f for f in audit(db) if f.rule == "weaker_than_province"]) == 1
