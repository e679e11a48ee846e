"""Demo records of the steering committee: the province's committee and that of its first
commune with a change of membership, this year's meetings (the year-end review of last
year, a committee meeting, a coordination meeting, the mid-year review once its day has
passed) whose decisions became tasks of the province's current plan, a supervision visit
of a commune with recommendations (one answered, one overdue), and last year's
commendations. Run once: if the province's committee has members, nothing is added."""

from __future__ import annotations

import datetime

from django.db import transaction

from lanhmanh.organizations.models import Agency
from lanhmanh.plans import services as plan_services
from lanhmanh.plans.models import TaskStatus, TaskUpdate

from .models import (
    Commendation,
    CommendationLevel,
    CommitteeMember,
    CommitteeRole,
    Decision,
    Meeting,
    MeetingKind,
    RecipientKind,
    Recommendation,
    SupervisionVisit,
)

# (sector, name, position, role); every name is made up.
PROVINCE_MEMBERS = [
    ("people_committee", "Lê Đức Thắng", "Phó Chủ tịch UBND tỉnh", CommitteeRole.HEAD),
    ("police", "Nguyễn Hữu Quang", "Giám đốc Công an tỉnh", CommitteeRole.DEPUTY),
    ("health", "Trần Thị Hạnh", "Giám đốc Sở Y tế", CommitteeRole.STANDING),
    (
        "culture",
        "Phạm Văn Hùng",
        "Phó Giám đốc Sở Văn hóa, Thể thao và Du lịch",
        CommitteeRole.MEMBER,
    ),
    ("education", "Đỗ Thị Ngọc", "Phó Giám đốc Sở Giáo dục và Đào tạo", CommitteeRole.MEMBER),
    ("womens_union", "Vũ Thị Lan", "Phó Chủ tịch Hội Liên hiệp phụ nữ tỉnh", CommitteeRole.MEMBER),
]
COMMUNE_MEMBERS = [
    ("people_committee", "Hoàng Văn Bình", "Chủ tịch UBND", CommitteeRole.HEAD),
    ("police", "Lê Văn Sơn", "Trưởng Công an", CommitteeRole.DEPUTY),
    ("culture", "Nguyễn Thị Thu", "Công chức văn hóa - xã hội", CommitteeRole.MEMBER),
]


def _agencies(unit) -> dict[str, Agency]:
    found = {}
    for agency in Agency.objects.filter(unit=unit, is_active=True).select_related("sector"):
        found.setdefault(agency.sector.code, agency)
    return found


def _members(unit, rows, joined_on, suffix="") -> list[CommitteeMember]:
    agencies = _agencies(unit)
    return CommitteeMember.objects.bulk_create(
        CommitteeMember(
            unit=unit,
            full_name=name,
            position=f"{position}{suffix}",
            committee_role=role,
            agency=agencies.get(sector),
            joined_on=joined_on,
            decision="125/QĐ-UBND",
        )
        for sector, name, position, role in rows
    )


@transaction.atomic
def committees_demo_build(province, communes, plan=None, *, today: datetime.date, user=None):
    if CommitteeMember.objects.filter(unit=province).exists():
        return 0
    year = today.year
    formed = datetime.date(2025, 8, 1)
    members = _members(province, PROVINCE_MEMBERS, formed)
    for member, commune in zip(members[1:], communes, strict=False):
        member.follows.add(commune)
    # A change of membership: the culture department's deputy director was replaced.
    culture = members[3]
    culture.left_on = datetime.date(year - 1, 12, 31) if year > 2025 else formed
    culture.left_reason = "Điều động công tác khác"
    culture.save()
    successor = _members(province, [PROVINCE_MEMBERS[3]], culture.left_on, "")[0]
    successor.full_name = "Bùi Quang Minh"
    successor.joined_on = culture.left_on + datetime.timedelta(days=1)
    successor.save()
    commune = communes[0] if communes else None
    if commune is not None:
        _members(commune, COMMUNE_MEMBERS, formed, f" {commune.full_name.lower()}")
    serving = [m for m in members if m.pk != culture.pk] + [successor]

    agencies = _agencies(province)
    meetings = _meetings(province, year, today, serving)
    decisions = _decisions(meetings, agencies)
    tasks = _tasks(decisions, plan, user, today)
    visits = _visits(province, communes, year, today, serving)
    _commendations(province, communes, agencies, meetings, year)
    return len(meetings) + tasks + visits


MEETINGS = [
    # (month, day, kind, title, review year offset)
    (
        1,
        15,
        MeetingKind.YEAR_END,
        "Hội nghị tổng kết công tác phòng, chống tệ nạn xã hội năm {prev}",
        -1,
    ),
    (3, 20, MeetingKind.COMMITTEE, "Họp Ban Chỉ đạo quý I năm {year}", None),
    (5, 12, MeetingKind.COORDINATION, "Giao ban công tác phòng, chống mại dâm tháng 5", None),
    (7, 15, MeetingKind.MIDYEAR, "Hội nghị sơ kết 6 tháng đầu năm {year}", 0),
]


def _meetings(province, year, today, attendees) -> list[Meeting]:
    rows = []
    for month, day, kind, title, offset in MEETINGS:
        held_on = datetime.date(year, month, day)
        if held_on > today:
            continue
        rows.append(
            Meeting(
                unit=province,
                kind=kind,
                held_on=held_on,
                title=title.format(year=year, prev=year - 1),
                place="Hội trường UBND tỉnh",
                chaired_by="Lê Đức Thắng, Phó Chủ tịch UBND tỉnh",
                other_attendees="Chủ tịch UBND các xã, phường; Đội kiểm tra liên ngành 178 tỉnh",
                minutes="Hội nghị đánh giá kết quả thực hiện kế hoạch, chỉ ra tồn tại, hạn chế "
                "và thống nhất nhiệm vụ trọng tâm thời gian tới.",
                review_year=None if offset is None else year + offset,
            )
        )
    meetings = Meeting.objects.bulk_create(rows)
    for meeting in meetings:
        meeting.attendees.set(attendees)
    return meetings


