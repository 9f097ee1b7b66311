"""Map a target's wording to a code of the shared indicator vocabulary.

``"Tỷ lệ dân số tham gia bảo hiểm y tế năm 2025 đạt 94%"`` → ``BHYT_COVERAGE``.
Plans spell the same indicator many ways (``bác sỹ``/``bác sĩ``, ``khoẻ``/``khỏe``,
dropped diacritics, typos), so forms are compared fuzzily on folded text. When no
form clears the threshold the code is ``None``: a wrong code is worse than none.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

DATA = Path(__file__).parent / "data" / "indicators.json"
THRESHOLD = 90.0
# Parts shorter than this are matched as whole words: fuzzy partial matching of
# "ấp" or "xã" would find them in any sentence.
SHORT_PART = 6
_GAP = re.compile(r"\s*(?:…|\.\.\.)\s*")
_SLASH = re.compile(r"\s*/\s*")
_NOT_KEPT = re.compile(r"[^\w%‰/ ]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    label: str
    unit: str
    priority: int
    forms: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Match:
    code: str
    score: float  # 0..1
    form: str


def fold(text: str) -> str:
    """Lower-case, strip diacritics, ``đ``→``d``, ``y``→``i`` (``sỹ``≡``sĩ``), squeeze spaces.

    >>> fold("Bác sỹ/vạn dân")
    'bac si / van dan'
    """
    text = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("y", "i")
    text = _SLASH.sub(" / ", text)
    text = _NOT_KEPT.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def fold_keep(text: str) -> str:
    """Like :func:`fold` but offset-preserving: one output character per input character.

    >>> fold_keep("Phấn đấu 95%")
    'phan dau 95%'
    """
    return text.translate(_fold_list())


# Code points below this are looked up by index; any above it is kept as it is (str.translate
# keeps a character whose lookup raises IndexError). It covers Vietnamese, the general
# punctuation block (“ ” – … ‰) and the arrows and math signs (≥ ≤) plans use.
_FOLD_LIST_SIZE = 0x2300


@cache
def _fold_list() -> list[str]:
    """:func:`_fold_table` as a list indexed by code point, unmapped characters mapping to themselves.

    ``str.translate`` looks a list up by index, which is about twice as fast as a dict, and
    the characters a dict leaves out (lower-case ASCII, digits, spaces) cost it a KeyError each.
    """
    table = _fold_table()
    return [table.get(code, chr(code)) for code in range(_FOLD_LIST_SIZE)]


@cache
def _fold_table() -> dict[int, str]:
    """One folded character for every Latin letter (a C-speed ``str.translate`` table)."""
    table = {}
    for code in [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(code)
        low = ch.lower()[:1] or ch  # one character out for each one in, always
        table[code] = "d" if low == "đ" else unicodedata.normalize("NFD", low)[0]
    return table


@cache
def _sources_of() -> dict[str, str]:
    """Folded character → every character :func:`fold_keep` turns into it (``a`` → ``aAàÀáÁ...``)."""
    out: dict[str, list[str]] = {}
    for code, folded in _fold_table().items():
        out.setdefault(folded, []).append(chr(code))
    return {folded: "".join(chars) for folded, chars in out.items()}


def raw_pattern(word: str) -> str:
    """A regex for the unfolded text that matches where ``word`` matches the folded text.

    :func:`fold_keep` works one character at a time, so a character class of every
    character folding to each letter finds the word without folding the text first.

    >>> re.fullmatch(raw_pattern("mot"), "Một") is not None
    True
    """
    sources = _sources_of()
    out = []
    for ch in word:
        chars = {ch, *sources.get(ch, "")}
        out.append(re.escape(ch) if len(chars) == 1 else "[" + "".join(re.escape(c) for c in sorted(chars)) + "]")
    return "".join(out)


@cache
def vocabulary() -> tuple[Indicator, ...]:
    """The indicators of ``extractors/data/indicators.json``, loaded once."""
    raw = json.loads(DATA.read_text(encoding="utf-8"))
    return tuple(
        Indicator(i["code"], i["label"], i.get("unit", ""), int(i.get("priority", 0)), tuple(i["forms"]))
        for i in raw["indicators"]
    )


@cache
def _folded_forms() -> tuple[tuple[Indicator, str, tuple[str, ...]], ...]:
    return tuple(
        (ind, form, tuple(fold(p) for p in _GAP.split(form) if p.strip()))
        for ind in vocabulary() for form in ind.forms
    )


@cache
def _forms_opening_with() -> dict[str, tuple[int, ...]]:
    """First part of a form → the indices in :func:`_folded_forms` of the forms that open with it."""
    out: dict[str, list[int]] = {}
    for i, (_, _, parts) in enumerate(_folded_forms()):
        if parts:
            out.setdefault(parts[0], []).append(i)
    return {part: tuple(indices) for part, indices in out.items()}


def by_code(code: str) -> Indicator | None:
    return next((i for i in vocabulary() if i.code == code), None)


@cache
def _whole_word(part: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(part)}(?!\w)")


def _part_score(part: str, text: str) -> float:
    if len(part) < SHORT_PART:
        return 100.0 if _whole_word(part).search(text) else 0.0
    if part in text:
        return 100.0
    return fuzz.partial_ratio(part, text)


def _form_score(parts: tuple[str, ...], text: str, threshold: float = 0.0) -> float:
    """The weakest part's score; stops at the first part below ``threshold``."""
    lowest = 100.0 if parts else 0.0
    for part in parts:
        lowest = min(lowest, _part_score(part, text))
        if lowest < threshold:
            break
    return lowest


