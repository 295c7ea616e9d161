"""Allocations imported from CSV or XLSX: all or nothing, every problem
reported by row and column."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from tests.leave.factories import AllocationFactory
from workforce.leave.models import Allocation
from workforce.leave.services import (
    AllocationImportFailed,
    import_allocations,
    leave_request_submit,
)


def csv(text: str) -> io.BytesIO:
    return io.BytesIO(text.strip().encode())


def allocations():
    return sorted(
        Allocation.objects.values_list(
            "staff__employee_number",
            "leave_type__code",
            "year",
            "granted",
            "carried_over",
            "carry_over_expires",
        )
    )


@pytest.fixture
def people(leave):
    leave["aisyah"].employee_number = "C0001"
    leave["aisyah"].save()
    leave["wei"].employee_number = "C0002"
    leave["wei"].save()
    Allocation.objects.all().delete()
    return leave


def test_rows_create_allocations_matched_by_number_and_type_code_or_name(people):
    report = import_allocations(
        source=csv(
            """
employee_number,leave_type,year,granted,carried_over,carry_over_expires
C0001,AL,2026,14,2.5,2026-03-31
C0002,Sick leave,2026,14,,
"""
        ),
        filename="allocations.csv",
    )

    assert str(report) == "2 created, 0 updated, 0 unchanged"
    assert allocations() == [
        (
            "C0001",
            "AL",
            2026,
            Decimal("14"),
            Decimal("2.5"),
            datetime.date(2026, 3, 31),
        ),
        ("C0002", "SL", 2026, Decimal("14"), Decimal("0"), None),
    ]


def test_a_row_for_an_existing_allocation_updates_it(people):
    AllocationFactory(
        staff=people["aisyah"], leave_type=people["annual"], granted=Decimal("10")
    )

    report = import_allocations(
        source=csv(
            "employee_number,leave_type,year,granted\nC0001,AL,2026,16\nC0001,AL,2027,14"
        ),
        filename="a.csv",
    )

    assert str(report) == "1 created, 1 updated, 0 unchanged"
    assert [row[:4] for row in allocations()] == [
        ("C0001", "AL", 2026, Decimal("16")),
        ("C0001", "AL", 2027, Decimal("14")),
    ]


def test_any_bad_row_imports_nothing_and_every_problem_is_reported(people):
    with pytest.raises(AllocationImportFailed) as failed:
        import_allocations(
            source=csv(
                """
