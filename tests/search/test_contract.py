"""modelsearch's backend contract (``BackendTests``) against the Whoosh backend.

Runs only under ``tests.search.contract_settings`` (a second pytest run in
``bin/test``): modelsearch's test app cannot be installed beside Wagtail's
search app.
"""

import pytest
from django.conf import settings

if settings.SETTINGS_MODULE != "tests.search.contract_settings":
    pytest.skip(
        "the backend contract runs under tests.search.contract_settings "
        "(bin/test runs it as a second pytest invocation)",
        allow_module_level=True,
    )
if not (settings.CONTRACT_FIXTURES / "search.json").exists():
    pytest.skip(
        f"the contract fixture {settings.CONTRACT_FIXTURES / 'search.json'} is "
        "missing; set DESKBOOK_CONTRACT_FIXTURES to the folder holding search.json",
        allow_module_level=True,
    )

from django.test import TestCase  # noqa: E402
from modelsearch.test.testapp import models  # noqa: E402
from modelsearch.tests.test_backends import BackendTests  # noqa: E402


def add_animal_tree(model):
    animal = model.add_root(name="Animal")
    mammal = animal.add_child(name="Mammal")
    mammal.add_child(name="Dog")
    mammal.add_child(name="Cat")
    animal.add_child(name="Reptile")


class TestWhooshBackendContract(BackendTests, TestCase):
    backend_path = "deskbook.search.whoosh"

    @classmethod
    def setUpTestData(cls):
        # The shared fixture predates the suite's tree and nested-relation tests
        # and has no animals, agenda items or speakers; these rows are what those
        # tests search for. They are indexed by the suite's own rebuild in setUp.
        add_animal_tree(models.MPAnimal)
        add_animal_tree(models.NSAnimal)
        standup = models.Meeting.objects.get(name="Stand-up meeting")
        item = models.AgendaItem.objects.create(
            meeting=standup, topic="Detective stories"
        )
        models.Speaker.objects.create(agenda_item=item, name="Arthur Conan Doyle")
