"""Tables on a phone and the menu on a laptop: at 390 px the plan's targets (with their
progress), the report entry cells and the lists of establishments and of reports fit the
screen, neither the page nor a table scrolling sideways; at 1366 px the menu is one line
even for a user who sees every module."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lanhmanh.accounts.models import User
from lanhmanh.inspections import services as inspections
from lanhmanh.inspections.models import BusinessType
from tests.browser.test_reporting_flow import open_due_report, setting  # noqa: F401
from tests.browser.test_unit_tree import log_in
from tests.world import PASSWORD

pytestmark = pytest.mark.browser

# How far the page, and each table in its scrolling wrapper, reaches past the screen.
OVERFLOW = """() => {
  const page = document.scrollingElement.scrollWidth - window.innerWidth;
  const tables = [...document.querySelectorAll('.table-responsive, table')]
    .map(e => e.scrollWidth - e.clientWidth);
  return Math.max(page, 0, ...tables);
}"""


@pytest.fixture
def registered(setting):  # noqa: F811
    w = setting
    karaoke = BusinessType.objects.get(code="karaoke")
    for i in range(3):
        inspections.establishment_create(
            unit=w.hac_thanh,
            by=w.th_inspector,
            business_type=karaoke,
            name=f"Karaoke Hoàng Gia Thành Phố Thanh Hóa số {i}",
            address=f"{i} Đại lộ Lê Lợi, phường Hạc Thành",
            status_since=datetime.date(2025, 8, 1),
        )
    return w


def fits(page, name, screenshot):
    screenshot(page, f"phone-{name}")
    overflow = page.evaluate(OVERFLOW)
    assert overflow <= 0, f"{name}: {overflow}px beyond the screen"


def switch_to(page, username):
    """Sign in as someone else: once the page's own requests (the bell) are answered, so
    that no late answer brings the first user's session cookie back."""
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()
    log_in(page, username)


def test_the_tables_fit_a_phone(registered, phone, screenshot):
    w = registered
    log_in(phone, "hac_thanh_officer")
    open_due_report(phone, w.form.name)
    fits(phone, "report-entry", screenshot)
    phone.goto(reverse("reporting:my_reports"))
    fits(phone, "my-reports", screenshot)

    switch_to(phone, "th_coordinator")
    phone.goto(w.target.plan.get_absolute_url())
    expect(phone.get_by_text("Tổ chức ít nhất 4 buổi tuyên truyền")).to_be_visible()
    fits(phone, "plan-targets", screenshot)
    phone.goto(f"{reverse('reporting:review_list')}?form={w.form.pk}&period={w.period.key}")
    fits(phone, "review-list", screenshot)

    switch_to(phone, "th_inspector")
    phone.goto(reverse("inspections:establishment_list"))
    expect(phone.get_by_text("Karaoke Hoàng Gia Thành Phố Thanh Hóa số 0")).to_be_visible()
    fits(phone, "establishments", screenshot)


@pytest.mark.parametrize("width", [1366, 1280])
def test_the_menu_is_one_line_on_a_laptop(live_world, browser, live_server, screenshot, width):
    # A user with every module of the menu: a national superuser.
    User.objects.create_superuser(username="quan_tri", password=PASSWORD)
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": width, "height": 768}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, "quan_tri")
    screenshot(page, f"menu-{width}")
    # Nothing of the bar (the bell, the account menu) is pushed past the screen's edge.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    tops = page.evaluate(
        "() => [...document.querySelectorAll('#lm-nav > ul > li')]"
        ".map(li => Math.round(li.getBoundingClientRect().top))"
    )
    assert len(set(tops)) == 1, f"the menu wraps: rows at {sorted(set(tops))}"
    height = page.evaluate("document.querySelector('nav.navbar').getBoundingClientRect().height")
    assert height < 70, f"the menu bar is {height}px high"
    context.close()
