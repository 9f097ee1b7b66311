"""Two-column page layout read line by line, put back column by column.

A plan's header and closing are laid out in two columns: the issuing body beside the
national motto, the recipients beside the signature. Text extraction that follows
the baselines (PDFs laid out with tab stops, text copied from a page) interleaves the
columns::

    ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    TỈNH QUẢNG TRỊ Độc lập - Tự do - Hạnh phúc

Segmentation needs "ỦY BAN NHÂN DÂN / TỈNH QUẢNG TRỊ" as one block. Each such line
is split where the right column begins (the motto, or a signing authority such as
``KT. CHỦ TỊCH``), and the block is rewritten as its left column, then its right one.
"""

from __future__ import annotations

import bisect
import operator
import re
from itertools import accumulate

# Where the header's right column begins on a line that holds both.
_MOTTO = re.compile(
    r"(?<=\S)[ \t]+(?=CỘNG H(?:ÒA|OÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM|ĐẢNG CỘNG SẢN VIỆT NAM"
    r"|Độc lập\s*[-–]\s*Tự do\s*[-–]\s*Hạnh phúc)"
)
# A place and date beside the issuing body's last line ("HUYỆN ỦY LỤC NAM Lục Nam, ngày ...").
_PLACE_DATE = re.compile(r"(?<=\S)[ \t]+(?=[^\W\d_][^,\n]{0,40},[ \t]*ngày\b)")
_HEADER_REACH = 3  # lines after the motto where the right column may still hold the date

# Where the closing's right column begins: a signing authority ("KT. CHỦ TỊCH")...
_AUTHORITY = re.compile(r"(?<=\S)[ \t]+(?=(?:TM|KT|TL|TUQ|Q)\.[ \t]*[^\W\d_])")
# ...or a title of two or more words in capitals after a recipient's closing punctuation
# ("- Lưu: VT. PHÓ CHỦ TỊCH"; not the office codes "- Lưu: VT, KGVX.").
_AFTER_RECIPIENT = re.compile(r"(?<=[;.,:])[ \t]+(?=\S)")
_TITLE = re.compile(r"[^\W\d_]+(?:[ \t]+[^\W\d_]+)+")
_BLOCK_GAP = 2  # lines without a cut that a block may span
_CLOSING_LINES = 20  # a closing block is no longer than this


