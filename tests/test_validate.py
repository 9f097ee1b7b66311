"""Validation: ungrounded values are dropped, audit findings are raised."""

from __future__ import annotations

from pipeline.build import document_from_text
from pipeline.validate import validate
from schemas import Deadline, Plan, Reference, Source, Span

TEXT = "Căn cứ Quyết định số 46/2002/QĐ-UBND ngày 12/9/2022 của UBND tỉnh. Báo cáo trước ngày 15/11/2019."


def plan_with(**parts) -> Plan:
    source = Source(path="x.txt", sha256="0" * 64, format="txt")
    return Plan(source=source, issued_date="2023-06-27", issued_year=2023, horizon_year=2030, **parts)


def test_value_whose_span_is_outside_the_text_is_dropped():
    doc = document_from_text(TEXT)
    ref = Reference(number="1/QĐ-UBND", text="x", span=Span(start=5, end=10_000))
    checked = validate(doc, plan_with(references=[ref]))
    assert checked.references == []
    assert [f.rule for f in checked.findings] == ["ungrounded"]


def test_value_whose_quote_does_not_match_its_span_is_dropped():
    doc = document_from_text(TEXT)
    ref = Reference(number="46/2002/QĐ-UBND", text="Quyết định số 99", span=Span(start=7, end=40))
    assert validate(doc, plan_with(references=[ref])).references == []


def test_cited_date_contradicting_the_symbol_year_is_a_finding():
    doc = document_from_text(TEXT)
    start = TEXT.index("Quyết định")
    ref = Reference(number="46/2002/QĐ-UBND", date="2022-09-12", text="Quyết định số 46/2002/QĐ-UBND",
                    span=Span(start=start, end=start + 30))
    checked = validate(doc, plan_with(references=[ref]))
    assert checked.references == [ref]
    assert [f.rule for f in checked.findings] == ["reference_date_mismatch"]


def test_deadline_before_the_plan_is_a_finding():
    doc = document_from_text(TEXT)
    start = TEXT.index("trước ngày")
    deadline = Deadline(text="trước ngày 15/11/2019", date="2019-11-15", span=Span(start=start, end=start + 21))
    checked = validate(doc, plan_with(deadlines=[deadline]))
    assert [f.rule for f in checked.findings] == ["deadline_outside_plan"]


def test_deadline_inside_the_plan_is_not_a_finding():
    doc = document_from_text(TEXT)
    start = TEXT.index("trước ngày")
    deadline = Deadline(text="trước ngày 15/11/2019", date="2024-11-15", span=Span(start=start, end=start + 21))
    assert validate(doc, plan_with(deadlines=[deadline])).findings == []


def test_english_text_is_flagged_as_not_vietnamese():
    doc = document_from_text("This plan describes the annual health targets of the province. " * 20)
    checked = validate(doc, plan_with())
    assert [f.rule for f in checked.findings] == ["not_vietnamese"]


def test_vietnamese_text_is_not_flagged():
    doc = document_from_text("Kế hoạch thực hiện Bộ tiêu chí quốc gia về y tế xã trên địa bàn tỉnh Bắc Giang. " * 10)
    assert validate(doc, plan_with()).findings == []
