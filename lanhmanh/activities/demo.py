"""Demo records of the activity register: a year of awareness activities in every demo
commune, the province agencies' radio pieces, trainings and review meetings, some with a
photo the demo draws itself, linked to the current plan's tasks where an agency leads one.

Deterministic (a fixed random seed) and run once: if the province already has activities,
nothing is added.
"""

from __future__ import annotations

import datetime
import io
import random
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageDraw

from lanhmanh.core.scoping import within
from lanhmanh.organizations.models import Agency

from .models import (
    Activity,
    ActivityAttachment,
    ActivityKind,
    ActivityMaterial,
    AttachmentKind,
    AudienceGroup,
    Channel,
    FundSource,
    MaterialKind,
)

SEED = 2026
PLACES = ["Tổ dân phố 1", "Tổ dân phố 3", "Thôn Đông", "Thôn Nam", "Nhà văn hóa khu phố 5"]
COLOURS = [(38, 110, 160), (196, 90, 60), (70, 140, 90)]


def _photo(n: int) -> ContentFile:
    """A small picture with a caption: enough to show where photos go."""
    image = Image.new("RGB", (640, 400), COLOURS[n % len(COLOURS)])
    draw = ImageDraw.Draw(image)
    draw.rectangle((40, 300, 600, 360), fill=(255, 255, 255))
    draw.text((60, 320), f"Anh minh hoa hoat dong {n + 1}", fill=(20, 20, 20))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=80)
    return ContentFile(out.getvalue(), name=f"anh-{n + 1}.jpg")


@transaction.atomic
def activities_demo_build(province, communes, plan=None, *, today: datetime.date) -> int:
    if Activity.objects.filter(within(province)).exists():
        return 0
    rng = random.Random(SEED)  # noqa: S311 - demo records, reproducible on purpose
    kinds = {k.code: k for k in ActivityKind.objects.all()}
    audiences = list(AudienceGroup.objects.all())
    leaflet = MaterialKind.objects.get(code="leaflet")
    broadcast = MaterialKind.objects.get(code="broadcast")
    agencies = {
        (a.unit_id, a.sector.code): a
        for a in Agency.objects.filter(unit__in=[province, *communes]).select_related("sector")
    }
    tasks = {}
    if plan is not None:
        tasks = {t.lead_id: t for t in plan.tasks.filter(lead__isnull=False)}
    start = today - datetime.timedelta(days=364)
    rows: list[Activity] = []

    def add(kind, unit, day, title, organiser, participants, **extra):
        male = participants * rng.randint(35, 55) // 100
        rows.append(
            Activity(
                kind=kinds[kind],
                title=title,
                start_date=day,
                end_date=day + datetime.timedelta(days=extra.pop("days", 1) - 1),
                unit=unit,
                organiser=organiser,
                channel=extra.pop("channel", Channel.IN_PERSON),
                participants=participants,
                participants_male=male,
                participants_female=participants - male,
                task=tasks.get(organiser.pk) if organiser else None,
                **extra,
            )
        )

    # Each commune: an awareness event about every week, in one of its residential groups.
    for commune in communes:
        culture = agencies.get((commune.pk, "culture")) or agencies.get((commune.pk, "labour"))
        day = start + datetime.timedelta(days=rng.randint(0, 6))
        while day <= today:
            kind = rng.choice(["communication_event", "loudspeaker", "club_meeting", "leaflets"])
            people = 0 if kind == "loudspeaker" else rng.randint(25, 120)
            add(
                kind,
                commune,
                day,
                f"Tuyên truyền phòng, chống mại dâm tại {rng.choice(PLACES).lower()}",
                culture,
                people,
                place=rng.choice(PLACES),
                channel=Channel.LOUDSPEAKER if kind == "loudspeaker" else Channel.IN_PERSON,
                on_drugs=rng.random() < 0.4,
                cost=Decimal(rng.choice([0, 500_000, 1_000_000])) or None,
                fund_source=FundSource.STATE,
            )
            day += datetime.timedelta(days=rng.randint(5, 9))
    # The province: radio pieces twice a month, a training each quarter, two reviews.
    culture = agencies.get((province.pk, "culture"))
    health = agencies.get((province.pk, "health"))
    day = start
    while day <= today:
        for offset in (3, 17):
            when = day + datetime.timedelta(days=offset)
            if when <= today:
                add(
                    "media_piece",
                    province,
                    when,
                    "Chuyên mục phát thanh phòng, chống tệ nạn mại dâm",
                    culture,
                    0,
                    channel=Channel.RADIO_TV,
                    on_trafficking=True,
                )
        day = (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    for quarter in range(4):
        when = start + datetime.timedelta(days=45 + 91 * quarter)
        if when <= today:
            add(
                "training",
                province,
                when,
                "Tập huấn nghiệp vụ cho thành viên đội kiểm tra liên ngành 178",
                health,
                rng.randint(40, 70),
                days=2,
                cost=Decimal(15_000_000),
                fund_source=FundSource.STATE,
            )
    for when, title in ((start + datetime.timedelta(days=180), "Hội nghị sơ kết 6 tháng"),
                        (today - datetime.timedelta(days=5), "Hội nghị tổng kết năm")):  # fmt: skip
        add("review_meeting", province, when, title, health, 80, cost=Decimal(8_000_000),
            fund_source=FundSource.STATE)  # fmt: skip

    Activity.objects.bulk_create(rows)
    saved = list(Activity.objects.filter(within(province)).order_by("pk"))
    Activity.audiences.through.objects.bulk_create(
        Activity.audiences.through(activity=a, audiencegroup=rng.choice(audiences)) for a in saved
    )
    ActivityMaterial.objects.bulk_create(
        ActivityMaterial(
            activity=a,
            kind=broadcast if a.channel in (Channel.LOUDSPEAKER, Channel.RADIO_TV) else leaflet,
            count=1 if a.channel in (Channel.LOUDSPEAKER, Channel.RADIO_TV) else a.participants,
        )
        for a in saved
        if a.kind.code in ("loudspeaker", "media_piece", "leaflets", "communication_event")
    )
    for n, activity in enumerate(saved[:: max(1, len(saved) // 12)][:12]):
        content = _photo(n)
        attachment = ActivityAttachment(
            activity=activity,
            kind=AttachmentKind.PHOTO,
            content_type="image/jpeg",
            size=content.size,
        )
        attachment.file.save(content.name, content, save=False)
        attachment.save()
    return len(saved)
