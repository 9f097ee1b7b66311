"""Turn extracted text into one canonical form, keeping a map back to the source.

Passes, in order (each one a :meth:`MappedText.sub`):

1. characters: CRLF, PDF soft hyphens (``U+FFFE``/``\\x02``), NBSP, zero-width marks;
2. Unicode NFC, since PDF text often comes out decomposed (NFD);
3. one tone placement: ``hoá`` → ``hóa``, ``thuỷ`` → ``thủy``, ``khoẻ`` → ``khỏe``;
4. spaces: runs collapsed, lines trimmed (tabs kept: they separate table cells);
5. reflow: lines broken mid-sentence (PDF, hard-wrapped Markdown) joined again;
6. light Markdown: ``#`` headings, ``**bold**``, pipe tables become tab-separated rows;
   headings and bold lines are kept as :class:`Mark` so segmentation can use them;
7. blank lines squeezed.
"""

from __future__ import annotations

import bisect
import operator
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from pipeline.columns import closing_break_edits, column_edits, line_starts
from pipeline.pages import page_number_edits, row_break_edits
from pipeline.textmap import MappedText, to_new

PAGE_BREAK = "\f"


@dataclass(frozen=True, slots=True)
class Mark:
    """A stretch of normalized text the source styled: ``heading`` or ``bold``."""

    kind: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Normalized:
    text: MappedText
    marks: tuple[Mark, ...]


# CRLF or CR, a soft hyphen with the line end after it, odd spaces, zero-width marks, controls:
# ``\r\n?|[\ufffe\x02\u00ad]\r?\n?|[\u00a0\u2007\u202f]|[\u200b-\u200d\ufeff]|[\x00-\x08\x0b\x0e-\x1f\x7f]``.
# Written as one character class and what may follow it: a pattern opening with a class lets
# the scan skip in C to the characters of that class (a lookahead or alternation would not).
_CONTROL = re.compile(
    r"[\r\ufffe\x02\u00ad\u00a0\u2007\u202f\u200b-\u200d\ufeff\x00-\x08\x0b\x0e-\x1f\x7f]"
    r"(?:(?<=\r)\n|(?<=[\ufffe\x02\u00ad])\r?\n?)?"
)


def _control(m: re.Match[str]) -> str:
    s = m.group(0)
    if s[0] == "\r":
        return "\n"
    if s[0] in "\ufffe\x02":
        # pypdfium2 marks a hyphen at a line end this way and joins the lines. Vietnamese
        # text is not hyphenated automatically, so it is a real hyphen: "1453/QĐ-BYT".
        return "-"
    if s[0] == "\u00ad":
        return ""
    if s in "\u00a0\u2007\u202f":
        return " "
    return ""


_COMBINING = re.compile(r"[^\W\d_]?[\u0300-\u036f]+")
# Letters drawn like Đ/đ that some fonts and keyboards give instead: the Icelandic eth
# (Ð, ð) and the African D (Ɖ). Vietnamese has no use for them, and "NÐ-CP", "Ðảng"
# would read as no symbol and no word.
_DD_LOOKALIKES = str.maketrans("\u00d0\u00f0\u0189", "\u0110\u0111\u0110")
_DD_LOOKALIKE = re.compile("[\u00d0\u00f0\u0189]")

_TONES = {  # toned vowel -> (base vowel, tone index 0..4)
    ch: (base, i)
    for base, row in {
        "a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ", "o": "òóỏõọ", "u": "ùúủũụ",
        "A": "ÀÁẢÃẠ", "E": "ÈÉẺẼẸ", "Y": "ỲÝỶỸỴ", "O": "ÒÓỎÕỌ", "U": "ÙÚỦŨỤ",
    }.items()
    for i, ch in enumerate(row)
}
_TONED = {(base, i): ch for ch, (base, i) in _TONES.items()}
_OPEN_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}
# oa/oe/uy closing a syllable carry the tone on the first vowel in the form most
# official documents use ("hóa", "thủy"); "quý" keeps it on y because qu is one sound.
# The pair is found first and its word start after: a pattern anchored at every
# word start would try each word letter by letter.
_TONE_PAIR = re.compile(r"([oOuU])([àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ])(?![^\W\d_])")


def _tone_edits(text: str):
    """``(start, end, word)`` for every word ending in a toned oa/oe/uy pair."""
    for m in _TONE_PAIR.finditer(text):
        start = m.start()
        while start > 0 and _is_letter(text[start - 1]):
            start -= 1
        if start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
            continue  # letters after a digit ("2hoá") are not a word
        yield start, m.end(), _move_tone(text[start:m.start()], m.group(1), m.group(2))


def _is_letter(ch: str) -> bool:
    return ch.isalnum() and not ch.isdecimal()


