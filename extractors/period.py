"""The period a plan states for itself, under its own ``Thời gian`` heading.

``3. Thời gian thực hiện: Từ nay đến hết năm 2025.`` or ``3. Thời gian tổ chức phong trào thi
đua: ... từ tháng 10 năm 2025 đến hết tháng 3 năm 2026`` ends the plan in the latest year it
names. Task lines (``c) Thời gian thực hiện: Hoàn thành trong năm 2025``, bullets) time one task,
not the plan, and recurring calendars (``Thời gian thực hiện hằng năm``) have no end: neither
counts.
"""

from __future__ import annotations

import re

from extractors.symbols import find_symbols
from pipeline.document import Document

# "2. Thời gian thực hiện", "1. Thời gian: từ nay đến năm 2030", "3. Thời gian tổ chức phong
# trào thi đua:", "2. Thời gian thi đua" - not "Thời gian trình khen thưởng" (one step).
_HEAD = re.compile(
    r"^\W*(?:[\dIVXLC]+[.)]\s*)*Thời\s+gian\s*(?:(?:thực\s+hiện|thi\s+đua|tổ\s+chức|triển\s+khai)\b[^:\n]{0,50})?(?::|$)",
    re.I,
)
_RECURRING = re.compile(r"\b(?:hằng|hàng)\s+năm\b", re.I)
_YEAR = re.compile(r"(?<![\d.,])(?:19|20)\d{2}(?![\d,]|\.\d)")
_MAX_LEVEL = 2
_WINDOW = 600


def stated_period_end(doc: Document, issued_year: int | None = None) -> int | None:
    """The last year of the plan's own ``Thời gian ...`` section, None without one."""
    for node in doc.outline:
        if node.kind != "section" or node.level > _MAX_LEVEL or not _HEAD.match(node.heading or ""):
            continue
        if _RECURRING.search(node.heading):
            continue
        years = _years(doc.text[node.span.start:min(node.span.end, node.span.start + _WINDOW)])
        years = [y for y in years if not issued_year or y >= issued_year]
        if years:
            return max(years)
    return None


def _years(text: str) -> list[int]:
    # Symbols carry years of other documents ("10/2022/TT-BLĐTBXH"): masked first.
    for s in find_symbols(text):
        text = text[:s.start] + " " * (s.end - s.start) + text[s.end:]
    return [int(m.group(0)) for m in _YEAR.finditer(text)]
