"""Vietnamese date surface forms: ``ngày 27 tháng 6 năm 2023``, ``15/8/2023``, ``25-10-2023``.

Two entry points other extractors share:

* :func:`find_dates` scans a text and returns every date with its span, including
  drafts that leave the day or month blank (``ngày   tháng   năm 2021``);
* :func:`parse_date` reads the first complete date of a short text.

Day-first order is the Vietnamese convention, so ``05/04/2024`` is 5 April.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# A blank in a draft may be spaces, dots or an ellipsis: "ngày .... tháng ..... năm 2021".
_BLANK = r"[\s.…_]*"
# "ngày 27 tháng 6 năm 2023", "09 tháng 12 năm 2021", "ngày 21\ntháng 11, năm 2025".
_WORDS = re.compile(
    r"(?:\b[Nn]gày\s*(?P<d1>\d{1,2})?|(?<![\d/.-])(?P<d2>\d{1,2}))"
    + _BLANK
    + r"\s*[Tt]háng\s*(?P<m>\d{1,2})?"
    + _BLANK
    + r"\s*,?\s*[Nn]ăm\s*(?P<y>\d{4})\b",
    re.IGNORECASE,  # titles in capitals: "NGÀY 15 THÁNG 8 NĂM 2024"
)
# "15/8/2023", "15-8-2023", "15.8.2023", "28/06/2025", "25 - 10 - 2023"; the same
# separator both times, and no digit or slash glued on either side (symbols, ranges).
_NUMERIC = re.compile(
    r"(?<![\d/.-])(?P<d>\d{1,2})\s?(?P<sep>[/.-])\s?(?P<m>\d{1,2})\s?(?P=sep)\s?(?P<y>\d{4})(?![\d/])"
)
_YEAR = re.compile(r"\d{4}")
MIN_YEAR, MAX_YEAR = 1945, 2100


@dataclass(frozen=True, slots=True)
class DateMatch:
    """One date found in a text; ``date`` is None where the day or month is blank or impossible."""

    start: int
    end: int
    text: str
    year: int
    month: int | None
    day: int | None
    date: date | None
    form: str  # "words" or "numeric"

    @property
    def blank(self) -> bool:
        """A draft's placeholder date: the year is written, the day or month left open."""
        return self.day is None or self.month is None

    @property
    def iso(self) -> str | None:
        return self.date.isoformat() if self.date else None


def _make(text: str, m: re.Match[str], day: str | None, month: str | None, year: str, form: str) -> DateMatch | None:
    y = int(year)
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    d = int(day) if day else None
    mo = int(month) if month else None
    if mo is not None and not 1 <= mo <= 12:
        return None
    value = _valid(y, mo, d)
    return DateMatch(m.start(), m.end(), text[m.start():m.end()], y, mo, d, value, form)


def _valid(year: int, month: int | None, day: int | None) -> date | None:
    if month is None or day is None:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str) -> list[DateMatch]:
    """Every date in ``text``, in order, each with its half-open span.

    >>> [d.iso for d in find_dates("ngày 27 tháng 6 năm 2023 và 15/8/2023")]
    ['2023-06-27', '2023-08-15']
    """
    # Both forms end in a four-digit year, and the written one holds "tháng" and "năm": most
    # texts passed in (citation tails, header lines) fail these cheap tests and skip the scans.
    if not _YEAR.search(text):
        return []
    lower = text.lower()
    words = "tháng" in lower and "năm" in lower
    found: list[DateMatch] = []
    for m in (_WORDS.finditer(text) if words else ()):
        if m.group("d2") and not m.group("m"):
            continue  # "trong 6 tháng năm 2023" is a duration, not a date
        hit = _make(text, m, m.group("d1") or m.group("d2"), m.group("m"), m.group("y"), "words")
        if hit:
            found.append(hit)
    taken = [(d.start, d.end) for d in found]
    for m in _NUMERIC.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        hit = _make(text, m, m.group("d"), m.group("m"), m.group("y"), "numeric")
        if hit and hit.date:
            found.append(hit)
    return sorted(found, key=lambda d: d.start)


def parse_date(text: str) -> date | None:
    """The first complete date written in ``text``, or None.

    >>> parse_date("Chỉ thị 25-CT/TW, ngày 25-10-2023")
    datetime.date(2023, 10, 25)
    """
    return next((d.date for d in find_dates(text) if d.date), None)


def date_at(text: str, pos: int, window: int = 40) -> DateMatch | None:
    """The date starting within ``window`` characters after ``pos`` (a citation's date).

    Used for "Kế hoạch số 154/KH-UBND, ngày 15/8/2023": the date follows the symbol.
    """
    for d in find_dates(text[pos:pos + window + 40]):
        if d.start <= window:
            return DateMatch(d.start + pos, d.end + pos, d.text, d.year, d.month, d.day, d.date, d.form)
    return None
