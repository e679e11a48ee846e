"""The home page in a real browser, on a desktop (1366 px) and a phone (390 px): the
commune whose report was returned sees it on its home and in the bell; the province's
coordinator sees the reports waiting for its approval; axe-core finds no accessibility
violation on either home page. Screenshots go to test-artifacts/."""

import pytest
from playwright.sync_api import expect

from lanhmanh.reporting.models import Status
from lanhmanh.reporting.selectors import period_due
from lanhmanh.reporting.services import submission_return
from tests.browser.conftest import assert_accessible
from tests.browser.test_unit_tree import log_in
from tests.reporting.helpers import make_form, report

pytestmark = pytest.mark.browser

SIZES = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def reports(live_world):
    w = live_world
    form = make_form()
    period = period_due(form)
    returned = report(
        w.hac_thanh_officer,
        form,
        w.hac_thanh,
        period,
        {"awareness_activities": "3"},
        status=Status.SUBMITTED,
    )
    submission_return(submission=returned, user=w.th_coordinator, comment="Thiếu số liệu tháng")
    report(
        w.hac_thanh_officer,
        form,
        w.hac_thanh,
        period.previous(),
        {"awareness_activities": "2"},
        status=Status.SUBMITTED,
    )
    return w


def page_for(browser, live_server, size):
    options = {"viewport": SIZES[size]}
    if size == "phone":
        options.update(device_scale_factor=2, is_mobile=True, has_touch=True)
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", **options)
    context.set_default_timeout(10_000)
    return context, context.new_page()


def no_violations(page):
    assert_accessible(page)


@pytest.mark.parametrize("size", SIZES)
def test_a_commune_sees_its_returned_report_on_its_home_and_in_the_bell(
    reports, browser, live_server, screenshot, size
):
    context, page = page_for(browser, live_server, size)
    log_in(page, "hac_thanh_officer")
    todo = page.get_by_role("link", name="Báo cáo bị trả lại, cần sửa 1")
    expect(todo).to_be_visible()
    bell = page.get_by_role("button", name="Thông báo: 1 chưa đọc")
    expect(bell).to_be_visible()
    no_violations(page)
    screenshot(page, f"home-commune-{size}")
    bell.click()
    item = page.get_by_role("link", name="Báo cáo bị trả lại: Biểu test-xa-thang")
    expect(item).to_be_visible()
    screenshot(page, f"home-commune-bell-{size}")
    item.click()
    expect(page.get_by_text("Thiếu số liệu tháng").first).to_be_visible()
    page.goto("/")
    expect(page.get_by_role("button", name="Thông báo: 0 chưa đọc")).to_be_visible()
    page.get_by_role("link", name="Báo cáo bị trả lại, cần sửa 1").click()
    expect(page.get_by_role("link", name="Biểu test-xa-thang — Phường Hạc Thành")).to_have_count(1)
    context.close()


@pytest.mark.parametrize("size", SIZES)
def test_the_province_coordinator_sees_the_waiting_approvals_on_its_home(
    reports, browser, live_server, screenshot, size
):
    context, page = page_for(browser, live_server, size)
    log_in(page, "th_coordinator")
    todo = page.get_by_role("link", name="Báo cáo chờ duyệt 1")
    expect(todo).to_be_visible()
    no_violations(page)
    screenshot(page, f"home-coordinator-{size}")
    todo.click()
    expect(page.get_by_role("heading", name="Báo cáo chờ duyệt")).to_be_visible()
    expect(page.get_by_role("link", name="Biểu test-xa-thang — Phường Hạc Thành")).to_have_count(1)
    screenshot(page, f"home-coordinator-waiting-{size}")
    context.close()
