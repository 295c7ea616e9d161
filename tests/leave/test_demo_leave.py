"""The demo's leave: the types, everyone's allocations with some days carried
over, Singapore's public holidays, the desk teams' month-end blackouts, and
requests in every state made through the services. Seeds only what it
stands on (the demo sign-ins, the people and their plan), not the whole
demo."""

import datetime
from collections import Counter
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import mail
from django.db.models import Q, Sum

from deskbook.core.demo import ensure_demo_users
from workforce.leave.demo import seed_leave
from workforce.leave.demo_stories import RECORDED_SICK
from workforce.leave.models import (
    Allocation,
    Blackout,
    LeaveCharge,
    LeaveRequest,
    LeaveType,
    PublicHoliday,
)
from workforce.leave.selectors import may_decide, staffing_impact
from workforce.people.demo import TEAMS, seed_teams_and_staff
from workforce.people.models import Staff, Team
from workforce.scheduling.demo import seed_shift_planning
from workforce.scheduling.models import Shift, ShiftChange

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_tree")]

D = datetime.date
Status = LeaveRequest.Status
QUIET = {"log": lambda line: None}
SMALL_TEAM_NAMES = [name for name, *_ in TEAMS]


@pytest.fixture
def demo(frozen_time, django_capture_on_commit_callbacks):
    """The people, their plan and their leave seeded on Tuesday 10 March
    2026; what the leave seed left to run once committed is in
    ``callbacks``."""
    frozen_time("2026-03-10 09:00")
    ensure_demo_users()
    seed_teams_and_staff(size="small", **QUIET)
    seed_shift_planning(size="small", **QUIET)
    with django_capture_on_commit_callbacks() as callbacks:
        seed_leave(size="small", **QUIET)
    return callbacks


def request_of(username: str) -> LeaveRequest:
    return LeaveRequest.objects.get(staff__user__username=username)


def in_team(name: str):
    return LeaveRequest.objects.filter(
        staff__memberships__team__name=name, staff__memberships__valid_to=None
    ).select_related("staff__user", "leave_type")


def test_leave_types_allocations_with_carry_over_holidays_and_blackouts(demo):
    types = {t.code: t for t in LeaveType.objects.all()}
    assert {
        code: (t.paid, t.needs_balance, t.needs_document, t.notice_days)
        for code, t in types.items()
    } == {
        "AL": (True, True, False, 7),
        "SL": (True, True, True, 0),
        "UL": (False, False, False, 14),
        "CL": (True, False, False, 0),
        "TL": (True, True, False, 14),
    }
    # Only annual leave carries unused days into the next year.
    assert {code for code, t in types.items() if t.carries_over} == {"AL"}
    # This year's days for everyone still employed, of each type with a
    # balance; no story reaches into 2027, so 2027 is not opened.
    staff = Staff.objects.exclude(status=Staff.Status.LEFT)
    assert Allocation.objects.count() == 3 * staff.count() == 3 * 45
    assert set(Allocation.objects.values_list("year", flat=True)) == {2026}
    assert set(Allocation.objects.values_list("leave_type__code", flat=True)) == {
        "AL",
        "SL",
        "TL",
    }
    # 14 days of annual leave, 18 after five years' service on 1 January.
    annual = Allocation.objects.filter(leave_type__code="AL")
    served = annual.values_list("staff__hired_on", "granted")
    assert {granted for hired, granted in served if hired <= D(2020, 12, 31)} == {18}
    assert {granted for hired, granted in served if hired >= D(2021, 1, 3)} == {14}
    assert set(
        Allocation.objects.exclude(leave_type__code="AL").values_list(
            "leave_type__code", "granted"
        )
    ) == {("SL", Decimal(14)), ("TL", Decimal(5))}
    # Some carry days over, annual leave only, usable until 31 March.
    carried = Allocation.objects.exclude(carried_over=0)
    assert 5 <= carried.count() <= 30
    assert set(carried.values_list("leave_type__code", flat=True)) == {"AL"}
    assert set(carried.values_list("carry_over_expires", flat=True)) == {D(2026, 3, 31)}
    assert {int(days) for days in carried.values_list("carried_over", flat=True)} <= {
        1,
        2,
        3,
        4,
        5,
    }
    assert not Allocation.objects.filter(
        carried_over=0, carry_over_expires__isnull=False
    ).exists()

    # Singapore's public holidays of the year, from the holidays package.
    holidays = dict(
        PublicHoliday.objects.filter(date__year=2026).values_list("date", "name")
    )
    assert holidays[D(2026, 1, 1)] == "New Year's Day"
    assert holidays[D(2026, 4, 3)] == "Good Friday"
    assert holidays[D(2026, 8, 9)] == "National Day"
    assert holidays[D(2026, 12, 25)] == "Christmas Day"
    assert set(PublicHoliday.objects.values_list("source", flat=True)) == {"public"}

    # The last five days of this month and the next, for the desk teams.
    assert sorted(
        Blackout.objects.values_list("team__name", "first_day", "last_day")
    ) == sorted(
        (team, first, last)
        for team in (
            "Desk early collection",
            "Desk late collection",
            "Desk pre-collection",
            "Partner early collection",
        )
        for first, last in [
            (D(2026, 3, 27), D(2026, 3, 31)),
            (D(2026, 4, 26), D(2026, 4, 30)),
        ]
    )


