"""Support models, volunteer teams and outreach: the registers and their figures."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from lanhmanh.indicators.registry import Window, computation
from lanhmanh.support import services
from lanhmanh.support.services.common import STALE_VERSION
from lanhmanh.support.services.registers import NOBODY_REACHED

pytestmark = pytest.mark.django_db
YEAR = Window(datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))


def value(code, world, **kw):
    return computation(code)(paths=[world.thanh_hoa.path], window=YEAR, **kw).numerator


def test_models_new_and_maintained(world, sup):
    services.model_save(
        by=world.th_social, unit=world.thanh_hoa, name="Mô hình cũ", kind="harm_reduction",
        started_on=datetime.date(2024, 3, 1),
    )  # fmt: skip
    services.model_save(
        by=world.th_social, unit=world.thanh_hoa, name="Mô hình mới", kind="vocational",
        started_on=datetime.date(2026, 2, 1), units_covered=[world.hac_thanh, world.quang_ngoc],
    )  # fmt: skip
    services.model_save(
        by=world.th_social, unit=world.thanh_hoa, name="Mô hình đã dừng", kind="other",
        started_on=datetime.date(2023, 1, 1), ended_on=datetime.date(2025, 12, 31),
        status="ended",
    )  # fmt: skip
    assert value("support_models_started", world) == 1
    assert value("support_models_running", world) == 2


def test_a_stale_model_edit_is_refused(world, sup):
    model = services.model_save(
        by=world.th_social, unit=world.thanh_hoa, name="Mô hình", kind="other",
        started_on=datetime.date(2026, 1, 1),
    )  # fmt: skip
    fields = dict(unit=world.thanh_hoa, name="Đổi tên", kind="other", started_on=model.started_on)
    services.model_save(by=world.th_social, model=model, version=1, **fields)
    with pytest.raises(ValidationError) as error:
        services.model_save(by=world.th_social, model=model, version=1, **fields)
    assert error.value.messages == [str(STALE_VERSION) % {"current": 2, "yours": 1}]


def test_volunteer_teams_count_while_active(world, sup):
    for name, dissolved in (("Đội A", None), ("Đội B", datetime.date(2025, 6, 1))):
        services.team_save(
            by=world.th_social, unit=world.hac_thanh, kind="team", name=name,
            established_on=datetime.date(2024, 1, 1), dissolved_on=dissolved, members=10,
        )  # fmt: skip
    assert value("volunteer_teams", world) == 1


def test_outreach_counts_people_reached_by_sex(world, sup):
    services.outreach_record(
        by=world.th_social, unit=world.hac_thanh, held_on=datetime.date(2026, 1, 10),
        kind="peer", sex_workers_female=6, sex_workers_male=1, at_risk_female=3,
    )  # fmt: skip
    assert value("support_people_reached", world) == 10
    assert value("support_people_reached", world, disaggregation="sex:male") == 1
    with pytest.raises(ValidationError) as error:
        services.outreach_record(
            by=world.th_social, unit=world.hac_thanh, held_on=datetime.date(2026, 1, 10),
            kind="peer",
        )  # fmt: skip
    assert error.value.messages == [str(NOBODY_REACHED)]
