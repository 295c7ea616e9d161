"""*Shift swaps* in the admin: a lead sees their teams' swaps, a manager
every team's, and each reviews one with the planning rules' findings shown
before approving or declining. Everyone else is refused."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from workforce.scheduling.models import Shift, ShiftSwap
from workforce.scheduling.swaps import swap_offer, swap_take

D = datetime.date
URL = "/admin/workforce/shift-swaps/"
SUN, MON, TUE = D(2026, 3, 1), D(2026, 3, 2), D(2026, 3, 3)


@pytest.fixture
def swaps(floor, publish):
    """Aisyah's Monday early, taken by Wei (awaiting approval); in Desk late,
    Dewi's Tuesday late offered to her team."""
    aisyah_mon, wei_tue = publish(
        [(floor["aisyah"], MON, floor["early"]), (floor["wei"], TUE, floor["late"])]
    )
    (dewi_tue,) = publish(
        [(floor["dewi"], TUE, floor["late"])],
        team=floor["other"],
        by=floor["other_lead"],
    )
    taken = swap_offer(shift=aisyah_mon, by=floor["aisyah_user"], note="Exam")
    swap_take(swap=taken, by=floor["wei_user"])
    elsewhere = swap_offer(shift=dewi_tue, by=floor["dewi_user"])
    return {
        **floor,
        "aisyah_mon": aisyah_mon,
        "wei_tue": wei_tue,
        "taken": taken,
        "elsewhere": elsewhere,
    }


def review_url(swap) -> str:
    return f"{URL}review/{swap.pk}/"


def test_a_lead_lists_the_swaps_of_their_teams_only(client, swaps):
    client.force_login(swaps["lead"])
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mon 02 Mar Early 07:00–16:00" in html
    assert "Nur Aisyah binti Ahmad" in html
    assert "Awaiting approval" in html
    assert f'href="{review_url(swaps["taken"])}"' in html
    assert "Dewi Santoso" not in html


def test_a_manager_lists_every_teams_swaps_those_awaiting_a_decision_first(
    client, swaps, frozen_time
):
    frozen_time("2026-02-27 10:00")
    newer = swap_offer(shift=swaps["wei_tue"], by=swaps["wei_user"])
    client.force_login(swaps["manager"])
    html = client.get(URL).content.decode()
    rows = [
        html.index(f'href="{review_url(swap)}"')
        for swap in (swaps["taken"], newer, swaps["elsewhere"])
    ]
    # Awaiting approval; then offers, newest first.
    assert rows == sorted(rows)


def test_the_listing_filters_by_status(client, swaps):
    client.force_login(swaps["manager"])
    html = client.get(URL, {"status": "offered"}).content.decode()
    assert "Dewi Santoso" in html
    assert "Nur Aisyah binti Ahmad" not in html


def test_collectors_are_refused_the_listing_and_the_review(client, swaps):
    client.force_login(swaps["kelvin_user"])
    assert client.get(URL).status_code == 403
    assert client.get(review_url(swaps["taken"])).status_code == 403
    response = client.post(review_url(swaps["taken"]), {"action": "approve"})
    assert response.status_code == 403
    assert ShiftSwap.objects.get(pk=swaps["taken"].pk).status == "taken"


def test_the_people_in_a_swap_may_not_review_it_either(client, swaps):
    client.force_login(swaps["aisyah_user"])
    assert client.get(review_url(swaps["taken"])).status_code == 403


def test_a_lead_is_refused_another_teams_swap(client, swaps):
    client.force_login(swaps["lead"])
    assert client.get(review_url(swaps["elsewhere"])).status_code == 403
    response = client.post(
        review_url(swaps["elsewhere"]), {"action": "decline", "comment": "No"}
    )
    assert response.status_code == 403
    assert ShiftSwap.objects.get(pk=swaps["elsewhere"].pk).status == "offered"


def test_anonymous_visitors_are_sent_to_sign_in(client, swaps):
    for url in (URL, review_url(swaps["taken"])):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")


def test_swaps_are_not_added_edited_or_deleted_in_the_admin(client, swaps):
    client.force_login(swaps["manager"])
    for path in ("new/", f"edit/{swaps['taken'].pk}/", f"delete/{swaps['taken'].pk}/"):
        assert client.get(URL + path).status_code == 404


