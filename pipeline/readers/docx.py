"""Word documents: paragraphs and tables in document order.

Body tables become tab-separated rows (one line per row), the form every later
stage reads tables in. Layout tables — the two-column header of an official
document (issuing body | national motto) and the signature block — hold several
paragraphs per cell; their cells are read as lines, left column first.
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.styles import BabelFish
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
    fonts = _LegacyFonts(_default_font(document), _style_names(document), _names_legacy_font(document))
    lines = list(_body_lines(document, fonts))
    text = "\n".join(lines).strip()
    if not text:
        raise UnreadableFile("the DOCX holds no text")
    encoding = fonts.found or "utf-8"
    legacy = None if fonts.found else detect_legacy(text)
    if legacy:
        text, encoding = convert_legacy(text, legacy), legacy
    return SourceText(text=text + "\n", format="docx", encoding=encoding)


class _LegacyFonts:
    """Converts runs set in legacy Vietnamese fonts, using the font to restore capitals.

    ``.VnTime`` text is TCVN3; ``.VnTimeH`` (the "H" fonts) draws the same bytes as
    capitals, which is the only place the case of an accented capital is recorded.
    ``VNI-Times`` and the other ``VNI-`` fonts hold VNI text.
    """

    def __init__(self, default: str | None, styles: dict[str, str] | None = None, possible: bool = True) -> None:
        self.default = default
        self.found: str | None = None
        self.styles = styles or {}
        # No run and no default set in a legacy font: no run's font needs looking up.
        self.possible = possible or _is_legacy_font(default or "")

    def style_name(self, paragraph: Paragraph) -> str:
        """The paragraph's style name, looked up in a table built once (python-docx's
        ``paragraph.style`` scans every style of the document on each call)."""
        ppr = paragraph._p.pPr
        style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
        return self.styles.get(style_id, "") if style_id else ""

    def text(self, run, text: str) -> str:
        """``text`` (the run's own text) converted to Unicode when the run's font is a legacy one."""
        if not self.possible:
            return text
        font = run.font.name or self.default or ""
        encoding = _is_legacy_font(font)
        if encoding is None or not text.strip():
            return text
        import viparse  # imported only by documents typed in legacy fonts

        self.found = encoding
        core = text.strip()
        converted = viparse.fix(core, encoding=encoding)  # fix() trims the spaces around a run
        if encoding == "tcvn3" and font.upper().endswith("H"):
            converted = converted.upper()
        return text[: len(text) - len(text.lstrip())] + converted + text[len(text.rstrip()):]


def _is_legacy_font(font: str) -> str | None:
    """``tcvn3`` for ``.VnTime`` and its kin, ``vni`` for ``VNI-Times`` and its kin, else None."""
    return "tcvn3" if font.startswith(".Vn") else "vni" if font.upper().startswith("VNI") else None


def _names_legacy_font(document: DocxDocument) -> bool:
    """Whether any run of the body names a legacy font (one XPath over the body, in C)."""
    return any(_is_legacy_font(font) for font in document.element.xpath(".//w:rFonts/@w:ascii"))


def _style_names(document: DocxDocument) -> dict[str, str]:
    """Style id → name (as ``style.name`` gives it), read from the styles part's XML: building
    python-docx's style objects for the ~160 styles of a Word template took ~4 ms a document."""
    out = {}
    for element in document.styles.element.iterchildren(qn("w:style")):
        name = element.find(qn("w:name"))
        value = name.get(qn("w:val")) if name is not None else None
        out[element.get(qn("w:styleId"))] = BabelFish.internal2ui(value) if value else ""
    return out


def _default_font(document: DocxDocument) -> str | None:
    try:
        return document.styles["Normal"].font.name
    except KeyError:
        return None


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


def _body_lines(document: DocxDocument, fonts: _LegacyFonts):
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield _paragraph(block, fonts)
        elif isinstance(block, Table):
            yield from _table(block, fonts)
            yield ""


def _paragraph(paragraph: Paragraph, fonts: _LegacyFonts, keep_breaks: bool = False) -> str:
    """A paragraph's text; a line break inside it is kept only where asked (layout cells,
    whose lines are the header's lines: "SỞ Y TẾ TỈNH NGHỆ AN" / "TRUNG TÂM Y TẾ ...")."""
    runs = paragraph.runs
    texts = [_run_text(r) for r in runs]
    raw = "".join(fonts.text(r, t) for r, t in zip(runs, texts)) if fonts.default or runs else paragraph.text
    text = raw.replace("\t", " ").replace("\n", "\n" if keep_breaks else " ").strip()
    if not text:
        return ""
    style = fonts.style_name(paragraph)
    if style.startswith("Heading") and style[-1:].isdigit():
        return "#" * int(style[-1]) + " " + text
    runs = [r for r, t in zip(runs, texts) if t.strip()]
    if runs and all(_bold(r) for r in runs):
        return f"**{text}**"
    return text


# The children of a run that hold its text; python-docx's ``run.text`` finds the same
# ones with an XPath query per run, which was most of the time a DOCX took to read.
_RUN_TEXT_TAGS = frozenset(qn(tag) for tag in ("w:br", "w:cr", "w:noBreakHyphen", "w:ptab", "w:t", "w:tab"))


def _bold(run) -> bool:
    """``run.bold`` without the Font object python-docx builds for it."""
    rpr = run._r.rPr
    b = rpr.b if rpr is not None else None  # <w:b/>, with its w:val ("0" and "false": not bold)
    return bool(b is not None and b.val)


def _run_text(run) -> str:
    """``run.text``: the text children in document order, each as python-docx renders it."""
    return "".join(str(child) for child in run._r if child.tag in _RUN_TEXT_TAGS)


def _table(table: Table, fonts: _LegacyFonts):
    rows = _cell_grid(table, fonts)
    if _is_layout(rows):
        for column in range(max(len(r) for r in rows)):
            for row in rows:
                if column < len(row) and row[column] is not None:
                    yield from (p for p in row[column] if p)
            yield ""
        return
    for row in rows:
        yield "\t".join(" ".join(p.replace("\n", " ") for p in cell if p) if cell is not None else "" for cell in row)


def _cell_grid(table: Table, fonts: _LegacyFonts) -> list[list[list[str] | None]]:
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
            out.append([_paragraph(p, fonts, keep_breaks=True).strip("*# ") for p in cell.paragraphs])
        grid.append(out)
    return grid


_LAYOUT_WORDS = re.compile(r"^(?:Số\s*:|CỘNG HÒA|CỘNG HOÀ|Độc lập|Nơi nhận|(?:KT|TM|TL|Q)\.\s)|,\s*ngày\b", re.IGNORECASE)


def _is_layout(rows: list[list[list[str] | None]]) -> bool:
    """A small table holding the header or signature block: page layout, not data.

    Official documents set the issuing body | national motto, ``Số:`` | place and
    date, and ``Nơi nhận`` | signature side by side in a borderless table.
    """
    width = max((len(r) for r in rows), default=0)
    if width > 3 or len(rows) > 4:
        return False
    paragraphs = [p for r in rows for c in r if c is not None for p in c if p]
    return any(_LAYOUT_WORDS.search(p) for p in paragraphs)
