"""Checks across stored plans: what no single plan can show on its own.

- ``weaker_than_province``: a district plan commits to less than its province's plan
  on the same indicator, unit and year (fewer communes meeting the criteria, a lower
  coverage rate). Direction comes from the comparators: a target written with "<"
  or "≤" ("tử vong dưới 8,5‰") is better when lower; otherwise higher is better.
- ``inconsistent_citation``: one document (same canonical id) cited with different
  dates by different plans, e.g. Nghị quyết 71/NQ-CP as of 01/4/2025 and 01/5/2025.

Each plan counts once however many renditions of it are stored (``plans.plan_key``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import asdict, dataclass
from typing import Any

import sqlite_utils

_LOWER_IS_BETTER = {"<", "<="}
_FIRST_RENDITION = "d.id = (SELECT min(q.document_id) FROM plans q WHERE q.plan_key = p.plan_key)"


@dataclass(frozen=True, slots=True)
class AuditFinding:
    rule: str
    message: str
    plans: tuple[str, ...]
    details: dict[str, Any]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def audit(db: sqlite_utils.Database) -> list[AuditFinding]:
    """Every cross-plan finding, weaker district targets first."""
    return weaker_than_province(db) + inconsistent_citations(db)


def weaker_than_province(db: sqlite_utils.Database) -> list[AuditFinding]:
    rows = _targets(db)
    province = defaultdict(list)
    for row in rows:
        if row["level"] == "province":
            province[(row["province"], row["indicator_code"], row["unit"], row["year"])].append(row)
    out = []
    for row in rows:
        if row["level"] != "district":
            continue
        for parent in province.get((row["province"], row["indicator_code"], row["unit"], row["year"]), []):
            if _weaker(row, parent):
                out.append(AuditFinding(
                    rule="weaker_than_province",
                    message=(f"{row['issuer']} ({row['number'] or 'no number'}) commits to {row['comparator']} "
                             f"{row['value']:g} {row['unit']} for {row['indicator_code']} by {row['year']}, "
                             f"weaker than {parent['issuer']} ({parent['number']}): {parent['comparator']} "
                             f"{parent['value']:g} {parent['unit']}"),
                    plans=(row["number"] or row["path"], parent["number"] or parent["path"]),
                    details={"district": row, "province": parent},
                ))
    return out


def _weaker(district: dict[str, Any], province: dict[str, Any]) -> bool:
    lower_is_better = district["comparator"] in _LOWER_IS_BETTER or province["comparator"] in _LOWER_IS_BETTER
    if lower_is_better:
        return district["value"] > province["value"]
    return district["value"] < province["value"]


def _targets(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """Whole-plan targets (not per-district table cells, not baselines) with an indicator code."""
    sql = f"""
        SELECT p.issuer_name AS issuer, p.issuer_level AS level, p.issuer_province AS province,
               p.number AS number, d.path AS path, t.indicator_code AS indicator_code, t.unit AS unit,
               t.year AS year, t.comparator AS comparator, t.value AS value
        FROM targets t JOIN plans p ON p.document_id = t.document_id JOIN documents d ON d.id = t.document_id
        WHERE t.indicator_code IS NOT NULL AND t.year IS NOT NULL AND t.comparator NOT IN ('baseline', 'maintain')
          AND (t.scope IS NULL OR t.is_total) AND p.issuer_province IS NOT NULL AND {_FIRST_RENDITION}
    """
    return [dict(zip(("issuer", "level", "province", "number", "path", "indicator_code", "unit", "year",
                      "comparator", "value"), r)) for r in db.execute(sql).fetchall()]


def inconsistent_citations(db: sqlite_utils.Database) -> list[AuditFinding]:
    sql = f"""
        SELECT r.canonical_id, r.number, r.date, coalesce(p.number, d.path)
        FROM [references] r JOIN plans p ON p.document_id = r.document_id JOIN documents d ON d.id = r.document_id
        WHERE r.canonical_id IS NOT NULL AND r.date IS NOT NULL AND {_FIRST_RENDITION}
        ORDER BY r.canonical_id, r.date
    """
    by_document: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    numbers = {}
    for canonical, number, cited_date, citing in db.execute(sql).fetchall():
        by_document[canonical][cited_date].add(citing)
        numbers[canonical] = number
    out = []
    for canonical, dates in by_document.items():
        if len(dates) < 2:
            continue
        described = "; ".join(f"{d} by {', '.join(sorted(c))}" for d, c in sorted(dates.items()))
        out.append(AuditFinding(
            rule="inconsistent_citation",
            message=f"{numbers[canonical]} is cited with {len(dates)} different dates: {described}",
            plans=tuple(sorted({c for cs in dates.values() for c in cs})),
            details={"canonical_id": canonical, "dates": {d: sorted(c) for d, c in dates.items()}},
        ))
    return out
