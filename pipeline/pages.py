"""Page furniture of a paginated text: the page numbers printed on each page.

An official document numbers its pages from the second one, centred at the top
(Nghị định 30/2020/NĐ-CP); other PDFs print "- 3 -", "Trang 3" or "3/12" at the foot.
Text extraction returns that number as a line of its own between two halves of a
sentence::

    ... trên 90% người nghiện ma túy, người sử dụng trái\\f4
    phép chất ma túy, người cai nghiện ma túy ...

A first or last line of a page that holds only a number is a page number when the
numbers follow the pages (page ``k`` shows ``k + offset`` for one offset shared by
most pages), so a lone "2" that belongs to the text is not taken for one.
"""

from __future__ import annotations

import re
from collections import Counter

PAGE_BREAK = "\f"
_PAGE_NUMBER = re.compile(r"[ \t]*(?:[-–—][ \t]*)?(?:(?:Trang|Page)[ \t]+)?(\d{1,4})(?:[ \t]*/[ \t]*\d{1,4})?"
                          r"(?:[ \t]*[-–—])?[ \t]*", re.IGNORECASE)


def page_number_edits(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, "")`` edits removing the page-number lines of ``text`` (pages split by ``\\f``).

    >>> t = "Kế hoạch ... sử dụng trái\\f2\\nphép chất ma túy\\f3\\nHết."
    >>> [t[s:e] for s, e, _ in page_number_edits(t)]
    ['2\\n', '3\\n']
    """
    if PAGE_BREAK not in text:
        return []
    candidates = []  # (page index, number, start, end) of a numbered first or last line
    start = 0
    for index, page in enumerate(text.split(PAGE_BREAK)):
        candidates += _numbered_edges(index, page, start)
        start += len(page) + 1
    offsets = Counter(number - index for index, number, _, _ in candidates)
    if not offsets:
        return []
    offset, support = offsets.most_common(1)[0]
    pages = text.count(PAGE_BREAK) + 1
    # Page numbers are printed on most pages after the first; a single number counts only
    # when it is the page's own ("2" atop page 2), as in a document of two pages.
    if support < max(1, (pages - 1) // 2) or support == 1 and offset != 1:
        return []
    return sorted((s, e, "") for index, number, s, e in candidates if number - index == offset)


def _numbered_edges(index: int, page: str, base: int) -> list[tuple[int, int, int, int]]:
    """The page's first and last lines when they hold only a page number."""
    out = []
    first_end = page.find("\n")
    first = page if first_end < 0 else page[:first_end]
    m = _PAGE_NUMBER.fullmatch(first)
    if m:
        end = len(first) + (1 if first_end >= 0 else 0)
        out.append((index, int(m.group(1)), base, base + end))
    last_start = page.rfind("\n") + 1
    if last_start > 0:  # a page of one line was looked at above
        m = _PAGE_NUMBER.fullmatch(page[last_start:])
        if m:
            out.append((index, int(m.group(1)), base + last_start - 1, base + len(page)))
    return out
