"""Test settings: fast hashing, local-memory cache, throwaway media and search
index (removed when the test run ends), immediate tasks."""

import atexit
import shutil
import tempfile
from pathlib import Path

from .base import *

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Not the test client's host: links must come from the Site, not the request.
DESKBOOK_PUBLIC_URL = WAGTAILADMIN_BASE_URL = "http://localhost"
LOGGING = {"version": 1, "disable_existing_loggers": False}

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Throwaway data: a commit (each migration, each flush) need not wait for
    # the disk.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c synchronous_commit=off"

TEST_SCRATCH = Path(tempfile.mkdtemp(prefix="deskbook-test-"))
atexit.register(shutil.rmtree, TEST_SCRATCH, ignore_errors=True)
MEDIA_ROOT = TEST_SCRATCH / "media"
PRIVATE_MEDIA_ROOT = TEST_SCRATCH / "private-media"
STORAGES = {
    **STORAGES,
    "private": {
        **STORAGES["private"],
        "OPTIONS": {**STORAGES["private"]["OPTIONS"], "location": PRIVATE_MEDIA_ROOT},
    },
}
if WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "deskbook.search.whoosh":
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            **WAGTAILSEARCH_BACKENDS["default"],
            "PATH": TEST_SCRATCH / "whoosh",
        }
    }
