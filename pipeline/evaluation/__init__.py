"""Score extracted plans against the gold annotations in ``corpus/*/gold/``.

Each part of the record has a scorer module here (``metadata``, ``references``,
``targets``, ``assignments``, ``deadlines``) with ``PART`` (the gold file stem) and
``score(gold, plan) -> dict[field, Counts]``. A document without a gold file for a
part is not scored on that part.
"""

from pipeline.evaluation.core import Counts, EvalReport, evaluate_corpus

__all__ = ["Counts", "EvalReport", "evaluate_corpus"]
