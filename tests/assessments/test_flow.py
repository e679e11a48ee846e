"""A commune self-assesses with the proposals, the province adjusts and approves; the
class follows the thresholds of the framework version; frameworks change by versions."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lanhmanh.assessments import services
from lanhmanh.assessments.models import Status
from lanhmanh.core.concurrency import StaleVersion
from lanhmanh.inspections import services as inspection_services

pytestmark = pytest.mark.django_db


def test_proposals_come_from_the_registers_with_their_evidence(world, frame):
    frame.activity(world.hac_thanh, frame.day)
    a = frame.create()
    answers = {x.criterion.code: x for x in a.answers.select_related("criterion")}
    hotspot = answers["no_hotspot"]
    assert hotspot.proposed_passed is True and hotspot.passed is True
    assert "không có tụ điểm" in hotspot.proposal
    awareness = answers["awareness"]
    assert awareness.evidence[0]["url"].startswith("/activities/")
    assert "Quý 1" in awareness.evidence[0]["label"]
    quarters = (timezone.localdate().month - 1) // 3 + 1
    assert awareness.proposed_points == (Decimal(25) / quarters).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    # What the system cannot know is left to the commune.
    assert answers["steering"].proposal == "" and answers["steering"].points is None
    assert a.status == Status.DRAFT and a.framework_version == frame.version


def test_an_active_hotspot_proposes_a_fail_with_a_link_to_it(world, frame):
    hotspot = inspection_services.hotspot_create(
        unit=world.hac_thanh, by=world.th_inspector, name="Bờ sông", on=datetime.date(2025, 9, 1)
    )
    a = frame.create()
    answer = a.answers.get(criterion__code="no_hotspot")
    assert answer.proposed_passed is False
    assert answer.evidence == [{"label": "Bờ sông", "url": hotspot.get_absolute_url()}]


def test_self_assessment_review_adjustment_and_approval(world, frame):
    a = frame.create()
    a = frame.fill(a)
    a = frame.submit(a)
    assert a.status == Status.SUBMITTED
    # The province lowers one criterion, saying why, then approves.
    a = services.answer_adjust(
        assessment=a,
        by=world.th_coordinator,
        version=a.version,
        criterion=frame.criteria["support"],
        points=Decimal(5),
        comment="Chưa có danh sách người được hỗ trợ.",
    )
    assert a.total == a.self_total - 15
    a = frame.approve(a)
    assert a.status == Status.APPROVED
    assert a.approved_by == world.th_coordinator
    answer = a.answers.get(criterion__code="support")
    assert answer.adjusted_points == 5 and answer.points == 20
    expected = "type_1" if a.total >= 80 else "type_2"
    assert a.result_class.code == expected


def test_a_failed_required_criterion_keeps_a_commune_out_of_the_healthy_class(world, frame):
    a = frame.approved(no_hotspot=False, awareness=Decimal(25))
    assert a.total >= 80
    assert a.result_class.code == "type_2" and not a.result_class.healthy


def test_a_return_sends_it_back_to_the_commune_with_the_comment(world, frame):
    a = frame.submit(frame.fill(frame.create()))
    a = services.assessment_return(
        assessment=a, by=world.th_coordinator, version=a.version, comment="Bổ sung minh chứng."
    )
    assert a.status == Status.RETURNED and a.review_comment == "Bổ sung minh chứng."
    a = frame.submit(frame.fill(a))
    assert a.status == Status.SUBMITTED


def test_a_change_of_a_framework_in_use_makes_a_new_version(world, frame):
    used = frame.create()
    criterion = frame.criteria["steering"]
    changed = services.criterion_update(
        criterion=criterion, by=world.national, version=criterion.version, max_points=Decimal(10)
    )
    assert changed.framework_version.number == frame.version.number + 1
    assert changed.max_points == 10
    used.refresh_from_db()
    assert used.framework_version == frame.version
    assert used.answers.get(criterion__code="steering").criterion.max_points == 15
    # A new assessment takes the new version.
    other = frame.create(unit=world.quang_ngoc, by=world.th_coordinator)
    assert other.framework_version == changed.framework_version


def test_a_version_not_in_use_is_edited_in_place(world, frame):
    criterion = frame.criteria["steering"]
    changed = services.criterion_update(
        criterion=criterion, by=world.national, version=criterion.version, confirmed=True
    )
    assert changed.pk == criterion.pk and changed.confirmed
    with pytest.raises(StaleVersion):
        services.criterion_update(
            criterion=criterion, by=world.national, version=criterion.version, confirmed=False
        )


def test_only_national_administrators_edit_a_national_framework(world, frame):
    criterion = frame.criteria["steering"]
    with pytest.raises(PermissionDenied):
        services.criterion_update(
            criterion=criterion, by=world.th_coordinator, version=criterion.version, text="x"
        )


def test_a_stale_assessment_edit_is_refused(world, frame):
    a = frame.create()
    old = a.version
    frame.fill(a)
    with pytest.raises(StaleVersion):
        services.answers_save(assessment=a, by=world.hac_thanh_officer, version=old, answers={})


def test_the_commune_history_keeps_each_year(world, frame):
    frame.approved(year=frame.year - 1, on=datetime.date(frame.year - 1, 12, 10))
    frame.approved()
    from lanhmanh.assessments.selectors import history_of

    assert [a.year for a in history_of(world.th_coordinator, world.hac_thanh)] == [
        frame.year,
        frame.year - 1,
    ]


def test_a_submitted_assessment_cannot_be_edited_by_the_commune(world, frame):
    a = frame.submit(frame.fill(frame.create()))
    with pytest.raises(ValidationError) as error:
        services.answers_save(
            assessment=a, by=world.hac_thanh_officer, version=a.version, answers={}
        )
    assert services.NOT_EDITABLE in error.value.messages


def test_a_province_adopts_a_national_framework_and_edits_its_own(world, frame):
    old = frame.create()  # made under the national version
    own = services.framework_adopt(
        framework=frame.framework, unit=world.thanh_hoa, by=world.th_coordinator
    )
    assert own.unit == world.thanh_hoa and own.current().criteria.count() == 6
    steering = own.current().criteria.get(code="steering")
    changed = services.criterion_update(
        criterion=steering, by=world.th_coordinator, version=steering.version, confirmed=True
    )
    assert changed.pk == steering.pk and changed.confirmed
    # The province's communes are assessed by it from now on; the older one keeps its own.
    new = frame.create(unit=world.quang_ngoc, by=world.th_coordinator)
    assert new.framework_version.framework == own
    old.refresh_from_db()
    assert old.framework_version == frame.version
    with pytest.raises(ValidationError):
        services.framework_adopt(
            framework=frame.framework, unit=world.thanh_hoa, by=world.th_coordinator
        )
    # Another province's coordinator neither sees nor edits it.
    with pytest.raises(PermissionDenied):
        services.criterion_update(
            criterion=changed, by=world.bn_coordinator, version=changed.version, text="x"
        )
