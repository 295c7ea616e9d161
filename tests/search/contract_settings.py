"""Settings for modelsearch's own backend test-suite, run against our backend.

Built on ``modelsearch.test.settings`` (its test app and models); the rows the
suite searches are created by ``tests.search.contract_data``.
"""

import atexit
import shutil
import tempfile

from modelsearch.test.settings import *  # noqa: F403

INDEX_PATH = tempfile.mkdtemp(prefix="deskbook-contract-whoosh-")
atexit.register(shutil.rmtree, INDEX_PATH, ignore_errors=True)
MODELSEARCH_BACKENDS = {
    "default": {"BACKEND": "deskbook.search.whoosh", "PATH": INDEX_PATH}
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
