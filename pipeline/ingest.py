"""Ingest: files → Document → Plan → SQLite, one file at a time, never stopping a batch.

Parsing (read, normalize, segment, extract: :mod:`pipeline.parse`) is a pure function
of a path, so it runs in worker processes; only the parent process writes to the
database, one transaction per document. A file that cannot be read is recorded with its reason
and the batch goes on.
"""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import sqlite_utils

from pipeline.limits import WORKER_MODULES, Limits
from pipeline.parse import Failed, Prepared, prepare_file
from pipeline.store import known, store_failure, stored_elsewhere, write_document


DOCUMENT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".xhtml", ".docx", ".doc", ".pdf"}
_SKIPPED_NAMES = ("readme", "license", "changelog")


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one file: ``ingested``, ``partial``, ``unchanged``, ``duplicate`` or ``failed``."""

    path: str
    status: str
    reason: str | None = None
    pages: int = 0
    seconds: float = 0.0


@dataclass(slots=True)
class IngestReport:
    results: list[FileResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.status == "failed"]


def discover(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, and document files found recursively under folders.

    Inside folders, only document suffixes are taken (and README/LICENSE skipped) so
    a corpus folder's annotations and scripts are not read as plans; a file named on
    the command line is always read, whatever its suffix.
    """
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if _is_document(child, path):
                    found.append(child)
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _is_document(path: Path, root: Path) -> bool:
    if not path.is_file() or path.suffix.lower() not in DOCUMENT_SUFFIXES:
        return False
    parts = path.relative_to(root).parts
    if any(p.startswith(".") for p in parts):
        return False
    return not path.stem.lower().startswith(_SKIPPED_NAMES)


def file_sha256(path: Path) -> str | None:
    """The content hash of a regular file; ``None`` for anything else (a pipe would
    block the batch here, before any worker could be given up on) or when unreadable."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()
    except OSError:
        return None


def ingest(
    db: sqlite_utils.Database,
    paths: Iterable[str | Path],
    workers: int = 1,
    limits: Limits | None = None,
    force: bool = False,
    on_result: Callable[[FileResult], None] | None = None,
) -> IngestReport:
    """Ingest every file under ``paths`` into ``db``; unchanged files are skipped.

    A file with the same bytes as one already stored under another path (the same
    plan downloaded twice) is reported as a ``duplicate`` and not stored again, so
    counts and comparisons see each document once. ``on_result`` is called after
    each file (the CLI advances its progress bar).
    """
    report = IngestReport()
    files = [str(p.resolve()) if p.exists() else str(p) for p in discover(paths)]
    todo, seen = [], {}
    for path in files:
        sha = file_sha256(Path(path))
        original = seen.get(sha) or (stored_elsewhere(db, path, sha) if sha else None)
        if sha and not force and known(db, path, sha):
            _emit(report, FileResult(path, "unchanged"), on_result)
        elif original:
            _emit(report, FileResult(path, "duplicate", f"same content as {original}"), on_result)
        else:
            todo.append(path)
            if sha:
                seen[sha] = path
    for outcome in _parse_all(todo, workers, limits or Limits()):
        _emit(report, _store(db, outcome), on_result)
    return report


def _emit(report: IngestReport, result: FileResult, on_result: Callable[[FileResult], None] | None) -> None:
    report.results.append(result)
    if on_result is not None:
        on_result(result)


def _parse_all(paths: list[str], workers: int, limits: Limits) -> Iterator[Prepared | Failed]:
    """Parse each path, in worker processes when limits or parallelism ask for it.

    Results come back as they complete (not in ``paths`` order). Isolation is the
    default even with one worker, because only a separate process can be stopped
    at the time limit or capped in memory. Workers send back database rows, not the
    Document and Plan: the rows are smaller to pickle, and building them is work the
    writing process would otherwise do alone while the workers wait. Starting the
    fork server and warming it (:mod:`pipeline.warm`) costs ~1.5 s once per batch,
    so ``Limits(isolate=False)`` (in-process, no limits enforced) is only worth it
    for tests and one-off scripts.
    """
    if not paths:
        return
    if not _isolate(paths, workers, limits):
        for path in paths:
            yield _parse_guarded(path, limits)
        return
    from pipeline.workers import supervised_map

    results = supervised_map(
        # ``Failed`` doubles as what a worker that gave up (timeout, memory, crash)
        # reports; it lives with ``prepare_file``, so a worker unpickling either imports
        # only the parsing side, never this module's database code.
        partial(prepare_file, limits=limits), paths, on_error=Failed, workers=min(workers, len(paths)),
        timeout=limits.timeout_seconds or None, memory_bytes=limits.memory_bytes or None,
        preload=WORKER_MODULES,
    )
    for _, outcome in results:
        yield outcome


def _isolate(paths: list[str], workers: int, limits: Limits) -> bool:
    if workers > 1 and len(paths) > 1:
        return True
    return limits.isolate and bool(limits.timeout_seconds or limits.memory_bytes)


def _parse_guarded(path: str, limits: Limits) -> Prepared | Failed:
    """:func:`prepare_file` in this process: a bug in one reader costs one file, not the batch."""
    try:
        return prepare_file(path, limits)
    except MemoryError:
        return Failed(path, "ran out of memory")
    except RecursionError:
        return Failed(path, "structure nested too deeply to read")
    except Exception as err:  # noqa: BLE001 - reported per file, the batch goes on
        return Failed(path, f"internal error while reading ({type(err).__name__}: {err}); please report it")


def _store(db: sqlite_utils.Database, outcome: Prepared | Failed) -> FileResult:
    if isinstance(outcome, Failed):
        store_failure(db, outcome.path, outcome.reason, outcome.sha256, size_bytes=outcome.size_bytes)
        return FileResult(outcome.path, "failed", outcome.reason)
    write_document(db, outcome.rows)
    status = "partial" if outcome.warnings else "ingested"
    reason = "; ".join(outcome.warnings) or None
    return FileResult(outcome.path, status, reason, outcome.pages, outcome.seconds)


def default_workers() -> int:
    """One worker per CPU this process may use (its affinity mask), at most four."""
    from pipeline.workers import cpu_count

    return max(1, min(4, cpu_count()))
