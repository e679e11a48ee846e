"""The standing agency above: completeness list, approve, return with a comment, reopen
with a reason, the overdue list."""

import pytest
from django.urls import reverse

from lanhmanh.reporting.models import Status
from lanhmanh.reporting.periods import month
from lanhmanh.reporting.services import COMMENT_REQUIRED, NOT_REVIEWER, REASON_REQUIRED
from lanhmanh.reporting.views.review import APPROVED, REOPENED, RETURNED
from tests.reporting.helpers import make_form, report

JAN = month(2026, 1)


@pytest.fixture
def form(db):
    return make_form()


@pytest.fixture
def sent(world, form):
    return report(
        world.hac_thanh_officer,
        form,
        world.hac_thanh,
        JAN,
        {"awareness_activities": "4"},
        status=Status.SUBMITTED,
    )


def action(submission, name):
    return reverse(f"reporting:submission_{name}", args=[submission.pk])


# The completeness list


def test_the_coordinator_sees_who_reported_and_who_did_not(world, form, sent, client_for):
    client = client_for(world.th_coordinator)
    response = client.get(reverse("reporting:review_list") + f"?form={form.pk}&period={JAN.key}")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Phường Hạc Thành" in page and "Xã Quảng Ngọc" in page and "Xã Quảng Bình" in page
    assert "Chưa gửi" in page
    assert "Phải báo cáo: 3" in page
    # Hạc Thành sent (today, so after January's deadline); the two others nothing.
    assert "Muộn: 1" in page
    assert "Chưa gửi: 2" in page
    assert "Lục Nam" not in page  # another province


def test_the_list_query_count_does_not_grow_with_units(
    world, form, sent, client_for, django_assert_num_queries
):
    from lanhmanh.geography.models import AdministrativeUnit

    for i in range(20):
        AdministrativeUnit.objects.create(
            scheme="2025",
            code=f"169{i:02d}",
            name=f"Xã {i}",
            kind="xa",
            level="commune",
            parent=world.thanh_hoa,
        )
    client = client_for(world.th_coordinator)
    with django_assert_num_queries(11):
        response = client.get(
            reverse("reporting:review_list") + f"?form={form.pk}&period={JAN.key}"
        )
    assert "Phải báo cáo: 23" in response.content.decode()


def test_a_unit_outside_the_scope_gives_404(world, form, client_for):
    client = client_for(world.th_coordinator)
    assert (
        client.get(reverse("reporting:review_list") + f"?unit={world.bac_ninh.pk}").status_code
        == 404
    )
    assert (
        client.get(reverse("reporting:overdue_list") + f"?unit={world.bac_ninh.pk}").status_code
        == 404
    )


def test_the_review_pages_need_the_module(world, client_for):
    assert client_for(world.th_tips).get(reverse("reporting:review_list")).status_code == 404
    assert client_for(world.th_tips).get(reverse("reporting:overdue_list")).status_code == 404


# Approve, return, reopen


def test_the_coordinator_approves_a_submitted_report(world, sent, client_for):
    client = client_for(world.th_coordinator)
    page = client.get(reverse("reporting:submission_detail", args=[sent.pk])).content.decode()
    assert "Duyệt báo cáo" in page
    response = client.post(action(sent, "approve"), {"version": sent.version}, follow=True)
    assert str(APPROVED) in response.content.decode()
    sent.refresh_from_db()
    assert sent.status == Status.APPROVED
    assert sent.approved_by == world.th_coordinator


def test_the_coordinator_returns_a_report_with_a_comment(world, sent, client_for):
    client = client_for(world.th_coordinator)
    response = client.post(
        action(sent, "return"),
        {"comment": "Kiểm tra lại số buổi.", "version": sent.version},
        follow=True,
    )
    assert str(RETURNED) in response.content.decode()
    sent.refresh_from_db()
    assert sent.status == Status.RETURNED
    # the officer sees the comment and may correct the figures
    page = client_for(world.hac_thanh_officer).get(
        reverse("reporting:submission_detail", args=[sent.pk])
    )
    assert "Kiểm tra lại số buổi." in page.content.decode()
    assert 'name="v:awareness_activities"' in page.content.decode()


def test_returning_needs_a_comment(world, sent, client_for):
    response = client_for(world.th_coordinator).post(action(sent, "return"), {"comment": " "})
    assert response.status_code == 400
    assert "Trường này là bắt buộc" in response.content.decode() or str(COMMENT_REQUIRED) in (
        response.content.decode()
    )
    sent.refresh_from_db()
    assert sent.status == Status.SUBMITTED


def test_reopening_an_approved_report_needs_a_reason(world, sent, client_for):
    client = client_for(world.th_coordinator)
    client.post(action(sent, "approve"), {"version": sent.version})
    sent.refresh_from_db()
    assert client.post(action(sent, "reopen"), {"reason": ""}).status_code == 400
    response = client.post(
        action(sent, "reopen"),
        {"reason": "Sửa số liệu tháng 1", "version": sent.version},
        follow=True,
    )
    assert str(REOPENED) in response.content.decode()
    sent.refresh_from_db()
    assert sent.status == Status.DRAFT
    assert sent.reopened_reason == "Sửa số liệu tháng 1"
    assert (
        "Sửa số liệu tháng 1"
        in client.get(reverse("reporting:submission_detail", args=[sent.pk])).content.decode()
    )
    assert str(REASON_REQUIRED)


def test_a_stale_approval_is_refused(world, sent, client_for):
    response = client_for(world.th_coordinator).post(
        action(sent, "approve"), {"version": sent.version - 1}, follow=True
    )
    assert "Báo cáo đã được người khác cập nhật" in response.content.decode()
    sent.refresh_from_db()
    assert sent.status == Status.SUBMITTED


def test_the_data_officer_cannot_approve_their_own_report(world, sent, client_for):
    client = client_for(world.hac_thanh_officer)
    assert client.post(action(sent, "approve")).status_code == 403
    assert client.post(action(sent, "return"), {"comment": "x"}).status_code == 403
    assert client.post(action(sent, "return"), {"comment": ""}).status_code == 403
    sent.refresh_from_db()
    assert sent.status == Status.SUBMITTED
    assert str(NOT_REVIEWER)


def test_a_leader_cannot_approve(world, sent, client_for):
    assert client_for(world.th_leader).post(action(sent, "approve")).status_code == 403


def test_an_outsider_cannot_touch_the_report(world, sent, client_for):
    client = client_for(world.bn_coordinator)
    for name in ("approve", "return", "reopen", "submit"):
        assert client.post(action(sent, name), {"comment": "x", "reason": "x"}).status_code == 404
    sent.refresh_from_db()
    assert sent.status == Status.SUBMITTED


# Overdue


def test_the_overdue_list_shows_missing_and_unsent_reports(
    world, form, client_for, django_assert_num_queries
):
    client = client_for(world.th_coordinator)
    with django_assert_num_queries(15):
        response = client.get(reverse("reporting:overdue_list"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Phường Hạc Thành" in page
    assert "Chưa gửi" in page
