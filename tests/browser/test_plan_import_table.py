"""A plan whose targets are in a Word table, imported in a real browser: a coordinator of
Thanh Hóa uploads a ward's .docx, finds every row of the table read as a target with its
lead agency, saves it; uploading the same file again is recognised as a duplicate, with
the existing plan to open or its draft to replace. Screenshots go to test-artifacts/."""

import re

import docx
import pytest
from playwright.sync_api import expect

from lanhmanh.plans.models import Plan
from tests.browser.test_plan_import import screen
from tests.browser.test_unit_tree import log_in
from tests.plans.corpus.build_docx import _grid, _header, _para, _signature

pytestmark = pytest.mark.browser

ROWS = [
    ["1", "Tỷ lệ tổ dân phố tổ chức tuyên truyền về phòng, chống mại dâm", "%", "100",
     "Công an phường Hạc Thành"],
    ["2", "Cơ sở kinh doanh dịch vụ lưu trú được kiểm tra", "cơ sở", "ít nhất 25",
     "Công an phường Hạc Thành"],
    ["3", "Giao ban Tổ công tác liên ngành", "lần/quý", "1", ""],
]  # fmt: skip


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def ward_plan(tmp_path):
    document = docx.Document()
    _header(
        document,
        ["ỦY BAN NHÂN DÂN", "PHƯỜNG HẠC THÀNH", "Số: 12/KH-UBND"],
        ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
         "Hạc Thành, ngày 10 tháng 01 năm 2026"],
    )  # fmt: skip
    _para(document, "KẾ HOẠCH", bold=True, center=True)
    _para(document, "Phòng, chống mại dâm trên địa bàn phường Hạc Thành, tỉnh Thanh Hóa năm 2026")
    _para(document, "I. CHỈ TIÊU", bold=True)
    _grid(document, ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2026", "Đơn vị chủ trì"], ROWS, 4)
    _para(document, "II. TỔ CHỨC THỰC HIỆN", bold=True)
    _para(document, "1. Công an phường Hạc Thành: chủ trì kiểm tra, xử lý vi phạm.")
    _signature(
        document,
        ["Nơi nhận:", "- UBND tỉnh Thanh Hóa;", "- Lưu: VT."],
        ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Lê Văn An"],
    )
    path = tmp_path / "ke-hoach-hac-thanh-2026.docx"
    document.save(path)
    return path


def upload(page, path):
    page.emulate_media(reduced_motion="reduce")
    page.goto("/plans/import/")
    page.get_by_label("Văn bản kế hoạch").set_input_files(path)
    page.get_by_role("button", name="Đọc văn bản").click()
    expect(page.get_by_role("heading", name="Kiểm tra kết quả đọc")).to_be_visible()


def test_a_table_of_targets_is_imported_and_a_second_upload_is_a_duplicate(
    live_world, page, phone, ward_plan
):
    log_in(page, "th_coordinator")
    upload(page, ward_plan)
    expect(page.get_by_label("Đơn vị ban hành")).to_have_value(str(live_world.hac_thanh.pk))
    cards = page.locator(".lm-target")
    expect(cards).to_have_count(len(ROWS) + 1)  # the rows, and the empty row to add one
    expect(page.locator("#lm-source mark")).to_have_count(len(ROWS))
    first = cards.nth(0)
    expect(first.get_by_label("Giá trị")).to_have_value("100")
    expect(first.locator("select[name$='-unit']")).to_have_value("percent")
    expect(first.locator("input[name$='-agency']")).to_have_value("Công an phường Hạc Thành")
    expect(cards.nth(1).get_by_label("Giá trị")).to_have_value("25")
    expect(cards.nth(2).locator("select[name$='-unit']")).to_have_value("times_per_quarter")
    expect(page.locator("#lm-duplicates")).to_have_count(0)
    page.set_viewport_size({"width": 1366, "height": 900})
    screen(page, "plan-import-table-1-review")

    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect(page.get_by_text("Đã lưu kế hoạch dự thảo.")).to_be_visible()
    plan = Plan.objects.get()
    expect(page).to_have_url(re.compile(rf"/plans/{plan.pk}/$"))
    assert plan.unit == live_world.hac_thanh and plan.number == "12/KH-UBND"
    assert plan.targets.count() == len(ROWS)
    expect(page.locator("body")).to_contain_text("Giao ban Tổ công tác liên ngành")

    # The same file again: the review says so and links the plan saved a moment ago.
    upload(page, ward_plan)
    notice = page.locator("#lm-duplicates")
    expect(notice).to_be_visible()
    expect(notice.get_by_role("link")).to_have_attribute("href", plan.get_absolute_url())
    expect(page.locator("#lm-replace")).to_contain_text("Thay thế bản dự thảo")
    screen(page, "plan-import-table-2-duplicate")

    log_in(phone, "th_coordinator")
    upload(phone, ward_plan)
    expect(phone.locator("#lm-duplicates")).to_be_visible()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the review scrolls sideways: {width}px"
    screen(phone, "plan-import-table-3-duplicate-phone")

    # Replacing the draft leaves one plan, the new one.
    page.locator("#lm-replace").get_by_label(re.compile("Thay thế bản dự thảo")).check()
    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect(page.get_by_text("Đã lưu kế hoạch dự thảo.")).to_be_visible()
    (saved,) = Plan.objects.all()
    assert saved.pk != plan.pk and saved.targets.count() == len(ROWS)
