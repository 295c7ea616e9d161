"""Writing a demo floor: teams, people, their team history, languages, leads,
resignations and sign-ins, planned first and then written in bulk (a few
queries per kind of row, whatever the number of people). Idempotent: teams
are matched on their slug and people on their employee number, and only what
is missing is written."""

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.utils.text import slugify

from deskbook.core.roles import COLLECTOR, TEAM_LEAD

from .demo_names import DemoName, demo_languages, demo_name, email_local_part
from .models import (
    Channel,
    Language,
    PartnerAgency,
    Resignation,
    Staff,
    Team,
    TeamMembership,
)

LANGUAGES = [
    ("en", "English"),
    ("ms", "Malay"),
    ("id", "Indonesian"),
    ("zh", "Mandarin"),
    ("ta", "Tamil"),
]


@dataclass(frozen=True)
class TeamPlan:
    name: str
    slug: str
    stage: str
    channel: str
    location: str
    minimum_staffing: int
    partner: str | None = None  # a partner agency's name; None when in-house

    @classmethod
    def named(cls, name: str, *fields, partner: str | None = None) -> "TeamPlan":
        """A team whose slug is its name's: ``named(name, stage, channel,
        location, minimum_staffing, partner=...)``."""
        return cls(name, slugify(name), *fields, partner=partner)


@dataclass
class Stay:
    """A planned team membership, both days included; open while ``until`` is None."""

    team: TeamPlan
    since: datetime.date
    until: datetime.date | None = None
    reason: str = "Joined"


@dataclass
class PersonPlan:
    number: int
    name: DemoName
    job_title: str
    hired_on: datetime.date
    languages: list[str]
    stays: list[Stay] = field(default_factory=list)
    leads: TeamPlan | None = None
    # (notice given on, last working day, reason)
    resignation: tuple[datetime.date, datetime.date, str] | None = None

    @property
    def employee_number(self) -> str:
        return f"E{self.number:05d}"

    def move(self, team: TeamPlan, on: datetime.date, reason: str) -> None:
        """End the current stay the day before ``on`` and start one in ``team``."""
        self.stays[-1].until = on - datetime.timedelta(days=1)
        self.stays.append(Stay(team, on, reason=reason))


def plan_person(
    number: int, team: TeamPlan, *, lead: bool, hired_on: datetime.date, rng
) -> PersonPlan:
    """Someone in ``team`` since their hire date, named as people are where
    the team sits."""
    name = demo_name(rng, team.location)
    if lead:
        title = Staff.JobTitle.TEAM_LEAD
    elif team.channel == Channel.FIELD:
        title = Staff.JobTitle.FIELD_COLLECTOR
    else:
        title = Staff.JobTitle.DESK_COLLECTOR
    return PersonPlan(
        number=number,
        name=name,
        job_title=title,
        hired_on=hired_on,
        languages=demo_languages(rng, name, team.location),
        stays=[Stay(team, hired_on)],
        leads=team if lead else None,
    )


def person_rng(number: int) -> random.Random:
    return random.Random(f"deskbook-demo-person-{number}")  # noqa: S311 — demo data


def ensure_languages() -> dict[str, Language]:
    existing = {language.code: language for language in Language.objects.all()}
    Language.objects.bulk_create(
        Language(code=code, name=name)
        for code, name in LANGUAGES
        if code not in existing
    )
    return {language.code: language for language in Language.objects.all()}


