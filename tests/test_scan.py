"""Anchored scanning finds exactly what finditer finds, only faster."""

from __future__ import annotations

import random
import re

import pytest

from extractors.scan import lowered, matches_at

_GIAI_DOAN = re.compile(r"(?:giai đoạn|thời kỳ)\s*(\d{4})\s*[-–]\s*(\d{4})", re.I)
_OPENING = re.compile("giai đoạn|thời kỳ")


@pytest.mark.parametrize("text", [
    "Kế hoạch giai đoạn 2021-2025 và GIAI ĐOẠN 2026 – 2030",
    "THỜI KỲ 2021-2030; Giai Đoạn 2026-2030",
    "giai đoạn giai đoạn 2021-2025",
    "không có năm nào",
    "",
])
def test_matches_at_finds_what_finditer_finds(text):
    expected = [m.span() for m in _GIAI_DOAN.finditer(text)]
    assert [m.span() for m in matches_at(_GIAI_DOAN, _OPENING, text, lowered(text))] == expected


def test_matches_at_random_texts_agree_with_finditer():
    pieces = ["giai đoạn", "GIAI ĐOẠN", "thời kỳ", "Thời Kỳ", "2021", "-", "–", "2025", " ", "\n", "x", "gıaı đoạn"]
    rng = random.Random(1)
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        expected = [m.span() for m in _GIAI_DOAN.finditer(text)]
        assert [m.span() for m in matches_at(_GIAI_DOAN, _OPENING, text, lowered(text))] == expected


@pytest.mark.parametrize("text", ["İ giai đoạn 2021-2025", "gıaı đoạn 2021-2025"])
def test_turkish_i_falls_back_to_a_full_scan(text):
    # "ı" matches a case-insensitive "i" but lower() keeps it; "İ" lowers to two characters
    assert lowered(text) is None
    expected = [m.span() for m in _GIAI_DOAN.finditer(text)]
    assert [m.span() for m in matches_at(_GIAI_DOAN, _OPENING, text, None)] == expected
