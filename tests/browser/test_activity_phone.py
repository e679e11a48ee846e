"""On a phone after a meeting in a residential group: a commune officer records the
activity with a photo in a minute. It counts at once in the commune's figures, and not in
a province-level target such as 'the province's radio and press twice a month'."""

import datetime
import io

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from lanhmanh.activities.models import Activity
from lanhmanh.indicators.registry import Window, computation
from tests.browser.test_unit_tree import log_in

pytestmark = pytest.mark.browser


def held(unit, **params) -> int:
    today = timezone.localdate()
    window = Window(datetime.date(today.year, 1, 1), today)
    value = computation("activities_awareness_held")(paths=[unit.path], window=window, **params)
    return int(value.numerator)


def photo_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 80), (30, 120, 200)).save(out, format="JPEG")
    return out.getvalue()


def test_a_commune_officer_records_an_activity_with_a_photo_on_a_phone(
    live_world, phone, screenshot
):
    w = live_world
    log_in(phone, "hac_thanh_officer")
    phone.goto("/activities/")
    phone.get_by_role("link", name="Ghi nhận hoạt động").first.click()
    expect(phone.get_by_role("heading", name="Ghi nhận hoạt động")).to_be_visible()
    phone.get_by_label("Loại hoạt động").select_option(label="Truyền thông trực tiếp tại cộng đồng")
    phone.get_by_label("Tên hoạt động").fill("Tuyên truyền tại tổ dân phố 4")
    phone.get_by_label("Địa bàn").select_option(label=w.hac_thanh.full_name)
    phone.get_by_label("Thôn, tổ dân phố, địa điểm").fill("Nhà văn hóa tổ 4")
    phone.get_by_label("Hình thức").select_option(label="Trực tiếp")
    phone.get_by_label("Tổng số người tham gia").fill("45")
    phone.get_by_label("Ảnh hoạt động").set_input_files(
        {"name": "anh.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}
    )
    screenshot(phone, "activity-form-phone")
    phone.get_by_role("button", name="Lưu").click()

    expect(phone.get_by_role("heading", name="Tuyên truyền tại tổ dân phố 4")).to_be_visible()
    expect(phone.get_by_role("img")).to_have_count(1)
    screenshot(phone, "activity-detail-phone")
    activity = Activity.objects.get(title="Tuyên truyền tại tổ dân phố 4")
    assert activity.unit == w.hac_thanh and activity.attachments.count() == 1
    assert held(w.hac_thanh) == 1
    assert held(w.thanh_hoa) == 1
    # The seed's 'radio and press of the province, twice a month' counts the province's
    # own activities only.
    assert held(w.thanh_hoa, level="province") == 0
