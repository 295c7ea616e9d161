"""The signed-in person's own staff record, looked up once per request.

Every admin page asks it several times (the menu's *My shifts*, *My leave*,
*My training* and *My evaluations* items, the dashboard's panels, the page
itself), so the answer is kept on the user object. Django builds a fresh user
for every request, so the kept answer lives as long as the request and is
never seen by another sign-in. Saving or deleting any staff record moves a
generation counter on, so a user object that outlives a change (in a test,
or a long-running command) reads the record again.
"""

import itertools

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import Staff

_CACHE = "_deskbook_own_staff"
_generations = itertools.count()
_generation = next(_generations)


@receiver(post_save, sender=Staff, dispatch_uid="people_viewer_staff_saved")
@receiver(post_delete, sender=Staff, dispatch_uid="people_viewer_staff_deleted")
def _staff_changed(**kwargs) -> None:
    global _generation
    _generation = next(_generations)


def staff_of(user) -> Staff | None:
    """The staff record linked to this sign-in; ``None`` for anonymous or
    deactivated sign-ins and for sign-ins with no record."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    kept = getattr(user, _CACHE, None)
    if kept is not None and kept[:2] == (user.pk, _generation):
        return kept[2]
    generation = _generation
    staff = Staff.objects.filter(user=user).first()
    setattr(user, _CACHE, (user.pk, generation, staff))
    return staff
