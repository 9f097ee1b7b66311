"""Calendar export: valid iCalendar, recurrences that expand right, stable UIDs, filters."""

from __future__ import annotations

import csv
from datetime import date, datetime, timezone

import pytest
from dateutil.rrule import rrulestr
from icalendar import Calendar
from typer.testing import CliRunner

from pipeline.calendar import CalendarError, build_calendar, deadline_rows, upcoming
from pipeline.store import open_db, store_plan
from schemas import Deadline, Plan, Recurrence, Source, Span

STAMP = datetime(2024, 1, 1, tzinfo=timezone.utc)


def _deadline(text, offset, **kw) -> Deadline:
    return Deadline(text=text, span=Span(start=offset, end=offset + len(text)), **kw)


TEXT = ("1. Sở Y tế: Báo cáo kết quả thực hiện trước ngày 15/11 hàng năm. "
        "2. Phòng Y tế huyện: thành lập Hội đồng vào tháng 9 năm 2023. "
        "3. Sở Tài chính hoàn thành dự toán trước ngày 31/10/2023. "
        "4. Trung tâm Y tế cập nhật số liệu trước ngày 20 hằng tháng.")


def _plan(number="115/KH-UBND", sha="a" * 64) -> Plan:
    at = TEXT.index
    return Plan(
        source=Source(path="/plans/115.txt", sha256=sha, format="txt"), number=number,
        issued_date="2023-06-27", issued_year=2023, horizon_year=2030,
        deadlines=[
            _deadline("ngày 15/11", at("ngày 15/11"), recurrence=Recurrence(freq="yearly", month=11, day=15),
                      rrule="FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=15;UNTIL=20301231", start="2023-06-27",
                      agency="Sở Y tế", task="Báo cáo kết quả thực hiện trước ngày 15/11 hàng năm."),
            _deadline("tháng 9 năm 2023", at("tháng 9 năm 2023"), month="2023-09", precision="month",
                      agency="Phòng Y tế huyện Đắk R'Lấp", task="thành lập Hội đồng"),
            _deadline("ngày 31/10/2023", at("ngày 31/10/2023"), date="2023-10-31", agency="Sở Tài chính",
                      task="hoàn thành dự toán"),
            _deadline("ngày 20 hằng tháng", at("ngày 20 hằng tháng"), recurrence=Recurrence(freq="monthly", day=20),
                      rrule="FREQ=MONTHLY;BYMONTHDAY=20;UNTIL=20301231", start="2023-06-27",
                      agency="Trung tâm Y tế", task="cập nhật số liệu"),
            _deadline("Từ 01/7/2025", 0, start="2025-07-01", agency="Sở Y tế"),
        ],
    )


def _store(db, plan: Plan) -> None:
    doc_id = db["documents"].insert({"path": plan.source.path, "sha256": plan.source.sha256, "format": "txt",
                                     "text": TEXT, "status": "ok"}).last_pk
    store_plan(db, doc_id, plan)


@pytest.fixture
def db(tmp_path):
    database = open_db(tmp_path / "k.db")
    _store(database, _plan())
    return database


def _events(cal: Calendar) -> dict[str, object]:
    parsed = Calendar.from_ical(cal.to_ical())
    return {str(e["summary"]): e for e in parsed.walk("VEVENT")}


def test_ics_parses_back_with_one_event_per_deadline(db):
    events = _events(build_calendar(db, stamp=STAMP))
    assert len(events) == 4  # the start-only record is no deadline
    summary = "[115/KH-UBND] Sở Y tế: báo cáo kết quả thực hiện"
    assert summary in events
    event = events[summary]
    assert event.decoded("dtstart") == date(2023, 11, 15)
    assert "Báo cáo kết quả thực hiện" in str(event["description"])
    assert "Nguồn:" in str(event["description"])
    alarm = event.walk("VALARM")[0]
    assert alarm.decoded("trigger").days == -7


def test_yearly_recurrence_expands_over_years(db):
    event = next(e for s, e in _events(build_calendar(db, stamp=STAMP)).items() if "Sở Y tế" in s)
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=datetime(2023, 11, 15))
    assert [d.date() for d in rule] == [date(y, 11, 15) for y in range(2023, 2031)]


def test_monthly_recurrence_expands_on_its_day(db):
    event = next(e for s, e in _events(build_calendar(db, stamp=STAMP)).items() if "Trung tâm Y tế" in s)
    start = event.decoded("dtstart")
    assert start == date(2023, 7, 20)
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=datetime.combine(start, datetime.min.time()))
    assert [d.date() for d in rule[:3]] == [date(2023, 7, 20), date(2023, 8, 20), date(2023, 9, 20)]


def test_month_level_deadline_falls_on_last_day_and_says_so(db):
    event = next(e for s, e in _events(build_calendar(db, stamp=STAMP)).items() if "Phòng Y tế" in s)
    assert event.decoded("dtstart") == date(2023, 9, 30)
    assert "ngày cuối tháng" in str(event["description"])
    assert "rrule" not in event


