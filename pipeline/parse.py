"""Parsing one file: read, normalize, segment, extract, and the rows to store.

This is what ingest's worker processes run (their fork server imports this module), so
it depends on nothing that writes to a database: a path goes in, plain data comes out.
The parent process imports it only for the function and result types it hands the
workers, so the readers, the extractors and the schemas are imported where they run.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import KehoachError
from pipeline.limits import Limits

if TYPE_CHECKING:
    from pipeline.document import Document
    from pipeline.rows import DocumentRows
    from schemas import Plan


@dataclass(frozen=True, slots=True)
class Parsed:
    """A file read and extracted, ready to store."""

    path: str
    document: Document
    plan: Plan
    size_bytes: int
    seconds: float


@dataclass(frozen=True, slots=True)
class Prepared:
    """A file parsed and turned into database rows: what a worker sends back to be written."""

    path: str
    rows: DocumentRows
    pages: int
    warnings: tuple[str, ...]
    seconds: float


@dataclass(frozen=True, slots=True)
class Failed:
    path: str
    reason: str
    sha256: str | None = None
    size_bytes: int | None = None


def parse_file(path: str, limits: Limits | None = None) -> Parsed | Failed:
    """Read and extract one file; every expected failure comes back as :class:`Failed`."""
    from pipeline.build import build_document
    from pipeline.extract import extract_plan
    from pipeline.readers import read_file

    started = time.perf_counter()
    try:
        source_text, data = read_file(Path(path), limits)
    except KehoachError as err:
        return Failed(path, err.reason)
    sha = hashlib.sha256(data).hexdigest()
    try:
        document = build_document(source_text, path=path, sha256=sha)
        plan = extract_plan(document)
    except KehoachError as err:
        return Failed(path, err.reason, sha, len(data))
    return Parsed(path, document, plan, len(data), time.perf_counter() - started)


def prepare_file(path: str, limits: Limits | None = None) -> Prepared | Failed:
    """:func:`parse_file`, then the rows to store, so the writer only has to write them."""
    from pipeline.rows import document_rows

    outcome = parse_file(path, limits)
    if isinstance(outcome, Failed):
        return outcome
    doc = outcome.document
    rows = document_rows(doc, outcome.plan, outcome.seconds, outcome.size_bytes)
    return Prepared(path, rows, doc.source.pages, doc.warnings, outcome.seconds)
