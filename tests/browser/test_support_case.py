"""A support case in a real browser: the social worker of Thanh Hóa opens a case, records
the person's consent, a service and a referral; the coordinator of the same province sees
the counts with '<5' for the small ones and gets 404 on the case; the worker's read of the
case shows in its access log. Screenshots at 1366 px and 390 px go to the temp folder."""

import re
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from lanhmanh.support import services
from lanhmanh.support.models import ServiceType, SupportClient
from tests.browser.test_unit_tree import log_in

pytestmark = pytest.mark.browser
SHOTS = Path(tempfile.gettempdir()) / "lanhmanh-support"


@pytest.fixture
def setting(live_world):
    w = live_world
    types = {t.code: t for t in ServiceType.objects.all()}
    w.clinic = services.provider_save(
        by=w.th_social, unit=w.thanh_hoa, name="Phòng khám Hy Vọng",
        services=[types["health_check"], types["hiv_sti"]],
    )  # fmt: skip
    return w


def context_for(browser, live_server, username, width=1366, height=900):
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": width, "height": height}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    log_in(page, username)
    return context, page


def shoot(page, name):
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_a_case_from_opening_to_referral_and_what_the_province_sees(setting, browser, live_server):
    w = setting
    worker_context, page = context_for(browser, live_server, "th_social")
    page.locator("#lm-nav").get_by_role("link", name="Hỗ trợ").click()
    page.get_by_role("link", name="Mở ca").click()
    page.get_by_label("Xã, phường", exact=True).select_option(label=w.hac_thanh.full_name)
    page.get_by_label("Nhóm đối tượng", exact=True).select_option(label="Người bán dâm")
    page.get_by_label("Giới tính", exact=True).select_option(label="Nữ")
    page.get_by_label("Năm sinh", exact=True).fill("1996")
    page.get_by_label("Tên (không họ) của mẹ", exact=True).fill("Lan")
    page.get_by_label("Tên (không họ) của cha", exact=True).fill("Đức")
    page.get_by_label("Họ và tên", exact=True).fill("Tên Giả Số 01")
    shoot(page, "case-open-1366")
    page.get_by_role("button", name="Mở ca").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Ca CA-\d{4}-\d{5}"))).to_be_visible()
    case = SupportClient.objects.get()
    assert "Tên Giả Số 01" not in page.content()  # the name only on its own page

    page.get_by_role("link", name="Ghi nhận sự đồng ý").click()
    page.get_by_label("Đồng ý cho", exact=True).select_option(
        label="Chuyển gửi đến cơ sở cung cấp dịch vụ"
    )
    page.get_by_label("Cơ sở được chuyển gửi", exact=True).select_option(label="Phòng khám Hy Vọng")
    page.get_by_label("Hình thức", exact=True).select_option(
        label="Đồng ý bằng lời, có người làm chứng"
    )
    page.get_by_label("Người làm chứng", exact=True).fill("Cán bộ Mẫu")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("consents")).to_contain_text("Phòng khám Hy Vọng")

    page.get_by_role("link", name="Ghi dịch vụ").click()
    page.get_by_label("Dịch vụ", exact=True).select_option(label="Khám sức khỏe")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("services")).to_contain_text("Khám sức khỏe")

    page.get_by_role("link", name="Chuyển gửi", exact=True).click()
    page.get_by_label("Cơ sở nhận", exact=True).select_option(label="Phòng khám Hy Vọng")
    page.get_by_label("Dịch vụ", exact=True).select_option(
        label="Xét nghiệm HIV/STI, chuyển gửi điều trị"
    )
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("referrals")).to_contain_text("Đã chuyển gửi")
    shoot(page, "case-page-1366")

    # The coordinator of the province: counts only, '<5' for the one person, no case.
    coordinator_context, coordinator = context_for(browser, live_server, "th_coordinator")
    coordinator.locator("#lm-nav").get_by_role("link", name="Hỗ trợ").click()
    expect(coordinator.get_by_role("heading", name=re.compile("^Số liệu hỗ trợ"))).to_be_visible()
    opened = coordinator.get_by_test_id("counts").first
    expect(opened.get_by_role("row", name=re.compile("^Người bán dâm"))).to_contain_text("<5")
    assert "Tên Giả" not in coordinator.content() and case.reference not in coordinator.content()
    shoot(coordinator, "overview-coordinator-1366")
    response = coordinator.goto(f"/support/cases/{case.pk}/")
    assert response.status == 404
    coordinator_context.close()

    # The worker's reads are in the case's access log.
    page.get_by_role("link", name="Nhật ký truy cập").click()
    log = page.get_by_test_id("access-log")
    expect(log).to_contain_text("th_social")
    expect(log).to_contain_text("Xem ca")
    worker_context.close()

    # On a phone.
    phone_context, phone = context_for(browser, live_server, "th_social", 390, 844)
    phone.goto(f"/support/cases/{case.pk}/")
    expect(phone.get_by_test_id("referrals")).to_contain_text("Phòng khám Hy Vọng")
    shoot(phone, "case-page-390")
    phone.goto("/support/overview/")
    shoot(phone, "overview-390")
    phone_context.close()
