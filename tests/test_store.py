"""The SQLite store: one transaction per document, replace on change, search."""

from __future__ import annotations

import json

import pytest

from pipeline.build import document_from_text
from pipeline.extract import extract_plan
from pipeline.ingest import ingest
from pipeline.search import fts_phrase, search
from pipeline.rows import flatten
from pipeline.store import open_db, store_document, store_failure
from schemas import Deadline, Recurrence, Span
from tests.conftest import seed_text


@pytest.fixture
def db(tmp_path):
    return open_db(tmp_path / "k.db")


def stored(db, name="bacgiang-115-kh-ubnd-2023", path="/plans/a.txt"):
    doc = document_from_text(seed_text(name), path=path)
    plan = extract_plan(doc)
    return store_document(db, doc, plan), doc, plan


def test_database_uses_wal_and_has_every_table(db):
    assert db.journal_mode == "wal"
    for table in ("documents", "sections", "tables", "plans", "references", "targets", "assignments",
                  "deadlines", "findings", "documents_fts", "documents_fts_exact"):
        assert table in db.table_names()
    assert "target_comparison" in db.view_names()


def test_document_and_outline_are_stored(db):
    doc_id, doc, plan = stored(db)
    row = db["documents"].get(doc_id)
    assert row["status"] == "ok" and row["text"] == doc.text
    assert db["sections"].count_where("document_id = ?", [doc_id]) == len(doc.outline)
    assert db["tables"].count_where("document_id = ?", [doc_id]) == 2
    assert json.loads(db["plans"].get(doc_id)["plan_json"])["source"]["path"] == "/plans/a.txt"


def test_storing_the_same_path_replaces_its_rows(db):
    stored(db)
    doc_id, _, plan = stored(db)
    assert db["documents"].count == 1
    assert db["plans"].count == 1
    assert db["targets"].count == len(plan.targets)
    assert search(db, "cung co")[0].document_id == doc_id


def test_failure_is_recorded_and_replaced_by_success(db):
    store_failure(db, "/plans/a.txt", "damaged PDF")
    assert db["documents"].count_where("status = 'failed'") == 1
    stored(db)
    assert [r["status"] for r in db["documents"].rows] == ["ok"]


def test_a_failing_write_leaves_nothing_half_written(db, monkeypatch):
    import pipeline.store as store

    insert_rows = store._insert_rows

    def explode(db, table, rows, document_id):
        if table == "plans":  # the document, its text index and its outline are written by now
            raise RuntimeError("disk full")
        insert_rows(db, table, rows, document_id)

    monkeypatch.setattr(store, "_insert_rows", explode)
    with pytest.raises(RuntimeError):
        stored(db)
    for table in ("documents", "sections", "tables", "plans"):
        assert db[table].count == 0
    assert db.execute("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH '\"y te\"'").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("query", "exact", "found"),
    [
        ("cung co", False, True),
        ("củng cố", False, True),
        ("CỦNG CỐ", False, True),
        ("Bac Giang", False, True),
        ("tiêu chí quốc gia", True, True),
        ("tieu chi quoc gia", True, False),
        ("Kiên Hải", True, False),
    ],
)
def test_search_with_and_without_diacritics(db, query, exact, found):
    stored(db)
    assert bool(search(db, query, exact=exact)) is found


def test_search_ignores_dd_difference(db):
    stored(db, "dakrlap-154-kh-ubnd-2023")
    assert search(db, "Dak R'Lap")
    assert search(db, "Đắk R'Lấp", exact=True)


@pytest.mark.parametrize("query", ['"', "AND OR", "*", "NEAR(", "'; DROP TABLE documents; --", ""])
def test_search_treats_syntax_as_text(db, query):
    stored(db)
    assert isinstance(search(db, query), list)
    assert db["documents"].count == 1


def test_fts_phrase_quotes_words():
    assert fts_phrase('cung "co') == '"cung co"'
    assert fts_phrase("  ") is None


