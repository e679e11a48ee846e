"""The migrated SQLite test database kept between runs (tests/migrated.py): what its
digest covers, and that the database the tests run on is whole."""

import sqlite3
from pathlib import Path

from django.db import connection
from django.db.migrations.loader import MigrationLoader

from tests import migrated


def _tree(root: Path) -> dict[str, Path]:
    files = {
        "migration": "lanhmanh/app/migrations/0002_catalogue.py",
        "catalogue": "lanhmanh/app/catalogue.py",
        "helpers": "lanhmanh/app/helpers.py",
        "text": "lanhmanh/core/text.py",
        "unrelated": "lanhmanh/app/views.py",
    }
    paths = {key: root / name for key, name in files.items()}
    for path in paths.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("")
    for folder in ("lanhmanh", "lanhmanh/app", "lanhmanh/core", "lanhmanh/app/migrations"):
        (root / folder / "__init__.py").write_text("")
    paths["migration"].write_text(
        "from django.db import migrations\n\n"
        "def load(apps, schema_editor):\n"
        "    from lanhmanh.app.catalogue import ROWS\n"
        "    from ..helpers import tidy\n"
    )
    paths["catalogue"].write_text("from lanhmanh.core import text\nROWS = []\n")
    return paths


def test_the_digest_covers_what_a_migration_imports_inside_its_functions(tmp_path):
    paths = _tree(tmp_path)
    found = migrated.sources([paths["migration"]], root=tmp_path)
    assert {paths["migration"], paths["catalogue"], paths["helpers"], paths["text"]} <= found
    assert paths["unrelated"] not in found


def test_the_digest_changes_with_a_catalogue_and_not_with_other_modules(tmp_path):
    paths = _tree(tmp_path)

    def digest():
        return migrated.digest(migrated.sources([paths["migration"]], tmp_path), tmp_path)

    before = digest()
    paths["unrelated"].write_text("X = 1\n")
    assert digest() == before
    paths["text"].write_text("X = 1\n")
    assert digest() != before


def test_the_real_digest_reads_the_catalogues_of_the_data_migrations():
    found = migrated.sources(migrated._migration_files())
    names = {
        str(path.relative_to(migrated.ROOT)) for path in found if path.is_relative_to(migrated.ROOT)
    }
    assert "lanhmanh/indicators/catalogue.py" in names
    assert "lanhmanh/inspections/migrations/0002_catalogue.py" in names


class _Connection:
    """Enough of Django's connection for the copy: the driver's connection."""

    def __init__(self, raw):
        self.connection = raw

    def ensure_connection(self):
        pass


class _Creation:
    def __init__(self, raw):
        self.connection = _Connection(raw)


def test_a_kept_copy_holds_the_same_tables_and_rows(tmp_path):
    raw = sqlite3.connect(":memory:")
    raw.executescript(
        "create table unit (id integer primary key, name text);"
        "insert into unit values (1, 'Thanh Hóa'), (2, 'Bắc Ninh');"
    )
    database = tmp_path / "abc.sqlite3"
    (tmp_path / "old.sqlite3").write_text("stale")
    (tmp_path / "abc.json").write_text("[]")
    migrated._save(_Creation(raw), database)

    copy = sqlite3.connect(database)
    assert copy.execute("select id, name from unit order by id").fetchall() == [
        (1, "Thanh Hóa"),
        (2, "Bắc Ninh"),
    ]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["abc.json", "abc.sqlite3"]


def test_the_test_database_has_every_migration_and_every_models_columns(db):
    loader = MigrationLoader(connection)
    assert set(loader.applied_migrations) == set(loader.disk_migrations)
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        for model in loader.project_state().apps.get_models():
            assert model._meta.db_table in tables
            columns = {
                c.name
                for c in connection.introspection.get_table_description(
                    cursor, model._meta.db_table
                )
            }
            wanted = {f.column for f in model._meta.local_concrete_fields}
            assert wanted <= columns, model
