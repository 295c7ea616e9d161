"""*My leave*: the person's balances and requests, cancelling, and the form
that asks for leave with a preview of its cost. Only ever the person's own."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.admin.menu import admin_menu

from tests.leave.factories import BlackoutFactory, PublicHolidayFactory
from workforce.leave.models import Allocation, LeaveRequest
from workforce.leave.services import leave_request_approve, leave_request_reject

D = datetime.date
URL = "/admin/my-leave/"
ASK = "/admin/my-leave/ask/"
MON, TUE, WED, THU, FRI = (D(2026, 3, day) for day in (9, 10, 11, 12, 13))


def text(response) -> str:
    """The page's text with tags and runs of spaces taken out."""
    html = re.sub(r"<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html)


def row(html: str, marker: str) -> str:
    match = re.search(rf"<tr {marker}>(.*?)</tr>", html, re.S)
    assert match, marker
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip()


@pytest.fixture
def booked(leave, ask):
    """Aisyah's annual leave: 14 granted and 3 carried over until 31 March;
    Mon 9 – Fri 13 March pending, Wed 18 March approved, Thu 19 March
    rejected, both by the lead, Siti Rahman."""
    booked_by = leave["lead"]
    booked_by.first_name, booked_by.last_name = "Siti", "Rahman"
    booked_by.save()
    Allocation.objects.filter(pk=leave["aisyah_annual"].pk).update(
        carried_over=3, carry_over_expires=D(2026, 3, 31)
    )
    pending = ask()
    approved = ask(first_day=D(2026, 3, 18), last_day=D(2026, 3, 18))
    leave_request_approve(request=approved, by=leave["lead"], comment="Fine")
    rejected = ask(first_day=D(2026, 3, 19), last_day=D(2026, 3, 19))
    leave_request_reject(request=rejected, by=leave["lead"], comment="Audit day")
    return {**leave, "pending": pending, "approved": approved, "rejected": rejected}


def test_the_balances_show_granted_carried_over_taken_pending_and_available(
    client, booked
):
    client.force_login(booked["aisyah_user"])
    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "My balances in 2026" in html
    # 14 + 3 - 1 taken - 5 pending = 11.
    assert row(html, 'data-balance="AL"') == (
        "Annual leave 14 3 usable until 31 Mar 2026 1 5 11"
    )
    assert row(html, 'data-balance="SL"') == "Sick leave 14 0 0 0 14"
    assert "Needs no balance: Unpaid leave." in text(response)


def test_carried_over_days_past_their_expiry_are_not_available(
    client, booked, frozen_time
):
    frozen_time("2026-04-01 08:00")
    client.force_login(booked["aisyah_user"])

    html = client.get(URL).content.decode()

    # The 3 carried-over days lapsed; the 6 days used were all by the expiry,
    # so 3 of them came from the carry-over: 14 - 3 = 11 granted days left.
    assert row(html, 'data-balance="AL"') == (
        "Annual leave 14 3 lapsed on 31 Mar 2026 1 5 11"
    )


def test_the_requests_show_their_status_and_a_cancel_button_where_allowed(
    client, booked
):
    client.force_login(booked["aisyah_user"])
    html = client.get(URL).content.decode()

    pending = row(html, f'data-request="{booked["pending"].pk}"')
    approved = row(html, f'data-request="{booked["approved"].pk}"')
    rejected = row(html, f'data-request="{booked["rejected"].pk}"')
    assert pending == (
        "Annual leave Mon 9 Mar – Fri 13 Mar 2026 5 days Pending — Cancel request"
    )
    assert approved == (
        "Annual leave Wed 18 Mar 2026 1 day Approved 27 Feb 2026 by Siti Rahman: "
        "“Fine” Cancel leave"
    )
    assert rejected == (
        "Annual leave Thu 19 Mar 2026 1 day Rejected 27 Feb 2026 by Siti Rahman: "
        "“Audit day”"
    )


def test_leave_that_has_started_has_no_cancel_button(client, booked, frozen_time):
    frozen_time("2026-03-09 08:00")
    client.force_login(booked["aisyah_user"])
    html = client.get(URL).content.decode()

    assert "Cancel" not in row(html, f'data-request="{booked["pending"].pk}"')
    assert "Cancel leave" in row(html, f'data-request="{booked["approved"].pk}"')


def test_cancelling_approved_leave_gives_the_days_back(client, booked):
    client.force_login(booked["aisyah_user"])
    response = client.post(f"{URL}{booked['approved'].pk}/cancel/", follow=True)

    assert response.redirect_chain == [(URL, 302)]
    assert "Annual leave Wed 18 Mar 2026 cancelled. Its days are yours again." in (
        text(response)
    )
    booked["approved"].refresh_from_db()
    assert booked["approved"].status == "cancelled"
    allocation = Allocation.objects.get(pk=booked["aisyah_annual"].pk)
    assert (allocation.taken, allocation.pending) == (Decimal("0"), Decimal("5"))


def test_a_request_that_cannot_be_cancelled_is_explained(client, booked):
    client.force_login(booked["aisyah_user"])
    response = client.post(f"{URL}{booked['rejected'].pk}/cancel/", follow=True)

    assert "This request is rejected." in text(response)


def test_nobody_cancels_someone_elses_leave_from_the_page(client, booked):
    client.force_login(booked["wei_user"])
    response = client.post(f"{URL}{booked['pending'].pk}/cancel/")

    assert response.status_code == 403
    booked["pending"].refresh_from_db()
    assert booked["pending"].status == "pending"


def test_cancelling_by_get_is_not_allowed(client, booked):
    client.force_login(booked["aisyah_user"])

    assert client.get(f"{URL}{booked['pending'].pk}/cancel/").status_code == 405


def test_the_page_shows_only_the_persons_own_leave(client, booked):
    client.force_login(booked["wei_user"])
    response = client.get(URL, {"staff": booked["aisyah"].pk})

    assert response.status_code == 200
    assert "You have not asked for leave yet." in text(response)
    assert "You have no leave allocation for 2026." in text(response)


@pytest.mark.parametrize("url", [URL, ASK, f"{URL}1/cancel/"])
def test_a_sign_in_without_a_staff_record_is_refused(client, leave, url):
    client.force_login(leave["manager"])
    response = client.post(url) if url.endswith("cancel/") else client.get(url)

    assert response.status_code == 403


@pytest.mark.parametrize("url", [URL, ASK])
def test_an_anonymous_visitor_is_sent_to_sign_in(client, leave, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_my_leave_is_in_the_menu_of_everyone_with_a_staff_record(menu_labels, leave):
    assert "My leave" in menu_labels(admin_menu, leave["aisyah_user"])
    # The manager has no staff record.
    assert "My leave" not in menu_labels(admin_menu, leave["manager"])


def test_the_page_takes_the_same_number_of_queries_however_many_requests(
    client, booked, ask
):
    client.force_login(booked["aisyah_user"])
    client.get(URL)  # warm the caches
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    weekdays = [D(2026, 4, day) for day in (20, 21, 22, 23, 24, 27, 28, 29, 30)]
    for day in [*weekdays, D(2026, 5, 4), D(2026, 5, 5)]:
        ask(first_day=day, last_day=day, leave_type=booked["unpaid"])
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)

    assert response.content.decode().count("data-request=") == 14
    assert len(many) == len(few)


# --- asking for leave ----------------------------------------------------------


def form(**fields) -> dict:
    values = {
        "leave_type": "",
        "first_day": "2026-03-09",
        "first_day_part": "whole",
        "last_day": "2026-03-15",
        "last_day_part": "whole",
        "reason": "Family visit",
    }
    return values | fields


def test_the_form_offers_the_active_types_with_their_rules(client, leave):
    leave["unpaid"].active = False
    leave["unpaid"].save()
    client.force_login(leave["aisyah_user"])

    html = client.get(ASK).content.decode()

    assert "Annual leave (ask 7 days ahead)" in html
    assert "Sick leave (needs a document)" in html
    assert "Unpaid leave" not in html


def test_the_preview_lists_each_day_and_sends_nothing(client, leave):
    PublicHolidayFactory(date=WED, name="Agency day")
    client.force_login(leave["aisyah_user"])

    response = client.post(
        ASK,
        form(leave_type=leave["annual"].pk, first_day_part="afternoon", preview="1"),
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "What it costs: 3.5 days of annual leave" in html
    days = [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cells)).strip()
        for cells in re.findall(r"data-preview-day>(.*?)</tr>", html, re.S)
    ]
    assert days == [
        "Mon 9 Mar 2026, afternoon 0.5",
        "Tue 10 Mar 2026 1",
        "Wed 11 Mar 2026 0 Not counted: public holiday: Agency day",
        "Thu 12 Mar 2026 1",
        "Fri 13 Mar 2026 1",
        "Sat 14 Mar 2026 0 Not counted: weekend",
        "Sun 15 Mar 2026 0 Not counted: weekend",
    ]
    assert "data-available>14 days<" in html
    assert "Nothing stands in the way" in html
    # The form comes back filled in, to send as it is.
    assert 'name="first_day" value="2026-03-09"' in html
    assert not LeaveRequest.objects.exists()


