"""Settings for modelsearch's own backend test-suite, run against our backend.

Built on ``modelsearch.test.settings`` (its test app and models); the fixture the
suite loads is not in modelsearch's wheel and is read from the shared contract
folder beside the repository (or ``DESKBOOK_CONTRACT_FIXTURES``).
"""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from modelsearch.test.settings import *  # noqa: F403

REPO_ROOT = Path(__file__).resolve().parents[2]
CONTRACT_FIXTURES = Path(
    os.environ.get(
        "DESKBOOK_CONTRACT_FIXTURES",
        REPO_ROOT.parent / "shared" / "contract" / "fixtures",
    )
)
FIXTURE_DIRS = [CONTRACT_FIXTURES]

INDEX_PATH = tempfile.mkdtemp(prefix="deskbook-contract-whoosh-")
atexit.register(shutil.rmtree, INDEX_PATH, ignore_errors=True)
MODELSEARCH_BACKENDS = {
    "default": {"BACKEND": "deskbook.search.whoosh", "PATH": INDEX_PATH}
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
