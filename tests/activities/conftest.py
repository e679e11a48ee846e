"""Activities on top of the test world: two in phường Hạc Thành (Thanh Hóa), one at the
province by its health department, one in xã Lục Nam (Bắc Ninh)."""

import datetime
import io
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lanhmanh.activities import services
from lanhmanh.activities.models import ActivityKind, AudienceGroup, Channel, MaterialKind
from tests.conftest import kept

DAY = datetime.date(2026, 3, 10)


def jpeg(name="anh.jpg", gps=True) -> SimpleUploadedFile:
    """A photo as a phone writes it: with an EXIF block holding a GPS position."""
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    if gps:
        exif[0x8825] = {1: "N", 2: (19.0, 48.0, 30.0), 3: "E", 4: (105.0, 46.0, 10.0)}
        exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@kept()
def acts(world):
    a = SimpleNamespace()
    a.kinds = {k.code: k for k in ActivityKind.objects.all()}
    a.residents = AudienceGroup.objects.get(code="residents")
    a.leaflet = MaterialKind.objects.get(code="leaflet")

    def record(unit, title, *, by=None, kind="communication_event", day=DAY, **extra):
        return services.activity_create(
            by=by or world.th_coordinator,
            kind=a.kinds[kind],
            title=title,
            start_date=day,
            unit=unit,
            channel=extra.pop("channel", Channel.IN_PERSON),
            on_prostitution=extra.pop("on_prostitution", True),
            participants=extra.pop("participants", 40),
            **extra,
        )

    a.record = record
    a.meeting = record(
        world.hac_thanh,
        "Tuyên truyền tại tổ dân phố 3",
        participants=60,
        participants_male=25,
        participants_female=35,
        organiser=world.hac_thanh_police,
        audiences=[a.residents],
        materials={a.leaflet: 200},
    )
    a.school = record(world.hac_thanh, "Nói chuyện chuyên đề ở trường THCS", kind="school_session")
    a.training = record(
        world.thanh_hoa,
        "Tập huấn đội 178",
        kind="training",
        participants=30,
        organiser=world.th_health,
        end_date=DAY + datetime.timedelta(days=1),
    )
    a.bn = record(world.luc_nam, "Tuyên truyền ở Lục Nam", by=world.bn_coordinator)
    return a


@pytest.fixture
def two_roles(world):
    """The world's data officer of xã Lục Nam (Bắc Ninh) who is also tip handler of
    Thanh Hóa."""
    return world.ln_officer_th_tips
