"""Whole-document golden files: each seed's full record, as JSON and as readable Markdown.

The gold annotations (``gold/*.json``) say what is *right*; these files say what the
extractor *produced* last time it was reviewed, so any change to any record shows up
as a diff to review. Regenerate after a reviewed change with::

    KEHOACH_REGENERATE=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import json
import os

import pytest

from pipeline.parse import Parsed, parse_file
from schemas import Plan
from tests.conftest import ROOT, SEEDS

REGENERATE = os.environ.get("KEHOACH_REGENERATE") == "1"
GOLDEN = ROOT / "tests" / "golden"  # outside corpus/, so ingesting the corpus never reads them


def record(folder) -> dict:
    outcome = parse_file(str(folder / "source.txt"))
    assert isinstance(outcome, Parsed)
    data = outcome.plan.model_dump(mode="json", exclude={"outline", "tables"})
    data["source"]["path"] = str((folder / "source.txt").relative_to(ROOT))
    return data


def markdown(data: dict) -> str:
    plan = Plan.model_validate(data)
    lines = [f"# {plan.doc_type or 'Document'} {plan.number or '(no number)'}", ""]
    issuer = plan.issuer
    lines += [
        f"- kind: {plan.source_kind}",
        f"- title: {plan.title or '—'}",
        f"- issued: {plan.issued_date or plan.issued_year or '—'} at {plan.place or '—'}",
        f"- issuer: {issuer.name + ' (' + issuer.level + ')' if issuer else '—'}",
        f"- signer: {' '.join(x for x in (plan.signer.authority, plan.signer.position, plan.signer.name) if x) if plan.signer else '—'}",
        f"- horizon: {plan.horizon_year or '—'}",
        "",
    ]
    sections = (
        ("References", plan.references, lambda r: f"{r.relation}: {r.doc_type or ''} {r.number or ''} {r.date or ''} — {r.issuer or ''}"),
        ("Targets", plan.targets, lambda t: f"{t.indicator_code or '?'}: {t.comparator} {t.value:g} {t.unit} by {t.year or '?'}"
         + (f" [{t.scope}]" if t.scope else "")),
        ("Assignments", plan.assignments, lambda a: f"{a.role}: {a.agency} ({a.agency_code or '?'}), {len(a.tasks)} task(s)"),
        ("Deadlines", plan.deadlines, lambda d: f"{d.date or d.month or d.rrule or d.start}: {d.agency or '?'} — {d.text}"),
        ("Findings", plan.findings, lambda f: f"{f.severity} {f.rule}: {f.message}"),
    )
    for title, items, fmt in sections:
        lines += [f"## {title} ({len(items)})", ""] + [f"- {fmt(i)}" for i in items] + [""]
    return "\n".join(lines)


@pytest.mark.parametrize("folder", SEEDS, ids=lambda p: p.name)
def test_record_matches_its_golden_file(folder):
    data = record(folder)
    expected_json, expected_md = GOLDEN / f"{folder.name}.json", GOLDEN / f"{folder.name}.md"
    if REGENERATE:
        GOLDEN.mkdir(exist_ok=True)
        expected_json.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        expected_md.write_text(markdown(data), encoding="utf-8")
    expected = json.loads(expected_json.read_text(encoding="utf-8"))
    changed = [key for key in sorted(set(data) | set(expected)) if data.get(key) != expected.get(key)]
    assert not changed, f"record fields changed: {changed}; review, then regenerate (see module docstring)"
    assert expected_md.read_text(encoding="utf-8") == markdown(data)


def test_regenerate_flag_is_off():
    assert not REGENERATE, "KEHOACH_REGENERATE=1 rewrites the golden files: never leave it on"
