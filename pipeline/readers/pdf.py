"""PDF: text per page with pypdfium2, ruled tables from its strokes, OCR for scanned pages.

Every page is read with pypdfium2. A page whose drawing holds enough strokes to form
a ruled table has its cells read from the grid those strokes draw
(:mod:`pipeline.readers.pdf_tables`): the table is put back as tab-separated rows
between the text above and below it.

A page with (almost) no text but an image is a scan: it is rendered and read by
tesseract (:mod:`pipeline.readers.ocr`), and its OCR confidence is kept per page
in ``SourceText.page_confidence``. Without tesseract, or with OCR turned off, a
wholly scanned PDF is refused with a reason that says what to install.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.document import SourceText
from pipeline.errors import LimitExceeded, UnreadableFile
from pipeline.limits import Limits
from pipeline.readers import pdf_tables
from pipeline.readers.legacy import convert_legacy, detect_legacy

# A ruled table of 2 rows × 2 columns needs at least 6 strokes; text pages draw few.
_MIN_RULES_FOR_TABLE = 6
_MIN_CHARS_PER_PAGE = 20
# A scanned page may carry a digital-signature stamp as text; a real text page has more.
_MAX_CHARS_ON_SCAN = 400


def read_pdf(data: bytes, limits: Limits) -> SourceText:
    pdf = _open(data)
    try:
        n_pages = len(pdf)
        if n_pages == 0:
            raise UnreadableFile("the PDF has no pages")
        if n_pages > limits.max_pages:
            raise LimitExceeded(f"{n_pages} pages (limit {limits.max_pages})")
        pages, scanned = [], []
        warnings: list[str] = []
        confidence: dict[int, float] = {}
        for index in range(n_pages):
            try:
                page = pdf[index]
            except pdfium.PdfiumError as err:
                # A damaged page tree loses this page, not the document.
                warnings.append(f"page {index + 1}: cannot be loaded ({err})")
                pages.append("")
                continue
            text, scan = _read_page(page)
            pages.append(text)
            if scan:
                scanned.append(index)
            page.close()
        if scanned:
            _ocr_pages(pdf, pages, scanned, limits, confidence, warnings)
    finally:
        pdf.close()
    if sum(len(p.strip()) for p in pages) < _MIN_CHARS_PER_PAGE * n_pages / 4:
        raise UnreadableFile(_no_text_reason(n_pages, scanned, confidence))
    text = "\f".join(pages)
    encoding = "utf-8"
    legacy = detect_legacy(text)
    if legacy:
        text, encoding = convert_legacy(text, legacy), legacy
    return SourceText(text=text, format="pdf", pages=n_pages, encoding=encoding,
                      page_confidence=confidence, warnings=tuple(warnings))


def _no_text_reason(n_pages: int, scanned: list[int], confidence: dict[int, float]) -> str:
    if confidence:
        return f"no text layer on {n_pages} page(s), and OCR found no text on them"
    if not scanned:
        return f"no text on {n_pages} page(s) (neither a text layer nor a scanned image)"
    return f"no text layer on {n_pages} page(s): {_ocr_missing_reason()}"


def _ocr_missing_reason(limits: Limits | None = None) -> str:
    if limits is not None and not limits.ocr:
        return "a scanned PDF, and OCR is turned off"
    return "a scanned PDF; install tesseract-ocr and tesseract-ocr-vie to read it"


def _ocr_pages(pdf: pdfium.PdfDocument, pages: list[str], scanned: list[int], limits: Limits,
               confidence: dict[int, float], warnings: list[str]) -> None:
    """Replace the empty text of scanned pages with their OCR text (page numbers 1-based)."""
    from pipeline.readers import ocr

    every_page_scanned = len(scanned) == len(pages)
    if not limits.ocr or not ocr.tesseract_available(limits.ocr_languages):
        reason = _ocr_missing_reason(limits)
        if every_page_scanned:
            raise UnreadableFile(f"no text layer on {len(pages)} page(s): {reason}")
        warnings.append(f"{len(scanned)} page(s) without a text layer were not read: {reason}")
        return
    if len(scanned) > limits.ocr_max_pages:
        message = f"{len(scanned)} scanned pages to OCR (limit {limits.ocr_max_pages})"
        if every_page_scanned:
            raise LimitExceeded(message)
        warnings.append(message + f"; only the first {limits.ocr_max_pages} were read")
        scanned = scanned[: limits.ocr_max_pages]
    for index in scanned:
        page = pdf[index]
        try:
            image = page.render(scale=limits.ocr_dpi / 72, grayscale=True).to_pil()
        finally:
            page.close()
        result = ocr.ocr_image(image, limits.ocr_languages, timeout=limits.timeout_seconds or None)
        pages[index] = result.text
        confidence[index + 1] = result.confidence


def _is_scan(page: pdfium.PdfPage, text: str) -> bool:
    """An image and (almost) no text; or a page-sized image under a short text layer.

    Signed scans often carry a few lines of digital-signature text ("Người ký: ...
    Thời gian ký: ...") over the page image: the image still holds the document.
    """
    chars = len(text.strip())
    if chars >= _MAX_CHARS_ON_SCAN:
        return False
    coverage = _image_coverage(page)
    return coverage > 0 and (chars < _MIN_CHARS_PER_PAGE or coverage >= 0.6)


def _image_coverage(page: pdfium.PdfPage) -> float:
    """The largest share of the page one image covers (0 when there is none)."""
    width, height = page.get_size()
    best = 0.0
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2):
        left, bottom, right, top = obj.get_bounds()
        best = max(best, (right - left) * (top - bottom) / (width * height or 1))
    return min(best, 1.0)


def _open(data: bytes) -> pdfium.PdfDocument:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as err:
        message = str(err)
        if "password" in message.lower():
            raise UnreadableFile("the PDF is encrypted (password required)") from err
        detail = message.split("(", 1)[-1].rstrip(").") if "(" in message else message
        raise UnreadableFile(f"damaged or truncated PDF ({detail})") from err


def _read_page(page: pdfium.PdfPage) -> tuple[str, bool]:
    """The page's text (ruled tables as tab-separated rows), and whether it is a scan."""
    textpage = page.get_textpage()
    try:
        text = _page_text(textpage)
        if _is_scan(page, text):
            return text, True
        if _rule_count(page) >= _MIN_RULES_FOR_TABLE:
            text = _page_with_tables(page, textpage) or text
        return text, False
    finally:
        textpage.close()


def _page_text(textpage: pdfium.PdfTextPage) -> str:
    text = textpage.get_text_range()
    ends = _paragraph_ends(textpage, text)
    if ends:
        # A blank line after a line that ends its paragraph, as the text of the plan has.
        text = "".join(text[a:b] + "\r\n" for a, b in zip([0, *ends], ends)) + text[ends[-1]:]
    # pdfium ends lines with CRLF; the page text is the source every span maps
    # back to, so it is given one line end here rather than rewritten later.
    return text.replace("\r\n", "\n")


# A line counts as body text when it starts within this share of the text block's
# width from its left edge (a first-line indent) and spans at least half of it.
_INDENT_SHARE = 0.12
_BODY_SHARE = 0.5
# The longest lines of a page, whose right edges give the text block's right edge.
_EDGE_LINES = 4


def _paragraph_ends(textpage: pdfium.PdfTextPage, text: str) -> list[int]:
    """Offsets just past the line ends (``\r\n``) of lines that end a paragraph.

    A PDF has no paragraph marks, only lines; the text alone cannot tell a wrapped
    line from a paragraph's last line ("Kế hoạch duy trì ... năm 2023" /
    "Kế hoạch số 154/KH-UBND, ngày ..."). The page can: a body line that stops
    short of the text block's right edge by more than the next line's first word
    would have taken was broken on purpose. Justified and ragged text both obey
    this. Narrow lines (header and signature columns, centred titles) are left to
    the text rules: their right edge says nothing about the page's width.

    Only a long line followed by one that starts with a capital is in doubt (the
    text rules join a lower-case start anyway), so only those lines are measured.
    """
    if len(text) != pdfium_c.FPDFText_CountChars(textpage.raw):
        return []  # characters outside the BMP: string and character indexes differ
    lines = _lines(text)
    longest = max((len(stripped) for _, _, stripped in lines), default=0)
    doubtful = [
        (a, b) for a, b in zip(lines, lines[1:])
        if len(a[2]) >= _BODY_SHARE * longest and b[2][:1].isupper()
    ]
    if not doubtful:
        return []
    box = _CharBoxes(textpage)
    edges = [box.line(line) for line in sorted(lines, key=lambda line: -len(line[2]))[:_EDGE_LINES]]
    left, right = min(e[0] for e in edges), max(e[1] for e in edges)
    width = right - left
    ends = []
    for a, b in doubtful:
        l0, r0 = box.line(a)
        if width <= 0 or l0 > left + _INDENT_SHARE * width or r0 - l0 < _BODY_SHARE * width:
            continue
        char_width = (r0 - l0) / len(a[2])
        first_word = len(b[2].split(" ", 1)[0])
        if right - r0 > (first_word + 1.5) * char_width:
            ends.append(a[1] + 2)
    return ends


def _lines(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, stripped text)`` of each non-blank line followed by ``\r\n``."""
    out, start = [], 0
    for line in text.split("\r\n")[:-1]:  # the last piece has no line end after it
        stripped = line.strip()
        if stripped:
            out.append((start + len(line) - len(line.lstrip()), start + len(line), stripped))
        start += len(line) + 2
    return out


class _CharBoxes:
    """Left and right edges of lines, from pdfium's character boxes."""

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        self.raw = textpage.raw
        self.box = [ctypes.c_double() for _ in range(4)]  # left, right, bottom, top

    def line(self, line: tuple[int, int, str]) -> tuple[float, float]:
        first, _, stripped = line
        pdfium_c.FPDFText_GetCharBox(self.raw, first, *self.box)
        left = self.box[0].value
        pdfium_c.FPDFText_GetCharBox(self.raw, first + len(stripped) - 1, *self.box)
        return left, self.box[1].value


def _rule_count(page: pdfium.PdfPage) -> int:
    """Path objects at the top level of the page, counted up to the table threshold.

    The raw calls skip building a wrapper for every object on the page (text runs
    are most of them), which ``page.get_objects`` would do.
    """
    count = 0
    for i in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        if pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(page.raw, i)) == pdfium_c.FPDF_PAGEOBJ_PATH:
            count += 1
            if count >= _MIN_RULES_FOR_TABLE:
                break
    return count


def _page_with_tables(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> str | None:
    """The page's text with each ruled table as tab-separated rows, in reading order."""
    grids = pdf_tables.find_grids(pdf_tables.page_rules(page))
    if not grids:
        return None
    outside = pdf_tables.text_outside(textpage, grids)
    parts = [outside[0]]
    for grid, after in zip(grids, outside[1:]):
        rows = pdf_tables.cells(grid, textpage)
        parts.append("\n".join("\t".join(_cell(c) for c in row) for row in rows))
        parts.append(after)
    return "\n".join(p for p in parts if p.strip())


def _cell(value: str | None) -> str:
    return " ".join((value or "").split())
