"""``manage.py backup [PATH]``: a consistent copy of the whole database, while it serves."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lanhmanh.core.backup import BackupError, database_backup, default_path


class Command(BaseCommand):
    help = (
        "Back up the database: SQLite's online backup, or pg_dump (custom format) on "
        "PostgreSQL. Default file: var/backups/lanhmanh-<date>-<time>.sqlite3|.dump"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="file to write")

    def handle(self, *args, path=None, **options):
        target = Path(path) if path else default_path()
        try:
            written = database_backup(path=target)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written: {written} ({written.stat().st_size:,} bytes)")
