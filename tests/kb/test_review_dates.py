"""Review dates: months counted from the last review, clipped to the month's end,
and an SOP falls due at local midnight in the agency's time zone."""

import datetime

import pytest

from kb.selectors import sops_due_for_review
from kb.services import next_review_date

from .factories import make_sop
from .test_reports import REVIEWS_DUE, csv_rows

date = datetime.date


@pytest.mark.parametrize(
    ("reviewed_on", "months", "review_by"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2028, 2, 29), 1, date(2028, 3, 29)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2026, 8, 31), 6, date(2027, 2, 28)),
        (date(2026, 3, 31), 1, date(2026, 4, 30)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        (date(2026, 2, 28), 1, date(2026, 3, 28)),
        (date(2026, 6, 15), 36, date(2029, 6, 15)),
    ],
)
def test_next_review_date_counts_calendar_months(reviewed_on, months, review_by):
    assert next_review_date(reviewed_on, months) == review_by


@pytest.mark.usefixtures("site_tree")
def test_a_review_confirmed_on_31_january_holds_to_29_february(
    client, user_with_role, frozen_time
):
    owner = user_with_role("Team lead")
    frozen_time("2027-12-01 09:00")
    page = make_sop(procedure_owner=owner, review_interval_months=1)
    assert page.status.review_by == date(2028, 1, 1)
    frozen_time("2028-01-31 17:30")
    client.force_login(owner)
    assert client.post(page.url + "review/").status_code == 302
    page.status.refresh_from_db()
    assert page.status.last_reviewed_on == date(2028, 1, 31)
    assert page.status.review_by == date(2028, 2, 29)
    assert page.reviews.first().next_review_by == date(2028, 2, 29)


@pytest.mark.usefixtures("site_tree")
def test_a_publish_before_8_am_counts_from_the_local_date_not_the_utc_one(
    frozen_time,
):
    frozen_time("2026-03-01 07:00")  # still 28 February in UTC
    page = make_sop(review_interval_months=1)
    assert page.status.last_reviewed_on == date(2026, 3, 1)
    assert page.status.review_by == date(2026, 4, 1)


@pytest.mark.usefixtures("site_tree")
def test_an_sop_falls_due_for_review_at_local_midnight(
    client, user_with_role, frozen_time
):
    owner = user_with_role("Team lead", username="owner")
    manager = user_with_role("Manager")
    frozen_time("2026-02-01 09:00")
    page = make_sop(
        "Field visit safety", procedure_owner=owner, review_interval_months=1
    )
    assert page.status.review_by == date(2026, 3, 1)

    def seen_as_due() -> dict:
        client.force_login(owner)
        flagged = "Due for review." in client.get(page.url).content.decode()
        marked = "(overdue)" in client.get("/admin/").content.decode()
        client.force_login(manager)
        export = csv_rows(client.get(REVIEWS_DUE + "?export=csv"))
        return {
            "selector": [sop.title for sop in sops_due_for_review()],
            "page flag": flagged,
            "dashboard": marked,
            "report": [row["SOP"] for row in export],
        }

    not_due = {"selector": [], "page flag": False, "dashboard": False, "report": []}
    due = {
        "selector": ["Field visit safety"],
        "page flag": True,
        "dashboard": True,
        "report": ["Field visit safety"],
    }
    frozen_time("2026-02-28 23:59:59")  # due tomorrow
    assert seen_as_due() == not_due
    frozen_time("2026-03-01 00:00")  # due today (28 February, 16:00 UTC)
    assert seen_as_due() == due
    frozen_time("2026-03-02 00:00")  # due yesterday
    assert seen_as_due() == due
