"""Cross-plan comparison over the store's plans and targets tables."""

import json
import sys

import pytest
import sqlite_utils

from pipeline.compare import CompareError, compare, create_views, plot, to_csv, to_xlsx


@pytest.fixture
def db():
    d = sqlite_utils.Database(memory=True)
    d["plans"].insert_all([
        {"document_id": 1, "number": "153/KH-UBND", "issued_date": "2024-06-21", "issuer_name": "UBND tỉnh Thanh Hóa",
         "issuer_level": "province", "issuer_province": "Thanh Hóa", "plan_key": "153"},
        {"document_id": 2, "number": "194/KH-TTYT", "issued_date": "2024-10-23", "issuer_name": "TTYT huyện Kiên Hải",
         "issuer_level": "district", "issuer_province": "Kiên Giang", "plan_key": "194"},
        # The same plan 153/KH-UBND read from its PDF rendition.
        {"document_id": 3, "number": "153/KH-UBND", "issued_date": "2024-06-21", "issuer_name": "UBND tỉnh Thanh Hóa",
         "issuer_level": "province", "issuer_province": "Thanh Hóa", "plan_key": "153"},
    ], pk="document_id")
    rows = [
        (1, "BHYT_COVERAGE", ">", 95.0, "%", 2030, None, 0),
        (2, "BHYT_COVERAGE", "=", 100.0, "%", 2030, None, 0),
        (2, "HEALTH_MANAGED", "=", 100.0, "%", 2030, None, 0),
        (1, "COMMUNE_HEALTH_CRITERIA", "baseline", 10.0, "count", 2024, None, 0),
        (1, "COMMUNE_HEALTH_CRITERIA", "=", 36.0, "count", 2023, "Toàn tỉnh", 1),
        (3, "BHYT_COVERAGE", ">", 95.0, "%", 2030, None, 0),
    ]
    d["targets"].insert_all([
        {"id": i, "document_id": doc, "indicator": "x", "indicator_code": code, "comparator": cmp, "value": v,
         "unit": u, "year": y, "scope": scope, "is_total": total, "span_start": i, "span_end": i + 1,
         "span_page": 1, "method": "rule", "score": 1.0}
        for i, (doc, code, cmp, v, u, y, scope, total) in enumerate(rows)], pk="id")
    return d


def test_compare_filters_by_indicator_and_sorts_by_province(db):
    rows = compare(db, indicator="BHYT_COVERAGE")
    assert [(r["province"], r["comparator"], r["value"]) for r in rows] == [("Kiên Giang", "=", 100), ("Thanh Hóa", ">", 95)]
    assert rows[0]["number"] == "194/KH-TTYT" and rows[0]["date"] == "2024-10-23" and rows[0]["level"] == "district"


def test_plan_stored_from_two_renditions_is_compared_once(db):
    rows = compare(db, indicator="BHYT_COVERAGE")
    assert [r["document_id"] for r in rows if r["number"] == "153/KH-UBND"] == [1]


def test_compare_leaves_baselines_out(db):
    assert all(r["comparator"] != "baseline" for r in compare(db))
    assert len(compare(db)) == 4


def test_compare_by_year_and_level(db):
    assert [r["indicator_code"] for r in compare(db, year=2023)] == ["COMMUNE_HEALTH_CRITERIA"]
    assert {r["issuer"] for r in compare(db, level="district")} == {"TTYT huyện Kiên Hải"}
    with pytest.raises(CompareError):
        compare(db, level="galaxy")


def test_view_target_comparison_matches_compare(db):
    create_views(db)
    rows = list(db.query("SELECT * FROM target_comparison WHERE indicator_code = 'BHYT_COVERAGE'"))
    assert len(rows) == 2
    create_views(db)  # idempotent


def test_compare_without_tables_is_a_clear_error():
    with pytest.raises(CompareError, match="ingest"):
        compare(sqlite_utils.Database(memory=True))


def test_exports(db, tmp_path):
    rows = compare(db)
    text = to_csv(rows)
    assert text.splitlines()[0].startswith("issuer,province,level,number,date")
    assert len(text.splitlines()) == 5
    to_xlsx(rows, str(tmp_path / "t.xlsx"))
    from openpyxl import load_workbook
    assert load_workbook(tmp_path / "t.xlsx").active.max_row == 5
    plot(rows, str(tmp_path / "t.png"))
    plot(rows, str(tmp_path / "t.html"))
    assert (tmp_path / "t.png").stat().st_size > 1000
    assert "data:image/png;base64" in (tmp_path / "t.html").read_text(encoding="utf-8")
    json.dumps(rows, ensure_ascii=False)


def test_plot_without_matplotlib_says_what_to_install(db, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # as if the `plot` extra were not installed
    with pytest.raises(CompareError, match=r"pip install 'kehoach\[plot\]'"):
        plot(compare(db), str(tmp_path / "t.png"))


def test_cli_compare_json(db, tmp_path):
    from typer.testing import CliRunner

    import pipeline.cli.targets  # noqa: F401 - registers the commands
    from pipeline.cli.app import app

    from pipeline.store import open_db

    path = tmp_path / "k.db"
    disk = open_db(path)  # the store's own layout
    disk["documents"].insert_all([{"id": 1, "path": "a.txt"}, {"id": 2, "path": "b.txt"}, {"id": 3, "path": "a.pdf"}])
    for name in ("plans", "targets"):
        disk[name].insert_all(db[name].rows)
    disk.conn.commit()
    result = CliRunner().invoke(app, ["compare", "--db", str(path), "--indicator", "BHYT_COVERAGE", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [r["value"] for r in json.loads(result.output)] == [100, 95]
    result = CliRunner().invoke(app, ["indicators", "--format", "json"])
    assert result.exit_code == 0 and "BHYT_COVERAGE" in result.output


@pytest.mark.parametrize("row,text", [
    ({"comparator": ">=", "value": 94, "unit": "%"}, "≥94%"),
    ({"comparator": "=", "value": 50, "unit": "%", "change": "decrease"}, "↓ 50%"),
    ({"comparator": ">", "value": 3, "unit": "%", "change": "increase"}, "↑ >3%"),
    ({"comparator": "=", "value": 22, "unit": "%", "approximate": True}, "~22%"),
    ({"comparator": "<", "value": 8.5, "unit": "‰"}, "<8,5‰"),
    ({"comparator": "maintain", "value": 11, "unit": "count"}, "duy trì 11 count"),
    ({"comparator": "=", "value": 60_000_000, "unit": "VND"}, "60.000.000 đ"),
])
def test_target_text_reads_like_the_plan(row, text):
    from pipeline.compare import target_text
    assert target_text(row) == text


def test_plan_label_abbreviates_issuer_without_number():
    from pipeline.compare import plan_label
    assert plan_label({"number": None, "issuer": "Ủy ban nhân dân huyện Như Thanh", "province": "Thanh Hóa"}) == \
        "UBND huyện Như Thanh · Thanh Hóa"
    assert plan_label({"number": "115/KH-UBND", "issuer": "x", "province": "Bắc Giang"}) == "115/KH-UBND · Bắc Giang"
