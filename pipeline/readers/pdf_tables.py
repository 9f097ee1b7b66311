"""Ruled tables on a PDF page, read from pdfium's path objects and text boxes.

A table in a plan is drawn as thin horizontal and vertical strokes (or thin filled
rectangles) around its cells. The strokes give the grid; a cell merged across rows or
columns ("Xã đạt Tiêu chí quốc gia về y tế" over eight year columns) is a grid area
with no stroke inside it. Each cell's text is the text pdfium finds inside its box.

pdfplumber does the same from pdfminer's layout analysis, at some 50-200 ms a page
against about 5 ms here, and that analysis was most of the time a plan with tables
took to read. The result has the same shape as ``pdfplumber``'s ``Table.extract()``:
rows of cells, ``None`` for the parts of a merged cell after its first.
"""

from __future__ import annotations

import bisect
import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

# Strokes are at most this thick (points); anything thicker is a shape, not a rule.
_THIN = 2.5
# Rules this close (points) are one line of the grid; rules meet within this distance.
_SNAP = 2.0
# A rule shorter than this is a dash or a bullet, not a cell border.
_MIN_RULE = 6.0
# A page drawn with more strokes than this is a map or a chart, not a table; grouping
# strokes compares them in pairs, so an unbounded count could stall a batch.
MAX_RULES = 1500
# Grid units in one table at most (a page of a dense table has a few hundred).
MAX_UNITS = 5000


@dataclass(frozen=True, slots=True)
class Rule:
    """A horizontal (``y0 == y1``) or vertical (``x0 == x1``) stroke, PDF coordinates (y up)."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return self.y0 == self.y1


@dataclass(frozen=True, slots=True)
class Grid:
    """One table: grid lines (``xs`` left to right, ``ys`` top to bottom) and its strokes."""

    xs: list[float]
    ys: list[float]
    rules: list[Rule]

    @property
    def top(self) -> float:
        return self.ys[0]

    @property
    def bottom(self) -> float:
        return self.ys[-1]


def page_rules(page: pdfium.PdfPage) -> list[Rule]:
    """Thin strokes among the page's top-level path objects; a stroked box gives its four sides."""
    rules: list[Rule] = []
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, i)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
            continue
        x0, y0, x1, y1 = left.value, bottom.value, right.value, top.value
        width, height = x1 - x0, y1 - y0
        if height <= _THIN and width >= _MIN_RULE:
            y = (y0 + y1) / 2
            rules.append(Rule(x0, y, x1, y))
        elif width <= _THIN and height >= _MIN_RULE:
            x = (x0 + x1) / 2
            rules.append(Rule(x, y0, x, y1))
        elif width >= _MIN_RULE and height >= _MIN_RULE and pdfium_c.FPDFPath_CountSegments(obj) in (4, 5):
            rules += [Rule(x0, y0, x1, y0), Rule(x0, y1, x1, y1), Rule(x0, y0, x0, y1), Rule(x1, y0, x1, y1)]
    return rules


def find_grids(rules: list[Rule]) -> list[Grid]:
    """Tables: groups of strokes that meet and enclose at least two cells (a one-row table
    spanning a page, continued from the page before, is still a table)."""
    if len(rules) > MAX_RULES:
        return []
    grids = []
    for group in _touching_groups(rules):
        xs = _snap(r.x0 for r in group if not r.horizontal)
        ys = _snap((r.y0 for r in group if r.horizontal), reverse=True)
        if len(xs) >= 2 and len(ys) >= 2 and 2 <= (len(xs) - 1) * (len(ys) - 1) <= MAX_UNITS:
            grids.append(Grid(xs, ys, group))
    return sorted(grids, key=lambda g: -g.top)


