"""The awareness targets of a real plan follow the activity register on the plan page.

Seed 000 (Thanh Hóa, 2018) asks that '90% số xã, phường, thị trấn … tổ chức được ít nhất
một hình thức tuyên truyền' and that the province's radio and press 'thực hiện tuyên
truyền … từ 2 lần/tháng'. The document is read by the importer and saved as this year's
plan of tỉnh Thanh Hóa; the coordinator links each target to the activity indicator the
link screen offers; activities recorded by the communes then move the figures.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from lanhmanh.indicators.models import Indicator
from lanhmanh.reporting.progress import suggest_indicator, target_progress
from tests.inspections.test_seed_targets_progress import progress_cell, this_years_plan

pytestmark = pytest.mark.django_db


def link(client, target, code):
    # The indicator is among those the link screen suggests for the target's text.
    assert code in [i.code for i in suggest_indicator(target, limit=4)]
    data = {"indicator": code, "version": target.version}
    response = client.post(reverse("reporting:target_link", args=[target.pk]), data)
    assert response.status_code == 302
    target.refresh_from_db()


def test_seed_000_communes_with_an_awareness_activity(world, acts, client_for):
    plan = this_years_plan(world, "000")
    target = plan.targets.get(quote__icontains="90% số xã, phường, thị trấn")
    client = client_for(world.th_coordinator)
    link(client, target, "communes_with_awareness_activity")
    today = timezone.localdate()

    before = target_progress(target).value
    acts.record(world.quang_ngoc, "Tuyên truyền ở Quảng Ngọc", day=today)
    acts.record(world.quang_binh, "Tuyên truyền ở Quảng Bình", day=today)
    after = target_progress(target).value
    assert after.denominator == 3
    assert after.numerator == before.numerator + 2
    status, figure = progress_cell(client, plan, target)
    # The fixture's activities of March fall in this plan year's window or not, by date.
    if before.numerator == 1:
        assert (status, figure) == ("met", "100% / ≥ 90%")
    else:
        assert figure == "66,7% / ≥ 90%"
        assert status != "met"


def test_seed_000_the_province_radio_twice_a_month(world, acts, client_for):
    """'Đài phát thanh truyền hình, các cơ quan báo chí cấp tỉnh … từ 2 lần/tháng': linked to
    the activities held and limited, on the target's screen, to the province level, it
    counts the province's own pieces and none of the communes' meetings."""
    plan = this_years_plan(world, "000")
    target = plan.targets.get(quote__icontains="từ 2 lần/tháng")
    client = client_for(world.th_coordinator)
    link(client, target, "activities_awareness_held")
    response = client.post(
        reverse("reporting:target_limits", args=[target.pk]),
        {"limit_level": "province", "version": target.version},
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.limit_level == "province"
    assert Indicator.objects.get(code="activities_awareness_held").source == "computed"
    today = timezone.localdate()
    before = target_progress(target).value.numerator
    acts.record(world.hac_thanh, "Họp tổ dân phố", day=today)
    assert target_progress(target).value.numerator == before
    acts.record(world.thanh_hoa, "Chuyên mục phát thanh", kind="media_piece", day=today)
    assert target_progress(target).value.numerator == before + 1
