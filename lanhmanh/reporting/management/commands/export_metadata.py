from pathlib import Path

from django.core.management.base import BaseCommand

from lanhmanh.reporting.metadata import export_package


class Command(BaseCommand):
    help = "Write the breakdowns, indicators, report forms and rules as one JSON package."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the JSON file to write ('-' for standard output)")

    def handle(self, *args, file, **options):
        content = export_package()
        if file == "-":
            self.stdout.write(content.decode("utf-8"), ending="")
        else:
            Path(file).write_bytes(content)
            self.stdout.write(f"Wrote {file}")
