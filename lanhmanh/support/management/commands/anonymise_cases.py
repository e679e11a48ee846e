from django.conf import settings
from django.core.management.base import BaseCommand

from lanhmanh.support.services.retention import cases_anonymise, cases_due


class Command(BaseCommand):
    help = (
        "Ẩn danh hóa các ca hỗ trợ đã kết thúc quá N năm: xóa thông tin nhận dạng và ghi "
        "chú, giữ số liệu thống kê. Dùng cho cron, mỗi ngày một lần."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--years",
            type=int,
            default=settings.SUPPORT_ANONYMISE_AFTER_YEARS,
            help="số năm sau khi kết thúc ca (mặc định LANHMANH_SUPPORT_ANONYMISE_AFTER_YEARS)",
        )
        parser.add_argument("--dry-run", action="store_true", help="chỉ đếm, không thay đổi")

    def handle(self, *args, years, dry_run=False, **options):
        if dry_run:
            n = cases_due(years=years).count()
            self.stdout.write(f"{n} ca sẽ được ẩn danh hóa (kết thúc quá {years} năm).")
            return
        n = cases_anonymise(years=years)
        self.stdout.write(f"Đã ẩn danh hóa {n} ca kết thúc quá {years} năm.")
