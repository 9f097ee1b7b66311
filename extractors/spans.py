"""Position tests over many spans, for extractors that ask them once per match."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable


def within(spans: Iterable[tuple[int, int]]) -> Callable[[int], bool]:
    """A test whether a position lies in any of ``spans`` (half-open).

    One bisection per call instead of a scan of every span: the spans are sorted by
    start, with the furthest end reached so far, once.

    >>> inside = within([(0, 4), (10, 12)])
    >>> inside(3), inside(4), inside(11)
    (True, False, True)
    """
    ordered = sorted(spans)
    starts = [start for start, _ in ordered]
    reach, furthest = [], -1
    for _, end in ordered:
        furthest = max(furthest, end)
        reach.append(furthest)

    def test(pos: int) -> bool:
        i = bisect.bisect_right(starts, pos) - 1
        return i >= 0 and reach[i] > pos

    return test
