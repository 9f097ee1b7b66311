"""Score the front matter (number, type, title, date, issuer, signer...) against gold.

Gold: ``gold/metadata.json``. Only the keys present in a gold file are scored, so a
partial reading (realdocs) scores what it annotates. Values are compared after the
normalisations a reader would not care about: case, diacritic placement (``Hoá`` /
``Hóa``), punctuation, the ``UBND`` / ``Ủy ban nhân dân`` abbreviation, and symbol
spelling (``0130/KH-UBND`` = ``130/KH-UBND``).
"""

from __future__ import annotations

import re
from typing import Any

from extractors.symbols import fold, symbol_key
from pipeline.evaluation.core import Counts, compare_value, match_sets
from schemas import Plan

PART = "metadata"
_ABBREVIATIONS = {
    "UBND": "UY BAN NHAN DAN", "HDND": "HOI DONG NHAN DAN", "TTYT": "TRUNG TAM Y TE",
    "TP": "THANH PHO", "UB": "UY BAN",
}
_SCALARS = ("doc_type", "issued_date", "issued_year", "source_kind", "horizon_year")
_TEXTS = ("title", "place")
_ISSUER = ("name", "level", "province", "district", "province_2025")
_SIGNER = ("name", "position", "authority")


def text_key(value: str | None) -> str | None:
    """A comparison key: folded, punctuation-free, abbreviations expanded, ``V/v`` dropped."""
    if value is None:
        return None
    key = fold(value)
    key = re.sub(r"^\s*(?:V/V|VE VIEC)\s+", "", key)
    key = re.sub(r"[^A-Z0-9]+", " ", key).strip()
    words = [_ABBREVIATIONS.get(w, w) for w in key.split()]
    return " ".join(words) or None


def number_key(value: str | None) -> str | None:
    if value is None:
        return None
    return symbol_key(value)


def score(gold: dict[str, Any], plan: Plan) -> dict[str, Counts]:
    out: dict[str, Counts] = {}
    if "number" in gold:
        out["number"] = compare_value(number_key(gold["number"]), number_key(plan.number))
    for name in _SCALARS:
        if name in gold:
            out[name] = compare_value(gold[name], getattr(plan, name))
    for name in _TEXTS:
        if name in gold:
            out[name] = compare_value(text_key(gold[name]), text_key(getattr(plan, name)))
    if "issuer" in gold:
        out.update(_nested("issuer", gold["issuer"], plan.issuer, _ISSUER))
    if "signer" in gold:
        out.update(_nested("signer", gold["signer"], plan.signer, _SIGNER))
    if "recipients" in gold:
        out["recipients"] = match_sets(
            [text_key(r) for r in gold["recipients"]], [text_key(r) for r in plan.recipients],
            lambda a, b: a == b,
        )
    if "findings" in gold:
        found = [f.rule for f in plan.findings if f.rule in ("blank_number", "blank_date")]
        out["findings"] = match_sets(gold["findings"], found, lambda a, b: a == b)
    return out


def _nested(prefix: str, gold: dict | None, found: Any, fields: tuple[str, ...]) -> dict[str, Counts]:
    out = {}
    for name in fields:
        expected = gold.get(name) if gold else None
        value = getattr(found, name, None) if found is not None else None
        if name in ("level", "authority"):
            out[f"{prefix}.{name}"] = compare_value(expected, value)
        else:
            out[f"{prefix}.{name}"] = compare_value(text_key(expected), text_key(value))
    return out
