"""Tips on top of the test world: helpers to send one as a resident and to record one
as the operator, and a handler of Thanh Hóa who is also in team 178 (police officers
handling tips often are)."""

import io
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lanhmanh.accounts.models import Membership
from lanhmanh.accounts.roles import Role
from lanhmanh.tips import services
from lanhmanh.tips.models import Category, Channel
from tests.conftest import kept
from tests.inspections.conftest import records  # noqa: F401 - shared fixture

SENDER_IP = "203.0.113.77"


def photo(name="anh.jpg", gps=True, size=(40, 30)) -> SimpleUploadedFile:
    """A JPEG with EXIF: a camera and, by default, a GPS position."""
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "CameraMaker"  # Make
    exif[0x0110] = "PhoneModel X"  # Model
    if gps:
        exif[0x8825] = {1: "N", 2: (19.0, 48.0, 25.0), 3: "E", 4: (105.0, 46.0, 35.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@kept()
def tips(world):
    t = SimpleNamespace()

    def submit(**extra):
        fields = {
            "source": "test-source",
            "description": "Nhà nghỉ ở đầu ngõ có nhiều cô gái đứng mời khách mỗi tối.",
            "commune": world.hac_thanh,
            "category": Category.ESTABLISHMENT,
        }
        fields.update(extra)
        return services.tip_submit(**fields)

    def record(**extra):
        fields = {
            "by": world.th_tips,
            "channel": Channel.HOTLINE,
            "description": "Người gọi báo có môi giới mại dâm tại quán cà phê.",
            "commune": world.quang_ngoc,
            "category": Category.PUBLIC_PLACE,
        }
        fields.update(extra)
        return services.tip_record(**fields)

    t.submit = submit
    t.record = record
    t.tip, t.code = submit(contact={"name": "Nguyễn Văn Dân", "phone": "0912345678"})
    return t


@pytest.fixture
def handler_inspector(world):
    """th_tips also inspects with team 178 of Thanh Hóa."""
    Membership.objects.create(
        user=world.th_tips, unit=world.thanh_hoa, agency=world.th_police, role=Role.INSPECTOR
    )
    return world.th_tips
