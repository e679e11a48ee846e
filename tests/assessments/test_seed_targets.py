"""The healthy-commune targets of a real plan follow the assessments on the plan page.

Seed 000 (Thanh Hóa, 2018) asks to 'Duy trì 590 xã, phường, thị trấn lành mạnh không có
tệ nạn mại dâm' and to 'xây dựng mới 3 xã … thành xã … lành mạnh'. The document is read by
the importer and saved as this year's plan of tỉnh Thanh Hóa; the coordinator links each
target to the assessment indicator the link screen offers; approvals then move the
figures.
"""

import datetime
from decimal import Decimal

import pytest

from lanhmanh.reporting.progress import target_progress
from tests.activities.test_seed_targets import link
from tests.inspections.test_seed_targets_progress import progress_cell, this_years_plan

pytestmark = pytest.mark.django_db


def test_seed_000_maintain_590_and_build_3_new_healthy_communes(world, frame, client_for):
    plan = this_years_plan(world, "000")
    maintain = plan.targets.get(quote__icontains="Duy trì 590 xã")
    new = plan.targets.get(quote__icontains="xây dựng mới 3 xã")
    client = client_for(world.th_coordinator)
    link(client, maintain, "assessed_healthy_communes")
    link(client, new, "assessed_healthy_communes_new")
    assert progress_cell(client, plan, maintain)[1] == "0 / ≥ 590"
    assert progress_cell(client, plan, new)[1] == "0 / ≥ 3"

    last = datetime.date(frame.year - 1, 12, 1)
    # Hạc Thành was healthy last year and stays; Quảng Ngọc becomes healthy this year.
    frame.approved(unit=world.hac_thanh, year=frame.year - 1, on=last)
    frame.approved(unit=world.quang_ngoc, year=frame.year - 1, on=last, no_hotspot=False)
    frame.approved(unit=world.hac_thanh)
    frame.approved(unit=world.quang_ngoc)
    assert target_progress(maintain).value.numerator == 2
    assert target_progress(new).value.numerator == 1
    status, figure = progress_cell(client, plan, maintain)
    assert figure == "2 / ≥ 590" and status in {"at_risk", "off_track"}
    assert progress_cell(client, plan, new)[1] == "1 / ≥ 3"
    # A commune that fails this year is not counted as new.
    frame.approved(unit=world.quang_binh, no_hotspot=False, support=Decimal(0))
    assert progress_cell(client, plan, new)[1] == "1 / ≥ 3"
