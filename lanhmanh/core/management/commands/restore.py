"""``manage.py restore PATH``: load a backup made by ``manage.py backup``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lanhmanh.core.backup import BackupError, database_restore


class Command(BaseCommand):
    help = (
        "Restore a backup of `manage.py backup` into this database, which must be empty "
        "(a new SQLite file, or a new PostgreSQL database) unless --replace is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="backup file")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="overwrite a database that already holds data",
        )

    def handle(self, *args, path, replace=False, **options):
        try:
            database_restore(path=Path(path), replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored from {path}.")
