"""The committee's work end to end: members and their dated changes, a meeting whose
decision becomes a task in the lead agency's 'my tasks', a supervision visit answered by
the ward, commendations, edits from an older version, deletes, to-dos."""

import datetime
import io

import pytest
from django.urls import reverse
from PIL import Image

from lanhmanh.committees import services, todos
from lanhmanh.committees.models import (
    Commendation,
    Decision,
    Meeting,
    MeetingAttachment,
    MeetingKind,
    Recommendation,
)
from lanhmanh.plans.models import TaskStatus

from .conftest import DAY, jpeg

TODAY = datetime.date(2026, 5, 15)


def test_a_meeting_decision_becomes_a_task_in_the_lead_agencys_my_tasks(world, board, client_for):
    client = client_for(world.th_coordinator)
    response = client.post(
        reverse("committees:decision_task", args=[board.decision.pk]), {"plan": board.plan.pk}
    )
    assert response.status_code == 302
    board.decision.refresh_from_db()
    task = board.decision.task
    assert (task.plan, task.lead, task.due_date) == (
        board.plan,
        world.th_health,
        datetime.date(2026, 6, 30),
    )
    assert task.text == "Sở Y tế rà soát các cơ sở karaoke trên địa bàn"
    # th_coordinator works for Sở Y tế, the lead agency: the task is theirs.
    mine = client.get(reverse("plans:my_tasks")).content.decode()
    assert "Sở Y tế rà soát các cơ sở karaoke" in mine
    # Progress recorded on the task shows on the meeting's page.
    client.post(
        reverse("plans:task_detail", args=[task.pk]),
        {"written_on": "2026-04-01", "text": "Đã rà soát 12 cơ sở", "status": "in_progress"},
    )
    task.refresh_from_db()
    assert task.status == TaskStatus.IN_PROGRESS
    page = client.get(reverse("committees:meeting_detail", args=[board.meeting.pk])).content
    assert "Đã rà soát 12 cơ sở" in page.decode()


def test_a_decision_becomes_a_task_once_and_only_in_the_meeting_units_plan(world, board):
    by = world.th_coordinator
    services.decision_to_task(decision=board.decision, by=by, plan=board.plan)
    with pytest.raises(services.ValidationError) as error:
        services.decision_to_task(decision=board.decision, by=by, plan=board.plan)
    assert services.ALREADY_A_TASK in error.value.messages
    other = services.decision_add(meeting=board.meeting, by=by, text="Không có chủ trì")
    with pytest.raises(services.ValidationError) as error:
        services.decision_to_task(decision=other, by=by, plan=board.plan)
    assert set(error.value.message_dict) == {"lead", "due_date"}


def test_a_plan_edit_made_before_the_task_was_added_is_refused(world, board):
    from lanhmanh.core.concurrency import StaleVersion
    from lanhmanh.plans import services as plans

    version = board.plan.version
    services.decision_to_task(decision=board.decision, by=world.th_coordinator, plan=board.plan)
    with pytest.raises(StaleVersion):
        plans.plan_update(plan=board.plan, fields={"title": "Sửa"}, version=version)


def test_without_a_plan_the_page_says_so_and_gives_no_task(world, board, client_for):
    board.plan.delete()
    client = client_for(world.th_coordinator)
    url = reverse("committees:decision_task", args=[board.decision.pk])
    assert "chưa có kế hoạch" in client.get(url).content.decode()
    client.post(url, {"plan": "1"})
    assert Decision.objects.get(pk=board.decision.pk).task is None


def test_the_committee_on_a_day_and_its_changes(world, board, client_for):
    client = client_for(world.th_leader)
    url = reverse("committees:committee", args=[world.thanh_hoa.pk])
    today = client.get(url).content.decode()
    assert "Lê Thị Y" in today and "Trần Văn Cũ" in today  # in the list of changes
    before = client.get(url, {"on": "2026-01-15"}).context["serving"]
    after = client.get(url, {"on": "2026-02-15"}).context["serving"]
    assert board.gone in before and board.gone not in after
    changes = client.get(url).context["changes"]
    assert changes[0][:2] == (datetime.date(2026, 1, 31), False)


def test_a_member_leaves_once_and_not_before_joining(world, board):
    with pytest.raises(services.ValidationError) as error:
        services.member_leave(member=board.gone, by=world.th_coordinator, version=2, left_on=DAY)
    assert services.ALREADY_LEFT in error.value.messages
    with pytest.raises(services.ValidationError) as error:
        services.member_leave(
            member=board.head,
            by=world.th_coordinator,
            version=1,
            left_on=datetime.date(2025, 1, 1),
        )
    assert error.value.message_dict == {"left_on": [services.LEFT_BEFORE_JOINED]}


