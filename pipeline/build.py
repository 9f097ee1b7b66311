"""From decoded text to a segmented :class:`Document` (normalize → segment)."""

from __future__ import annotations

import dataclasses
import hashlib
import re

from pipeline.document import Document, SourceText, split_lines
from pipeline.normalize import PAGE_BREAK, normalize
from pipeline.segment import segment
from schemas import Source


def build_document(source_text: SourceText, path: str = "<text>", sha256: str | None = None) -> Document:
    """Normalize and segment what a reader returned."""
    norm = normalize(source_text.text, source_text.format)
    text = norm.text.text
    page_starts = [0] + [m.end() for m in re.finditer(PAGE_BREAK, text)]
    source = Source(
        path=path,
        sha256=sha256 or hashlib.sha256(source_text.text.encode("utf-8")).hexdigest(),
        format=source_text.format,
        pages=max(source_text.pages, len(page_starts)),
        encoding=source_text.encoding,
    )
    doc = Document(
        text=text,
        source=source,
        mapped=norm.text,
        source_text=source_text.text,
        page_starts=tuple(page_starts),
        marks=norm.marks,
        page_confidence=dict(source_text.page_confidence),
        warnings=source_text.warnings,
        line_index=tuple(split_lines(text)),
    )
    outline, tables = segment(doc)
    return dataclasses.replace(doc, outline=outline, tables=tables)


def document_from_text(text: str, path: str = "<text>") -> Document:
    """A document from a string, as tests and the ``extract -`` command use it.

    >>> document_from_text("KẾ HOẠCH\\nThực hiện Bộ tiêu chí").outline[0].kind
    'doc_type'
    """
    return build_document(SourceText(text=text, format="txt"), path=path)
