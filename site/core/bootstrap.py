"""Set up a fresh site: roles, then each app's structure, in hook order."""

from django.db import transaction

from . import hooks
from .roles import sync_roles


@transaction.atomic
def bootstrap_site() -> None:
    """Create the role groups and the page tree; safe to run again."""
    sync_roles()
    hooks.run(hooks.BOOTSTRAP)