def _move_tone(prefix: str, first: str, second: str) -> str:
    base, tone = _TONES[second]
    if (first.lower(), base.lower()) not in _OPEN_PAIRS or prefix.lower().endswith("q"):
        return prefix + first + second
    return prefix + _TONED[(first, tone)] + base


# Tables flattened one cell per line: "|" alone on a line closes a cell, and a
# second "|" right after it closes the row. Legal-document sites export this way.
_LAYOUT_TABLE = re.compile(r"CỘNG HÒA|CỘNG HOÀ|Độc lập|Nơi nhận|^Số\s*:", re.IGNORECASE | re.MULTILINE)
# A cell holds a few wrapped lines at most: the bound keeps a document without blank
# lines from being read as one cell between its header table and an appendix table.
_MAX_CELL_LINES = 30


def _cell_line_tables(text: str) -> list[tuple[int, int, str]]:
    """Edits turning every one-cell-per-line table of ``text`` into tab-separated rows."""
    if "|" not in text:
        return []
    edits, lines = [], text.split("\n")
    starts = line_starts(lines)
    after = 0  # the first line not yet in a table
    for i in _bar_lines(text, lines, starts):
        if i < after:
            continue
        end, j, pending = i, i + 1, 0
        while j < len(lines) and pending <= _MAX_CELL_LINES:
            line = lines[j].strip()
            if not line or _NEVER_IN_CELL.match(line):
                break
            if line == "|":
                end, pending = j, 0
            else:
                pending += 1
            j += 1
        if end > i:
            stop = min(starts[end] + len(lines[end]) + 1, len(text))
            block = text[starts[i]:stop]
            edits.append((starts[i], stop, _cell_line_table(block)))
        after = end + 1
    return edits


# The document type on a line of its own opens the body, never a cell's text ("Căn cứ ..."
# may be one): a table that seems to run into it is the header's layout table followed,
# lines later, by a "|" of the closing.
_NEVER_IN_CELL = re.compile(
    r"(?:\*\*)?(?:KẾ HOẠCH|QUYẾT ĐỊNH|CHỈ THỊ|NGHỊ QUYẾT|CHƯƠNG TRÌNH|THÔNG BÁO)(?:\*\*)?:?$"
)


def _bar_lines(text: str, lines: list[str], starts: list[int]) -> list[int]:
    """Indexes of the lines that hold only "|" (and spaces), found from the "|" in the text:
    a few str.find calls instead of a test of every line."""
    out, at = [], text.find("|")
    while at >= 0:
        i = bisect.bisect_right(starts, at) - 1
        if lines[i].strip() == "|":
            out.append(i)
        at = text.find("|", starts[i + 1]) if i + 1 < len(starts) else -1
    return out


def _cell_line_table(block: str) -> str:
    rows = _cell_rows(block.split("\n"))
    if sum(len(r) for r in rows) < 2:
        return block
    tail = "\n" if block.endswith("\n") else ""
    if max(len(r) for r in rows) <= 2 and _LAYOUT_TABLE.search(block):
        # The header (issuing body | national motto; Số | place and date) or the
        # signature block: page layout, read column by column as lines.
        columns = ["\n".join("\n".join(r[c]) for r in rows if c < len(r) and r[c]) for c in range(2)]
        return "\n\n".join(c for c in columns if c) + "\n\n" + tail
    width = max(len(r) for r in rows)
    # Rows with merged cells ("I. NÂNG CAO NHẬN THỨC" across the table) are padded so
    # the table stays one block of tab-separated rows.
    return "\n".join(
        "\t".join(" ".join(cell) for cell in row) + "\t" * (width - len(row)) for row in rows
    ) + "\n" + tail


def _cell_rows(lines: list[str]) -> list[list[list[str]]]:
    rows: list[list[list[str]]] = []
    row: list[list[str]] = []
    cell: list[str] = []
    for line in lines[1:]:
        line = line.strip()
        if line == "|":
            if cell:
                row.append(cell)
                cell = []
            elif row:
                rows.append(row)
                row = []
        elif line:
            cell.append(line)
    if cell:
        row.append(cell)
    if row:
        rows.append(row)
    return rows


# Spaces at a line's start or end; ``_edge_space_edits`` finds the same runs faster.
_EDGE_SPACES = re.compile(r"(?m)(?= )(?:^[ ]+|[ ]+$)")
# A line end with a space before or after it. The pattern opens with the literal "\n", so
# the scan jumps from line end to line end; trying ``_EDGE_SPACES`` at every space costs more.
_SPACED_LINE_END = re.compile(r"\n(?:(?<= \n)|(?= ))")
_SPACES_RUN = re.compile(r" +")
_SPACE_RUNS_ANY = re.compile(r"[ ]{2,}")

