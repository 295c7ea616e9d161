"""The staff import: a roster (CSV or XLSX) checked row by row, then written
all at once or not at all, from the command or the admin upload."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from deskbook.core.roles import MANAGER, TEAM_LEAD
from tests.workforce.factories import StaffFactory, TeamFactory
from tests.workforce.test_staff_admin import assert_refused
from workforce.people.models import Staff, TeamMembership

D = datetime.date
UPLOAD = "/admin/workforce/staff-import/"
HEADER = (
    "employee_number,first_name,last_name,job_title,hired_on,team,languages,"
    "phone_extension,dialer_agent_id,email"
)
AISYAH = (
    'E1001,Aisyah,Rahman,Desk collector,2026-01-05,Desk early,"Malay, English",'
    "201,AG-01,aisyah@example.com"
)
KELVIN = "E1002,Kelvin,Tan,field_collector,02/02/2026,Field north,Mandarin,,AG-02,"
GOOD = [HEADER, AISYAH, KELVIN]


@pytest.fixture
def teams(db, frozen_time):
    frozen_time("2026-03-02 09:00")
    return TeamFactory(name="Desk early"), TeamFactory(name="Field north")


def write_csv(tmp_path, lines, name="roster.csv"):
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(path, *args):
    out = io.StringIO()
    call_command("import_staff", str(path), *args, stdout=out, stderr=out)
    return out.getvalue()


def refused(path, *args) -> tuple[str, str]:
    out = io.StringIO()
    with pytest.raises(CommandError) as failure:
        call_command("import_staff", str(path), *args, stdout=out, stderr=out)
    return out.getvalue(), str(failure.value)


def counts():
    return Staff.objects.count(), TeamMembership.objects.count()


def test_a_good_roster_creates_people_and_their_first_team(tmp_path, teams):
    early, north = teams
    output = run(write_csv(tmp_path, GOOD))
    assert "2 created, 0 updated, 0 unchanged" in output
    aisyah = Staff.objects.get(employee_number="E1001")
    assert (aisyah.full_name, aisyah.job_title, aisyah.hired_on) == (
        "Aisyah Rahman",
        "desk_collector",
        D(2026, 1, 5),
    )
    assert (aisyah.phone_extension, aisyah.dialer_agent_id, aisyah.email) == (
        "201",
        "AG-01",
        "aisyah@example.com",
    )
    assert sorted(lang.name for lang in aisyah.languages.all()) == ["English", "Malay"]
    kelvin = Staff.objects.get(employee_number="E1002")
    assert (kelvin.hired_on, kelvin.job_title) == (D(2026, 2, 2), "field_collector")
    memberships = TeamMembership.objects.order_by("valid_from")
    assert [
        (m.staff.employee_number, m.team, m.valid_from, m.valid_to) for m in memberships
    ] == [
        ("E1001", early, D(2026, 1, 5), None),
        ("E1002", north, D(2026, 2, 2), None),
    ]


def test_the_same_roster_again_changes_nothing(tmp_path, teams):
    path = write_csv(tmp_path, GOOD)
    run(path)
    assert "0 created, 0 updated, 2 unchanged" in run(path)
    assert counts() == (2, 2)


def test_a_changed_job_title_updates_the_person(tmp_path, teams):
    run(write_csv(tmp_path, GOOD))
    promoted = AISYAH.replace("Desk collector", "Team lead")
    assert "0 created, 1 updated, 1 unchanged" in run(
        write_csv(tmp_path, [HEADER, promoted, KELVIN], name="again.csv")
    )
    assert Staff.objects.get(employee_number="E1001").job_title == "team_lead"
    assert counts() == (2, 2)


def test_a_bad_date_names_its_row_and_column_and_writes_nothing(tmp_path, teams):
    bad = KELVIN.replace("02/02/2026", "31/02/2026")
    output, message = refused(write_csv(tmp_path, [HEADER, AISYAH, bad]))
    assert "row 3, column hired_on: not a date: '31/02/2026'" in output
    assert message == "1 problem(s) found: nothing was imported."
    assert counts() == (0, 0)


def test_every_problem_is_reported_at_once(tmp_path, teams):
    lines = [
        HEADER,
        AISYAH.replace("Desk early", "Night owls"),
        KELVIN.replace("Mandarin", "Klingon").replace("field_collector", "Pilot"),
    ]
    output, message = refused(write_csv(tmp_path, lines))
    assert "row 2, column team: no team named 'Night owls'" in output
    assert "row 3, column languages: no language named 'Klingon'" in output
    assert "row 3, column job_title: unknown job title 'Pilot'" in output
    assert message == "3 problem(s) found: nothing was imported."
    assert counts() == (0, 0)


def test_a_single_name_is_the_last_name_and_an_empty_last_name_is_refused(
    tmp_path, teams
):
    sutrisno = "E1003,,Sutrisno,Desk collector,2026-01-05,Desk early,Indonesian"
    header = "employee_number,first_name,last_name,job_title,hired_on,team,languages"
    run(write_csv(tmp_path, [header, sutrisno]))
    person = Staff.objects.get(employee_number="E1003")
    assert (person.first_name, person.last_name, person.full_name) == (
        "",
        "Sutrisno",
        "Sutrisno",
    )
    no_name = sutrisno.replace("E1003,,Sutrisno", "E1004,,")
    output, _ = refused(write_csv(tmp_path, [header, no_name], name="again.csv"))
    assert "row 2, column last_name: empty" in output


def test_a_blank_line_does_not_shift_the_row_numbers(tmp_path, teams):
    bad = KELVIN.replace("02/02/2026", "2026-13-01")
    output, _ = refused(write_csv(tmp_path, [HEADER, AISYAH, "", bad]))
    assert "row 4, column hired_on: not a date: '2026-13-01'" in output


def test_duplicate_dialer_ids_in_the_file_and_the_database_are_refused(tmp_path, teams):
    StaffFactory(
        employee_number="E0001",
        first_name="Siti",
        last_name="Aminah",
        dialer_agent_id="AG-09",
    )
    lines = [
        HEADER,
        AISYAH,
        KELVIN.replace("AG-02", "AG-01"),
        "E1003,Mei,Ling,Desk collector,2026-01-05,Desk early,,,AG-09,",
    ]
    before = counts()
    output, _ = refused(write_csv(tmp_path, lines))
    assert "row 3, column dialer_agent_id: 'AG-01' is also on row 2" in output
    assert (
        "row 4, column dialer_agent_id: 'AG-09' belongs to Siti Aminah (E0001)"
        in output
    )
    assert counts() == before == (1, 0)


def test_a_changed_team_asks_for_a_move_and_writes_nothing(tmp_path, teams):
    run(write_csv(tmp_path, GOOD))
    moved = AISYAH.replace("Desk early", "Field north").replace(
        "Desk collector", "Team lead"
    )
    output, _ = refused(write_csv(tmp_path, [HEADER, moved], name="moved.csv"))
    assert (
        "row 2, column team: Aisyah Rahman is in Desk early, not Field north: "
        "a team change is dated, so record a move instead" in output
    )
    aisyah = Staff.objects.get(employee_number="E1001")
    assert (aisyah.job_title, aisyah.team_on(D(2026, 3, 2)).name) == (
        "desk_collector",
        "Desk early",
    )


def test_an_xlsx_roster_with_real_date_cells_imports(tmp_path, teams):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(
        [
            "Employee number",
            "First name",
            "Last name",
            "Job title",
            "Hired on",
            "Team",
            "Phone extension",
        ]
    )
    sheet.append(
        [
            "E2001",
            "Nurul",
            "Huda",
            "Desk collector",
            datetime.datetime(2026, 1, 12),
            "Desk early",
            305,
        ]
    )
    sheet.append(["E2002", "Ravi", "Kumar", "QA analyst", "2026-02-16", "", None])
    path = tmp_path / "roster.xlsx"
    book.save(path)
    assert "2 created, 0 updated, 0 unchanged" in run(path)
    nurul = Staff.objects.get(employee_number="E2001")
    assert (nurul.hired_on, nurul.phone_extension) == (D(2026, 1, 12), "305")
    assert nurul.team_on(D(2026, 1, 12)).name == "Desk early"
    ravi = Staff.objects.get(employee_number="E2002")
    assert (ravi.job_title, ravi.memberships.count()) == ("qa_analyst", 0)
    assert "0 created, 0 updated, 2 unchanged" in run(path)


def test_a_dry_run_reports_and_writes_nothing(tmp_path, teams):
    output = run(write_csv(tmp_path, GOOD), "--dry-run")
    assert "2 created, 0 updated, 0 unchanged (dry run: nothing was written)" in output
    assert "created: E1001" in output
    assert counts() == (0, 0)


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("roster.csv", b"", "'roster.csv' cannot be read as CSV"),
        (
            "roster.csv",
            (HEADER + "\n").encode(),
            "the file has no rows below the header",
        ),
        (
            "roster.csv",
            b"employee_number,first_name,last_name\nE1,A,B\n",
            "row 1: missing column(s): job_title, hired_on",
        ),
        ("roster.txt", AISYAH.encode(), "'roster.txt' is not a roster"),
        ("roster.xlsx", b"not a workbook", "'roster.xlsx' cannot be read as XLSX"),
    ],
)
def test_an_unusable_file_is_refused_with_a_clear_error(
    tmp_path, teams, name, content, problem
):
    path = tmp_path / name
    path.write_bytes(content)
    output, _ = refused(path)
    assert problem in output
    assert counts() == (0, 0)


def test_a_manager_uploads_a_roster_in_the_admin(client_as, tmp_path, teams):
    client = client_as(MANAGER)
    page = client.get(UPLOAD).content.decode()
    header = page[page.index("<header") : page.index("</header>")]
    assert "Import staff" in header[header.rindex("<li") :]
    roster = SimpleUploadedFile("roster.csv", "\n".join(GOOD).encode())
    response = client.post(UPLOAD, {"spreadsheet": roster}, follow=True)
    assert response.redirect_chain == [("/admin/workforce/staff/", 302)]
    assert (
        "Staff imported: 2 created, 0 updated, 0 unchanged."
        in response.content.decode()
    )
    assert counts() == (2, 2)


def test_the_admin_upload_shows_every_problem_and_writes_nothing(
    client_as, tmp_path, teams
):
    bad = KELVIN.replace("02/02/2026", "31/02/2026")
    roster = SimpleUploadedFile("roster.csv", "\n".join([HEADER, AISYAH, bad]).encode())
    response = client_as(MANAGER).post(UPLOAD, {"spreadsheet": roster})
    assert response.status_code == 200
    assert "row 3, column hired_on: not a date: &#x27;31/02/2026&#x27;" in (
        response.content.decode()
    )
    assert counts() == (0, 0)


def test_a_team_lead_is_refused_the_upload(client_as, tmp_path, teams):
    client = client_as(TEAM_LEAD)
    assert_refused(client.get(UPLOAD))
    roster = SimpleUploadedFile("roster.csv", "\n".join(GOOD).encode())
    assert_refused(client.post(UPLOAD, {"spreadsheet": roster}))
    assert counts() == (0, 0)


def test_a_username_links_an_existing_sign_in_and_an_unknown_one_is_refused(
    tmp_path, teams, user_with_role
):
    sign_in = user_with_role(TEAM_LEAD, username="aisyah.r")
    header = HEADER + ",username"
    run(write_csv(tmp_path, [header, AISYAH + ",aisyah.r"]))
    assert Staff.objects.get(employee_number="E1001").user == sign_in
    output, _ = refused(
        write_csv(tmp_path, [header, KELVIN + ",kelvin.t"], name="kelvin.csv")
    )
    assert "row 2, column username: no sign-in with the username 'kelvin.t'" in output
    assert counts() == (1, 1)


def test_a_changed_hire_date_is_refused_once_the_team_history_starts_on_it(
    tmp_path, teams
):
    run(write_csv(tmp_path, GOOD))
    later = AISYAH.replace("2026-01-05", "2026-01-19")
    output, _ = refused(write_csv(tmp_path, [HEADER, later], name="later.csv"))
    assert (
        "row 2, column hired_on: the record says 2026-01-05, where their team "
        "history starts; correct it on the person's page" in output
    )
    assert Staff.objects.get(employee_number="E1001").hired_on == D(2026, 1, 5)
