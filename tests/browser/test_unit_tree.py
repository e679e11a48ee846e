"""The unit tree in a real browser: log in, browse before the reform, follow a ward to
what it became; an outsider sees nothing of it; a phone can read it."""

import re

import pytest
from playwright.sync_api import expect

from tests.world import PASSWORD

pytestmark = pytest.mark.browser


def log_in(page, username):
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login/\?next=/$"))
    expect(page.get_by_role("heading", name="Đăng nhập")).to_be_visible()
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=f"Xin chào, {username}")).to_be_visible()


def expand(page, unit_name):
    """Open a branch of the tree with its htmx button and wait for the children."""
    button = page.get_by_role("button", name=f"Mở các đơn vị trực thuộc {unit_name}")
    branch = button.locator("xpath=..").locator(".lm-children")
    button.click()
    expect(branch.locator("li").first).to_be_visible()
    return branch


def test_a_ward_before_the_reform_leads_to_the_ward_it_became(live_world, page, screenshot):
    log_in(page, "th_admin")
    screenshot(page, "tree-1-home")

    page.locator("#lm-nav").get_by_role("button", name="Danh mục").click()
    page.locator("#lm-nav").get_by_role("link", name="Đơn vị hành chính").click()
    expect(page.get_by_role("heading", name="Đơn vị hành chính")).to_be_visible()
    page.get_by_role("link", name="Trước 01/07/2025").click()
    expect(page).to_have_url(re.compile(r"\?era=2004$"))

    province = expand(page, "Tỉnh Thanh Hóa")
    city = province.get_by_role("link", name=re.compile(r"^Thành phố .*Thanh Hóa$"))
    expect(city).to_be_visible()
    expect(province.get_by_role("link", name="Huyện Quảng Xương")).to_be_visible()
    wards = expand(page, city.inner_text())
    expect(wards.get_by_role("link", name="Phường Lam Sơn")).to_be_visible()
    screenshot(page, "tree-2-before-reform-expanded")

    wards.get_by_role("link", name="Phường Điện Biên").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Phường Điện Biên")
    expect(page.get_by_text("Hết hiệu lực từ sau 30/06/2025")).to_be_visible()
    screenshot(page, "tree-3-dien-bien")

    page.locator("#successors").get_by_role("link", name="Phường Hạc Thành").click()
    expect(page).to_have_url(re.compile(rf"/units/{live_world.hac_thanh.pk}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Phường Hạc Thành")
    expect(page.locator("#predecessors").get_by_role("link")).to_have_count(2)
    screenshot(page, "tree-4-hac-thanh")


def test_an_outsider_sees_no_thanh_hoa_and_gets_404(live_world, page, screenshot):
    log_in(page, "bn_coordinator")
    for era in ("2025", "2004"):
        page.goto(f"/units/?era={era}")
        tree = page.locator("#unit-tree")
        expect(tree).to_contain_text("Bắc")
        expect(tree).not_to_contain_text("Thanh Hóa")
    screenshot(page, "outsider-1-tree")

    response = page.goto(live_world.hac_thanh.get_absolute_url())
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text("Hạc Thành")
    screenshot(page, "outsider-2-404")

    response = page.goto(f"/units/{live_world.old_thanh_hoa.pk}/children/")
    assert response.status == 404


def test_on_a_phone_the_menu_collapses_and_the_unit_page_fits(live_world, phone, screenshot):
    log_in(phone, "th_admin")
    menu_link = phone.locator("#lm-nav").get_by_role("link", name="Đơn vị hành chính")
    toggler = phone.get_by_role("button", name="Mở menu")
    expect(toggler).to_be_visible()
    expect(menu_link).to_be_hidden()
    screenshot(phone, "phone-1-home")

    toggler.click()
    phone.get_by_role("button", name="Danh mục").click()
    expect(menu_link).to_be_visible()
    # Wait for Bootstrap's collapse animation to end before the picture.
    expect(phone.locator("#lm-nav")).to_have_class(re.compile(r"\bshow\b"))
    screenshot(phone, "phone-2-menu-open")

    phone.goto(live_world.old_dien_bien.get_absolute_url())
    expect(phone.get_by_role("heading", level=1)).to_have_text("Phường Điện Biên")
    phone.goto(live_world.hac_thanh.get_absolute_url())
    expect(phone.get_by_role("heading", level=1)).to_have_text("Phường Hạc Thành")
    screenshot(phone, "phone-3-hac-thanh")
    for url in (
        live_world.hac_thanh.get_absolute_url(),
        live_world.old_dien_bien.get_absolute_url(),
        live_world.thanh_hoa.get_absolute_url(),
        "/units/?era=2004",
    ):
        phone.goto(url)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{url} scrolls sideways: {width}px"