# "2.1 Tốc độ ...": a two-level label is often typed without its final dot; a capital
# after it tells it from a number running on ("tăng\n2.1 lần" has none).
_LIST_ITEM = re.compile(
    r"(?:[-+•●▪–]\s|\*\s|\d+(?:\.\d+)*[.)]\s|\d+(?:\.\d+)+\s+(?=[A-ZĐÀ-Ỹ])|[a-zđ][).]\s|[IVXLC]+[.)]\s|#|\|)"
)
_ROMAN_HEADING = re.compile(r"[IVXLC]+\.?\s+[A-ZĐ]")
_WRAPPED_LINE = 45
_MAX_WRAP = 130
# Vietnamese syllables are short, so a wrapped line ends within a few characters of
# the full width; a paragraph's or a title's last line usually stops well before it.
_WRAP_SHARE = 0.85
_SIGNATURE_LINE = re.compile(r"[*_\s]*(?:KT|TM|TL|TUQ|Q)\.?\s+(?=[^\W\d_])(?=\w*[A-ZĐ\u00c0-\u00de\u0100-\u01b0\u1ea0-\u1ef8])")
# The closing's recipient list starts its own line, whatever the line before it ends with.
_RECIPIENTS_LABEL = re.compile(r"[#*_\s]*Nơi nhận\b", re.IGNORECASE)
# A paragraph split by a blank line in the middle of a sentence ("kết quả thực\n\nhiện").
# The body of a character class of lowercase Vietnamese letters.
_LOWER = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
_BROKEN_PARAGRAPH = re.compile(r"(?<=[^\s.:;!?|])[ \t]*\n[ \t]*\n[ \t]*(?![a-zđ][).]\s)(?=[" + _LOWER + "])")
# The same break found from its first line end: a pattern that starts with a literal
# is scanned for quickly, so text without such a break skips the pass above.
_BLANK_THEN_LOWER = re.compile(r"\n[ \t]*\n[ \t]*[" + _LOWER + "]")
# "198-\nKH/HU", "25-\nCT/TW": a symbol broken after its hyphen joins without a space.
# Group 1 is the break removed. The pattern opens with the literal hyphen, so the scan
# jumps from hyphen to hyphen instead of trying the lookbehind at every character.
_HYPHEN_BREAK = re.compile(r"-(?<=[0-9A-Za-zĐđ]-)([ \t]*\n)(?=[A-ZĐ0-9])")
_YEAR_RANGE_BREAK = re.compile(r"(?:giai đoạn|từ năm|năm|thời kỳ)\s+(?:19|20)\d{2}\s*$", re.IGNORECASE)
_YEAR_RANGE_REST = re.compile(r"[-–]\s*(?:19|20)\d{2}\b")
_ALNUM = re.compile(r"[^\W_]")  # str.isalnum, as one C-level scan
# "**3. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam Thành phố, Hội Liên hiệp**" / (blank) / "**Phụ nữ Thành phố và
# các tổ chức thành viên của Mặt trận**": one bold heading the source wrote as two bold paragraphs (Markdown puts
# a blank line between paragraphs, a DOCX reader none).
_BOLD_BREAK = re.compile(r"\*\*[ \t]*\n(?:[ \t]*\n)?[ \t]*\*\*(?=[^\s*])")


def _reflow(mt: MappedText, emphasis: bool = True) -> MappedText:
    """Join a line to the next where the break fell mid-sentence.

    "Thực hiện Quyết định số\\n2138/QĐ-TTg ngày ..." becomes one line; a new list item,
    a heading or a table row always starts its own line. A page break (``\\f``) is a
    line end too: where the sentence goes on over it ("người sử dụng trái\\fphép chất
    ma túy ..."), the lines are joined and the page break moves to the end of the
    joined line, so it still separates the pages and no longer splits the sentence.
    ``emphasis``: Markdown emphasis still open at a line end joins the lines (hard-wrapped
    Markdown); PDF and DOCX text is not wrapped that way.
    """
    text = mt.text
    # Both line ends are one character: splitting a copy with "\f" made "\n" keeps offsets.
    lines = (text.replace(PAGE_BREAK, "\n") if PAGE_BREAK in text else text).split("\n")
    width = _wrap_width(text, lines)
    open_at = _emphasis_open_at_line_ends(text) if emphasis else set()
    edits, end = [], -1  # ``end``: offset of the line end after lines[i]
    moved: list[int] = []  # indexes in ``edits`` of page breaks joined and not yet put back
    for a, b in pairwise(lines):
        end += len(a) + 1
        # ``_joins`` called only where emphasis is open: one call less for every other pair.
        if a and b and (_joins(a, b, width, True) if end in open_at else _should_join(a, b, width)):
            if text[end] == PAGE_BREAK:
                moved.append(len(edits))
            edits.append((end, end + 1, " "))
        elif moved:
            edits.append((end, end + 1, PAGE_BREAK * (len(moved) + (text[end] == PAGE_BREAK))))
            moved = []
    for k in moved:  # no line end after them: the page breaks stay where they were
        edits[k] = (edits[k][0], edits[k][1], PAGE_BREAK)
    return mt.replace(edits)


