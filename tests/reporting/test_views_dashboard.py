"""The dashboard: values summed from the subtree (one batched value call), the breakdown by
child unit, targets with their progress; linking a target to an indicator."""

import html

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from lanhmanh.indicators.models import Indicator
from lanhmanh.plans.models import Plan, Target
from lanhmanh.reporting.models import Status
from lanhmanh.reporting.periods import month
from lanhmanh.reporting.views.dashboard import LINKED
from tests.reporting.helpers import make_form, report

JAN = month(2026, 1)
YEAR_2026 = "year=2026&part=Y"


@pytest.fixture
def form(db):
    return make_form()


@pytest.fixture
def figures(world, form):
    report(
        world.hac_thanh_officer,
        form,
        world.hac_thanh,
        JAN,
        {"awareness_activities": "5", "tips_handled_share": ("2", "4")},
        reviewer=world.th_coordinator,
    )
    report(
        world.th_admin,
        form,
        world.quang_ngoc,
        JAN,
        {"awareness_activities": "3", "tips_handled_share": ("1", "4")},
        reviewer=world.th_coordinator,
    )


@pytest.fixture
def plan(world):
    plan = Plan.objects.create(
        unit=world.thanh_hoa,
        year_from=2026,
        year_to=2026,
        title="Phòng, chống mại dâm năm 2026",
        number="12/KH-UBND",
    )
    indicator = Indicator.objects.get(code="tips_handled_share")
    Target.objects.create(
        plan=plan,
        order=1,
        comparator=">=",
        value=80,
        measure="percent",
        statement="100% tin báo được xử lý kịp thời, ít nhất 80%",
        indicator=indicator,
    )
    Target.objects.create(
        plan=plan,
        order=2,
        comparator=">=",
        value=6,
        measure="count",
        statement="Tổ chức ít nhất 6 buổi tuyên truyền",
        indicator=Indicator.objects.get(code="awareness_activities"),
    )
    Target.objects.create(
        plan=plan,
        order=3,
        comparator=">=",
        value=70,
        measure="percent",
        statement="Ít nhất 70% xã, phường có hoạt động tuyên truyền",
    )
    return plan


def page(client, query):
    response = client.get(reverse("reporting:dashboard") + f"?{query}")
    assert response.status_code == 200
    return response, html.unescape(response.content.decode())


def value_of(text, code):
    start = text.index(f'data-code="{code}"')
    cell = text.index("lm-value", start)
    return text[text.index(">", cell) + 1 : text.index("</td>", cell)].strip()


def test_the_province_sees_the_figures_summed_from_its_communes(world, figures, client_for):
    _r, text = page(client_for(world.th_coordinator), f"unit={world.thanh_hoa.pk}&{YEAR_2026}")
    assert value_of(text, "awareness_activities").startswith("8")
    # a percentage is recomputed from the summed parts: 3 of 8, not the mean of 50% and 25%
    assert value_of(text, "tips_handled_share").startswith("37,5%")
    assert "(3/8)" in text


def test_the_default_unit_is_the_users_own(world, figures, client_for):
    _r, text = page(client_for(world.hac_thanh_officer), YEAR_2026)
    assert "Phường Hạc Thành" in text
    assert value_of(text, "awareness_activities").startswith("5")


def test_the_breakdown_by_child_unit(world, figures, client_for):
    query = f"unit={world.thanh_hoa.pk}&{YEAR_2026}&indicator=awareness_activities"
    _r, text = page(client_for(world.th_coordinator), query)
    table = text[text.index('id="lm-breakdown"') :]
    assert "Phường Hạc Thành" in table and "Xã Quảng Ngọc" in table and "Xã Quảng Bình" in table
    row = table[table.index("Phường Hạc Thành") :]
    assert ">5<" in row[: row.index("</tr>")].replace(" ", "")


def test_the_query_count_does_not_grow_with_the_units_reporting(world, form, client_for):
    client = client_for(world.th_coordinator)
    query = f"unit={world.thanh_hoa.pk}&{YEAR_2026}&indicator=awareness_activities"
    report(
        world.hac_thanh_officer,
        form,
        world.hac_thanh,
        JAN,
        {"awareness_activities": "5"},
        reviewer=world.th_coordinator,
    )
    page(client, query)
    with CaptureQueriesContext(connection) as one:
        page(client, query)
    for unit in (world.quang_ngoc, world.quang_binh):
        for m in (2, 3):
            report(
                world.th_admin,
                form,
                unit,
                month(2026, m),
                {"awareness_activities": "1"},
                reviewer=world.th_coordinator,
            )
    with CaptureQueriesContext(connection) as many:
        page(client, query)
    assert len(many) == len(one)
    # The page's own queries, and at most two per computed indicator of the catalogue
    # (each module's computation runs over its own records).
    computed = Indicator.objects.filter(source="computed", current=True).count()
    assert len(one) <= 20 + 2 * computed


def test_targets_show_their_progress_as_badges(world, figures, plan, client_for):
    _r, text = page(client_for(world.th_coordinator), f"unit={world.thanh_hoa.pk}&{YEAR_2026}")
    targets = text[text.index('id="lm-targets"') :]
    assert 'data-status="met"' in targets  # 8 activities ≥ 6
    assert "37,5% / ≥ 80%" in targets
    assert "chưa gắn chỉ số" in targets
    assert "Gắn chỉ số" in targets  # the coordinator may link the third


