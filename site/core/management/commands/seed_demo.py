import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from deskbook.core import hooks
from deskbook.core.bootstrap import bootstrap_site
from deskbook.core.demo import (
    DEMO_SIZES,
    DEMO_USERS,
    demo_login_lines,
    ensure_demo_organisation,
    ensure_demo_users,
)


class Command(BaseCommand):
    help = (
        "Fill the site with realistic demo data: the page tree, one sign-in per "
        "role and each app's records. Idempotent: a second run changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--size",
            choices=DEMO_SIZES,
            default="small",
            help=(
                "small (default): the demo; large: the demo plus 500 people in "
                "25 teams, for benchmarks and scale."
            ),
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing but print the sign-ins if the demo was seeded before.",
        )

    def handle(self, *args, size, if_empty, **options):
        seeded = get_user_model().objects.filter(username=DEMO_USERS[0].username)
        if if_empty and seeded.exists():
            self.stdout.write("Demo data already present; not seeding again.")
        else:
            started = time.monotonic()
            with transaction.atomic():
                bootstrap_site()
                ensure_demo_users()
                ensure_demo_organisation()
                hooks.run(hooks.SEED_DEMO, size=size, log=self.stdout.write)
            elapsed = time.monotonic() - started
            self.stdout.write(
                self.style.SUCCESS(f"Demo data ({size}) ready in {elapsed:.1f}s.")
            )
        for line in demo_login_lines():
            self.stdout.write(line)
