"""A case climbs the stages of criminal procedure through the three bodies, each
recording its own stages from its own account; refused input leaves nothing saved."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from lanhmanh.audit.models import AuditEvent
from lanhmanh.cases import services
from lanhmanh.cases.models import CaseStep, CriminalCase, Stage

pytestmark = pytest.mark.django_db


def day(n):
    return timezone.localdate() - datetime.timedelta(days=n)


def advance(client, case, stage, on, **extra):
    case.refresh_from_db()
    return client.post(
        reverse("cases:case_advance", args=[case.pk]),
        {"stage": stage, "on": on.isoformat(), "version": case.version, **extra},
    )


def test_a_case_goes_from_instituted_to_tried_through_the_three_bodies(world, bodies, client_for):
    police = client_for(bodies.police)
    response = police.post(
        reverse("cases:case_create"),
        {
            "unit": world.hac_thanh.pk,
            "reference": "25/QĐ-CSĐT",
            "summary": "Chứa mại dâm tại nhà nghỉ ven biển",
            "articles": [bodies.article_327.pk],
            "reported_on": day(60).isoformat(),
            "defendants_male": 1,
            "defendants_female": 1,
            "defendants_18_29": 1,
            "defendants_30_plus": 1,
            "victims": 3,
            "victims_children": 1,
            "ring_broken": "on",
        },
    )
    assert response.status_code == 302
    case = CriminalCase.objects.get(reference="25/QĐ-CSĐT")
    assert case.stage == Stage.REPORTED

    assert advance(police, case, "instituted", day(50)).status_code == 302
    assert advance(police, case, "investigated", day(30)).status_code == 302
    assert advance(client_for(bodies.prosecutor), case, "indicted", day(20)).status_code == 302
    judge = client_for(bodies.judge)
    assert advance(judge, case, "tried", day(5), mobile_trial="on").status_code == 302

    case.refresh_from_db()
    assert case.stage == Stage.TRIED and case.mobile_trial
    assert (case.instituted_on, case.indicted_on, case.tried_on) == (day(50), day(20), day(5))
    steps = list(case.steps.select_related("agency").order_by("on"))
    assert [(s.stage, s.agency.sector.code) for s in steps] == [
        ("reported", "police"),
        ("instituted", "police"),
        ("investigated", "police"),
        ("indicted", "procuracy"),
        ("tried", "court"),
    ]
    page = judge.get(case.get_absolute_url()).content.decode()
    assert "Tòa án nhân dân tỉnh" in page and "Viện Kiểm sát nhân dân tỉnh" in page
    assert AuditEvent.objects.filter(object_id=str(case.pk), detail__stage="tried").exists()


def test_a_stage_out_of_order_is_refused(bodies, record_case, client_for):
    case = record_case()
    response = advance(client_for(bodies.police), case, "investigated", day(10))
    assert response.status_code == 200
    assert "giai đoạn tiếp theo phải là “Khởi tố”" in response.content.decode()
    case.refresh_from_db()
    assert case.stage == Stage.REPORTED and case.investigated_on is None
    assert not case.steps.filter(stage="investigated").exists()


def test_a_body_cannot_advance_another_bodys_stage(bodies, record_case, client_for):
    case = record_case()
    response = advance(client_for(bodies.judge), case, "instituted", day(10))
    assert response.status_code == 403
    assert "do cơ quan công an thực hiện" in response.content.decode()
    case.refresh_from_db()
    assert case.stage == Stage.REPORTED and case.version == 1
    # Nor the police the court's: the stage after indictment is the court's.
    services.case_advance(case=case, by=bodies.police, stage="instituted", on=day(9), version=1)
    services.case_advance(case=case, by=bodies.police, stage="investigated", on=day(8), version=2)
    services.case_advance(case=case, by=bodies.prosecutor, stage="indicted", on=day(7), version=3)
    with pytest.raises(PermissionDenied):
        services.case_advance(case=case, by=bodies.police, stage="tried", on=day(6), version=4)
    with pytest.raises(PermissionDenied):
        services.case_advance(case=case, by=bodies.prosecutor, stage="tried", on=day(6), version=4)


def test_a_coordinator_edits_a_case_but_advances_no_stage(world, bodies, record_case):
    case = record_case()
    with pytest.raises(PermissionDenied):
        services.case_advance(
            case=case, by=world.th_coordinator, stage="instituted", on=day(1), version=1
        )
    services.case_update(case=case, by=world.th_coordinator, version=1, victims=2)
    case.refresh_from_db()
    assert case.victims == 2 and case.version == 2


def test_a_stage_dated_before_the_previous_one_is_refused(bodies, record_case):
    case = record_case(reported_on=day(10))
    with pytest.raises(ValidationError) as error:
        services.case_advance(
            case=case, by=bodies.police, stage="instituted", on=day(11), version=1
        )
    assert "không được trước ngày của giai đoạn trước" in str(error.value)
    with pytest.raises(ValidationError):
        services.case_advance(
            case=case, by=bodies.police, stage="instituted", on=day(-1), version=1
        )
    assert CaseStep.objects.filter(case=case).count() == 1


def test_a_unit_outside_the_scope_is_refused(world, bodies, client_for):
    client = client_for(bodies.ward_police)
    response = client.post(
        reverse("cases:case_create"),
        {
            "unit": world.quang_ngoc.pk,
            "reference": "9/QĐ",
            "summary": "Ngoài địa bàn",
            "articles": [bodies.article_327.pk],
            "reported_on": day(3).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    with pytest.raises(PermissionDenied):
        services.case_create(
            by=bodies.ward_police,
            unit=world.quang_ngoc,
            reference="9/QĐ",
            summary="Ngoài địa bàn",
            articles=[bodies.article_327],
            reported_on=day(3),
        )
    assert not CriminalCase.objects.filter(reference="9/QĐ").exists()


def test_counts_that_do_not_add_up_are_refused(bodies, record_case):
    with pytest.raises(ValidationError) as error:
        record_case(defendants_male=3, defendants_female=1)  # the age bands hold 3
    assert "phải bằng tổng số bị can nam và nữ (4)" in str(error.value)
    with pytest.raises(ValidationError) as error:
        record_case(victims=1, victims_children=2)
    assert "trẻ em không được lớn hơn" in str(error.value)
    assert not CriminalCase.objects.exists()


def test_a_stale_edit_is_refused_showing_both_versions(world, bodies, record_case, client_for):
    case = record_case()
    services.case_update(case=case, by=bodies.police, version=1, victims=4)
    response = client_for(world.th_coordinator).post(
        reverse("cases:case_update", args=[case.pk]),
        {
            "reference": case.reference,
            "summary": "Sửa từ bản cũ",
            "articles": [bodies.article_327.pk],
            "defendants_male": 2,
            "defendants_female": 1,
            "defendants_18_29": 2,
            "defendants_30_plus": 1,
            "victims": 1,
            "victims_children": 0,
            "version": 1,
        },
    )
    assert response.status_code == 409
    case.refresh_from_db()
    assert case.victims == 4 and case.summary != "Sửa từ bản cũ"


def test_a_case_cannot_link_another_provinces_hotspot(world, bodies):
    from lanhmanh.inspections.services import hotspot_create

    elsewhere = hotspot_create(unit=world.luc_nam, by=None, name="Chợ Lục Nam", on=day(90))
    with pytest.raises(ValidationError) as error:
        services.case_create(
            by=world.national,
            agency=world.th_police,
            unit=world.hac_thanh,
            reference="7/QĐ",
            summary="Liên kết sai",
            articles=[bodies.article_327],
            reported_on=day(3),
            hotspot=elsewhere,
        )
    assert "phải thuộc địa bàn của vụ án" in str(error.value)
    assert not CriminalCase.objects.filter(reference="7/QĐ").exists()


def test_the_police_cannot_pick_another_provinces_tip_in_the_form(world, bodies, client_for):
    form = client_for(bodies.police).get(reverse("cases:case_create")).context["form"]
    assert world.luc_nam not in form.fields["unit"].queryset
    assert all(
        h.unit.path.startswith(world.thanh_hoa.path) for h in form.fields["hotspot"].queryset
    )
