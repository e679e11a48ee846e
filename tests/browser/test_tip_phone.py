"""A resident reports from a phone without an account, with a photo, and keeps the
receipt; the handler assigns the tip, asks a question; the resident answers through the
receipt page; the handler opens an unannounced inspection from the tip and closes it; the
indicators move."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lanhmanh.accounts.models import Membership
from lanhmanh.accounts.roles import Role
from lanhmanh.indicators.registry import Window, computation
from lanhmanh.inspections import services as inspection_services
from lanhmanh.inspections.models import BusinessType
from lanhmanh.organizations.models import TeamMember
from lanhmanh.tips.models import Tip
from tests.browser.test_unit_tree import log_in
from tests.tips.conftest import photo

pytestmark = pytest.mark.browser


@pytest.fixture
def karaoke(live_world):
    w = live_world
    TeamMember.objects.create(
        team=w.th_team, agency=w.th_police, full_name="Phạm Văn Cường", card_number="C3"
    )
    # The tip handler of Thanh Hóa is a police officer of team 178 too.
    Membership.objects.create(
        user=w.th_tips, unit=w.thanh_hoa, agency=w.th_police, role=Role.INSPECTOR
    )
    return inspection_services.establishment_create(
        unit=w.hac_thanh,
        by=w.th_inspector,
        business_type=BusinessType.objects.get(code="karaoke"),
        name="Karaoke Sao Đêm",
        address="12 Lê Lợi",
        status_since=datetime.date(2025, 8, 1),
    )


def figure(world, code):
    today = timezone.localdate()
    window = Window(datetime.date(today.year, 1, 1), today)
    return computation(code)(paths=[world.thanh_hoa.path], window=window)


def no_sideways_scroll(phone):
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways: {width}px"


def open_receipt(phone, code):
    phone.goto("/tips/tra-cuu/")
    phone.get_by_label("Mã tra cứu (16 chữ số)").fill(code)
    phone.get_by_role("button", name="Xem tin").click()
    expect(phone.get_by_role("heading", name="Tin báo của bạn")).to_be_visible()


def test_a_tip_from_a_phone_to_an_inspection_and_back(live_world, karaoke, phone, page, screenshot):
    w = live_world
    inspected_before = figure(w, "tips_led_to_inspection").numerator

    # The resident, anonymous, on a phone.
    phone.goto("/tips/bao-tin/")
    expect(phone.get_by_role("heading", name=re.compile("Báo tin về mại dâm"))).to_be_visible()
    expect(phone.locator("#tip-privacy")).to_contain_text("không lưu địa chỉ IP")
    no_sideways_scroll(phone)
    phone.get_by_label(re.compile("Bạn thấy gì")).fill(
        "Quán karaoke Sao Đêm có nhân viên nữ ngồi tiếp khách trong phòng kín, sau 22 giờ."
    )
    phone.get_by_label(re.compile("^Cơ sở kinh doanh dịch vụ")).check()
    phone.get_by_label("Tìm xã, phường").fill("hac thanh")
    expect(phone.locator("#id_commune")).to_have_value(str(w.hac_thanh.pk))
    phone.get_by_label(re.compile("Địa chỉ, tên địa điểm")).fill("12 Lê Lợi")
    upload = photo()
    phone.locator("#id_attachments").set_input_files(
        files=[{"name": "anh.jpg", "mimeType": "image/jpeg", "buffer": upload.read()}]
    )
    screenshot(phone, "tip-1-form")
    phone.get_by_role("button", name="Gửi tin báo").click()
    expect(phone.get_by_role("heading", name=re.compile("Đã nhận tin báo"))).to_be_visible()
    code = phone.locator("#receipt-code").inner_text().strip()
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", code)
    no_sideways_scroll(phone)
    screenshot(phone, "tip-2-receipt")
    phone.get_by_label("Tôi đã lưu mã số này").check()
    phone.get_by_role("button", name="Tiếp tục, xem tin đã gửi").click()
    expect(phone.locator("#tip-status")).to_have_text("Đã tiếp nhận")
    tip = Tip.objects.get()
    assert tip.attachments.count() == 1

    # The handler assigns it to the province's police, to themselves, and asks.
    log_in(page, "th_tips")
    page.goto("/tips/")
    page.get_by_role("link", name=tip.reference).click()
    triage = page.locator("#triage-form")
    triage.get_by_label("Đơn vị xử lý").select_option(str(w.thanh_hoa.pk))
    triage.get_by_label("Cơ quan xử lý").select_option(str(w.th_police.pk))
    triage.get_by_label("th_tips", exact=True).check()
    triage.get_by_role("button", name="Lưu phân công").click()
    expect(page.locator("#tip-status")).to_have_text("Đã phân công")
    page.locator("#ask-form").get_by_label("Câu hỏi cho người báo tin").fill(
        "Bạn thấy việc này vào những ngày nào trong tuần?"
    )
    page.get_by_role("button", name="Gửi câu hỏi").click()
    expect(page.locator("#tip-status")).to_have_text("Đang xác minh")

    # The resident comes back with the code and answers.
    open_receipt(phone, code)
    expect(phone.locator("#tip-thread")).to_contain_text("vào những ngày nào")
    phone.get_by_label("Trả lời hoặc bổ sung thông tin").fill("Tối thứ Sáu và thứ Bảy.")
    phone.get_by_role("button", name="Gửi", exact=True).click()
    expect(phone.locator("#message-sent")).to_be_visible()
    no_sideways_scroll(phone)
    screenshot(phone, "tip-3-answered")

    # The handler reads the answer, links the karaoke and opens an unannounced inspection.
    page.reload()
    expect(page.locator("#tip-thread")).to_contain_text("Tối thứ Sáu và thứ Bảy.")
    page.locator("#link-form").get_by_label("Cơ sở liên quan").select_option(str(karaoke.pk))
    page.get_by_role("button", name="Lưu liên kết").click()
    page.get_by_role("link", name="Mở kiểm tra đột xuất").click()
    expect(page.get_by_role("heading", name="Ghi biên bản kiểm tra")).to_be_visible()
    expect(page.get_by_label("Chi tiết lý do")).to_have_value(f"Tin báo {tip.reference}")
    for name in ("Lê Văn An", "Trần Thị Bình", "Phạm Văn Cường"):
        page.get_by_label(re.compile(name)).check()
    page.get_by_label("Kết quả kiểm tra").fill("Phát hiện nhân viên ngồi cùng khách.")
    page.get_by_role("button", name="Lưu biên bản").click()
    expect(page.get_by_role("heading", name=re.compile("Biên bản kiểm tra"))).to_be_visible()

    # Back to the tip: the inspection is linked; the handler closes the tip.
    page.goto(tip.get_absolute_url())
    expect(page.locator("#tip-inspection")).to_be_visible()
    status = page.locator("#status-form")
    status.get_by_label("Trạng thái").select_option("handled")
    status.get_by_label("Kết quả xử lý").fill("Đã kiểm tra đột xuất, lập biên bản.")
    page.get_by_role("button", name="Lưu trạng thái").click()
    expect(page.locator("#tip-status")).to_have_text("Đã xử lý")

    open_receipt(phone, code)
    expect(phone.locator("#tip-status")).to_have_text("Đã xử lý")
    screenshot(phone, "tip-4-closed")
    assert figure(w, "tips_led_to_inspection").numerator == inspected_before + 1
    share = figure(w, "tips_on_time_share")
    assert (share.numerator, share.denominator) == (1, 1)
