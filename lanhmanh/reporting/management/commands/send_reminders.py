"""Email data officers about reports due in a few days or overdue; for cron, once a day:

    manage.py send_reminders [--days-before 2] [--date 2026-01-15] [--dry-run]

Running it twice on the same day sends nothing new (see ``reporting.reminders``)."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from lanhmanh.reporting.reminders import reminders_send


class Command(BaseCommand):
    help = "Nhắc cán bộ nhập liệu các báo cáo sắp đến hạn hoặc đã quá hạn (gửi thư)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days-before", type=int, default=2, help="Nhắc trước hạn gửi bao nhiêu ngày."
        )
        parser.add_argument("--date", help="Ngày chạy (YYYY-MM-DD), mặc định hôm nay.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ liệt kê thư sẽ gửi, không gửi."
        )

    def handle(self, *args, days_before, date, dry_run, **options):
        if days_before < 0:
            raise CommandError("--days-before phải là số không âm.")
        try:
            on = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"Ngày không hợp lệ: {date} (cần dạng YYYY-MM-DD).") from exc
        outcome = reminders_send(on=on, days_before=days_before, dry_run=dry_run)
        if dry_run:
            for to, subject, body in outcome.messages:
                self.stdout.write(f"--- {to}: {subject}\n{body}\n")
            self.stdout.write(
                f"Chạy thử: {outcome.emails} thư ({outcome.reminders} báo cáo), chưa gửi."
            )
            return
        self.stdout.write(
            f"Đã gửi {outcome.emails} thư nhắc ({outcome.reminders} báo cáo); "
            f"{outcome.skipped} đã nhắc trước đó trong ngày."
        )
