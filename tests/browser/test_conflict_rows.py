"""A plan's page made before a target's limits were changed elsewhere: saving it shows the
target's fields, what this page sent beside what is saved, and keeps the other change."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_unit_tree import log_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("device", ["page", "phone"])
def test_a_stale_target_row_shows_both_versions(live_world, request, screenshot, device):
    from lanhmanh.plans.models import Comparator, Measure, Plan, PlanStatus, Target

    plan = Plan.objects.create(
        unit=live_world.thanh_hoa,
        number="15/KH-UBND",
        issued_on=datetime.date(2026, 1, 10),
        year_from=2026,
        year_to=2026,
        title="Phòng, chống mại dâm năm 2026",
        status=PlanStatus.ISSUED,
        topics=["prostitution"],
    )
    target = Target.objects.create(
        plan=plan,
        statement="Kiểm tra 80 cơ sở",
        comparator=Comparator.AT_LEAST,
        value=80,
        measure=Measure.COUNT,
    )
    tab = request.getfixturevalue(device)
    log_in(tab, "th_coordinator")
    tab.goto(f"/plans/{plan.pk}/edit/")
    other = tab.context.new_page()
    other.goto(f"/reporting/targets/{target.pk}/limits/")
    other.get_by_role("button", name="Lưu").click()
    expect(other).to_have_url(re.compile(rf"/plans/{plan.pk}/$"))

    tab.get_by_label("Nội dung chỉ tiêu").first.fill("Kiểm tra 90 cơ sở")
    tab.get_by_role("button", name="Lưu").first.click()

    expect(tab.get_by_role("heading", name="Đã có người sửa trước bạn")).to_be_visible()
    row = tab.get_by_role("row", name=re.compile("Nội dung chỉ tiêu", re.IGNORECASE))
    expect(row).to_contain_text("Kiểm tra 90 cơ sở")
    expect(row).to_contain_text("Kiểm tra 80 cơ sở")
    # Only what differs is marked: the value typed as 80 is the 80.00 saved.
    expect(tab.locator("tr.table-warning")).to_have_count(1)
    expect(tab.get_by_role("row", name=re.compile("^ID"))).to_have_count(0)
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= tab.viewport_size["width"]
    screenshot(tab, f"conflict-row-{device}")
    target.refresh_from_db()
    assert (target.statement, target.version) == ("Kiểm tra 80 cơ sở", 2)