def column_edits(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, replacement)`` edits rewriting interleaved two-column blocks.

    Every header (a decision and the plan it issues each have one) and every closing.
    """
    lines, starts = _lines(text)
    # The lines holding the motto's words, found with str.find over the text: most lines
    # hold none, and a test of every line costs more than the few searches.
    motto_lines = _lines_holding(text, starts, ("CỘNG", "Độc lập"))
    cuts = {i: m for i in motto_lines if not _table_row(lines[i]) and (m := _MOTTO.search(lines[i]))}
    headers = set(cuts)
    for i in list(cuts):
        for j in range(i + 1, min(len(lines), i + 1 + _HEADER_REACH)):
            if j not in cuts and (m := _place_date_cut(lines[j])):
                cuts[j] = m
    for opening in _recipients_lines(text, starts):
        for i in range(opening, min(len(lines), opening + _CLOSING_LINES)):
            if not _table_row(lines[i]) and (m := _signing_cut(lines[i])):
                cuts[i] = m
    blocks = [(first, _left_tail(lines, last) if headers & set(range(first, last + 1)) else last)
              for first, last in _runs(sorted(cuts))]
    return [(starts[first], starts[last] + len(lines[last]), _columns(lines, cuts, first, last))
            for first, last in blocks]


_LEFT_TAIL = re.compile(r"^\s*(?:\*+|-{3,}|Số\b.*)\s*$")
_TAIL_LINES = 3


def _left_tail(lines: list[str], last: int) -> int:
    """A header block's last line, taking in the left column's own last lines: the star or
    rule under the issuing body and the ``Số`` line, which the right column comes after."""
    end = min(len(lines) - 1, last + _TAIL_LINES)
    while last < end and _LEFT_TAIL.match(lines[last + 1]):
        last += 1
    return last


def _table_row(line: str) -> bool:
    """A table row, whose cells are already apart: cells between tabs, or between pipes
    ("UỶ BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |", read as a row later)."""
    return "\t" in line or (line.rstrip().endswith("|") and line.count("|") >= 2)


def _lines_holding(text: str, starts: list[int], words: tuple[str, ...]) -> list[int]:
    """Indexes, in order, of the lines of ``text`` (starting at ``starts``) that hold one of ``words``."""
    found = set()
    for word in words:
        at = text.find(word)
        while at >= 0:
            line = bisect.bisect_right(starts, at) - 1
            found.add(line)
            # The rest of this line holds nothing new: go on from the next line.
            at = text.find(word, starts[line + 1]) if line + 1 < len(starts) else -1
    return sorted(found)


# A line opening with "Nơi nhận:" in any case (the classes hold every letter IGNORECASE
# would take: "İ", "ı" for "i"). Found from the line end before it, the pattern opens with
# a literal "\n", which the engine scans for quickly: one pass over the text, not one
# match per line.
_RECIPIENTS = re.compile(r"[^\S\n]*[Nn][Ơơ][Iiİı] [Nn][Hh][Ậậ][Nn][^\S\n]*:")
_RECIPIENTS_AFTER_LINE_END = re.compile(r"\n" + _RECIPIENTS.pattern)


def _recipients_lines(text: str, starts: list[int]) -> list[int]:
    """Indexes of the lines that open with "Nơi nhận:" (lines start at ``starts``)."""
    out = [0] if _RECIPIENTS.match(text) else []
    out += [bisect.bisect_left(starts, m.start() + 1) for m in _RECIPIENTS_AFTER_LINE_END.finditer(text)]
    return out


def _place_date_cut(line: str) -> re.Match[str] | None:
    """A place and date after a left part in capitals (the issuing body's name); the place
    is written in lower case ("Lục Nam"), which tells it from the body's last words."""
    for m in _PLACE_DATE.finditer(line):
        left = line[: m.start()].strip(" *_")
        if left.isupper() and not line[m.end():].split()[0].isupper() and not left.startswith("SỐ"):
            return m
    return None


def _signing_cut(line: str) -> re.Match[str] | None:
    """Where the signature column begins on a closing line, if the line also holds a recipient.

    The left part must read as a recipient (a list item, "Nơi nhận:", words in lower
    case): a line that is all signature ("TM. ỦY BAN NHÂN") is not split.
    """
    cut = _signature_start(line)
    if cut is None:
        return None
    left = line[: cut.start()].strip(" *_")
    return cut if left and (left[0] in "-+•" or any(c.islower() for c in left)) else None


def _signature_start(line: str) -> re.Match[str] | None:
    authority = _AUTHORITY.search(line)
    if authority and line[authority.end():].split(".", 1)[1].split()[0].isupper():
        return authority  # "KT. CHỦ TỊCH", not the district in "UBND Q. Ba Đình"
    titles = [m for m in _AFTER_RECIPIENT.finditer(line)
              if _TITLE.fullmatch(line[m.end():].rstrip()) and line[m.end():].isupper()]
    return titles[-1] if titles else None


def _runs(indexes: list[int]) -> list[tuple[int, int]]:
    """Lines with cuts grouped into blocks: a block ends after ``_BLOCK_GAP`` lines without one."""
    runs: list[tuple[int, int]] = []
    for i in indexes:
        if runs and i - runs[-1][1] <= _BLOCK_GAP + 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    return runs


def _columns(lines: list[str], cuts: dict[int, re.Match[str]], first: int, last: int) -> str:
    """Lines ``first..last`` as their left column, then their right one.

    Lines between them that have no cut belong to the left column.
    """
    left, right = [], []
    for i in range(first, last + 1):
        m = cuts.get(i)
        left.append(lines[i][: m.start()] if m else lines[i])
        if m:
            right.append(lines[i][m.end():])
    return "\n".join(left + right)


def _lines(text: str) -> tuple[list[str], list[int]]:
    lines = text.split("\n")
    return lines, line_starts(lines)


def line_starts(lines: list[str]) -> list[int]:
    """The offset where each of ``lines`` (a text split at "\\n") starts.

    Line i starts after the lengths of the lines before it and their i line ends;
    ``accumulate`` and ``map`` add them up in C.
    """
    return list(map(operator.add, accumulate(map(len, lines), initial=0), range(len(lines))))


# ------------------------------------------------------------ closing over a page break

_RECIPIENTS_AT = re.compile(r"[ \t]*Nơi nhận[ \t]*:")
_SIGNING = re.compile(r"[ \t]*(?:TM|KT|TL|TUQ|Q)\.[ \t]*[^\W\d_]")
_CONTINUES = ("-", "+", "•", "(")
_CLOSING_REACH = 40  # lines after "Nơi nhận:" where the page may break


def closing_break_edits(text: str) -> list[tuple[int, int, str]]:
    """Edits putting back together a closing table that a page break cut in two.

    A word processor draws each page's part of the table row by row, cell by cell, so
    text extraction returns the recipients of page 1, the signature's start, the page
    break, the rest of the recipients, then the rest of the signature::

        - TT. Tỉnh ủy, TT. HĐND Tỉnh        - TT. Tỉnh ủy, TT. HĐND Tỉnh
        KT. CHỦ TỊCH                         \\f(b/c);
        PHÓ CHỦ TỊCH                    →    - BCH PTDS tỉnh;
        Hồ Thị Nguyên Thảo\\f(b/c);           KT. CHỦ TỊCH
        - BCH PTDS tỉnh;                     PHÓ CHỦ TỊCH
                                             Hồ Thị Nguyên Thảo

    The signature's first part moves after the recipients the next page continues with.
    """
    if "\f" not in text or "Nơi nhận" not in text:
        return []
    edits, at = [], text.find("Nơi nhận")
    while at >= 0:  # str.find, not a multiline pattern: most of a text is not a closing
        start = max(text.rfind("\n", 0, at), text.rfind("\f", 0, at)) + 1
        if _RECIPIENTS_AT.match(text, start):
            edits += _rejoin_closing(text, start) or []
        at = text.find("Nơi nhận", at + 1)
    return edits


def _rejoin_closing(text: str, start: int) -> list[tuple[int, int, str]] | None:
    lines = _lines_from(text, start)
    brk = next((k for k, (_, e) in enumerate(lines) if e < len(text) and text[e] == "\f"), None)
    if brk is None or brk + 1 >= len(lines):
        return None
    sig = next((k for k in range(1, brk + 1) if _signature_like(_at(text, lines[k]))), None)
    if sig is None or sig < 2 or any(_at(text, lines[k]).lstrip().startswith(_CONTINUES) for k in range(sig, brk + 1)):
        return None
    last_recipient, first_after = _at(text, lines[sig - 1]).strip(), _at(text, lines[brk + 1]).strip()
    goes_on = first_after.startswith(_CONTINUES) or first_after[:1].islower() or (
        not last_recipient.endswith((";", ".", ",", ":")) and not _signature_like(first_after))
    if not first_after or not goes_on:
        return None
    end = brk + 1
    while end + 1 < len(lines) and _recipient_goes_on(_at(text, lines[end]), _at(text, lines[end + 1])):
        end += 1
    signature = text[lines[sig][0]:lines[brk][1]]
    return [(lines[sig][0] - 1, lines[brk][1], ""), (lines[end][1], lines[end][1], "\n" + signature)]


_FILED = re.compile(r"[-+•]?\s*Lưu\b")  # "- Lưu: VT, MK.": the last recipient
_RECIPIENT_WIDTH = 60  # the recipients' column holds ~45 characters; a footnote runs wider


def _recipient_goes_on(line: str, following: str) -> bool:
    """Whether the recipients' column goes on from ``line`` to ``following``."""
    following = following.strip()
    return (bool(following) and not _FILED.match(line.strip()) and len(following) <= _RECIPIENT_WIDTH
            and not _signature_like(following))


def _signature_like(line: str) -> bool:
    """A line of the signature block: a signing authority or a title in capitals
    ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "THỦ TƯỚNG"), not a recipient ("- Lưu: VT.", "TTĐT,")."""
    s = line.strip(" *_")
    if not s or s.startswith(_CONTINUES):
        return False
    if _SIGNING.match(s):
        return True
    return s.isupper() and sum(c.isalpha() for c in s) >= 4 and not s.endswith((",", ";", ".", ":"))


def _lines_from(text: str, start: int) -> list[tuple[int, int]]:
    """``(start, end)`` of the lines from ``start`` on (``\\n`` and ``\\f`` end a line)."""
    out, pos = [], start
    while pos <= len(text) and len(out) < _CLOSING_REACH:
        ends = [e for e in (text.find("\n", pos), text.find("\f", pos)) if e >= 0]
        end = min(ends) if ends else len(text)
        out.append((pos, end))
        if end >= len(text):
            break
        pos = end + 1
    return out


def _at(text: str, span: tuple[int, int]) -> str:
    return text[span[0]:span[1]]
