"""The home page by role: the to-dos of every module, each count equal to the rows of
the list it links to, and the role's main pages when nothing is due."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lanhmanh.core.home import entries
from lanhmanh.core.todos import gather
from lanhmanh.plans.models import Plan, Task
from lanhmanh.reporting.models import Status
from lanhmanh.reporting.selectors import period_due
from lanhmanh.reporting.services import submission_return
from lanhmanh.support import services as support
from lanhmanh.tips.models import Tip
from tests.inspections.conftest import record_inspection, records  # noqa: F401 - fixtures
from tests.reporting.helpers import make_form, report
from tests.support.conftest import sup  # noqa: F401 - fixture
from tests.tips.conftest import tips  # noqa: F401 - fixture

ROLES = [
    "national",
    "th_admin",
    "th_coordinator",
    "th_leader",
    "th_inspector",
    "th_tips",
    "th_social",
    "hac_thanh_officer",
    "bn_coordinator",
    "nobody",
    "ln_officer_th_tips",
]


def rows_of(response) -> int:
    """How many rows the list behind a to-do shows (every page of it)."""
    context = response.context
    if "page" in context:
        return context["page"].paginator.count
    if context.get("show") == "returned":
        return len(context["returned"])
    for key in ("submissions", "lines", "due", "rows"):
        if key in context:
            return len(context[key])
    if "led" in context:
        return sum(len(rows) for _plan, rows in context["led"])
    raise AssertionError(f"no list in {response.templates[0].name}")


@pytest.fixture
def work(world, records, record_inspection, tips, sup):  # noqa: F811 - fixtures
    """Something to do in every module, for the roles of Thanh Hóa."""
    today = timezone.localdate()
    form = make_form()
    period = period_due(form)
    returned = report(
        world.hac_thanh_officer,
        form,
        world.hac_thanh,
        period,
        {"awareness_activities": "2"},
        status=Status.SUBMITTED,
    )
    submission_return(submission=returned, user=world.th_coordinator, comment="Sai số liệu")
    report(
        world.hac_thanh_officer,
        form,
        world.hac_thanh,
        period.previous(),
        {"awareness_activities": "1"},
        status=Status.SUBMITTED,
    )
    plan = Plan.objects.create(
        unit=world.thanh_hoa,
        number="1/KH-UBND",
        year_from=today.year,
        year_to=today.year,
        title="Kế hoạch năm",
    )
    Task.objects.create(
        plan=plan, order=1, text="Kiểm tra cơ sở", lead=world.th_health, due_date=today
    )
    Task.objects.create(
        plan=plan,
        order=2,
        text="Tập huấn",
        lead=world.th_health,
        due_date=today + datetime.timedelta(days=90),
    )
    record_inspection(
        records.sao_dem,
        today - datetime.timedelta(days=40),
        follow_up_due=today - datetime.timedelta(days=2),
    )
    # Near its deadline: due tomorrow.
    Tip.objects.filter(pk=tips.tip.pk).update(due_on=today + datetime.timedelta(days=1))
    support.referral_send(
        client=sup.case,
        by=world.th_social,
        provider=sup.clinic,
        service_type=sup.types["health_check"],
        sent_on=today - datetime.timedelta(days=5),
        follow_up_on=today,
    )
    return world


@pytest.mark.parametrize("name", ROLES)
def test_every_count_equals_the_rows_of_its_list(work, client_for, name):
    user = getattr(work, name)
    client = client_for(user)
    for todo in gather(user):
        response = client.get(todo.url)
        assert response.status_code == 200, todo
        assert rows_of(response) == todo.count, todo


def test_each_role_sees_its_work(work):
    def labels(user):
        return {t.label: t.count for t in gather(user)}

    assert labels(work.hac_thanh_officer)["Báo cáo bị trả lại, cần sửa"] == 1
    coordinator = labels(work.th_coordinator)
    assert coordinator["Báo cáo chờ duyệt"] == 1
    assert coordinator["Nhiệm vụ chủ trì đến hạn trong tháng"] == 1
    assert coordinator["Báo cáo quá hạn của cấp dưới"] >= 2
    assert labels(work.th_inspector)["Kiểm tra lại quá hạn"] == 1
    assert labels(work.th_tips)["Tin báo sắp đến hạn xử lý"] == 1
    assert labels(work.th_social)["Ca hỗ trợ đến ngày theo dõi chuyển gửi"] == 1
    # A reader acts on nothing; an outsider sees nothing of Thanh Hóa.
    assert labels(work.th_leader) == {}
    assert labels(work.bn_coordinator).get("Báo cáo chờ duyệt", 0) == 0
    assert "Nhiệm vụ chủ trì đến hạn trong tháng" not in labels(work.bn_coordinator)


def test_the_commune_home_links_its_returned_report(work, client_for):
    page = client_for(work.hac_thanh_officer).get(reverse("home")).content.decode()
    assert "Báo cáo bị trả lại, cần sửa" in page
    assert f"{reverse('reporting:my_reports')}?show=returned" in page


@pytest.mark.parametrize("name", ROLES)
def test_no_home_is_empty(world, client_for, name):
    user = getattr(world, name)
    response = client_for(user).get(reverse("home"))
    assert response.status_code == 200
    found = entries(user)
    assert found, name
    page = response.content.decode()
    for entry in found:
        assert f'href="{entry.url}"' in page


def test_the_leader_is_led_to_the_overview(world):
    labels = {e.label for e in entries(world.th_leader)}
    assert "Tổng quan chương trình" in labels
    assert "Báo cáo của tôi" not in labels


def test_the_home_page_queries_do_not_grow_with_data(work, client_for):
    client = client_for(work.th_coordinator)
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("home"))
    form = make_form("test-them")
    period = period_due(form)
    for unit in (work.quang_ngoc, work.quang_binh):
        report(
            work.hac_thanh_officer if unit is None else work.th_admin,
            form,
            unit,
            period,
            {"awareness_activities": "3"},
            status=Status.SUBMITTED,
        )
    with CaptureQueriesContext(connection) as second:
        client.get(reverse("home"))
    # One more form to look at adds its own few queries; more reports add none.
    assert len(second) <= len(first) + 8
    with CaptureQueriesContext(connection) as third:
        client.get(reverse("home"))
    assert len(third) == len(second)