def ensure_teams(plans: list[TeamPlan], contacts: dict[str, str]) -> dict[str, Team]:
    """The planned teams (and the partner agencies running them), by slug;
    existing ones are left as they are."""
    agencies = {agency.name: agency for agency in PartnerAgency.objects.all()}
    PartnerAgency.objects.bulk_create(
        PartnerAgency(name=name, contact_name=contacts.get(name, ""))
        for name in dict.fromkeys(plan.partner for plan in plans if plan.partner)
        if name not in agencies
    )
    agencies = {agency.name: agency for agency in PartnerAgency.objects.all()}
    slugs = [plan.slug for plan in plans]
    existing = set(Team.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    Team.objects.bulk_create(
        Team(
            name=plan.name,
            slug=plan.slug,
            stage=plan.stage,
            channel=plan.channel,
            location=plan.location,
            minimum_staffing=plan.minimum_staffing,
            partner=agencies[plan.partner] if plan.partner else None,
        )
        for plan in plans
        if plan.slug not in existing
    )
    return {team.slug: team for team in Team.objects.filter(slug__in=slugs)}


def write_people(plans: list[PersonPlan], teams: dict[str, Team]) -> list[Staff]:
    """Write the planned people who are not on record yet, with everything
    planned about them; returns those written."""
    numbers = [plan.employee_number for plan in plans]
    existing = set(
        Staff.objects.filter(employee_number__in=numbers).values_list(
            "employee_number", flat=True
        )
    )
    plans = [plan for plan in plans if plan.employee_number not in existing]
    if not plans:
        return []
    Staff.objects.bulk_create(
        Staff(
            employee_number=plan.employee_number,
            first_name=plan.name.first_name,
            last_name=plan.name.last_name,
            email=f"{email_local_part(plan.name)}{plan.number}@deskbook.example",
            job_title=plan.job_title,
            hired_on=plan.hired_on,
            status=Staff.Status.ON_NOTICE if plan.resignation else Staff.Status.ACTIVE,
            phone_extension=f"{4000 + plan.number}",
            dialer_agent_id=f"AG{plan.number:05d}",
        )
        for plan in plans
    )
    staff = {
        person.employee_number: person
        for person in Staff.objects.filter(
            employee_number__in=[plan.employee_number for plan in plans]
        )
    }
    languages = ensure_languages()
    Staff.languages.through.objects.bulk_create(
        Staff.languages.through(
            staff_id=staff[plan.employee_number].pk,
            language_id=languages[code].pk,
        )
        for plan in plans
        for code in plan.languages
    )
    TeamMembership.objects.bulk_create(
        TeamMembership(
            staff=staff[plan.employee_number],
            team=teams[stay.team.slug],
            valid_from=stay.since,
            valid_to=stay.until,
            reason=stay.reason,
        )
        for plan in plans
        for stay in plan.stays
    )
    Team.leads.through.objects.bulk_create(
        Team.leads.through(
            team_id=teams[plan.leads.slug].pk,
            staff_id=staff[plan.employee_number].pk,
        )
        for plan in plans
        if plan.leads
    )
    Resignation.objects.bulk_create(
        Resignation(
            staff=staff[plan.employee_number],
            notice_given_on=notice_given_on,
            last_working_day=last_working_day,
            reason=reason,
        )
        for plan in plans
        if plan.resignation
        for notice_given_on, last_working_day, reason in [plan.resignation]
    )
    return list(staff.values())


FLOOR_ROLES = {
    Staff.JobTitle.DESK_COLLECTOR: COLLECTOR,
    Staff.JobTitle.FIELD_COLLECTOR: COLLECTOR,
    Staff.JobTitle.TEAM_LEAD: TEAM_LEAD,
}


def give_floor_accounts() -> None:
    """Collectors and team leads have sign-ins (no usable password in the
    demo), so their acknowledgements, scores, shifts and approvals have
    someone to belong to."""
    User = get_user_model()
    staff = list(Staff.objects.filter(job_title__in=FLOOR_ROLES, user=None))
    if not staff:
        return
    unusable = make_password(None)
    User.objects.bulk_create(
        User(
            username=member.employee_number.lower(),
            first_name=member.first_name,
            last_name=member.last_name,
            email=member.email,
            password=unusable,
        )
        for member in staff
    )
    users = User.objects.filter(
        username__in=[member.employee_number.lower() for member in staff]
    )
    by_username = {user.username: user for user in users}
    for member in staff:
        member.user = by_username[member.employee_number.lower()]
    Staff.objects.bulk_update(staff, ["user"])
    for role in set(FLOOR_ROLES.values()):
        Group.objects.get(name=role).user_set.add(
            *(m.user for m in staff if FLOOR_ROLES[m.job_title] == role)
        )
