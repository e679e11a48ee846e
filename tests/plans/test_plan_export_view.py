"""Downloading a plan as a Word document: readers in scope get it, nobody else does."""

import io
from urllib.parse import quote

import docx
import pytest
from django.urls import reverse

from lanhmanh.plans.models import Comparator, Measure, Plan, Target, Task
from lanhmanh.plans.views.export import DOCX
from tests.queries import SIGNED_IN_REQUEST


@pytest.fixture
def plan(world):
    plan = Plan.objects.create(
        unit=world.thanh_hoa,
        number="112/KH-UBND",
        year_from=2026,
        year_to=2026,
        title="Phòng, chống mại dâm trên địa bàn tỉnh Thanh Hóa năm 2026",
    )
    Target.objects.create(
        plan=plan,
        statement="Kiểm tra từ 80 đến 130 cơ sở kinh doanh dịch vụ",
        comparator=Comparator.BETWEEN,
        low=80,
        high=130,
        measure=Measure.COUNT,
    )
    task = Task.objects.create(plan=plan, text="Kiểm tra liên ngành", lead=world.th_health)
    task.coordinating.set([world.th_police])
    return plan


def url(plan):
    return reverse("plans:plan_export", args=[plan.pk])


def test_it_returns_the_plan_as_a_word_document(world, plan, client_for):
    response = client_for(world.th_coordinator).get(url(plan))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    document = docx.Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "KẾ HOẠCH" in text
    assert "- Kiểm tra từ 80 đến 130 cơ sở kinh doanh dịch vụ." in text


def test_the_filename_is_vietnamese_with_an_ascii_fallback(world, plan, client_for):
    disposition = client_for(world.th_coordinator).get(url(plan))["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert 'filename="Ke hoach 112-KH-UBND.docx"' in disposition
    assert f"filename*=UTF-8''{quote('Kế hoạch 112-KH-UBND.docx')}" in disposition


def test_a_read_only_leader_may_export(world, plan, client_for):
    assert client_for(world.th_leader).get(url(plan)).status_code == 200


def test_it_returns_404_outside_the_scope(world, plan, client_for):
    client = client_for(world.bn_coordinator)
    assert client.get(url(plan)).status_code == 404
    assert client.get(reverse("plans:plan_export", args=[999999])).status_code == 404


def test_roles_without_the_plans_module_get_404(world, plan, client_for):
    for user in (world.th_inspector, world.th_tips, world.nobody):
        assert client_for(user).get(url(plan)).status_code == 404


def test_it_uses_a_fixed_number_of_queries(world, plan, client_for, django_assert_num_queries):
    client = client_for(world.th_coordinator)
    with django_assert_num_queries(SIGNED_IN_REQUEST + 7):
        client.get(url(plan))
    for i in range(8):
        Task.objects.create(plan=plan, text=f"Nhiệm vụ {i}", lead=world.th_police)
    with django_assert_num_queries(SIGNED_IN_REQUEST + 7):
        client.get(url(plan))
