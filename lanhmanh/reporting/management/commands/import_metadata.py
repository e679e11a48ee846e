from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from lanhmanh.reporting.metadata import MetadataError, import_package


class Command(BaseCommand):
    help = "Import a metadata package (JSON): all of it, or nothing when anything is wrong."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the JSON package to read")

    def handle(self, *args, file, **options):
        try:
            result = import_package(Path(file).read_bytes())
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        except MetadataError as error:
            raise CommandError("\n".join(str(m) for m in error.messages)) from error
        self.stdout.write(
            f"Created {len(result.created)}, updated {len(result.updated)}, "
            f"unchanged {result.unchanged}."
        )
