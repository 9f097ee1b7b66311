"""The store stage: documents and their plans in SQLite, one transaction per document.

Tables: ``documents`` (one row per file, failed files included with their error),
``sections`` and ``tables`` (the outline), ``plans`` (one row per document) and one
table per list part of the plan (``references``, ``targets``, ``assignments``,
``deadlines``, ``findings``), whose columns are the part's fields flattened
(``span_start``, ``recurrence_month``...). Two full-text indexes cover the text:
``documents_fts`` ignores diacritics ("cung co" finds "củng cố"), ``documents_fts_exact``
keeps them ("Kiên" is not "Kiến").
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlite_utils

from pipeline.rows import PARTS, PLAN_LISTS, DocumentRows, columns_of, document_rows, plan_rows
from schemas import Plan

if TYPE_CHECKING:
    from pipeline.document import Document

BUSY_TIMEOUT_MS = 60_000

_DOCUMENT_COLUMNS = {
    "id": int, "path": str, "sha256": str, "format": str, "pages": int, "encoding": str,
    "source_kind": str, "size_bytes": int, "text": str, "status": str, "error": str,
    "warnings": str, "ingested_at": str, "seconds": float,
}


def open_db(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) a kehoach database with WAL and a busy timeout.

    WAL lets readers work while one ingest writes; the busy timeout makes a second
    writer wait for the first instead of failing.
    """
    db = sqlite_utils.Database(str(path))
    db.register_function(fold_dd, deterministic=True)
    db.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    db.conn.execute("PRAGMA foreign_keys = ON")
    # With WAL, NORMAL still survives a killed process (only a power cut can lose the
    # last commits), and saves an fsync per stored document.
    db.conn.execute("PRAGMA synchronous = NORMAL")
    # A batch commits once per document; checkpointing the WAL every 1,000 pages (the
    # default) costs an fsync every few documents. Every 10,000 pages (40 MB) keeps the
    # WAL bounded and makes writing a batch about a quarter cheaper.
    db.conn.execute("PRAGMA wal_autocheckpoint = 10000")
    # A document's savepoint keeps a statement journal; in memory it is not a temporary
    # file created and deleted for every document stored.
    db.conn.execute("PRAGMA temp_store = MEMORY")
    _retry_while_locked(lambda: _prepare(db))
    return db


def _prepare(db: sqlite_utils.Database) -> None:
    if db.journal_mode != "wal":
        db.enable_wal()
    _ensure_schema(db)


_OPEN_ATTEMPTS = 40


def _retry_while_locked(step) -> None:
    """Run ``step``, retrying while another process holds the lock it needs.

    Two ingests starting on a new file race to switch it to WAL and create the
    schema; the switch can fail at once with "database is locked" instead of
    waiting on the busy timeout. Waiting a little and trying again settles it.
    """
    for attempt in range(_OPEN_ATTEMPTS):
        try:
            return step()
        except sqlite3.OperationalError as err:
            if "locked" not in str(err) or attempt == _OPEN_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


