"""``manage.py import_establishments FILE --unit PATH``: the Excel import from the shell,
through the same service as the upload page. Prints the errors and saves nothing while
any row has one, unless ``--skip-invalid``."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from lanhmanh.geography.models import AdministrativeUnit
from lanhmanh.inspections.importing import (
    establishments_import_parse,
    establishments_import_save,
    import_counts,
)

ERROR_UNIT = "Không tìm thấy đơn vị có đường dẫn %s (ví dụ: 2025/38/)."


class Command(BaseCommand):
    help = "Nhập danh sách cơ sở kinh doanh từ tệp Excel."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--unit", required=True, help="Đường dẫn đơn vị, ví dụ 2025/38/")
        parser.add_argument("--skip-invalid", action="store_true", help="Bỏ qua các dòng lỗi.")

    def handle(self, *args, file, unit, skip_invalid=False, **options):
        found = AdministrativeUnit.objects.filter(path=unit).first()
        if found is None:
            raise CommandError(ERROR_UNIT % unit)
        try:
            import_ = establishments_import_parse(
                content=file.read_bytes(), file_name=file.name, unit=found, by=None
            )
            for error in import_.file_errors:
                self.stderr.write(error)
            for row in import_.rows:
                for error in row["errors"]:
                    self.stderr.write(f"Dòng {row['line']}: {error}")
            good, bad = import_counts(import_)
            self.stdout.write(f"Hợp lệ: {good}, lỗi: {bad}.")
            saved = establishments_import_save(import_=import_, by=None, skip_invalid=skip_invalid)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(self.style.SUCCESS(f"Đã nhập {saved} cơ sở."))
