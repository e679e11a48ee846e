"""A unit's page of all its targets: every plan of the unit and of the units merged into
it, every year, each target with its progress; scope and query counts."""

import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lanhmanh.indicators.models import Indicator
from lanhmanh.plans.models import Plan, Target
from lanhmanh.reporting.periods import month
from tests.reporting.helpers import make_form, report


@pytest.fixture
def form(db):
    return make_form()


def _plan(unit, year_from, year_to, number, targets):
    plan = Plan.objects.create(
        unit=unit, year_from=year_from, year_to=year_to, title=f"Kế hoạch {number}", number=number
    )
    for order, (statement, code, value) in enumerate(targets, start=1):
        Target.objects.create(
            plan=plan,
            order=order,
            comparator=">=",
            value=value,
            measure="count",
            statement=statement,
            indicator=Indicator.objects.get(code=code) if code else None,
        )
    return plan


@pytest.fixture
def plans(world):
    return [
        _plan(
            world.thanh_hoa,
            2026,
            2026,
            "12/KH-UBND",
            [
                ("Tổ chức ít nhất 6 buổi tuyên truyền", "awareness_activities", 6),
                ("Ít nhất 500 buổi tuyên truyền", "awareness_activities", 500),
            ],
        ),
        _plan(
            world.thanh_hoa,
            2027,
            2027,
            "40/KH-UBND",
            [("Duy trì 3 mô hình hỗ trợ", None, 3)],
        ),
        # The 2004-code province merged into today's on 1 July 2025.
        _plan(
            world.old_thanh_hoa,
            2024,
            2025,
            "7/KH-UBND",
            [("Ít nhất 2 buổi tuyên truyền mỗi năm", "awareness_activities", 2)],
        ),
        # Another province's plan never shows.
        _plan(world.bac_ninh, 2026, 2026, "99/KH-UBND", [("Chỉ tiêu của Bắc Ninh", None, 1)]),
    ]


def page(client, unit, query=""):
    response = client.get(reverse("reporting:unit_targets", args=[unit.pk]) + query)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_page_shows_every_target_of_every_plan_of_the_unit(world, form, plans, client_for):
    report(
        world.hac_thanh_officer,
        form,
        world.hac_thanh,
        month(2026, 1),
        {"awareness_activities": "7"},
        reviewer=world.th_coordinator,
    )
    client = client_for(world.th_coordinator)
    # By default the plans still running; the 2024–2025 plan has ended.
    running = page(client, world.thanh_hoa)
    assert "Ít nhất 2 buổi tuyên truyền mỗi năm" not in running
    assert "Tổ chức ít nhất 6 buổi tuyên truyền" in running
    older = running[running.index('id="lm-older-plans"') :]
    assert "Xem cả 1 kế hoạch đã kết thúc" in older[: older.index("</p>")]
    text = page(client, world.thanh_hoa, "?all=1")
    for statement in (
        "Tổ chức ít nhất 6 buổi tuyên truyền",
        "Ít nhất 500 buổi tuyên truyền",
        "Duy trì 3 mô hình hỗ trợ",
        "Ít nhất 2 buổi tuyên truyền mỗi năm",
    ):
        assert statement in text
    assert "Chỉ tiêu của Bắc Ninh" not in text
    # Newest plan first; each target with its status.
    assert text.index("40/KH-UBND") < text.index("12/KH-UBND") < text.index("7/KH-UBND")
    six = text[text.index("Tổ chức ít nhất 6 buổi") :]
    assert 'data-status="met"' in six[: six.index("</tr>")]  # 7 ≥ 6
    assert "chưa gắn chỉ số" in text
    assert "Gắn chỉ số" in text  # the coordinator may link the unlinked one
    counts = text[text.index('id="lm-target-counts"') :]
    assert "4 chỉ tiêu" in counts[: counts.index("</p>")]


def test_a_reader_sees_the_targets_but_no_link_to_change_them(world, plans, client_for):
    text = page(client_for(world.th_leader), world.thanh_hoa)
    assert "Duy trì 3 mô hình hỗ trợ" in text
    assert "Gắn chỉ số" not in text and "Đổi chỉ số" not in text


def test_a_unit_without_plans_says_so(world, plans, client_for):
    text = page(client_for(world.th_coordinator), world.quang_ngoc)
    assert "Đơn vị chưa có kế hoạch nào có chỉ tiêu." in text


def test_a_unit_outside_the_scope_gives_404(world, plans, client_for):
    client = client_for(world.th_coordinator)
    assert (
        client.get(reverse("reporting:unit_targets", args=[world.bac_ninh.pk])).status_code == 404
    )
    assert client.get(reverse("reporting:unit_targets", args=[999999])).status_code == 404
    # Without the reporting module the page does not exist for the user.
    assert (
        client_for(world.th_tips)
        .get(reverse("reporting:unit_targets", args=[world.thanh_hoa.pk]))
        .status_code
        == 404
    )
    nobody = client_for(world.nobody)
    assert (
        nobody.get(reverse("reporting:unit_targets", args=[world.thanh_hoa.pk])).status_code == 404
    )


def test_the_query_count_grows_with_plans_not_with_targets(world, plans, client_for):
    client = client_for(world.th_coordinator)
    page(client, world.thanh_hoa)
    with CaptureQueriesContext(connection) as few:
        page(client, world.thanh_hoa)
    plan = plans[0]
    for order in range(3, 13):
        Target.objects.create(
            plan=plan,
            order=order,
            comparator=">=",
            value=order,
            measure="count",
            statement=f"Chỉ tiêu thêm {order}",
            indicator=Indicator.objects.get(code="awareness_activities"),
        )
    with CaptureQueriesContext(connection) as many:
        text = page(client, world.thanh_hoa)
    assert "Chỉ tiêu thêm 12" in text
    assert len(many) == len(few)
    assert len(few) <= 40
