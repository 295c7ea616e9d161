import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from tests.workforce.factories import StaffFactory
from training.qa.models import Call, Payment
from training.qa.services import LogImportFailed, import_calls, import_payments

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
HEADER = (
    "call_id,agent_id,account_reference,dpd_bucket,debtor_time_zone,start,"
    "duration,direction,outcome,promised_amount,promised_date,recording\n"
)
GOOD = HEADER + (
    "C1,AG-7,ACC-K7QX,1-30,Asia/Jakarta,2026-03-02T09:15:00+07:00,95,outbound,"
    "Promise to pay,250.50,2026-03-09,rec/1\n"
    "C2,E200,ACC-K7QX,1-30,,2026-03-02 10:00,0,out,no answer,,,\n"
    "\n"
    "C3,E100,ACC-M2PL,31-60,Asia/Jayapura,02/03/2026 11:30,300,Inbound,RPC,,,rec/3\n"
)


@pytest.fixture
def people():
    return {
        "aisyah": StaffFactory(employee_number="E100", dialer_agent_id="AG-7"),
        "wei": StaffFactory(employee_number="E200"),
    }


def write(tmp_path, text, name="calls.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_a_log_is_recorded_and_a_second_import_adds_nothing(people, tmp_path):
    path = write(tmp_path, GOOD)
    report = import_calls(source=path, filename=path.name)
    assert (report.rows, report.new, report.duplicate) == (3, 3, 0)
    rows = list(
        Call.objects.order_by("call_id").values_list(
            "call_id",
            "collector__employee_number",
            "account_reference",
            "debtor_time_zone",
            "started_at",
            "duration_seconds",
            "direction",
            "outcome",
            "promised_amount",
            "promised_on",
            "recording_reference",
        )
    )
    assert rows == [
        (
            "C1",
            "E100",
            "ACC-K7QX",
            "Asia/Jakarta",
            datetime.datetime(2026, 3, 2, 2, 15, tzinfo=UTC),
            95,
            "outbound",
            "promise_to_pay",
            Decimal("250.50"),
            datetime.date(2026, 3, 9),
            "rec/1",
        ),
        # Without an offset: the agency's time (Singapore, UTC+8).
        (
            "C2",
            "E200",
            "ACC-K7QX",
            "",
            datetime.datetime(2026, 3, 2, 2, 0, tzinfo=UTC),
            0,
            "outbound",
            "no_answer",
            None,
            None,
            "",
        ),
        (
            "C3",
            "E100",
            "ACC-M2PL",
            "Asia/Jayapura",
            datetime.datetime(2026, 3, 2, 3, 30, tzinfo=UTC),
            300,
            "inbound",
            "right_party_contact",
            None,
            None,
            "rec/3",
        ),
    ]
    # Stored as Django stores it: range lookups find the calls.
    assert (
        Call.objects.filter(
            started_at__gte=datetime.datetime(2026, 3, 2, 2, 15, tzinfo=UTC)
        ).count()
        == 2
    )

    again = import_calls(source=path, filename=path.name)
    assert (again.new, again.updated, again.duplicate) == (0, 0, 3)
    assert Call.objects.count() == 3


def test_a_reimport_updates_the_calls_the_file_changed_and_only_those(people, tmp_path):
    path = write(tmp_path, GOOD)
    import_calls(source=path, filename=path.name)
    keys = dict(Call.objects.values_list("call_id", "pk"))
    changed = (
        GOOD.replace(
            "C2,E200,ACC-K7QX,1-30,,2026-03-02 10:00,0,out,no answer",
            ("C2,E200,ACC-K7QX,31-60,,2026-03-02 10:00,42,out,no answer"),
        )
        + "C4,E200,ACC-M2PL,1-30,,2026-03-03 10:00,12,out,busy,,,\n"
    )
    path = write(tmp_path, changed, "changed.csv")
    report = import_calls(source=path, filename=path.name)
    assert (report.rows, report.new, report.updated, report.duplicate) == (4, 1, 1, 2)
    assert str(report) == "4 calls: 1 new, 1 updated, 2 already recorded"
    c2 = Call.objects.get(call_id="C2")
    # The same row, its key kept: what points at it still does.
    assert (c2.pk, c2.dpd_bucket, c2.duration_seconds) == (keys["C2"], "31-60", 42)
    assert Call.objects.get(call_id="C1").promised_amount == Decimal("250.50")
    # A dry run reports the update and leaves the call as it was.
    path = write(tmp_path, GOOD, "original.csv")
    dry = import_calls(source=path, filename=path.name, dry_run=True)
    assert (dry.new, dry.updated, dry.duplicate) == (0, 1, 2)
    assert Call.objects.get(call_id="C2").dpd_bucket == "31-60"


def test_every_problem_is_reported_by_row_and_nothing_is_written(people, tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "C1,AG-7,ACC-K7QX,1-30,Mars/Base,2026-03-02 09:15,-4,sideways,hung up,,,\n"
        + "C1,NOBODY,+65 9123 4567,1-30,,31/02/2026 10:00,12.5,out,promise to pay,x,,\n"
        + "C9,,,,,,,,,,,\n"
        + "C10,E200,ACC-M2PL,1-30,,2026-03-02 10:00,5,out,no answer,,,\n",
    )
    with pytest.raises(LogImportFailed) as failed:
        import_calls(source=path, filename=path.name)
    problems = [str(problem) for problem in failed.value.problems]
    assert problems == [
        "row 2, column call_id: 'C1' appears more than once",
        "row 2, column debtor_time_zone: not a time zone: 'Mars/Base' (an IANA "
        "name: Asia/Jakarta)",
        "row 2, column direction: not a direction: 'sideways' (outbound or inbound)",
        "row 2, column duration_seconds: not a whole number 0 or more: '-4'",
        "row 2, column outcome: not an outcome: 'hung up' (no_answer, busy, "
        "wrong_number, third_party, right_party_contact, promise_to_pay, refused, "
        "dispute, cease_contact, paid, callback)",
        "row 3, column account_reference: '+65 9123 4567' looks like personal data "
        "(phone number): the call log keeps pseudonymous account references only",
        "row 3, column call_id: 'C1' appears more than once",
        "row 3, column collector: nobody has the id 'NOBODY'",
        "row 3, column duration_seconds: not a whole number 0 or more: '12.5'",
        "row 3, column promised_amount: not a number above 0: 'x'",
        "row 3, column promised_date: a promise to pay needs its amount and date",
        "row 3, column start: not a date and time: '31/02/2026 10:00' (2026-03-02 "
        "07:00 in the agency's time, or with its offset: 2026-03-02T07:00+08:00)",
        "row 4, column account_reference: empty",
        "row 4, column collector: empty",
        "row 4, column direction: empty",
        "row 4, column duration_seconds: empty",
        "row 4, column outcome: empty",
        "row 4, column start: empty",
    ]
    assert failed.value.unknown_collectors == ["NOBODY"]
    assert Call.objects.count() == 0


def test_a_missing_column_is_named(people, tmp_path):
    path = write(tmp_path, "call_id,agent_id\nC1,E100\n")
    with pytest.raises(LogImportFailed) as failed:
        import_calls(source=path, filename=path.name)
    assert [str(p) for p in failed.value.problems] == [
        f"row 1: missing column: {column}"
        for column in (
            "account_reference",
            "start",
            "duration_seconds",
            "direction",
            "outcome",
        )
    ]


def test_cells_padded_with_blanks_are_stripped(people, tmp_path):
    path = write(
        tmp_path,
        HEADER + " C7 , E200\t,ACC-Q1,,,2026-03-02 10:00, 5 ,out,busy,,,\xa0\n",
    )
    assert import_calls(source=path, filename=path.name).new == 1
    call = Call.objects.get()
    assert (call.call_id, call.collector.employee_number, call.duration_seconds) == (
        "C7",
        "E200",
        5,
    )
    assert call.recording_reference == ""


def test_a_dry_run_reports_and_writes_nothing(people, tmp_path):
    path = write(tmp_path, GOOD)
    report = import_calls(source=path, filename=path.name, dry_run=True)
    assert (report.new, report.duplicate) == (3, 0)
    assert Call.objects.count() == 0


def test_an_xlsx_log_with_spreadsheet_dates_is_read(people, tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Call ID", "Employee number", "Account", "Start", "Duration"])
    sheet["F1"], sheet["G1"] = "Direction", "Outcome"
    sheet.append(["X1", 100, "ACC-Q1", datetime.datetime(2026, 3, 2, 9, 0), 61])
    sheet["F2"], sheet["G2"] = "outbound", "busy"
    StaffFactory(employee_number="100")
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    report = import_calls(source=buffer, filename="calls.xlsx")
    assert report.new == 1
    call = Call.objects.get()
    assert (call.collector.employee_number, call.started_at, call.outcome) == (
        "100",
        datetime.datetime(2026, 3, 2, 1, 0, tzinfo=UTC),
        "busy",
    )


def test_the_command_lists_unknown_collectors_and_imports_nothing(people, tmp_path):
    path = write(
        tmp_path,
        HEADER + "C1,GHOST,ACC-Q1,,,2026-03-02 09:00,5,out,busy,,,\n"
        "C2,E100,ACC-Q1,,,2026-03-02 09:10,5,out,busy,,,\n",
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_calls", str(path), stderr=err, stdout=io.StringIO())
    assert "Unknown collectors: GHOST" in err.getvalue()
    assert Call.objects.count() == 0
    out = io.StringIO()
    good = write(tmp_path, GOOD, "good.csv")
    call_command("import_calls", str(good), stdout=out)
    assert "3 calls: 3 new, 0 updated, 0 already recorded" in out.getvalue()


def test_payments_are_imported_once(tmp_path):
    path = write(
        tmp_path,
        "payment_id,account,amount,date\nP1,ACC-K7QX,100.00,2026-03-05\n"
        "P2,ACC-K7QX,150.5,06/03/2026\n",
        "payments.csv",
    )
    report = import_payments(source=path, filename=path.name)
    assert (report.new, report.duplicate) == (2, 0)
    assert list(
        Payment.objects.order_by("payment_id").values_list(
            "account_reference", "amount", "paid_on"
        )
    ) == [
        ("ACC-K7QX", Decimal("100.00"), datetime.date(2026, 3, 5)),
        ("ACC-K7QX", Decimal("150.50"), datetime.date(2026, 3, 6)),
    ]
    assert import_payments(source=path, filename=path.name).duplicate == 2


def test_a_bad_payment_row_refuses_the_file(tmp_path):
    path = write(
        tmp_path,
        "payment_id,account,amount,date\nP1,ACC-1,0,2026-03-05\nP2,ACC-2,5,someday\n",
        "payments.csv",
    )
    with pytest.raises(LogImportFailed) as failed:
        import_payments(source=path, filename=path.name)
    assert [str(p) for p in failed.value.problems] == [
        "row 2, column amount: not a number above 0: '0'",
        "row 3, column date: not a date: 'someday' (2026-03-31)",
    ]
    assert Payment.objects.count() == 0


def test_a_first_large_load_builds_the_indexes_again_after_the_rows(
    people, tmp_path, monkeypatch
):
    from django.db import connection

    from training.qa.services import log_import

    def index_names():
        with connection.cursor() as cursor:
            found = connection.introspection.get_constraints(cursor, "qa_call")
        return {name for name, about in found.items() if about["index"]}

    before = index_names()
    assert {"qa_call_started", "qa_call_account", "qa_call_stops"} <= before
    monkeypatch.setattr(log_import, "REBUILD_INDEXES_FROM", 2)
    path = write(tmp_path, GOOD)
    assert import_calls(source=path, filename=path.name).new == 3
    assert index_names() == before
    # Twice the table's size no more: the second import updates them in place.
    assert import_calls(source=path, filename=path.name).duplicate == 3
    assert index_names() == before
    assert Call.objects.filter(account_reference="ACC-K7QX").count() == 2


def test_an_outstanding_balance_is_read_under_its_aliases_and_checked(people, tmp_path):
    for alias in ("balance", "outstanding_balance", "OS Balance"):
        path = write(
            tmp_path,
            f"call_id,agent_id,account,start,duration,direction,outcome,{alias}\n"
            f"B1-{alias},E100,ACC-1,2026-03-02 10:00,5,out,busy,12500.5\n"
            f"B2-{alias},E100,ACC-2,2026-03-02 10:05,5,out,busy,\n"
            f"B3-{alias},E100,ACC-3,2026-03-02 10:10,5,out,busy,0\n",
        )
        assert import_calls(source=path, filename=path.name).new == 3
        balances = Call.objects.filter(call_id__endswith=alias).order_by("call_id")
        assert list(balances.values_list("balance", flat=True)) == [
            Decimal("12500.50"),
            None,
            Decimal("0.00"),
        ]
    path = write(
        tmp_path,
        "call_id,agent_id,account,start,duration,direction,outcome,os_balance\n"
        "B4,E100,ACC-1,2026-03-02 10:00,5,out,busy,-20\n"
        "B5,E100,ACC-1,2026-03-02 10:00,5,out,busy,lots\n",
    )
    with pytest.raises(LogImportFailed) as failed:
        import_calls(source=path, filename=path.name)
    assert [str(p) for p in failed.value.problems] == [
        "row 2, column balance: not a number 0 or more: '-20'",
        "row 3, column balance: not a number 0 or more: 'lots'",
    ]
    assert not Call.objects.filter(call_id__in=["B4", "B5"]).exists()
