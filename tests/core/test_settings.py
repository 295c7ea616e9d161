import os
import subprocess
import sys
from pathlib import Path

import pytest

from deskbook.settings.environment import env_bool, env_list

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "-production-secret-for-tests-only-0123456789"


def manage(*args, **env):
    """Run manage.py in a fresh process with exactly the given settings env."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DEBUG",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "DESKBOOK_PUBLIC_URL",
            "WAGTAILADMIN_BASE_URL",
        }
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="deskbook.settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="deskbook.example",
        DESKBOOK_PUBLIC_URL="https://deskbook.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("key", ["", "short", "dev-only-" + "x" * 60])
def test_production_refuses_to_start_without_a_real_secret_key(key):
    result = manage(
        "check",
        DJANGO_SETTINGS_MODULE="deskbook.settings.production",
        SECRET_KEY=key,
        ALLOWED_HOSTS="deskbook.example",
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"ALLOWED_HOSTS": ""},
            "ALLOWED_HOSTS",
        ),
        (
            {"ALLOWED_HOSTS": "deskbook.example"},
            "DESKBOOK_PUBLIC_URL must be the address the public",
        ),
        (
            {
                "ALLOWED_HOSTS": "deskbook.example",
                "DESKBOOK_PUBLIC_URL": "https://www.deskbook.example",
            },
            "names a host that ALLOWED_HOSTS does not list",
        ),
    ],
    ids=["no-allowed-hosts", "no-public-address", "address-on-another-host"],
)
def test_production_refuses_to_start_with_hosts_it_cannot_serve(env, message):
    result = manage(
        "check",
        DJANGO_SETTINGS_MODULE="deskbook.settings.production",
        SECRET_KEY=GOOD_KEY,
        **env,
    )
    assert result.returncode != 0
    assert message in result.stderr


PRINT_ADDRESSES = (
    "from django.conf import settings; "
    "print(settings.DESKBOOK_PUBLIC_URL, settings.WAGTAILADMIN_BASE_URL)"
)


def test_back_office_links_follow_the_public_address():
    production = manage(
        "shell",
        "--no-imports",
        "-c",
        PRINT_ADDRESSES,
        DJANGO_SETTINGS_MODULE="deskbook.settings.production",
        SECRET_KEY=GOOD_KEY,
        ALLOWED_HOSTS="deskbook.example",
        DESKBOOK_PUBLIC_URL="https://deskbook.example/",
    )
    assert production.returncode == 0, production.stderr
    assert production.stdout.split() == [
        "https://deskbook.example",
        "https://deskbook.example",
    ]

    elsewhere = manage(
        "shell",
        "--no-imports",
        "-c",
        PRINT_ADDRESSES,
        DESKBOOK_PUBLIC_URL="http://deskbook.test:8080",
    )
    assert elsewhere.returncode == 0, elsewhere.stderr
    assert elsewhere.stdout.split() == [
        "http://deskbook.test:8080",
        "http://deskbook.test:8080",
    ]

    demo = manage("shell", "--no-imports", "-c", PRINT_ADDRESSES)
    assert demo.returncode == 0, demo.stderr
    assert demo.stdout.split() == ["http://127.0.0.1:8000", "http://127.0.0.1:8000"]


def test_environment_switches_parse_and_reject_nonsense(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ValueError, match="FLAG must be true or false"):
        env_bool("FLAG", False)
    monkeypatch.setenv("HOSTS", "a.example, b.example,")
    assert env_list("HOSTS", []) == ["a.example", "b.example"]


def test_agency_time_zone_defaults_to_singapore(settings):
    assert settings.TIME_ZONE == "Asia/Singapore"
    assert settings.USE_TZ is True
