"""Importing a plan in a real browser: a coordinator of today's Thanh Hóa uploads the
province's 2018 plan, checks the highlighted targets, corrects one, drops a task, saves,
and finds the correction on the plan page. Screenshots go to test-artifacts/."""

import re

import pytest
from playwright.sync_api import expect

from lanhmanh.plans.models import Plan
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_unit_tree import log_in
from tests.plans.test_importer_gold import SEEDS

pytestmark = pytest.mark.browser

[THANH_HOA_2018] = SEEDS.glob("000_*.txt")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def screen(page, name):
    """What the user sees (the review keeps its document and its save bar in view, which a
    whole-page picture would scatter)."""
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def upload(page):
    # Bootstrap scrolls smoothly; a picture taken mid-scroll is half blank.
    page.emulate_media(reduced_motion="reduce")
    page.goto("/plans/import/")
    expect(page.get_by_role("heading", name="Nhập kế hoạch từ văn bản")).to_be_visible()
    page.get_by_label("Văn bản kế hoạch").set_input_files(THANH_HOA_2018)
    page.get_by_role("button", name="Đọc văn bản").click()
    expect(page.get_by_role("heading", name="Kiểm tra kết quả đọc")).to_be_visible()


def test_a_coordinator_imports_a_plan_and_corrects_a_target(live_world, page, screenshot):
    log_in(page, "th_coordinator")
    upload(page)

    # What was read: the unit as it was in 2018, the targets highlighted in the text.
    expect(page.get_by_label("Đơn vị ban hành")).to_have_value(str(live_world.old_thanh_hoa.pk))
    marks = page.locator("#lm-source mark")
    cards = page.locator(".lm-target")
    expect(marks.first).to_be_visible()
    assert marks.count() >= 9
    assert marks.count() == cards.count() - 1  # every target but the empty extra row
    expect(page.locator("#lm-source")).not_to_contain_text("**")

    # The officer corrects the number of healthy communes to keep.
    card = cards.filter(has=page.locator("textarea", has_text="Duy trì 590 xã"))
    value = card.get_by_label("Giá trị")
    expect(value).to_have_value("590")
    value.fill("592")
    # A range asks for two figures, any other comparison for one.
    expect(card.get_by_label("Từ", exact=True)).to_be_hidden()
    card.get_by_label("So sánh").select_option(label="trong khoảng")
    expect(card.get_by_label("Từ", exact=True)).to_be_visible()
    expect(value).to_be_hidden()
    card.get_by_label("So sánh").select_option(label="ít nhất")
    expect(value).to_have_value("592")
    ranged = cards.filter(has=page.locator("textarea", has_text="từ 55 đến 60"))
    expect(ranged.get_by_label("Từ", exact=True)).to_have_value("55")
    expect(ranged.get_by_label("Đến", exact=True)).to_have_value("60")
    expect(ranged.get_by_label("Giá trị")).to_be_hidden()
    expect(cards.filter(has_text="Số liệu kèm theo: số lượng 573")).to_have_count(1)
    card.evaluate("card => card.scrollIntoView({block: 'center'})")
    expect(page.locator("#lm-source mark.lm-current")).to_contain_text("Duy trì 590 xã")
    screen(page, "plan-import-1-review")

    # Tasks come grouped by lead agency; the steering committee's is dropped.
    police = page.locator("details.lm-task-group").filter(
        has=page.locator("summary").get_by_text("Công an tỉnh", exact=True)
    )
    police.locator("summary").click()
    expect(police.locator(".lm-task")).to_have_count(4)
    committee = page.locator("details.lm-task-group").filter(
        has=page.locator("summary", has_text="Ban chỉ đạo")
    )
    committee.locator("summary").click()
    committee.get_by_label("Bỏ").check()
    police.scroll_into_view_if_needed()
    screen(page, "plan-import-2-review-tasks")

    page.get_by_role("button", name="Lưu kế hoạch").click()
    expect(page.get_by_text("Đã lưu kế hoạch dự thảo.")).to_be_visible()
    plan = Plan.objects.get()
    expect(page).to_have_url(re.compile(rf"/plans/{plan.pk}/$"))
    row = page.locator("tr", has_text="Duy trì 590 xã")
    expect(row).to_contain_text("592")
    expect(page.locator("body")).to_contain_text("Công an tỉnh")
    row.scroll_into_view_if_needed()
    screen(page, "plan-import-3-plan-target")
    screenshot(page, "plan-import-4-plan")

    assert plan.unit == live_world.old_thanh_hoa
    assert plan.targets.get(statement__startswith="Duy trì 590 xã").value == 592
    assert not plan.tasks.filter(lead_name__startswith="Ban chỉ đạo").exists()
    assert plan.tasks.filter(lead_name="Công an tỉnh").count() == 4


def test_on_a_phone_the_review_fits_the_screen(live_world, phone, screenshot):
    log_in(phone, "th_coordinator")
    upload(phone)
    expect(phone.locator("#lm-source mark").first).to_be_attached()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the review scrolls sideways: {width}px"
    expect(phone.get_by_role("button", name="Lưu kế hoạch")).to_be_in_viewport()
    screen(phone, "plan-import-phone-1-review")
    phone.locator(".lm-target").first.get_by_label("Giá trị").focus()
    screen(phone, "plan-import-phone-2-target")
