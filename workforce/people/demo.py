"""Demo teams and staff.

``small`` (the demo): about 45 people in four in-house collection teams and
one run by a partner agency, with a few moves and one person on notice.
``large``: the same, plus the floor of ``demo_large`` (500 people in 25 more
teams). Both are idempotent and written in bulk (``demo_floor``).
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from deskbook.core.vocabulary import CollectionStage

from .demo_floor import (
    TeamPlan,
    ensure_languages,
    ensure_teams,
    give_floor_accounts,
    person_rng,
    plan_person,
    write_people,
)
from .demo_large import PARTNER_CONTACTS, large_team_plans, plan_large_floor
from .models import Channel, Resignation, Staff, Team, TeamMembership

SG, JB = "Singapore", "Johor Bahru"
PARTNER = "Nusantara Recoveries Sdn Bhd"
TEAMS = [
    # name, stage, channel, location, minimum staffing, run by a partner
    ("Desk pre-collection", CollectionStage.PRE, Channel.DESK, SG, 6, False),
    ("Desk early collection", CollectionStage.EARLY, Channel.DESK, SG, 7, False),
    ("Desk late collection", CollectionStage.LATE, Channel.DESK, JB, 6, False),
    ("Field", CollectionStage.LATE, Channel.FIELD, JB, 4, False),
    ("Partner early collection", CollectionStage.EARLY, Channel.DESK, "Batam", 3, True),
]  # fmt: skip
MEMBERS, PARTNER_MEMBERS = 9, 5
HIRING_STARTED = datetime.date(2019, 1, 7)

# The demo sign-ins that stand for real people: where they sit, what they speak.
DEMO_PEOPLE = {
    "teamlead": ("Desk early collection", Staff.JobTitle.TEAM_LEAD, "en zh ms"),
    "collector": ("Desk early collection", Staff.JobTitle.DESK_COLLECTOR, "en ms"),
    "trainer": (None, Staff.JobTitle.TRAINER, "en ta"),
    "qa": (None, Staff.JobTitle.QA_ANALYST, "en zh"),
    "manager": (None, Staff.JobTitle.MANAGER, "en zh"),
    "editor": (None, Staff.JobTitle.EDITOR, "en ms"),
}


def small_team_plans() -> list[TeamPlan]:
    return [
        TeamPlan.named(*team, partner=PARTNER if outsourced else None)
        for *team, outsourced in TEAMS
    ]


def plan_small_floor() -> list:
    people, number = [], 1
    for team in small_team_plans():
        for seat in range(PARTNER_MEMBERS if team.partner else MEMBERS):
            hired_on = HIRING_STARTED + datetime.timedelta(days=(number * 37) % 2400)
            people.append(
                plan_person(
                    number,
                    team,
                    lead=seat == 0,
                    hired_on=hired_on,
                    rng=person_rng(number),
                )
            )
            number += 1
    return people


def seed_teams_and_staff(*, size: str = "small", log=print) -> None:
    """Create the demo teams and their members, linking the demo sign-ins."""
    ensure_languages()
    plans = small_team_plans()
    if size == "large":
        plans += large_team_plans()
    teams = ensure_teams(plans, PARTNER_CONTACTS)
    written = write_people(plan_small_floor(), teams)
    if written:
        _move_a_few(written)
    if size == "large":
        write_people(plan_large_floor(timezone.localdate()), teams)
    _link_demo_people()
    give_floor_accounts()
    log(
        f"  workforce: {Team.objects.count()} teams, {Staff.objects.count()} staff, "
        f"{TeamMembership.objects.count()} team memberships"
    )


def _move_a_few(staff: list[Staff]) -> None:
    """A history to look at: two moves last year, one planned for next month,
    and one collector working their notice."""
    today = timezone.localdate()
    teams = {t.name: t for t in Team.objects.filter(partner__isnull=True)}
    early, late, pre = (
        teams[name]
        for name in (
            "Desk early collection",
            "Desk late collection",
            "Desk pre-collection",
        )
    )
    desk = sorted(
        (
            s
            for s in staff
            if s.job_title == Staff.JobTitle.DESK_COLLECTOR
            and s.memberships.filter(team=early).exists()
        ),
        key=lambda s: s.employee_number,
    )
    moves = [
        (desk[2], late, today - datetime.timedelta(days=300), "Late-stage cover"),
        (desk[3], pre, today - datetime.timedelta(days=120), "Asked for reminders"),
        (desk[4], late, today + datetime.timedelta(days=30), "Promotion to late stage"),
    ]
    for member, team, on, reason in moves:
        current = member.memberships.get(valid_to__isnull=True)
        if current.team_id == team.pk or current.valid_from >= on:
            continue
        current.valid_to = on - datetime.timedelta(days=1)
        current.save(update_fields=["valid_to"])
        TeamMembership.objects.create(
            staff=member, team=team, valid_from=on, reason=reason
        )
    leaving = desk[5]
    last_day = today + datetime.timedelta(days=20)
    Resignation.objects.create(
        staff=leaving,
        notice_given_on=today - datetime.timedelta(days=10),
        last_working_day=last_day,
        reason="Moving back to Ipoh",
    )
    leaving.memberships.filter(valid_to__isnull=True).update(valid_to=last_day)
    leaving.status = Staff.Status.ON_NOTICE
    leaving.save(update_fields=["status"])


def _link_demo_people() -> None:
    """Each demo sign-in becomes a person: a seat on the floor for the lead and
    the collector (taking the sign-in's name), a record of their own for the
    others."""
    users = get_user_model().objects.filter(username__in=DEMO_PEOPLE)
    languages = ensure_languages()
    for user in users:
        if Staff.objects.filter(user=user).exists():
            continue
        team_name, title, spoken = DEMO_PEOPLE[user.username]
        team = Team.objects.filter(name=team_name).first() if team_name else None
        in_team = Staff.objects.filter(
            memberships__team=team, memberships__valid_to__isnull=True
        )
        if title == Staff.JobTitle.TEAM_LEAD and team is not None:
            staff = team.leads.first()
        elif title == Staff.JobTitle.DESK_COLLECTOR and team is not None:
            staff = in_team.filter(job_title=title, user=None).first()
        else:
            staff = Staff.objects.create(
                employee_number=f"H{user.pk:05d}",
                first_name=user.first_name,
                last_name=user.last_name,
                email=user.email,
                job_title=title,
                hired_on=datetime.date(2018, 3, 1),
            )
        staff.user = user
        staff.first_name, staff.last_name = user.first_name, user.last_name
        staff.email = user.email
        staff.save(update_fields=["user", "first_name", "last_name", "email"])
        staff.languages.set([languages[code] for code in spoken.split()])
