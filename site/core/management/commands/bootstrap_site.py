from django.core.management.base import BaseCommand

from deskbook.core.bootstrap import bootstrap_site


class Command(BaseCommand):
    help = "Create the role groups and the page tree (idempotent; no demo data)."

    def handle(self, *args, **options):
        bootstrap_site()
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS("Roles and page tree are in place."))
