"""Demo shift planning: shift types (a night shift for the partner team),
a pattern per team with staggered days off, everyone in the demo teams placed
in one, this month's and next month's plan published through the services
(so the rules run, and where the demo floor breaks one the override says
why), a few changes after publishing, and one swap waiting for approval.

Run by ``seed_demo`` after the people's seed; idempotent. No e-mail leaves:
the demo's people are made up."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from deskbook.core.roles import MANAGER
from deskbook.core.vocabulary import CollectionStage
from workforce.people.models import Channel, Staff, Team, TeamMembership

from . import calculations as calc
from . import notifications
from .models import (
    PatternAssignment,
    Shift,
    ShiftChange,
    ShiftPattern,
    ShiftPatternDay,
    ShiftSwap,
    ShiftType,
)
from .rules import check_shifts
from .selectors import may_plan, published_days
from .services import (
    RulesBroken,
    plan_apply_patterns,
    plan_publish,
    shift_build,
    shift_set,
)

T = datetime.time
# code, name, start, end, unpaid break (minutes), colour
SHIFT_TYPES = [
    ("E", "Early", T(7), T(16), 60, "#2e7d32"),
    ("M", "Middle", T(10), T(19), 60, "#1565c0"),
    ("L", "Late", T(13), T(22), 60, "#6a1b9a"),
    ("N", "Night", T(22), T(7), 60, "#37474f"),
]


def five_on(code: str) -> list[str | None]:
    return [code] * 5 + [None, None]


@dataclass(frozen=True)
class Plan:
    """What a kind of team works: a pattern, and the shift types it uses."""

    pattern: str
    cells: list[str | None]
    codes: tuple[str, ...]

    @property
    def weeks(self) -> int:
        return len(self.cells) // 7


PLANS = {
    "pre": Plan("Earlies, five on two off", five_on("E"), ("E",)),
    # Earlies one week, lates the next: two days off between the changes.
    "early": Plan(
        "Early and late fortnight", five_on("E") + five_on("L"), ("E", "M", "L")
    ),
    "late": Plan("Lates, five on two off", five_on("L"), ("L",)),
    "field": Plan("Field days", five_on("M"), ("M",)),
    "partner": Plan("Nights, five on two off", five_on("N"), ("N",)),
}
# Days into the rotation, in turn: each next person's two days off fall
# three days on, so any seven people share the week's days off evenly.
STAGGER = [0, 3, 6, 2, 5, 1, 4]

# Why the demo's publications override the warnings they raise.
OVERRIDES = {
    "minimum_staffing": "The team is short-handed until the new hires start; "
    "overtime and the partner team take the overflow",
    "weekly_hours": "A move between teams lands mid-week; the extra hours are "
    "paid as overtime",
    "rest": "Agreed with the people concerned",
}
SHORT_HANDED = OVERRIDES["minimum_staffing"]


def plan_of(team: Team) -> Plan:
    if team.partner_id:
        return PLANS["partner"]
    if team.channel == Channel.FIELD:
        return PLANS["field"]
    return {
        CollectionStage.PRE: PLANS["pre"],
        CollectionStage.EARLY: PLANS["early"],
    }.get(team.stage, PLANS["late"])


def seed_shift_planning(*, size: str = "small", log=print) -> None:
    """Shift types, patterns, placements and the published plan of every demo
    team; the changes and the swap in the demo lead's team (small demo) or
    the first desk early team (large)."""
    today = timezone.localdate()
    first = today.replace(day=1)
    last = _month_end(_month_end(first) + datetime.timedelta(days=1))
    teams = list(Team.objects.order_by("name"))
    with notifications.quiet():
        types = _shift_types(teams)
        patterns = {team.pk: _pattern(team, types) for team in teams}
        _place_everyone(teams, patterns, first, last)
        manager = get_user_model().objects.filter(groups__name=MANAGER).first()
        published = 0
        for team in teams:
            published += _publish(team, first, last, planner=_planner(team, manager))
        flagship = _flagship(teams)
        if flagship is not None:
            _changes_after_publishing(
                flagship, types, today, _planner(flagship, manager)
            )
            _swap_waiting(flagship, today)
    log(
        f"  scheduling: {len(types)} shift types, {len(patterns)} patterns, "
        f"{published} shifts published from {first:%d %b} to {last:%d %b %Y}, "
        f"{ShiftChange.objects.count()} changes, "
        f"{ShiftSwap.objects.filter(status=ShiftSwap.Status.TAKEN).count()} swap "
        "awaiting approval"
    )


def _month_end(day: datetime.date) -> datetime.date:
    following = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return following - datetime.timedelta(days=1)


def _shift_types(teams: list[Team]) -> dict[str, ShiftType]:
    types = {}
    for code, name, starts_at, ends_at, unpaid, colour in SHIFT_TYPES:
        types[code], _ = ShiftType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "starts_at": starts_at,
                "ends_at": ends_at,
                "unpaid_break_minutes": unpaid,
                "colour": colour,
            },
        )
    Uses = ShiftType.teams.through
    Uses.objects.bulk_create(
        [
            Uses(shifttype_id=types[code].pk, team_id=team.pk)
            for team in teams
            for code in plan_of(team).codes
        ],
        ignore_conflicts=True,
    )
    return types


def _pattern(team: Team, types: dict[str, ShiftType]) -> ShiftPattern:
    plan = plan_of(team)
    pattern, created = ShiftPattern.objects.get_or_create(
        team=team, name=plan.pattern, defaults={"weeks": plan.weeks}
    )
    if created:
        ShiftPatternDay.objects.bulk_create(
            ShiftPatternDay(pattern=pattern, index=index, shift_type=types[code])
            for index, code in enumerate(plan.cells)
            if code is not None
        )
    return pattern


def _place_everyone(teams, patterns, first, last) -> None:
    """Everyone in a team during the plan's months, in its pattern for their
    time in it, their days off staggered; people already placed stay put."""
    placed = set(PatternAssignment.objects.values_list("staff_id", "pattern__team_id"))
    stays = (
        TeamMembership.objects.filter(team__in=teams, valid_from__lte=last)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=first))
        .order_by("team_id", "staff__employee_number", "valid_from")
    )
    seat: dict[int, int] = {}
    new = []
    for stay in stays:
        n = seat[stay.team_id] = seat.get(stay.team_id, -1) + 1
        if (stay.staff_id, stay.team_id) in placed:
            continue
        pattern = patterns[stay.team_id]
        new.append(
            PatternAssignment(
                staff_id=stay.staff_id,
                pattern=pattern,
                starts_on=max(first, stay.valid_from),
                ends_on=stay.valid_to,
                rotation_offset_days=STAGGER[n % 7] + 7 * (n % pattern.weeks),
            )
        )
    PatternAssignment.objects.bulk_create(new)


def _planner(team: Team, manager):
    lead = next(
        (
            staff.user
            for staff in team.leads.select_related("user")
            if staff.user_id and may_plan(viewer=staff.user, team=team)
        ),
        None,
    )
    return lead or manager


def _publish(team: Team, first, last, *, planner) -> int:
    """Draft the team's months from the patterns and publish them; warnings
    the demo floor raises are overridden with the reason they stand."""
    open_days = set(calc.days_between(first, last)) - published_days(team, first, last)
    if not open_days:
        return 0
    first = min(open_days)
    drafted = plan_apply_patterns(team=team, first_day=first, last_day=last, by=planner)
    try:
        plan_publish(team=team, first_day=first, last_day=last, by=planner)
    except RulesBroken as broken:
        if broken.refused:
            raise
        reason = "; ".join(
            OVERRIDES[rule] for rule in sorted({f.rule for f in broken.warnings})
        )
        plan_publish(
            team=team,
            first_day=first,
            last_day=last,
            by=planner,
            override_reason=f"{reason}.",
        )
    return drafted


def _flagship(teams: list[Team]) -> Team | None:
    """The demo collector's team, or the first desk early collection team."""
    today = timezone.localdate()
    collector = Staff.objects.filter(user__username="collector").first()
    team = collector.team_on(today) if collector else None
    return team or next(
        (t for t in teams if plan_of(t) is PLANS["early"] and not t.partner_id), None
    )