def test_requests_in_every_state_through_the_services(demo):
    requests = LeaveRequest.objects.select_related("staff", "leave_type")
    assert Counter(requests.values_list("status", flat=True)) == {
        Status.PENDING: 4,
        Status.APPROVED: 6,
        Status.REJECTED: 1,
        Status.CANCELLED: 2,
    }
    # Spread over the five teams, around today: three already taken.
    teams = {r.staff.team_on(r.first_day).name for r in requests}
    assert len(teams) == 5
    assert requests.filter(last_day__lt=D(2026, 3, 10)).count() == 3
    assert requests.filter(first_day__gt=D(2026, 3, 10)).count() == 10

    # Approving cancelled the person's published shifts on its days, logged
    # with why; cancelling approved leave published them again.
    # Leave before the plan (which starts on 1 March) costs Monday to Friday
    # and has no shifts to cancel: Wednesday 25 to Friday 27 February.
    [before_the_plan] = requests.filter(first_day__lt=D(2026, 3, 1))
    assert (before_the_plan.status, before_the_plan.days) == (Status.APPROVED, 3)
    assert not before_the_plan.shifts_cancelled.exists()
    for request in requests.filter(
        status=Status.APPROVED, first_day__gte=D(2026, 3, 1)
    ):
        cancelled = list(request.shifts_cancelled.all())
        assert cancelled, request
        for shift in cancelled:
            assert shift.status == Shift.Status.CANCELLED
            assert request.first_day <= shift.day <= request.last_day
            assert shift.changes.filter(reason="Approved leave").exists()
    [called_off] = requests.filter(status=Status.CANCELLED, decided_by__isnull=False)
    assert called_off.shifts_cancelled.exists()
    for shift in called_off.shifts_cancelled.all():
        assert shift.status == Shift.Status.PUBLISHED
        assert shift.changes.filter(reason="Leave cancelled").exists()
    [withdrawn] = requests.filter(status=Status.CANCELLED, decided_by__isnull=True)
    assert withdrawn.cancelled_by == withdrawn.staff.user

    # Sick leave comes with its certificate, in private storage.
    for request in requests.filter(leave_type__code="SL"):
        assert request.override_reason == RECORDED_SICK
        with request.certificate.open("rb") as stored:
            assert stored.read(8) == b"%PDF-1.4"
    # A half day costs half a day.
    [half] = requests.filter(first_day_part="afternoon")
    assert (half.first_day, half.last_day_part, half.days) == (
        half.last_day,
        "afternoon",
        Decimal("0.5"),
    )
    # A manager allowed a wedding over next month's blackout, with a reason.
    [wedding] = requests.filter(reason="My wedding")
    assert wedding.status == Status.APPROVED
    assert wedding.override_reason.startswith("Booked before the month-end push")
    assert wedding.requested_by.username == "manager"
    assert wedding.last_day >= D(2026, 4, 26)

    # Nobody is e-mailed about the demo's made-up people.
    assert demo == []
    assert mail.outbox == []


def check_every_balance_is_the_sum_of_its_charges():
    def charged(status):
        return Sum("charges__days", filter=Q(charges__request__status=status))

    rows = Allocation.objects.annotate(
        approved=charged(Status.APPROVED), pending_days=charged(Status.PENDING)
    )
    for allocation in rows:
        assert allocation.taken == (allocation.approved or 0), allocation
        assert allocation.pending == (allocation.pending_days or 0), allocation
    standing = LeaveCharge.objects.filter(
        request__status__in=[Status.PENDING, Status.APPROVED]
    ).aggregate(days=Sum("days"))["days"]
    used = Allocation.objects.aggregate(days=Sum("taken") + Sum("pending"))["days"]
    assert used == standing > 0