def test_uids_are_stable_across_exports_and_updates(tmp_path, db):
    first = {str(e["uid"]) for e in _events(build_calendar(db, stamp=STAMP)).values()}
    again = {str(e["uid"]) for e in _events(build_calendar(db)).values()}
    assert first == again and len(first) == 4
    other = open_db(tmp_path / "updated.db")
    _store(other, _plan(sha="b" * 64))  # the same plan re-issued as a new file
    assert {str(e["uid"]) for e in _events(build_calendar(other)).values()} == first


def test_filter_by_agency_ignores_case_and_diacritics(db):
    assert len(_events(build_calendar(db, agency="so y te"))) == 1
    assert len(_events(build_calendar(db, agency="Sở Tài chính"))) == 1


def test_filters_are_bound_parameters(db):
    assert _events(build_calendar(db, agency="x' OR '1'='1")) == {}
    assert _events(build_calendar(db, plan="1; DROP TABLE deadlines")) == {}
    assert db["deadlines"].count == 5


def test_filter_by_plan_number_tolerates_spacing(db):
    assert len(_events(build_calendar(db, plan="115 /KH-UBND"))) == 4
    assert _events(build_calendar(db, plan="116/KH-UBND")) == {}


def test_date_range_keeps_recurrences_that_occur_in_it(db):
    events = _events(build_calendar(db, start=date(2026, 11, 1), end=date(2026, 11, 30)))
    assert sorted(events) == ["[115/KH-UBND] Sở Y tế: báo cáo kết quả thực hiện",
                              "[115/KH-UBND] Trung tâm Y tế: cập nhật số liệu"]


def test_inverted_range_is_an_error(db):
    with pytest.raises(CalendarError):
        build_calendar(db, start=date(2024, 1, 2), end=date(2024, 1, 1))


def test_csv_rows(db):
    rows = deadline_rows(db)
    assert {r["kind"] for r in rows} == {"date", "month", "yearly", "monthly"}
    fixed = next(r for r in rows if r["kind"] == "date")
    assert fixed["due"] == "2023-10-31" and fixed["agency"] == "Sở Tài chính"


def test_upcoming_per_agency_from_the_given_day(db):
    rows = upcoming(db, 30, date(2026, 11, 1))
    assert [(r["agency"], r["due"]) for r in rows] == [("Sở Y tế", "2026-11-15"), ("Trung tâm Y tế", "2026-11-20")]
    assert rows[0]["days_left"] == 14


def test_cli_writes_ics_and_csv(tmp_path, db):
    from pipeline.cli import _register
    from pipeline.cli.app import app

    _register()
    path = db.conn.execute("PRAGMA database_list").fetchall()[0][2]
    runner = CliRunner()
    ics = tmp_path / "out.ics"
    result = runner.invoke(app, ["calendar", "--db", path, "--agency", "Sở Y tế", "--out", str(ics)])
    assert result.exit_code == 0, result.output
    assert len(Calendar.from_ical(ics.read_bytes()).walk("VEVENT")) == 1
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["calendar", "--db", path, "--out", str(out), "--format", "csv"])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8-sig") as fh:
        assert len(list(csv.DictReader(fh))) == 4
    result = runner.invoke(app, ["deadlines", "--db", path, "--upcoming", "3650", "--format", "json"])
    assert result.exit_code == 0 and "Sở Y tế" in result.output


def test_plan_without_number_is_labelled_by_a_short_title():
    from pipeline.calendar import PLAN_LABEL, Due

    title = "Triển khai thực hiện Chương trình nâng cao chất lượng y tế tỉnh Thanh Hóa giai đoạn 2021 – 2025"
    label = Due({"number": None, "title": title, "path": "x.txt"}).plan
    assert label.endswith("…") and len(label) <= PLAN_LABEL + 1 and title.startswith(label[:-1])


def test_quarterly_recurrence_parses_back_and_falls_in_each_quarter(tmp_path):
    text = "Trạm Y tế báo cáo hằng quý trước ngày 15 của tháng cuối quý."
    quote = "ngày 15 của tháng cuối quý"
    plan = Plan(
        source=Source(path="/plans/q.txt", sha256="b" * 64, format="txt"), number="12/KH-UBND",
        issued_date="2024-02-05", issued_year=2024, horizon_year=2025,
        deadlines=[_deadline(quote, text.index(quote), agency="Trạm Y tế", task="báo cáo hằng quý",
                             recurrence=Recurrence(freq="monthly", month=3, day=15, interval=3),
                             rrule="FREQ=MONTHLY;BYMONTH=3,6,9,12;BYMONTHDAY=15;UNTIL=20251231",
                             start="2024-02-05")],
    )
    db = open_db(tmp_path / "q.db")
    doc_id = db["documents"].insert({"path": plan.source.path, "sha256": plan.source.sha256, "format": "txt",
                                     "text": text, "status": "ok"}).last_pk
    store_plan(db, doc_id, plan)
    [event] = Calendar.from_ical(build_calendar(db, stamp=STAMP).to_ical()).walk("VEVENT")
    start = event.decoded("dtstart")
    assert start == date(2024, 3, 15)  # issued in February: the first quarter's report, not February's
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=datetime.combine(start, datetime.min.time()))
    assert [d.date() for d in rule] == [date(y, m, 15) for y in (2024, 2025) for m in (3, 6, 9, 12)]
    [row] = deadline_rows(db)
    assert (row["kind"], row["interval"], row["due"]) == ("monthly", 3, "2024-03-15")