def _joins(a: str, b: str, width: int | None, emphasis_open: bool) -> bool:
    if emphasis_open and b.strip() and not _LIST_ITEM.match(b) and not _SIGNATURE_LINE.match(a):
        return True  # inside **bold** or *italic* that closes on a later line
    return _should_join(a, b, width)


def _emphasis_open_at_line_ends(text: str) -> set[int]:
    """Offsets of line ends where Markdown emphasis opened earlier is still open.

    "*1.3.\\nCác cơ quan ... Văn hóa,\\nThể thao và Du lịch)*" is one italic heading
    over three lines; a blank line closes whatever is open.
    """
    ends, bold, italic, pos = set(), False, False, 0
    if "*" not in text:
        return ends
    for line in text.split("\n"):
        if "*" not in line:  # most lines: no marker, so only a blank line changes anything
            if (bold or italic) and not line.strip():
                bold = italic = False
        elif not line.strip():
            bold = italic = False
        else:
            body = _STAR_BULLET.sub("", line)  # a "* " bullet is not emphasis
            flips_bold = body.count("**") % 2 == 1
            flips_italic = body.replace("**", "").count("*") % 2 == 1
            if _ALNUM.search(line):
                bold ^= flips_bold
                italic ^= flips_italic
            else:  # a marker alone ("**", a "*" separator) may close emphasis, never open it
                bold = bold and not flips_bold
                italic = italic and not flips_italic
        pos += len(line)
        if bold or italic:
            ends.add(pos)
        pos += 1
    return ends


_STAR_BULLET = re.compile(r"^\s*\*\s")


def _wrap_width(text: str, lines: list[str] | None = None) -> int | None:
    """The width at which the source broke lines (PDF pages, wrapped Markdown), if it did.

    Wrapped text has many lines close to one maximum length (a page or column width
    of some 60-130 characters); a line counts as wrapped when it reaches most of that
    width, so a short heading ("9. Sở Y tế") never does. Text with one paragraph per
    line (a .txt plan, a DOCX) has long, uneven lines and no wrap width.
    ``lines``: ``text`` split at its line ends and page breaks, when the caller has it.
    """
    if lines is None:
        lines = (text.replace(PAGE_BREAK, "\n") if PAGE_BREAK in text else text).split("\n")
    # Lines with a tab (table rows) do not count; str methods mapped over the lines run in C.
    ends = map(str.rstrip, lines)
    if "\t" in text:
        lines = [end for end, line in zip(ends, lines) if end and "\t" not in line]
    else:
        lines = list(filter(None, ends))
    if len(lines) < 10:
        return None
    lines.sort(key=len)  # the lines near the width are then the last ones
    typical = len(lines[int(len(lines) * 0.9) - 1])
    near_width = lines[bisect.bisect_left(lines, _WRAP_SHARE * typical, key=len):]
    if typical > _MAX_WRAP or len(near_width) < max(5, 0.15 * len(lines)):
        return None
    # Wrapped lines reach the width mid-sentence; one-paragraph lines end with punctuation.
    closed = sum(map(operator.methodcaller("endswith", (".", ";", ":", "!", "?")), near_width))
    if len(near_width) - closed < 0.6 * len(near_width):
        return None
    return max(_WRAPPED_LINE, int(typical * _WRAP_SHARE))


def _join_split_bold(text: str):
    """The join of two bold paragraphs where the first stops mid-phrase and the second goes on with it.

    The first must end on no punctuation, and either stop on a word no phrase ends with
    (``Hội Liên hiệp``, ``của``) or be followed by a lower-case word; a heading in capitals
    (``**KẾ HOẠCH**``) or a new numbered item (``**4. Sở Y tế**``) stays apart.
    """

    def join(m: re.Match[str]) -> str:
        line = text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip("*# \t")
        stop = text.find("\n", m.end())
        after = text[m.end():stop if stop >= 0 else len(text)]
        if not line or line[-1] in ".:;!?" or _caps(line) or _LIST_ITEM.match(after) or _ROMAN_HEADING.match(after):
            return m.group(0)
        if after[:1].islower() or _ends_mid_clause(line):
            return " "
        return m.group(0)

    return join


