"""The support targets of the real plans follow the cases and the register live.

Seed 002 (Tân Châu) asks that 'ít nhất 60% người bán dâm được tiếp cận và sử dụng các dịch
vụ hỗ trợ xã hội', seed 000 (Thanh Hóa) to 'xây dựng mới 02 mô hình'. Each document is read
by the importer and saved as this year's plan of tỉnh Thanh Hóa; the coordinator links the
target to the support module's computed indicator; cases served and models registered then
move the figure shown on the plan page, with no figure typed by hand."""

import pytest
from django.utils import timezone

from lanhmanh.support import services
from lanhmanh.support.models import Group
from tests.inspections.test_seed_targets_progress import progress_cell, this_years_plan


def link(client, target, code):
    data = {"indicator": code, "version": target.version}
    response = client.post(f"/reporting/targets/{target.pk}/link/", data)
    assert response.status_code == 302


def open_today(world, mother, group=Group.SEX_WORKER):
    return services.case_open(
        by=world.th_social, unit=world.hac_thanh, opened_on=timezone.localdate(),
        sex="female", group=group, birth_year=1990, mother_given_name=mother,
        father_given_name="Cha", duplicate="different",
    )  # fmt: skip


@pytest.mark.django_db
def test_seed_002_sixty_percent_of_sex_workers_supported(world, sup, client_for):
    plan = this_years_plan(world, "002")
    target = plan.targets.get(quote__icontains="60% người bán dâm")
    client = client_for(world.th_coordinator)
    link(client, target, "support_clients_supported_share")

    # Seven cases today and the fixture's (opened in January, still open): eight.
    cases = [open_today(world, name) for name in ("An", "Bich", "Cuc", "Dao", "Em", "Gam", "Hue")]
    assert progress_cell(client, plan, target)[1] == "0% / ≥ 60%"

    def serve(case):
        services.service_record(
            client=case, by=world.th_social, service_type=sup.types["vocational_training"],
            given_on=timezone.localdate(),
        )  # fmt: skip

    serve(cases[0])
    serve(cases[1])
    # Two people served: a count under five is never shown, not even as a percentage.
    status, figure = progress_cell(client, plan, target)
    assert figure == "&lt;5 / ≥ 60%" and status != "met"  # HTML of "<5"
    for case in cases[2:5]:
        serve(case)
    status, figure = progress_cell(client, plan, target)
    assert (status, figure) == ("met", "62,5% / ≥ 60%")


@pytest.mark.django_db
def test_seed_000_two_new_models(world, sup, client_for):
    plan = this_years_plan(world, "000")
    target = plan.targets.get(quote__icontains="Xây dựng mới 02 mô hình")
    client = client_for(world.th_coordinator)
    link(client, target, "support_models_started")

    before = progress_cell(client, plan, target)[1]
    assert before.startswith("0 /")
    services.model_save(
        by=world.th_social, unit=world.thanh_hoa, name="Mô hình hỗ trợ hòa nhập",
        kind="reintegration", started_on=timezone.localdate(), units_covered=[world.hac_thanh],
    )  # fmt: skip
    assert progress_cell(client, plan, target)[1].startswith("1 /")
