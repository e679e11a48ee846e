"""Demo tips for the demo province: six months of tips through every channel, in every
status, some closed late and some overdue, a few with questions and answers, a few that
led to an unannounced inspection. Written in bulk; nothing is made twice.

The receipt codes are drawn and thrown away, like real ones: to try the receipt page,
send a tip from the public form."""

from __future__ import annotations

import datetime
import random

from django.utils import timezone

from lanhmanh.accounts.models import User
from lanhmanh.inspections.models import Establishment, Inspection, InspectionKind

from .crypto import encrypt_json
from .models import CLOSED, Category, Channel, MessageKind, Status, Tip, TipMessage, Urgency
from .receipt import receipt_generate, receipt_hash
from .services import due_date

SEED = 15
COUNT = 36
HANDLER = "demo_tip_handler"

STORIES = {
    Category.ESTABLISHMENT: [
        "Nhà nghỉ {place} có nhiều cô gái lạ ra vào, khách đến rồi đi trong vòng một giờ.",
        "Quán karaoke {place} có nhân viên nữ ngồi tiếp khách trong phòng, đóng cửa kín.",
        "Tiệm gội đầu, massage {place} mở khuya, có biểu hiện bán dâm.",
    ],
    Category.PUBLIC_PLACE: [
        "Tối nào cũng có người đứng mời khách ở ven đường {place}.",
        "Khu vực công viên gần {place} có người môi giới mại dâm sau 22 giờ.",
    ],
    Category.TRAFFICKING: [
        "Con gái hàng xóm được hứa việc làm ở {place}, đã hai tuần không liên lạc được.",
    ],
    Category.ONLINE: [
        "Có nhóm trên mạng xã hội đăng ảnh gái gọi, hẹn gặp tại {place}.",
    ],
    Category.OTHER: ["Nghi có người cho thuê phòng trọ để hoạt động mại dâm gần {place}."],
}
OUTCOMES = {
    Status.HANDLED: "Đã phối hợp kiểm tra, lập biên bản, xử phạt vi phạm hành chính.",
    Status.UNFOUNDED: "Đã xác minh tại chỗ, không phát hiện dấu hiệu vi phạm.",
    Status.TRANSFERRED: "Có dấu hiệu tội phạm, đã chuyển Cơ quan Cảnh sát điều tra.",
}
QUESTION = "Bạn có thể cho biết thêm khoảng giờ nào thường thấy việc này không?"
ANSWER = "Thường từ 21 giờ đến nửa đêm, nhất là cuối tuần."


def tips_demo_build(province, communes, team=None) -> int:
    """Tips handled by the province; returns how many were made (0 on a second run)."""
    if Tip.objects.within(province).exists() or not communes:
        return 0
    rng = random.Random(SEED)  # noqa: S311 - demo data, reproducible on purpose
    now = timezone.now()
    handler = User.objects.filter(username=HANDLER).first()
    places = {
        c.pk: list(Establishment.objects.filter(unit=c).values_list("pk", "name")[:10])
        for c in communes
    }
    unannounced = list(
        Inspection.objects.filter(
            kind=InspectionKind.UNANNOUNCED, establishment__unit__in=communes
        ).values_list("pk", "establishment_id")[:6]
    )
    channels = list(Channel.values)
    categories = list(Category.values)
    statuses = list(Status.values)
    tips = []
    for i in range(COUNT):
        commune = communes[i % len(communes)]
        category = categories[i % len(categories)]
        # Every channel and status appears; the oldest tips are mostly closed.
        age = rng.randint(1, 180)
        status = (
            statuses[i % len(statuses)]
            if age < 40
            else rng.choice(
                [
                    Status.HANDLED,
                    Status.HANDLED,
                    Status.UNFOUNDED,
                    Status.TRANSFERRED,
                    Status.VERIFYING,
                ]
            )
        )
        received_at = now - datetime.timedelta(days=age, hours=rng.randint(0, 12))
        place = rng.choice(places[commune.pk]) if places.get(commune.pk) else None
        due_on = due_date(category, received_at)
        closed_at = None
        if status in CLOSED:
            # most on time, one in five late
            days = rng.randint(3, 18) if rng.random() > 0.2 else rng.randint(22, 35)
            closed_at = min(received_at + datetime.timedelta(days=days), now)
        tips.append(
            Tip(
                reference="",
                receipt_hash=receipt_hash(receipt_generate()),
                channel=channels[i % len(channels)],
                source_body="Công an tỉnh chuyển đến" if i % len(channels) == 4 else "",
                category=category,
                urgency=Urgency.URGENT if category == Category.TRAFFICKING else Urgency.NORMAL,
                description=rng.choice(STORIES[category]).format(
                    place=place[1] if place else commune.name
                ),
                commune=commune,
                address=f"Thôn {rng.randint(1, 12)}" if i % 3 else "",
                when_note=rng.choice(["", "tối thứ Bảy", "khoảng 22 giờ", "hằng đêm"]),
                contact_encrypted=encrypt_json({"phone": f"09{rng.randint(10**7, 10**8 - 1)}"})
                if i % 4 == 0
                else "",
                unit=province if status != Status.RECEIVED else commune,
                status=status,
                received_at=received_at,
                due_on=due_on,
                closed_at=closed_at,
                outcome=OUTCOMES.get(status, ""),
                transferred_to="Cơ quan Cảnh sát điều tra Công an tỉnh"
                if status == Status.TRANSFERRED
                else "",
                establishment_id=place[0] if place and category == Category.ESTABLISHMENT else None,
            )
        )
    # Numbered in order of receipt, year by year, as the register numbers them.
    tips.sort(key=lambda t: t.received_at)
    numbers: dict[int, int] = {}
    for tip in tips:
        year = timezone.localtime(tip.received_at).year
        numbers[year] = numbers.get(year, 0) + 1
        tip.reference = f"TB-{year}-{numbers[year]:05d}"
    # Some unannounced inspections were made on a tip about their establishment.
    for tip, (inspection_id, establishment_id) in zip(
        [t for t in tips if t.status == Status.HANDLED], unannounced, strict=False
    ):
        tip.inspection_id, tip.establishment_id = inspection_id, establishment_id
    Tip.objects.bulk_create(tips)
    tips = list(Tip.objects.filter(reference__in=[t.reference for t in tips]))
    if handler:
        through = Tip.handlers.through
        through.objects.bulk_create(
            [through(tip_id=t.pk, user_id=handler.pk) for t in tips if t.status != Status.RECEIVED]
        )
    messages = []
    for tip in tips[::5]:
        asked = tip.received_at + datetime.timedelta(days=1)
        messages.append(
            TipMessage(
                tip=tip, kind=MessageKind.QUESTION, text=QUESTION, author=handler, created_at=asked
            )
        )
        if tip.pk % 2:
            messages.append(
                TipMessage(
                    tip=tip,
                    kind=MessageKind.ANSWER,
                    text=ANSWER,
                    created_at=asked + datetime.timedelta(hours=5),
                )
            )
    TipMessage.objects.bulk_create(messages)
    return len(tips)
