"""modelsearch's backend contract (``BackendTests``) against the Whoosh backend.

Runs only under ``tests.search.contract_settings`` (a second pytest run in
``bin/test``): modelsearch's test app cannot be installed beside Wagtail's
search app, so ``conftest.py`` leaves this module out of the main run.
"""

import pytest
from django.conf import settings

if settings.SETTINGS_MODULE != "tests.search.contract_settings":
    pytest.fail(
        "the backend contract runs under --ds=tests.search.contract_settings "
        "(bin/test runs it so, after the project's tests)",
        pytrace=False,
    )

from django.test import TestCase  # noqa: E402
from modelsearch.tests.test_backends import BackendTests  # noqa: E402

from tests.search.contract_data import create_contract_data  # noqa: E402


class TestWhooshBackendContract(BackendTests, TestCase):
    backend_path = "deskbook.search.whoosh"
    # modelsearch's wheel does not ship the "search" fixture its suite names.
    fixtures = []

    @classmethod
    def setUpTestData(cls):
        # Indexed by the suite's own rebuild in setUp.
        create_contract_data()

    def setUp(self):
        # modelsearch skips a backend its settings do not name; here that would
        # pass a run that tested nothing.
        configured = [
            conf["BACKEND"] for conf in settings.MODELSEARCH_BACKENDS.values()
        ]
        self.assertIn(self.backend_path, configured)
        super().setUp()
