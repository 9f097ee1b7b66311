"""Scoring deadlines against gold: exact dates, months, and yearly month-day.

Gold (``gold/deadlines.json``) is a list of objects with one of ``date`` (ISO),
``month`` (``YYYY-MM``) or ``recurrence`` (``{"freq", "month", "day"}``). Records that
carry only a ``start`` are starts, not deadlines, and are not scored. The same value
stated twice counts once.
"""

from __future__ import annotations

from typing import Any

from pipeline.evaluation.core import Counts, match_sets
from schemas import Plan

PART = "deadlines"


def key(item: dict[str, Any]) -> tuple | None:
    """The value a deadline is compared on: ``("date", "2023-09-30")``, ``("yearly", 11, 15)``."""
    if item.get("date"):
        return ("date", item["date"])
    if item.get("month"):
        return ("month", item["month"])
    rec = item.get("recurrence")
    if rec:
        return (rec.get("freq"), rec.get("month"), rec.get("day"))
    return None


def _keys(items: list[dict[str, Any]]) -> list[tuple]:
    return list(dict.fromkeys(k for k in map(key, items) if k is not None))


def score(gold: list[dict[str, Any]], plan: Plan) -> dict[str, Counts]:
    """``value``: every deadline value; ``recurrence``: the recurring ones alone."""
    found = [d.model_dump(mode="json") for d in plan.deadlines]
    gold_keys, found_keys = _keys(gold), _keys(found)
    same = lambda g, f: g == f  # noqa: E731
    return {
        "value": match_sets(gold_keys, found_keys, same),
        "recurrence": match_sets([k for k in gold_keys if k[0] not in ("date", "month")],
                                 [k for k in found_keys if k[0] not in ("date", "month")], same),
    }