def _join_broken_paragraph(text: str):
    def join(m: re.Match[str]) -> str:
        line_start = text.rfind("\n", 0, m.start()) + 1
        return m.group(0) if "\t" in text[line_start:m.start()] else " "

    return join


def _should_join(a: str, b: str, width: int | None = _WRAPPED_LINE) -> bool:
    # About one call per line pair of a document. Each pattern below is tried only where the
    # first character of the line makes a match possible (the ``*_FIRST`` sets, tested in C);
    # calling the regex engine costs more than it finds on most lines.
    if not a.strip() or not b.strip() or "\t" in a or "\t" in b or PAGE_BREAK in a or PAGE_BREAK in b:
        return False
    first = b[0]
    if width and len(a) >= width and first.islower() and _wrapped_mid_sentence(a, b):
        return True
    if first in "-–" and _YEAR_RANGE_REST.match(b) and _YEAR_RANGE_BREAK.search(a):
        return True  # "giai đoạn 2026" / "- 2030 phấn đấu": a period broken at its dash, not a bullet
    if ("ngày" in b or "CỘNG" in a or "Độc lập" in a) and _header_line_wrapped(a, b):
        return True
    if _may_be_list_item(b) and _LIST_ITEM.match(b):
        return False
    if (first in "Nn#*_" or first.isspace()) and _RECIPIENTS_LABEL.match(b):
        return False
    if (a[0] in _SIGNATURE_FIRST or a[0].isspace()) and _SIGNATURE_LINE.match(a):
        return False
    if not first.isalnum() and not _ALNUM.search(b):
        return False
    if "*" in a and _unbalanced_emphasis(a):
        return True
    # ``_caps`` of ``a`` without its "*# " equals ``_caps(a)``: those are neither letters nor cased.
    if a.isupper() and _caps(a) and (first.islower() or first == "(" and not _caps(b)):
        # "KẾ HOẠCH" / "thực hiện Chỉ thị ...": a heading and the line under it; a title in
        # capitals and its note "(Kèm theo Quyết định số ...)" (DOCX paragraphs, no blank line)
        return False
    a_end = a.rstrip()
    last = a_end[-1]
    if last in ".;:!?|":
        if last == ":" and first.isdigit():
            return True
        # A full line ends on punctuation by chance; what goes on in lower case is the
        # same sentence: "... Gia Lai; Các Công điện:" / "số 007/CĐ-UBND ngày 17/11/2025".
        return last != "|" and bool(width) and len(a) >= width and first.islower()
    roman_heading = first in "IVXLC" and _ROMAN_HEADING.match(b) is not None
    if _ends_mid_clause(a_end) and not roman_heading or a.endswith(_COUNTED_WORDS) and _ROMAN_NUMERAL.match(b):
        return True
    if last == "%" and not roman_heading:
        return True  # "đ) Đến hết năm 2045: 100%" / "DNNVV, HTX, HKD ...": a share names what it counts
    if b.isupper() and _caps(b) and not _caps(a):
        return False  # "KẾ HOẠCH", "I. MỤC TIÊU": a heading in capitals starts its own line
    if first in "CTX" and _PREAMBLE_LEAD.match(b):
        return False  # a legal basis starts its line, even after a comma ("Căn cứ Luật ...,")
    if last == "," and width and len(a) >= _COMMA_SHARE * width:
        # No paragraph ends on a comma: "(Viettel Nghệ An, VNPT Nghệ An," / "MobiFone Nghệ An)"
        # wrapped early because the next word is wide.
        return True
    if width and len(a) >= width and not roman_heading:
        # A long line that stops mid-sentence was wrapped by the source's line width
        # (it does not end on ":", tested above).
        return True
    if width and len(a) >= _BOLD_SHARE * width and _short_tail(b):
        # A bold heading fits fewer characters in the width: "4. Sở Văn hóa, ...; Báo và
        # Phát thanh, Truyền hình Cần" / "Thơ". One or two words on their own line are
        # the end of a wrapped line, not a paragraph.
        return True
    return first.islower() or first.isdigit() or first in "(“\"'"


def _wrapped_mid_sentence(a: str, b: str) -> bool:
    """A shortcut of ``_should_join`` for its most common pair, with the same answer.

    A full-width line followed by one starting in lower case joins ("... ma túy tại" /
    "cộng đồng hoàn thành ..."), unless one of the few rules that keep such lines apart
    could apply: ``b`` a list item ("a) ...") or the recipients label ("nơi nhận:"), ``a``
    a signature line ("KT. CHỦ TỊCH") or a heading in capitals, or ``a`` a table row ("|").
    Every other rule of ``_should_join`` on such a pair joins too.
    """
    if b[1:2] in _ITEM_CLOSERS or b[0] == "n" and b[1:2] in "ơƠ":
        return False
    return not (a[0] in _SIGNATURE_FIRST or a[0].isspace() or a.isupper() or a.rstrip()[-1] == "|")