def test_flatten_nests_and_spans():
    deadline = Deadline(text="trước ngày 15/11 hàng năm", recurrence=Recurrence(freq="yearly", month=11, day=15),
                        span=Span(start=3, end=28, page=2))
    row = flatten(deadline)
    assert row["recurrence_month"] == 11 and row["span_page"] == 2 and row["date"] is None


def test_ingest_skips_unchanged_and_replaces_changed(tmp_path, db):
    folder = tmp_path / "in"
    folder.mkdir()
    plan = folder / "kế hoạch 1.txt"
    plan.write_text(seed_text("kienhai-194-kh-ttyt-2024"), encoding="utf-8")
    first = ingest(db, [folder])
    assert [r.status for r in first.results] == ["ingested"]
    assert [r.status for r in ingest(db, [folder]).results] == ["unchanged"]
    plan.write_text(seed_text("kienhai-194-kh-ttyt-2024") + "\nBổ sung.", encoding="utf-8")
    assert [r.status for r in ingest(db, [folder]).results] == ["ingested"]
    assert db["documents"].count == 1


def test_ingest_records_bad_files_and_goes_on(tmp_path, db):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    (folder / "good.txt").write_text(seed_text("kienhai-194-kh-ttyt-2024"), encoding="utf-8")
    report = ingest(db, [folder])
    by_name = {r.path.rsplit("/", 1)[-1]: r for r in report.results}
    assert by_name["good.txt"].status == "ingested"
    assert by_name["empty.txt"].status == "failed" and "empty" in by_name["empty.txt"].reason
    assert by_name["old.doc"].status == "failed" and ".doc" in by_name["old.doc"].reason
    errors = {r["path"].rsplit("/", 1)[-1]: r["error"] for r in db["documents"].rows_where("status = 'failed'")}
    assert set(errors) == {"empty.txt", "old.doc"}


@pytest.mark.parametrize("column", ["rrule", "recurrence_interval"])
def test_database_from_an_older_version_gains_new_columns(tmp_path, column):
    path = tmp_path / "old.db"
    db = open_db(path)
    db.execute(f"ALTER TABLE deadlines DROP COLUMN {column}")
    db.conn.commit()
    assert column not in db["deadlines"].columns_dict
    reopened = open_db(path)
    assert column in reopened["deadlines"].columns_dict
    stored(reopened)


def test_same_content_under_two_paths_is_stored_once(tmp_path, db):
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "ke-hoach.txt").write_text(seed_text("kienhai-194-kh-ttyt-2024"), encoding="utf-8")
    report = ingest(db, [tmp_path / "a", tmp_path / "b"])
    by_folder = {r.path.split("/")[-2]: r for r in report.results}
    assert by_folder["a"].status == "ingested" and by_folder["b"].status == "duplicate"
    assert "a/ke-hoach.txt" in by_folder["b"].reason
    assert [r.status for r in ingest(db, [tmp_path / "b"]).results] == ["duplicate"]
    assert db["documents"].count == 1


def test_plans_table_shows_the_first_plans_and_says_how_many_more(db):
    from rich.console import Console

    from pipeline.cli.render import plans_table

    paths = [f"/plans/{i}.txt" for i in range(3)]
    for path in paths:
        stored(db, path=path)
    console = Console(width=120, record=True)
    console.print(plans_table(db, paths, limit=2))
    shown = console.export_text()
    assert "0.txt" in shown and "1.txt" in shown and "2.txt" not in shown
    assert "1 more plans" in shown
    console.print(plans_table(db, paths))
    assert "more plans" not in console.export_text()


def test_quarterly_recurrence_flattens_to_its_columns():
    deadline = Deadline(text="ngày 15 của tháng cuối quý", span=Span(start=0, end=26),
                        recurrence=Recurrence(freq="monthly", month=3, day=15, interval=3))
    row = flatten(deadline)
    assert (row["recurrence_freq"], row["recurrence_month"], row["recurrence_interval"]) == ("monthly", 3, 3)