def test_a_targets_status_changes_with_the_figures(world, form, figures, plan, client_for):
    client = client_for(world.th_coordinator)
    query = f"unit={world.thanh_hoa.pk}&{YEAR_2026}"

    def status():
        _r, text = page(client, query)
        row = text[text.index("100% tin báo") :]
        return row[
            row.index('data-status="') + 13 : row.index('"', row.index('data-status="') + 13)
        ]

    assert status() != "met"
    report(
        world.th_admin,
        form,
        world.quang_binh,
        JAN,
        {"awareness_activities": "1", "tips_handled_share": ("40", "40")},
        reviewer=world.th_coordinator,
    )
    assert status() == "met"  # 43 of 48 ≈ 89,6% ≥ 80%


def test_the_plans_of_units_merged_into_the_unit_count(world, figures, client_for):
    old = Plan.objects.create(
        unit=world.old_thanh_hoa, year_from=2025, year_to=2026, title="Kế hoạch giai đoạn 2025-2026"
    )
    Target.objects.create(
        plan=old,
        comparator=">=",
        value=1,
        measure="count",
        statement="Ít nhất 1 buổi tuyên truyền mỗi năm",
        indicator=Indicator.objects.get(code="awareness_activities"),
    )
    _r, text = page(client_for(world.th_coordinator), f"unit={world.thanh_hoa.pk}&{YEAR_2026}")
    assert "Ít nhất 1 buổi tuyên truyền mỗi năm" in text


def test_a_unit_outside_the_scope_gives_404(world, client_for):
    client = client_for(world.th_coordinator)
    assert (
        client.get(reverse("reporting:dashboard") + f"?unit={world.bac_ninh.pk}").status_code == 404
    )
    assert client_for(world.th_tips).get(reverse("reporting:dashboard")).status_code == 404


def test_the_national_user_chooses_a_province(world, client_for):
    _r, text = page(client_for(world.national), "")
    assert "Tỉnh Thanh Hóa" in text and "Tỉnh Bắc Ninh" in text


# The progress include for the plan page


def test_the_include_shows_a_targets_progress_with_one_query_per_plan(
    world, figures, plan, django_assert_num_queries
):
    template = Template(
        '{% for t in plan.targets.all %}{% include "reporting/_target_progress.html" '
        "with target=t %}{% endfor %}"
    )
    plan = Plan.objects.get(pk=plan.pk)
    with django_assert_num_queries(6):
        text = template.render(Context({"plan": plan}))
    assert text.count("lm-progress") == 3
    assert 'data-status="met"' in text
    assert "chưa gắn chỉ số" in text


# Linking a target to an indicator


def test_the_link_page_suggests_and_saves(world, plan, client_for):
    target = plan.targets.get(order=3)
    client = client_for(world.th_coordinator)
    response = client.get(reverse("reporting:target_link", args=[target.pk]))
    text = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "Gợi ý" in text
    assert "communes_with_awareness_share" in text
    response = client.post(
        reverse("reporting:target_link", args=[target.pk]),
        {"indicator": "communes_with_awareness_share", "version": target.version},
        follow=True,
    )
    assert str(LINKED) in html.unescape(response.content.decode())
    target.refresh_from_db()
    assert target.indicator.code == "communes_with_awareness_share"


def test_a_percent_target_refuses_a_count_indicator(world, plan, client_for):
    target = plan.targets.get(order=3)
    response = client_for(world.th_coordinator).post(
        reverse("reporting:target_link", args=[target.pk]),
        {"indicator": "awareness_activities", "version": target.version},
    )
    assert "cần một chỉ số dạng tỷ lệ" in html.unescape(response.content.decode())
    target.refresh_from_db()
    assert target.indicator is None


def test_linking_outside_the_scope_gives_404_and_read_only_403(world, plan, client_for):
    target = plan.targets.get(order=3)
    url = reverse("reporting:target_link", args=[target.pk])
    assert client_for(world.bn_coordinator).get(url).status_code == 404
    data = {"indicator": "communes_with_awareness_share"}
    assert client_for(world.th_leader).post(url, data).status_code == 403
    target.refresh_from_db()
    assert target.indicator is None
    assert Status.APPROVED


@pytest.mark.parametrize(
    ("back", "lands_on"),
    [
        (reverse("reporting:dashboard"), reverse("reporting:dashboard")),
        ("https://evil.example/", None),
        ("//evil.example/", None),
        ("/\\evil.example/", None),
    ],
)
def test_after_linking_it_goes_back_only_to_a_page_of_this_site(
    world, plan, client_for, back, lands_on
):
    target = plan.targets.get(order=3)
    response = client_for(world.th_coordinator).post(
        reverse("reporting:target_link", args=[target.pk]),
        {"indicator": "communes_with_awareness_share", "next": back, "version": target.version},
    )
    assert response.status_code == 302
    assert response["Location"] == (lands_on or plan.get_absolute_url())


def test_the_message_after_linking_is_in_the_users_language(world, plan, client_for):
    client = client_for(world.th_coordinator)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    target = plan.targets.get(order=3)
    response = client.post(
        reverse("reporting:target_link", args=[target.pk]),
        {"indicator": "communes_with_awareness_share", "version": target.version},
        follow=True,
    )
    text = html.unescape(response.content.decode())
    with translation.override("en"):
        assert str(LINKED) in text
    with translation.override("vi"):
        assert str(LINKED) not in text
