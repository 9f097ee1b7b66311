"""Word documents: paragraphs and tables in document order.

Body tables become tab-separated rows (one line per row), the form every later
stage reads tables in. Layout tables — the two-column header of an official
document (issuing body | national motto) and the signature block — hold several
paragraphs per cell; their cells are read as lines, left column first.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.document import Document as DocxDocument
from docx.table import Table
from docx.text.paragraph import Paragraph

from pipeline.document import SourceText
from pipeline.errors import LimitExceeded, UnreadableFile
from pipeline.limits import Limits
from pipeline.readers.legacy import convert_legacy, detect_legacy


def read_docx(data: bytes, limits: Limits) -> SourceText:
    _check_archive(data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as err:  # python-docx raises several unrelated types on bad parts
        raise UnreadableFile(f"damaged DOCX: {type(err).__name__}: {err}") from err
    lines = list(_body_lines(document))
    text = "\n".join(lines).strip()
    if not text:
        raise UnreadableFile("the DOCX holds no text")
    encoding = "utf-8"
    legacy = detect_legacy(text)
    if legacy:
        text, encoding = convert_legacy(text, legacy), legacy
    return SourceText(text=text + "\n", format="docx", encoding=encoding)


def _check_archive(data: bytes, limits: Limits) -> None:
    """Refuse a zip bomb by the sizes its directory declares, before inflating anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as err:
        raise UnreadableFile(f"not a valid DOCX (zip) archive: {err}") from err
    names = {i.filename for i in infos}
    if "word/document.xml" not in names:
        raise UnreadableFile("zip archive without word/document.xml: not a DOCX")
    total = sum(i.file_size for i in infos)
    if total > limits.max_unzipped_bytes:
        raise LimitExceeded(
            f"DOCX would unpack to {total // 2**20} MiB (limit {limits.max_unzipped_bytes // 2**20} MiB)"
        )
    packed = sum(i.compress_size for i in infos) or 1
    if total / packed > limits.max_zip_ratio and total > 10 * 2**20:
        raise LimitExceeded(f"DOCX compression ratio {total // packed}:1 looks like a zip bomb")


def _body_lines(document: DocxDocument):
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield _paragraph(block)
        elif isinstance(block, Table):
            yield from _table(block)
            yield ""


def _paragraph(paragraph: Paragraph) -> str:
    text = paragraph.text.replace("\t", " ").replace("\n", " ").strip()
    if not text:
        return ""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style.startswith("Heading") and style[-1:].isdigit():
        return "#" * int(style[-1]) + " " + text
    runs = [r for r in paragraph.runs if r.text.strip()]
    if runs and all(r.bold for r in runs):
        return f"**{text}**"
    return text


def _table(table: Table):
    rows = _cell_grid(table)
    if _is_layout(rows):
        for column in range(max(len(r) for r in rows)):
            for row in rows:
                if column < len(row) and row[column] is not None:
                    yield from (p for p in row[column] if p)
            yield ""
        return
    for row in rows:
        yield "\t".join(" ".join(p for p in cell if p) if cell is not None else "" for cell in row)


def _cell_grid(table: Table) -> list[list[list[str] | None]]:
    """Rows of cells, each a list of paragraph texts; a merged cell appears once."""
    grid, seen = [], set()
    for row in table.rows:
        out = []
        for cell in row.cells:
            key = cell._tc  # lxml keeps one proxy per element while it is referenced
            if key in seen:
                out.append(None)
                continue
            seen.add(key)
            out.append([_paragraph(p).strip("*# ") for p in cell.paragraphs])
        grid.append(out)
    return grid


def _is_layout(rows: list[list[list[str] | None]]) -> bool:
    """Few columns whose cells hold several paragraphs: page layout, not data."""
    width = max((len(r) for r in rows), default=0)
    multi = sum(1 for r in rows for c in r if c is not None and len([p for p in c if p]) >= 2)
    return width <= 3 and len(rows) <= 4 and multi >= 1
