"""The cascade view: the plans a plan implements, upward, and those implementing it."""

import pytest
from django.urls import reverse

from lanhmanh.plans.models import Plan, PlanBasis, Target
from tests.queries import SIGNED_IN_REQUEST


def make(unit, title, number="", year=2018):
    return Plan.objects.create(unit=unit, number=number, year_from=year, year_to=year, title=title)


@pytest.fixture
def chain(world):
    province = make(world.old_thanh_hoa, "Kế hoạch của tỉnh Thanh Hóa", "112/KH-UBND")
    PlanBasis.objects.create(plan=province, reference="361/QĐ-TTg", issuer="Thủ tướng Chính phủ")
    Target.objects.create(
        plan=province, statement="kiểm tra 100 cơ sở", comparator=">=", value=100, measure="count"
    )
    # The city's plan names the province's by number only, as imported documents do.
    city = make(world.old_tp_thanh_hoa, "Kế hoạch của thành phố Thanh Hóa", "20/KH-UBND")
    PlanBasis.objects.create(plan=city, reference="112/KH-UBND")
    ward = make(world.old_dien_bien, "Kế hoạch của phường Điện Biên")
    PlanBasis.objects.create(plan=ward, parent=city, reference="20/KH-UBND")
    district = make(world.old_quang_xuong, "Kế hoạch của huyện Quảng Xương")
    PlanBasis.objects.create(plan=district, parent=province)
    # Another province reuses the number: it must not join Thanh Hóa's chain.
    elsewhere = make(world.old_bac_giang, "Kế hoạch của tỉnh Bắc Giang", "112/KH-UBND")
    elsewhere_child = make(world.old_luc_nam, "Kế hoạch của huyện Lục Nam")
    PlanBasis.objects.create(plan=elsewhere_child, reference="112/KH-UBND")
    return {
        "province": province,
        "city": city,
        "ward": ward,
        "district": district,
        "elsewhere": elsewhere,
        "elsewhere_child": elsewhere_child,
    }


def cascade_url(plan):
    return reverse("plans:plan_cascade", args=[plan.pk])


def titles(nodes):
    return {n.plan.title: titles(n.children) for n in nodes}


def test_the_cascade_goes_up_through_numbers_and_links(world, chain, client_for):
    response = client_for(world.th_coordinator).get(cascade_url(chain["ward"]))
    assert response.status_code == 200
    cascade = response.context["cascade"]
    assert cascade.above == [[chain["city"]], [chain["province"]]]
    assert [b.reference for b in cascade.outside] == ["361/QĐ-TTg"]
    body = response.content.decode()
    # Top first: the national reference, the province, the city, then the ward itself.
    assert body.index("361/QĐ-TTg") < body.index("tỉnh Thanh Hóa") < body.index("thành phố")
    assert "1 chỉ tiêu" in body


def test_the_cascade_goes_down_as_a_tree(world, chain, client_for):
    response = client_for(world.th_coordinator).get(cascade_url(chain["province"]))
    below = response.context["cascade"].below
    assert titles(below) == {
        "Kế hoạch của thành phố Thanh Hóa": {"Kế hoạch của phường Điện Biên": {}},
        "Kế hoạch của huyện Quảng Xương": {},
    }
    assert "Lục Nam" not in response.content.decode()


def test_a_number_shared_by_two_provinces_links_to_the_unit_above(world, chain, client_for):
    # The national administrator sees both provinces' plans numbered 112/KH-UBND.
    client = client_for(world.national)
    up = client.get(cascade_url(chain["elsewhere_child"])).context["cascade"]
    assert up.above == [[chain["elsewhere"]]]
    down = client.get(cascade_url(chain["province"])).context["cascade"]
    assert "Kế hoạch của huyện Lục Nam" not in titles(down.below)


def test_plans_outside_the_scope_are_left_out(world, chain, client_for):
    ward_today = make(world.hac_thanh, "Kế hoạch phường Hạc Thành 2026", year=2026)
    province_today = make(world.thanh_hoa, "Kế hoạch tỉnh Thanh Hóa 2026", "9/KH-UBND", 2026)
    PlanBasis.objects.create(plan=ward_today, parent=province_today, reference="9/KH-UBND")
    response = client_for(world.hac_thanh_officer).get(cascade_url(ward_today))
    assert response.status_code == 200
    assert response.context["cascade"].above == []
    assert "Kế hoạch tỉnh Thanh Hóa 2026" not in response.content.decode()


def test_the_cascade_is_404_outside_the_scope(world, chain, client_for):
    client = client_for(world.bn_coordinator)
    assert client.get(cascade_url(chain["province"])).status_code == 404
    assert client_for(world.th_inspector).get(cascade_url(chain["province"])).status_code == 404


def test_a_leader_reads_the_cascade(world, chain, client_for):
    assert client_for(world.th_leader).get(cascade_url(chain["city"])).status_code == 200


def test_a_cycle_of_bases_does_not_loop(world, chain, client_for):
    PlanBasis.objects.create(plan=chain["province"], parent=chain["ward"])
    response = client_for(world.th_coordinator).get(cascade_url(chain["city"]))
    assert response.status_code == 200


def test_the_cascade_uses_a_fixed_number_of_queries(
    world, chain, client_for, django_assert_num_queries
):
    client = client_for(world.th_coordinator)
    with django_assert_num_queries(SIGNED_IN_REQUEST + 10):
        client.get(cascade_url(chain["province"]))
    for i in range(10):
        child = make(world.old_lam_son, f"Kế hoạch {i}")
        PlanBasis.objects.create(plan=child, parent=chain["city"])
    with django_assert_num_queries(SIGNED_IN_REQUEST + 10):
        response = client.get(cascade_url(chain["province"]))
    assert len(response.context["cascade"].below[0].children) == 11
