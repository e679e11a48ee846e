"""Django for the benchmark scripts: settings from the environment, a database, migrated.

``DATABASE_URL`` when it is set; else ``sqlite_file`` (kept after the run); else a
throwaway SQLite file in a temporary directory, removed at exit. The scripts run from
their own folder (``python benchmarks/x.py``), so this module is imported by name.
"""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path


def setup_django(*, debug: bool = True, sqlite_file: str | None = None) -> str:
    """Configure and migrate; returns the engine's name and version ('SQLite 3.40.1',
    'PostgreSQL 15.18'). ``debug`` off runs as production does (no SQL kept in memory)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("LANHMANH_DEBUG", "1" if debug else "0")
    if not debug:
        os.environ.setdefault("LANHMANH_SECRET_KEY", "benchmark-only-not-secret")
    os.environ["DJANGO_SETTINGS_MODULE"] = "lanhmanh.settings"
    if not os.environ.get("DATABASE_URL"):
        if sqlite_file:
            path = Path(sqlite_file).resolve()
            path.parent.mkdir(parents=True, exist_ok=True)
            folder = str(path.parent)
        else:
            folder = tempfile.mkdtemp(prefix="lanhmanh-bench-")
            atexit.register(shutil.rmtree, folder, ignore_errors=True)
            path = Path(folder) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
        os.environ.setdefault("LANHMANH_VAR_DIR", folder)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from django.db import connection

    if connection.vendor == "sqlite":
        return f"SQLite {connection.Database.sqlite_version}"
    return f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"
