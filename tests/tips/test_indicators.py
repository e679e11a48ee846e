"""The module's computed indicators, and the seed target '100% tin tố giác, tin báo …
được tiếp nhận, xác minh, phân loại, xử lý kịp thời' (seed 002) following the register
live on the plan page."""

import datetime

import pytest
from django.utils import timezone

from lanhmanh.indicators.models import Indicator, Source
from lanhmanh.indicators.registry import Window, computation
from lanhmanh.reporting.progress import suggest_indicator
from lanhmanh.tips import services
from lanhmanh.tips.indicators import CATALOGUE
from lanhmanh.tips.models import Status, Tip
from tests.inspections.test_seed_targets_progress import progress_cell, this_years_plan


def value(code, world, disaggregation=None, window=None):
    today = timezone.localdate()
    window = window or Window(datetime.date(today.year, 1, 1), today)
    return computation(code)(
        paths=[world.thanh_hoa.path], window=window, disaggregation=disaggregation
    )


def close(world, tip, status=Status.HANDLED):
    return services.tip_status_change(
        tip=tip, by=world.th_tips, version=tip.version, status=status, outcome="Đã xác minh."
    )


def back_date(tip, days):
    """As if received ``days`` ago (its deadline moves with it)."""
    received = tip.received_at - datetime.timedelta(days=days)
    Tip.objects.filter(pk=tip.pk).update(
        received_at=received, due_on=tip.due_on - datetime.timedelta(days=days)
    )
    tip.refresh_from_db()
    return tip


def test_the_catalogue_rows_are_loaded_and_computed(db):
    for row in CATALOGUE:
        indicator = Indicator.objects.get(code=row["code"])
        indicator.full_clean()
        assert indicator.source == Source.COMPUTED
        assert computation(row["code"]) is not None


def test_received_by_channel_and_category(world, tips):
    tips.record()  # hotline, public place, Quảng Ngọc
    tips.submit(commune=world.luc_nam)  # Bắc Ninh: not counted
    assert value("tips_recorded", world).numerator == 2
    assert value("tips_recorded", world, "tip_channel:online").numerator == 1
    assert value("tips_recorded", world, "tip_channel:hotline").numerator == 1
    assert value("tips_recorded", world, "tip_category:public_place").numerator == 1
    assert value("tips_recorded", world, "tip_category:trafficking").numerator == 0


def test_handled_on_time_unfounded_and_leading_to_an_inspection(world, tips):
    on_time = close(world, tips.tip)
    late, _c = tips.record()
    late = back_date(late, 30)
    close(world, late)
    overdue, _c = tips.record()
    back_date(overdue, 25)  # open and past its deadline: late
    not_due, _c = tips.record()  # open, not yet due: not judged yet
    unfounded, _c = tips.record()
    close(world, unfounded, Status.UNFOUNDED)
    share = value("tips_on_time_share", world)
    assert (share.numerator, share.denominator) == (2, 4)  # on time, unfounded of 4 judged
    assert value("tips_on_time", world).numerator == 2
    assert value("tips_closed", world).numerator == 3
    assert value("tips_unfounded", world).numerator == 1
    assert value("tips_led_to_inspection", world).numerator == 0
    assert on_time.on_time and not Tip.objects.get(pk=late.pk).on_time
    assert not_due.is_open


@pytest.mark.django_db
def test_seed_002_tips_handled_in_time_shows_live_progress(world, tips, client_for):
    plan = this_years_plan(world, "002")
    target = plan.targets.get(quote__icontains="100% tin tố giác, tin báo")
    assert "tips_on_time_share" in [i.code for i in suggest_indicator(target, limit=5)]
    client = client_for(world.th_coordinator)
    response = client.post(
        f"/reporting/targets/{target.pk}/link/",
        {"indicator": "tips_on_time_share", "version": target.version},
    )
    assert response.status_code == 302

    # One tip received, not yet due: nothing to judge yet.
    before = progress_cell(client, plan, target)
    close(world, tips.tip)
    status, figure = progress_cell(client, plan, target)
    assert figure.startswith("100%"), figure
    assert status == "met"
    late, _c = tips.record()
    back_date(late, 25)
    status, figure = progress_cell(client, plan, target)
    assert figure.startswith("50%"), figure
    assert status != "met"
    assert before != (status, figure)