def test_every_balance_is_the_sum_of_its_charges(demo):
    check_every_balance_is_the_sum_of_its_charges()
    # The half day is the only leave its person asked for: half a day pending.
    [half] = LeaveRequest.objects.filter(first_day_part="afternoon")
    annual = Allocation.objects.get(staff=half.staff, leave_type__code="AL")
    assert (annual.taken, annual.pending) == (0, Decimal("0.5"))
    # Rejected and cancelled leave holds no days.
    for request in LeaveRequest.objects.filter(
        status__in=[Status.REJECTED, Status.CANCELLED]
    ):
        allocation = Allocation.objects.get(
            staff=request.staff, leave_type=request.leave_type
        )
        assert (allocation.taken, allocation.pending) == (0, 0)


def test_pending_leave_for_the_demo_lead_one_takes_the_short_team_under(demo):
    teamlead = get_user_model().objects.get(username="teamlead")
    early = Team.objects.get(name="Desk early collection")
    # The demo collector's own request, waiting for their lead.
    mine = request_of("collector")
    assert (mine.status, mine.leave_type.code) == (Status.PENDING, "AL")
    assert mine.requested_by.username == "collector"
    # A teammate's, which the lead would approve only by confirming the
    # half hours the short-handed team loses.
    [theirs] = (
        in_team("Desk early collection")
        .filter(status=Status.PENDING, staff__user__username__isnull=False)
        .exclude(staff__user__username="collector")
    )
    for request in (mine, theirs):
        assert may_decide(viewer=teamlead, request=request)
        short = staffing_impact(request)
        assert short
        assert {day.team for day in short} == {early}
        assert all("under the minimum of 7" in day.describe() for day in short)
    # The approved sick days there were confirmed under the minimum.
    [sick] = in_team("Desk early collection").filter(status=Status.APPROVED)
    assert sick.decided_by == teamlead
    assert "Desk early collection" in sick.staffing_confirmed
    assert "under the minimum of 7" in sick.staffing_confirmed


def leave_rows() -> dict:
    counts = {
        model._meta.label: model._default_manager.count()
        for model in apps.get_app_config("leave").get_models()
    }
    counts["allocations"] = sorted(
        Allocation.objects.values_list(
            "pk", "granted", "carried_over", "taken", "pending"
        )
    )
    counts["shifts"] = sorted(Shift.objects.values_list("pk", "status"))
    counts["changes"] = ShiftChange.objects.count()
    return counts


def test_seeding_again_changes_nothing(demo):
    before = leave_rows()
    seed_leave(size="small", **QUIET)
    assert leave_rows() == before


def test_the_large_demo_adds_five_requests_a_large_team_and_only_those(
    frozen_time,
):
    # Without the plan (its large seed takes seconds): costs fall on Monday
    # to Friday.
    frozen_time("2026-03-10 09:00")
    ensure_demo_users()
    seed_teams_and_staff(size="large", **QUIET)
    seed_leave(size="small", **QUIET)
    small = leave_rows()
    seed_leave(size="large", **QUIET)
    large = leave_rows()

    assert large["leave.Allocation"] == 3 * 545
    new = LeaveRequest.objects.exclude(
        staff__memberships__team__name__in=SMALL_TEAM_NAMES
    ).select_related("staff")
    assert new.count() == large["leave.LeaveRequest"] - small["leave.LeaveRequest"]
    by_team = {}
    for request in new:
        team = request.staff.team_on(D(2026, 3, 10)).name
        by_team.setdefault(team, Counter())[request.status] += 1
    # In each of the 25 large teams: one pending, a sick day taken and leave
    # ahead approved, one rejected, one approved then cancelled.
    assert len(by_team) == 25
    assert set(map(tuple, (sorted(c.items()) for c in by_team.values()))) == {
        (
            (Status.APPROVED, 2),
            (Status.CANCELLED, 1),
            (Status.PENDING, 1),
            (Status.REJECTED, 1),
        )
    }
    seed_leave(size="large", **QUIET)
    assert leave_rows() == large


@pytest.mark.parametrize(
    "today, years",
    [
        # Leave ahead reaches January: the new year is opened for it.
        ("2026-12-21 09:00", {2026, 2027}),
        # Leave already taken reaches back into December: last year's days
        # pay for it, and this year is opened from them.
        ("2027-01-05 09:00", {2026, 2027}),
    ],
)
def test_at_a_year_end_the_neighbouring_year_is_opened(frozen_time, today, years):
    frozen_time(today)
    ensure_demo_users()
    seed_teams_and_staff(size="small", **QUIET)
    seed_leave(size="small", **QUIET)

    assert Counter(LeaveRequest.objects.values_list("status", flat=True)) == {
        Status.PENDING: 4,
        Status.APPROVED: 6,
        Status.REJECTED: 1,
        Status.CANCELLED: 2,
    }
    assert set(Allocation.objects.values_list("year", flat=True)) == years
    charged_years = LeaveCharge.objects.values_list("allocation__year", flat=True)
    assert set(charged_years) == years
    check_every_balance_is_the_sum_of_its_charges()
