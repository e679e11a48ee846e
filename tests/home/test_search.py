"""The search box: diacritics-blind across the records a user may see, nothing of
another province, no support case and nothing a tip's sender wrote or is known by."""

import datetime

import pytest
from django.urls import reverse

from lanhmanh.inspections import services as inspections
from lanhmanh.plans.models import Plan, Target
from lanhmanh.reporting.models import Status
from lanhmanh.reporting.periods import month
from tests.inspections.conftest import records  # noqa: F401 - fixture
from tests.reporting.helpers import make_form, report
from tests.support.conftest import sup  # noqa: F401 - fixture
from tests.tips.conftest import tips  # noqa: F401 - fixture


def hits(response, key=None):
    return [
        h.label for s in response.context["sections"] if key is None or s.key == key for h in s.hits
    ]


@pytest.fixture
def found(world, records, tips, sup):  # noqa: F811 - fixtures
    for unit, number in ((world.thanh_hoa, "5/KH-UBND"), (world.bac_ninh, "6/KH-UBND")):
        plan = Plan.objects.create(
            unit=unit,
            number=number,
            year_from=2026,
            year_to=2026,
            title=f"Kế hoạch phòng, chống mại dâm {unit.name}",
        )
        Target.objects.create(
            plan=plan,
            order=0,
            statement=f"Giảm tụ điểm mại dâm ở {unit.name}",
            comparator="gte",
            measure="count",
        )
    inspections.hotspot_create(
        unit=world.hac_thanh,
        by=world.th_inspector,
        name="Bãi đỗ xe Đông Hương",
        on=datetime.date(2025, 9, 1),
    )
    form = make_form()
    report(
        world.hac_thanh_officer,
        form,
        world.hac_thanh,
        month(2026, 1),
        {"awareness_activities": "2"},
        status=Status.SUBMITTED,
    )
    return world


def search(client, q):
    response = client.get(reverse("search"), {"q": q})
    assert response.status_code == 200
    return response


def test_plans_and_targets_are_found_without_diacritics_in_scope_only(found, client_for):
    response = search(client_for(found.th_coordinator), "chong mai dam")
    assert hits(response, "plans") and all("Thanh Hóa" in h for h in hits(response, "plans"))
    assert "Bắc Ninh" not in response.content.decode()
    response = search(client_for(found.th_coordinator), "giam tu diem")
    assert hits(response, "targets") == ["Giảm tụ điểm mại dâm ở Thanh Hóa"]


def test_another_provinces_plan_never_appears(found, client_for):
    response = search(client_for(found.bn_coordinator), "mai dam")
    assert all("Thanh Hóa" not in h for h in hits(response))
    assert any("Bắc Ninh" in h for h in hits(response, "plans"))


def test_establishments_hotspots_and_reports(found, client_for):
    client = client_for(found.th_coordinator)
    assert hits(search(client, "dong huong"), "hotspots") == ["Bãi đỗ xe Đông Hương"]
    assert hits(search(client, "sao dem"), "establishments")
    assert any("Hạc Thành" in h for h in hits(search(client, "hac thanh"), "reports"))


def test_a_module_the_role_does_not_open_finds_nothing(found, client_for):
    # The tip handler reads no plans, reports or establishments.
    response = search(client_for(found.th_tips), "mai dam")
    assert hits(response, "plans") == hits(response, "targets") == []
    assert hits(search(client_for(found.nobody), "thanh hoa")) == []


def test_tips_are_found_by_number_never_by_what_the_sender_wrote(found, tips, client_for):  # noqa: F811
    client = client_for(found.th_tips)
    assert hits(search(client, tips.tip.reference), "tips") == [tips.tip.reference]
    for secret in ("Nguyễn Văn Dân", "0912345678", "nha nghi o dau ngo"):
        response = search(client, secret)
        assert hits(response, "tips") == []
        assert tips.tip.reference not in response.content.decode()


def test_support_cases_are_never_searched(found, sup, client_for):  # noqa: F811
    client = client_for(found.th_social)
    for q in ("Trần Thị Mây Giả", "0900000001", str(sup.case)):
        response = search(client, q)
        assert hits(response) == [], q
        assert "CA-" not in "".join(h.detail for s in response.context["sections"] for h in s.hits)


def test_the_two_membership_user_finds_only_what_each_role_opens(found, tips, client_for):  # noqa: F811
    client = client_for(found.ln_officer_th_tips)
    # Data officer of Lục Nam: no plan of Thanh Hóa (nor of its province above it) …
    assert hits(search(client, "mai dam"), "plans") == []
    # … tip handler of Thanh Hóa: its tips, by number.
    assert hits(search(client, tips.tip.reference), "tips") == [tips.tip.reference]