@cache
def _long_parts() -> tuple[str, ...]:
    return tuple(sorted({p for _, _, parts in _folded_forms() for p in parts if len(p) >= SHORT_PART}))


def _long_part_scores(folded: str, threshold: float) -> dict[str, float]:
    """Scores of every long form part against ``folded`` at once (rapidfuzz runs the loop in C)."""
    found = process.extract(folded, _long_parts(), scorer=fuzz.partial_ratio, score_cutoff=threshold, limit=None)
    return {part: score for part, score, _ in found}


@cache
def _numbered_parts() -> tuple[str, ...]:
    """Long form parts holding a digit (``tre em duoi 5 tuoi``): matched exactly, never fuzzily."""
    return tuple(p for p in _long_parts() if any(ch.isdigit() for ch in p))


@cache
def _short_parts() -> tuple[str, ...]:
    return tuple(sorted({p for _, _, parts in _folded_forms() for p in parts if len(p) < SHORT_PART}))


def _part_scores(folded: str, threshold: float) -> dict[str, float]:
    """Every form part's score against ``folded``: long parts fuzzily, short ones as whole words.

    Scored once per text, so each of the many forms only looks its parts up.
    """
    scores = _long_part_scores(folded, threshold)
    for part in _numbered_parts():
        # a number in a form is exact: "trẻ em dưới 16 tuổi" is no "trẻ em dưới 5 tuổi", one edit apart
        if part in scores:
            scores[part] = 100.0 if _whole_word(part).search(folded) else 0.0
    for part in _short_parts():
        scores[part] = _part_score(part, folded)
    return scores


def _scored_form(parts: tuple[str, ...], scores: dict[str, float]) -> float:
    """A form's weakest part (a part without a score scored below the threshold: 0)."""
    lowest = 100.0 if parts else 0.0
    for part in parts:
        score = scores.get(part, 0.0)
        if score < lowest:
            lowest = score
            if not lowest:
                break  # nothing is lower than a missing part
    return lowest


@lru_cache(maxsize=4096)
def match(text: str, threshold: float = THRESHOLD) -> Match | None:
    """The best indicator for ``text``, or None when no form is close enough.

    Among forms that clear ``threshold`` the indicator's priority decides first
    (a more specific indicator beats a general one), then the score, then the
    length of the form.

    >>> match("Tỷ lệ dân số tham gia bảo hiểm y tế đạt 95%").code
    'BHYT_COVERAGE'
    """
    folded = fold(text)
    if not folded:
        return None
    scores = _part_scores(folded, threshold)
    forms = _folded_forms()
    if threshold > 0:
        # A form clears the threshold only if its first part does, so only the forms opening
        # with a part that did are scored, in vocabulary order as before (ties keep the first).
        passing = {part for part, score in scores.items() if score >= threshold}
        candidates = sorted({i for part in passing for i in _forms_opening_with().get(part, ())})
        forms = tuple(forms[i] for i in candidates)
    best: tuple[tuple[float, float, int], Match] | None = None
    for ind, form, parts in forms:
        score = _scored_form(parts, scores)
        if score < threshold:
            continue
        key = (ind.priority, score, sum(len(p) for p in parts))
        if best is None or key > best[0]:
            best = (key, Match(ind.code, round(score / 100, 3), form))
    return best[1] if best else None