employee_number,leave_type,year,granted,carry_over_expires
C0001,AL,2026,14,
C9999,AL,2026,14,
C0002,XX,2026,14,
C0002,AL,20x6,14,
C0002,SL,2026,1.25,
C0002,AL,2026,-1,
C0002,AL,2027,3,31/02/2027
C0001,AL,2026,12,
"""
            ),
            filename="a.csv",
        )

    assert [str(p) for p in failed.value.problems] == [
        "row 3, column employee_number: no person numbered 'C9999'",
        "row 4, column leave_type: no leave type 'XX'",
        "row 5, column year: not a year: '20x6'",
        "row 6, column granted: not a number of half days: '1.25'",
        "row 7, column granted: not a number of half days: '-1'",
        "row 8, column carry_over_expires: not a date: '31/02/2027'",
        "row 9: the same person, type and year as row 2",
    ]
    assert allocations() == []


def test_a_grant_below_the_days_already_used_is_refused(people):
    allocation = AllocationFactory(
        staff=people["aisyah"], leave_type=people["annual"], granted=Decimal("14")
    )
    leave_request_submit(
        staff=people["aisyah"],
        leave_type=people["annual"],
        first_day=datetime.date(2026, 3, 9),
        last_day=datetime.date(2026, 3, 13),
        by=people["aisyah_user"],
    )

    with pytest.raises(AllocationImportFailed) as failed:
        import_allocations(
            source=csv("employee_number,leave_type,year,granted\nC0001,AL,2026,4"),
            filename="a.csv",
        )

    assert [str(p) for p in failed.value.problems] == [
        "row 2, column granted: Nur Aisyah binti Ahmad has 5 days taken or "
        "pending in 2026: grant at least that"
    ]
    allocation.refresh_from_db()
    assert allocation.granted == Decimal("14")


def test_missing_and_unknown_columns_are_reported(people):
    with pytest.raises(AllocationImportFailed) as failed:
        import_allocations(
            source=csv("employee_number,leave_type,days\nC0001,AL,14"), filename="a.csv"
        )

    assert [str(p) for p in failed.value.problems] == [
        "row 1: missing column: year",
        "row 1: missing column: granted",
        "row 1, column days: unknown column",
    ]


def test_a_spreadsheet_is_read_with_its_dates(people):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        [
            "Employee number",
            "Leave type",
            "Year",
            "Granted",
            "Carried over",
            "Carry over expires",
        ]
    )
    sheet.append(["C0001", "AL", 2026, 14, 3, datetime.datetime(2026, 3, 31)])
    data = io.BytesIO()
    book.save(data)
    data.seek(0)

    import_allocations(source=data, filename="allocations.xlsx")

    assert allocations() == [
        ("C0001", "AL", 2026, Decimal("14"), Decimal("3"), datetime.date(2026, 3, 31))
    ]


def test_a_file_that_is_not_a_spreadsheet_is_refused(people):
    with pytest.raises(AllocationImportFailed) as failed:
        import_allocations(source=csv("x"), filename="allocations.txt")

    assert "upload a .csv or .xlsx file" in str(failed.value.problems[0])


def test_the_command_reports_problems_and_imports_nothing(people, tmp_path):
    path = tmp_path / "allocations.csv"
    path.write_text("employee_number,leave_type,year,granted\nC0001,AL,2026,x\n")

    with pytest.raises(CommandError, match="1 problem"):
        call_command("import_allocations", path, stderr=io.StringIO())
    path.write_text("employee_number,leave_type,year,granted\nC0001,AL,2026,14\n")
    out = io.StringIO()
    call_command("import_allocations", path, stdout=out)

    assert out.getvalue().strip() == "1 created, 0 updated, 0 unchanged"


UPLOAD = "/admin/workforce/leave-allocations/import/"
LISTING = "/admin/workforce/leave-allocations/"


def upload(text: str, name: str = "allocations.csv", **fields):
    return {"spreadsheet": SimpleUploadedFile(name, text.strip().encode()), **fields}


def test_a_manager_finds_the_upload_on_the_listing_and_imports(client, people):
    client.force_login(people["manager"])
    assert f'href="{UPLOAD}"' in client.get(LISTING).content.decode()

    response = client.post(
        UPLOAD,
        upload("employee_number,leave_type,year,granted\nC0001,AL,2026,14\n"),
        follow=True,
    )

    assert response.redirect_chain == [(LISTING, 302)]
    assert "Allocations imported: 1 created, 0 updated, 0 unchanged." in (
        response.content.decode()
    )
    assert allocations() == [("C0001", "AL", 2026, Decimal("14"), Decimal("0"), None)]


def test_only_checking_writes_nothing_and_says_what_would_change(client, people):
    client.force_login(people["manager"])
    response = client.post(
        UPLOAD,
        upload(
            "employee_number,leave_type,year,granted\nC0001,AL,2026,14\n",
            dry_run="on",
        ),
    )

    assert response.status_code == 200
    assert "Check only, nothing written:</strong> 1 created" in (
        response.content.decode()
    )
    assert allocations() == []


def test_the_upload_shows_every_problem_and_imports_nothing(client, people):
    client.force_login(people["manager"])
    response = client.post(
        UPLOAD,
        upload(
            "employee_number,leave_type,year,granted\n"
            "C0001,AL,2026,14\nC0002,XX,2026,-1\n"
        ),
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing was imported." in html
    assert "row 3, column leave_type" in html
    assert "row 3, column granted" in html
    assert allocations() == []


def test_a_file_of_another_kind_is_a_form_error(client, people):
    client.force_login(people["manager"])
    response = client.post(UPLOAD, upload("hello", name="allocations.pdf"))

    assert response.status_code == 200
    assert "Upload a .csv or .xlsx file." in response.content.decode()


def test_a_lead_sees_no_upload_and_is_refused_it(client, people):
    client.force_login(people["lead"])
    assert UPLOAD not in client.get(LISTING).content.decode()

    assert client.get(UPLOAD).status_code == 403
    response = client.post(
        UPLOAD, upload("employee_number,leave_type,year,granted\nC0001,AL,2026,14\n")
    )
    assert response.status_code == 403
    assert allocations() == []


def test_a_signed_out_visitor_is_sent_to_sign_in(client, people):
    response = client.get(UPLOAD)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
