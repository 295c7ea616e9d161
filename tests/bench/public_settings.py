"""Settings for the public-pages benchmark: production settings on a scratch
SQLite database, media and static files in ``DESKBOOK_BENCH_DIR``, plus a bare
view at ``/bench/bare/`` (``public_urls``). Served over plain HTTP on loopback,
so the benchmark sends ``X-Forwarded-Proto: https`` as the proxy would."""

import os
import tempfile
from pathlib import Path

BENCH_DIR = Path(
    os.environ.get("DESKBOOK_BENCH_DIR")
    or tempfile.mkdtemp(prefix="deskbook-bench-public-")
)
# Production settings read these at import time; the scratch folder wins over
# whatever the shell has set. REDIS_URL is honoured, to measure with Redis.
for name in ("STATIC_ROOT", "MEDIA_ROOT", "WHOOSH_PATH", "SEARCH_BACKEND"):
    os.environ.pop(name, None)
os.environ.update(
    DESKBOOK_VAR_DIR=str(BENCH_DIR),
    DATABASE_URL=f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}",
    SECRET_KEY="bench-only-" + "s3cr3t-" * 8,
    ALLOWED_HOSTS="127.0.0.1,localhost",
    DESKBOOK_PUBLIC_URL="https://localhost",
    DEBUG="false",
)

from deskbook.settings.production import *  # noqa: E402, F403

ROOT_URLCONF = "tests.bench.public_urls"
# Search is not measured here; pages are not indexed as they are created.
WAGTAILSEARCH_BACKENDS = {
    "default": {**WAGTAILSEARCH_BACKENDS["default"], "AUTO_UPDATE": False}  # noqa: F405
}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
