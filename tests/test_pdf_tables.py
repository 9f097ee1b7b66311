"""Ruled tables read from a PDF page's strokes (pipeline.readers.pdf_tables)."""

from __future__ import annotations

import re

import pytest

from conftest import CORPUS
from pipeline.parse import parse_file
from pipeline.readers.pdf_tables import MAX_RULES, Rule, cells, find_grids


class Words:
    """A stand-in for a pdfium text page: words at points, read back by rectangle."""

    def __init__(self, words: dict[tuple[float, float], str]):
        self.words = words

    def get_text_bounded(self, left, bottom, right, top) -> str:
        found = [(-y, x, w) for (x, y), w in self.words.items() if left <= x <= right and bottom <= y <= top]
        return "\r\n".join(w for _, _, w in sorted(found))


def h(y, x0, x1):
    return Rule(x0, y, x1, y)


def v(x, y0, y1):
    return Rule(x, y0, x, y1)


def grid_rules():
    """A 3-row, 3-column table (y up): the header's last two cells are one merged cell."""
    return [
        h(300, 0, 300), h(280, 100, 300), h(260, 0, 300), h(240, 0, 300),  # the 280 rule skips column 0
        v(0, 240, 300), v(100, 240, 300), v(200, 240, 280), v(300, 240, 300),  # the 200 rule skips the header
    ]


def test_merged_header_cells_keep_their_text_in_the_first_unit():
    """'Stt' spans two rows and 'Kết quả' two columns, as in a plan's target table."""
    rows = cells(find_grids(grid_rules())[0], Words({
        (50, 280): "Stt", (200, 290): "Kết quả", (150, 270): "2024", (250, 270): "2025",
        (50, 250): "1", (150, 250): "12", (250, 250): "15",
    }))
    assert rows == [["Stt", "Kết quả", None], [None, "2024", "2025"], ["1", "12", "15"]]


def test_two_tables_on_a_page_are_two_grids_top_first():
    lower = [Rule(r.x0, r.y0 - 200, r.x1, r.y1 - 200) for r in grid_rules()]
    grids = find_grids(lower + grid_rules())
    assert [g.top for g in grids] == [300, 100]


@pytest.mark.parametrize("rules", [
    [h(100, 0, 200), h(50, 0, 200), v(0, 50, 100), v(200, 50, 100)],  # one framed box: a note, not a table
    [h(100, 0, 200), h(50, 0, 200), h(20, 0, 200)],  # underlines with no column rule
    [h(100, 0, 3), h(50, 0, 3), v(0, 50, 100), v(3, 50, 100), v(1.5, 50, 100)],  # strokes too short to be borders
])
def test_strokes_that_enclose_no_two_cells_are_no_table(rules):
    assert find_grids([r for r in rules if max(r.x1 - r.x0, r.y1 - r.y0) >= 6]) == []


def test_one_row_of_cells_continuing_a_table_is_a_table():
    """The last row of a long table often lands alone on the next page."""
    rules = [h(100, 0, 300), h(50, 0, 300), v(0, 50, 100), v(150, 50, 100), v(300, 50, 100)]
    assert cells(find_grids(rules)[0], Words({(75, 75): "9", (225, 75): "Sở Y tế"})) == [["9", "Sở Y tế"]]


def _cells(path):
    doc = parse_file(str(path)).document
    return [[[re.sub(r"\s*/\s*", "/", c.text) for c in row] for row in t.rows] for t in doc.tables]


def test_bacgiang_pdf_tables_read_as_the_text_rendition_has_them():
    """Both target tables, the first one continued on the next page, cell for cell."""
    folder = CORPUS / "seeds" / "bacgiang-115-kh-ubnd-2023"
    assert _cells(folder / "source.pdf") == _cells(folder / "source.txt")


def test_bacgiang_pdf_gives_the_targets_of_its_text_rendition():
    folder = CORPUS / "seeds" / "bacgiang-115-kh-ubnd-2023"

    def targets(path):
        plan = parse_file(str(path)).plan
        return sorted((t.indicator_code or "", t.value, t.year or 0, t.scope or "", t.unit or "") for t in plan.targets)

    assert targets(folder / "source.pdf") == targets(folder / "source.txt")


def test_a_page_drawn_with_more_strokes_than_any_table_is_read_as_text():
    """A map or chart: grouping strokes compares them in pairs, so their count is bounded,
    even when a real grid is among them."""
    drawing = [h(1000 + y, 0, 500) for y in range(0, 3 * MAX_RULES, 2)]
    assert find_grids(grid_rules())
    assert find_grids(grid_rules() + drawing) == []
