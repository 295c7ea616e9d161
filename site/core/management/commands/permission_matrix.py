from pathlib import Path

from django.core.management.base import BaseCommand

from deskbook.core.permission_matrix import embed_matrix, render_matrix


class Command(BaseCommand):
    help = "Print the role permission matrix, or write it into docs/permissions.md."

    def add_arguments(self, parser):
        parser.add_argument(
            "--write",
            metavar="FILE",
            help="Replace the matrix between the markers in FILE.",
        )

    def handle(self, *args, write=None, **options):
        table = render_matrix()
        if not write:
            self.stdout.write(table)
            return
        path = Path(write)
        path.write_text(embed_matrix(path.read_text(), table))
        self.stdout.write(self.style.SUCCESS(f"Wrote the matrix into {path}."))
