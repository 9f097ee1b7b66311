"""Score cited documents against ``gold/references.json`` (a list of {number, date, relation, issuer}).

``reference`` counts documents found (matched by canonical symbol); ``date``,
``relation`` and ``issuer`` are scored on matched pairs, and count as missed (fn) for
gold references not found and as spurious (fp) for found references not in gold.
"""

from __future__ import annotations

from typing import Any

from pipeline.evaluation.core import Counts, compare_value, match_sets
from pipeline.evaluation.metadata import number_key, text_key
from schemas import Plan

PART = "references"
FIELDS = ("date", "relation", "issuer")


def score(gold: list[dict[str, Any]], plan: Plan) -> dict[str, Counts]:
    found = [r for r in plan.references if r.number]
    same = lambda g, f: number_key(g["number"]) == number_key(f.number)  # noqa: E731
    out = {"reference": match_sets(gold, found, same)}
    for name in FIELDS:
        out[name] = Counts()
    remaining = list(found)
    for g in gold:
        hit = next((f for f in remaining if same(g, f)), None)
        if hit is not None:
            remaining.remove(hit)
        for name in FIELDS:
            if name not in g:
                continue
            expected = g[name]
            value = getattr(hit, name) if hit is not None else None
            if name == "issuer":
                expected, value = text_key(expected), text_key(value)
            out[name] += compare_value(expected, value)
    for f in remaining:
        for name in FIELDS:
            out[name] += compare_value(None, getattr(f, name))
    return out
