"""Each writing page saves what its form sends (the grids of test_access.py check who may
open them)."""

from django.urls import reverse

from lanhmanh.committees.models import (
    Commendation,
    CommitteeMember,
    Decision,
    Recommendation,
    SupervisionVisit,
)


def test_members_are_added_edited_and_leave(world, board, client_for):
    client = client_for(world.th_coordinator)
    response = client.post(
        reverse("committees:member_create", args=[world.thanh_hoa.pk]),
        {
            "full_name": "Phạm Thị Mới",
            "position": "Phó Giám đốc Sở Y tế",
            "committee_role": "member",
            "agency": world.th_health.pk,
            "follows": [world.quang_ngoc.pk],
            "joined_on": "2026-02-01",
        },
    )
    assert response.status_code == 302
    member = CommitteeMember.objects.get(full_name="Phạm Thị Mới")
    assert list(member.follows.all()) == [world.quang_ngoc]
    url = reverse("committees:member_update", args=[member.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "full_name": "Phạm Thị Mới",
            "position": "Giám đốc Sở Y tế",
            "committee_role": "standing",
            "joined_on": "2026-02-01",
            "version": "1",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert (member.position, member.version, member.follows.count()) == ("Giám đốc Sở Y tế", 2, 0)
    response = client.post(
        reverse("committees:member_leave", args=[member.pk]),
        {"left_on": "2026-03-01", "left_reason": "Chuyển công tác", "version": "2"},
    )
    assert response.status_code == 302
    assert CommitteeMember.objects.get(pk=member.pk).left_on.isoformat() == "2026-03-01"


def test_a_meeting_is_recorded_with_its_minutes_and_a_decision(world, board, client_for):
    from .conftest import jpeg

    client = client_for(world.th_coordinator)
    response = client.post(
        reverse("committees:meeting_create", args=[world.thanh_hoa.pk]),
        {
            "kind": "year_end",
            "held_on": "2026-01-15",
            "title": "Tổng kết năm 2025",
            "attendees": [board.head.pk],
            "review_year": "2025",
            "minutes_file": jpeg(),
        },
    )
    assert response.status_code == 302
    meeting = board.meeting.__class__.objects.get(title="Tổng kết năm 2025")
    assert meeting.attachments.count() == 1 and list(meeting.attendees.all()) == [board.head]
    response = client.post(
        reverse("committees:decision_add", args=[meeting.pk]),
        {"text": "Khen thưởng tập thể", "lead": world.th_police.pk, "due_date": "2026-02-15"},
    )
    assert response.status_code == 302
    assert Decision.objects.filter(meeting=meeting).count() == 1
    page = client.get(meeting.get_absolute_url()).content.decode()
    assert "Khen thưởng tập thể" in page and "Giao thành nhiệm vụ" in page


def test_a_visit_is_recorded_edited_and_given_recommendations(world, board, client_for):
    client = client_for(world.th_coordinator)
    response = client.post(
        reverse("committees:visit_create", args=[world.thanh_hoa.pk]),
        {
            "supervised_unit": world.quang_ngoc.pk,
            "visited_on": "2026-04-02",
            "members": [board.head.pk],
            "findings": "Xã làm tốt",
        },
    )
    assert response.status_code == 302
    visit = SupervisionVisit.objects.get(supervised_unit=world.quang_ngoc)
    response = client.post(
        reverse("committees:visit_update", args=[visit.pk]),
        {"visited_on": "2026-04-03", "findings": "Xã làm tốt, cần duy trì", "version": "1"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("committees:recommendation_add", args=[visit.pk]),
        {"text": "Duy trì tuyên truyền", "due_date": "2026-06-30"},
    )
    assert response.status_code == 302
    assert Recommendation.objects.filter(visit=visit).count() == 1
    visit.refresh_from_db()
    assert visit.findings == "Xã làm tốt, cần duy trì" and visit.version == 2


def test_commendations_are_recorded_and_edited(world, board, client_for):
    client = client_for(world.th_coordinator)
    data = {
        "review_year": "2025",
        "recipient_kind": "team",
        "recipient_team": world.th_team.pk,
        "reason": "Kiểm tra hiệu quả",
        "award": "Giấy khen",
        "level": "province",
        "decision_number": "9/QĐ-UBND",
        "decision_date": "2026-01-10",
    }
    url = reverse("committees:commendation_create", args=[world.thanh_hoa.pk])
    assert client.post(url, data).status_code == 302
    commendation = Commendation.objects.get(decision_number="9/QĐ-UBND")
    assert commendation.recipient_name == world.th_team.name
    response = client.post(
        reverse("committees:commendation_update", args=[commendation.pk]),
        data
        | {
            "recipient_kind": "person",
            "person_name": "Lê Văn An",
            "person_position": "Đội trưởng",
            "version": "1",
        },
    )
    assert response.status_code == 302
    commendation.refresh_from_db()
    assert commendation.recipient_team is None
    assert commendation.recipient_name == "Lê Văn An (Đội trưởng)"
    page = client.get(reverse("committees:commendation_list"), {"year": "2025"}).content.decode()
    assert "Lê Văn An (Đội trưởng)" in page
