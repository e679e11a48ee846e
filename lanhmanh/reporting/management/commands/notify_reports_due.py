"""Notify data officers (bell and, if they chose it, e-mail) of every report due in three
days and not sent; for cron, once a day:

    manage.py notify_reports_due [--date 2026-01-15] [--days-before 3]

Running it twice on the same day notifies nothing new (one key per user, report and day)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lanhmanh.reporting.notices import DUE_DAYS, reports_due_notify


class Command(BaseCommand):
    help = "Thông báo cho cán bộ nhập liệu các báo cáo còn ba ngày đến hạn."

    def add_arguments(self, parser):
        parser.add_argument("--days-before", type=int, default=DUE_DAYS)
        parser.add_argument("--date", help="Ngày chạy (YYYY-MM-DD), mặc định hôm nay.")

    def handle(self, *args, days_before, date, **options):
        if days_before < 1:
            raise CommandError("--days-before phải là số dương.")
        try:
            on = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"Ngày không hợp lệ: {date} (cần dạng YYYY-MM-DD).") from exc
        created = reports_due_notify(on=on, days_before=days_before)
        self.stdout.write(f"Đã tạo {created} thông báo báo cáo sắp đến hạn.")
