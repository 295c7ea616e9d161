"""The image renditions the site shows, made ahead of time.

A rendition made while a page renders costs that request a fraction of a
second per picture: a first feed or listing of twenty pictures took seconds.
So every image gets the renditions below when it is saved (its file or focal
point may have changed), in the background, and the demo makes its pictures'
renditions when it is seeded. Pages still make any missing one on demand.

Keep the list in step with the templates and code that ask for renditions
(a test reads them all and fails on a spec missing here).
"""

import logging
from collections.abc import Iterable

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError

from .page_cache import ASSET_BOOKKEEPING_FIELDS

logger = logging.getLogger(__name__)

RENDITION_SPECS = (
    # Article hero on wide screens; feed enclosure; share image (og:image) and
    # the article's structured data.
    "fill-1200x630",
    "fill-640x336",  # article hero on narrow screens
    "fill-640x360",  # article cards: listings, tag pages, related articles
    "width-1200",  # a figure in a page body, wide screens
    "width-640",  # a figure in a page body, narrow screens
    # Wagtail's admin: the image listing, the chooser and a chosen image.
    "max-165x165",
)


def renditions_make(images: Iterable, specs: Iterable[str] = RENDITION_SPECS) -> int:
    """Make the missing renditions of ``specs`` for ``images``; how many were made.

    An image whose file cannot be read is logged and skipped: a page showing it
    reports the missing file as it always has.
    """
    Rendition = get_image_model().get_rendition_model()
    specs = tuple(specs)
    images = list(images)
    before = Rendition.objects.filter(image__in=images).count()
    for image in images:
        try:
            image.get_renditions(*specs)
        except SourceImageIOError:
            logger.warning("Image %s has no readable file: no renditions", image.pk)
    return Rendition.objects.filter(image__in=images).count() - before


def renditions_make_later(image_ids: Iterable[int]) -> None:
    """Once the current transaction commits, have a task make the renditions."""
    ids = sorted(set(image_ids))
    if ids:
        transaction.on_commit(lambda: _enqueue(ids))


def _enqueue(image_ids: list[int]) -> None:
    from .tasks import image_renditions_task  # tasks import this module

    try:
        image_renditions_task.enqueue(image_ids=image_ids)
    except Exception:
        logger.exception("Could not queue the renditions of images %s", image_ids)


def _image_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw:  # loading fixtures
        return
    if update_fields and set(update_fields) <= ASSET_BOOKKEEPING_FIELDS:
        return  # Wagtail noting a file's size or hash while showing it
    renditions_make_later([instance.pk])


def connect_signals() -> None:
    """Make an image's renditions whenever it is saved (new file, focal point)."""
    post_save.connect(
        _image_saved, sender=get_image_model(), dispatch_uid="renditions-image-saved"
    )
