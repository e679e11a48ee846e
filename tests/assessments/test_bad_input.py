"""The issue's bad input: a score above the maximum, a unit outside the scope, a commune
approving its own assessment, a second assessment of a commune and year, a framework
version without thresholds. Each gets a clear message and leaves nothing half-saved."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lanhmanh.accounts.models import Membership
from lanhmanh.accounts.roles import Role
from lanhmanh.assessments import services
from lanhmanh.assessments.models import Assessment, Framework, FrameworkVersion, Status

pytestmark = pytest.mark.django_db


def test_a_score_above_the_maximum_saves_nothing(world, frame, client_for):
    a = frame.create()
    steering, support = frame.criteria["steering"], frame.criteria["support"]
    with pytest.raises(ValidationError) as error:
        services.answers_save(
            assessment=a,
            by=world.hac_thanh_officer,
            version=a.version,
            answers={support.pk: {"points": Decimal(10)}, steering.pk: {"points": Decimal(16)}},
        )
    assert "vượt quá điểm tối đa 15" in str(error.value)
    assert a.answers.get(criterion=support).points is None  # the valid one was not saved
    # Through the form: 400, the message beside the criterion, nothing saved.
    response = client_for(world.hac_thanh_officer).post(
        reverse("assessments:assessment_edit", args=[a.pk]),
        {"version": a.version, f"c{steering.pk}-points": "99", f"c{support.pk}-points": "3"},
    )
    assert response.status_code == 400
    assert "vượt quá điểm tối đa" in response.content.decode()
    assert a.answers.get(criterion=support).points is None


def test_an_assessment_outside_the_scope(world, frame, client_for):
    with pytest.raises(ValidationError) as error:
        frame.create(unit=world.luc_nam)
    assert services.OUTSIDE_SCOPE in error.value.messages
    # A unit the user cannot even see is as missing as one that does not exist.
    response = client_for(world.bn_coordinator).post(
        reverse("assessments:assessment_create"),
        {"unit": world.hac_thanh.pk, "year": frame.year, "kind": "prostitution"},
    )
    assert response.status_code == 404
    assert not Assessment.objects.exists()


def test_a_commune_cannot_approve_its_own_assessment(world, frame, client_for):
    # Even a coordinator of the commune itself reviews only below it, never the commune.
    Membership.objects.create(
        user=world.hac_thanh_officer, unit=world.hac_thanh, role=Role.COORDINATOR
    )
    a = frame.submit(frame.fill(frame.create()))
    officer = type(world.hac_thanh_officer).objects.get(pk=world.hac_thanh_officer.pk)
    with pytest.raises(PermissionDenied) as error:
        services.assessment_approve(assessment=a, by=officer, version=a.version)
    assert str(error.value) == str(services.OWN_ASSESSMENT)
    response = client_for(officer).post(
        reverse("assessments:assessment_approve", args=[a.pk]), {"version": a.version}
    )
    assert response.status_code == 403
    a.refresh_from_db()
    assert a.status == Status.SUBMITTED and a.result_class is None


def test_a_second_assessment_of_the_same_commune_and_year(world, frame, client_for):
    frame.create()
    with pytest.raises(ValidationError) as error:
        frame.create(by=world.th_coordinator)
    assert "đã có bản đánh giá năm" in str(error.value)
    response = client_for(world.hac_thanh_officer).post(
        reverse("assessments:assessment_create"),
        {"unit": world.hac_thanh.pk, "year": frame.year, "kind": "prostitution"},
    )
    assert response.status_code == 400
    assert "đã có bản đánh giá năm" in response.content.decode()
    assert Assessment.objects.count() == 1


def test_a_framework_version_without_thresholds_is_refused(world, frame):
    criteria = [{"code": "a", "text": "Tiêu chí", "rule": "points", "max_points": 10}]
    before = FrameworkVersion.objects.count()
    for classes in ([], [{"code": "x", "name": "Loại 1", "min_points": 5, "healthy": True}]):
        with pytest.raises(ValidationError) as error:
            services.framework_version_create(
                framework=frame.framework,
                by=world.national,
                note="",
                criteria=criteria,
                classes=classes,
            )
        assert str(services.NO_THRESHOLDS) in error.value.messages
    assert FrameworkVersion.objects.count() == before
    assert Framework.objects.count() == 2


def test_a_negative_score_and_a_missing_reason(world, frame):
    a = frame.create()
    awareness = frame.criteria["awareness"]
    for values, message in (
        ({"points": Decimal(-1)}, "không được âm"),
        ({"points": Decimal(5)}, "Cần ghi lý do"),  # differs from the proposal (0), no reason
    ):
        with pytest.raises(ValidationError) as error:
            services.answers_save(
                assessment=a,
                by=world.hac_thanh_officer,
                version=a.version,
                answers={awareness.pk: values},
            )
        assert message in str(error.value)


def test_submitting_with_criteria_unanswered(world, frame):
    a = frame.create()
    with pytest.raises(ValidationError) as error:
        frame.submit(a)
    assert "Chưa chấm tiêu chí" in str(error.value)
    a.refresh_from_db()
    assert a.status == Status.DRAFT


def test_a_class_change_that_leaves_results_unclassed_is_refused(world, frame, client_for):
    catch_all = frame.version.classes.get(code="type_3")
    response = client_for(world.national).post(
        reverse("assessments:class_edit", args=[catch_all.pk]),
        {"version": catch_all.version, "name": catch_all.name, "min_points": "10"},
    )
    assert response.status_code == 400
    assert "một loại từ 0 điểm" in response.content.decode()
    catch_all.refresh_from_db()
    assert catch_all.min_points == 0 and catch_all.version == 1
