"""Render the corpus text files into the formats plans really arrive in.

For every ``corpus/seeds/<name>/source.txt`` this writes, next to it:

* ``source.docx`` (python-docx, Times New Roman 13 pt): one paragraph per source line,
  tab-separated blocks as real Word tables (header cells merged where the header spans),
  ``#`` headings as Word headings, ``**bold**`` as bold runs, the header block
  (issuer, ``Số:``, place and date) and the closing (``Nơi nhận:`` and signature) as
  two-column borderless tables, the way plans are laid out;
* ``source.pdf`` rendered from that DOCX by LibreOffice headless.

It also writes one legacy TCVN3 rendition (``source.tcvn3.docx`` in the .VnTime /
.VnTimeH fonts, ``source.tcvn3.txt`` as raw bytes) of :data:`TCVN3_SEED`, and renders
one real document (:data:`REALDOC`, Markdown from a legal-document site) into
``corpus/realdocs-rendered/<stem>/`` so the PDF reader sees a second layout.

The words and their order are those of the source text, so the renditions normalize to
the same text modulo layout. Re-running is cheap and changes nothing: DOCX bytes are
deterministic and a PDF is re-rendered only when its DOCX's stamp changed.

Usage: ``python corpus/render.py [--force] [--strict] [--no-pdf]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import io
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import zipfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from docx import Document as new_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

CORPUS = Path(__file__).resolve().parent
SEEDS = CORPUS / "seeds"
TCVN3_TABLE = CORPUS / "tcvn3.tsv"
TCVN3_SEED = "bacgiang-115-kh-ubnd-2023"
REALDOC = CORPUS / "realdocs" / "101_laichau_kh7360-2025_thi-hanh-luat-tieu-chuan-qckt.txt"
RENDERED = CORPUS / "realdocs-rendered"

FONT = "Times New Roman"
SIZE = Pt(13)
TABLE_SIZE = Pt(11)  # wide statistical tables are set smaller in real plans
TEXT_WIDTH_CM = 16.0  # A4 with 3 cm left and 2 cm right margins
FIXED_TIME = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)


# --------------------------------------------------------------------------- model


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Para:
    """One Word paragraph. ``kind``: body, heading, center, title, left, list."""

    runs: list[Run]
    kind: str = "body"
    level: int = 0

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class DataTable:
    """A table of the document: rows of cell texts (empty string = empty cell)."""

    rows: list[list[str]]


@dataclass
class LayoutTable:
    """A borderless table that only places text side by side: rows → cells → paragraphs."""

    rows: list[list[list[Para]]]
    widths_cm: list[float] = field(default_factory=lambda: [6.5, 9.5])


Block = Para | DataTable | LayoutTable


# ---------------------------------------------------------------- inline markup

# The same emphasis rule the normalizer strips: "*đợt 1: vào tháng 6*", "*Căn cứ Luật ...; *"
# (a space before the closing star), but not "* Hết năm".
_EMPH = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)\s*\*(?![\w*])")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*)$")
_RULE_ONLY = re.compile(r"^[\s*_\-=|]*$")


def inline_runs(text: str, bold: bool = False) -> tuple[list[Run], bool]:
    """Split ``**bold**`` and ``*italic*`` markup into runs; return the bold state after.

    >>> [(r.text, r.bold) for r in inline_runs("**KT CHỦ TỊCH")[0]]
    [('KT CHỦ TỊCH', True)]
    """
    runs: list[Run] = []
    for i, piece in enumerate(text.split("**")):
        if i:
            bold = not bold
        pos = 0
        for m in _EMPH.finditer(piece):
            if m.start() > pos:
                runs.append(Run(piece[pos:m.start()], bold))
            runs.append(Run(m.group(1), bold, True))
            pos = m.end()
        if pos < len(piece):
            runs.append(Run(piece[pos:], bold))
    return [r for r in runs if r.text], bold


def plain(line: str) -> str:
    """The words of a source line without Markdown markup (what a reader should see)."""
    m = _HEADING.match(line.strip())
    line = m.group(2) if m else line.strip()
    line = line.replace("**", "")
    return _EMPH.sub(r"\1", line).strip()


def is_caps(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


# ------------------------------------------------------------------ seed parsing

_NUMBER_LINE = re.compile(r"^(?:\*\*)?Số\b")
_DATE_LINE = re.compile(r"\bngày\b|\bnăm \d{4}")
_MOTTO = re.compile(r"CỘNG HÒA|CỘNG HOÀ|Độc lập|ĐỘC LẬP", re.I)
_ROMAN = re.compile(r"^[IVXLC]+\.\s")
_LIST = re.compile(r"^(?:[-+•]|\*(?=\s))\s")
_RECIPIENTS = re.compile(r"^Nơi nhận\b", re.I)
_SIGNATURE = re.compile(r"^(?:KT|TM|TL|TUQ|Q)\.?\s+[A-ZĐ]|^(?:CHỦ TỊCH|GIÁM ĐỐC|PHÓ CHỦ TỊCH|TRƯỞNG)")


def table_blocks(lines: list[str]) -> list[tuple[int, int]]:
    """Index ranges [start, end) of consecutive lines containing a tab."""
    ranges, start = [], None
    for i, line in enumerate(lines + [""]):
        if "\t" in line and start is None:
            start = i
        elif "\t" not in line and start is not None:
            ranges.append((start, i))
            start = None
    return ranges


def parse_seed(text: str) -> list[Block]:
    """Blocks of a seed text: one paragraph per non-blank line, tab blocks as tables.

    "Số: 115 /KH-UBND" and "Bắc Giang, ngày 27 tháng 6 năm 2023" before "KẾ HOẠCH"
    become a two-column header; "Nơi nhận:" … and "KT CHỦ TỊCH" … a two-column closing.
    """
    lines = text.split("\n")
    tables = {start: end for start, end in table_blocks(lines)}
    items: list[tuple[str, object]] = []  # ("line", str) | ("table", DataTable) | ("blank", None)
    i = 0
    while i < len(lines):
        if i in tables:
            rows = [ln.split("\t") for ln in lines[i:tables[i]]]
            width = max(len(r) for r in rows)
            items.append(("table", DataTable([r + [""] * (width - len(r)) for r in rows])))
            i = tables[i]
            continue
        items.append(("line", lines[i].strip()) if lines[i].strip() else ("blank", None))
        i += 1
    return _assemble(items)


_PREAMBLE = re.compile(r"^(?:Căn cứ|Thực hiện .*\bsố\b|Thực hiện .*\d+/)", re.I)


def _assemble(items: list[tuple[str, object]]) -> list[Block]:
    texts = [plain(str(v)) if k == "line" else None for k, v in items]
    doc_type = _doc_type_index(texts)
    titles = _title_indexes(texts, doc_type)
    blocks: list[Block] = []
    start = 0
    if doc_type is not None:
        blocks.append(_header_table([str(v) for k, v in items[:doc_type] if k == "line"]))
        start = doc_type
    closing = _closing_range(texts, start)
    end = closing[0] if closing else len(items)
    bold = False
    for k, (kind, value) in enumerate(items[start:end], start):
        if kind == "table":
            blocks.append(value)  # type: ignore[arg-type]
        elif kind == "line":
            para, bold = _line_para(str(value), bold)
            if k in titles:
                para.kind = "heading-center" if para.kind == "heading" else "title"
                for r in para.runs:
                    r.bold = True
            blocks.append(para)
    if closing:
        left = [str(v) for k, v in items[closing[0]:closing[1]] if k == "line"]
        right = [str(v) for k, v in items[closing[1]:] if k == "line"]
        blocks.append(LayoutTable([[_cell_paras(left, "left"), _cell_paras(right, "center")]],
                                  [7.5, 8.5]))
    return blocks


def _title_indexes(texts: list[str | None], doc_type: int | None) -> set[int]:
    """The doc-type line and the title lines under it ("Thực hiện Bộ tiêu chí …").

    The title is the first group of lines after "KẾ HOẠCH" unless that group is the
    preamble ("Căn cứ …", "Thực hiện Kế hoạch số 273/KH-UBND …").
    """
    if doc_type is None:
        return set()
    out, k = {doc_type}, doc_type + 1
    while k < len(texts) and texts[k] is None:
        k += 1
    if k < len(texts) and texts[k] and _PREAMBLE.match(texts[k]):
        return out
    while k < len(texts) and texts[k]:
        out.add(k)
        k += 1
    return out


def _doc_type_index(texts: list[str | None]) -> int | None:
    """Index of "KẾ HOẠCH" (an all-caps line after a "Số:" line near the top), if any."""
    seen_number = False
    for k, t in enumerate(texts[:16]):
        if t is None:
            continue
        if _NUMBER_LINE.match(t):
            seen_number = True
        elif seen_number and is_caps(t) and len(t) <= 40 and not _DATE_LINE.search(t):
            return k
    return None


def _header_table(lines: list[str]) -> LayoutTable:
    left, right = [], []
    for line in lines:
        (right if _DATE_LINE.search(plain(line)) or _MOTTO.search(line) else left).append(line)
    cells = [_cell_paras(left, "center"), _cell_paras(right, "center")]
    for p in cells[1]:
        if _DATE_LINE.search(p.text):
            for r in p.runs:
                r.italic = True
    return LayoutTable([cells])


def _closing_range(texts: list[str | None], start: int) -> tuple[int, int] | None:
    """(recipients index, signature index) when the text ends with both."""
    rec = next((k for k in range(start, len(texts)) if texts[k] and _RECIPIENTS.match(texts[k])), None)
    if rec is None:
        return None
    sig = next((k for k in range(rec + 1, len(texts)) if texts[k] and _SIGNATURE.match(texts[k])), None)
    return (rec, sig) if sig is not None else None


def _cell_paras(lines: list[str], kind: str) -> list[Para]:
    paras, bold = [], False
    for line in lines:
        para, bold = _line_para(line, bold)
        para.kind = kind if para.kind in ("body", "list") else para.kind
        paras.append(para)
    return paras or [Para([])]


def _line_para(line: str, bold: bool) -> tuple[Para, bool]:
    m = _HEADING.match(line)
    if m:
        runs, bold = inline_runs(m.group(2), bold)
        return Para(runs, "heading", min(len(m.group(1)), 4)), bold
    runs, bold_after = inline_runs(line, bold)
    text = "".join(r.text for r in runs)
    if _ROMAN.match(text) and is_caps(text):
        for r in runs:
            r.bold = True
    if text == "Nơi nhận:" or _RECIPIENTS.match(text):
        for r in runs:
            r.bold, r.italic = True, True
    return Para(runs, "list" if _LIST.match(text) else "body"), bold_after


# -------------------------------------------------------------- realdoc parsing

_MD_LIST = re.compile(r"^(?:[-+]\s|\*\s(?!\*)|\d+\.\s)")
_PIPE_ROW = re.compile(r"^\|.*\|\s*$")
_PIPE_RULE = re.compile(r"^\|(?:\s*:?-{2,}:?\s*\|)+\s*$")


def parse_markdown(text: str) -> list[Block]:
    """Blocks of a Markdown export of a legal-document page.

    Blank lines separate paragraphs and soft-wrapped lines join again; a list item
    ("- ", "1. ") starts a paragraph. A lone "|" line delimits the cells of a layout
    table ("|" + "|" ends a row), as these exports write the header and signature
    blocks; "| a | b |" rows are a real table, "|---|" rules are dropped.
    """
    lines = text.replace("\r\n", "\n").split("\n")
    # An export that lost its blank lines (109_nghean_kh980-2025) still ends a paragraph
    # where a line ends a sentence, as the text reader does.
    sentences = text.count("\n\n") < len(lines) / _LINES_PER_BLANK
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        s = lines[i].strip()
        if s == "|":
            table, i = _bar_table(lines, i)
            blocks.append(table)
        elif _PIPE_ROW.match(s) and s.count("|") >= 3:
            rows = []
            while i < len(lines) and _PIPE_ROW.match(lines[i].strip()):
                if not _PIPE_RULE.match(lines[i].strip()):
                    rows.append([c.strip() for c in lines[i].strip().strip("|").split("|")])
                i += 1
            width = max(len(r) for r in rows)
            blocks.append(DataTable([r + [""] * (width - len(r)) for r in rows]))
        elif s:
            chunk = []
            while i < len(lines) and lines[i].strip() and lines[i].strip() != "|":
                chunk.append(lines[i].strip())
                i += 1
            blocks.extend(_md_paragraphs(chunk, "body", sentences=sentences))
        else:
            i += 1
    _mark_titles(blocks)
    return blocks


def _mark_titles(blocks: list[Block]) -> None:
    """Centre the all-caps lines ("KẾ HOẠCH", "TRIỂN KHAI THI HÀNH …") above the preamble."""
    for block in blocks:
        if not isinstance(block, Para):
            continue
        if not is_caps(block.text) or _ROMAN.match(block.text):
            break
        block.kind = "title"
        for r in block.runs:
            r.bold = True


def _bar_table(lines: list[str], i: int) -> tuple[LayoutTable | DataTable, int]:
    """One "|"-delimited table from line ``i``; the index after it.

    It ends at a blank line, or where a row as wide as the first one closes and the
    next line does not open a cell ("Số: 980/KH-UBND" | "Nghệ An, ngày 18 …" | then
    "**KẾ HOẠCH**" with no blank line between).
    """
    rows: list[list[list[str]]] = [[]]
    cell: list[str] = []
    i += 1  # the opening "|"
    while i < len(lines):
        s = lines[i].strip()
        if s != "|":
            cell.append(s)
            i += 1
            continue
        if not any(cell) and not rows[-1]:
            # "|" "|" "|" after a row whose last cell is empty: the row was closed already;
            # the text reader skips this bar too, rather than opening an empty first cell.
            i += 1
            continue
        rows[-1].append([c for c in cell if c])
        cell = []
        nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
        if nxt == "|":  # "|" "|": this row ends, the next begins
            rows.append([])
            i += 2
        elif not nxt or len(rows) > 1 and len(rows[-1]) >= len(rows[0]):
            i += 1  # "|" then a blank line, or a full row then text: the table ends
            break
        else:
            i += 1
    rows = [r for r in rows if r]
    cols = max(len(r) for r in rows)
    if cols > 2 or not any(_LAYOUT_CELL.search(line) for r in rows for c in r for line in c):
        # Rows of data ("STT | Tên nhiệm vụ | Cơ quan chủ trì | …") are a ruled table in
        # the plan; only the header and the closing are laid out without borders.
        return DataTable([[plain(" ".join(c)) for c in r] + [""] * (cols - len(r)) for r in rows]), i
    paras = [[_md_paragraphs(c, "center", cell_mode=True) for c in r] for r in rows]
    paras = [r + [[Para([])]] * (cols - len(r)) for r in paras]
    # Two columns are the issuer | motto header or the recipients | signature closing.
    widths = [6.5, 9.5] if cols == 2 else [TEXT_WIDTH_CM / cols] * cols
    return LayoutTable(paras, widths), i


# The words of the header and closing blocks, which sit in borderless layout tables.
_LAYOUT_CELL = re.compile(r"CỘNG HÒA|CỘNG HOÀ|Độc lập|Nơi nhận|^(?:\*\*)?Số\s*:|(?:TM|KT|TL|TUQ)\.\s", re.I)


def _md_paragraphs(lines: list[str], kind: str, cell_mode: bool = False, sentences: bool = False) -> list[Para]:
    """Join soft-wrapped lines into paragraphs.

    In the body every line continues the paragraph unless it starts a list item or a
    heading, is a bold line or a line in capitals, or (``sentences``) the line before it
    ends a sentence; in a layout-table cell lines are separate unless an emphasis is still
    open ("**UỶ BAN NHÂN" + "DÂN**") or the line ends with ":" before a non-list line
    ("Số:" + "7360/KH-UBND").
    """
    groups: list[str] = []
    previous = ""
    for line in lines:
        if _RULE_ONLY.match(line):
            continue  # "--------" under the issuer, "* *": drawing artefacts, not words
        after, previous = previous, line
        if not groups or _MD_LIST.match(line) or not cell_mode and _starts_paragraph(groups[-1], after, line, sentences):
            groups.append(line)
        elif cell_mode and groups[-1].count("**") % 2 == 1:
            # A line break inside one paragraph, as Word sets the signature block:
            # "TM. ỦY BAN NHÂN DÂN" / "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" in one bold run.
            groups[-1] += "\n" + line
        elif cell_mode and _open_emphasis(groups[-1]):
            groups[-1] += " " + line  # an italic date wrapped by the export: one line
        elif cell_mode and not groups[-1].endswith(":"):
            groups.append(line)
        else:
            groups[-1] += " " + line
    paras, bold = [], False
    for group in groups:
        runs, bold = inline_runs(group, bold)
        text = "".join(r.text for r in runs)
        para_kind = "list" if not cell_mode and _MD_LIST.match(text) else kind
        if _RECIPIENTS.match(text) and cell_mode:
            para_kind = "left"
        paras.append(Para(runs, para_kind))
    if cell_mode and paras and _RECIPIENTS.match(paras[0].text):
        for p in paras:
            p.kind = "left"
    return paras or [Para([])]


_LINES_PER_BLANK = 20
# "I. MỤC ĐÍCH", "1. Mục đích", "1.2. Chỉ tiêu", "a) Năm 2025" once bold markup is dropped.
_NUMBERED = re.compile(r"^(?:[IVXLC]+\.|\d+(?:\.\d+)+\.?|\d+\.|[a-zđ]\))\s")
_SENTENCE_END = (".", ";", ":", "!", "?")


def _starts_paragraph(paragraph: str, previous: str, line: str, sentences: bool) -> bool:
    """Whether a body line begins a paragraph of its own rather than going on with ``paragraph``.

    A document type, a title line, the motto or a signature line is set in capitals on a
    line of its own ("QUYẾT ĐỊNH" / "Phê duyệt Kế hoạch ..."; "TM. ỦY BAN NHÂN DÂN" /
    "KT. CHỦ TỊCH"); a bold line is a heading ("**1. Mục đích**"). Lines inside one bold
    run are one paragraph ("**V. TỔ CHỨC" / "THỰC HIỆN**").
    """
    if paragraph.count("**") % 2 == 1:
        return False  # inside one bold run: "**2. Kế hoạch phát triển giai đoạn" / "2026 - 2030**"
    before, words = plain(previous), plain(line)
    if is_caps(before) or is_caps(words) or _NUMBERED.match(words):
        return True
    if line.startswith("**") or previous.endswith("**"):
        return True
    return sentences and previous.rstrip(" *_").endswith(_SENTENCE_END)


def _open_emphasis(text: str) -> bool:
    return text.count("**") % 2 == 1 or text.replace("**", "").count("*") % 2 == 1


# ------------------------------------------------------------------------ TCVN3


@cache
def tcvn3_table() -> dict[str, tuple[int, str]]:
    """Unicode character → (TCVN3 byte, font) from ``corpus/tcvn3.tsv``."""
    table = {}
    for line in TCVN3_TABLE.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("char\t"):
            continue
        char, code, font = line.split("\t")
        table[char] = (int(code, 16), font)
    return table


def tcvn3_byte(ch: str) -> tuple[int, str]:
    """The TCVN3 byte and font for one character ("ế" → 0xD5, ".VnTime").

    Letters must be in the table; other characters keep their Windows-1252 byte, the
    way legacy files store quotes and dashes next to TCVN3 letters.
    """
    hit = tcvn3_table().get(ch)
    if hit:
        return hit
    if ch.isascii():
        return ord(ch), ".VnTime"
    if unicodedata.category(ch).startswith("L"):
        raise ValueError(f"no TCVN3 code for {ch!r}")
    try:
        return ch.encode("cp1252")[0], ".VnTime"
    except UnicodeEncodeError as err:
        raise ValueError(f"no TCVN3 code for {ch!r}") from err


def tcvn3_encode(text: str) -> bytes:
    """``"Kế hoạch"`` → ``b"K\\xd5 ho\\xb9ch"`` (each character one byte)."""
    text = unicodedata.normalize("NFC", text)
    return bytes(tcvn3_byte(ch)[0] for ch in text)


def tcvn3_decode(data: bytes, fonts: list[str] | None = None) -> str:
    """Inverse of :func:`tcvn3_encode`; ``fonts`` per byte restores .VnTimeH capitals."""
    inverse: dict[int, str] = {}
    for ch, (code, font) in tcvn3_table().items():
        if font == ".VnTime":
            inverse.setdefault(code, ch)
    out = []
    for k, b in enumerate(data):
        ch = inverse.get(b) or bytes([b]).decode("cp1252")
        out.append(ch.upper() if fonts and fonts[k] == ".VnTimeH" else ch)
    return "".join(out)


def tcvn3_segments(text: str, all_caps: bool) -> list[tuple[str, str]]:
    """Runs of (text shown as Latin-1 characters, font) for a TCVN3 document.

    All-caps lines are set wholly in .VnTimeH; elsewhere only a capital with a tone
    mark ("Ủy") needs it, since .VnTime has no code for it.
    """
    segs: list[tuple[str, str]] = []
    for ch in unicodedata.normalize("NFC", text):
        code, font = tcvn3_byte(ch)
        font = ".VnTimeH" if all_caps else font
        char = bytes([code]).decode("cp1252") if code >= 0x80 else chr(code)
        if segs and segs[-1][1] == font:
            segs[-1] = (segs[-1][0] + char, font)
        else:
            segs.append((char, font))
    return segs


# ------------------------------------------------------------------- DOCX writer


def write_docx(blocks: list[Block], stamp: str, tcvn3: bool = False, page_numbers: bool = False) -> bytes:
    """Serialize ``blocks`` to DOCX bytes (deterministic: fixed dates and zip times).

    ``page_numbers``: a page number centred at the top of every page but the first,
    as Nghị định 30/2020/NĐ-CP lays out official documents.
    """
    doc = new_document()
    _setup(doc, stamp, tcvn3)
    if page_numbers:
        _page_number_header(doc.sections[0])
    for block in blocks:
        if isinstance(block, Para):
            _add_para(doc.add_paragraph(), block, tcvn3)
        elif isinstance(block, DataTable):
            _add_data_table(doc, block, tcvn3)
        else:
            _add_layout_table(doc, block, tcvn3)
    buf = io.BytesIO()
    doc.save(buf)
    return _deterministic_zip(buf.getvalue())


def _setup(doc, stamp: str, tcvn3: bool) -> None:
    font = ".VnTime" if tcvn3 else FONT
    for name in ["Normal", "Heading 1", "Heading 2", "Heading 3", "Heading 4"]:
        style = doc.styles[name]
        style.font.name = font
        style.font.size = SIZE
        style.font.color.rgb = RGBColor(0, 0, 0)
        _east_asian(style.element, font)
        if name != "Normal":
            style.font.bold, style.font.italic = True, False
            style.paragraph_format.space_before = Pt(6)
    doc.styles["Normal"].paragraph_format.space_after = Pt(6)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    props = doc.core_properties
    props.author = props.last_modified_by = "kehoach corpus/render.py"
    props.keywords = stamp
    props.created = props.modified = FIXED_TIME
    props.revision = 1


def _page_number_header(section) -> None:
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    for tag, attrs, text in (("w:fldChar", {"w:fldCharType": "begin"}, None),
                             ("w:instrText", {"xml:space": "preserve"}, " PAGE "),
                             ("w:fldChar", {"w:fldCharType": "separate"}, None),
                             ("w:t", {}, "2"),
                             ("w:fldChar", {"w:fldCharType": "end"}, None)):
        el = run._r.makeelement(qn(tag), {qn(k): v for k, v in attrs.items()})
        el.text = text
        run._r.append(el)


def _east_asian(element, font: str) -> None:
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), font)


_ALIGN = {"center": WD_ALIGN_PARAGRAPH.CENTER, "title": WD_ALIGN_PARAGRAPH.CENTER,
          "heading-center": WD_ALIGN_PARAGRAPH.CENTER,
          "left": WD_ALIGN_PARAGRAPH.LEFT, "body": WD_ALIGN_PARAGRAPH.JUSTIFY,
          "list": WD_ALIGN_PARAGRAPH.JUSTIFY, "heading": WD_ALIGN_PARAGRAPH.LEFT}


def _add_para(p, para: Para, tcvn3: bool, size: Pt | None = None) -> None:
    if para.kind.startswith("heading"):
        p.style = f"Heading {para.level}"
    p.alignment = _ALIGN.get(para.kind, WD_ALIGN_PARAGRAPH.LEFT)
    if para.kind in ("body", "list"):
        p.paragraph_format.first_line_indent = Cm(1)
    caps = is_caps(para.text)
    for r in para.runs:
        for text, font in (tcvn3_segments(r.text, caps) if tcvn3 else [(r.text, FONT)]):
            run = p.add_run(text)
            run.bold, run.italic = r.bold or None, r.italic or None
            if tcvn3:
                run.font.name = font
                _east_asian(run._element, font)
            if size:
                run.font.size = size


def _add_data_table(doc, table: DataTable, tcvn3: bool) -> None:
    rows, cols = len(table.rows), len(table.rows[0])
    t = doc.add_table(rows=rows, cols=cols)
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.CENTER
    n_header, merges = header_merges(table.rows)
    for r0, c0, r1, c1 in merges:
        t.cell(r0, c0).merge(t.cell(r1, c1))
    widths = _column_widths(table.rows, n_header, merges)
    for r in _section_rows(table.rows, n_header):
        t.cell(r, 0).merge(t.cell(r, cols - 1))
    size = TABLE_SIZE if cols > 5 else SIZE
    for r, row in enumerate(table.rows):
        for c, text in enumerate(row):
            t.rows[r].cells[c].width = Cm(widths[c])
            if not text:
                continue
            cell = t.cell(r, c)
            align = "center" if r < n_header or _numeric(text) else "left"
            _add_para(cell.paragraphs[0], Para([Run(text, r < n_header)], align), tcvn3, size)
    for c, w in enumerate(widths):
        t.columns[c].width = Cm(w)
    doc.add_paragraph()  # Word needs a paragraph between a table and what follows


def _section_rows(rows: list[list[str]], n_header: int) -> list[int]:
    """Body rows with text in the first cell only ("I. NÂNG CAO NHẬN THỨC …"): a section
    title set across the whole table."""
    if len(rows[0]) < 3:
        return []
    return [r for r in range(n_header, len(rows)) if rows[r][0] and not any(rows[r][1:])]


def header_merges(rows: list[list[str]]) -> tuple[int, list[tuple[int, int, int, int]]]:
    """Header rows and the merges a two-row header implies.

    "Xã đạt Tiêu chí…" followed by empty fields, over a second row of "Năm 2023",
    "Năm 2024"… spans those columns; "Stt", with nothing under it, spans both rows.
    Returns (number of header rows, [(row0, col0, row1, col1)]).
    """
    first = rows[0]
    continuation = 0
    for row in rows[1:]:
        if row[0] or not any(row):
            break
        continuation += 1
    if not continuation or "" not in first[1:]:
        return 1, []
    n = 1 + continuation
    merges, c, cols = [], 0, len(first)
    while c < cols:
        end = c
        while end + 1 < cols and not first[end + 1] and any(r[end + 1] for r in rows[1:n]):
            end += 1
        if end > c and first[c]:
            merges.append((0, c, 0, end))
        elif first[c] and not any(r[c] for r in rows[1:n]):
            merges.append((0, c, n - 1, c))
        c = end + 1
    return n, merges


def _column_widths(rows: list[list[str]], n_header: int, merges: list[tuple[int, int, int, int]]) -> list[float]:
    """Widths (cm) from the longest data cell, the longest header word and a share of a
    long header ("Số xã đạt tiêu chí quốc gia về y tế xã năm 2023" gets ~4 lines)."""
    cols = len(rows[0])
    spanning = {(r0, c0) for r0, c0, r1, c1 in merges if c1 > c0}
    sections = set(_section_rows(rows, n_header))
    weights = []
    for c in range(cols):
        heads = [r[c] for k, r in enumerate(rows[:n_header]) if (k, c) not in spanning]
        data = max((min(len(r[c]), 30) for k, r in enumerate(rows[n_header:], n_header) if k not in sections),
                   default=0)
        words = max((len(w) for h in heads for w in h.split()), default=0)
        header = max((len(h) for h in heads), default=0) / 4
        # +3: a cell's padding and bold type take about three characters of its width
        weights.append(max(data + 3, words + 3, header, 4))
    total = sum(weights)
    return [TEXT_WIDTH_CM * w / total for w in weights]


def _numeric(text: str) -> bool:
    return bool(re.fullmatch(r"[\d.,%]+", text))


def _add_layout_table(doc, table: LayoutTable, tcvn3: bool) -> None:
    cols = len(table.rows[0])
    t = doc.add_table(rows=len(table.rows), cols=cols)  # no style: no borders
    for r, row in enumerate(table.rows):
        for c, paras in enumerate(row):
            cell = t.cell(r, c)
            cell.width = Cm(table.widths_cm[c])
            for k, para in enumerate(paras):
                p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
                _add_para(p, para, tcvn3)
                p.paragraph_format.first_line_indent = None
                p.paragraph_format.space_after = Pt(0)
    for c, w in enumerate(table.widths_cm):
        t.columns[c].width = Cm(w)
    doc.add_paragraph()


def _deterministic_zip(data: bytes) -> bytes:
    """Rewrite the DOCX zip with fixed entry times so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