# The character after a lower-case list letter: "a) ", "b. " (an empty one: too short to tell).
_ITEM_CLOSERS = frozenset({")", ".", ""})
# First characters a ``_SIGNATURE_LINE`` can start with (or any space).
_SIGNATURE_FIRST = frozenset("KTQ*_")
# First characters a ``_LIST_ITEM`` can start with; a lower-case letter only before ")" or ".".
_LIST_ITEM_FIRST = frozenset("-+•●▪–*#|IVXLC")
_ITEM_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzđ")


def _may_be_list_item(line: str) -> bool:
    """Whether ``_LIST_ITEM`` can match ``line``, from its first two characters (cheaper than the match)."""
    first = line[0]
    if first in _LIST_ITEM_FIRST or first.isdecimal():
        return True
    return first in _ITEM_LETTERS and line[1:2] in (")", ".")


# "Thời gian thực hiện: Quý" / "IV năm 2025", "Quốc hội khóa" / "XV thông qua": a Roman
# numeral wrapped away from the word it counts.
_COUNTED_WORDS = (" Quý", " quý", " khóa", " Khóa")
_ROMAN_NUMERAL = re.compile(r"[IVXL]+(?=[\s/,.;)]|$)")
_PREAMBLE_LEAD = re.compile(r"(?:Căn cứ|Thực hiện|Xét|Theo đề nghị)\b")
_COMMA_SHARE = 0.6


_MOTTOS = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
# "Thành phố Hồ Chí" / "Minh, ngày 18 tháng 11 năm 2025": the place wrapped in its column.
_PLACE_WORDS = re.compile(r"[^\W\d_]+(?: [^\W\d_]+){0,4}")
_DATE_REST = re.compile(r"[^\W\d_]+(?: [^\W\d_]+){0,3},\s*ngày\s+\d")


def _header_line_wrapped(a: str, b: str) -> bool:
    """A line of the header broken by its narrow column: the national motto
    ("CỘNG HÒA XÃ HỘI" / "CHỦ NGHĨA VIỆT NAM") or the place before the date."""
    a = a.strip()
    if a.startswith(("CỘNG", "Độc lập")):
        return any(m.startswith(a + " " + b.strip()) for m in _MOTTOS)
    # Every line pair of a document comes here and a date line follows a place once:
    # the substring test turns the other pairs away before any pattern runs.
    if "ngày" not in b:
        return False
    return bool(_DATE_REST.match(b.strip())) and bool(_PLACE_WORDS.fullmatch(a)) and not _caps(a)


# Bold type is some 10% wider than regular type: a wrapped bold line is shorter.
_BOLD_SHARE = 0.85


def _short_tail(line: str) -> bool:
    """One or two words ending no sentence or heading ("Thơ", "Diệu Thúy")."""
    return len(line.split()) <= 2 and not line.rstrip().endswith(":") and not _caps(line)


def _ends_mid_clause(line: str) -> bool:
    """Whether ``line`` stops on a word no clause ends with ("Sở", "Bộ Chỉ huy", "của")."""
    # Most lines end on a word no continuation ends with: a test of the last character, then
    # one suffix test, settle them without splitting the line.
    line = line.rstrip()
    if line[-1:] not in _continuation_last_chars() or not line.endswith(_continuation_last_words()):
        return False
    words = line.rsplit(None, 3)[-3:]  # only the last three words matter
    continuations = _continuations()
    return any(" ".join(words[-n:]) in continuations for n in range(1, len(words) + 1))


@cache
def _continuations() -> frozenset[str]:
    path = Path(__file__).parent / "data" / "line_continuations.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def _continuation_last_words() -> tuple[str, ...]:
    """The last word of each continuation ("huy" of "Bộ Chỉ huy"), for ``str.endswith``."""
    return tuple(sorted({phrase.split()[-1] for phrase in _continuations()}))


@cache
def _continuation_last_chars() -> frozenset[str]:
    """The last character of each continuation ("n" of "Ban"), a cheap first test."""
    return frozenset(word[-1] for word in _continuation_last_words())


def _caps(line: str) -> bool:
    """Letters, all capitals ("KẾ HOẠCH", "I. MỤC TIÊU"); str methods keep it C-fast."""
    return line.isupper() and sum(1 for c in line if c.isalpha()) >= 2


