from django.core.management.base import BaseCommand

from deskbook.core.roles import sync_roles


class Command(BaseCommand):
    help = "Create the role groups and set their model permissions (idempotent)."

    def handle(self, *args, **options):
        groups = sync_roles()
        for name, group in groups.items():
            self.stdout.write(f"{name}: {group.permissions.count()} permissions")
