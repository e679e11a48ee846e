"""The pages: a stale form is refused with both versions (409), the framework page says
which criteria are unconfirmed and an edit of a version in use makes a new one, the review
steps through the forms."""

from decimal import Decimal

import pytest
from django.urls import reverse

from lanhmanh.assessments.models import Status

pytestmark = pytest.mark.django_db


def test_a_stale_answers_form_is_refused_with_both_versions(world, frame, client_for):
    a = frame.create()
    steering = frame.criteria["steering"]
    old = a.version
    frame.fill(a)
    response = client_for(world.hac_thanh_officer).post(
        reverse("assessments:assessment_edit", args=[a.pk]),
        {"version": old, f"c{steering.pk}-points": "3"},
    )
    assert response.status_code == 409
    assert f"Bạn sửa từ phiên bản {old}" in response.content.decode()
    assert a.answers.get(criterion=steering).points == 15


def test_the_framework_page_says_what_is_unconfirmed(world, frame, client_for):
    response = client_for(world.hac_thanh_officer).get(
        reverse("assessments:framework_detail", args=[frame.framework.pk])
    )
    html = response.content.decode()
    assert "chưa xác nhận" in html and "chưa được đối chiếu với văn bản gốc" in html
    assert "Loại 1: Xã, phường lành mạnh không có tệ nạn mại dâm" in html
    assert reverse("assessments:criterion_edit", args=[frame.criteria["steering"].pk]) not in html


def test_editing_a_criterion_in_use_through_the_page_makes_a_new_version(world, frame, client_for):
    frame.create()
    steering = frame.criteria["steering"]
    client = client_for(world.national)
    page = client.get(reverse("assessments:criterion_edit", args=[steering.pk])).content.decode()
    assert "khi lưu, hệ thống tạo phiên bản mới" in page
    response = client.post(
        reverse("assessments:criterion_edit", args=[steering.pk]),
        {
            "version": steering.version,
            "text": steering.text,
            "rule": "points",
            "max_points": "10",
            "order": steering.order,
            "confirmed": "1",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"?version={frame.version.number + 1}")
    new = frame.framework.current()
    assert new.number == frame.version.number + 1
    changed = new.criteria.get(code="steering")
    assert changed.max_points == 10 and changed.confirmed
    assert new.criteria.count() == frame.version.criteria.count()
    assert new.classes.count() == frame.version.classes.count()


def test_review_steps_through_the_forms(world, frame, client_for):
    a = frame.submit(frame.fill(frame.create(), awareness=Decimal(25)))
    client = client_for(world.th_coordinator)
    page = client.get(a.get_absolute_url()).content.decode()
    assert "Phê duyệt và xếp loại" in page
    support = frame.criteria["support"]
    response = client.post(
        reverse("assessments:answer_adjust", args=[a.pk]),
        {"version": a.version, "criterion": support.pk, "points": "25", "comment": "Quá điểm"},
    )
    assert response.status_code == 400
    assert "vượt quá điểm tối đa 20" in response.content.decode()
    response = client.post(
        reverse("assessments:assessment_return", args=[a.pk]), {"version": a.version}
    )
    assert response.status_code == 400
    assert "Cần ghi ý kiến" in response.content.decode()
    response = client.post(
        reverse("assessments:assessment_approve", args=[a.pk]),
        {"version": a.version, "comment": "Thống nhất."},
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.status == Status.APPROVED and a.result_class.code == "type_1"
    assert a.review_comment == "Thống nhất."
    # The history page of the commune lists it.
    history = client.get(reverse("assessments:commune_history", args=[world.hac_thanh.pk]))
    assert "Loại 1" in history.content.decode()


def test_a_refused_document_leaves_nothing(world, frame, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    a = frame.create()
    response = client_for(world.hac_thanh_officer).post(
        reverse("assessments:document_add", args=[a.pk]),
        {"title": "x", "file": SimpleUploadedFile("x.exe", b"MZ\x90\x00", "application/pdf")},
    )
    assert response.status_code == 400
    assert "Chỉ nhận ảnh (JPEG, PNG) hoặc tệp PDF." in response.content.decode()
    assert not a.documents.exists()


def test_a_threshold_change_of_a_version_in_use_makes_a_new_version(world, frame, client_for):
    frame.create()
    type_1 = frame.version.classes.get(code="type_1")
    response = client_for(world.national).post(
        reverse("assessments:class_edit", args=[type_1.pk]),
        {
            "version": type_1.version,
            "name": type_1.name,
            "min_points": "85",
            "needs_all_required": "1",
            "healthy": "1",
            "order": "1",
        },
    )
    assert response.status_code == 302
    new = frame.framework.current()
    assert new.number == frame.version.number + 1
    assert new.classes.get(code="type_1").min_points == 85
    type_1.refresh_from_db()
    assert type_1.min_points == 80


def test_the_communes_reports_of_the_year_are_evidence_on_the_page(world, frame, client_for):
    """Reports sent by the commune in the assessed year are listed and open; a report of
    another commune is not."""
    from lanhmanh.reporting.periods import month
    from tests.reporting.helpers import make_form, report

    a = frame.create()
    form = make_form()
    ours = report(
        world.national, form, world.hac_thanh, month(frame.year, 1), {"awareness_activities": 2}
    )
    theirs = report(
        world.national, form, world.quang_binh, month(frame.year, 1), {"awareness_activities": 2}
    )
    client = client_for(world.hac_thanh_officer)
    html = client.get(reverse("assessments:assessment_detail", args=[a.pk])).content.decode()
    assert reverse("reporting:submission_detail", args=[ours.pk]) in html
    assert reverse("reporting:submission_detail", args=[theirs.pk]) not in html
    opened = client.get(reverse("reporting:submission_detail", args=[ours.pk]))
    assert opened.status_code == 200
