"""Demo teams and staff: about 40 people across the four collection teams."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils.text import slugify

from deskbook.core.roles import COLLECTOR
from deskbook.core.vocabulary import CollectionStage

from .models import Channel, Staff, Team

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

TEAMS = [
    ("Desk pre-collection", CollectionStage.PRE, Channel.DESK),
    ("Desk early collection", CollectionStage.EARLY, Channel.DESK),
    ("Desk late collection", CollectionStage.LATE, Channel.DESK),
    ("Field", CollectionStage.LATE, Channel.FIELD),
]
SQUADS_PER_TEAM = {"small": 1, "large": 5}
MEMBERS_PER_TEAM = {"small": 10, "large": 50}

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
    # 840 combinations: the large demo (1,000 staff) repeats a few names, as
    # real payrolls do.
    for last, first in itertools.cycle(itertools.product(LAST_NAMES, FIRST_NAMES)):
        yield first, last


def _team_names(size: str):
    squads = SQUADS_PER_TEAM[size]
    for name, stage, channel in TEAMS:
        for squad in range(1, squads + 1):
            yield (name if squads == 1 else f"{name} {squad}"), stage, channel


def seed_teams_and_staff(*, size: str = "small", log=print) -> None:
    """Create the demo teams and their members, linking the demo sign-ins."""
    names = _names()
    start = datetime.date(2019, 1, 7)
    number = itertools.count(1)
    existing = set(Staff.objects.values_list("employee_number", flat=True))
    to_create = []
    for team_name, stage, channel in _team_names(size):
        team, _ = Team.objects.get_or_create(
            slug=slugify(team_name),
            defaults={"name": team_name, "stage": stage, "channel": channel},
        )
        for seat in range(MEMBERS_PER_TEAM[size]):
            n = next(number)
            first, last = next(names)
            if seat == 0:
                title = Staff.JobTitle.TEAM_LEAD
            elif channel == Channel.FIELD:
                title = Staff.JobTitle.FIELD_COLLECTOR
            else:
                title = Staff.JobTitle.DESK_COLLECTOR
            employee_number = f"E{n:05d}"
            if employee_number in existing:
                continue
            to_create.append(
                Staff(
                    employee_number=employee_number,
                    first_name=first,
                    last_name=last,
                    email=f"{slugify(first)}.{slugify(last)}{n}@deskbook.example",
                    job_title=title,
                    team=team,
                    hired_on=start + datetime.timedelta(days=(n * 37) % 2400),
                )
            )
    Staff.objects.bulk_create(to_create)
    _link_demo_people()
    _give_collectors_accounts()
    log(f"  workforce: {Team.objects.count()} teams, {Staff.objects.count()} staff")


def _link_demo_people() -> None:
    users = get_user_model().objects.filter(username__in=DEMO_PEOPLE)
    for user in users:
        if Staff.objects.filter(user=user).exists():
            continue
        team_name, title = DEMO_PEOPLE[user.username]
        team = Team.objects.filter(name=team_name).first() if team_name else None
        if title == Staff.JobTitle.TEAM_LEAD and team is not None:
            staff = Staff.objects.filter(team=team, job_title=title).first()
        elif title == Staff.JobTitle.DESK_COLLECTOR and team is not None:
            staff = Staff.objects.filter(team=team, job_title=title, user=None).first()
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
        if title == Staff.JobTitle.TEAM_LEAD and team is not None:
            team.lead = user
            team.save(update_fields=["lead"])


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
