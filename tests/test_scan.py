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


def test_word_positions_in_order_within_bounds():
    from extractors.scan import word_positions
    assert word_positions("các cơ quan, đơn vị, cơ sở", ("cơ", "đơn"), 0, 26) == [4, 13, 21]
    assert word_positions("các cơ quan, đơn vị, cơ sở", ("cơ", "đơn"), 5, 22) == [13]


def _random_texts(pieces, count=1500, seed=2):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))


def test_assignment_scans_find_what_finditer_finds():
    """The word-anchored scans of the prose, label and directing patterns agree with ``finditer``."""
    from extractors import assignments as a
    from extractors.scan import matches_from, word_positions
    pieces = ["Giao", "GIAO", "giao", "Đề nghị", "ĐỀ NGHỊ", "yêu cầu", "Yêu Cầu", "Cơ quan", "CƠ QUAN", "đơn vị",
              "Đơn Vị", "chủ trì", "phối hợp", " ", "\n", ":", "x", "chỉ đạo", "Chỉ đạo", "lãnh đạo", "Lãnh đạo",
              "vai trò", "là", "Là", "cơ quan", "thường trực", "Sở Y tế", "cho", "gıao", "İ"]
    for text in _random_texts(pieces):
        for span in ((0, len(text)), (len(text) // 3, len(text))):
            for rx, words in ((a._LABEL, ("cơ", "đơn")), (a._GIAO, ("giao", "đề", "yêu"))):
                expected = [m.span() for m in rx.finditer(text, *span)]
                assert [m.span() for m in a._case_blind_scan(rx, text, words, span)] == expected, (text, rx)
            for rx, words in ((a._DIRECT, ("chỉ", "Chỉ", "lãnh")), (a._ROLE_AS_FOCAL, ("vai", "là", "Là"))):
                expected = [m.span() for m in rx.finditer(text, *span)]
                got = matches_from(rx, text, word_positions(text, words, *span), span[1])
                assert [m.span() for m in got] == expected, (text, rx)


def test_block_clause_after_separator_agrees_past_the_start():
    from extractors import assignments as a
    pieces = ["\n", ";", ":", " ", "- ", "a) ", "chủ trì, ", "Phối hợp với ", "và phối hợp ", "x", "\f"]
    for text in _random_texts(pieces):
        for start in range(1, len(text) + 1):
            expected = [(m.span(), m.groupdict()) for m in a._BLOCK_CLAUSE.finditer(text, start, len(text))]
            got = [(m.span(), m.groupdict()) for m in a._BLOCK_CLAUSE_AFTER_SEPARATOR.finditer(text, start, len(text))]
            assert got == expected, (text, start)
