"""The calls listing, the contact-rule report and the upload: who sees what
(the scope rule on the call's date), exact 403s, exports, flat queries."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from deskbook.core.roles import (
    COLLECTOR,
    EDITOR,
    MANAGER,
    QA_ANALYST,
    TEAM_LEAD,
    TRAINER,
)
from tests.qa.factories import CallFactory
from tests.workforce.factories import StaffFactory, TeamFactory
from training.qa.models import Call, ImportJob
from workforce.people.models import TeamMembership

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment of March 2026 given in UTC."""
    return datetime.datetime(2026, 3, day, hour, minute, tzinfo=UTC)


@pytest.fixture
def floor(user_with_role):
    lead = user_with_role(TEAM_LEAD)
    desk = TeamFactory(name="Desk one", lead=lead)
    other = TeamFactory(name="Desk two")
    aisyah_user = user_with_role(COLLECTOR)
    aisyah = StaffFactory(
        first_name="Aisyah", last_name="Rahman", user=aisyah_user, team=desk
    )
    wei = StaffFactory(first_name="Wei", last_name="Tan", team=desk)
    # Wei moves to the other desk on 16 March.
    TeamMembership.objects.filter(staff=wei).update(valid_to=datetime.date(2026, 3, 15))
    TeamMembership.objects.create(
        staff=wei, team=other, valid_from=datetime.date(2026, 3, 16)
    )
    calls = {
        # 02:00 UTC is 10:00 in Singapore: inside the window.
        "aisyah": CallFactory(call_id="A-1", collector=aisyah, started_at=at(2, 2)),
        "wei_before": CallFactory(call_id="W-1", collector=wei, started_at=at(5, 2)),
        # 14:30 UTC is 22:30 in Singapore: outside the window.
        "wei_after": CallFactory(
            call_id="W-2", collector=wei, started_at=at(20, 14, 30)
        ),
    }
    return {"lead": lead, "aisyah_user": aisyah_user, "calls": calls}


def listed_ids(response) -> list[str]:
    return sorted(call.call_id for call in response.context["object_list"])


def test_each_role_sees_the_calls_the_scope_rule_gives_it(
    client, floor, user_with_role
):
    url = reverse("qa_calls:index")
    client.force_login(floor["lead"])
    # The lead led Wei's team on 5 March, not on 20 March.
    assert listed_ids(client.get(url)) == ["A-1", "W-1"]
    client.force_login(floor["aisyah_user"])
    assert listed_ids(client.get(url)) == ["A-1"]
    client.force_login(user_with_role(QA_ANALYST))
    assert listed_ids(client.get(url)) == ["A-1", "W-1", "W-2"]


@pytest.mark.parametrize("role", [EDITOR, TRAINER])
def test_roles_without_calls_are_refused_with_403(client_as, floor, role):
    client = client_as(role)
    assert client.get(reverse("qa_calls:index")).status_code == 403
    assert client.get(reverse("qa_contact_rules:index")).status_code == 403
    assert client.get(reverse("qa_imports:upload")).status_code == 403


def test_collectors_and_leads_may_not_import(client, floor):
    for user in (floor["lead"], floor["aisyah_user"]):
        client.force_login(user)
        assert client.get(reverse("qa_imports:upload")).status_code == 403


def test_the_listing_filters_and_exports(client_as, floor):
    client = client_as(QA_ANALYST)
    url = reverse("qa_calls:index")
    response = client.get(
        url, {"started_from": "2026-03-10", "started_to": "2026-03-31"}
    )
    assert listed_ids(response) == ["W-2"]
    export = client.get(url, {"export": "csv"})
    lines = b"".join(export.streaming_content).decode().splitlines()
    assert lines[0].startswith("Call id,Start (agency time),Employee number")
    assert len(lines) == 4
    assert any(line.startswith("W-2,2026-03-20 22:30:00") for line in lines)


def test_the_contact_rule_report_lists_breaches_in_scope(client, floor, user_with_role):
    url = reverse("qa_contact_rules:index")
    client.force_login(user_with_role(QA_ANALYST))
    response = client.get(url, {"month": "2026-03"})
    assert response.status_code == 200
    table = response.context["table"]
    assert [(row[0], row[2], row[3], row[5], row[8]) for row in table] == [
        ("Desk one", "Aisyah Rahman", 1, 0, 0),
        ("Desk one", "Wei Tan", 1, 0, 0),
        ("Desk two", "Wei Tan", 1, 1, 1),
    ]
    assert [call.call_id for call, _ in response.context["breach_calls"]] == ["W-2"]
    assert response.context["breach_calls"][0][1] == ["Outside the calling window"]
    # The lead led Desk two never: Wei's breach after the move is not theirs.
    client.force_login(floor["lead"])
    response = client.get(url, {"month": "2026-03"})
    assert [row[0] for row in response.context["table"]] == ["Desk one", "Desk one"]
    assert response.context["breach_calls"] == []
    export = client.get(url, {"month": "2026-03", "export": "csv"})
    lines = b"".join(export.streaming_content).decode().splitlines()
    assert lines[0].startswith("Team,Employee number,Collector,Calls,Outbound")
    assert len(lines) == 3


