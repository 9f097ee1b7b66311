"""Score extracted targets against ``gold/targets.json``.

A gold target is ``{"value": 95, "unit": "%", "year": 2030, "comparator": ">",
"indicator_code": "BHYT_COVERAGE", "scope": null}``. ``target`` counts a found target
as right only when value, unit, year, comparator, indicator_code and change all agree
(a gold target without ``change`` expects none);
the per-field counts pair gold and found targets on their value first and then
say which field was wrong. Baselines (``comparator: "baseline"``) are scored
apart, as ``baseline``: they are never targets.
"""

from __future__ import annotations

from typing import Any

from pipeline.evaluation.core import Counts, match_sets
from schemas import Plan

PART = "targets"
FIELDS = ("value", "unit", "year", "comparator", "indicator_code", "scope", "change")
# ``change`` (increase/decrease) is part of the key: "giảm 50%" read as a level of 50% is wrong.
KEY_FIELDS = ("value", "unit", "year", "comparator", "indicator_code", "change")


def score(gold: Any, plan: Plan) -> dict[str, Counts]:
    """Per-field counts plus ``target`` (all key fields right) and ``baseline``."""
    items = gold.get("targets", []) if isinstance(gold, dict) else list(gold)
    found = [t.model_dump() for t in plan.targets]
    gold_t = [g for g in items if g.get("comparator") != "baseline"]
    found_t = [f for f in found if f["comparator"] != "baseline"]
    result = {"target": match_sets(gold_t, found_t, _same)}
    result["baseline"] = match_sets(
        [g for g in items if g.get("comparator") == "baseline"],
        [f for f in found if f["comparator"] == "baseline"],
        lambda g, f: _eq(g, f, ("value", "unit", "indicator_code")),
    )
    result.update(_per_field(gold_t, found_t))
    return result


def _eq(gold: dict, found: dict, fields: tuple[str, ...]) -> bool:
    return all(_field_eq(name, gold.get(name), found.get(name)) for name in fields)


def _field_eq(name: str, expected: Any, got: Any) -> bool:
    if name == "value":
        return expected is not None and got is not None and abs(float(expected) - float(got)) < 1e-6
    return expected == got


def _same(gold: dict, found: dict) -> bool:
    if not _eq(gold, found, KEY_FIELDS):
        return False
    # Table cells repeat values; when gold names a scope, it must agree too.
    return "scope" not in gold or gold["scope"] == found.get("scope")


def _per_field(gold: list[dict], found: list[dict]) -> dict[str, Counts]:
    """Pair each gold target with the most similar unused found target of the same value."""
    counts = {name: Counts() for name in FIELDS}
    remaining = list(found)
    for g in gold:
        candidates = [f for f in remaining if _field_eq("value", g.get("value"), f.get("value"))]
        if not candidates:
            # A missed target misses only the fields it has: no "change" expected, none missed.
            for name in FIELDS:
                if g.get(name) is not None:
                    counts[name].fn += 1
            continue
        best = max(candidates, key=lambda f: sum(_field_eq(n, g.get(n), f.get(n)) for n in FIELDS))
        remaining.remove(best)
        for name in FIELDS:
            expected, got = g.get(name), best.get(name)
            if _field_eq(name, expected, got):
                counts[name].tp += int(expected is not None)
            else:
                counts[name].fp += int(got is not None)
                counts[name].fn += int(expected is not None)
    for f in remaining:
        for name in FIELDS:
            counts[name].fp += int(f.get(name) is not None)
    return counts
