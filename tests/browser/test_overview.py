"""A leader's home shows this year's targets with progress bars, a chart and the map, on a
desktop and on a phone; axe-core finds no violation on the overview and the dashboard."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lanhmanh.indicators.models import Indicator
from lanhmanh.inspections.services import hotspot_create
from lanhmanh.plans.models import Plan, Target
from lanhmanh.reporting.periods import month
from tests.browser.conftest import assert_accessible
from tests.browser.test_unit_tree import log_in
from tests.reporting.helpers import make_form, report

pytestmark = pytest.mark.browser


@pytest.fixture
def leader_data(live_world):
    w = live_world
    today = timezone.localdate()
    form = make_form()
    last = month(today.year, today.month - 1) if today.month > 1 else month(today.year - 1, 12)
    for n, period in enumerate([month(today.year, 1), last], start=3):
        report(
            w.national,
            form,
            w.hac_thanh,
            period,
            {"awareness_activities": n},
            reviewer=w.th_coordinator,
        )
    report(
        w.national,
        form,
        w.old_dien_bien,
        month(today.year - 1, 3),
        {"awareness_activities": 4},
        reviewer=w.th_coordinator,
    )
    plan = Plan.objects.create(
        unit=w.thanh_hoa, year_from=today.year, year_to=today.year, title="Kế hoạch", number="9/KH"
    )
    Target.objects.create(
        plan=plan,
        statement="Tổ chức ít nhất 10 buổi tuyên truyền",
        comparator=">=",
        value=10,
        measure="count",
        indicator=Indicator.objects.get(code="awareness_activities", current=True),
    )
    hotspot_create(
        unit=w.hac_thanh,
        by=w.th_inspector,
        name="Bờ sông Mã",
        on=datetime.date(2025, 9, 1),
        latitude="19.807",
        longitude="105.776",
    )
    return w


def check_home(page, name, screenshot):
    log_in(page, "th_leader")
    expect(page.locator("#lm-ov-target-list .progress").first).to_be_visible()
    expect(page.locator("svg.lm-chart").first).to_be_visible()
    expect(page.locator("#lm-map.leaflet-container")).to_be_visible()
    expect(page.locator("#lm-map .leaflet-interactive")).to_have_count(1)  # the hotspot
    expect(page.locator("#lm-coverage")).to_contain_text("chưa báo cáo")
    screenshot(page, name)


def test_a_leaders_home_on_a_desktop(browser, live_server, leader_data, screenshot):
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 1366, "height": 900}
    )
    page = context.new_page()
    check_home(page, "overview-home-1366", screenshot)
    context.close()


def test_a_leaders_home_on_a_phone(phone, leader_data, screenshot):
    check_home(phone, "overview-home-390", screenshot)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390


def test_axe_finds_nothing_on_the_overview_and_the_dashboard(page, leader_data, live_server):
    log_in(page, "th_leader")
    page.goto("/overview/")
    expect(page.locator("#lm-map.leaflet-container")).to_be_visible()
    assert_accessible(page)
    page.goto(f"/reporting/dashboard/?unit={leader_data.thanh_hoa.pk}")
    assert_accessible(page)