def test_the_report_takes_as_many_queries_for_many_calls_as_for_few(client_as, floor):
    client = client_as(QA_ANALYST)
    url = reverse("qa_contact_rules:index")
    client.get(url, {"month": "2026-03"})  # settings and the session, once
    with CaptureQueriesContext(connection) as few:
        assert client.get(url, {"month": "2026-03"}).status_code == 200
    people = [StaffFactory() for _ in range(4)]
    for n in range(60):
        CallFactory(
            collector=people[n % 4],
            account_reference=f"ACC-{n % 3}",
            started_at=at(3 + n % 20, 13 + n % 3),
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(url, {"month": "2026-03"}).status_code == 200
    assert len(many) == len(few)


def one_call(floor) -> str:
    """A log of one call, N-1, by Aisyah."""
    return (
        "call_id,collector,account_reference,start,duration,direction,outcome\n"
        f"N-1,{floor['calls']['aisyah'].collector.employee_number},ACC-Q1,"
        "2026-03-03 10:00,30,outbound,busy\n"
    )


def upload_calls(client, tmp_path, content, capture_on_commit):
    """Post ``content`` as a call log, running what waits for the commit."""
    path = tmp_path / "calls.csv"
    path.write_text(content)
    with path.open("rb") as upload, capture_on_commit(execute=True):
        return client.post(
            reverse("qa_imports:upload"), {"kind": "calls", "spreadsheet": upload}
        )


def test_an_uploaded_log_is_imported_in_the_background_and_followed(
    client_as, floor, tmp_path, django_capture_on_commit_callbacks
):
    client = client_as(QA_ANALYST)
    response = upload_calls(
        client, tmp_path, one_call(floor), django_capture_on_commit_callbacks
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("qa_imports:job", args=[job.pk])
    # The test settings run tasks at once; the database backend's worker would.
    assert (job.state, job.rows, job.new, job.duplicate) == ("done", 1, 1, 0)
    assert Call.objects.filter(call_id="N-1").exists()
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert b"<dt>New</dt><dd data-new>1</dd>" in page.content
    assert b'data-state="done"' in page.content
    assert b'http-equiv="refresh"' not in page.content


def test_a_failed_upload_lists_its_problems_and_unknown_collectors(
    client_as, floor, tmp_path, django_capture_on_commit_callbacks
):
    client = client_as(QA_ANALYST)
    response = upload_calls(
        client,
        tmp_path,
        "call_id,collector,account_reference,start,duration,direction,outcome\n"
        "N-1,GHOST,ACC-Q1,2026-03-03 10:00,30,outbound,busy\n",
        django_capture_on_commit_callbacks,
    )
    job = ImportJob.objects.get()
    assert (job.state, job.problem_count, job.unknown_collectors) == (
        "failed",
        1,
        ["GHOST"],
    )
    page = client.get(response["Location"])
    assert b"Unknown collectors: GHOST" in page.content
    assert b"nobody has the id &#x27;GHOST&#x27;" in page.content
    assert not Call.objects.filter(call_id="N-1").exists()


def test_another_users_import_job_is_not_found(client_as, floor, user_with_role):
    job = ImportJob.objects.create(
        kind="calls", filename="x.csv", created_by=user_with_role(QA_ANALYST)
    )
    client = client_as(QA_ANALYST)
    # Analysts see every job (they oversee calls); a manager too.
    assert client.get(reverse("qa_imports:job", args=[job.pk])).status_code == 200
    manager = client_as(MANAGER)
    assert manager.get(reverse("qa_imports:job", args=[job.pk])).status_code == 200


def test_the_qa_menu_sits_in_training_and_quality_for_those_who_see_calls(
    client_as,
):
    page = client_as(QA_ANALYST).get("/admin/").text
    for url in (
        reverse("qa_calls:index"),
        reverse("qa_contact_rules:index"),
        reverse("qa_payments:index"),
        reverse("qa_imports:index"),
    ):
        assert url in page
    assert reverse("qa_calls:index") not in client_as(EDITOR).get("/admin/").text


# Committed for real, as in production: the worker closes a connection left
# outside autocommit (as a rolled-back test's is), and PostgreSQL's then breaks.
@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_with_the_database_queue_an_upload_waits_for_the_worker(
    client_as, floor, tmp_path, django_capture_on_commit_callbacks
):
    client = client_as(QA_ANALYST)
    response = upload_calls(
        client, tmp_path, one_call(floor), django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert b'data-state="queued"' in page.content
    assert b'http-equiv="refresh"' in page.content
    assert not Call.objects.filter(call_id="N-1").exists()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    page = client.get(response["Location"])
    assert b'data-state="done"' in page.content
    assert Call.objects.filter(call_id="N-1").exists()
