"""Renditions are made when an image is saved, not by the first visitor."""

import io
import re
from pathlib import Path

import pytest
import wagtail
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from deskbook.core.renditions import RENDITION_SPECS
from tests.articles.factories import make_image

SITE_SPECS = {
    "fill-1200x630",
    "fill-640x336",
    "fill-640x360",
    "width-1200",
    "width-640",
    "max-165x165",
}
PROJECT = Path(settings.BASE_DIR)
WAGTAIL_IMAGES = Path(wagtail.__file__).parent / "images"
# The admin pages a new user opens first: the image listing and the chooser.
WAGTAIL_LISTING_AND_CHOOSER = [
    "templates/wagtailimages/images/results_image.html",
    "templates/wagtailimages/chooser/results.html",
    "views/images.py",
    "views/chooser.py",
    "widgets.py",
]
TEMPLATE_SPEC = re.compile(r"{%\s*image\s+\S+\s+([\w|.-]+)")
PYTHON_SPEC = re.compile(
    r'(?:get_rendition(?:_or_not_found)?|prefetch_renditions)\([^"\')]*"([\w|.-]+)"'
    r'|_SPEC\s*=\s*"([\w|.-]+)"'
)


@pytest.fixture(autouse=True)
def no_cached_renditions():
    """Wagtail caches renditions by image id, and ids come back in every test."""
    cache.clear()


def specs_in(path: Path) -> set[str]:
    text = path.read_text()
    if path.suffix == ".html":
        return {spec for spec in TEMPLATE_SPEC.findall(text) if spec != "original"}
    return {first or second for first, second in PYTHON_SPEC.findall(text)}


def project_files():
    for folder in ["site", "kb", "lessons", "workforce", "training"]:
        for path in (PROJECT / folder).rglob("*"):
            if (
                path.suffix in {".html", ".py", ".xml", ".txt"}
                and "tests" not in path.parts
            ):
                yield path


def png(size: tuple[int, int], name: str = "replacement.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 60, 20)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def rendition_sizes(image) -> dict[str, tuple[int, int]]:
    return {r.filter_spec: (r.width, r.height) for r in image.renditions.all()}


def test_the_list_holds_every_spec_the_site_and_the_admin_listing_ask_for():
    used = set().union(*(specs_in(path) for path in project_files()))
    assert used == SITE_SPECS - {"max-165x165"}
    admin = set().union(
        *(specs_in(WAGTAIL_IMAGES / name) for name in WAGTAIL_LISTING_AND_CHOOSER)
    )
    assert admin == {"max-165x165"}
    assert set(RENDITION_SPECS) == SITE_SPECS


@pytest.mark.django_db
def test_saving_an_image_makes_every_rendition_the_site_shows(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image()
    assert rendition_sizes(image) == {
        "fill-1200x630": (1200, 630),
        "fill-640x336": (640, 336),
        "fill-640x360": (640, 360),
        "width-1200": (1200, 675),
        "width-640": (640, 360),
        "max-165x165": (165, 92),
    }


@pytest.mark.django_db
def test_replacing_the_file_in_the_admin_makes_the_renditions_of_the_new_one(
    admin_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/images/{image.pk}/",
            {
                "title": image.title,
                "file": png((800, 400)),
                "collection": image.collection_id,
                "tags": "",
                "description": "",
            },
        )
    assert response.status_code == 302
    # Wagtail drops the old file's renditions; those of the new one are made.
    assert rendition_sizes(image) == {
        "fill-1200x630": (762, 400),
        "fill-640x336": (640, 336),
        "fill-640x360": (640, 360),
        "width-1200": (800, 400),
        "width-640": (640, 320),
        "max-165x165": (165, 82),
    }


@pytest.mark.django_db
def test_moving_the_focal_point_makes_the_crops_for_it(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        image = make_image()
    with django_capture_on_commit_callbacks(execute=True):
        image.focal_point_x, image.focal_point_y = 1400, 200
        image.focal_point_width, image.focal_point_height = 100, 100
        image.save()
    Rendition = get_image_model().get_rendition_model()
    crops = image.renditions.filter(filter_spec="fill-1200x630")
    # One crop for the centre, one for the focal point; resizes do not depend on it.
    assert crops.count() == 2
    assert image.renditions.filter(filter_spec="width-640").count() == 1
    made = Rendition.objects.count()
    fresh = get_image_model().objects.get(pk=image.pk)
    fresh.get_renditions(*SITE_SPECS)
    assert Rendition.objects.count() == made


@pytest.mark.django_db
def test_an_image_whose_file_is_gone_is_logged_and_saved(
    django_capture_on_commit_callbacks, caplog
):
    image = make_image()
    image.file.storage.delete(image.file.name)
    with (
        caplog.at_level("WARNING", logger="deskbook.core.renditions"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        image.title = "Renamed"
        image.save()
    assert get_image_model().objects.get(pk=image.pk).title == "Renamed"
    assert not image.renditions.exists()
    assert f"Image {image.pk} has no readable file" in caplog.text
