"""Settings for the search benchmark: the test settings, a bench-only document
model, a SQLite file (so FTS5 sizes can be measured) and both backends."""

import os
import tempfile
from pathlib import Path

from deskbook.settings.test import *  # noqa: F403

# DESKBOOK_BENCH_DIR reuses a scratch folder (its database and index) between runs.
BENCH_DIR = Path(
    os.environ.get("DESKBOOK_BENCH_DIR") or tempfile.mkdtemp(prefix="deskbook-bench-")
)
INSTALLED_APPS = [*INSTALLED_APPS, "tests.bench.docs"]  # noqa: F405
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": BENCH_DIR / "bench.sqlite3",
        "OPTIONS": {"timeout": 20},
    }
}
# Indexing is explicit in the benchmark, so nothing is indexed twice.
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "deskbook.search.whoosh",
        "PATH": BENCH_DIR / "whoosh",
        "AUTO_UPDATE": False,
    },
    "database": {
        "BACKEND": "wagtail.search.backends.database",
        "AUTO_UPDATE": False,
    },
}
