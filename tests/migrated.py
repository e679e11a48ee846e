"""The migrated SQLite test database, kept between runs.

Migrating an empty database costs each test process about 14 s: Django renders the model
states again after most of the migrations' operations, and every model here is linked to
the units and the users. What the migrations leave (tables, the data migrations' rows,
content types, permissions, the cache table) depends only on the migration files, the
project modules they import and the versions of Django, SQLite and Python. A run on
SQLite keeps that database in pytest's cache under a digest of all of them, and a later
run with the same digest copies it into its in-memory test database instead of
migrating. Change one migration, one module a migration imports or this file, and the
next run migrates again.

LANHMANH_TEST_DB_CACHE=0 turns it off; PostgreSQL always migrates.
"""

from __future__ import annotations

import ast
import hashlib
import os
import sqlite3
import sys
from collections.abc import Iterable
from pathlib import Path

import django
from django.apps import apps
from django.conf import settings
from django.db.backends.sqlite3.creation import DatabaseCreation

PROJECT = "lanhmanh"
ROOT = Path(__file__).resolve().parents[1]


def _migration_files() -> list[Path]:
    files: list[Path] = []
    for config in apps.get_app_configs():
        folder = Path(config.path) / "migrations"
        if folder.is_dir():
            files.extend(sorted(folder.glob("*.py")))
    return files


def _module_file(name: str, root: Path) -> Path | None:
    path = root.joinpath(*name.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _project_imports(file: Path, root: Path) -> Iterable[str]:
    """The project's modules a file imports, anywhere in it (data migrations import the
    catalogues inside their functions); ``from package import name`` counts as the
    package and as its submodule ``name``, if there is one."""
    package = file.relative_to(root).with_suffix("").parts[:-1]
    for node in ast.walk(ast.parse(file.read_bytes())):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            parts = package[: len(package) - node.level + 1] if node.level else ()
            base = ".".join([*parts, node.module] if node.module else parts)
            names = [base, *(f"{base}.{alias.name}" for alias in node.names)]
        else:
            continue
        yield from (name for name in names if name.split(".")[0] == PROJECT)


def sources(migrations: Iterable[Path], root: Path = ROOT) -> set[Path]:
    """The migration files and every project module they import, directly or not."""
    seen: set[Path] = set()
    todo = list(migrations)
    while todo:
        file = todo.pop()
        if file in seen:
            continue
        seen.add(file)
        if file.is_relative_to(root):
            for name in _project_imports(file, root):
                module = _module_file(name, root)
                if module and module not in seen:
                    todo.append(module)
    return seen


def digest(files: Iterable[Path] | None = None, root: Path = ROOT) -> str:
    """What decides the migrated database, hashed."""
    chosen = sources(_migration_files(), root) if files is None else set(files)
    sha = hashlib.sha256()
    versions = (django.__version__, sqlite3.sqlite_version, sys.version_info[:2])
    sha.update(repr((versions, settings.INSTALLED_APPS)).encode())
    for file in sorted([*chosen, Path(__file__).resolve()]):
        sha.update(str(file.relative_to(root) if file.is_relative_to(root) else file).encode())
        sha.update(file.read_bytes())
    return sha.hexdigest()[:24]


def enabled(creation: DatabaseCreation) -> bool:
    return os.environ.get("LANHMANH_TEST_DB_CACHE", "1") != "0" and creation.is_in_memory_db(
        creation._get_test_db_name()
    )


def install(folder: Path) -> None:
    """Make SQLite's test databases come from the kept copy in ``folder``, or be kept
    there after their migration; the rows Django serializes right after (for the tests
    that empty the tables) are kept beside it."""
    create, serialize = DatabaseCreation.create_test_db, DatabaseCreation.serialize_db_to_string

    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        if not enabled(self):
            return create(self, verbosity, autoclobber, serialize, keepdb)
        key = digest()
        database = folder / f"{key}.sqlite3"
        if database.exists():
            name = _restore(self, database)
        else:
            name = create(self, verbosity, autoclobber, serialize, keepdb)
            _save(self, database)
        self._kept_contents = folder / f"{key}.json"
        return name

    def serialize_db_to_string(self):
        contents = self.__dict__.pop("_kept_contents", None)
        if contents is None:
            return serialize(self)
        if contents.exists():
            return contents.read_text()
        data = serialize(self)
        _write(contents, data.encode())
        return data

    DatabaseCreation.create_test_db = create_test_db
    DatabaseCreation.serialize_db_to_string = serialize_db_to_string


def _restore(creation: DatabaseCreation, database: Path) -> str:
    """What ``create_test_db`` does, with a copy of the kept database for the migration."""
    name = creation._get_test_db_name()
    creation.connection.close()
    settings.DATABASES[creation.connection.alias]["NAME"] = name
    creation.connection.settings_dict["NAME"] = name
    creation.connection.ensure_connection()
    with sqlite3.connect(database) as source:
        source.backup(creation.connection.connection)
    return name


def _save(creation: DatabaseCreation, database: Path) -> None:
    folder = database.parent
    folder.mkdir(parents=True, exist_ok=True)
    # Another worker may be saving the same database: each writes its own file and the
    # rename is atomic, so a reader finds a whole copy or none.
    partial = folder / f"{database.stem}.{os.getpid()}.partial"
    partial.unlink(missing_ok=True)
    target = sqlite3.connect(partial)
    try:
        creation.connection.ensure_connection()
        creation.connection.connection.backup(target)
    finally:
        target.close()
    partial.replace(database)
    for old in folder.iterdir():
        if not old.name.startswith(database.stem):
            old.unlink(missing_ok=True)


def _write(path: Path, data: bytes) -> None:
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    partial.write_bytes(data)
    partial.replace(path)
