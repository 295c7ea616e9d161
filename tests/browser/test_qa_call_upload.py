"""A call log uploaded in the admin, imported by the background worker as in
production (django-tasks' database backend, ``manage.py db_worker``): a
file with one bad row fails whole, its page naming the row and column, and
nothing is imported; the corrected file is imported, its page follows the
job to the end, and the calls are listed."""

import pytest
from django.core.management import call_command
from django.test import override_settings

from deskbook.core.bootstrap import bootstrap_site
from deskbook.core.roles import MANAGER
from tests.factories import UserFactory
from tests.workforce.factories import StaffFactory
from training.qa.models import Call, ImportJob

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADER = "call_id,collector,account_reference,start,duration,direction,outcome\n"


def log(collector: str, second_start: str) -> str:
    return (
        HEADER
        + f"UP-1,{collector},ACC-U1,2026-03-03 10:00,95,outbound,busy\n"
        + f"UP-2,{collector},ACC-U2,{second_start},240,outbound,rpc\n"
        + f"UP-3,{collector},ACC-U3,2026-03-03 10:20,30,inbound,no answer\n"
    )


def work_the_queue():
    """What ``bin/run``'s worker does, once: every queued task, then stop."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def upload(page, live_server, path):
    page.goto(f"{live_server.url}/admin/qa/imports/upload/")
    page.select_option("select[name=kind]", "calls")
    page.set_input_files("input[name=spreadsheet]", str(path))
    page.click("form[enctype='multipart/form-data'] button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/qa/imports/*/")


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_a_bad_row_fails_the_whole_file_and_the_corrected_one_is_imported(
    page, live_server, sign_in, tmp_path
):
    bootstrap_site()
    manager = UserFactory(username="qa-manager", roles=[MANAGER])
    StaffFactory(first_name="Aisyah", last_name="Rahman", employee_number="E4411")
    sign_in(page, manager.username)

    bad = tmp_path / "calls-bad.csv"
    bad.write_text(log("E4411", "31/02/2026 10:05"))
    upload(page, live_server, bad)
    # Queued until the worker takes it; the page follows the job by itself.
    assert page.get_attribute("[data-state]", "data-state") == "queued"
    assert "refreshes every two seconds" in page.inner_text("body")
    work_the_queue()
    page.wait_for_selector("[data-state=failed]", timeout=10_000)
    body = page.inner_text("body")
    assert "Nothing was imported. 1 problem" in body
    row = page.inner_text("[data-problems] tbody tr")
    assert row.split("\t")[:2] == ["3", "start"]
    assert "not a date and time: '31/02/2026 10:05'" in row
    assert not Call.objects.exists()

    good = tmp_path / "calls.csv"
    good.write_text(log("E4411", "2026-03-03 10:05"))
    upload(page, live_server, good)
    work_the_queue()
    page.wait_for_selector("[data-state=done]", timeout=10_000)
    assert page.inner_text("[data-new]") == "3"
    assert page.inner_text("[data-duplicate]") == "0"
    assert "refreshes every two seconds" not in page.inner_text("body")
    assert list(ImportJob.objects.order_by("pk").values_list("state", "new")) == [
        ("failed", 0),
        ("done", 3),
    ]

    page.goto(f"{live_server.url}/admin/qa/calls/")
    listing = page.inner_text("body")
    for call_id in ("UP-1", "UP-2", "UP-3"):
        assert call_id in listing
    assert "Aisyah Rahman" in listing
