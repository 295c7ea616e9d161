import datetime
import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from tests.workforce.factories import StaffFactory
from workforce.attendance.models import ClockEvent
from workforce.attendance.services import ClockImportFailed, import_clock_events

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture
def people():
    return {
        "aisyah": StaffFactory(employee_number="E100", dialer_agent_id="AG-7"),
        "wei": StaffFactory(employee_number="E200"),
    }


def write_csv(tmp_path, text, name="log.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


GOOD = (
    "staff_id,kind,timestamp\n"
    "E100,clock_in,2026-03-02 07:02\n"  # local (Singapore): 23:02 UTC the day before
    "AG-7,Clock out,2026-03-02T16:00:00+08:00\n"
    "E200,available,2026-03-02T00:30:00Z\n"
    "\n"
    "E200,not-ready,02/03/2026 09:15\n"
)


def stored():
    return list(
        ClockEvent.objects.order_by("at").values_list(
            "staff__employee_number", "kind", "at", "source"
        )
    )


def test_a_log_is_recorded_in_utc_and_a_second_import_adds_nothing(people, tmp_path):
    path = write_csv(tmp_path, GOOD)
    report = import_clock_events(source=path, filename=path.name)
    assert (report.new, report.duplicate) == (4, 0)
    assert stored() == [
        (
            "E100",
            "clock_in",
            datetime.datetime(2026, 3, 1, 23, 2, tzinfo=UTC),
            "import",
        ),
        (
            "E200",
            "available",
            datetime.datetime(2026, 3, 2, 0, 30, tzinfo=UTC),
            "import",
        ),
        (
            "E200",
            "not_ready",
            datetime.datetime(2026, 3, 2, 1, 15, tzinfo=UTC),
            "import",
        ),
        (
            "E100",
            "clock_out",
            datetime.datetime(2026, 3, 2, 8, 0, tzinfo=UTC),
            "import",
        ),
    ]
    again = import_clock_events(source=path, filename=path.name)
    assert (again.new, again.duplicate) == (0, 4)
    assert ClockEvent.objects.count() == 4


def test_a_bad_log_imports_nothing_and_says_why_row_by_row(people, tmp_path):
    path = write_csv(
        tmp_path,
        "staff_id,kind,timestamp\n"
        "E100,clock_in,2026-03-02 07:02\n"
        "X9,clock_in,2026-03-02 07:02\n"
        "E200,lunch,2026-03-02 12:00\n"
        "E200,clock_out,yesterday\n"
        "X9,clock_out,2026-03-02 16:00\n"
        "A1,clock_out,2026-03-02 16:00\n",
    )
    with pytest.raises(ClockImportFailed) as failed:
        import_clock_events(source=path, filename=path.name)
    assert [str(problem) for problem in failed.value.problems] == [
        "row 3, column staff_id: nobody has the id 'X9'",
        "row 4, column kind: not a kind of event: 'lunch' (clock_in, clock_out, "
        "available or not_ready)",
        "row 5, column timestamp: not a date and time: 'yesterday' (2026-03-02 "
        "07:00, with +08:00 or without for local time)",
        "row 6, column staff_id: nobody has the id 'X9'",
        "row 7, column staff_id: nobody has the id 'A1'",
    ]
    assert failed.value.unknown_staff == ["A1", "X9"]
    assert not ClockEvent.objects.exists()


def test_a_log_without_the_columns_or_the_rows(people, tmp_path):
    path = write_csv(tmp_path, "staff_id,when\nE100,2026-03-02 07:00\n")
    with pytest.raises(ClockImportFailed) as failed:
        import_clock_events(source=path, filename=path.name)
    assert [str(p) for p in failed.value.problems] == [
        "row 1: missing column: kind",
        "row 1: missing column: timestamp",
    ]
    path = write_csv(tmp_path, "staff_id,kind,timestamp\n", name="empty.csv")
    with pytest.raises(ClockImportFailed, match="1 problem"):
        import_clock_events(source=path, filename=path.name)
    with pytest.raises(ClockImportFailed) as failed:
        import_clock_events(source=io.BytesIO(b"x"), filename="log.pdf")
    assert "upload a .csv or .xlsx file" in str(failed.value.problems[0])


def test_a_dialer_export_in_xlsx_keeps_its_times(people):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Agent ID", "Event", "Time", "Event id"])
    sheet.append(["AG-7", "available", datetime.datetime(2026, 3, 2, 7, 1, 30), 88])
    sheet.append(["AG-7", "Not ready", datetime.datetime(2026, 3, 2, 12, 0), 89])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    report = import_clock_events(source=data, filename="dialer.xlsx")
    assert report.new == 2
    assert list(ClockEvent.objects.values_list("kind", "at", "external_id")) == [
        ("available", datetime.datetime(2026, 3, 1, 23, 1, 30, tzinfo=UTC), "88"),
        ("not_ready", datetime.datetime(2026, 3, 2, 4, 0, tzinfo=UTC), "89"),
    ]


def test_a_dry_run_counts_and_writes_nothing(people, tmp_path):
    path = write_csv(tmp_path, GOOD)
    report = import_clock_events(source=path, filename=path.name, dry_run=True)
    assert (report.new, report.duplicate) == (4, 0)
    assert not ClockEvent.objects.exists()


def test_the_command_shows_its_progress_and_what_it_did(people, tmp_path):
    path = write_csv(tmp_path, GOOD)
    out = io.StringIO()
    call_command("import_clock_events", str(path), stdout=out)
    assert out.getvalue() == "\r  4 of 4 events\n4 new, 0 already recorded\n"


def test_the_command_lists_the_unknown_and_imports_nothing(people, tmp_path):
    path = write_csv(
        tmp_path,
        "staff_id,kind,timestamp\nE100,clock_in,2026-03-02 07:02\n"
        "X9,clock_in,2026-03-02 07:02\n",
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_clock_events", str(path), stderr=err)
    assert err.getvalue() == (
        "  row 3, column staff_id: nobody has the id 'X9'\nUnknown staff ids: X9\n"
    )
    assert not ClockEvent.objects.exists()