def test_sending_asks_for_the_leave(client, leave):
    client.force_login(leave["aisyah_user"])

    response = client.post(
        ASK, form(leave_type=leave["annual"].pk, send="1"), follow=True
    )

    assert response.redirect_chain == [(URL, 302)]
    request = LeaveRequest.objects.get()
    assert (request.staff, request.days, request.status, request.reason) == (
        leave["aisyah"],
        Decimal("5"),
        "pending",
        "Family visit",
    )
    assert (
        "Annual leave asked for: Mon 9 Mar – Sun 15 Mar 2026, 5 days. A lead of "
        "your team decides."
    ) in text(response)


def test_one_morning_needs_only_the_first_day(client, leave):
    client.force_login(leave["aisyah_user"])

    client.post(
        ASK,
        form(
            leave_type=leave["annual"].pk,
            first_day_part="morning",
            last_day="",
            send="1",
        ),
    )

    request = LeaveRequest.objects.get()
    assert (request.first_day, request.last_day, request.days) == (
        MON,
        MON,
        Decimal("0.5"),
    )
    assert (request.first_day_part, request.last_day_part) == ("morning", "morning")


def refusal(client, leave, **fields) -> str:
    response = client.post(ASK, form(**{"leave_type": leave["annual"].pk} | fields))
    assert response.status_code == 200
    assert not LeaveRequest.objects.filter(first_day=MON).exists()
    return text(response)


