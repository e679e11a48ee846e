"""After a steering committee meeting, the province's coordinator records it, writes down
a decision for the health department with a due date and gives it as a task of the
province's plan; the department's officer finds it in 'my tasks'."""

import datetime

import pytest
from playwright.sync_api import expect

from lanhmanh.committees import services
from lanhmanh.committees.models import Decision
from lanhmanh.plans.models import Plan
from tests.browser.test_unit_tree import log_in

pytestmark = pytest.mark.browser


@pytest.fixture
def committee(live_world):
    w = live_world
    services.member_create(
        unit=w.thanh_hoa,
        by=w.th_coordinator,
        full_name="Nguyễn Văn Trưởng",
        position="Phó Chủ tịch UBND tỉnh",
        committee_role="head",
        joined_on=datetime.date(2025, 8, 1),
    )
    Plan.objects.create(unit=w.thanh_hoa, year_from=2026, year_to=2026, title="Kế hoạch năm 2026")
    return w


def test_a_meeting_decision_becomes_a_task_in_my_tasks(committee, page, screenshot):
    w = committee
    page.set_viewport_size({"width": 1366, "height": 900})
    log_in(page, "th_coordinator")
    page.locator("#lm-nav").get_by_role("button", name="Chỉ đạo").click()
    page.locator("#lm-nav").get_by_role("link", name="Ban chỉ đạo").click()
    expect(page.get_by_role("heading", name="Ban chỉ đạo — Tỉnh Thanh Hóa")).to_be_visible()
    expect(page.get_by_role("cell", name="Nguyễn Văn Trưởng")).to_be_visible()
    page.get_by_role("link", name="Ghi nhận cuộc họp").click()
    page.get_by_label("Loại cuộc họp").select_option(label="Họp ban chỉ đạo")
    page.get_by_label("Ngày họp").fill("2026-03-10")
    page.get_by_label("Nội dung cuộc họp").fill("Họp ban chỉ đạo quý I")
    page.get_by_label("Nguyễn Văn Trưởng (Phó Chủ tịch UBND tỉnh)").check()
    page.get_by_label("Biên bản, kết luận").fill("Thống nhất nhiệm vụ quý II.")
    screenshot(page, "committee-meeting-form")
    page.get_by_role("button", name="Lưu").click()

    expect(page.get_by_role("heading", name="Họp ban chỉ đạo quý I")).to_be_visible()
    page.get_by_label("Nội dung kết luận, chỉ đạo").fill("Rà soát các cơ sở karaoke mới mở")
    page.get_by_label("Cơ quan chủ trì").select_option(label="Sở Y tế")
    page.get_by_label("Hạn hoàn thành").fill("2026-06-30")
    page.get_by_role("button", name="Thêm", exact=True).click()
    page.get_by_role("link", name="Giao thành nhiệm vụ").click()
    expect(page.get_by_label("Đưa vào kế hoạch")).to_be_visible()
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_text("Đã giao nhiệm vụ cho Sở Y tế.")).to_be_visible()
    expect(page.get_by_text("Chưa thực hiện")).to_be_visible()
    screenshot(page, "committee-meeting-detail")

    task = Decision.objects.get().task
    assert task.lead == w.th_health and task.due_date == datetime.date(2026, 6, 30)
    page.goto("/plans/tasks/mine/")
    expect(page.get_by_text("Rà soát các cơ sở karaoke mới mở")).to_be_visible()
    screenshot(page, "committee-my-tasks")
