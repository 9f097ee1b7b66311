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


# ------------------------------------------------------------ table row over a page break

def row_break_edits(text: str) -> list[tuple[int, int, str]]:
    """Edits putting back together a table row that a page break cut in two.

    A ruled table read page by page gives the row's first lines on one page and the
    rest as a row of its own on the next, under the same columns; its number cell is
    empty and its text goes on in lower case::

        1\\tTổ chức điều chỉnh ... trong các\\tBan Quản lý ...\\tSở Công Thương; UBND các\\tQuý III
        \\f\\tkhu công nghệ cao và khu công nghiệp\\t\\tphường, xã\\t

    Each continuation cell is appended to its cell, and the page break moves to the end
    of the row (the line after it, if any, starts the next page).
    """
    if PAGE_BREAK not in text or "\t" not in text:
        return []
    edits: list[tuple[int, int, str]] = []
    at = text.find(PAGE_BREAK)
    while at >= 0:
        found = _rejoined_row(text, at)
        if found and (not edits or found[0][0] >= edits[-1][1]):  # a row cut twice is joined once
            edits += found
        at = text.find(PAGE_BREAK, at + 1)
    return edits


def _rejoined_row(text: str, brk: int) -> list[tuple[int, int, str]]:
    start = max(text.rfind("\n", 0, brk), text.rfind(PAGE_BREAK, 0, brk)) + 1
    row = text[start:brk]
    if "\t" not in row:
        return []
    ends = [e for e in (text.find("\n", brk + 1), text.find(PAGE_BREAK, brk + 1)) if e >= 0]
    end = min(ends) if ends else len(text)
    rest = text[brk + 1:end].split("\t")
    cells = row.split("\t")
    if len(rest) != len(cells) or not _continues(rest):
        return []
    edits, pos = [], start
    for cell, more in zip(cells[:-1], rest[:-1]):
        pos += len(cell)
        if more.strip():
            edits.append((pos, pos, " " + more.strip()))
        pos += 1
    last = " " + rest[-1].strip() if rest[-1].strip() else ""
    # The line end after the continuation becomes the page break; at the end of the text
    # the page break is kept after the row.
    stop = end + 1 if end < len(text) and text[end] == "\n" else end
    edits.append((brk, stop, last + PAGE_BREAK))
    return edits


def _continues(cells: list[str]) -> bool:
    """An empty first cell and text going on in lower case ("khu công nghệ cao"); other cells
    may go on with a name ("Sở" / "KH&CN"), but a row whose every cell starts anew is a row."""
    return not cells[0].strip() and any(c.strip()[:1].islower() for c in cells)
