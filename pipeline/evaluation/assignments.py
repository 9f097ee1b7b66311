"""Scoring assignments against gold: which agencies, and in which role.

Gold (``gold/assignments.json``) is a list of ``{"agency": ..., "role": ...}``. Names
match fuzzily (abbreviations expanded, diacritics folded, rapidfuzz token-set ratio),
so ``Phòng Y tế huyện`` matches ``Phòng Y tế huyện Đắk R'Lấp``. A plan that names an
agency several times in one role counts once: gold and output are compared as sets.
"""

from __future__ import annotations

from typing import Any

from rapidfuzz import fuzz

from extractors.agencies import expand, fold
from pipeline.evaluation.core import Counts, match_sets
from schemas import Plan

PART = "assignments"
THRESHOLD = 90


def same_agency(gold: str, found: str) -> bool:
    """``Sở KH&ĐT`` ≈ ``Sở Kế hoạch và Đầu tư``; ``Sở Y tế`` ≉ ``Sở Tài chính``."""
    a, b = fold(expand(gold)), fold(expand(found))
    if a == b:
        return True
    return fuzz.token_set_ratio(a, b) >= THRESHOLD and fuzz.ratio(a, b) >= 60


def _unique(items: list[dict[str, Any]], with_role: bool) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for item in items:
        if not any(same_agency(item["agency"], o["agency"]) and (not with_role or item.get("role") == o.get("role"))
                   for o in out):
            out.append(item)
    return out


def score(gold: list[dict[str, Any]], plan: Plan) -> dict[str, Counts]:
    """``agency``: the agencies named; ``role``: agency and role together."""
    found = [{"agency": a.agency, "role": a.role} for a in plan.assignments]
    return {
        "agency": match_sets(_unique(gold, False), _unique(found, False),
                             lambda g, f: same_agency(g["agency"], f["agency"])),
        "role": match_sets(_unique(gold, True), _unique(found, True),
                           lambda g, f: g.get("role") == f["role"] and same_agency(g["agency"], f["agency"])),
    }