def _unbalanced_emphasis(line: str) -> bool:
    """Whether ``line`` opens ``**bold**`` or ``*italic*`` that closes on a later line.

    "**TM. ỦY BAN NHÂN" opens; "DÂN**" closes what an earlier line opened, so the
    next line is not part of it.
    """
    if "*" not in line:
        return False
    body = _STAR_BULLET.sub("", line)
    for marker, text in (("**", body), ("*", body.replace("**", ""))):
        if text.count(marker) % 2 == 1:
            last = text.rfind(marker)
            if text[last + len(marker):].strip():
                return True
    return False


# A table row may omit its opening pipe: "UỶ BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |"
# (a web page's layout table turned into text); the closing one and another mark it.
_MD_LINE = re.compile(r"(?m)^(?:#{1,6}[ \t]+|\|[ \t]*$|[-=_]{3,}[ \t]*$|\|(?:[ \t]*:?-{2,}:?[ \t]*\|)+[ \t]*$|[^|\n]*\|.*\|[ \t]*$)")
# Both open with a literal ("**"/"__", "*") so the scan skips in C to the markers; the
# lookbehinds that follow test the character before the marker.
_MD_BOLD = re.compile(r"\*\*|__(?:(?=\S)|(?<=\S__))")
_MD_EMPH = re.compile(r"\*(?<![\w*]\*)(?=[^\s*])([^*\n]+?)\s*\*(?![\w*])")
_MD_ESCAPE = re.compile(r"\\([-*_#|.()\[\]])")


def _markdown(mt: MappedText) -> tuple[MappedText, list[Mark]]:
    """Drop Markdown markup, keeping the text; pipe-table rows become tab-separated."""

    def line(m: re.Match[str]) -> str:
        s = m.group(0)
        is_row = s.rstrip().endswith("|") and s.count("|") >= 2
        if is_row and not re.fullmatch(r"[|:\-\s]+", s):
            return "\t".join(c.strip() for c in s.strip().strip("|").split("|"))
        return ""

    mt = mt.sub(_MD_LINE, line)
    mt, marks = _strip_bold(mt)
    mt = mt.sub(_MD_EMPH, r"\1")
    mt = mt.sub(_MD_ESCAPE, r"\1")
    return mt, marks


def _strip_bold(mt: MappedText) -> tuple[MappedText, list[Mark]]:
    """Remove ``**`` and remember lines that were bold from end to end."""
    bold_spans: list[tuple[int, int]] = []
    for m in re.finditer(r"(?m)^\*\*(.+?)\*\*[:.]?$", mt.text):
        bold_spans.append((m.start(), m.end()))
    out = mt.sub(_MD_BOLD, "")
    if out is mt or not bold_spans:
        return out, []
    layer = out.layers[-1]
    return out, [Mark("bold", to_new(layer, s), to_new(layer, e)) for s, e in bold_spans]


_SPACE_RUNS = re.compile(r"(?<=\S) {2,}(?=\S)")
# Blank lines: at the start of the text they go, elsewhere a run of them becomes one.
# The run's pattern opens with a literal "\n" (a fast scan); ``^\n+`` is tried at the start only.
_BLANKS = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+|^\n+")
_BLANK_RUN = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")


# Formats whose text holds no Markdown: an asterisk in a PDF is a footnote mark ("(*)") or
# a stray character, never emphasis; a DOCX reader marks only whole bold lines and headings.
_NO_MARKDOWN = frozenset({"pdf"})
_NO_WRAPPED_EMPHASIS = frozenset({"pdf", "docx"})


