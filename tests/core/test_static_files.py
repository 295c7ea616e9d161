"""Production static files: whitenoise storage gives hashed, compressed names."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from django.core.management import call_command
from django.template import engines
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]


def production_staticfiles_backend() -> str:
    """Read in a fresh process: importing production settings here would change
    the settings dict the test run shares with it."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "deskbook.settings.production",
        "SECRET_KEY": "k" * 20 + "-production-secret-for-tests-only-0123456789",
        "ALLOWED_HOSTS": "deskbook.example",
        "DESKBOOK_PUBLIC_URL": "https://deskbook.example",
    }
    code = (
        "from django.conf import settings; "
        "print(settings.STORAGES['staticfiles']['BACKEND'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return result.stdout.strip()


def test_production_static_urls_carry_a_content_hash(tmp_path, settings):
    backend = production_staticfiles_backend()
    assert backend == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    storages = {**settings.STORAGES, "staticfiles": {"BACKEND": backend}}
    # Only the project's own files: collecting Wagtail's admin takes far longer.
    with override_settings(
        STATIC_ROOT=tmp_path,
        STORAGES=storages,
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        manifest = json.loads((tmp_path / "staticfiles.json").read_text())
        url = (
            engines["django"]
            .from_string("{% load static %}{% static 'deskbook/css/site.css' %}")
            .render()
        )

    hashed = manifest["paths"]["deskbook/css/site.css"]
    assert re.fullmatch(r"deskbook/css/site\.[0-9a-f]{12}\.css", hashed)
    assert url == f"/static/{hashed}"
    assert (tmp_path / f"{hashed}.gz").exists()
