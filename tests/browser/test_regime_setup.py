"""The reporting regime set up in a browser: Thanh Hóa's administrator adds an indicator
with a sex breakdown and a half-year form with two written sections for its communes; the
officer of phường Hạc Thành fills it in, the rule refuses 95 ≠ 40 + 50, then the report
goes through; the province sees the summed figure and the commune's texts, in its .docx
too. Screenshots go to test-artifacts/."""

import io
import re

import pytest
from docx import Document
from playwright.sync_api import expect

from lanhmanh.reporting.models import ReportForm, Status, Submission
from lanhmanh.reporting.selectors import period_due
from tests.browser.test_reporting_flow import as_user, open_due_report

pytestmark = pytest.mark.browser

FORM_NAME = "Báo cáo 6 tháng về hỗ trợ nạn nhân"


def test_a_province_sets_up_a_form_a_commune_reports_on_it(
    live_world, browser, live_server, screenshot
):
    w = live_world
    admin = as_user(browser, live_server, "th_admin")

    # An indicator of the province, broken down by sex.
    admin.goto("/reporting/setup/indicators/")
    admin.locator("#lm-add-indicator").click()
    admin.get_by_label("Mã").fill("th_nan_nhan_ho_tro")
    admin.get_by_label("Tên chỉ số").fill("Số nạn nhân được hỗ trợ")
    admin.get_by_label("Lĩnh vực").select_option("trafficking")
    admin.get_by_label("Đơn vị đo").select_option("count")
    admin.get_by_label("Đơn vị tính").fill("người")
    admin.get_by_label("Giới tính").check()
    admin.get_by_role("button", name="Lưu").click()
    expect(admin.get_by_text("Đã lưu.")).to_be_visible()
    expect(admin.get_by_text("Chỉ số riêng của Tỉnh Thanh Hóa.")).to_be_visible()
    screenshot(admin, "regime-1-indicator")

    # A half-year form for its communes: the indicator, two written sections, a rule.
    admin.goto("/reporting/setup/forms/")
    admin.locator("#lm-add-form").click()
    admin.get_by_label("Mã biểu").fill("th-6-thang-nan-nhan")
    admin.get_by_label("Tên biểu mẫu").fill(FORM_NAME)
    admin.get_by_label("Kỳ báo cáo").select_option("first_half")
    admin.get_by_label("Cấp báo cáo").select_option("commune")
    admin.locator('select[name="rows-0-indicator"]').select_option(label="Số nạn nhân được hỗ trợ")
    admin.locator('input[name="rows-0-disaggregations"][value="sex"]').check()
    admin.locator('input[name="rows-0-required"]').check()
    admin.locator('select[name="sections-0-kind"]').select_option("situation")
    admin.locator('input[name="sections-0-title"]').fill("Tình hình mua bán người")
    admin.locator('select[name="sections-1-kind"]').select_option("proposals")
    admin.locator('input[name="sections-1-title"]').fill("Đề xuất, kiến nghị")
    admin.locator('select[name="rules-0-kind"]').select_option("sum_of_parts")
    admin.locator('input[name="rules-0-left"]').fill("th_nan_nhan_ho_tro")
    admin.locator('input[name="rules-0-right"]').fill("sex")
    admin.get_by_role("button", name="Lưu biểu mẫu").click()
    expect(admin.get_by_text("Đã lưu biểu mẫu.")).to_be_visible()
    screenshot(admin, "regime-2-form")
    form = ReportForm.objects.get(code="th-6-thang-nan-nhan")
    assert form.owner == w.thanh_hoa and form.periodicity == "first_half"
    assert [s.kind for s in form.sections.all()] == ["situation", "proposals"]
    period = period_due(form)

    # The commune fills it in; the rule is checked as typed and refused on submit.
    officer = as_user(browser, live_server, "hac_thanh_officer")
    open_due_report(officer, FORM_NAME)
    officer.locator('input[name="v:th_nan_nhan_ho_tro"]').fill("95")
    officer.locator('input[name="v:th_nan_nhan_ho_tro|sex:male"]').fill("40")
    officer.locator('input[name="v:th_nan_nhan_ho_tro|sex:female"]').fill("50")
    expect(officer.locator(".lm-live")).to_contain_text("40 + 50 = 90")
    officer.get_by_label("Tình hình mua bán người").fill("Chưa phát hiện vụ việc mới.")
    officer.get_by_label("Đề xuất, kiến nghị").fill("Tập huấn cho cán bộ xã.")
    officer.get_by_role("button", name="Lưu và gửi báo cáo").click()
    expect(officer.locator(".lm-cell-error")).to_contain_text(
        "Tổng số (95) khác cộng các phân tổ giới tính (40 + 50 = 90)."
    )
    expect(officer.get_by_label("Tình hình mua bán người")).to_have_value(
        "Chưa phát hiện vụ việc mới."
    )
    screenshot(officer, "regime-3-rule")
    officer.locator('input[name="v:th_nan_nhan_ho_tro"]').fill("90")
    expect(officer.locator(".lm-live")).to_have_count(0)
    officer.get_by_role("button", name="Lưu và gửi báo cáo").click()
    expect(officer.locator("#lm-status")).to_have_text("Đã gửi")
    submission = Submission.objects.get(form=form)
    assert submission.status == Status.SUBMITTED

    # The province reads the commune's texts beside its figures and approves.
    coordinator = as_user(browser, live_server, "th_coordinator")
    coordinator.goto(f"/reporting/review/?form={form.pk}&period={period.key}")
    coordinator.locator("tr", has_text="Phường Hạc Thành").get_by_role("link").click()
    expect(coordinator.locator(".lm-written").first).to_contain_text("Chưa phát hiện vụ việc mới.")
    coordinator.get_by_role("button", name="Duyệt", exact=True).click()
    expect(coordinator.get_by_text("Đã duyệt báo cáo; số liệu đã được khóa.")).to_be_visible()

    # The province's figures roll up, and its report carries the texts.
    query = f"unit={w.thanh_hoa.pk}&year={period.year}&part=H1"
    coordinator.goto(f"/reporting/dashboard/?{query}")
    expect(coordinator.locator('tr[data-code="th_nan_nhan_ho_tro"] .lm-value')).to_have_text(
        re.compile(r"^\s*90\s*$")
    )
    screenshot(coordinator, "regime-4-dashboard")
    response = coordinator.request.get(f"/reporting/report.docx?{query}")
    assert response.ok
    text = "\n".join(p.text for p in Document(io.BytesIO(response.body())).paragraphs)
    assert "Phường Hạc Thành: Chưa phát hiện vụ việc mới." in text
    assert "Phường Hạc Thành: Tập huấn cho cán bộ xã." in text
    assert "phòng, chống mua bán người" in text
    # The same pages on a phone.
    for page, path, name in (
        (admin, f"/reporting/setup/forms/{form.pk}/", "regime-5-form-phone"),
        (officer, f"/reporting/submissions/{submission.pk}/", "regime-6-report-phone"),
        (admin, "/reporting/setup/indicators/", "regime-7-catalogue-phone"),
    ):
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(path)
        screenshot(page, name)
    for page in (admin, officer, coordinator):
        page.context.close()
