from django.core.management.base import BaseCommand

from deskbook.core.page_cache import invalidate_all


class Command(BaseCommand):
    help = (
        "Drop every cached anonymous copy of the public pages (after a deploy "
        "that changed templates, or an edit to images or tags)."
    )

    def handle(self, *args, **options):
        invalidate_all()
        self.stdout.write("Public page cache cleared.")
