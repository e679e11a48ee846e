"""``manage.py load_units``: load or refresh the official administrative map."""

import datetime
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from lanhmanh.geography.loading import UnknownProvince, units_load

ERR_BAD_DATE = "Ngày không hợp lệ: {value} (cần dạng YYYY-MM-DD)."
# Listing every retired unit of a whole country would drown the summary.
MAX_RETIRED_SHOWN = 50


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(ERR_BAD_DATE.format(value=value)) from exc


class Command(BaseCommand):
    help = (
        "Nạp hoặc cập nhật danh mục đơn vị hành chính (trước và sau 01/07/2025) cùng các "
        "thay đổi năm 2025 từ gói vietnam-provinces. Chạy lại nhiều lần không tạo trùng."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--province",
            action="append",
            dest="provinces",
            metavar="CODE",
            help="Chỉ nạp tỉnh/thành phố mã CODE (mã mới, 2 chữ số) và các tỉnh cũ hợp thành; "
            "có thể lặp lại.",
        )
        parser.add_argument(
            "--retire-missing-on",
            type=str,
            metavar="YYYY-MM-DD",
            help="Ngày hết hiệu lực gán cho đơn vị không còn trong danh mục (mặc định: hôm nay).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ báo cáo, không lưu gì vào cơ sở dữ liệu."
        )

    def handle(self, *args, provinces=None, retire_missing_on=None, dry_run=False, **options):
        day = _date(retire_missing_on) if retire_missing_on else None
        started = time.perf_counter()
        try:
            with transaction.atomic():
                report = units_load(
                    provinces=provinces, retire_missing_on=day, progress=self._progress
                )
                if dry_run:
                    transaction.set_rollback(True)
        except UnknownProvince as exc:
            raise CommandError(str(exc)) from exc
        for path in report.retired[:MAX_RETIRED_SHOWN]:
            self.stdout.write(f"  hết hiệu lực: {path}")
        if len(report.retired) > MAX_RETIRED_SHOWN:
            self.stdout.write(f"  … và {len(report.retired) - MAX_RETIRED_SHOWN} đơn vị khác.")
        elapsed = time.perf_counter() - started
        prefix = "Chạy thử, không lưu gì. " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(f"{prefix}{report.summary()} ({elapsed:.1f} giây)"))

    def _progress(self, line: str) -> None:
        self.stdout.write(line)
