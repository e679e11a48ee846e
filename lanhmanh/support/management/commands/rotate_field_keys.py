from django.core.management.base import BaseCommand

from lanhmanh.support.services.keys import field_keys_rotate


class Command(BaseCommand):
    help = (
        "Mã hóa lại mọi thông tin nhận dạng bằng khóa mới nhất (khóa đầu tiên của "
        "LANHMANH_FIELD_KEYS). Chạy sau khi thêm khóa mới lên đầu danh sách; sau đó có thể "
        "bỏ khóa cũ."
    )

    def handle(self, *args, **options):
        result = field_keys_rotate()
        self.stdout.write(
            f"Đã mã hóa lại {result.rows} dòng và {result.files} tệp bằng khóa mới nhất."
        )
        if result.unreadable:
            self.stderr.write(
                f"{result.unreadable} dòng không giải mã được bằng khóa nào hiện có: giữ nguyên."
            )
