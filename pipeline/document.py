"""The one normalized ``Document`` that flows through every stage.

Readers produce :class:`SourceText`; :func:`pipeline.build.build_document` normalizes
and segments it into a :class:`Document`. Extractors read a ``Document`` and never
change it: later stages derive new values (``dataclasses.replace``) instead.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from pipeline.normalize import Mark
from pipeline.textmap import MappedText
from schemas import OutlineNode, Source, Span, Table

_LINE_END = re.compile(r"[\n\f]")
# Span's own validator, called without BaseModel.__init__ around it: the same checks and the
# same model, in half the time (extractors and segmentation make spans by the ten thousand).
_validate_span = Span.__pydantic_validator__.validate_python


@dataclass(frozen=True, slots=True)
class SourceText:
    """What a reader returns: the decoded text of a file, pages separated by ``\\f``.

    ``encoding`` names the byte or font encoding found (``utf-8``, ``cp1258``,
    ``tcvn3``, ``vni``); ``page_confidence`` holds OCR confidence per page where a
    page was read by OCR. ``warnings`` are problems that degraded but did not stop
    reading (a table that could not be parsed).
    """

    text: str
    format: str
    pages: int = 1
    encoding: str = "utf-8"
    page_confidence: dict[int, float] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the normalized text: ``text == doc.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """Normalized text, its page map, outline and tables, and the way back to the source."""

    text: str
    source: Source
    mapped: MappedText
    source_text: str
    page_starts: tuple[int, ...] = (0,)
    marks: tuple[Mark, ...] = ()
    outline: tuple[OutlineNode, ...] = ()
    tables: tuple[Table, ...] = ()
    page_confidence: dict[int, float] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    line_index: tuple[Line, ...] = ()

    def page_at(self, offset: int) -> int:
        """The 1-based page that holds ``offset``."""
        return max(1, bisect.bisect_right(self.page_starts, offset))

    def span(self, start: int, end: int) -> Span:
        """A :class:`Span` for ``text[start:end]`` with its page filled in."""
        return _validate_span({"start": start, "end": end, "page": self.page_at(start)})

    def quote(self, span: Span) -> str:
        return self.text[span.start:span.end]

    def source_offset(self, offset: int) -> int:
        """Offset in :attr:`source_text` (the decoded file) of a normalized offset."""
        return self.mapped.to_original(offset)

    def lines(self) -> list[Line]:
        """The lines of the text with their offsets (page breaks end a line too).

        Built once with the document (every extractor walks the lines); a copy of the
        list is returned so a caller's changes never reach the document.
        """
        if self.line_index:
            return list(self.line_index)
        return split_lines(self.text)

    def sections(self, kind: str = "section") -> list[OutlineNode]:
        return [n for n in self.outline if n.kind == kind]


def line_start(text: str, pos: int) -> int:
    """Start of the line holding ``pos``: just after the last ``\\n`` or ``\\f`` before it.

    A page break ends a line like a newline (``2. Sở Tài chính\\fa) Phối hợp ...`` is two
    lines), so every "start of this line" lookup treats them alike.

    >>> line_start("Sở Y tế\\fa) Phối hợp", 12)
    8
    """
    nl = text.rfind("\n", 0, pos)
    return max(nl, text.rfind("\f", nl + 1, pos)) + 1


def line_end(text: str, pos: int) -> int:
    """End of the line holding ``pos``: the first ``\\n`` or ``\\f`` at or after it, else ``len(text)``.

    >>> line_end("2. Sở Tài chính\\fa) Phối hợp", 0)
    15
    """
    nl = text.find("\n", pos)
    stop = nl if nl >= 0 else len(text)
    ff = text.find("\f", pos, stop)  # only up to the newline: a page break is rare
    return ff if ff >= 0 else stop


def split_lines(text: str) -> list[Line]:
    """Lines of ``text`` with their offsets; ``\\n`` and ``\\f`` both end a line."""
    out, start = [], 0
    for piece in _LINE_END.split(text):  # every separator is one character: the next line starts after it
        end = start + len(piece)
        out.append(Line(start, end, piece))
        start = end + 1
    return out
