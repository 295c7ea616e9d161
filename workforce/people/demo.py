"""Demo teams and staff: about 45 people in four in-house collection teams
and one run by a partner agency, with some history of moves."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from deskbook.core.roles import COLLECTOR
from deskbook.core.vocabulary import CollectionStage

from .models import (
    Channel,
    Language,
    PartnerAgency,
    Resignation,
    Staff,
    Team,
    TeamMembership,
)

FIRST_NAMES = [
    "Aisyah", "Wei Ling", "Arjun", "Farhan", "Mei Ling", "Kavitha", "Hafiz",
    "Jia Hui", "Rajesh", "Nadia", "Kelvin", "Shalini", "Irfan", "Hui Min",
    "Suresh", "Zulaikha", "Darren", "Lakshmi", "Amir", "Xin Yi", "Vikram",
    "Syafiqah", "Benjamin", "Deepa", "Rizal", "Li Na", "Ganesh", "Hidayah",
    "Jonathan", "Meena", "Faizal", "Pei Shan", "Naveen", "Yasmin", "Ethan",
]  # fmt: skip
LAST_NAMES = [
    "Tan", "Lim", "Rahman", "Kumar", "Ng", "Ismail", "Wong", "Pillai", "Goh",
    "Abdullah", "Chua", "Menon", "Lee", "Yusof", "Teo", "Raj", "Koh", "Hamid",
    "Ong", "Nair", "Chong", "Salleh", "Ho", "Subramaniam",
]  # fmt: skip

LANGUAGES = [
    ("en", "English"),
    ("ms", "Malay"),
    ("id", "Indonesian"),
    ("zh", "Mandarin"),
    ("ta", "Tamil"),
]
# Who speaks what on the floor, in turn: everyone English, most a second language.
SPOKEN = [("en", "ms"), ("en", "zh"), ("en", "ta"), ("en", "id"), ("en", "ms", "id")]

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
SQUADS_PER_TEAM = {"small": 1, "large": 5}
MEMBERS_PER_TEAM = {"small": 9, "large": 40}
PARTNER_MEMBERS = {"small": 5, "large": 20}

# The demo sign-ins that stand for real people, and where they sit.
DEMO_PEOPLE = {
    "teamlead": ("Desk early collection", Staff.JobTitle.TEAM_LEAD),
    "collector": ("Desk early collection", Staff.JobTitle.DESK_COLLECTOR),
    "trainer": (None, Staff.JobTitle.TRAINER),
    "qa": (None, Staff.JobTitle.QA_ANALYST),
    "manager": (None, Staff.JobTitle.MANAGER),
    "editor": (None, Staff.JobTitle.EDITOR),
}


def _names():
    # 840 combinations: the large demo repeats a few names, as real payrolls do.
    for last, first in itertools.cycle(itertools.product(LAST_NAMES, FIRST_NAMES)):
        yield first, last


def _teams(size: str):
    squads = SQUADS_PER_TEAM[size]
    partner = None
    for name, stage, channel, location, minimum, outsourced in TEAMS:
        if outsourced and partner is None:
            partner, _ = PartnerAgency.objects.get_or_create(
                name=PARTNER, defaults={"contact_name": "Dewi Santoso"}
            )
        members = PARTNER_MEMBERS[size] if outsourced else MEMBERS_PER_TEAM[size]
        for squad in range(1, squads + 1):
            team_name = name if squads == 1 else f"{name} {squad}"
            team, _ = Team.objects.get_or_create(
                slug=slugify(team_name),
                defaults={
                    "name": team_name,
                    "stage": stage,
                    "channel": channel,
                    "location": location,
                    "minimum_staffing": minimum,
                    "partner": partner if outsourced else None,
                },
            )
            yield team, members


def seed_teams_and_staff(*, size: str = "small", log=print) -> None:
    """Create the demo teams and their members, linking the demo sign-ins."""
    languages = {
        code: Language.objects.get_or_create(code=code, defaults={"name": name})[0]
        for code, name in LANGUAGES
    }
    names = _names()
    start = datetime.date(2019, 1, 7)
    number = itertools.count(1)
    existing = set(Staff.objects.values_list("employee_number", flat=True))
    new_staff, new_teams = [], []
    for team, members in _teams(size):
        for seat in range(members):
            n = next(number)
            first, last = next(names)
            if seat == 0:
                title = Staff.JobTitle.TEAM_LEAD
            elif team.channel == Channel.FIELD:
                title = Staff.JobTitle.FIELD_COLLECTOR
            else:
                title = Staff.JobTitle.DESK_COLLECTOR
            employee_number = f"E{n:05d}"
            if employee_number in existing:
                continue
            new_staff.append(
                Staff(
                    employee_number=employee_number,
                    first_name=first,
                    last_name=last,
                    email=f"{slugify(first)}.{slugify(last)}{n}@deskbook.example",
                    job_title=title,
                    hired_on=start + datetime.timedelta(days=(n * 37) % 2400),
                    phone_extension=f"{4000 + n}",
                    dialer_agent_id=f"AG{n:05d}",
                )
            )
            new_teams.append((team, seat == 0))
    Staff.objects.bulk_create(new_staff)
    staff = Staff.objects.filter(
        employee_number__in=[member.employee_number for member in new_staff]
    ).order_by("employee_number")
    Speaks = Staff.languages.through
    Speaks.objects.bulk_create(
        Speaks(staff_id=member.pk, language_id=languages[code].pk)
        for i, member in enumerate(staff)
        for code in SPOKEN[i % len(SPOKEN)]
    )
    TeamMembership.objects.bulk_create(
        TeamMembership(
            staff=member, team=team, valid_from=member.hired_on, reason="Joined"
        )
        for member, (team, _) in zip(staff, new_teams, strict=True)
    )
    for member, (team, leads) in zip(staff, new_teams, strict=True):
        if leads:
            team.leads.add(member)
    if new_staff:
        _move_a_few(list(staff))
    _link_demo_people()
    _give_collectors_accounts()
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
        teams.get(name)
        for name in (
            "Desk early collection",
            "Desk late collection",
            "Desk pre-collection",
        )
    )
    if early is None or late is None or pre is None:
        return  # the large demo's squads have other names; it needs no history
    desk = [
        s
        for s in staff
        if s.job_title == Staff.JobTitle.DESK_COLLECTOR
        and s.memberships.filter(team=early).exists()
    ]
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
    users = get_user_model().objects.filter(username__in=DEMO_PEOPLE)
    for user in users:
        if Staff.objects.filter(user=user).exists():
            continue
        team_name, title = DEMO_PEOPLE[user.username]
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
        staff.save(update_fields=["user", "first_name", "last_name"])


COLLECTOR_TITLES = (Staff.JobTitle.DESK_COLLECTOR, Staff.JobTitle.FIELD_COLLECTOR)


def _give_collectors_accounts() -> None:
    """Collectors have accounts (no usable password in the demo), so their SOP
    acknowledgements, scores and shifts have someone to belong to."""
    User = get_user_model()
    staff = list(Staff.objects.filter(job_title__in=COLLECTOR_TITLES, user=None))
    if not staff:
        return
    unusable = make_password(None)
    users = User.objects.bulk_create(
        User(
            username=member.employee_number.lower(),
            first_name=member.first_name,
            last_name=member.last_name,
            email=member.email,
            password=unusable,
        )
        for member in staff
    )
    users = User.objects.filter(username__in=[user.username for user in users])
    by_username = {user.username: user for user in users}
    for member in staff:
        member.user = by_username[member.employee_number.lower()]
    Staff.objects.bulk_update(staff, ["user"])
    collector = Group.objects.get(name=COLLECTOR)
    collector.user_set.add(*users)
