"""Test settings: the production settings module with development defaults switched on
and fast password hashing. DATABASE_URL still decides the engine (SQLite by default)."""

import os

# The checkout's var/local.env (bin/setup) is not read: tests set what they need.
os.environ.setdefault("LANHMANH_ENV_FILE", "")
os.environ.setdefault("LANHMANH_DEBUG", "1")
os.environ.setdefault("LANHMANH_SECRET_KEY", "tests-only")

from lanhmanh.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
# Tests run with the language the users see.
LANGUAGE_CODE = "vi"
# No connection outlives its request in tests: a thread serving the browser tests must not
# keep the test database open when the run drops it.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
