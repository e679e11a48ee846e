"""Two tabs edit the same team: the second save shows both versions, on a desktop and on a
phone, and the first change stays."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_unit_tree import log_in

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("device", ["page", "phone"])
def test_a_stale_edit_shows_both_versions(live_world, request, screenshot, device):
    tab = request.getfixturevalue(device)
    log_in(tab, "th_coordinator")
    edit = f"/organizations/teams/{live_world.th_team.pk}/edit/"
    other = tab.context.new_page()
    other.goto(edit)
    tab.goto(edit)
    other.get_by_label("Số quyết định thành lập").fill("12/QĐ-UBND")
    other.get_by_role("button", name="Lưu").click()
    expect(other).to_have_url(re.compile(r"/organizations/teams/\d+/$"))

    tab.get_by_label("Số quyết định thành lập").fill("99/QĐ-UBND")
    tab.get_by_role("button", name="Lưu").click()

    expect(tab.get_by_role("heading", name="Đã có người sửa trước bạn")).to_be_visible()
    row = tab.get_by_role("row", name=re.compile("quyết định"))
    expect(row).to_contain_text("99/QĐ-UBND")
    expect(row).to_contain_text("12/QĐ-UBND")
    screenshot(tab, f"conflict-{device}")
    width = tab.evaluate("document.documentElement.scrollWidth")
    wide = tab.evaluate(
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right"
        " > innerWidth + 1).slice(0, 5).map(e => e.tagName + '.' + e.className)"
    )
    assert width <= tab.viewport_size["width"], wide
    live_world.th_team.refresh_from_db()
    assert live_world.th_team.decision_number == "12/QĐ-UBND"
