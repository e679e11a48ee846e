"""The inspection targets of the real plans follow the register live on the plan page.

Seed 000 (Thanh Hóa) asks to 'kiểm tra từ 80 đến 130 cơ sở', seed 002 (Tân Châu) to
'kiểm tra ít nhất 20% số cơ sở'. Each document is read by the importer and saved as this
year's plan of tỉnh Thanh Hóa (as a province adopting the text would, correcting unit and
year on the review screen); the coordinator links the target to the indicator the system
suggests; inspections recorded by team 178 then move the figure and the status shown.
"""

import os
import re
from pathlib import Path

import pytest
from django.utils import timezone

from lanhmanh.inspections import services
from lanhmanh.plans.importer import parse_plan, read_document
from lanhmanh.plans.services import plan_create_from_draft
from lanhmanh.reporting.progress import plan_window, suggest_indicator

from .conftest import at

SEEDS = Path(
    os.environ.get("LANHMANH_SEEDS_DIR")
    or Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
)


def this_years_plan(world, seed_prefix):
    """The seed read by the importer, saved as the plan of Thanh Hóa for the plan year
    running today (an annual window runs from 15 December to 14 December)."""
    path = next(SEEDS.glob(f"{seed_prefix}_*.txt"))
    draft = parse_plan(read_document(path.read_bytes(), path.name)).to_dict()
    today = timezone.localdate()
    for year in (today.year, today.year + 1):
        draft["year"], draft["date"] = year, None
        plan = plan_create_from_draft(draft=draft, unit=world.thanh_hoa, user=world.th_coordinator)
        window = plan_window(plan)
        if window.start <= today <= window.end:
            return plan
        plan.delete()
    raise AssertionError("no plan year covers today")


def link_suggested(client, target):
    """The coordinator takes the first suggestion of the link screen."""
    suggested = suggest_indicator(target, limit=1)[0]
    data = {"indicator": suggested.code, "version": target.version}
    response = client.post(f"/reporting/targets/{target.pk}/link/", data)
    assert response.status_code == 302
    return suggested.code


def progress_cell(client, plan, target):
    """(status, figure text) of the target's row on the plan page."""
    html = client.get(plan.get_absolute_url()).content.decode()
    row = html[html.index(target.statement[:40]) :]
    row = row[: row.index("</tr>")]
    status = re.search(r'data-status="(\w+)"', row).group(1)
    figure = re.search(r'<span class="small text-nowrap">([^<]*)', row).group(1)
    return status, " ".join(figure.split())


def inspect(world, records, establishment):
    services.inspection_record(
        establishment=establishment,
        team=world.th_team,
        by=world.th_inspector,
        started_at=at(timezone.localdate()),
        members_present=records.members,
        findings="Không phát hiện vi phạm.",
    )


@pytest.mark.django_db
def test_seed_000_inspect_80_to_130_establishments(world, records, client_for):
    plan = this_years_plan(world, "000")
    target = plan.targets.get(quote__icontains="kiểm tra từ 80 đến 130 cơ sở")
    client = client_for(world.th_coordinator)
    assert link_suggested(client, target) == "establishments_inspected"

    assert progress_cell(client, plan, target)[1] == "0 / 80–130"
    inspect(world, records, records.sao_dem)
    inspect(world, records, records.sao_dem)  # the same place twice is one establishment
    inspect(world, records, records.hoa_sen)
    status, figure = progress_cell(client, plan, target)
    assert figure == "2 / 80–130"
    assert status in {"at_risk", "off_track"}  # 2 of at least 80 is far behind


@pytest.mark.django_db
def test_seed_002_inspect_at_least_20_percent(world, records, client_for):
    plan = this_years_plan(world, "002")
    target = plan.targets.get(quote__icontains="kiểm tra ít nhất 20% số cơ sở")
    client = client_for(world.th_coordinator)
    assert link_suggested(client, target) == "establishments_inspected_share"

    # Three establishments of Thanh Hóa are on the register, none inspected yet.
    assert progress_cell(client, plan, target)[1] == "0% / ≥ 20%"
    inspect(world, records, records.binh_minh)
    status, figure = progress_cell(client, plan, target)
    assert figure == "33,3% / ≥ 20%"
    assert status == "met"
    # Four establishments are on the register; the one of Bắc Ninh is not Thanh Hóa's.
    assert records.bn_place.unit.path.startswith(world.bac_ninh.path)


def test_the_seeds_are_there():
    # Without the documents the two tests above fail on a StopIteration; this says why.
    assert any(SEEDS.glob("000_*.txt")) and any(SEEDS.glob("002_*.txt")), SEEDS
