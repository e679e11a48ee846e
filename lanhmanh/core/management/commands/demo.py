"""``manage.py demo``: demo data for tỉnh Thanh Hóa and one account per role.

The accounts get new random passwords on every run, printed here and nowhere else.
Refuses to run outside development (LANHMANH_DEBUG off) unless ``--force``, so a
production database never gets demo accounts by accident.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from lanhmanh.accounts.roles import Role
from lanhmanh.core.demo import DemoError, demo_build, demo_content_build
from lanhmanh.plans.demo import MSG_SKIPPED

ERROR_NOT_DEBUG = (
    "LANHMANH_DEBUG đang tắt: đây có thể là hệ thống thật. Lệnh demo tạo tài khoản thử "
    "nghiệm; chỉ chạy ở môi trường phát triển, hoặc thêm --force nếu thật sự muốn."
)
ADDRESS = "http://127.0.0.1:8000"


class Command(BaseCommand):
    help = "Tạo dữ liệu demo cho tỉnh Thanh Hóa và một tài khoản demo cho mỗi vai trò."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Chạy cả khi LANHMANH_DEBUG tắt (tạo tài khoản demo trên hệ thống này).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(ERROR_NOT_DEBUG)
        try:
            demo = demo_build()
        except DemoError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("Đang tạo kế hoạch, báo cáo và dữ liệu kiểm tra mẫu…")
        content = demo_content_build(demo)

        self.stdout.write(
            self.style.SUCCESS(
                f"Trước 01/07/2025: {demo.old_province}, "
                + ", ".join(str(d) for d in demo.old_districts)
                + f".\nTừ 01/07/2025: {demo.province}, "
                + ", ".join(str(c) for c in demo.communes)
                + f".\n{demo.team}; {demo.commune_team}."
            )
        )
        if content.seed_plans is None:
            self.stdout.write(MSG_SKIPPED)
        else:
            self.stdout.write(f"Kế hoạch mẫu từ văn bản thật: {content.seed_plans}.")
        self.stdout.write(
            f"{content.current_plan.title}: {ADDRESS}{content.current_plan.get_absolute_url()}\n"
            f"Báo cáo định kỳ: {content.submissions} báo cáo mới; cơ sở kinh doanh: "
            f"{content.establishments} mới, {content.inspections} lượt kiểm tra; "
            f"điểm nóng: {content.hotspots} mới."
        )
        rows = [("Tên đăng nhập", "Mật khẩu", "Vai trò", "Phạm vi")]
        for account in demo.accounts:
            if account.unit is None:
                role, where = "Quản trị toàn quốc (superuser)", "Toàn quốc"
            else:
                role, where = Role(account.role).label, str(account.unit)
            rows.append((account.username, account.password, str(role), where))
        widths = [max(len(row[i]) for row in rows) for i in range(4)]
        rule = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
        self.stdout.write(rule)
        for n, row in enumerate(rows):
            cells = (f" {cell:<{w}} " for cell, w in zip(row, widths, strict=True))
            self.stdout.write("|" + "|".join(cells) + "|")
            if n == 0:
                self.stdout.write(rule)
        self.stdout.write(rule)
        self.stdout.write(
            "Mật khẩu mới được tạo ngẫu nhiên mỗi lần chạy và chỉ in ra ở đây: hãy ghi lại."
        )
        self.stdout.write(f"Chạy `python manage.py runserver` rồi mở {ADDRESS}")