def _members(team: Team, today) -> list[Staff]:
    return list(
        Staff.objects.filter(
            pk__in=TeamMembership.objects.on(today).filter(team=team).values("staff_id")
        )
        .select_related("user")
        .order_by("employee_number")
    )


def _coming(team: Team, today) -> list[Shift]:
    """The team's published shifts from tomorrow for the next fortnight."""
    return list(
        Shift.objects.published()
        .filter(team=team)
        .between(
            today + datetime.timedelta(days=1), today + datetime.timedelta(days=14)
        )
        .select_related("staff__user", "shift_type")
        .order_by("day", "staff__employee_number")
    )


def _is_demo_collector(staff: Staff) -> bool:
    return staff.user is not None and staff.user.username == "collector"


def _fits(team, staff, shift_type, day, *, instead_of=None) -> bool:
    """Whether ``staff`` may work ``shift_type`` on ``day`` (in place of the
    shift ``instead_of``) without breaking a rule of their own."""
    new = shift_build(team=team, staff=staff, shift_type=shift_type, day=day)
    removing = [instead_of.pk] if instead_of else []
    findings = check_shifts(team=team, shifts=[new], removing=removing)
    return not any(f.staff_id == staff.pk for f in findings)


def _off(members: list[Staff], day) -> list[Staff]:
    """The members with no shift on ``day``."""
    working = set(
        Shift.objects.standing()
        .filter(staff__in=members, day=day)
        .values_list("staff_id", flat=True)
    )
    return [m for m in members if m.pk not in working]


