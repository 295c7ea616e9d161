"""The dashboard's leave panels: *My leave* for everyone with a staff
record, *Leave requests to approve* for leads and managers."""

import datetime
import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.workforce.factories import StaffFactory
from workforce.leave.services import leave_request_approve

D = datetime.date
HOME = "/admin/"
MON_16_MARCH = D(2026, 3, 16)


def panel(html: str, name: str) -> str:
    found = re.search(rf'data-panel="{name}">(.*?)</section>', html, re.S)
    return (
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(1))).strip()
        if (found)
        else ""
    )


def ask_for_several(ask, leave, count: int, *, start=MON_16_MARCH):
    """``count`` people of Desk early each ask for one weekday of unpaid
    leave, the first from ``start``, the next on the next weekday…"""
    days = (start + datetime.timedelta(days=n) for n in range(4 * count))
    weekdays = [day for day in days if day.weekday() < 5]
    for number in range(count):
        person = StaffFactory(team=leave["team"], first_name=f"Extra{number}")
        day = weekdays[number]
        ask(
            staff=person,
            leave_type=leave["unpaid"],
            first_day=day,
            last_day=day,
            by=leave["lead"],
        )


def test_my_leave_shows_what_is_available_and_the_next_leave(client, leave, ask):
    approved = ask(first_day=D(2026, 3, 18), last_day=D(2026, 3, 19))
    leave_request_approve(request=approved, by=leave["lead"])
    ask()  # pending Mon 9 – Fri 13 March: not "next", but held from the balance
    client.force_login(leave["aisyah_user"])

    html = client.get(HOME).content.decode()

    assert panel(html, "my-leave") == (
        "My leave Available today in 2026: 7 days of annual leave, 14 days of sick "
        "leave. "
        "Next: Annual leave, Wed 18 Mar – Thu 19 Mar 2026. "
        "My leave : balances, requests, and asking for leave."
    )
    assert 'href="/admin/my-leave/"' in html
    assert panel(html, "leave-to-approve") == ""


def test_my_leave_without_allocations_or_leave_says_so(client, leave):
    client.force_login(leave["wei_user"])

    text = panel(client.get(HOME).content.decode(), "my-leave")

    assert "You have no leave allocation for 2026." in text
    assert "No approved leave ahead." in text


def test_a_lead_sees_the_count_and_the_soonest_requests(client, leave, ask):
    ask_for_several(ask, leave, 7)
    client.force_login(leave["lead"])

    html = client.get(HOME).content.decode()

    text = panel(html, "leave-to-approve")
    assert text.startswith(
        "Leave requests to approve 7 requests wait for your decision; the soonest 5: "
        "Extra0 "
    )
    assert "Unpaid leave, Mon 16 Mar 2026 (1 day)" in text
    assert "Fri 20 Mar 2026" in text and "Mon 23 Mar 2026" not in text
    assert 'href="/admin/workforce/leave-approvals/"' in html


def test_a_lead_of_another_team_sees_only_theirs(client, leave, ask):
    ask_for_several(ask, leave, 2)
    client.force_login(leave["other_lead"])

    text = panel(client.get(HOME).content.decode(), "leave-to-approve")

    assert text.startswith(
        "Leave requests to approve No leave is waiting for your decision."
    )


def test_a_manager_without_a_staff_record_gets_only_the_approvals(client, leave, ask):
    ask_for_several(ask, leave, 1)
    client.force_login(leave["manager"])

    html = client.get(HOME).content.decode()

    assert "1 request waits for your decision:" in panel(html, "leave-to-approve")
    assert panel(html, "my-leave") == ""


def test_the_dashboard_takes_the_same_number_of_queries_however_many_requests(
    client, leave, ask
):
    ask_for_several(ask, leave, 2)
    client.force_login(leave["lead"])
    client.get(HOME)  # warm the caches
    with CaptureQueriesContext(connection) as few:
        client.get(HOME)
    ask_for_several(ask, leave, 8, start=D(2026, 4, 6))
    with CaptureQueriesContext(connection) as many:
        html = client.get(HOME).content.decode()

    assert "10 requests wait" in panel(html, "leave-to-approve")
    assert len(many) == len(few)
