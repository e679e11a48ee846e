"""Hotspots as the police follow them: a suspected point confirmed after verification, a
hotspot spanning several communes (seen from each), patrol visits in its history; the
police officer reads and writes them through the enforcement module."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from lanhmanh.indicators.models import Indicator
from lanhmanh.indicators.registry import Window
from lanhmanh.indicators.values import indicator_value
from lanhmanh.inspections import services
from lanhmanh.inspections.models import Hotspot, HotspotStatus

COVERED_ROUTES = {"inspections:hotspot_patrol"}
TODAY = timezone.localdate()


def ago(n):
    return TODAY - datetime.timedelta(days=n)


@pytest.fixture
def beach(world, bodies):
    """A suspected point on a road from Quảng Ngọc into Quảng Bình, found by the police."""
    return services.hotspot_create(
        unit=world.quang_ngoc,
        communes=[world.quang_binh],
        by=bodies.police,
        name="Đường ven biển Quảng Ngọc – Quảng Bình",
        on=ago(30),
        agency=world.th_police,
        suspected=True,
    )


def patrol_url(hotspot):
    return reverse("inspections:hotspot_patrol", args=[hotspot.pk])


def test_a_suspected_point_is_confirmed_after_verification(world, bodies, beach, client_for):
    assert beach.status == HotspotStatus.SUSPECTED
    window = Window(ago(60), TODAY)
    active = Indicator.objects.get(code="hotspots_active")
    assert indicator_value(active, world.thanh_hoa, window).numerator == 0  # not yet a hotspot
    client = client_for(bodies.police)
    response = client.post(
        reverse("inspections:hotspot_status", args=[beach.pk]),
        {"status": "active", "on": ago(10).isoformat(), "version": beach.version,
         "agency": world.th_police.pk, "note": "Xác minh có hoạt động"},
    )  # fmt: skip
    assert response.status_code == 302
    beach.refresh_from_db()
    assert beach.status == HotspotStatus.ACTIVE
    assert indicator_value(active, world.thanh_hoa, window).numerator == 1
    assert [c.status for c in beach.changes.order_by("on")] == ["suspected", "active"]


def test_a_suspected_point_may_be_dismissed_but_not_eliminated(world, bodies, beach):
    with pytest.raises(ValidationError):
        services.hotspot_status_change(
            hotspot=beach, by=bodies.police, status="eliminated", on=ago(5)
        )
    services.hotspot_status_change(hotspot=beach, by=bodies.police, status="dismissed", on=ago(5))
    assert Hotspot.objects.get(pk=beach.pk).status == HotspotStatus.DISMISSED


def test_a_hotspot_spanning_communes_is_seen_from_each(world, bodies, beach, client_for):
    from lanhmanh.accounts.models import Membership, User
    from lanhmanh.accounts.roles import Role

    def officer(username, unit):
        user = User.objects.create_user(username=username, password="x")
        Membership.objects.create(
            user=user, unit=unit, agency=world.th_police, role=Role.ENFORCEMENT_OFFICER
        )
        return user

    binh, hac = officer("qb_police", world.quang_binh), officer("ht_police", world.hac_thanh)
    assert list(Hotspot.objects.visible_to(binh)) == [beach]
    assert list(Hotspot.objects.visible_to(hac)) == []
    assert client_for(binh).get(beach.get_absolute_url()).status_code == 200
    page = client_for(binh).get(reverse("inspections:hotspot_list")).content.decode()
    assert "Đường ven biển" in page
    assert client_for(hac).get(beach.get_absolute_url()).status_code == 404
    detail = client_for(bodies.police).get(beach.get_absolute_url()).content.decode()
    assert "Quảng Bình" in detail and "Quảng Ngọc" in detail


def test_patrol_visits_count_in_the_history(world, bodies, beach, client_for):
    client = client_for(bodies.police)
    response = client.post(
        patrol_url(beach),
        {"on": ago(20).isoformat(), "agency": world.th_police.pk,
         "observed": "Ba người đứng mời khách lúc 22 giờ", "activity_seen": "on"},
    )  # fmt: skip
    assert response.status_code == 302
    services.hotspot_patrol_log(
        hotspot=beach, by=bodies.police, on=ago(2), agency=world.th_police, observed="Vắng"
    )
    services.hotspot_status_change(hotspot=beach, by=bodies.police, status="active", on=ago(15))
    page = client.get(beach.get_absolute_url()).content.decode()
    history = page[page.index('id="hotspot-history"') :]
    order = [history.index(text) for text in ("Vắng", "Đang hoạt động", "Ba người", "Điểm nghi")]
    assert order == sorted(order)  # newest first, patrols among the status changes
    patrols = Indicator.objects.get(code="hotspot_patrols")
    assert indicator_value(patrols, world.thanh_hoa, Window(ago(60), TODAY)).numerator == 2
    assert indicator_value(patrols, world.bac_ninh, Window(ago(60), TODAY)).numerator == 0


def test_a_patrol_before_the_hotspot_was_recorded_or_in_the_future_is_refused(world, bodies, beach):
    for day in (ago(31), ago(-1)):
        with pytest.raises(ValidationError):
            services.hotspot_patrol_log(
                hotspot=beach, by=bodies.police, on=day, agency=world.th_police, observed="x"
            )
    assert not beach.patrols.exists()


@pytest.mark.parametrize("who", ["bn_coordinator", "nobody", "th_tips", "ln_officer_th_tips"])
def test_the_patrol_page_is_404_outside_the_scope(world, beach, client_for, who):
    client = client_for(getattr(world, who))
    assert client.get(patrol_url(beach)).status_code == 404
    assert client.post(patrol_url(beach), {}).status_code == 404


def test_another_provinces_police_gets_404(bodies, beach, client_for):
    assert client_for(bodies.outsider).get(patrol_url(beach)).status_code == 404
    assert client_for(bodies.outsider).get(beach.get_absolute_url()).status_code == 404


def test_the_read_only_leader_cannot_log_a_patrol(world, beach, client_for):
    client = client_for(world.th_leader)
    assert client.get(patrol_url(beach)).status_code == 403
    assert client.post(patrol_url(beach), {}).status_code == 403
    assert client.get(beach.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("who", ["th_inspector", "th_coordinator"])
def test_team_178_logs_patrols_too(world, beach, client_for, who):
    assert client_for(getattr(world, who)).get(patrol_url(beach)).status_code == 200
