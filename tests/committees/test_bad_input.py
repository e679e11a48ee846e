"""Bad input: clear messages by field, nothing half-saved."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from lanhmanh.committees import services
from lanhmanh.committees.models import (
    Commendation,
    CommendationLevel,
    CommitteeMember,
    Meeting,
    MeetingKind,
    RecipientKind,
    SupervisionVisit,
)

from .conftest import DAY

FUTURE = timezone.localdate() + datetime.timedelta(days=10)


def test_a_member_from_another_units_agency_or_following_a_unit_outside(world, board):
    with pytest.raises(ValidationError) as error:
        services.member_create(
            unit=world.thanh_hoa,
            by=world.th_coordinator,
            full_name="X",
            position="Y",
            agency=world.bn_health,
            follows=[world.luc_nam],
            joined_on=DAY,
        )
    assert error.value.message_dict == {
        "agency": [services.AGENCY_ELSEWHERE],
        "follows": [services.FOLLOWS_NOT_BELOW],
    }
    assert not CommitteeMember.objects.filter(full_name="X").exists()


def test_an_outsider_cannot_write_in_thanh_hoa_even_through_the_service(world, board):
    with pytest.raises(PermissionDenied):
        services.member_create(
            unit=world.thanh_hoa,
            by=world.bn_coordinator,
            full_name="X",
            position="Y",
            joined_on=DAY,
        )
    with pytest.raises(PermissionDenied):
        services.recommendation_answer(
            recommendation=board.overdue, by=world.th_coordinator, version=1, answer="x", done=True
        )


def test_a_meeting_in_the_future_a_review_without_year_an_attendee_not_serving(world, board):
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            unit=world.thanh_hoa,
            by=world.th_coordinator,
            kind=MeetingKind.YEAR_END,
            held_on=FUTURE,
            title="Tổng kết",
            attendees=[board.gone],
        )
    assert set(error.value.message_dict) == {"held_on", "review_year", "attendees"}
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            unit=world.thanh_hoa,
            by=world.th_coordinator,
            kind=MeetingKind.COMMITTEE,
            held_on=DAY,
            title="Họp",
            attendees=[board.gone],  # left on 31/01/2026
        )
    assert error.value.message_dict == {"attendees": [services.ATTENDEE_NOT_MEMBER]}
    assert Meeting.objects.count() == 1


def test_a_decision_led_elsewhere_or_due_before_the_meeting(world, board):
    with pytest.raises(ValidationError) as error:
        services.decision_add(
            meeting=board.meeting,
            by=world.th_coordinator,
            text="X",
            lead=world.hac_thanh_police,
            due_date=DAY - datetime.timedelta(days=1),
        )
    assert set(error.value.message_dict) == {"lead", "due_date"}


def test_a_task_in_another_units_plan_is_refused(world, board):
    from lanhmanh.plans.models import Plan

    ward_plan = Plan.objects.create(unit=world.hac_thanh, year_from=2026, year_to=2026, title="P")
    with pytest.raises(ValidationError) as error:
        services.decision_to_task(decision=board.decision, by=world.th_coordinator, plan=ward_plan)
    assert error.value.message_dict == {"plan": [services.PLAN_ELSEWHERE]}
    assert not ward_plan.tasks.exists()


def test_a_visit_to_a_unit_not_below_with_a_recommendation_due_before_it(world, board):
    for supervised in (world.thanh_hoa, world.luc_nam):
        with pytest.raises(ValidationError) as error:
            services.visit_create(
                unit=world.thanh_hoa,
                supervised_unit=supervised,
                by=world.th_coordinator,
                visited_on=DAY,
                findings="x",
            )
        assert error.value.message_dict == {"supervised_unit": [services.NOT_BELOW]}
    with pytest.raises(ValidationError):
        services.visit_create(
            unit=world.thanh_hoa,
            supervised_unit=world.quang_ngoc,
            by=world.th_coordinator,
            visited_on=DAY,
            findings="Một đợt",
            recommendations=[("Sớm quá", DAY - datetime.timedelta(days=1))],
        )
    # All or none: the visit of the refused recommendation is not kept.
    assert not SupervisionVisit.objects.filter(findings="Một đợt").exists()


def test_a_visit_form_for_a_unit_outside_is_refused_by_the_form(world, board, client_for):
    response = client_for(world.th_coordinator).post(
        reverse("committees:visit_create", args=[world.thanh_hoa.pk]),
        {"supervised_unit": world.luc_nam.pk, "visited_on": "2026-03-01", "findings": "x"},
    )
    assert response.status_code == 400
    assert "supervised_unit" in response.context["form"].errors


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"recipient_kind": RecipientKind.PERSON, "person_name": "Ai đó"}, "person_name"),
        ({"recipient_kind": RecipientKind.AGENCY}, "recipient_agency"),
        ({"recipient_kind": RecipientKind.TEAM, "recipient_team": "bn_team"}, "recipient_team"),
        ({"recipient_kind": RecipientKind.UNIT, "recipient_unit": "luc_nam"}, "recipient_unit"),
        (
            {
                "recipient_kind": RecipientKind.UNIT,
                "recipient_unit": "hac_thanh",
                "review_year": 1990,
            },
            "review_year",
        ),
    ],
)
def test_a_commendation_without_a_clear_recipient(world, board, values, field):
    values = {
        k: getattr(world, v)
        if k != "recipient_kind" and isinstance(v, str) and hasattr(world, v)
        else v
        for k, v in values.items()
    }
    base = {
        "reason": "Thành tích",
        "award": "Giấy khen",
        "decision_number": "1/QĐ",
        "decision_date": DAY,
        "level": CommendationLevel.PROVINCE,
        "review_year": 2025,
    }
    with pytest.raises(ValidationError) as error:
        services.commendation_create(
            unit=world.thanh_hoa, by=world.th_coordinator, **(base | values)
        )
    assert field in error.value.message_dict
    assert Commendation.objects.count() == 1


def test_a_commendation_review_must_be_a_review_of_the_unit(world, board):
    with pytest.raises(ValidationError) as error:
        services.commendation_update(
            commendation=board.commendation,
            by=world.th_coordinator,
            version=1,
            review=board.meeting,  # a committee meeting, not a review
        )
    assert error.value.message_dict == {"review": [services.REVIEW_ELSEWHERE]}
    board.commendation.refresh_from_db()
    assert board.commendation.version == 1


def test_garbage_in_lists_falls_back(world, board, client_for):
    client = client_for(world.th_coordinator)
    assert client.get(reverse("committees:meeting_list"), {"kind": "x" * 500}).status_code == 200
    assert client.get(reverse("committees:commendation_list"), {"year": "abc"}).status_code == 200
    assert client.get(reverse("committees:recommendation_list"), {"show": "?"}).status_code == 200
    assert client.get(reverse("committees:meeting_list"), {"unit": "abc"}).status_code == 404
    url = reverse("committees:committee", args=[world.thanh_hoa.pk])
    assert client.get(url, {"on": "31/02/2026"}).status_code == 200
