"""Background work of the core: with a queue backend a worker makes renditions,
so an upload does not wait for them."""

from django_tasks import task
from wagtail.images import get_image_model

from .renditions import renditions_make


@task()
def image_renditions_task(image_ids: list[int]) -> int:
    """Make the site's renditions of these images; ones deleted meanwhile are gone."""
    return renditions_make(get_image_model().objects.filter(pk__in=image_ids))
