"""Production settings, as a deployment gets them: from the environment only.

Each case runs ``manage.py`` in a fresh process, because the settings module is read once
per process and the test process runs on ``tests.settings`` with development defaults.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

BASE_DIR = Path(__file__).resolve().parent.parent

MISSING_SECRET_KEY = (
    "LANHMANH_SECRET_KEY (or LANHMANH_SECRET_KEY_FILE) must be set outside development."
)
NO_ISSUES = "System check identified no issues (0 silenced)."


@pytest.fixture
def production_env(tmp_path):
    """The environment of a production server: nothing of the developer's or the test
    run's settings (other tests set Django's variables in this process), a strong secret
    key, one host, a database of its own."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("LANHMANH_", "DJANGO_")) and name != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="lanhmanh.settings",
        LANHMANH_SECRET_KEY=secrets.token_urlsafe(50),
        LANHMANH_FIELD_KEYS=Fernet.generate_key().decode(),
        LANHMANH_ALLOWED_HOSTS="example.gov.vn",
        LANHMANH_VAR_DIR=str(tmp_path / "var"),
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
    )
    return env


def manage(env, *args):
    return subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_finds_nothing_to_warn_about(production_env):
    result = manage(production_env, "check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stdout + result.stderr
    assert NO_ISSUES in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_settings_refuse_to_load_without_a_secret_key(production_env):
    del production_env["LANHMANH_SECRET_KEY"]

    result = manage(production_env, "check")

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert MISSING_SECRET_KEY in result.stderr


def test_debug_needs_no_secret_key(production_env):
    del production_env["LANHMANH_SECRET_KEY"]
    production_env["LANHMANH_DEBUG"] = "1"

    result = manage(production_env, "check")

    assert result.returncode == 0, result.stderr
    assert NO_ISSUES in result.stdout


def test_the_secret_key_is_read_from_the_file_named_by_secret_key_file(production_env, tmp_path):
    key = secrets.token_urlsafe(50)
    key_file = tmp_path / "secret_key"
    key_file.write_text(f"{key}\n", encoding="utf-8")
    del production_env["LANHMANH_SECRET_KEY"]
    production_env["LANHMANH_SECRET_KEY_FILE"] = str(key_file)

    result = manage(
        production_env,
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SECRET_KEY)",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == key


def test_database_url_file_is_read(tmp_path):
    url_file = tmp_path / "database-url"
    url_file.write_text("postgres://lanhmanh:secret@127.0.0.1:5432/lanhmanh\n")
    script = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'lanhmanh.settings';"
        "from django.conf import settings; d = settings.DATABASES['default'];"
        "print(d['ENGINE'], d['USER'], d['NAME'])"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(LANHMANH_DEBUG="1", DATABASE_URL_FILE=str(url_file))
    out = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script],
        env=env,
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.split() == ["django.db.backends.postgresql", "lanhmanh", "lanhmanh"]
