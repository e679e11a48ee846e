"""The monthly loop in a real browser: the officer of phường Hạc Thành submits by the entry
screen, the officer of xã Quảng Ngọc by uploading the Excel template; the province's
coordinator returns the first and approves the second; the province's dashboard shows the
summed figure and a plan target's status moves from 'no data' to 'met'. Screenshots go to
test-artifacts/."""

import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from lanhmanh.accounts.models import Membership, User
from lanhmanh.accounts.roles import Role
from lanhmanh.indicators.models import Indicator
from lanhmanh.plans.models import Plan, Target
from lanhmanh.reporting.excel import FIRST_ROW, SHEET
from lanhmanh.reporting.models import Status, Submission
from lanhmanh.reporting.selectors import period_due
from tests.browser.test_unit_tree import log_in
from tests.reporting.helpers import make_form
from tests.world import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def setting(live_world):
    w = live_world
    w.form = make_form()
    w.period = period_due(w.form)
    w.quang_ngoc_officer = User.objects.create_user(
        username="quang_ngoc_officer", password=PASSWORD
    )
    Membership.objects.create(user=w.quang_ngoc_officer, unit=w.quang_ngoc, role=Role.DATA_OFFICER)
    plan = Plan.objects.create(
        unit=w.thanh_hoa,
        year_from=w.period.year,
        year_to=w.period.year,
        title="Phòng, chống mại dâm",
        number="12/KH-UBND",
    )
    w.target = Target.objects.create(
        plan=plan,
        comparator=">=",
        value=4,
        measure="count",
        statement="Tổ chức ít nhất 4 buổi tuyên truyền",
        indicator=Indicator.objects.get(code="awareness_activities"),
    )
    return w


def as_user(browser, live_server, username):
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    log_in(page, username)
    return page


def open_due_report(page, form_name):
    page.goto("/reporting/")
    line = page.locator(".list-group-item", has_text=form_name)
    line.get_by_role("button", name="Nhập số liệu").click()
    expect(page.get_by_role("heading", name=form_name)).to_be_visible()


def dashboard_status(page, w):
    page.goto(f"/reporting/dashboard/?unit={w.thanh_hoa.pk}&year={w.period.year}&part=Y")
    row = page.locator("#lm-targets tr", has_text="ít nhất 4 buổi")
    return row.locator(".lm-progress").get_attribute("data-status")


def test_two_communes_report_the_province_reviews_and_sees_the_sum(
    setting, browser, live_server, screenshot, tmp_path
):
    w = setting
    coordinator = as_user(browser, live_server, "th_coordinator")
    assert dashboard_status(coordinator, w) == "no_data"

    # Hạc Thành types its figures; a letter in a number cell is caught first.
    officer = as_user(browser, live_server, "hac_thanh_officer")
    open_due_report(officer, w.form.name)
    officer.locator('input[name="v:awareness_activities"]').fill("5x")
    officer.locator('input[name="n:tips_handled_share"]').fill("2")
    officer.locator('input[name="d:tips_handled_share"]').fill("4")
    officer.get_by_role("button", name="Lưu và gửi báo cáo").click()
    expect(officer.locator(".lm-cell-error")).to_contain_text("“5x” không phải là một số.")
    expect(officer.locator('input[name="d:tips_handled_share"]')).to_have_value("4")
    screenshot(officer, "reporting-1-entry-error")
    officer.locator('input[name="v:awareness_activities"]').fill("5")
    officer.get_by_role("button", name="Lưu và gửi báo cáo").click()
    expect(officer.get_by_text("Đã gửi báo cáo lên cấp trên.")).to_be_visible()
    expect(officer.locator("#lm-status")).to_have_text("Đã gửi")

    # Quảng Ngọc fills the Excel template offline and uploads it.
    other = as_user(browser, live_server, "quang_ngoc_officer")
    open_due_report(other, w.form.name)
    with other.expect_download() as download:
        other.get_by_role("link", name="Tải mẫu Excel").click()
    blank = tmp_path / download.value.suggested_filename
    download.value.save_as(blank)
    assert blank.suffix == ".xlsx"
    wb = load_workbook(blank)
    ws = wb[SHEET]
    rows = {ws[f"A{r}"].value: r for r in range(FIRST_ROW, ws.max_row + 1)}
    ws[f"E{rows['awareness_activities']}"] = 4
    ws[f"E{rows['tips_handled_share']}"] = 3
    ws[f"F{rows['tips_handled_share']}"] = 3
    filled = tmp_path / "bao-cao-quang-ngoc.xlsx"
    wb.save(filled)
    other.get_by_label("Tệp Excel đã điền (.xlsx)").set_input_files(filled)
    other.get_by_role("button", name="Tải lên").click()
    expect(other.get_by_text("Đã nhận số liệu từ tệp Excel.")).to_be_visible()
    expect(other.locator('input[name="v:awareness_activities"]')).to_have_value("4")
    other.get_by_role("button", name="Lưu và gửi báo cáo").click()
    expect(other.locator("#lm-status")).to_have_text("Đã gửi")

    # The province's coordinator sees both, returns Hạc Thành's, approves Quảng Ngọc's.
    coordinator.goto(f"/reporting/review/?form={w.form.pk}&period={w.period.key}")
    expect(coordinator.locator("#lm-summary")).to_contain_text("Phải báo cáo: 3")
    screenshot(coordinator, "reporting-2-review-list")
    coordinator.locator("tr", has_text="Phường Hạc Thành").get_by_role("link").click()
    coordinator.get_by_label("Lý do trả lại").fill("Số buổi tuyên truyền chưa khớp biên bản.")
    coordinator.get_by_role("button", name="Trả lại").click()
    expect(coordinator.get_by_text("Đã trả lại báo cáo cho đơn vị.")).to_be_visible()
    coordinator.goto(f"/reporting/review/?form={w.form.pk}&period={w.period.key}")
    coordinator.locator("tr", has_text="Xã Quảng Ngọc").get_by_role("link").click()
    coordinator.get_by_role("button", name="Duyệt", exact=True).click()
    expect(coordinator.get_by_text("Đã duyệt báo cáo; số liệu đã được khóa.")).to_be_visible()

    statuses = dict(Submission.objects.values_list("unit__name", "status"))
    assert statuses == {"Hạc Thành": Status.RETURNED, "Quảng Ngọc": Status.APPROVED}

    # The dashboard sums what counts (the returned report does not) and the target is met.
    assert dashboard_status(coordinator, w) == "met"
    row = coordinator.locator('tr[data-code="awareness_activities"]')
    expect(row.locator(".lm-value")).to_have_text(re.compile(r"^\s*4\s*$"))
    expect(coordinator.locator('tr[data-code="tips_handled_share"] .lm-value')).to_contain_text(
        "100%"
    )
    screenshot(coordinator, "reporting-3-dashboard")

    # The officer of Hạc Thành reads the comment, corrects, sends again.
    officer.reload()
    expect(officer.locator(".alert-warning")).to_contain_text(
        "Cấp trên trả lại: Số buổi tuyên truyền chưa khớp biên bản."
    )
    officer.locator('input[name="v:awareness_activities"]').fill("3")
    officer.get_by_role("button", name="Lưu và gửi báo cáo").click()
    expect(officer.locator("#lm-status")).to_have_text("Đã gửi")
    coordinator.goto(f"/reporting/dashboard/?unit={w.thanh_hoa.pk}&year={w.period.year}&part=Y")
    expect(coordinator.locator('tr[data-code="awareness_activities"] .lm-value')).to_contain_text(
        "7*"
    )
    for page in (coordinator, officer, other):
        page.context.close()
