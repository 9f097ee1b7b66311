"""Every corpus file yields a schema-valid Plan whose values are grounded in its text."""

from __future__ import annotations

import json

import pytest

from pipeline.ingest import discover
from pipeline.parse import Parsed, parse_file
from schemas import Plan, plan_json_schema
from tests.conftest import CORPUS

FILES = [p for p in discover([CORPUS]) if "realdocs-gold" not in p.parts]


@pytest.fixture(scope="module", params=FILES, ids=lambda p: str(p.relative_to(CORPUS)))
def parsed(request) -> Parsed:
    outcome = parse_file(str(request.param))
    assert isinstance(outcome, Parsed), outcome
    return outcome


def test_plan_round_trips_through_json(parsed):
    text = parsed.plan.model_dump_json()
    assert Plan.model_validate_json(text) == parsed.plan


def test_every_span_slices_back_to_its_quote(parsed):
    doc, plan = parsed.document, parsed.plan
    for part in (plan.references, plan.targets, plan.assignments, plan.deadlines):
        for item in part:
            assert 0 <= item.span.start <= item.span.end <= len(doc.text)
            assert item.span.page == doc.page_at(item.span.start)
            quote = getattr(item, "text", None)
            if quote:
                assert " ".join(quote.split()) in " ".join(doc.text[item.span.start:item.span.end].split())
    for field in ("number_span", "title_span", "date_span"):
        span = getattr(plan, field)
        assert span is None or 0 <= span.start <= span.end <= len(doc.text)


def test_number_as_written_is_in_its_span(parsed):
    plan, doc = parsed.plan, parsed.document
    if plan.number and plan.number_span:
        written = doc.text[plan.number_span.start:plan.number_span.end]
        digits = plan.number.split("/")[0].split("-")[0]
        assert digits.lstrip("0") in written


def test_corpus_has_every_format():
    assert {p.suffix for p in FILES} >= {".txt", ".docx", ".pdf"}


def test_schema_is_valid_json_with_the_contract_fields():
    schema = json.loads(plan_json_schema())
    for name in ("source", "source_kind", "number", "doc_type", "title", "issued_date", "issued_year", "place",
                 "issuer", "signer", "references", "targets", "assignments", "deadlines", "findings"):
        assert name in schema["properties"]
