"""Test settings: fast hashing, local-memory cache, throwaway media, immediate tasks."""

import tempfile
from pathlib import Path

from .base import *

DEBUG = False
SECRET_KEY = "test-only-insecure-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="deskbook-test-media-"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# A throwaway Whoosh index per test run (unless SEARCH_BACKEND picks another).
if WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "deskbook.search.whoosh":
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            **WAGTAILSEARCH_BACKENDS["default"],
            "PATH": tempfile.mkdtemp(prefix="deskbook-test-whoosh-"),
        }
    }
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False}