DECISIONS = [
    (
        "health",
        "Tham mưu UBND tỉnh ban hành kế hoạch kiểm tra liên ngành các cơ sở kinh doanh "
        "dịch vụ dễ bị lợi dụng hoạt động mại dâm",
        45,
    ),
    (
        "police",
        "Tăng cường đấu tranh, triệt xóa tụ điểm mại dâm công cộng; báo cáo kết quả "
        "về Thường trực Ban Chỉ đạo",
        60,
    ),
    ("culture", "Chỉ đạo rà soát, ký cam kết với 100% cơ sở karaoke, massage trên địa bàn", 90),
]


def _decisions(meetings, agencies) -> list[Decision]:
    rows = []
    for meeting in meetings:
        for sector, text, days in DECISIONS[: 2 if meeting.kind == MeetingKind.COORDINATION else 3]:
            rows.append(
                Decision(
                    meeting=meeting,
                    text=text,
                    lead=agencies.get(sector),
                    due_date=meeting.held_on + datetime.timedelta(days=days),
                )
            )
    return Decision.objects.bulk_create(rows)


def _tasks(decisions, plan, user, today) -> int:
    """The decisions of the committee meetings become tasks of the current plan; the
    first one has progress reported by its lead agency."""
    if plan is None:
        return 0
    given = 0
    for decision in decisions:
        if decision.meeting.kind != MeetingKind.COMMITTEE or decision.lead is None:
            continue
        task = plan_services.task_create(
            plan=plan,
            text=decision.text,
            lead=decision.lead,
            due_date=decision.due_date,
            section=f"Kết luận họp Ban Chỉ đạo ngày {decision.meeting.held_on:%d/%m/%Y}",
        )
        decision.task = task
        decision.save(update_fields=["task"])
        if given == 0 and user is not None:
            written_on = min(today, decision.meeting.held_on + datetime.timedelta(days=20))
            TaskUpdate.objects.create(
                task=task,
                author=user,
                agency=decision.lead,
                written_on=written_on,
                text="Đã trình dự thảo kế hoạch kiểm tra liên ngành, đang lấy ý kiến các sở.",
                status=TaskStatus.IN_PROGRESS,
            )
            task.status = TaskStatus.IN_PROGRESS
            task.save(update_fields=["status"])
        given += 1
    return given


def _visits(province, communes, year, today, members) -> int:
    if not communes:
        return 0
    visited_on = min(today, datetime.date(year, 4, 10))
    visit = SupervisionVisit.objects.create(
        unit=province,
        supervised_unit=communes[1] if len(communes) > 1 else communes[0],
        visited_on=visited_on,
        findings="Xã đã ban hành kế hoạch năm, tổ chức tuyên truyền hằng tháng; việc rà soát, "
        "quản lý cơ sở kinh doanh dịch vụ mới mở còn chậm, hồ sơ cam kết chưa đầy đủ.",
        other_members="Đại diện Đội kiểm tra liên ngành 178 tỉnh",
    )
    visit.members.set(members[1:3])
    Recommendation.objects.bulk_create(
        [
            Recommendation(
                visit=visit,
                text="Hoàn thành rà soát, lập danh sách cơ sở kinh doanh dịch vụ mới mở",
                due_date=visited_on + datetime.timedelta(days=30),
                answer="Đã rà soát, lập danh sách 14 cơ sở mới mở, gửi Đội 178 tỉnh.",
                answered_on=visited_on + datetime.timedelta(days=25),
                done=True,
            ),
            Recommendation(
                visit=visit,
                text="Ký cam kết với toàn bộ cơ sở karaoke, nhà nghỉ trên địa bàn",
                due_date=visited_on + datetime.timedelta(days=45),
            ),
            Recommendation(
                visit=visit,
                text="Kiện toàn Ban Chỉ đạo xã, phân công thành viên phụ trách từng thôn",
                due_date=datetime.date(year, 12, 15),
            ),
        ]
    )
    return 1


def _commendations(province, communes, agencies, meetings, year) -> None:
    review = next((m for m in meetings if m.kind == MeetingKind.YEAR_END), None)
    decided = datetime.date(year, 1, 10)
    common = {
        "unit": province,
        "decision_number": "58/QĐ-UBND",
        "decision_date": decided,
        "level": CommendationLevel.PROVINCE,
        "review_year": year - 1,
        "review": review,
        "award": "Bằng khen của Chủ tịch UBND tỉnh",
    }
    rows = [
        Commendation(
            recipient_kind=RecipientKind.AGENCY,
            recipient_agency=agencies.get("police"),
            reason="Thành tích xuất sắc trong đấu tranh, triệt xóa tụ điểm mại dâm",
            **common,
        ),
        Commendation(
            recipient_kind=RecipientKind.PERSON,
            person_name="Lê Thị Hoa",
            person_position="Chuyên viên Sở Y tế",
            reason="Tham mưu hiệu quả công tác phòng, chống mại dâm",
            **common,
        ),
    ]
    if communes:
        rows.append(
            Commendation(
                recipient_kind=RecipientKind.UNIT,
                recipient_unit=communes[0],
                reason="Giữ vững xã, phường lành mạnh không có tệ nạn mại dâm",
                **common,
            )
        )
    Commendation.objects.bulk_create(
        [r for r in rows if r.recipient_kind != RecipientKind.AGENCY or r.recipient_agency]
    )
