"""Set up a fresh site: roles, then each app's structure, in hook order, then
the organisation's details."""

from django.db import transaction

from . import hooks
from .organisation import organisation_for
from .roles import sync_roles


@transaction.atomic
def bootstrap_site() -> None:
    """Create the role groups, the page tree and the organisation's settings
    (defaults, kept once edited); safe to run again."""
    sync_roles()
    hooks.run(hooks.BOOTSTRAP)
    # Stored now, so a page's first visitor reads it rather than creating it.
    organisation_for()
