"""manage.py backup and restore: a backup restored into an empty database has every row."""

import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from lanhmanh.core.backup import NOT_EMPTY
from tests.world import build_world

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def _counts(cursor, tables):
    found = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - names from the schema
        found[table] = cursor.fetchone()[0]
    return found


@pytest.fixture
def empty_database(tmp_path):
    """(DATABASE_URL of a new empty database, function opening a DB-API connection to it)."""
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield f"sqlite:///{path}", lambda: sqlite3.connect(path)
        return
    import psycopg

    db = connection.settings_dict
    name = f"{db['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{name}"

    def open_():
        return psycopg.connect(
            dbname=name, user=db["USER"], password=db["PASSWORD"], host=db["HOST"], port=db["PORT"]
        )

    yield url, open_
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_backup_restores_into_an_empty_database_with_every_row(tmp_path, empty_database):
    build_world()
    backup = tmp_path / "backup.bin"
    call_command("backup", str(backup))
    assert backup.stat().st_mode & 0o077 == 0
    url, open_restored = empty_database
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("LANHMANH_", "DJANGO_"))},
        "DJANGO_SETTINGS_MODULE": "lanhmanh.settings",
        "LANHMANH_ENV_FILE": "",
        "LANHMANH_DEBUG": "1",
        "LANHMANH_VAR_DIR": str(tmp_path / "var"),
        "DATABASE_URL": url,
    }

    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "restore", str(backup)],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )

    assert result.returncode == 0, result.stderr
    tables = connection.introspection.table_names()
    with connection.cursor() as cursor:
        expected = _counts(cursor, tables)
    assert expected["accounts_user"] > 0 and expected["geography_administrativeunit"] > 0
    restored = open_restored()
    try:
        assert _counts(restored.cursor(), tables) == expected
    finally:
        restored.close()


def test_restore_refuses_a_database_that_holds_data(db, tmp_path):
    build_world()
    backup = tmp_path / "backup.bin"
    backup.write_bytes(b"refused before it is read")

    with pytest.raises(CommandError, match=re.escape(NOT_EMPTY)):
        call_command("restore", str(backup))
