"""On a phone at the door: an inspector records an inspection with a violation and a
fine; the establishment's page and the 'establishments inspected' indicator change. What
is typed survives a reload (a lost connection) and is forgotten once saved."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lanhmanh.indicators.registry import Window, computation
from lanhmanh.inspections import services
from lanhmanh.inspections.models import BusinessType, ViolationType
from lanhmanh.organizations.models import TeamMember
from tests.browser.test_unit_tree import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def karaoke(live_world):
    w = live_world
    TeamMember.objects.create(
        team=w.th_team, agency=w.th_police, full_name="Phạm Văn Cường", card_number="C3"
    )
    return services.establishment_create(
        unit=w.hac_thanh,
        by=w.th_inspector,
        business_type=BusinessType.objects.get(code="karaoke"),
        name="Karaoke Sao Đêm",
        address="12 Lê Lợi",
        status_since=datetime.date(2025, 8, 1),
    )


def inspected(world) -> int:
    today = timezone.localdate()
    window = Window(datetime.date(today.year, 1, 1), today)
    value = computation("establishments_inspected")(paths=[world.thanh_hoa.path], window=window)
    return int(value.numerator)


def open_form(phone, karaoke):
    phone.goto(karaoke.get_absolute_url())
    phone.get_by_role("link", name="Ghi biên bản kiểm tra").click()
    expect(phone.get_by_role("heading", name="Ghi biên bản kiểm tra")).to_be_visible()


def test_an_inspector_records_an_inspection_with_a_fine_on_a_phone(
    live_world, karaoke, phone, screenshot
):
    before = inspected(live_world)
    log_in(phone, "th_inspector")
    open_form(phone, karaoke)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the form scrolls sideways: {width}px"

    for name in ("Lê Văn An", "Trần Thị Bình", "Phạm Văn Cường"):
        phone.get_by_label(re.compile(name)).check()
    phone.get_by_label("Kết quả kiểm tra").fill("Phát hiện nhân viên ngồi cùng khách.")
    phone.get_by_label("Số biên bản").fill("07/BB-178")
    conceal = ViolationType.objects.get(
        decree="282/2025/NĐ-CP", description="Che giấu, bảo kê hoạt động mại dâm"
    )
    phone.locator("#id_v-0-violation_type").select_option(str(conceal.pk))
    phone.locator("#id_v-0-sanction").select_option("fine")
    phone.locator("#id_v-0-fine_vnd").fill("3000000")
    screenshot(phone, "inspection-1-form")
    phone.get_by_role("button", name="Lưu biên bản").click()
    # Below the legal range: the error is shown and nothing typed is lost.
    expect(phone.get_by_text("Số tiền phạt phải trong khung từ 5.000.000")).to_be_visible()
    expect(phone.get_by_label("Số biên bản")).to_have_value("07/BB-178")
    screenshot(phone, "inspection-2-fine-out-of-range")

    phone.locator("#id_v-0-fine_vnd").fill("7500000")
    phone.get_by_role("button", name="Lưu biên bản").click()
    expect(phone.get_by_role("heading", name="Biên bản kiểm tra 07/BB-178")).to_be_visible()
    expect(phone.locator("#violations")).to_contain_text("7.500.000 đồng")
    screenshot(phone, "inspection-3-record")

    phone.goto(karaoke.get_absolute_url())
    expect(phone.locator("body")).to_contain_text("Che giấu, bảo kê hoạt động mại dâm")
    expect(phone.locator("body")).to_contain_text("7.500.000")
    screenshot(phone, "inspection-4-establishment")
    assert inspected(live_world) == before + 1


def test_what_is_typed_survives_a_reload_until_it_is_saved(live_world, karaoke, phone):
    log_in(phone, "th_inspector")
    open_form(phone, karaoke)
    phone.get_by_label("Kết quả kiểm tra").fill("Đang kiểm tra tầng 2")
    phone.get_by_label(re.compile("Phạm Văn Cường")).check()
    phone.locator("#id_v-0-fine_vnd").fill("6000000")

    phone.reload()
    expect(phone.get_by_label("Kết quả kiểm tra")).to_have_value("Đang kiểm tra tầng 2")
    expect(phone.get_by_label(re.compile("Phạm Văn Cường"))).to_be_checked()
    expect(phone.locator("#id_v-0-fine_vnd")).to_have_value("6000000")
    expect(phone.get_by_text("Đã khôi phục nội dung đang nhập dở")).to_be_visible()

    for name in ("Lê Văn An", "Trần Thị Bình"):
        phone.get_by_label(re.compile(name)).check()
    phone.locator("#id_v-0-fine_vnd").fill("")
    phone.get_by_role("button", name="Lưu biên bản").click()
    expect(phone.get_by_role("heading", name=re.compile("Biên bản kiểm tra"))).to_be_visible()

    open_form(phone, karaoke)
    expect(phone.get_by_label("Kết quả kiểm tra")).to_have_value("")
    expect(phone.get_by_label(re.compile("Phạm Văn Cường"))).not_to_be_checked()
