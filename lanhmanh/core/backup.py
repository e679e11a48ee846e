"""Backups of the whole database, and restoring one into an empty database.

SQLite: the online backup API copies a consistent snapshot while the application keeps
serving (no need to stop it), and restores the same way. PostgreSQL: ``pg_dump`` in its
custom format and ``pg_restore``, found on PATH or in Debian's /usr/lib/postgresql.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

NOT_EMPTY = (
    "The database already holds data: restore only into an empty database "
    "(or pass --replace to overwrite it)."
)
NO_PG_TOOL = "{tool} not found: install PostgreSQL's client programs (Debian: postgresql-client)."
NO_FILE = "No backup file at {path}."


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why."""


def default_path() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    suffix = "sqlite3" if connection.vendor == "sqlite" else "dump"
    return Path(settings.VAR_DIR) / "backups" / f"lanhmanh-{stamp}.{suffix}"


def database_backup(*, path: Path) -> Path:
    """Write a consistent copy of the database to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        _pg("pg_dump", "--format=custom", "--no-owner", f"--file={path}")
    path.chmod(0o600)  # a backup holds everything, passwords' hashes included
    return path


def database_is_empty() -> bool:
    tables = connection.introspection.table_names()
    if "django_migrations" not in tables:
        return True
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM django_migrations")
        return cursor.fetchone()[0] == 0


def database_restore(*, path: Path, replace: bool = False) -> None:
    """Load the backup at ``path``; refuses a database that is not empty unless
    ``replace``."""
    if not path.is_file():
        raise BackupError(NO_FILE.format(path=path))
    if not replace and not database_is_empty():
        raise BackupError(NOT_EMPTY)
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
    else:
        options = ["--clean", "--if-exists"] if replace else []
        _pg("pg_restore", "--no-owner", "--exit-on-error", *options, str(path), dbname_flag=True)


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0,
    )
    if versions:
        return str(versions[-1])
    raise BackupError(NO_PG_TOOL.format(tool=name))


def _pg(tool: str, *args: str, dbname_flag: bool = False) -> None:
    db = connection.settings_dict
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    command = [_pg_tool(tool)]
    if db.get("HOST"):
        command.append(f"--host={db['HOST']}")
    if db.get("PORT"):
        command.append(f"--port={db['PORT']}")
    if db.get("USER"):
        command.append(f"--username={db['USER']}")
    command += [*args]
    command.append(f"--dbname={db['NAME']}" if dbname_flag else str(db["NAME"]))
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()}")
