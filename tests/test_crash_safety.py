"""Crash safety and concurrency of ingest: SIGKILL mid-batch, two writers at once.

Each document is written in one transaction, so a killed ingest leaves only
whole documents; re-running the same command finishes the batch, and two
ingests into one database wait for each other (WAL, busy timeout, BEGIN
IMMEDIATE) instead of failing.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.store import open_db

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "corpus" / "realdocs").glob("*.txt")) + sorted((ROOT / "corpus" / "seeds").glob("*/source.txt"))

def make_batch(folder: Path, count: int) -> list[Path]:
    """``count`` distinct plans: corpus texts with their numbers changed."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for n in range(count):
        text = SOURCES[n % len(SOURCES)].read_text(encoding="utf-8")
        path = folder / f"plan-{n:03d}.txt"
        path.write_text(f"Số: {500 + n}/KH-UBND\n" + text, encoding="utf-8")
        files.append(path)
    return files


def ingest_command(folder: Path, db: Path, workers: int = 1) -> list[str]:
    return [sys.executable, "-c", "from pipeline.cli import main; main()", "ingest", str(folder),
            "--db", str(db), "--workers", str(workers), "-q"]


def stored_count(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=1) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def assert_consistent(db_path: Path) -> sqlite3.Connection:
    """Integrity check passes and every stored document is whole."""
    db = open_db(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.execute("INSERT INTO documents_fts(documents_fts) VALUES ('integrity-check')")
    db.execute("INSERT INTO documents_fts_exact(documents_fts_exact) VALUES ('integrity-check')")
    incomplete = db.execute(
        """SELECT d.path FROM documents d
           WHERE d.status != 'failed' AND (
               NOT EXISTS (SELECT 1 FROM plans p WHERE p.document_id = d.id)
               OR NOT EXISTS (SELECT 1 FROM sections s WHERE s.document_id = d.id)
               OR d.id NOT IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'kế OR hoạch OR số'))"""
    ).fetchall()
    assert incomplete == []
    orphans = db.execute(
        "SELECT count(*) FROM plans WHERE document_id NOT IN (SELECT id FROM documents)"
    ).fetchone()[0]
    assert orphans == 0
    return db


def wait_for_group_exit(pgid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.mark.slow
def test_sigkill_mid_batch_leaves_whole_documents_and_rerun_finishes(tmp_path):
    files = make_batch(tmp_path / "plans", 60)
    db = tmp_path / "k.db"
    process = subprocess.Popen(ingest_command(tmp_path / "plans", db), cwd=ROOT, start_new_session=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 240
        while stored_count(db) < 8 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert process.poll() is None, "the batch finished before it could be killed"
        process.send_signal(signal.SIGKILL)  # the ingest process only: its workers must notice alone
        process.wait(10)
        assert wait_for_group_exit(process.pid, 15), "worker processes outlived the killed ingest"
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    partial = stored_count(db)
    assert 8 <= partial < len(files)
    assert_consistent(db).conn.close()

    rerun = subprocess.run(ingest_command(tmp_path / "plans", db, workers=2), cwd=ROOT, capture_output=True,
                           text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"{partial} unchanged" in rerun.stdout or "unchanged" in rerun.stdout
    final = assert_consistent(db)
    assert final.execute("SELECT count(*), count(DISTINCT path) FROM documents").fetchone() == (len(files), len(files))
    assert final.execute("SELECT count(*) FROM plans").fetchone()[0] == len(files)


@pytest.mark.slow
def test_two_ingests_into_one_database_wait_for_each_other(tmp_path):
    files = make_batch(tmp_path / "plans", 24)
    db = tmp_path / "k.db"
    open_db(db).conn.close()  # both writers find the schema; creating it is tested by the store
    runs = [subprocess.Popen(ingest_command(tmp_path / "plans", db, workers=1), cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (out, err) in zip(runs, outputs):
        assert run.returncode == 0, out + err
        assert "0 failed" in out
    final = assert_consistent(db)
    assert final.execute("SELECT count(*), count(DISTINCT path) FROM documents").fetchone() == (len(files), len(files))
    assert final.execute("SELECT count(*) FROM plans").fetchone()[0] == len(files)
    assert final.execute("SELECT count(*) FROM sections WHERE document_id NOT IN (SELECT id FROM documents)").fetchone()[0] == 0


@pytest.mark.slow
def test_two_ingests_create_a_new_database_together(tmp_path):
    """Both start before the schema exists: one creates it, the other waits and uses it."""
    make_batch(tmp_path / "a", 3)
    make_batch(tmp_path / "b", 3)
    db = tmp_path / "new.db"
    runs = [subprocess.Popen(ingest_command(tmp_path / name, db), cwd=ROOT, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True) for name in ("a", "b")]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    final = assert_consistent(db)
    assert final.execute("SELECT count(*) FROM documents").fetchone()[0] == 6


def test_open_db_waiting_while_another_process_creates_the_schema(tmp_path):
    """Regression: a second opener that saw no tables, then waited for the write lock
    while the first created them, failed with 'table documents already exists'."""
    import threading

    path = tmp_path / "race.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=WAL")
    holder.execute("BEGIN IMMEDIATE")
    errors: list[BaseException] = []

    def second_opener() -> None:
        try:
            open_db(path).conn.close()
        except BaseException as err:  # collected and asserted on below
            errors.append(err)

    thread = threading.Thread(target=second_opener)
    thread.start()
    time.sleep(0.5)  # the second opener has checked for tables and waits for the lock
    holder.close()
    open_db(path).conn.close()  # the first opener creates the schema
    thread.join(30)
    assert errors == []
    assert "documents" in open_db(path).table_names()