def cells(grid: Grid, textpage: pdfium.PdfTextPage) -> list[list[str | None]]:
    """The grid's rows of cell texts; a merged cell's text is in its top-left unit."""
    n_cols = len(grid.xs) - 1
    boxes = _cell_boxes(grid)
    return [
        [_text_in(textpage, *boxes[unit]) if unit in boxes else None for unit in range(r * n_cols, (r + 1) * n_cols)]
        for r in range(len(grid.ys) - 1)
    ]


def _cell_boxes(grid: Grid) -> dict[int, list[float]]:
    """Each cell's box ``[left, bottom, right, top]`` by its top-left grid unit.

    Units are numbered row by row; two neighbouring units are one cell when no stroke
    runs between them, so a merged cell's lowest-numbered unit is its top-left one.
    """
    n_rows, n_cols = len(grid.ys) - 1, len(grid.xs) - 1
    units = _Sets(n_rows * n_cols)
    columns, rows_at = _strokes_on(grid.xs, grid.rules, False), _strokes_on(grid.ys, grid.rules, True)
    for r in range(n_rows):
        middle_y = (grid.ys[r] + grid.ys[r + 1]) / 2
        for c in range(n_cols):
            middle_x = (grid.xs[c] + grid.xs[c + 1]) / 2
            if c + 1 < n_cols and not _covers(columns[c + 1], middle_y):
                units.join(r * n_cols + c, r * n_cols + c + 1)
            if r + 1 < n_rows and not _covers(rows_at[r + 1], middle_x):
                units.join(r * n_cols + c, (r + 1) * n_cols + c)
    boxes: dict[int, list[float]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            left, bottom, right, top = grid.xs[c], grid.ys[r + 1], grid.xs[c + 1], grid.ys[r]
            box = boxes.setdefault(units.find(r * n_cols + c), [left, bottom, right, top])
            box[:] = [min(box[0], left), min(box[1], bottom), max(box[2], right), max(box[3], top)]
    return boxes


def text_outside(textpage: pdfium.PdfTextPage, grids: list[Grid]) -> list[str]:
    """The page's text above, between and below ``grids`` (sorted top to bottom): one string
    per band, ``len(grids) + 1`` of them.

    Text is read with ``get_text_range``, which keeps pdfium's line breaks and its mark
    for a hyphen at a line end ("1453/QĐ-" / "BYT"); reading a band by its rectangle
    loses that hyphen. Each line of pdfium's text goes to the band its first character
    with a box lies in: a line sits at one height, so one character places it.
    """
    text = textpage.get_text_range()
    if len(text) != textpage.count_chars():
        return _text_outside_by_char(textpage, grids)  # characters outside the BMP: indexes differ
    bands: list[list[tuple[int, int]]] = [[] for _ in range(len(grids) + 1)]
    tables = [(g.bottom - _SNAP, g.top + _SNAP) for g in grids]
    box = _CharBox(textpage)
    start, band = 0, 0
    while start < len(text):
        stop = text.find("\r\n", start)
        stop = len(text) if stop < 0 else stop + 2
        y = next((y for y in map(box.middle, range(start, stop)) if y is not None), None)
        if y is not None:
            band = _band(y, tables)
        if band >= 0:
            _extend(bands[band], start, stop)
        start = stop
    return _band_texts(textpage, bands)


def _text_outside_by_char(textpage: pdfium.PdfTextPage, grids: list[Grid]) -> list[str]:
    """:func:`text_outside` placing each character by its own box. Characters pdfium
    inserts (spaces, line breaks) have no box and go with the character before them."""
    bands: list[list[tuple[int, int]]] = [[] for _ in range(len(grids) + 1)]
    tables = [(g.bottom - _SNAP, g.top + _SNAP) for g in grids]
    box, band = _CharBox(textpage), 0
    for i in range(textpage.count_chars()):
        y = box.middle(i)
        if y is not None:
            band = _band(y, tables)
        if band >= 0:
            _extend(bands[band], i, i + 1)
    return _band_texts(textpage, bands)


class _CharBox:
    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        self.raw = textpage.raw
        self.left, self.right, self.bottom, self.top = (ctypes.c_double() for _ in range(4))

    def middle(self, index: int) -> float | None:
        """The height of the middle of character ``index``; ``None`` when it has no box."""
        if not pdfium_c.FPDFText_GetCharBox(self.raw, index, self.left, self.right, self.bottom, self.top):
            return None
        if self.top.value <= self.bottom.value:
            return None
        return (self.top.value + self.bottom.value) / 2


def _band(y: float, tables: list[tuple[float, float]]) -> int:
    """The number of tables above height ``y`` (tables top to bottom); -1 inside one (read by cells)."""
    band = 0
    for low, high in tables:
        if y > high:
            break
        if y >= low:
            return -1
        band += 1
    return band


def _extend(runs: list[tuple[int, int]], start: int, stop: int) -> None:
    if runs and runs[-1][1] == start:
        runs[-1] = (runs[-1][0], stop)
    else:
        runs.append((start, stop))


def _band_texts(textpage: pdfium.PdfTextPage, bands: list[list[tuple[int, int]]]) -> list[str]:
    return ["\n".join(textpage.get_text_range(a, b - a).replace("\r\n", "\n").strip() for a, b in runs)
            for runs in bands]


def _text_in(textpage: pdfium.PdfTextPage, left: float, bottom: float, right: float, top: float) -> str:
    return textpage.get_text_bounded(left, bottom, right, top).replace("\r\n", "\n").strip()


def _strokes_on(lines: list[float], rules: list[Rule], horizontal: bool) -> list[list[tuple[float, float]]]:
    """For each grid line, the extents of the strokes drawn along it (x for rows, y for columns)."""
    out: list[list[tuple[float, float]]] = [[] for _ in lines]
    for rule in rules:
        if rule.horizontal != horizontal:
            continue
        at = rule.y0 if horizontal else rule.x0
        for i, line in enumerate(lines):
            if abs(at - line) <= _SNAP:
                out[i].append((rule.x0, rule.x1) if horizontal else (rule.y0, rule.y1))
                break
    return out


def _covers(extents: list[tuple[float, float]], point: float) -> bool:
    return any(lo - _SNAP <= point <= hi + _SNAP for lo, hi in extents)


def _snap(values, reverse: bool = False) -> list[float]:
    """Distinct positions, values within ``_SNAP`` of the previous one merged into it."""
    out: list[float] = []
    for value in sorted(values, reverse=reverse):
        if not out or abs(value - out[-1]) > _SNAP:
            out.append(value)
    return out


def _touching_groups(rules: list[Rule]) -> list[list[Rule]]:
    """Strokes connected by meeting (a horizontal and a vertical one crossing or touching).

    Vertical strokes are sorted by x, so each horizontal one is compared only with those
    within its own x extent.
    """
    sets = _Sets(len(rules))
    verticals = sorted((r.x0, i) for i, r in enumerate(rules) if not r.horizontal)
    xs = [x for x, _ in verticals]
    for i, h in enumerate(rules):
        if not h.horizontal:
            continue
        lo, hi = bisect.bisect_left(xs, h.x0 - _SNAP), bisect.bisect_right(xs, h.x1 + _SNAP)
        for _, j in verticals[lo:hi]:
            if _meet(h, rules[j]):
                sets.join(i, j)
    groups: dict[int, list[Rule]] = {}
    for i, rule in enumerate(rules):
        groups.setdefault(sets.find(i), []).append(rule)
    return list(groups.values())


class _Sets:
    """Disjoint sets of ``0..n-1`` (union-find); each set is known by its lowest member."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        self.parent[max(ra, rb)] = min(ra, rb)


def _meet(a: Rule, b: Rule) -> bool:
    h, v = (a, b) if a.horizontal else (b, a)
    return h.x0 - _SNAP <= v.x0 <= h.x1 + _SNAP and v.y0 - _SNAP <= h.y0 <= v.y1 + _SNAP