# ---------------------------------------------------------------- PDF rendering


class Renderer:
    """Runs LibreOffice headless with its own throw-away profile."""

    def __init__(self) -> None:
        self.soffice = shutil.which("soffice") or shutil.which("libreoffice")
        self.profile = Path(tempfile.mkdtemp(prefix="kehoach-render-lo-"))

    def close(self) -> None:
        shutil.rmtree(self.profile, ignore_errors=True)

    def pdf(self, docx: Path, pdf: Path) -> float:
        """Render ``docx`` to ``pdf``; return the seconds it took."""
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="kehoach-render-out-") as out:
            cmd = [self.soffice, f"-env:UserInstallation={self.profile.as_uri()}", "--headless",
                   "--convert-to", "pdf", "--outdir", out, str(docx)]
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
            made = Path(out) / (docx.stem + ".pdf")
            if done.returncode or not made.exists():
                raise RuntimeError(f"soffice failed on {docx}: {done.stderr.strip() or done.stdout.strip()}")
            shutil.move(str(made), pdf)
        return time.perf_counter() - started


def pdf_stamp(pdf: Path) -> str | None:
    """The keywords LibreOffice copied from the DOCX into the PDF, if readable."""
    try:
        import pypdfium2
    except ImportError:
        return None
    doc = pypdfium2.PdfDocument(str(pdf))
    try:
        return doc.get_metadata_dict().get("Keywords")
    finally:
        doc.close()


