"""Reads of people and teams, and the scope rule: who may see whom, on a date.

Every back-office listing, report, export and API of people's records narrows
its rows with ``staff_visible_to``:

- whoever holds ``workforce.oversee_staff`` (managers) sees everyone;
- a team lead sees the people who were in a team they lead *on that date*,
  so a person who moved out last month shows in the old team's past records
  and not in its future ones;
- anyone with a staff record sees their own;
- trainers and QA analysts see only their own for now: what their work needs
  (a course's enrolments, the calls they score) is granted by those
  capabilities when they come;
- a user with no staff record sees nobody.
"""

import datetime
from collections.abc import Iterable

from django.db.models import (
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    prefetch_related_objects,
)

from deskbook.core.teams import run_by_order

from .models import Resignation, Staff, Team, TeamMembership
from .viewer import staff_of

SEE_EVERYONE = "workforce.oversee_staff"
MOVE = "workforce.add_teammembership"


def team_on_date(staff_ids: Iterable[int], on: datetime.date) -> dict[int, Team]:
    """The team each of these people was in on ``on``, in one query; people in
    no team that day are left out."""
    memberships = (
        TeamMembership.objects.on(on)
        .filter(staff_id__in=list(staff_ids))
        .select_related("team__partner")
    )
    return {membership.staff_id: membership.team for membership in memberships}


def teams_led_by(user) -> QuerySet[Team]:
    if not user.is_authenticated:
        return Team.objects.none()
    return Team.objects.filter(leads__user=user)


def staff_visible_to(*, viewer, on: datetime.date) -> QuerySet[Staff]:
    """The people whose records ``viewer`` may see, for facts dated ``on``."""
    staff = Staff.objects.all()
    if not viewer.is_authenticated or not viewer.is_active:
        return staff.none()
    if viewer.has_perm(SEE_EVERYONE):
        return staff
    in_led_teams = TeamMembership.objects.on(on).filter(team__in=teams_led_by(viewer))
    return staff.filter(
        Q(user=viewer) | Q(pk__in=in_led_teams.values("staff_id"))
    ).distinct()


def rows_visible_to(rows: QuerySet, *, viewer, day, staff: str = "staff") -> QuerySet:
    """The scope rule applied to dated facts, row by row: the rows of
    ``rows`` (each naming a person through ``staff``) whose person ``viewer``
    may see on the row's own date, ``day`` (an expression such as
    ``F("day")`` or ``TruncDate("at")``). A lead sees a clock event of
    someone who was in their team that day, not one from before the person
    joined it or after they left."""
    if not viewer.is_authenticated or not viewer.is_active:
        return rows.none()
    if viewer.has_perm(SEE_EVERYONE):
        return rows
    return rows.annotate(scope_day=day).filter(
        Q(**{f"{staff}__user": viewer})
        | led_on_the_day(viewer, staff=staff, day="scope_day")
    )


def led_on_the_day(viewer, *, staff: str, day: str) -> Exists:
    """An ``Exists`` for rows whose person (the outer field ``staff``) was in
    a team ``viewer`` leads on the row's date (the outer field or annotation
    ``day``)."""
    return Exists(
        TeamMembership.objects.filter(
            staff=OuterRef(staff),
            team__in=teams_led_by(viewer),
            valid_from__lte=OuterRef(day),
        ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=OuterRef(day)))
    )


def may_move(*, viewer, staff: Staff, on: datetime.date) -> bool:
    """A manager may move anyone; a lead, the people in their team on ``on``."""
    if not viewer.has_perm(MOVE):
        return False
    if viewer.has_perm(SEE_EVERYONE):
        return True
    return (
        TeamMembership.objects.on(on)
        .filter(staff=staff, team__in=teams_led_by(viewer))
        .exists()
    )


def team_list_for(user) -> QuerySet[Team]:
    """Every team for those who see everyone; a team lead's own teams."""
    teams = Team.objects.select_related("partner")
    if user.has_perm(SEE_EVERYONE):
        return teams
    return teams.filter(pk__in=teams_led_by(user).values("pk"))


def staff_list_for(user, *, on: datetime.date) -> QuerySet[Staff]:
    """The staff listing's rows: the people ``user`` may see on ``on``."""
    return staff_visible_to(viewer=user, on=on).select_related("user")


def team_history(staff: Staff) -> QuerySet[TeamMembership]:
    return staff.memberships.select_related("team", "recorded_by").order_by(
        "-valid_from"
    )


