"""Seed 003 asks each commune to 'tổ chức được ít nhất một hình thức tuyên truyền': linked
to the activities the communes record, its progress is the share of communes that held
at least one, each commune counted from its own register."""

import pytest
from django.utils import timezone

from lanhmanh.activities import services
from lanhmanh.activities.models import ActivityKind, Channel
from lanhmanh.indicators.models import Indicator
from lanhmanh.reporting.progress import target_progress
from tests.reporting.test_seed_each_commune import progress_text, seed_plan

pytestmark = pytest.mark.django_db


def record(world, unit, title):
    return services.activity_create(
        by=world.th_coordinator,
        kind=ActivityKind.objects.get(code="communication_event"),
        title=title,
        start_date=timezone.localdate(),
        unit=unit,
        channel=Channel.IN_PERSON,
        on_prostitution=True,
        participants=30,
    )


def test_seed_003_each_commune_from_the_activity_register(world, client_for):
    plan = seed_plan(world, "003", timezone.localdate())
    target = plan.targets.get(quote__icontains="ít nhất một hình thức tuyên truyền")
    assert target.each_level == "commune"
    target.indicator = Indicator.objects.get(code="activities_awareness_held")
    target.save()
    client = client_for(world.th_coordinator)

    record(world, world.hac_thanh, "Tuyên truyền ở Hạc Thành")
    record(world, world.hac_thanh, "Lần hai ở Hạc Thành")
    progress = target_progress(target)
    assert (progress.reached, progress.units) == (1, 3)
    record(world, world.quang_binh, "Tuyên truyền ở Quảng Bình")
    progress = target_progress(target)
    assert (progress.reached, progress.units) == (2, 3)
    status, text = progress_text(client, plan, target)
    assert text == "2/3 đơn vị cấp xã đạt ≥ 1"
    assert status != "met"