def _changes_after_publishing(team, types, today, planner) -> None:
    """A collector moved to a middle shift, another off sick, and an extra
    shift on a day off: each logged with why."""
    if ShiftChange.objects.filter(shift__team=team).exists():
        return
    members = _members(team, today)
    coming = _coming(team, today)
    if not coming:
        return
    moved = next((s for s in coming if _is_demo_collector(s.staff)), coming[0])
    _set(moved, types["M"], planner, "Covers the mid-morning callback peak")
    sick = next(
        (s for s in coming if s.staff != moved.staff and s.day > moved.day), None
    )
    if sick is not None:
        _set(sick, None, planner, "Called in sick")
    for day in sorted({s.day for s in coming}):
        free = [m for m in _off(members, day) if _fits(team, m, types["M"], day)]
        if free:
            extra = Shift(team=team, staff=free[0], day=day)
            _set(
                extra, types["M"], planner, "Extra cover for the month-end payment run"
            )
            return


def _set(shift: Shift, shift_type, planner, reason: str) -> None:
    shift_set(
        team=shift.team,
        staff=shift.staff,
        day=shift.day,
        shift_type=shift_type,
        by=planner,
        reason=reason,
        override_reason=SHORT_HANDED,
    )


def _swap_waiting(team: Team, today) -> None:
    """The demo collector's shift taken by a teammate who is off that day and
    breaks no rule by taking it, waiting for the lead's approval. (Made as a
    row: the swap services act for a signed-in person, and the demo's
    teammates have no sign-in; ``_fits`` checks the rules they would.)"""
    if ShiftSwap.objects.filter(shift__team=team).exists():
        return
    members = _members(team, today)
    coming = _coming(team, today)
    mine = [s for s in coming if _is_demo_collector(s.staff)] or coming
    for shift in reversed(mine):
        takers = [
            m
            for m in _off(members, shift.day)
            if m != shift.staff
            and _fits(team, m, shift.shift_type, shift.day, instead_of=shift)
        ]
        if takers:
            ShiftSwap.objects.create(
                shift=shift,
                offered_by=shift.staff,
                taken_by=takers[0],
                note="My sister's wedding; I'll take one of theirs next month",
                status=ShiftSwap.Status.TAKEN,
            )
            return
