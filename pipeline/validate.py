"""The validate stage: every value grounded in its text, and the plan's own consistency.

A record whose span does not lie inside the document, or whose quoted ``text`` is
not what its span holds, is dropped and reported, so nothing ungrounded reaches the
database. Then audit checks add findings:

- tables whose rows do not add up to their totals (``extractors.targets``);
- a cited document whose date contradicts the year in its symbol
  ("Quyết định số 46/2002/QĐ-UBND ngày 12/9/2022");
- a deadline before the plan was issued or after the end of its horizon.
"""

from __future__ import annotations

import functools
import math
import re
from datetime import date

from extractors.targets import table_findings
from pipeline.document import Document
from schemas import Finding, Plan, Span

GROUNDED_PARTS = ("references", "targets", "assignments", "deadlines")
_SYMBOL_YEAR = re.compile(r"^\d+/((?:19|20)\d{2})/")


def validate(doc: Document, plan: Plan) -> Plan:
    findings = list(plan.findings)
    parts = {}
    for name in GROUNDED_PARTS:
        kept = []
        for item in getattr(plan, name):
            problem = _grounding_problem(doc, item.span, getattr(item, "text", None))
            if problem is None:
                kept.append(item)
            else:
                findings.append(Finding(rule="ungrounded", severity="error",
                                        message=f"{name[:-1]} dropped: {problem}", span=None))
        parts[name] = kept
    findings.extend(language_findings(doc))
    findings.extend(table_findings(doc, parts["targets"]))
    findings.extend(reference_date_findings(parts["references"]))
    findings.extend(deadline_findings(plan, parts["deadlines"]))
    return plan.model_copy(update={**parts, "findings": findings})


_VIETNAMESE_LOWER = "ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
# both cases written out: a class under IGNORECASE folds the case of every character it tests
_VIETNAMESE_LETTERS = re.compile(f"[{_VIETNAMESE_LOWER}{_VIETNAMESE_LOWER.upper()}]")
_LETTERS = re.compile(r"[^\W\d_]")
_PREFIX = 5_000


def language_findings(doc: Document) -> list[Finding]:
    """A text with (almost) no Vietnamese letters is not a Vietnamese plan: say so, since
    its record will be nearly empty and the user should know why."""
    sample = doc.text[:20_000]
    # Counting every letter is the slow part, and a Vietnamese text never needs it: when
    # the Vietnamese letters of a prefix already pass 2.1% of all the characters (an upper
    # bound of the letters), the share passes 2% whatever the count.
    enough = 0.021 * len(sample)
    if _holds_letters(sample, _PREFIX, math.floor(enough) + 1):  # more than ``enough`` of them
        return []
    vietnamese = len(_VIETNAMESE_LETTERS.findall(sample))
    if vietnamese > enough:
        return []
    letters = len(_LETTERS.findall(sample))
    if letters < 200:
        return []
    share = vietnamese / letters
    if share >= 0.02:
        return []
    return [Finding(rule="not_vietnamese", severity="warning",
                    message=f"only {share:.1%} of the letters are Vietnamese: this does not look like a Vietnamese "
                            "document (wrong file, another language, or an undetected legacy font)")]


def _holds_letters(text: str, end: int, count: int) -> bool:
    """Whether ``text[:end]`` holds ``count`` Vietnamese letters or more.

    Found by matching runs of 256, 128, ..., 1 letters (each with what stands between them)
    one after the other: a few calls, instead of a list of every letter to count.
    """
    pos = 0
    for size, rx in _letter_runs():
        if count >= size:
            m = rx.match(text, pos, end)
            if m is None:
                return False
            pos, count = m.end(), count - size
    return True


@functools.cache
def _letter_runs() -> tuple[tuple[int, re.Pattern[str]], ...]:
    """``(size, pattern)``: ``size`` Vietnamese letters and whatever precedes each (possessive: no backtracking)."""
    letters = _VIETNAMESE_LOWER + _VIETNAMESE_LOWER.upper()
    return tuple((size, re.compile(f"(?:[^{letters}]*+[{letters}]){{{size}}}"))
                 for size in (256, 128, 64, 32, 16, 8, 4, 2, 1))


def _grounding_problem(doc: Document, span: Span, quoted: str | None) -> str | None:
    if not 0 <= span.start <= span.end <= len(doc.text):
        return f"span {span.start}-{span.end} is outside the text"
    held = doc.text[span.start:span.end]
    # a quote found as it is is found squashed too (blank runs collapse alike in both): most are
    if quoted and quoted not in held and _squash(quoted) not in _squash(held):
        return f"span {span.start}-{span.end} does not hold {quoted[:60]!r}"
    return None


def _squash(text: str) -> str:
    return " ".join(text.split())


def reference_date_findings(references) -> list[Finding]:
    """``46/2002/QĐ-UBND`` cited with a 2022 date: one of the two is wrong."""
    out = []
    for ref in references:
        m = _SYMBOL_YEAR.match(ref.number or "")
        if m and ref.date and ref.date[:4] != m.group(1):
            out.append(Finding(
                rule="reference_date_mismatch", severity="warning", span=ref.span,
                message=f"{ref.doc_type or 'document'} {ref.number} is cited with date {ref.date}, "
                        f"but its symbol carries the year {m.group(1)}",
            ))
    return out


def deadline_findings(plan: Plan, deadlines) -> list[Finding]:
    """Deadlines before the plan's date or after the last year of its horizon."""
    issued = date.fromisoformat(plan.issued_date) if plan.issued_date else None
    horizon = plan.horizon_year
    out = []
    for deadline in deadlines:
        due = _due(deadline)
        if due is None:
            continue
        if issued and due < issued.replace(day=1):
            problem = f"is before the plan's date {plan.issued_date}"
        elif horizon and due.year > horizon:
            problem = f"is after the end of the plan's horizon ({horizon})"
        else:
            continue
        out.append(Finding(rule="deadline_outside_plan", severity="warning", span=deadline.span,
                           message=f"deadline {deadline.date or deadline.month} ({deadline.text[:60]!r}) {problem}"))
    return out


def _due(deadline) -> date | None:
    if deadline.date:
        return date.fromisoformat(deadline.date)
    if deadline.month:
        year, month = map(int, deadline.month.split("-"))
        return date(year, month, 1)
    return None
