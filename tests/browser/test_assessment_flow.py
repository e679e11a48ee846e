"""The healthy-commune year in a real browser: the officer of phường Hạc Thành
self-assesses on a phone, keeping the proposals the system made from the activity register
(with links to the activities); the province's coordinator lowers one criterion with a
comment and approves; the class shows on the province's list and in the indicator that
measures the seed 000 targets 'Duy trì 590 xã … lành mạnh' and 'xây dựng mới 3' on the
plan page. Screenshots of every step, at 390 and 1366 px."""

import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lanhmanh.activities import services as activity_services
from lanhmanh.activities.models import ActivityKind, Channel
from lanhmanh.assessments.models import Assessment, Status
from lanhmanh.indicators.models import Indicator
from lanhmanh.reporting.progress import target_link_indicator
from tests.browser.conftest import ARTIFACTS, _context
from tests.browser.test_unit_tree import log_in
from tests.inspections.test_seed_targets_progress import this_years_plan

pytestmark = pytest.mark.browser

# Screenshots go where the other browser tests put theirs, or to LANHMANH_SCREENSHOTS.
SHOTS = Path(os.environ.get("LANHMANH_SCREENSHOTS") or ARTIFACTS)


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"assessment-{name}.png"), full_page=True)


@pytest.fixture
def setting(live_world):
    w = live_world
    today = timezone.localdate()
    kind = ActivityKind.objects.get(code="communication_event")
    # One awareness activity each quarter: the proposal gives the criterion full marks.
    for month in (1, 4, 7, 10):
        activity_services.activity_create(
            by=w.th_coordinator,
            kind=kind,
            title=f"Tuyên truyền tại tổ dân phố, tháng {month}",
            start_date=datetime.date(today.year, month, 12),
            unit=w.hac_thanh,
            channel=Channel.IN_PERSON,
            on_prostitution=True,
            participants=40,
        )
    w.plan = this_years_plan(w, "000")
    w.maintain = w.plan.targets.get(quote__icontains="Duy trì 590 xã")
    w.new = w.plan.targets.get(quote__icontains="xây dựng mới 3 xã")
    for target, code in (
        (w.maintain, "assessed_healthy_communes"),
        (w.new, "assessed_healthy_communes_new"),
    ):
        target_link_indicator(
            target=target, indicator=Indicator.objects.get(code=code), user=w.th_coordinator
        )
    w.year = today.year
    return w


def test_a_commune_self_assesses_and_the_province_adjusts_and_approves(
    setting, browser, live_server
):
    w = setting
    phone = _context(
        browser,
        live_server,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    ).new_page()
    log_in(phone, "hac_thanh_officer")
    phone.goto("/assessments/")  # the menu is folded on a phone
    expect(
        phone.get_by_role("heading", name="Đánh giá, phân loại xã, phường lành mạnh")
    ).to_be_visible()
    phone.get_by_role("link", name="Tự đánh giá", exact=True).click()
    phone.get_by_label("Xã, phường").select_option(label="Phường Hạc Thành (Tỉnh Thanh Hóa)")
    phone.get_by_role("button", name="Bắt đầu tự đánh giá").click()

    # The proposals are filled in, with the records they were read from.
    awareness = phone.locator("fieldset[data-criterion=awareness]")
    expect(awareness).to_contain_text("Có hoạt động tuyên truyền trong")
    expect(
        awareness.get_by_role("link", name="Quý 1: Tuyên truyền tại tổ dân phố, tháng 1")
    ).to_be_visible()
    expect(awareness.locator("input[name$=-points]")).to_have_value("25")
    expect(phone.locator("fieldset[data-criterion=no_hotspot] select")).to_have_value("1")
    phone.locator("fieldset[data-criterion=steering] input[name$=-points]").fill("15")
    phone.locator("fieldset[data-criterion=steering] textarea").fill(
        "Quyết định kiện toàn Ban chỉ đạo số 12/QĐ-UBND"
    )
    phone.locator("fieldset[data-criterion=support] input[name$=-points]").fill("20")
    shot(phone, "1-self-assessment-390")
    phone.get_by_role("button", name="Lưu và gửi cấp trên").click()
    expect(phone.get_by_text("Đã gửi bản tự đánh giá lên cấp trên.")).to_be_visible()
    expect(phone.locator("#status")).to_contain_text("Đã gửi, chờ thẩm định")
    # The commune cannot approve its own: no review forms for it.
    expect(phone.get_by_role("button", name="Phê duyệt và xếp loại")).to_have_count(0)
    shot(phone, "2-submitted-390")
    phone.context.close()

    page = _context(browser, live_server, viewport={"width": 1366, "height": 900}).new_page()
    log_in(page, "th_coordinator")
    page.locator("#lm-nav").get_by_role("button", name="Chỉ đạo").click()
    page.locator("#lm-nav").get_by_role("link", name="Xã, phường lành mạnh").click()
    page.get_by_label("Trạng thái").select_option(label="Đã gửi, chờ thẩm định")
    page.get_by_role("button", name="Lọc").click()
    row = page.locator("tr[data-unit='14755']")
    row.get_by_role("link", name="bản đánh giá").click()
    support = page.locator("tr[data-criterion=support]")
    support.locator("summary").click()
    support.get_by_label("Điểm").fill("16")
    support.get_by_label("Ý kiến").fill("Chưa có danh sách người được hỗ trợ trong quý IV.")
    support.get_by_role("button", name="Lưu điều chỉnh").click()
    expect(page.get_by_text("Đã điều chỉnh kết quả tiêu chí.")).to_be_visible()
    expect(page.locator("tr[data-criterion=support]")).to_contain_text("Chưa có danh sách")
    expect(page.locator("#total")).to_have_text("96")
    shot(page, "3-review-1366")
    page.get_by_role("button", name="Phê duyệt và xếp loại").click()
    expect(page.get_by_text("Đã phê duyệt: Phường Hạc Thành xếp Loại 1")).to_be_visible()

    a = Assessment.objects.get()
    assert a.status == Status.APPROVED and a.result_class.healthy and a.total == 96
    assert a.answers.get(criterion__code="support").adjusted_points == 16

    # The province's list by class.
    page.goto(f"/assessments/?year={w.year}")
    expect(page.locator("tr[data-unit='14755'] [data-class=type_1]")).to_be_visible()
    expect(page.locator("#class-counts")).to_contain_text("Loại 1")
    shot(page, "4-list-1366")
    # The indicator on the plan page: one healthy commune, one newly recognised.
    page.goto(w.plan.get_absolute_url())
    expect(page.locator("tr", has_text="Duy trì 590 xã")).to_contain_text("1 / ≥ 590")
    expect(page.locator("tr", has_text="xây dựng mới 3 xã")).to_contain_text("1 / ≥ 3")
    shot(page, "5-plan-1366")
    page.context.close()

    phone = _context(
        browser,
        live_server,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    ).new_page()
    log_in(phone, "th_leader")
    phone.goto(f"/assessments/?year={w.year}")
    expect(phone.locator("tr[data-unit='14755'] [data-class=type_1]")).to_be_visible()
    shot(phone, "6-list-390")
    phone.context.close()
