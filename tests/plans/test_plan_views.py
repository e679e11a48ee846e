"""Plan list and plan page: what a user in scope sees, and nothing outside it."""

import datetime

import pytest
from django.urls import reverse

from lanhmanh.plans.models import Comparator, Measure, Plan, PlanBasis, Target, Task
from tests.queries import SIGNED_IN_REQUEST


@pytest.fixture
def plans(world):
    old = Plan.objects.create(
        unit=world.old_thanh_hoa,
        number="112/KH-UBND",
        year_from=2018,
        year_to=2018,
        title="Triển khai thực hiện nhiệm vụ phòng, chống mại dâm năm 2018",
        issuer_name="Ủy ban nhân dân tỉnh Thanh Hóa",
    )
    Target.objects.create(
        plan=old,
        statement="kiểm tra từ 80 đến 130 cơ sở",
        comparator=Comparator.BETWEEN,
        low=80,
        high=130,
        measure=Measure.COUNT,
        agency=world.old_th_labour,
    )
    Task.objects.create(
        plan=old, text="Tổ chức kiểm tra các cơ sở kinh doanh dịch vụ", lead=world.old_th_labour
    )
    commune = Plan.objects.create(
        unit=world.hac_thanh,
        year_from=2026,
        year_to=2026,
        issued_on=datetime.date(2026, 1, 15),
        title="Phòng, chống mại dâm trên địa bàn phường Hạc Thành năm 2026",
    )
    PlanBasis.objects.create(plan=commune, parent=old, reference="112/KH-UBND")
    other = Plan.objects.create(
        unit=world.bac_ninh, year_from=2026, year_to=2026, title="Kế hoạch của Bắc Ninh"
    )
    return {"old": old, "commune": commune, "other": other}


def test_the_list_shows_plans_in_scope_only(world, plans, client_for):
    response = client_for(world.th_coordinator).get(reverse("plans:plan_list"))
    assert response.status_code == 200
    listed = set(response.context["page"].object_list)
    assert listed == {plans["old"], plans["commune"]}


def test_the_list_filters_by_unit_with_the_units_below_it(world, plans, client_for):
    client = client_for(world.th_coordinator)
    url = reverse("plans:plan_list")
    choices = dict(client.get(url).context["units"])
    # units with plans and the units above them; the old and the new province tell apart
    assert set(choices) == {world.old_thanh_hoa.pk, world.thanh_hoa.pk, world.hac_thanh.pk}
    assert "trước 01/07/2025" in choices[world.old_thanh_hoa.pk]
    assert "trước 01/07/2025" not in choices[world.thanh_hoa.pk]
    province = client.get(url, {"unit": world.thanh_hoa.pk})
    assert list(province.context["page"].object_list) == [plans["commune"]]
    assert province.context["unit"] == world.thanh_hoa
    old = client.get(url, {"unit": world.old_thanh_hoa.pk, "year": 2018})
    assert list(old.context["page"].object_list) == [plans["old"]]
    none = client.get(url, {"unit": world.hac_thanh.pk, "year": 2018})
    assert "Không có kế hoạch nào khớp với bộ lọc" in none.content.decode()


def test_a_unit_outside_the_scope_filters_nothing_in(world, plans, client_for):
    client = client_for(world.th_coordinator)
    response = client.get(reverse("plans:plan_list"), {"unit": world.bac_ninh.pk})
    assert response.context["unit"] is None
    assert set(response.context["page"].object_list) == {plans["old"], plans["commune"]}
    assert "Bắc Ninh" not in response.content.decode()


def test_a_commune_officer_sees_the_commune_plan_not_the_province_one(world, plans, client_for):
    response = client_for(world.hac_thanh_officer).get(reverse("plans:plan_list"))
    assert set(response.context["page"].object_list) == {plans["commune"]}


def test_the_plan_page_shows_targets_tasks_and_implementing_plans(world, plans, client_for):
    response = client_for(world.th_coordinator).get(plans["old"].get_absolute_url())
    body = response.content.decode()
    assert response.status_code == 200
    assert "kiểm tra từ 80 đến 130 cơ sở" in body
    assert "80–130" in body
    assert "Tổ chức kiểm tra các cơ sở kinh doanh dịch vụ" in body
    assert "phường Hạc Thành năm 2026" in body  # the commune plan implements it


def test_the_plan_page_is_404_outside_the_scope(world, plans, client_for):
    client = client_for(world.bn_coordinator)
    assert client.get(plans["old"].get_absolute_url()).status_code == 404
    assert client.get(reverse("plans:plan_detail", args=[999999])).status_code == 404


def test_roles_without_the_plans_module_get_404(world, plans, client_for):
    for user in (world.th_inspector, world.th_tips, world.nobody):
        client = client_for(user)
        assert client.get(reverse("plans:plan_list")).status_code == 404
        assert client.get(plans["old"].get_absolute_url()).status_code == 404


def test_the_plan_page_uses_a_fixed_number_of_queries(
    world, plans, client_for, django_assert_num_queries
):
    client = client_for(world.th_coordinator)
    # 9 for the page, one for its audit event (a read of the plan)
    with django_assert_num_queries(SIGNED_IN_REQUEST + 10):
        client.get(plans["old"].get_absolute_url())
    for i in range(5):
        Task.objects.create(plan=plans["old"], text=f"Nhiệm vụ {i}", lead=world.th_police)
    with django_assert_num_queries(SIGNED_IN_REQUEST + 10):
        client.get(plans["old"].get_absolute_url())


def test_only_writers_see_the_import_button(world, plans, client_for):
    import_url = reverse("plans:import_upload")
    assert (
        import_url
        in client_for(world.th_coordinator).get(reverse("plans:plan_list")).content.decode()
    )
    assert (
        import_url
        not in client_for(world.th_leader).get(reverse("plans:plan_list")).content.decode()
    )


def test_writers_see_the_plan_actions_and_readers_only_the_cascade(world, plans, client_for):
    plan = plans["old"]
    actions = [
        reverse(name, args=[plan.pk])
        for name in ("plans:plan_update", "plans:plan_copy", "plans:plan_derive")
    ]
    cascade = reverse("plans:plan_cascade", args=[plan.pk])
    writer = client_for(world.th_coordinator).get(plan.get_absolute_url()).content.decode()
    assert all(url in writer for url in actions)
    assert cascade in writer
    reader = client_for(world.th_leader).get(plan.get_absolute_url()).content.decode()
    assert not any(url in reader for url in actions)
    assert cascade in reader


def test_a_parent_plan_outside_the_scope_is_named_but_not_shown(world, plans, client_for):
    # The ward's officer sees the ward's plan, which implements the province's 2018 plan
    # they may not open: the reference is shown, not the plan.
    body = client_for(world.hac_thanh_officer).get(plans["commune"].get_absolute_url())
    html = body.content.decode()
    assert body.status_code == 200
    assert "112/KH-UBND" in html
    assert plans["old"].get_absolute_url() not in html
    assert "Triển khai thực hiện nhiệm vụ phòng, chống mại dâm năm 2018" not in html


def test_implementing_plans_outside_the_scope_are_not_listed(world, plans, client_for):
    PlanBasis.objects.create(plan=plans["other"], parent=plans["old"])
    body = client_for(world.th_coordinator).get(plans["old"].get_absolute_url()).content.decode()
    assert "Kế hoạch của Bắc Ninh" not in body
    assert "phường Hạc Thành năm 2026" in body


def test_the_plan_list_links_to_my_tasks(world, plans, client_for):
    body = client_for(world.th_leader).get(reverse("plans:plan_list")).content.decode()
    assert reverse("plans:my_tasks") in body
