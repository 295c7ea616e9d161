"""*Leave to approve*: the pending leave of the teams a lead leads, with the
half hours it would leave a team short; approving such leave takes a
confirmation, rejecting a comment. Everyone else is refused."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.workforce.factories import StaffFactory
from workforce.leave.models import LeaveRequest
from workforce.leave.services import leave_request_approve

D = datetime.date
URL = "/admin/workforce/leave-approvals/"
MON, TUE, WED = D(2026, 3, 9), D(2026, 3, 10), D(2026, 3, 11)


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def item(html: str, request) -> str:
    match = re.search(rf'<li data-request="{request.pk}">(.*?)</form>', html, re.S)
    assert match, request
    return match.group(1)


@pytest.fixture
def pending(leave, ask, publish):
    """Desk early (minimum 1) on Monday 9 March: Aisyah works 07:00–16:00
    alone. Aisyah asks for that Monday off, Wei (no shift) for Tuesday, and
    Dewi of Desk late for Wednesday."""
    publish([(leave["aisyah"], MON, leave["early"])])
    unpaid = leave["unpaid"]
    return {
        **leave,
        "short": ask(first_day=MON, last_day=MON, reason="Wedding"),
        "fine": ask(
            staff=leave["wei"],
            leave_type=unpaid,
            first_day=TUE,
            last_day=TUE,
            by=leave["wei_user"],
        ),
        "elsewhere": ask(
            staff=leave["dewi"],
            leave_type=unpaid,
            first_day=WED,
            last_day=WED,
            by=leave["dewi_user"],
        ),
    }


def test_a_lead_sees_their_teams_pending_leave_with_the_coverage_impact(
    client, pending
):
    client.force_login(pending["lead"])
    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "2 requests to decide" in html
    short = text(item(html, pending["short"]))
    assert "Nur Aisyah binti Ahmad · Desk early" in short
    assert "Annual leave, Mon 9 Mar 2026: 1 day" in short
    assert "Reason Wedding" in short
    assert (
        "Desk early, Mon 09 Mar: under the minimum of 1 for 540 minutes from 07:00 "
        "(as few as 0) 07:00–16:00, 0 of 1 working"
    ) in short
    # Approving it goes through the confirmation step.
    assert "data-confirm-link>Approve…" in item(html, pending["short"])
    fine = text(item(html, pending["fine"]))
    assert "The team stays at or above its minimum staffing." in fine
    assert f'data-request="{pending["elsewhere"].pk}"' not in html


def test_a_manager_sees_every_teams_pending_leave(client, pending):
    client.force_login(pending["manager"])
    html = client.get(URL).content.decode()

    assert "3 requests to decide" in html
    assert "Dewi Santoso · Desk late" in text(item(html, pending["elsewhere"]))


def test_approving_leave_that_keeps_the_minimum_takes_one_click(client, pending):
    client.force_login(pending["lead"])

    response = client.post(
        f"{URL}{pending['fine'].pk}/",
        {"action": "approve", "comment": "Enjoy"},
        follow=True,
    )

    assert response.redirect_chain == [(URL, 302)]
    assert "Wei Ming Tan&#x27;s unpaid leave Tue 10 Mar 2026 approved." in (
        response.content.decode()
    )
    pending["fine"].refresh_from_db()
    assert (pending["fine"].status, pending["fine"].comment) == ("approved", "Enjoy")


def test_approving_leave_that_leaves_the_team_short_must_be_confirmed(client, pending):
    client.force_login(pending["lead"])
    url = f"{URL}{pending['short'].pk}/"
    page = client.get(url).content.decode()
    assert "I have seen the half hours under the minimum" in page

    refused = client.post(url, {"action": "approve"})

    assert refused.status_code == 200
    assert "tick the box to approve anyway, or reject." in refused.content.decode()
    pending["short"].refresh_from_db()
    assert pending["short"].status == "pending"

    approved = client.post(url, {"action": "approve", "confirm": "on"})

    assert approved.status_code == 302
    pending["short"].refresh_from_db()
    assert pending["short"].status == "approved"
    assert pending["short"].staffing_confirmed == (
        "Desk early, Mon 09 Mar: under the minimum of 1 for 540 minutes from 07:00 "
        "(as few as 0)"
    )


def test_rejecting_needs_a_comment(client, pending):
    client.force_login(pending["lead"])
    url = f"{URL}{pending['short'].pk}/"

    refused = client.post(url, {"action": "reject", "comment": " "})

    assert refused.status_code == 200
    assert "Say why the leave is rejected." in refused.content.decode()
    rejected = client.post(url, {"action": "reject", "comment": "Audit week"})
    assert rejected.status_code == 302
    pending["short"].refresh_from_db()
    assert (pending["short"].status, pending["short"].comment) == (
        "rejected",
        "Audit week",
    )


def test_a_decided_request_says_so_and_is_not_decided_again(client, pending):
    leave_request_approve(request=pending["fine"], by=pending["manager"])
    client.force_login(pending["lead"])
    url = f"{URL}{pending['fine'].pk}/"

    assert "This request is approved" in client.get(url).content.decode()
    response = client.post(url, {"action": "reject", "comment": "No"})

    assert response.status_code == 200
    assert "This request is already approved." in response.content.decode()
    pending["fine"].refresh_from_db()
    assert pending["fine"].status == "approved"


def test_a_lead_of_another_team_is_refused_the_request(client, pending):
    client.force_login(pending["other_lead"])
    url = f"{URL}{pending['short'].pk}/"

    assert client.get(url).status_code == 403
    assert client.post(url, {"action": "approve", "confirm": "on"}).status_code == 403
    pending["short"].refresh_from_db()
    assert pending["short"].status == "pending"
    # Their own team's leave is theirs to decide.
    html = client.get(URL).content.decode()
    assert "1 request to decide" in html
    assert f'data-request="{pending["elsewhere"].pk}"' in html


def test_a_lead_does_not_decide_their_own_leave(client, leave, ask):
    lead_staff = leave["team"].leads.get()
    own = ask(
        staff=lead_staff,
        leave_type=leave["unpaid"],
        first_day=MON,
        last_day=MON,
        by=leave["lead"],
    )
    client.force_login(leave["lead"])

    assert f'data-request="{own.pk}"' not in client.get(URL).content.decode()
    assert client.get(f"{URL}{own.pk}/").status_code == 403


@pytest.mark.parametrize("who", ["aisyah_user", "wei_user"])
def test_collectors_are_refused(client, pending, who):
    client.force_login(pending[who])

    assert client.get(URL).status_code == 403
    url = f"{URL}{pending['fine'].pk}/"
    assert client.post(url, {"action": "approve"}).status_code == 403
    assert LeaveRequest.objects.get(pk=pending["fine"].pk).status == "pending"


def test_an_anonymous_visitor_is_sent_to_sign_in(client, pending):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_page_takes_the_same_number_of_queries_however_many_requests(
    client, pending, ask, publish
):
    client.force_login(pending["lead"])
    client.get(URL)  # warm the caches
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    days = [D(2026, 3, day) for day in (16, 17, 18, 19, 20)]
    for number, day in enumerate(days):
        person = StaffFactory(team=pending["team"], first_name=f"Extra {number}")
        publish([(person, day, pending["early"])])
        ask(
            staff=person,
            leave_type=pending["unpaid"],
            first_day=day,
            last_day=day,
            by=pending["lead"],
        )
    with CaptureQueriesContext(connection) as many:
        html = client.get(URL).content.decode()

    assert "7 requests to decide" in html
    assert html.count("under the minimum of 1 for 540 minutes") == 6
    assert len(many) == len(few)
