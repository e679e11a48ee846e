"""Seed 003 asks each commune ('UBND các xã, thị trấn') to 'tổ chức được ít nhất một hình
thức tuyên truyền': the importer marks the target as asked of each commune, and its
progress is the share of communes whose reported awareness activities reached one."""

import os
import re
from pathlib import Path

import pytest

from lanhmanh.indicators.models import Indicator
from lanhmanh.indicators.registry import Value, register, unregister
from lanhmanh.plans.importer import parse_plan, read_document
from lanhmanh.plans.services import plan_create_from_draft
from lanhmanh.reporting.progress import target_progress, target_window
from lanhmanh.reporting.selectors import period_due
from lanhmanh.reporting.services import submission_create
from tests.reporting.helpers import make_form, report

SEEDS = Path(
    os.environ.get("LANHMANH_SEEDS_DIR")
    or Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
)


def seed_plan(world, prefix, around):
    """The seed read by the importer and saved as Thanh Hóa's plan of the plan year whose
    window holds the day ``around``."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    draft = parse_plan(read_document(path.read_bytes(), path.name)).to_dict()
    for year in (around.year, around.year + 1):
        draft["year"], draft["date"] = year, None
        plan = plan_create_from_draft(draft=draft, unit=world.thanh_hoa, user=world.th_coordinator)
        window = target_window(plan.targets.first())
        if window.start <= around <= window.end:
            return plan
        plan.delete()
    raise AssertionError("no plan year holds the day")


def progress_text(client, plan, target):
    html = client.get(plan.get_absolute_url()).content.decode()
    row = html[html.index(target.statement[:40]) :]
    row = row[: row.index("</tr>")]
    status = re.search(r'data-status="(\w+)"', row).group(1)
    text = re.search(r'<span class="small text-nowrap" data-each="commune">([^<]*)', row).group(1)
    return status, " ".join(text.split())


@pytest.mark.django_db
def test_seed_003_each_commune_at_least_one_awareness_activity(world, client_for):
    form = make_form()
    period = period_due(form)
    plan = seed_plan(world, "003", period.window.end)
    target = plan.targets.get(quote__icontains="ít nhất một hình thức tuyên truyền")
    assert target.each_level == "commune"
    target.indicator = Indicator.objects.get(code="awareness_activities")
    target.save()
    client = client_for(world.th_coordinator)
    # Three communes in Thanh Hóa, nothing reported yet.
    assert progress_text(client, plan, target) == ("no_data", "0/3 đơn vị cấp xã đạt ≥ 1")

    report(world.national, form, world.hac_thanh, period, {"awareness_activities": 2})
    report(world.national, form, world.quang_ngoc, period, {"awareness_activities": 0})
    submission_create(form=form, unit=world.quang_binh, period=period, user=world.national)
    status, text = progress_text(client, plan, target)
    assert text == "1/3 đơn vị cấp xã đạt ≥ 1"
    assert status != "met"  # two communes of three have not reached one
    progress = target_progress(target)
    assert (progress.reached, progress.units) == (1, 3)
    assert progress.value.denominator == 3

    report(world.national, form, world.quang_binh, period.previous(), {"awareness_activities": 1})
    if period.previous().window.start >= target_window(target).start:
        assert target_progress(target).reached == 2


@pytest.mark.django_db
def test_each_unit_plugs_in_a_computed_indicator(world):
    """A computed indicator of activities (a records module to come) measures the same
    target per commune through the registry, each commune's paths in turn."""
    seen = []

    @register("test_activities_done")
    def activities(*, paths, window, disaggregation=None):
        seen.append(tuple(paths))
        done = any(p.startswith(world.hac_thanh.path) for p in paths)
        return Value(numerator=1 if done else 0)

    try:
        indicator = Indicator.objects.create(
            code="test_activities_done", name="Hoạt động tuyên truyền", source="computed"
        )
        form = make_form()
        plan = seed_plan(world, "003", period_due(form).window.end)
        target = plan.targets.get(quote__icontains="ít nhất một hình thức tuyên truyền")
        target.indicator = indicator
        target.save()
        progress = target_progress(target)
        assert (progress.reached, progress.units) == (1, 3)
        assert len(seen) == 3
    finally:
        unregister("test_activities_done")