def test_the_review_shows_no_findings_and_approving_moves_the_shift(client, swaps):
    client.force_login(swaps["lead"])
    html = client.get(review_url(swaps["taken"])).content.decode()
    assert "No rule is broken by the swap." in html
    assert "Exam" in html
    assert 'value="approve"' in html

    response = client.post(
        review_url(swaps["taken"]), {"action": "approve", "comment": "OK"}
    )

    assert response.status_code == 302
    assert Shift.objects.get(pk=swaps["aisyah_mon"].pk).staff == swaps["wei"]
    html = client.get(review_url(swaps["taken"])).content.decode()
    assert "<dd data-status>Approved</dd>" in html
    assert (
        "Mon 02 Mar Early 07:00–16:00 (Nur Aisyah binti Ahmad) → "
        "Mon 02 Mar Early 07:00–16:00 (Wei Ming Tan)" in html
    )


def test_warnings_are_shown_and_need_a_reason_to_approve(client, swaps, publish):
    publish([(swaps["wei"], SUN, swaps["late"])])  # ends 22:00, 9 h before Monday
    client.force_login(swaps["lead"])
    html = client.get(review_url(swaps["taken"])).content.decode()
    assert "data-warnings" in html
    assert "<li>Wei Ming Tan: 9 h 00 of rest after the shift of Sun 01 Mar" in html
    assert 'name="override_reason"' in html

    response = client.post(review_url(swaps["taken"]), {"action": "approve"})
    assert response.status_code == 200
    assert "Give a reason to approve despite the warnings." in (
        response.content.decode()
    )
    assert Shift.objects.get(pk=swaps["aisyah_mon"].pk).staff == swaps["aisyah"]

    client.post(
        review_url(swaps["taken"]),
        {"action": "approve", "override_reason": "He asked"},
    )
    assert Shift.objects.get(pk=swaps["aisyah_mon"].pk).staff == swaps["wei"]


def test_a_refused_swap_shows_why_and_offers_only_to_decline(client, swaps, publish):
    publish([(swaps["wei"], MON, swaps["late"])])  # 13:00-22:00 overlaps the early
    client.force_login(swaps["lead"])
    html = client.get(review_url(swaps["taken"])).content.decode()
    assert "data-refused" in html
    assert "<li>Wei Ming Tan: overlaps the shift of Mon 02 Mar (13:00–22:00)" in html
    assert 'value="approve"' not in html
    response = client.post(
        review_url(swaps["taken"]), {"action": "approve", "override_reason": "Do it"}
    )
    assert response.status_code == 200
    assert "The rules refuse this swap; decline it." in response.content.decode()
    assert Shift.objects.get(pk=swaps["aisyah_mon"].pk).staff == swaps["aisyah"]


def test_declining_needs_a_comment(client, swaps):
    client.force_login(swaps["lead"])
    response = client.post(review_url(swaps["taken"]), {"action": "decline"})
    assert response.status_code == 200
    assert "Say why the swap is declined." in response.content.decode()
    client.post(
        review_url(swaps["taken"]), {"action": "decline", "comment": "Training"}
    )
    swap = ShiftSwap.objects.get(pk=swaps["taken"].pk)
    assert (swap.status, swap.decision_comment) == ("declined", "Training")


def test_the_listing_exports_csv(client, swaps):
    client.force_login(swaps["lead"])
    response = client.get(URL, {"export": "csv"})
    body = b"".join(response.streaming_content).decode()
    lines = body.strip().splitlines()
    assert lines[0] == (
        "Day,Shift,Team,Offered by,Taken by,In return,Note,Status,Offered at,"
        "Decided by,Decided at,Comment"
    )
    assert lines[1].startswith(
        "2026-03-02,Mon 02 Mar Early 07:00–16:00,Desk early,"
        "Nur Aisyah binti Ahmad,Wei Ming Tan,,Exam,Awaiting approval,"
    )
    assert len(lines) == 2


def test_the_listing_takes_the_same_number_of_queries_however_many_swaps(
    client, swaps, publish
):
    client.force_login(swaps["manager"])
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    days = [D(2026, 3, day) for day in range(9, 20)]
    for shift in publish([(swaps["kelvin"], day, swaps["early"]) for day in days]):
        swap = swap_offer(shift=shift, by=swaps["kelvin_user"])
        swap_take(swap=swap, by=swaps["aisyah_user"])
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    assert response.content.decode().count("Kelvin Lim") == 11
    assert len(many) == len(few)