# ----------------------------------------------------------------------- driver


def stamp_for(*parts: bytes) -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes() + TCVN3_TABLE.read_bytes())
    for part in parts:
        digest.update(part)
    return "kehoach-render-" + digest.hexdigest()[:16]


def write_if_changed(path: Path, data: bytes) -> str:
    if path.exists() and path.read_bytes() == data:
        return "unchanged"
    path.write_bytes(data)
    return "written"


@dataclass
class Options:
    force: bool
    strict: bool
    pdf: bool
    page_numbers: bool = False


@dataclass
class Report:
    lines: list[str] = field(default_factory=list)
    failed: bool = False

    def add(self, path: Path, status: str) -> None:
        size = path.stat().st_size if path.exists() else 0
        self.lines.append(f"{status:10} {size / 1024:7.1f} KB  {path.relative_to(CORPUS.parent)}")
        print(self.lines[-1], flush=True)


def render_realdoc(path: Path, folder: Path, opts, renderer, report) -> None:
    """A copy of one realdoc's text and its DOCX and PDF renditions in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    source = path.read_bytes()
    report.add(folder / "source.txt", write_if_changed(folder / "source.txt", source))
    render_docx_pdf(parse_markdown(source.decode("utf-8")), folder, source, opts, renderer, report)


def render_docx_pdf(blocks: list[Block], folder: Path, source: bytes, opts: Options,
                    renderer: Renderer | None, report: Report) -> None:
    stamp = stamp_for(source)
    docx, pdf = folder / "source.docx", folder / "source.pdf"
    report.add(docx, write_if_changed(docx, write_docx(blocks, stamp, page_numbers=opts.page_numbers)))
    if not opts.pdf:
        return
    if renderer is None or renderer.soffice is None:
        report.add(pdf, "skipped")
        return
    if not opts.force and pdf.exists() and pdf_stamp(pdf) == stamp:
        report.add(pdf, "unchanged")
        return
    try:
        seconds = renderer.pdf(docx, pdf)
    except (RuntimeError, subprocess.TimeoutExpired) as err:
        print(f"PDF not rendered: {err}", file=sys.stderr)
        report.add(pdf, "FAILED")
        report.failed = True
        return
    report.add(pdf, f"{seconds:.1f}s")


def render_tcvn3(folder: Path, report: Report) -> None:
    source = (folder / "source.txt").read_bytes()
    text = source.decode("utf-8")
    docx = write_docx(parse_seed(text), stamp_for(source, b"tcvn3"), tcvn3=True)
    report.add(folder / "source.tcvn3.docx", write_if_changed(folder / "source.tcvn3.docx", docx))
    # A legacy .txt: one byte per character and Windows line ends.
    raw = tcvn3_encode(text.replace("\n", "\r\n"))
    report.add(folder / "source.tcvn3.txt", write_if_changed(folder / "source.tcvn3.txt", raw))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python corpus/render.py",
        description="Render corpus seeds (and one real document) to DOCX, PDF and a TCVN3 rendition.")
    parser.add_argument("--force", action="store_true", help="re-render PDFs even when up to date")
    parser.add_argument("--strict", action="store_true",
                        help="exit non-zero when LibreOffice (soffice) is missing")
    parser.add_argument("--no-pdf", action="store_true", help="write DOCX and TCVN3 files only")
    args = parser.parse_args(argv)
    opts = Options(args.force, args.strict, not args.no_pdf)
    renderer = Renderer() if opts.pdf else None
    report = Report()
    if renderer and renderer.soffice is None:
        print("soffice (LibreOffice) not found: PDFs are skipped. On Debian: "
              "apt-get install libreoffice-writer-nogui fonts-liberation2", file=sys.stderr)
        report.failed = opts.strict
    try:
        for folder in sorted(p for p in SEEDS.iterdir() if (p / "source.txt").exists()):
            source = (folder / "source.txt").read_bytes()
            render_docx_pdf(parse_seed(source.decode("utf-8")), folder, source, opts, renderer, report)
        render_tcvn3(SEEDS / TCVN3_SEED, report)
        render_realdoc(REALDOC, RENDERED / REALDOC.stem, opts, renderer, report)
    finally:
        if renderer:
            renderer.close()
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
