"""Demo leave: the leave types, this year's allocations for everyone (some
with days carried over), the country's public holidays, a month-end blackout
for the desk teams, and requests in every state, told through the services
so the counters, the charges and the cancelled shifts are what the app
itself writes (``demo_stories.py`` says who asks for what).

Run by ``seed_demo`` after shift planning, whose plan decides what leave
costs; idempotent: types, allocations and blackouts are matched on their
natural keys, and a person's story is told once (matched on the person and
the leave type). No e-mail leaves: the demo's people are made up."""

import calendar
import datetime
import zlib
from collections import Counter
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from deskbook.core.demo import DEMO_USERS
from deskbook.core.roles import MANAGER
from workforce.people.demo import TEAMS as SMALL_TEAMS
from workforce.people.models import Channel, Staff, Team
from workforce.scheduling import notifications

from . import calculations as calc
from .demo_stories import (
    APPROVED,
    CANCELLED,
    PENDING,
    REJECTED,
    SMALL_STORIES,
    WITHDRAWN,
    Story,
    large_stories,
    medical_certificate,
)
from .models import (
    Allocation,
    Blackout,
    LeaveRequest,
    LeaveSettings,
    LeaveType,
    PublicHoliday,
)
from .selectors import request_costs
from .services import (
    allocation_open_year,
    leave_request_approve,
    leave_request_cancel,
    leave_request_reject,
    leave_request_submit,
    public_holidays_fill,
)

DAY = datetime.timedelta(days=1)
# name, code, paid, from a balance, needs a document, notice (days), colour
LEAVE_TYPES = [
    ("Annual leave", "AL", True, True, False, 7, "#1565c0"),
    ("Sick leave", "SL", True, True, True, 0, "#c62828"),
    ("Unpaid leave", "UL", False, False, False, 14, "#757575"),
    ("Compassionate leave", "CL", True, False, False, 0, "#6a1b9a"),
    ("Training leave", "TL", True, True, False, 14, "#00897b"),
]
# Days granted a year for the types with a balance; annual leave grows to 18
# days after five years' service.
GRANTED = {"AL": Decimal(14), "SL": Decimal(14), "TL": Decimal(5)}
LONG_SERVICE_YEARS, LONG_SERVICE_ANNUAL = 5, Decimal(18)
BLACKOUT_DAYS = 5
BLACKOUT_REASON = (
    "Month-end collection push: promises to pay fall due and every desk is "
    "on the phones"
)
# A story's first day moves (up to this many days) until the span starts and
# ends on days the person works and misses the team's blackout.
WALK_DAYS = 14


def seed_leave(*, size: str = "small", log=print) -> None:
    """Leave types, allocations, holidays and blackouts for everyone; the
    small demo's stories in its five teams, and at ``large`` five more in
    each of the large floor's teams."""
    today = timezone.localdate()
    small_names = [name for name, *_ in SMALL_TEAMS]
    stories = list(SMALL_STORIES)
    if size == "large":
        stories += large_stories(
            Team.objects.exclude(name__in=small_names).order_by("name")
        )
    with notifications.quiet():
        types = _leave_types()
        # What a day costs leaves out the holidays: fill them before the
        # stories find their days.
        for year in _years_reached(stories, today):
            _public_holidays(year)
        blocked = _month_end_blackouts(today)
        cast = _Cast(today)
        planned = _plan(stories, types, blocked, cast)
        reached = {today.year}
        for story, *_, first, last in planned:
            if types[story.code].needs_balance:
                reached |= {first.year, last.year}
        _allocations(types, min(reached))
        for year in range(min(reached) + 1, max(reached) + 1):
            # Leave from a balance reaches into the next year: open it as
            # the yearly job would, carrying over what is unused.
            allocation_open_year(year=year)
        for story, person, team, first, last in planned:
            request = _ask(story, person, types[story.code], (first, last), cast, team)
            _decide(story, request, person, cast.lead(team))
    states = Counter(LeaveRequest.objects.values_list("status", flat=True))
    log(
        f"  leave: {len(types)} leave types, {Allocation.objects.count()} "
        f"allocations ({Allocation.objects.exclude(carried_over=0).count()} with "
        f"days carried over), {PublicHoliday.objects.count()} public holidays, "
        f"{Blackout.objects.count()} blackouts, {len(planned)} requests told now; "
        + ", ".join(f"{states[s]} {s}" for s in LeaveRequest.Status.values)
    )


