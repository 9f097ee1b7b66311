"""Counting, per-field precision/recall/F1, and the corpus walk."""

from __future__ import annotations

import importlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from schemas import Plan

SCORERS = ("metadata", "references", "targets", "assignments", "deadlines")


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives of one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: Counts) -> Counts:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def compare_value(expected: Any, found: Any) -> Counts:
    """Score a single-valued field: null in gold and output agree; a wrong value is fp+fn."""
    if expected is None and found is None:
        return Counts()
    if expected == found:
        return Counts(tp=1)
    return Counts(fp=int(found is not None), fn=int(expected is not None))


def match_sets(expected: Iterable[Any], found: Iterable[Any], same: Callable[[Any, Any], bool]) -> Counts:
    """Greedy one-to-one matching of two lists with ``same(gold, found)``."""
    remaining = list(found)
    counts = Counts()
    for gold in expected:
        hit = next((i for i, f in enumerate(remaining) if same(gold, f)), None)
        if hit is None:
            counts.fn += 1
        else:
            counts.tp += 1
            remaining.pop(hit)
    counts.fp += len(remaining)
    return counts


@dataclass(slots=True)
class EvalReport:
    """Totals per ``part.field`` and the same per document, for the detail view."""

    totals: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    per_document: dict[str, dict[str, Counts]] = field(default_factory=dict)

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"field": name, "tp": c.tp, "fp": c.fp, "fn": c.fn,
             "precision": round(c.precision, 3), "recall": round(c.recall, 3), "f1": round(c.f1, 3)}
            for name, c in sorted(self.totals.items())
        ]


def gold_documents(corpus: Path) -> list[Path]:
    """Folders under ``corpus`` that hold a ``source.*`` file and a ``gold/`` folder."""
    return sorted(p.parent for p in corpus.rglob("gold") if p.is_dir() and any(p.parent.glob("source.*")))


def evaluate_corpus(corpus: Path, extract: Callable[[Path], Plan], parts: Iterable[str] = SCORERS) -> EvalReport:
    """Run ``extract`` on each gold document's ``source.txt`` and score every part."""
    report = EvalReport()
    for folder in gold_documents(corpus):
        source = next(iter(sorted(folder.glob("source.txt"))), None) or next(iter(sorted(folder.glob("source.*"))))
        plan = extract(source)
        doc_counts: dict[str, Counts] = {}
        for part in parts:
            gold_file = folder / "gold" / f"{part}.json"
            if not gold_file.exists():
                continue
            scorer = importlib.import_module(f"pipeline.evaluation.{part}")
            gold = json.loads(gold_file.read_text(encoding="utf-8"))
            for name, counts in scorer.score(gold, plan).items():
                key = f"{part}.{name}"
                doc_counts[key] = counts
                report.totals[key] += counts
        report.per_document[folder.name] = doc_counts
    return report