def my_team_today(*, viewer, today: datetime.date, horizon_days: int = 30) -> dict:
    """A lead's teams today: who is in each, who is working their notice, and
    the moves into or out of them in the next ``horizon_days`` days. A fixed
    number of queries, however many people the teams hold."""
    led = list(teams_led_by(viewer).order_by("name"))
    if not led:
        return {"teams": [], "moves": []}
    members = list(
        staff_visible_to(viewer=viewer, on=today)
        .filter(
            pk__in=TeamMembership.objects.on(today)
            .filter(team__in=led)
            .values("staff_id")
        )
        .annotate(
            last_working_day=Subquery(
                Resignation.objects.filter(
                    staff=OuterRef("pk"), withdrawn_on__isnull=True
                ).values("last_working_day")[:1]
            )
        )
        .order_by("last_name", "first_name")
    )
    team_of = team_on_date((person.pk for person in members), today)
    teams = [
        {
            "team": team,
            "people": [p for p in members if team_of[p.pk].pk == team.pk],
        }
        for team in led
    ]
    until = today + datetime.timedelta(days=horizon_days)
    moves = list(
        TeamMembership.objects.filter(valid_from__gt=today, valid_from__lte=until)
        .filter(Q(team__in=led) | Q(staff__in=members))
        .select_related("staff", "team")
        .order_by("valid_from", "staff__last_name")
    )
    moving_from = team_on_date((move.staff_id for move in moves), today)
    return {
        "teams": teams,
        "on_notice": [p for p in members if p.status == Staff.Status.ON_NOTICE],
        "moves": [
            {"membership": move, "from_team": moving_from.get(move.staff_id)}
            for move in moves
        ],
    }


def headcount(*, on: datetime.date) -> dict:
    """People in each team on ``on``, with the month's joiners (placed in the
    team on their hire date) and leavers (whose last working day falls in it);
    the same summed by who runs the teams, in-house first, then each partner
    agency. Three queries, however many people and teams."""
    month_start = on.replace(day=1)
    month_end = (month_start + datetime.timedelta(days=32)).replace(
        day=1
    ) - datetime.timedelta(days=1)
    month = (month_start, month_end)
    in_force = Q(memberships__valid_from__lte=on) & (
        Q(memberships__valid_to__isnull=True) | Q(memberships__valid_to__gte=on)
    )
    # Explicitly ordered: a model's Meta.ordering is not applied to a query
    # that groups, so PostgreSQL returned the teams in any order.
    teams = list(
        Team.objects.select_related("partner")
        .annotate(people=Count("memberships", filter=in_force))
        .order_by("name")
    )
    joiners = dict(
        TeamMembership.objects.filter(
            valid_from__range=month, staff__hired_on=F("valid_from")
        )
        .values("team_id")
        .annotate(n=Count("staff", distinct=True))
        .values_list("team_id", "n")
    )
    leavers = dict(
        TeamMembership.objects.filter(
            valid_to__range=month,
            staff__resignations__withdrawn_on__isnull=True,
            staff__resignations__last_working_day=F("valid_to"),
        )
        .values("team_id")
        .annotate(n=Count("staff", distinct=True))
        .values_list("team_id", "n")
    )
    by_team = [
        {
            "name": team.name,
            "run_by": team.run_by,
            "people": team.people,
            "joiners": joiners.get(team.pk, 0),
            "leavers": leavers.get(team.pk, 0),
        }
        for team in teams
    ]
    counted = ("people", "joiners", "leavers")
    by_agency: dict[str, dict] = {}
    for row in by_team:
        zero = {"name": row["run_by"], "teams": 0} | dict.fromkeys(counted, 0)
        total = by_agency.setdefault(row["run_by"], zero)
        total["teams"] += 1
        for key in counted:
            total[key] += row[key]
    agencies = [by_agency[name] for name in sorted(by_agency, key=run_by_order)]
    return {
        "month": month_start,
        "by_team": by_team,
        "by_agency": agencies,
        "total": {"teams": len(by_team)}
        | {key: sum(row[key] for row in by_team) for key in counted},
    }


def own_record(user) -> Staff | None:
    """The staff record linked to this sign-in, with its languages."""
    staff = staff_of(user)
    if staff is not None:
        prefetch_related_objects([staff], "languages")
    return staff