@pytest.mark.parametrize("button", ["preview", "send"])
def test_an_overlap_is_refused_clearly(client, leave, ask, button):
    ask(first_day=THU, last_day=THU)
    LeaveRequest.objects.update(first_day=THU)  # keep MON free of rows
    client.force_login(leave["aisyah_user"])

    assert "Overlaps pending annual leave 12 Mar 2026." in refusal(
        client, leave, **{button: "1"}
    )


@pytest.mark.parametrize("button", ["preview", "send"])
def test_the_notice_period_is_refused_clearly(client, leave, button):
    client.force_login(leave["aisyah_user"])

    page = refusal(
        client,
        leave,
        first_day="2026-03-02",
        last_day="2026-03-02",
        **{button: "1"},
    )

    assert "Annual leave is asked for at least 7 days ahead." in page


@pytest.mark.parametrize("button", ["preview", "send"])
def test_a_blackout_is_refused_clearly(client, leave, button):
    BlackoutFactory(team=leave["team"], first_day=THU, last_day=FRI, reason="Audit")
    client.force_login(leave["aisyah_user"])

    page = refusal(client, leave, **{button: "1"})

    assert "Desk early has a blackout from 12 Mar to 13 Mar: Audit." in page


@pytest.mark.parametrize("button", ["preview", "send"])
def test_too_few_days_left_is_refused_clearly(client, leave, button):
    Allocation.objects.filter(pk=leave["aisyah_annual"].pk).update(granted=3)
    client.force_login(leave["aisyah_user"])

    page = refusal(client, leave, **{button: "1"})

    assert (
        "Not enough annual leave left in 2026: 5 days asked, 3 available for "
        "leave on 13 Mar 2026."
    ) in page


def test_a_missing_document_is_asked_for_on_sending(client, leave):
    client.force_login(leave["aisyah_user"])

    page = refusal(client, leave, leave_type=leave["sick"].pk, send="1")

    assert "Sick leave needs a document: upload it." in page


def test_the_preview_reminds_that_the_type_needs_a_document(client, leave):
    client.force_login(leave["aisyah_user"])

    page = refusal(client, leave, leave_type=leave["sick"].pk, preview="1")

    assert "Sick leave needs a document: choose it below before sending." in page
    assert "Nothing stands in the way" in page


def test_sick_leave_is_sent_with_its_document(client, leave):
    client.force_login(leave["aisyah_user"])
    certificate = SimpleUploadedFile(
        "mc.pdf", b"%PDF-1.4 medical certificate", "application/pdf"
    )

    response = client.post(
        ASK,
        form(leave_type=leave["sick"].pk, certificate=certificate, send="1"),
    )

    assert response.status_code == 302
    request = LeaveRequest.objects.get()
    with request.certificate.open("rb") as stored:
        assert stored.read() == b"%PDF-1.4 medical certificate"


def test_a_document_of_another_kind_is_refused_clearly(client, leave):
    client.force_login(leave["aisyah_user"])
    page = refusal(
        client,
        leave,
        leave_type=leave["sick"].pk,
        certificate=SimpleUploadedFile("mc.exe", b"MZ"),
        send="1",
    )

    assert "Upload the document as PDF, JPEG or PNG." in page


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"first_day": "31/02/2026"}, "Enter a valid date."),
        ({"first_day": ""}, "This field is required."),
        ({"last_day": "2026-03-01"}, "The leave ends before it starts."),
        (
            {"first_day_part": "morning"},
            "Leave over several days can start in the afternoon, not end at noon.",
        ),
        ({"first_day_part": "evening"}, "Select a valid choice."),
        ({"leave_type": "999"}, "Select a valid choice."),
    ],
)
@pytest.mark.parametrize("button", ["preview", "send"])
def test_days_that_do_not_make_a_request_are_explained(
    client, leave, fields, message, button
):
    client.force_login(leave["aisyah_user"])

    page = refusal(client, leave, **{**fields, button: "1"})

    assert message in page