def normalize(text: str, source_format: str = "txt") -> Normalized:
    """Normalize ``text`` (pages separated by form feeds) and keep the offset map.

    ``source_format`` is the reader's format: Markdown emphasis is looked for only in
    text that can hold it (not in a PDF's "Lưu ý khi bình xét thi đua:*").

    >>> normalize("Thanh Hoá,  ngày 27 tháng 6\\nnăm 2023").text.text
    'Thanh Hóa, ngày 27 tháng 6 năm 2023'
    """
    mt = MappedText(text)
    mt = mt.sub(_CONTROL, _control)
    if not unicodedata.is_normalized("NFC", mt.text):
        mt = mt.sub(_COMBINING, lambda m: unicodedata.normalize("NFC", m.group(0)))
    if _DD_LOOKALIKE.search(mt.text):
        mt = mt.sub(_DD_LOOKALIKE, lambda m: m.group(0).translate(_DD_LOOKALIKES))
    mt = mt.replace(_tone_edits(mt.text))
    mt = mt.replace(page_number_edits(mt.text))
    mt = mt.replace(_cell_line_tables(mt.text))
    mt = mt.replace(column_edits(mt.text))
    mt = mt.replace(closing_break_edits(mt.text))
    mt = mt.replace(row_break_edits(mt.text))
    # Each pass below runs only where a cheap test finds text it would change: most
    # plain text has nothing for several of them, and each costs a full scan.
    if _has_edge_spaces(mt.text):
        mt = mt.replace(_edge_space_edits(mt.text))
    if "  " in mt.text:
        mt = mt.sub(_SPACE_RUNS_ANY, " ")
    if source_format not in _NO_MARKDOWN and "**" in mt.text and _BOLD_BREAK.search(mt.text):
        mt = mt.sub(_BOLD_BREAK, _join_split_bold(mt.text))
    if _BLANK_THEN_LOWER.search(mt.text):
        mt = mt.sub(_BROKEN_PARAGRAPH, _join_broken_paragraph(mt.text))
    mt = mt.replace((m.start(1), m.end(1), "") for m in _HYPHEN_BREAK.finditer(mt.text))
    mt = _reflow(mt, emphasis=source_format not in _NO_WRAPPED_EMPHASIS)
    markdown = source_format not in _NO_MARKDOWN and _may_have_markdown(mt.text)
    mt, marks = _markdown_with_headings(mt) if markdown else (mt, [])
    before = len(mt.layers)
    if "  " in mt.text:
        mt = mt.sub(_SPACE_RUNS, " ")
    if _has_edge_spaces(mt.text):  # removed markup ("**KT. CHỦ TỊCH **") can leave edge spaces
        mt = mt.replace(_edge_space_edits(mt.text))
    mt = mt.replace(_blank_edits(mt.text))
    if not unicodedata.is_normalized("NFC", mt.text):
        # Markup removed or lines joined can put a stray combining mark after a letter ("a__̀").
        mt = mt.sub(_COMBINING, lambda m: unicodedata.normalize("NFC", m.group(0)))
    marks = _carry(marks, mt, before)
    return Normalized(mt, tuple(marks))


def _has_edge_spaces(text: str) -> bool:
    return text[:1] == " " or text[-1:] == " " or " \n" in text or "\n " in text


def _edge_space_edits(text: str) -> list[tuple[int, int, str]]:
    """The edits of ``_EDGE_SPACES`` (each run of spaces at a line edge removed), found from the line ends.

    "Sở Y tế \n  chủ trì" loses the space before the line end and the two after it.
    """
    edits, done = [], 0  # ``done``: end of the last run removed
    if text[:1] == " ":
        done = _SPACES_RUN.match(text).end()
        edits.append((0, done, ""))
    for m in _SPACED_LINE_END.finditer(text):
        end = m.start()
        if end > done and text[end - 1] == " ":
            edits.append((_run_start(text, end, done), end, ""))
        if text[end + 1:end + 2] == " ":
            done = _SPACES_RUN.match(text, end + 1).end()
            edits.append((end + 1, done, ""))
    if text[-1:] == " " and len(text) > done:
        edits.append((_run_start(text, len(text), done), len(text), ""))
    return edits


def _run_start(text: str, end: int, floor: int) -> int:
    """Where the run of spaces ending at ``end`` starts (not before ``floor``)."""
    start = end - 1
    while start > floor and text[start - 1] == " ":
        start -= 1
    return start


def _blank_edits(text: str) -> list[tuple[int, int, str]]:
    """The edits of ``_BLANKS``: blank lines at the start removed, a run of them elsewhere made one."""
    first = _BLANKS.match(text)
    edits = [(0, first.end(), "")] if first else []
    edits += [(m.start(), m.end(), "\n\n") for m in _BLANK_RUN.finditer(text, first.end() if first else 0)]
    return edits


def _may_have_markdown(text: str) -> bool:
    """Whether any Markdown pass could change ``text`` (each needs one of these marks)."""
    return any(mark in text for mark in ("#", "|", "*", "__", "---", "===", "\\"))


def _markdown_with_headings(mt: MappedText) -> tuple[MappedText, list[Mark]]:
    heading_lines = [(m.start(), m.end()) for m in re.finditer(r"(?m)^#{1,6}[ \t]+.*$", mt.text)]
    before = len(mt.layers)
    mt, marks = _markdown(mt)
    for start, end in heading_lines:
        s, e = _forward(mt, before, start), _forward(mt, before, end)
        marks.append(Mark("heading", s, e))
    return mt, sorted(marks, key=lambda m: m.start)


def _forward(mt: MappedText, first_layer: int, offset: int) -> int:
    for layer in mt.layers[first_layer:]:
        offset = to_new(layer, offset)
    return offset


def _carry(marks: list[Mark], mt: MappedText, first_layer: int) -> list[Mark]:
    return [Mark(m.kind, _forward(mt, first_layer, m.start), _forward(mt, first_layer, m.end)) for m in marks]