def _leave_types() -> dict[str, LeaveType]:
    types = {}
    for name, code, paid, balance, document, notice, colour in LEAVE_TYPES:
        types[code], _ = LeaveType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "paid": paid,
                "needs_balance": balance,
                "carries_over": code == "AL",
                "needs_document": document,
                "notice_days": notice,
                "colour": colour,
            },
        )
    return types


def _years_reached(stories: list[Story], today: datetime.date) -> list[int]:
    offsets = [s.starts_in for s in stories if s.starts_in is not None]
    first = today + min(offsets, default=0) * DAY
    # The farthest a story reaches: next month's blackout, or an offset
    # walked on and its days.
    last = max(
        _month_end(_month_end(today) + DAY),
        today + (max(offsets, default=0) + WALK_DAYS + 7) * DAY,
    )
    return list(range(first.year, last.year + 1))


def _month_end(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def carried_over(employee_number: str) -> Decimal:
    """Days of annual leave a person brought from last year: 1 to 5 for
    about two in five, none for the rest (stable for the person)."""
    days = zlib.crc32(employee_number.encode()) % 12
    return Decimal(days) if 1 <= days <= 5 else Decimal(0)


def _allocations(types: dict[str, LeaveType], year: int) -> None:
    """Everyone still employed gets the year's days of each type with a
    balance; annual leave with the days carried over."""
    jan_1 = datetime.date(year, 1, 1)
    expiry = LeaveSettings.load().carry_over_expiry(year)
    new = []
    for pk, number, hired_on in Staff.objects.exclude(
        status=Staff.Status.LEFT
    ).values_list("pk", "employee_number", "hired_on"):
        long_service = (jan_1 - hired_on).days >= 365 * LONG_SERVICE_YEARS
        for code, granted in GRANTED.items():
            carried = carried_over(number) if code == "AL" else Decimal(0)
            new.append(
                Allocation(
                    staff_id=pk,
                    leave_type=types[code],
                    year=year,
                    granted=LONG_SERVICE_ANNUAL
                    if code == "AL" and long_service
                    else granted,
                    carried_over=carried,
                    carry_over_expires=expiry if carried else None,
                )
            )
    Allocation.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)


def _public_holidays(year: int) -> None:
    if not PublicHoliday.objects.filter(
        source=PublicHoliday.Source.PUBLIC, date__year=year
    ).exists():
        public_holidays_fill(year=year)


def _month_end_blackouts(today: datetime.date) -> dict[int, set[datetime.date]]:
    """The last days of this month and the next for every desk team; returns
    the blackout days of each team."""
    ends = [_month_end(today), _month_end(_month_end(today) + DAY)]
    teams = list(Team.objects.filter(channel=Channel.DESK))
    existing = set(Blackout.objects.values_list("team_id", "first_day", "last_day"))
    Blackout.objects.bulk_create(
        Blackout(team=team, first_day=first, last_day=last, reason=BLACKOUT_REASON)
        for last in ends
        for first in [last - (BLACKOUT_DAYS - 1) * DAY]
        for team in teams
        if (team.pk, first, last) not in existing
    )
    blocked: dict[int, set[datetime.date]] = {}
    for team_id, first, last in Blackout.objects.values_list(
        "team_id", "first_day", "last_day"
    ):
        blocked.setdefault(team_id, set()).update(calc.days_between(first, last))
    return blocked