@contextmanager
def write_transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """``BEGIN IMMEDIATE`` takes the write lock up front, so waiting writers queue on
    the busy timeout instead of failing when a read lock cannot be upgraded."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        with db.atomic():  # nested: a savepoint inside our transaction
            yield db
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.execute("COMMIT")


def _expected_columns() -> dict[str, dict[str, type]]:
    return {
        "plans": {"document_id": int, **columns_of(Plan, exclude=PLAN_LISTS | {"source"}),
                  "recipients": str, "plan_key": str, "plan_json": str},
        **{table: {"id": int, "document_id": int, **columns_of(model)} for table, model in PARTS.items()},
    }


def _ensure_schema(db: sqlite_utils.Database) -> None:
    if "documents" in db.table_names():
        _add_new_columns(db)
        return
    with write_transaction(db):
        if "documents" in db.table_names():  # another process created it while we waited for the lock
            return
        db["documents"].create(_DOCUMENT_COLUMNS, pk="id", not_null={"path"})
        db["documents"].create_index(["path"], unique=True)
        db["sections"].create(
            {"document_id": int, "idx": int, "kind": str, "heading": str, "label": str, "level": int,
             "parent": int, "span_start": int, "span_end": int, "span_page": int},
            foreign_keys=[("document_id", "documents", "id")],
        )
        db["tables"].create(
            {"document_id": int, "idx": int, "n_rows": int, "n_cols": int, "rows": str,
             "span_start": int, "span_end": int, "span_page": int},
            foreign_keys=[("document_id", "documents", "id")],
        )
        expected = _expected_columns()
        db["plans"].create(expected["plans"], pk="document_id", foreign_keys=[("document_id", "documents", "id")])
        for table in PARTS:
            db[table].create(expected[table], pk="id", foreign_keys=[("document_id", "documents", "id")])
            db[table].create_index(["document_id"])
        for name in ("sections", "tables"):
            db[name].create_index(["document_id"])
        _create_fts(db)
        db["plans"].create_index(["plan_key"])
        _create_views(db)


def _add_new_columns(db: sqlite_utils.Database) -> None:
    """A database made by an earlier version gains the columns of fields added since."""
    added = False
    for table, columns in _expected_columns().items():
        existing = db[table].columns_dict
        for name, kind in columns.items():
            if name not in existing:
                db[table].add_column(name, kind)
                added = True
    if added:
        _create_views(db)


def _create_views(db: sqlite_utils.Database) -> None:
    """Views other commands and Datasette users query (``target_comparison``)."""
    from pipeline.compare import create_views

    create_views(db)


def _create_fts(db: sqlite_utils.Database) -> None:
    """Two FTS5 indexes over ``documents.text``, kept current by triggers.

    ``remove_diacritics 2`` also folds letters carrying two marks (ệ, ộ), which the
    default setting misses; "đ" is not a diacritic to Unicode, so the folded index
    stores and queries text with đ → d (same length, so offsets still hold).
    """
    db.executescript(
        """
        CREATE VIRTUAL TABLE documents_fts USING fts5(
            text, content='documents', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
        CREATE VIRTUAL TABLE documents_fts_exact USING fts5(
            text, content='documents', content_rowid='id', tokenize='unicode61 remove_diacritics 0');
        """
    )


def fold_dd(text: str | None) -> str | None:
    """``Đắk`` → ``Dắk``: the one Vietnamese letter unicode61 does not fold."""
    return None if text is None else text.replace("đ", "d").replace("Đ", "D")


def known(db: sqlite_utils.Database, path: str, sha256: str) -> bool:
    """Whether ``path`` is stored, read successfully, with this content."""
    rows = db.execute(
        "SELECT 1 FROM documents WHERE path = ? AND sha256 = ? AND status != 'failed'", [path, sha256]
    ).fetchall()
    return bool(rows)


def stored_elsewhere(db: sqlite_utils.Database, path: str, sha256: str) -> str | None:
    """The path under which the same content is already stored, if any."""
    row = db.execute(
        "SELECT path FROM documents WHERE sha256 = ? AND path != ? AND status != 'failed' LIMIT 1", [sha256, path]
    ).fetchone()
    return row[0] if row else None


def store_document(db: sqlite_utils.Database, doc: Document, plan: Plan, seconds: float = 0.0,
                   size_bytes: int | None = None) -> int:
    """Replace whatever is stored for ``doc``'s path with the document and its plan."""
    return write_document(db, document_rows(doc, plan, seconds, size_bytes))


def write_document(db: sqlite_utils.Database, rows: DocumentRows) -> int:
    """Write one document's rows in one transaction, replacing older rows for its path."""
    with write_transaction(db):
        _delete_path(db, rows.document["path"])
        doc_id = _insert_document(db, rows.document)
        text = rows.document["text"]
        db.execute("INSERT INTO documents_fts(rowid, text) VALUES (?, fold_dd(?))", [doc_id, text])
        db.execute("INSERT INTO documents_fts_exact(rowid, text) VALUES (?, ?)", [doc_id, text])
        _insert_rows(db, "sections", rows.sections, doc_id)
        _insert_rows(db, "tables", rows.tables, doc_id)
        _insert_rows(db, "plans", [rows.plan], doc_id)
        for table, items in rows.parts.items():
            _insert_rows(db, table, items, doc_id)
    return doc_id


def _insert_rows(db: sqlite_utils.Database, table: str, rows: list[dict[str, Any]], document_id: int) -> None:
    """One ``executemany`` per table: the tables exist (:func:`_ensure_schema`) and all
    rows of a table share their keys, so sqlite-utils' per-call schema checks are not needed."""
    if not rows:
        return
    columns = list(rows[0])
    sql = "INSERT INTO [{}] ({}) VALUES ({})".format(
        table, ", ".join(f"[{c}]" for c in columns), ", ".join("?" * len(columns))
    )
    values = [[document_id if c == "document_id" else row[c] for c in columns] for row in rows]
    db.conn.executemany(sql, values)


def store_failure(db: sqlite_utils.Database, path: str, error: str, sha256: str | None = None,
                  fmt: str | None = None, size_bytes: int | None = None) -> int:
    """Record a file that could not be read, replacing older rows for its path."""
    with write_transaction(db):
        _delete_path(db, path)
        return _insert_document(db, {
            "path": path, "sha256": sha256, "format": fmt, "status": "failed", "error": error,
            "size_bytes": size_bytes, "warnings": "[]",
        })


def store_plan(db: sqlite_utils.Database, document_id: int, plan: Plan) -> None:
    """Write the plan row and one row per reference, target, assignment, deadline, finding."""
    row, parts = plan_rows(plan)
    with db.atomic():  # a transaction of its own, or a savepoint inside the caller's
        _insert_rows(db, "plans", [row], document_id)
        for table, items in parts.items():
            _insert_rows(db, table, items, document_id)


def _insert_document(db: sqlite_utils.Database, row: dict[str, Any]) -> int:
    row = {**row, "ingested_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    return db["documents"].insert(row).last_pk


def _delete_path(db: sqlite_utils.Database, path: str) -> None:
    ids = [r[0] for r in db.execute("SELECT id FROM documents WHERE path = ?", [path]).fetchall()]
    for doc_id in ids:
        for table in ("sections", "tables", "plans", *PARTS):
            db.execute(f"DELETE FROM [{table}] WHERE document_id = ?", [doc_id])
        db.execute("INSERT INTO documents_fts(documents_fts, rowid, text) "
                   "SELECT 'delete', id, fold_dd(text) FROM documents WHERE id = ? AND text IS NOT NULL", [doc_id])
        db.execute("INSERT INTO documents_fts_exact(documents_fts_exact, rowid, text) "
                   "SELECT 'delete', id, text FROM documents WHERE id = ? AND text IS NOT NULL", [doc_id])
        db.execute("DELETE FROM documents WHERE id = ?", [doc_id])