def test_an_edit_from_an_older_version_is_refused_with_both_shown(world, board, client_for):
    client = client_for(world.th_coordinator)
    url = reverse("committees:meeting_update", args=[board.meeting.pk])
    data = {
        "kind": MeetingKind.COMMITTEE,
        "held_on": "2026-03-10",
        "title": "Họp quý I (sửa lần 1)",
        "version": "1",
    }
    assert client.post(url, data).status_code == 302
    response = client.post(url, data | {"title": "Họp quý I (sửa lần 2)"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "Họp quý I (sửa lần 1)" in page and "Họp quý I (sửa lần 2)" in page
    assert Meeting.objects.get(pk=board.meeting.pk).title == "Họp quý I (sửa lần 1)"


def test_a_delete_asks_first(world, board, client_for):
    client = client_for(world.th_coordinator)
    url = reverse("committees:commendation_delete", args=[board.commendation.pk])
    assert "Bạn có chắc" in client.get(url).content.decode()
    client.post(url, {})
    assert Commendation.objects.filter(pk=board.commendation.pk).exists()
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert not Commendation.objects.filter(pk=board.commendation.pk).exists()
    url = reverse("committees:meeting_delete", args=[board.meeting.pk])
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    assert not Meeting.objects.filter(pk=board.meeting.pk).exists()


def test_writes_leave_audit_events(world, board, client_for):
    from auditlog.models import LogEntry

    from lanhmanh.audit.models import AuditEvent as Event

    assert LogEntry.objects.get_for_object(board.meeting).exists()
    client = client_for(world.th_coordinator)
    client.post(reverse("committees:meeting_delete", args=[board.meeting.pk]), {"confirm": "yes"})
    assert Event.objects.filter(action="delete", object_type__icontains="meeting").exists()


def test_the_ward_answers_and_the_recommendation_closes(world, board, client_for):
    client = client_for(board.ward_coordinator)
    url = reverse("committees:recommendation_answer", args=[board.overdue.pk])
    response = client.post(
        url,
        {
            "answer": "Đã rà soát 5 cơ sở mới",
            "answered_on": "2026-04-20",
            "done": "on",
            "version": "1",
        },
    )
    assert response.status_code == 302
    board.overdue.refresh_from_db()
    assert board.overdue.done and board.overdue.answered_by == board.ward_coordinator
    # An empty answer is refused, nothing saved.
    response = client.post(
        reverse("committees:recommendation_answer", args=[board.later.pk]),
        {"answer": " ", "answered_on": "2026-04-20", "version": "1"},
    )
    assert response.status_code == 400
    assert Recommendation.objects.get(pk=board.later.pk).answered_on is None


def test_todos_count_the_rows_of_their_lists(world, board, client_for, settings):
    ward = todos.todos(board.ward_coordinator, today=TODAY)
    province = todos.todos(world.th_coordinator, today=TODAY)
    assert [(t.count, t.urgent) for t in ward] == [(2, True)]
    assert [(t.count, t.urgent) for t in province] == [(1, True)]
    for user, items in ((board.ward_coordinator, ward), (world.th_coordinator, province)):
        client = client_for(user)
        for item in items:
            rows = client.get(item.url).context["page"].paginator.count
            assert rows == item.count
    # Answered as done: gone from both.
    services.recommendation_answer(
        recommendation=board.overdue, by=board.ward_coordinator, version=1, answer="Xong", done=True
    )
    assert [t.count for t in todos.todos(board.ward_coordinator, today=TODAY)] == [1]
    assert todos.todos(world.th_coordinator, today=TODAY) == []
    assert todos.todos(world.th_leader, today=TODAY) == []
    assert todos.todos(world.bn_coordinator, today=TODAY) == []


def test_the_minutes_photo_loses_its_metadata_and_other_files_are_refused(world, board):
    by = world.th_coordinator
    stored = services.attachment_add(meeting=board.meeting, by=by, upload=jpeg())
    with Image.open(stored.file.open("rb")) as image:
        assert not image.getexif()
    assert stored.content_type == "image/jpeg"
    from django.core.files.uploadedfile import SimpleUploadedFile

    for upload in (
        SimpleUploadedFile("bien-ban.pdf", b"MZ\x90\x00 not a pdf"),
        SimpleUploadedFile("bien-ban.jpg", b"\xff\xd8\xff broken"),
        SimpleUploadedFile("bien-ban.pdf", b""),
        SimpleUploadedFile("lon.pdf", b"%PDF-1.4" + b"0" * (10 * 1024 * 1024)),
    ):
        with pytest.raises(services.ValidationError):
            services.attachment_add(meeting=board.meeting, by=by, upload=upload)
    assert MeetingAttachment.objects.filter(meeting=board.meeting).count() == 1


def test_a_refused_minutes_file_saves_no_meeting(world, board, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(world.th_coordinator)
    response = client.post(
        reverse("committees:meeting_create", args=[world.thanh_hoa.pk]),
        {
            "kind": MeetingKind.COORDINATION,
            "held_on": "2026-04-01",
            "title": "Giao ban tháng 4",
            "minutes_file": SimpleUploadedFile("x.pdf", b"GIF89a"),
        },
    )
    assert response.status_code == 400
    assert not Meeting.objects.filter(title="Giao ban tháng 4").exists()


def test_a_pdf_of_the_minutes_is_kept_as_it_is(world, board, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(world.th_coordinator)
    response = client.post(
        reverse("committees:attachment_add", args=[board.meeting.pk]),
        {"file": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 minutes")},
    )
    assert response.status_code == 302
    stored = MeetingAttachment.objects.get(meeting=board.meeting)
    download = client.get(reverse("committees:attachment_file", args=[stored.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 minutes"
    png = io.BytesIO()
    Image.new("RGBA", (8, 8)).save(png, format="PNG")
    response = client.post(
        reverse("committees:attachment_add", args=[board.meeting.pk]),
        {"file": SimpleUploadedFile("anh.png", png.getvalue())},
    )
    assert MeetingAttachment.objects.filter(content_type="image/png").count() == 1
