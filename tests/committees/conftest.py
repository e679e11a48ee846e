"""The committee of Thanh Hóa on top of the test world: three members (one who left), a
meeting with two decisions, a plan of the province to give tasks in, a visit to phường
Hạc Thành with two recommendations (one overdue), a commendation; and a coordinator of
phường Hạc Thành, who answers for the ward."""

import datetime
import io
from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lanhmanh.accounts.models import Membership, User
from lanhmanh.accounts.roles import Role
from lanhmanh.committees import services
from lanhmanh.committees.models import (
    CommendationLevel,
    CommitteeRole,
    MeetingKind,
    RecipientKind,
)
from lanhmanh.plans.models import Plan
from tests.conftest import kept

DAY = datetime.date(2026, 3, 10)


def jpeg(name="bien-ban.jpg") -> SimpleUploadedFile:
    """A phone photo of the minutes, with a GPS position in its EXIF block."""
    image = Image.new("RGB", (40, 30), (250, 250, 250))
    exif = Image.Exif()
    exif[0x8825] = {1: "N", 2: (19.0, 48.0, 30.0), 3: "E", 4: (105.0, 46.0, 10.0)}
    exif[0x010F] = "PhoneMaker"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@kept()
def board(world):
    b = SimpleNamespace()
    by = world.th_coordinator
    b.head = services.member_create(
        unit=world.thanh_hoa,
        by=by,
        full_name="Nguyễn Văn Trưởng",
        position="Phó Chủ tịch UBND tỉnh",
        committee_role=CommitteeRole.HEAD,
        joined_on=datetime.date(2025, 8, 1),
    )
    b.health = services.member_create(
        unit=world.thanh_hoa,
        by=by,
        full_name="Lê Thị Y",
        position="Giám đốc Sở Y tế",
        agency=world.th_health,
        follows=[world.hac_thanh],
        joined_on=datetime.date(2025, 8, 1),
    )
    b.gone = services.member_create(
        unit=world.thanh_hoa,
        by=by,
        full_name="Trần Văn Cũ",
        position="Giám đốc Công an tỉnh",
        agency=world.th_police,
        joined_on=datetime.date(2025, 8, 1),
    )
    services.member_leave(
        member=b.gone, by=by, version=1, left_on=datetime.date(2026, 1, 31), left_reason="Nghỉ hưu"
    )
    b.meeting = services.meeting_create(
        unit=world.thanh_hoa,
        by=by,
        kind=MeetingKind.COMMITTEE,
        held_on=DAY,
        title="Họp ban chỉ đạo quý I",
        minutes="Đánh giá công tác quý I.",
        attendees=[b.head, b.health],
    )
    b.decision = services.decision_add(
        meeting=b.meeting,
        by=by,
        text="Sở Y tế rà soát các cơ sở karaoke trên địa bàn",
        lead=world.th_health,
        due_date=datetime.date(2026, 6, 30),
    )
    b.plan = Plan.objects.create(
        unit=world.thanh_hoa, year_from=2026, year_to=2026, title="Kế hoạch năm 2026"
    )
    b.visit = services.visit_create(
        unit=world.thanh_hoa,
        supervised_unit=world.hac_thanh,
        by=by,
        visited_on=DAY,
        findings="Phường chưa rà soát cơ sở mới.",
        members=[b.health],
        recommendations=[
            ("Rà soát cơ sở mới mở", datetime.date(2026, 4, 30)),
            ("Tổ chức tuyên truyền tại tổ dân phố", datetime.date(2026, 12, 31)),
        ],
    )
    b.overdue, b.later = b.visit.recommendations.order_by("due_date")
    b.commendation = services.commendation_create(
        unit=world.thanh_hoa,
        by=by,
        recipient_kind=RecipientKind.AGENCY,
        recipient_agency=world.hac_thanh_police,
        reason="Triệt xóa tụ điểm",
        award="Bằng khen",
        decision_number="12/QĐ-UBND",
        decision_date=DAY,
        level=CommendationLevel.PROVINCE,
        review_year=2025,
    )
    b.ward_coordinator = User.objects.create_user(username="hac_thanh_coordinator")
    Membership.objects.create(user=b.ward_coordinator, unit=world.hac_thanh, role=Role.COORDINATOR)
    return b
