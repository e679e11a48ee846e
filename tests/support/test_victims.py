"""Trafficking victims: identification, reception from abroad, the law's support regimes
with amounts typed as paid, and the steps of a child's case."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from lanhmanh.support import services
from lanhmanh.support.models import Group, Victim, VictimSupport
from lanhmanh.support.services.victims import (
    BORDER_GATE_REQUIRED,
    IDENTIFY_FIRST,
    NOT_A_CHILD_CASE,
    NOT_A_VICTIM_CASE,
)

from .conftest import OPENED, open_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def victim_case(world, sup):
    case = open_case(world, sup, mother="Hoa", father="Bình")
    return services.case_update(
        client=case, by=world.th_social, version=1, group=Group.VICTIM, is_child=True, identity={}
    )


def test_a_victim_returned_from_abroad_is_recorded_with_the_support_given(world, victim_case):
    victim = services.victim_save(
        client=victim_case, by=world.th_social, identified_by="border_guard",
        identified_on=OPENED, received_on=OPENED, reception_facility="Cơ sở bảo trợ xã hội",
        returned_from_abroad=True, country="Trung Quốc", border_gate="Cửa khẩu Móng Cái",
    )  # fmt: skip
    services.victim_support_record(
        client=victim_case, by=world.th_social, regime="hardship",
        given_on=OPENED, amount=Decimal("1500000"),
    )  # fmt: skip
    assert victim.border_gate == "Cửa khẩu Móng Cái"
    assert VictimSupport.objects.get().amount == Decimal("1500000")


def test_abroad_without_a_border_gate_is_refused(world, victim_case):
    with pytest.raises(ValidationError) as error:
        services.victim_save(
            client=victim_case, by=world.th_social, identified_by="police",
            identified_on=OPENED, returned_from_abroad=True,
        )  # fmt: skip
    assert error.value.message_dict["border_gate"] == [str(BORDER_GATE_REQUIRED)]
    assert not Victim.objects.exists()


def test_support_needs_the_identification_first(world, victim_case):
    with pytest.raises(ValidationError) as error:
        services.victim_support_record(
            client=victim_case, by=world.th_social, regime="medical", given_on=OPENED
        )
    assert error.value.messages == [str(IDENTIFY_FIRST)]


def test_only_victims_cases_have_the_trafficking_part(world, sup):
    with pytest.raises(ValidationError) as error:
        services.victim_save(
            client=sup.case, by=world.th_social, identified_by="police", identified_on=OPENED
        )
    assert error.value.messages == [str(NOT_A_VICTIM_CASE)]


def test_a_childs_case_records_the_child_protection_steps(world, sup, victim_case):
    services.child_step_record(client=victim_case, by=world.th_social, step="reported", on=OPENED)
    services.child_step_record(
        client=victim_case, by=world.th_social, step="plan", on=OPENED + datetime.timedelta(days=2)
    )
    assert [s.step for s in victim_case.child_steps.all()] == ["reported", "plan"]
    with pytest.raises(ValidationError) as error:
        services.child_step_record(client=sup.case, by=world.th_social, step="reported", on=OPENED)
    assert error.value.messages == [str(NOT_A_CHILD_CASE)]


def test_a_birth_year_under_16_makes_a_childs_case(world, sup):
    case = services.case_open(
        by=world.th_social, unit=world.hac_thanh, opened_on=OPENED, sex="female",
        group="victim", birth_year=2012,
    )  # fmt: skip
    assert case.is_child and case.age_band == "under_16"
