"""Seed 000's 'kiểm tra từ 80 đến 130 cơ sở' is the province's team 178's target: the
importer reads the team from the sentence, and the progress counts that team's
inspections, not those of a commune's team in the same province."""

import pytest
from django.utils import timezone

from lanhmanh.indicators.registry import Limits, compute, register, unregister
from lanhmanh.indicators.values import indicator_value
from lanhmanh.inspections import services
from lanhmanh.organizations.models import InspectionTeam, TeamMember
from lanhmanh.reporting.progress import plan_window, target_window

from .conftest import at
from .test_seed_targets_progress import link_suggested, progress_cell, this_years_plan


@pytest.fixture
def commune_team(world):
    team = InspectionTeam.objects.create(
        unit=world.hac_thanh, name="Đội kiểm tra liên ngành 178 phường Hạc Thành"
    )
    for name in ("Cao Văn Bình", "Lê Thị Yến", "Hà Văn Tùng"):
        TeamMember.objects.create(team=team, agency=world.hac_thanh_police, full_name=name)
    return team


def inspect(world, establishment, team, members):
    services.inspection_record(
        establishment=establishment,
        team=team,
        by=world.th_inspector,
        started_at=at(timezone.localdate()),
        members_present=members,
        findings="Không phát hiện vi phạm.",
    )


@pytest.mark.django_db
def test_the_team_target_counts_the_province_team_only(world, records, commune_team, client_for):
    plan = this_years_plan(world, "000")
    target = plan.targets.get(quote__icontains="kiểm tra từ 80 đến 130 cơ sở")
    assert target.limit_team == world.th_team  # read from 'Đội Kiểm tra liên ngành … tỉnh'
    other = plan.targets.get(quote__startswith="Đội kiểm tra liên ngành 178 tỉnh")
    assert other.limit_team == world.th_team
    # '90% huyện … thành lập Đội kiểm tra liên ngành' is about the districts' teams.
    assert plan.targets.get(quote__contains="(24 huyện)").limit_team is None
    client = client_for(world.th_coordinator)
    assert link_suggested(client, target) == "establishments_inspected"

    commune_members = list(commune_team.members.all())
    inspect(world, records.sao_dem, commune_team, commune_members)
    inspect(world, records.binh_minh, commune_team, commune_members)
    inspect(world, records.hoa_sen, world.th_team, records.members)
    status, figure = progress_cell(client, plan, target)
    assert figure == "1 / 80–130"  # the commune team's two do not count
    assert status in {"at_risk", "off_track"}
    # Without the limit the province counts every team's inspections under it.
    window = plan_window(plan)
    assert indicator_value("establishments_inspected", world.thanh_hoa, window).numerator == 3
    page = client.get(plan.get_absolute_url()).content.decode()
    assert 'data-limit="team"' in page and world.th_team.name in page


@pytest.mark.django_db
def test_a_limit_the_computation_cannot_apply_gives_no_figure(world):
    @register("test_unlimited")
    def unlimited(*, paths, window, disaggregation=None):
        raise AssertionError("never called with a limit it does not know")

    try:
        window = plan_window(type("P", (), {"year_from": 2026, "year_to": 2026})())
        value = compute("test_unlimited", paths=["x/"], window=window, limits=Limits(team=1))
        assert value.no_data
    finally:
        unregister("test_unlimited")


@pytest.mark.django_db
def test_a_horizon_beyond_the_plan_stretches_the_window(world):
    plan = this_years_plan(world, "000")
    target = plan.targets.get(quote__startswith="đến năm")
    assert target.horizon_year is None  # the year 2020 is before this plan's year
    target.horizon_year = plan.year_to + 2
    target.save()
    assert target_window(target).end.year == plan.year_to + 2
    assert target_window(target).start == plan_window(plan).start