class _Cast:
    """Who plays the stories: each team's people who may take leave in the
    demo (in the team for the whole window, not leading it, not leaving,
    not a demo sign-in), its lead, and the manager."""

    def __init__(self, today: datetime.date):
        self.today = today
        self.manager = (
            get_user_model()
            .objects.filter(groups__name=MANAGER)
            .order_by("username")
            .first()
        )
        self.teams = {team.name: team for team in Team.objects.all()}
        self._seats: dict[int, list[Staff]] = {}
        self._leads: dict[int, object] = {}

    def seats(self, team: Team) -> list[Staff]:
        if team.pk not in self._seats:
            self._seats[team.pk] = list(
                Staff.objects.filter(
                    status=Staff.Status.ACTIVE,
                    memberships__team=team,
                    memberships__valid_from__lte=self.today - 60 * DAY,
                    memberships__valid_to__isnull=True,
                )
                .exclude(led_teams=team)
                .exclude(user__username__in=[demo.username for demo in DEMO_USERS])
                .select_related("user")
                .order_by("employee_number")
            )
        return self._seats[team.pk]

    def lead(self, team: Team):
        """The team's lead who decides its leave, or the manager."""
        if team.pk not in self._leads:
            lead = team.leads.filter(user__isnull=False).select_related("user")
            self._leads[team.pk] = next(
                (staff.user for staff in lead if staff.user.is_active), self.manager
            )
        return self._leads[team.pk]

    def person(self, story: Story) -> tuple[Staff, Team] | None:
        team = self.teams.get(story.team)
        if team is None:
            return None
        if isinstance(story.seat, str):
            person = (
                Staff.objects.filter(user__username=story.seat)
                .select_related("user")
                .first()
            )
            return (person, team) if person else None
        seats = self.seats(team)
        return (seats[story.seat], team) if story.seat < len(seats) else None


def _plan(
    stories: list[Story],
    types: dict[str, LeaveType],
    blocked: dict[int, set[datetime.date]],
    cast: "_Cast",
) -> list[tuple]:
    """The stories not told before, each with its person, team and days."""
    told_before = set(LeaveRequest.objects.values_list("staff_id", "leave_type_id"))
    planned = []
    for story in stories:
        found = cast.person(story)
        if found is None or (found[0].pk, types[story.code].pk) in told_before:
            continue
        person, team = found
        span = _span(story, person, blocked.get(team.pk, set()), cast.today)
        if span is not None:
            planned.append((story, person, team, *span))
    return planned


def _span(story: Story, person: Staff, blocked: set, today: datetime.date):
    """The story's first and last day: near its start, the first span that
    begins and ends on a day the person works and, unless a manager allows
    it, misses the team's blackout; None if there is none. Leave already
    taken looks further back, so it stays in the past."""
    if story.over_blackout:
        ahead = [day for day in blocked if day > _month_end(today)]
        if not ahead:
            return None
        start = min(ahead) - DAY
    else:
        start = today + story.starts_in * DAY
    step = -DAY if start < today else DAY
    for n in range(WALK_DAYS):
        first = start + n * step
        last = first + (story.days - 1) * DAY
        if not story.override and blocked.intersection(calc.days_between(first, last)):
            continue
        costs = request_costs(
            staff=person,
            first_day=first,
            last_day=last,
            first_day_part=story.parts[0],
            last_day_part=story.parts[1],
        )
        if first in costs and last in costs:
            return first, last
    return None


def _ask(story, person, leave_type, span, cast, team) -> LeaveRequest:
    first, last = span
    # The person asks, where they have a sign-in and nothing needs a
    # manager's override; otherwise the manager records it for them.
    if story.override:
        by = cast.manager
    else:
        by = person.user if person.user_id else cast.lead(team)
    certificate = None
    if leave_type.needs_document:
        certificate = ContentFile(
            medical_certificate(person.full_name, first, last),
            name="medical-certificate.pdf",
        )
    return leave_request_submit(
        staff=person,
        leave_type=leave_type,
        first_day=first,
        last_day=last,
        first_day_part=story.parts[0],
        last_day_part=story.parts[1],
        reason=story.reason,
        certificate=certificate,
        override_reason=story.override,
        by=by,
    )


def _decide(story: Story, request: LeaveRequest, person: Staff, decider) -> None:
    if story.outcome == PENDING:
        return
    if story.outcome == REJECTED:
        leave_request_reject(request=request, by=decider, comment=story.comment)
        return
    if story.outcome in (APPROVED, CANCELLED):
        # The approver has seen the half hours a short team loses.
        leave_request_approve(
            request=request, by=decider, comment=story.comment, confirm=True
        )
    if story.outcome in (CANCELLED, WITHDRAWN):
        leave_request_cancel(request=request, by=person.user or decider)
