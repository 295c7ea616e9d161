"""Demo accounts: one sign-in per role, all with the same printed password."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from .organisation import DEFAULT_NAME, organisation_for
from .roles import COLLECTOR, EDITOR, MANAGER, QA_ANALYST, TEAM_LEAD, TRAINER

DEMO_PASSWORD = "deskbook-demo"  # noqa: S105 — printed for the demo on purpose
# ``seed_demo --size``, passed to every app's demo hook (see ``hooks.SEED_DEMO``).
DEMO_SIZES = ("small", "large")


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: str | None
    first_name: str
    last_name: str
    superuser: bool = False

    @property
    def email(self) -> str:
        return f"{self.username}@deskbook.example"


DEMO_USERS = (
    DemoUser("admin", None, "Ada", "Hassan", superuser=True),
    DemoUser("manager", MANAGER, "Grace", "Ong"),
    DemoUser("teamlead", TEAM_LEAD, "Marcus", "Tan"),
    DemoUser("collector", COLLECTOR, "Nur Aisyah", "binte Ahmad"),
    DemoUser("trainer", TRAINER, "Priya", "Nair"),
    DemoUser("qa", QA_ANALYST, "Daniel", "Lim"),
    DemoUser("editor", EDITOR, "Siti Aminah", "binte Rahman"),
)


@transaction.atomic
def ensure_demo_users():
    """Create the demo accounts; existing ones keep their password and details."""
    User = get_user_model()
    users = {}
    for demo in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=demo.username,
            defaults={
                "first_name": demo.first_name,
                "last_name": demo.last_name,
                "email": demo.email,
                "is_staff": demo.superuser,
                "is_superuser": demo.superuser,
            },
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if demo.role:
            user.groups.add(Group.objects.get(name=demo.role))
        users[demo.username] = user
    return users


DEMO_ORGANISATION = {
    "name": "Meridian Recovery Services",
    "address": "20 Anson Road, #11-01\nSingapore 079912",
    "phone": "+65 6555 0100",
    "email": "enquiries@meridian-recovery.example",
}


@transaction.atomic
def ensure_demo_organisation():
    """Name the demo agency, unless someone has already named theirs."""
    organisation = organisation_for()
    if organisation.pk is None:
        raise LookupError("No default site: run `manage.py bootstrap_site` first.")
    untouched = organisation.name == DEFAULT_NAME and not (
        organisation.address or organisation.phone or organisation.email
    )
    if untouched:
        for field, value in DEMO_ORGANISATION.items():
            setattr(organisation, field, value)
        organisation.save()
    return organisation


def demo_login_lines() -> list[str]:
    width = max(len(demo.username) for demo in DEMO_USERS)
    lines = [f"Demo sign-ins (password for all: {DEMO_PASSWORD})"]
    for demo in DEMO_USERS:
        role = "superuser" if demo.superuser else demo.role
        lines.append(f"  {demo.username.ljust(width)}  {role}")
    return lines
