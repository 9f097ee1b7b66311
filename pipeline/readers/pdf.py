"""PDF: text per page with pypdfium2, tables with pdfplumber where a page has them.

pypdfium2 extracts text about seventy times faster than pdfplumber, so every page
is read with it. A page whose drawing holds enough line segments to form a ruled
table is read again with pdfplumber, which finds the table cells: the table is put
back as tab-separated rows between the text above and below it.
"""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.document import SourceText
from pipeline.errors import LimitExceeded, UnreadableFile
from pipeline.limits import Limits
from pipeline.readers.legacy import convert_legacy, detect_legacy

# A ruled table of 2 rows × 2 columns needs at least 6 strokes; text pages draw few.
_MIN_RULES_FOR_TABLE = 6
_MIN_CHARS_PER_PAGE = 20


def read_pdf(data: bytes, limits: Limits) -> SourceText:
    pdf = _open(data)
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise UnreadableFile("the PDF has no pages")
        if n_pages > limits.max_pages:
            raise LimitExceeded(f"{n_pages} pages (limit {limits.max_pages})")
        pages, ruled = [], []
        for index in range(n_pages):
            page = pdf[index]
            pages.append(_page_text(page))
            if _rule_count(page) >= _MIN_RULES_FOR_TABLE:
                ruled.append(index)
            page.close()
    finally:
        pdf.close()
    if sum(len(p.strip()) for p in pages) < _MIN_CHARS_PER_PAGE * n_pages / 4:
        raise UnreadableFile(f"no text layer on {n_pages} page(s): a scanned PDF needs OCR")
    warnings: list[str] = []
    if ruled:
        _replace_table_pages(data, pages, ruled, warnings)
    text = "\f".join(pages)
    encoding = "utf-8"
    legacy = detect_legacy(text)
    if legacy:
        text, encoding = convert_legacy(text, legacy), legacy
    return SourceText(text=text, format="pdf", pages=n_pages, encoding=encoding, warnings=tuple(warnings))


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        message = str(err)
        if "password" in message.lower():
            raise UnreadableFile("the PDF is encrypted (password required)") from err
        raise UnreadableFile(f"damaged PDF: {message}") from err


def _page_text(page: pdfium.PdfPage) -> str:
    textpage = page.get_textpage()
    try:
        return textpage.get_text_range()
    finally:
        textpage.close()


def _rule_count(page: pdfium.PdfPage) -> int:
    count = 0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=1):
        count += 1
        if count >= _MIN_RULES_FOR_TABLE:
            break
    return count


def _replace_table_pages(data: bytes, pages: list[str], indexes: list[int], warnings: list[str]) -> None:
    """Re-read pages with ruled tables through pdfplumber, keeping text order."""
    import pdfplumber  # imported here: only PDFs with tables pay for it

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for index in indexes:
            try:
                rebuilt = _page_with_tables(pdf.pages[index])
            except Exception as err:  # pdfminer raises many types on odd pages
                warnings.append(f"page {index + 1}: tables not read ({type(err).__name__}: {err})")
                continue
            if rebuilt is not None:
                pages[index] = rebuilt


def _page_with_tables(page) -> str | None:
    tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
    if not tables:
        return None
    parts, top = [], page.bbox[1]
    x0, _, x1, bottom = page.bbox
    for table in tables:
        if table.bbox[1] > top:
            parts.append(page.crop((x0, top, x1, table.bbox[1])).extract_text() or "")
        rows = table.extract()
        parts.append("\n".join("\t".join(_cell(c) for c in row) for row in rows))
        top = max(top, table.bbox[3])
    if top < bottom:
        parts.append(page.crop((x0, top, x1, bottom)).extract_text() or "")
    return "\n".join(p for p in parts if p.strip())


def _cell(value: str | None) -> str:
    return " ".join((value or "").split())
