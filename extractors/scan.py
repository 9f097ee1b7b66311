"""Fast exact scanning with slow case-insensitive patterns.

A case-insensitive pattern that opens with a choice of words (``giai đoạn|thời kỳ``) is
tried by Python's regex engine at every character of the text, which is slow on a long
document. Every match of such a pattern starts where one of its opening words occurs, and
those are found fast as plain lower-case text, so the pattern is tried only there: the
matches are the same as ``finditer``'s, found in a fraction of the time.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable


def lowered(text: str) -> str | None:
    """``text.lower()`` when it lines up with ``text`` character for character and holds the
    letters a case-insensitive pattern sees; None for the dotted and dotless Turkish I, the
    only letters where the two disagree (``İ`` lowers to two characters, ``ı`` matches ``i``).

    >>> lowered("Giai Đoạn 2021"), lowered("İ")
    ('giai đoạn 2021', None)
    """
    if "İ" in text or "ı" in text:
        return None
    return text.lower()


def matches_at(rx: re.Pattern[str], opening: re.Pattern[str], text: str, lower: str | None) -> list[re.Match[str]]:
    """``list(rx.finditer(text))``, with ``rx`` tried only where ``opening`` occurs in ``lower``.

    ``opening`` must match, in lower case, at the start of every match of ``rx``;
    ``lower`` is :func:`lowered` of ``text`` (None falls back to ``finditer``).
    """
    if lower is None:
        return list(rx.finditer(text))
    out: list[re.Match[str]] = []
    pos = 0
    while (word := opening.search(lower, pos)) is not None:
        m = rx.match(text, word.start())
        if m:
            out.append(m)
            pos = m.end()
        else:
            pos = word.start() + 1
    return out


@functools.lru_cache(maxsize=4)
def lowered_document(text: str) -> str | None:
    """:func:`lowered` of a whole document, made once for the several scans that read it."""
    return lowered(text)


def word_positions(text: str, words: Iterable[str], pos: int, endpos: int) -> list[int]:
    """Where any of ``words`` starts in ``text[pos:endpos]``, in order.

    ``str.find`` runs in C at memchr speed; a pattern that opens with a class or a
    choice of words makes the regex engine try every position instead.

    >>> word_positions("các cơ quan, đơn vị", ("cơ", "đơn"), 0, 19)
    [4, 13]
    """
    out = set()
    for word in words:
        at = text.find(word, pos, endpos)
        while at >= 0:
            out.add(at)
            at = text.find(word, at + 1, endpos)
    return sorted(out)


def matches_from(rx: re.Pattern[str], text: str, starts: Iterable[int], endpos: int) -> list[re.Match[str]]:
    """``list(rx.finditer(text, pos, endpos))`` when every match of ``rx`` begins at one of ``starts`` (sorted, >= pos).

    Matches never overlap, as with ``finditer``: a start inside the last match is skipped.
    """
    out: list[re.Match[str]] = []
    end = -1
    for start in starts:
        if start < end:
            continue
        m = rx.match(text, start, endpos)
        if m:
            out.append(m)
            end = m.end()
    return out
