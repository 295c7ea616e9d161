"""*My shifts*: a person's month of shifts with previous and next months,
swapping from the calendar, the offers they may take, their calendar feed,
and the dashboard panel that leads there. Only ever the person's own."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from workforce.scheduling.models import CalendarFeed, ShiftSwap
from workforce.scheduling.services import shift_set
from workforce.scheduling.swaps import swap_offer, swap_take

D = datetime.date
URL = "/admin/my-shifts/"
MON, TUE, WED = D(2026, 3, 2), D(2026, 3, 3), D(2026, 3, 4)


@pytest.fixture
def week(floor, publish):
    """Aisyah: Monday early, Tuesday late, Wednesday early cancelled; Wei:
    Tuesday early; Kelvin: Wednesday late."""
    shifts = publish(
        [
            (floor["aisyah"], MON, floor["early"]),
            (floor["aisyah"], TUE, floor["late"]),
            (floor["aisyah"], WED, floor["early"]),
            (floor["wei"], TUE, floor["early"]),
            (floor["kelvin"], WED, floor["late"]),
        ]
    )
    shift_set(
        team=floor["team"],
        staff=floor["aisyah"],
        day=WED,
        shift_type=None,
        by=floor["lead"],
        reason="Training day",
    )
    names = ["aisyah_mon", "aisyah_tue", "aisyah_wed", "wei_tue", "kelvin_wed"]
    return {**floor, **dict(zip(names, shifts, strict=True))}


def cell(html: str, day: D) -> str:
    match = re.search(rf'data-day="{day:%Y-%m-%d}">(.*?)</td>', html, re.S)
    assert match, day
    return match.group(1)


def test_the_month_shows_the_persons_published_and_cancelled_shifts(client, week):
    client.force_login(week["aisyah_user"])
    response = client.get(URL, {"month": "2026-03"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "March 2026" in html
    assert 'Early</strong> <span class="shift-times">07:00–16:00' in cell(html, MON)
    assert 'Late</strong> <span class="shift-times">13:00–22:00' in cell(html, TUE)
    wednesday = cell(html, WED)
    assert 'class="shift cancelled"' in wednesday
    assert "Cancelled" in wednesday
    assert 'href="/admin/my-shifts/offer/' not in wednesday
    # Only her own: Wei's Tuesday early and Kelvin's Wednesday late are not shown.
    assert "07:00–16:00" not in cell(html, TUE)
    assert "Late" not in wednesday


def test_previous_and_next_month_links(client, week):
    client.force_login(week["aisyah_user"])
    html = client.get(URL, {"month": "2026-03"}).content.decode()
    assert 'href="/admin/my-shifts/?month=2026-02" rel="prev"' in html
    assert 'href="/admin/my-shifts/?month=2026-04" rel="next"' in html
    april = client.get(URL, {"month": "2026-04"}).content.decode()
    assert "April 2026" in april
    assert "07:00–16:00" not in april


@pytest.mark.parametrize("month", ["2026-13", "march", "0001-01", "2026-03-01x"])
def test_a_month_that_is_not_one_shows_this_month(client, week, month):
    client.force_login(week["aisyah_user"])
    response = client.get(URL, {"month": month})
    assert response.status_code == 200
    assert "February 2026" in response.content.decode()


def test_december_leads_to_january(client, week):
    client.force_login(week["aisyah_user"])
    html = client.get(URL, {"month": "2026-12"}).content.decode()
    assert 'href="/admin/my-shifts/?month=2027-01" rel="next"' in html
    assert 'href="/admin/my-shifts/?month=2026-11" rel="prev"' in html


def test_the_page_never_shows_anyone_elses_shifts(client, week):
    client.force_login(week["wei_user"])
    html = client.get(URL, {"month": "2026-03", "staff": week["aisyah"].pk})
    html = html.content.decode()
    assert "07:00–16:00" in cell(html, TUE)  # his own early
    assert "shift-times" not in cell(html, MON)


def test_a_sign_in_without_a_staff_record_is_told_so(client, week):
    client.force_login(week["manager"])
    html = client.get(URL).content.decode()
    assert "No staff record is linked to your sign-in." in html


def test_an_anonymous_visitor_is_sent_to_sign_in(client, week):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_month_takes_the_same_number_of_queries_however_many_shifts(
    client, week, publish
):
    client.force_login(week["aisyah_user"])
    client.get(URL, {"month": "2026-03"})  # warm the caches
    with CaptureQueriesContext(connection) as few:
        client.get(URL, {"month": "2026-03"})
    days = [D(2026, 3, day) for day in range(9, 28)]
    publish([(week["aisyah"], day, week["early"]) for day in days])
    taken = swap_offer(shift=week["aisyah_mon"], by=week["aisyah_user"])
    swap_take(swap=taken, by=week["wei_user"])
    swap_offer(
        shift=week["aisyah_tue"], by=week["aisyah_user"], in_return=week["wei_tue"]
    )
    swap_offer(shift=week["kelvin_wed"], by=week["kelvin_user"])
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL, {"month": "2026-03"})
    html = response.content.decode()
    assert html.count('class="shift"') == 21
    assert "Wei Ming Tan takes it: awaiting approval" in html
    assert "Swap proposed to Wei Ming Tan" in html
    assert len(many) == len(few)


def test_offering_a_shift_to_the_team_from_the_calendar(client, week):
    client.force_login(week["aisyah_user"])
    html = client.get(URL, {"month": "2026-03"}).content.decode()
    offer_url = f"/admin/my-shifts/offer/{week['aisyah_mon'].pk}/"
    assert f'href="{offer_url}"' in cell(html, MON)
    assert "Offer it to anyone in Desk early" in client.get(offer_url).content.decode()

    response = client.post(offer_url, {"kind": "team", "note": "Dentist"})

    assert response.status_code == 302
    assert response["Location"] == "/admin/my-shifts/?month=2026-03"
    swap = ShiftSwap.objects.get()
    assert (swap.shift, swap.in_return, swap.note) == (
        week["aisyah_mon"],
        None,
        "Dentist",
    )
    html = client.get(URL, {"month": "2026-03"}).content.decode()
    assert "Offered to the team" in cell(html, MON)
    assert f'action="/admin/my-shifts/swaps/{swap.pk}/withdraw/"' in cell(html, MON)


def test_proposing_a_direct_swap_names_the_colleague_and_the_day(client, week):
    client.force_login(week["aisyah_user"])
    offer_url = f"/admin/my-shifts/offer/{week['aisyah_mon'].pk}/"
    response = client.post(
        offer_url,
        {"kind": "direct", "colleague": week["wei"].pk, "their_day": "2026-03-03"},
    )
    assert response.status_code == 302
    swap = ShiftSwap.objects.get()
    assert swap.in_return == week["wei_tue"]


def test_a_direct_swap_for_a_day_the_colleague_does_not_work_says_so(client, week):
    client.force_login(week["aisyah_user"])
    offer_url = f"/admin/my-shifts/offer/{week['aisyah_mon'].pk}/"
    response = client.post(
        offer_url,
        {"kind": "direct", "colleague": week["wei"].pk, "their_day": "2026-03-04"},
    )
    assert response.status_code == 200
    assert (
        "Wei Ming Tan has no published shift in Desk early on Wed 04 Mar 2026."
        in response.content.decode()
    )
    response = client.post(offer_url, {"kind": "direct", "their_day": "31/02/2026"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose the colleague to swap with." in html
    assert "Enter a valid date." in html
    assert not ShiftSwap.objects.exists()


def test_the_colleague_list_holds_only_teammates(client, week):
    client.force_login(week["aisyah_user"])
    html = client.get(f"/admin/my-shifts/offer/{week['aisyah_mon'].pk}/")
    html = html.content.decode()
    assert ">Wei Ming Tan<" in html
    assert ">Kelvin Lim<" in html
    assert "Dewi" not in html  # Desk late
    assert ">Nur Aisyah binti Ahmad<" not in html


def test_the_offer_page_loads_the_date_choosers_script(client, week):
    # Without it the day field's chooser throws "initDateChooser is not defined".
    client.force_login(week["aisyah_user"])
    html = client.get(f"/admin/my-shifts/offer/{week['aisyah_mon'].pk}/")
    assert "wagtailadmin/js/date-time-chooser.js" in html.content.decode()


def test_a_collector_cannot_offer_someone_elses_shift_from_the_page(client, week):
    client.force_login(week["wei_user"])
    offer_url = f"/admin/my-shifts/offer/{week['aisyah_mon'].pk}/"
    assert client.get(offer_url).status_code == 403
    assert client.post(offer_url, {"kind": "team"}).status_code == 403
    assert not ShiftSwap.objects.exists()


def test_a_teammate_takes_an_open_offer(client, week):
    swap = swap_offer(shift=week["aisyah_mon"], by=week["aisyah_user"], note="Exam")
    client.force_login(week["kelvin_user"])
    html = client.get(URL).content.decode()
    assert "Mon 02 Mar Early 07:00–16:00</strong> in Desk early" in html
    assert "“Exam”" in html
    take_url = f"/admin/my-shifts/swaps/{swap.pk}/take/"
    assert f'action="{take_url}"' in html

    response = client.post(take_url)

    assert response.status_code == 302
    swap.refresh_from_db()
    assert (swap.status, swap.taken_by) == (ShiftSwap.Status.TAKEN, week["kelvin"])


def test_offers_show_only_to_members_of_the_team_that_day(client, week):
    swap = swap_offer(shift=week["aisyah_mon"], by=week["aisyah_user"])
    client.force_login(week["dewi_user"])
    assert "Mon 02 Mar Early" not in client.get(URL).content.decode()
    response = client.post(f"/admin/my-shifts/swaps/{swap.pk}/take/")
    assert response.status_code == 403
    assert ShiftSwap.objects.get().status == ShiftSwap.Status.OFFERED


def test_taking_by_get_is_not_allowed(client, week):
    swap = swap_offer(shift=week["aisyah_mon"], by=week["aisyah_user"])
    client.force_login(week["kelvin_user"])
    assert client.get(f"/admin/my-shifts/swaps/{swap.pk}/take/").status_code == 405


def test_a_refused_take_is_explained(client, week, publish):
    # Monday's late (13:00-22:00) overlaps the early offered to him.
    publish([(week["kelvin"], MON, week["late"])])
    swap = swap_offer(shift=week["aisyah_mon"], by=week["aisyah_user"])
    client.force_login(week["kelvin_user"])
    response = client.post(f"/admin/my-shifts/swaps/{swap.pk}/take/", follow=True)
    assert (
        "It cannot be taken. Kelvin Lim: overlaps the shift of Mon 02 Mar "
        "(13:00–22:00)." in response.content.decode()
    )
    assert ShiftSwap.objects.get().status == ShiftSwap.Status.OFFERED


def test_a_direct_swap_is_accepted_or_refused_by_the_colleague(client, week):
    swap = swap_offer(
        shift=week["aisyah_mon"], by=week["aisyah_user"], in_return=week["wei_tue"]
    )
    client.force_login(week["kelvin_user"])
    assert "asks to swap" not in client.get(URL).content.decode()
    client.force_login(week["wei_user"])
    html = client.get(URL).content.decode()
    assert (
        "<strong>Nur Aisyah binti Ahmad</strong> asks to swap: you work "
        "<strong>Mon 02 Mar Early 07:00–16:00</strong>, they work your "
        "<strong>Tue 03 Mar Early 07:00–16:00</strong>." in html
    )
    assert "Accept the swap" in html
    response = client.post(f"/admin/my-shifts/swaps/{swap.pk}/withdraw/")
    assert response.status_code == 302
    assert ShiftSwap.objects.get().status == ShiftSwap.Status.WITHDRAWN


def test_the_offerer_withdraws_from_the_calendar(client, week):
    swap = swap_offer(shift=week["aisyah_mon"], by=week["aisyah_user"])
    swap_take(swap=swap, by=week["wei_user"])
    client.force_login(week["aisyah_user"])
    html = client.get(URL, {"month": "2026-03"}).content.decode()
    assert "Wei Ming Tan takes it: awaiting approval" in cell(html, MON)
    client.post(f"/admin/my-shifts/swaps/{swap.pk}/withdraw/")
    assert ShiftSwap.objects.get().status == ShiftSwap.Status.WITHDRAWN
    html = client.get(URL).content.decode()
    assert "<td>Withdrawn</td>" in html  # kept in My swaps


def test_someone_outside_a_swap_cannot_withdraw_it(client, week):
    swap = swap_offer(shift=week["aisyah_mon"], by=week["aisyah_user"])
    client.force_login(week["kelvin_user"])
    assert client.post(f"/admin/my-shifts/swaps/{swap.pk}/withdraw/").status_code == (
        403
    )
    assert ShiftSwap.objects.get().status == ShiftSwap.Status.OFFERED


def test_the_person_makes_renews_and_stops_their_calendar_address(client, week):
    client.force_login(week["aisyah_user"])
    assert "Make my calendar address" in client.get(URL).content.decode()

    client.post("/admin/my-shifts/calendar-feed/", {"action": "renew"})
    first = CalendarFeed.objects.get(staff=week["aisyah"]).token
    html = client.get(URL).content.decode()
    assert f'value="http://localhost/calendar/shifts/{first}.ics"' in html
    assert f'href="webcal://localhost/calendar/shifts/{first}.ics"' in html

    client.post("/admin/my-shifts/calendar-feed/", {"action": "renew"})
    second = CalendarFeed.objects.get(staff=week["aisyah"]).token
    assert second != first
    assert first not in client.get(URL).content.decode()

    client.post("/admin/my-shifts/calendar-feed/", {"action": "revoke"})
    assert not CalendarFeed.objects.exists()


def test_someone_without_a_staff_record_has_no_calendar_address(client, week):
    client.force_login(week["manager"])
    response = client.post("/admin/my-shifts/calendar-feed/", {"action": "renew"})
    assert response.status_code == 403
    assert not CalendarFeed.objects.exists()


def test_the_dashboard_shows_the_next_seven_days_and_leads_to_my_shifts(
    client, week, frozen_time
):
    frozen_time("2026-03-03 14:00")  # Tuesday, during her late shift
    client.force_login(week["aisyah_user"])
    html = client.get("/admin/").content.decode()
    panel = html[html.index('data-panel="my-shifts-this-week"') :]
    panel = panel[: panel.index("</section>")]
    assert "My shifts this week" in panel
    assert "(3 Mar – 9 Mar)" in panel
    assert "Mon 2 Mar" not in panel
    assert "<strong>Today</strong>, Tue 3 Mar: Late 13:00–22:00, Desk early" in panel
    assert "Wed 4 Mar: <s>Early 07:00–16:00</s> (cancelled)" in panel
    assert f'href="{URL}"' in panel


def test_the_dashboard_panel_is_only_for_people_with_shifts(client, week):
    client.force_login(week["dewi_user"])  # no shifts at all
    assert "My shifts this week" not in client.get("/admin/").content.decode()
    client.force_login(week["kelvin_user"])
    assert "My shifts this week" in client.get("/admin/").content.decode()


def test_my_shifts_is_in_the_menu_of_everyone_with_a_staff_record(
    rf, desk, user_with_role
):
    from django.urls import reverse
    from wagtail.admin.menu import admin_menu

    def labels(user):
        # Viewsets hook their menu items in as the admin's URLs load.
        request = rf.get(reverse("wagtailadmin_home"))
        request.user = user
        return [str(item.label) for item in admin_menu.menu_items_for_request(request)]

    assert "My shifts" in labels(desk["aisyah_user"])
    # An editor with no staff record has no shifts to see.
    assert "My shifts" not in labels(user_with_role("Editor", username="no-record"))
