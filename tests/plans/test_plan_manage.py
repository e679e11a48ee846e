"""Editing a plan, copying it to the next year, deriving it for a unit below: through HTTP."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from lanhmanh.plans.forms_manage import ERR_AGENCY_NOT_OF_UNIT
from lanhmanh.plans.models import (
    Comparator,
    Measure,
    Plan,
    PlanBasis,
    PlanStatus,
    Target,
    Task,
    TaskStatus,
    TaskUpdate,
)
from lanhmanh.plans.services import ERR_ISSUE_NEEDS_DATE, ERR_ISSUE_NEEDS_NUMBER, WARN_DERIVED
from tests.queries import SIGNED_IN_REQUEST


@pytest.fixture
def plan(world):
    plan = Plan.objects.create(
        unit=world.thanh_hoa,
        number="15/KH-UBND",
        issued_on=datetime.date(2026, 1, 10),
        year_from=2026,
        year_to=2026,
        title="Phòng, chống mại dâm trên địa bàn tỉnh Thanh Hóa năm 2026",
        status=PlanStatus.ISSUED,
        topics=["prostitution"],
        signer="Nguyễn Văn Nam",
    )
    Target.objects.create(
        plan=plan,
        order=0,
        statement="90% xã, phường không có tụ điểm mại dâm",
        comparator=Comparator.AT_LEAST,
        value=90,
        measure=Measure.PERCENT,
        agency=world.th_health,
        deadline=datetime.date(2026, 12, 31),
    )
    Target.objects.create(
        plan=plan,
        order=1,
        statement="kiểm tra từ 80 đến 130 cơ sở",
        comparator=Comparator.BETWEEN,
        low=80,
        high=130,
        measure=Measure.COUNT,
        agency=world.th_police,
    )
    police = Task.objects.create(
        plan=plan,
        order=0,
        text="Kiểm tra các cơ sở kinh doanh dịch vụ",
        lead=world.th_police,
        due_date=datetime.date(2026, 6, 30),
        status=TaskStatus.IN_PROGRESS,
    )
    police.coordinating.set([world.th_health])
    Task.objects.create(
        plan=plan, order=1, text="Xây dựng kế hoạch của xã", lead_name="UBND các xã, phường"
    )
    return plan


def edit_url(plan):
    return reverse("plans:plan_update", args=[plan.pk])


def form_data(response) -> dict:
    """What the edit page would send back unchanged."""
    data = {}
    items = [response.context[k] for k in ("form", "bases", "targets", "tasks")]
    for item in items:
        forms = [item.management_form, *item.forms] if hasattr(item, "management_form") else [item]
        for form in forms:
            for field in form:
                value = field.value()
                if value is None or value is False:
                    continue
                if value is True:
                    value = "on"
                if isinstance(value, list | tuple):
                    data[field.html_name] = [str(v) for v in value]
                elif isinstance(value, datetime.date):
                    data[field.html_name] = value.isoformat()
                else:
                    data[field.html_name] = str(value)
    return data


# Editing


def test_a_coordinator_edits_the_header_targets_and_tasks(world, plan, client_for):
    client = client_for(world.th_coordinator)
    page = client.get(edit_url(plan))
    assert page.status_code == 200
    data = form_data(page)
    data["title"] = "Kế hoạch phòng, chống mại dâm năm 2026 (sửa)"
    data["topics"] = ["prostitution", "drugs"]
    data["t-1-high"] = "120"
    # The empty row at the end of the targets becomes a new target.
    data["t-2-statement"] = "100% cơ sở ký cam kết"
    data["t-2-comparator"] = "="
    data["t-2-value"] = "100"
    data["t-2-measure"] = "percent"
    data["k-1-lead"] = str(world.th_health.pk)
    data["k-0-coordinating"] = [str(world.th_health.pk), str(world.th_police.pk)]
    response = client.post(edit_url(plan), data, follow=True)
    assert response.redirect_chain[-1][0] == plan.get_absolute_url()
    assert "Đã lưu kế hoạch." in response.content.decode()
    plan.refresh_from_db()
    assert plan.title.endswith("(sửa)")
    assert plan.topics == ["prostitution", "drugs"]
    targets = list(plan.targets.order_by("order"))
    assert [t.statement for t in targets][-1] == "100% cơ sở ký cam kết"
    assert targets[1].high == Decimal("120")
    tasks = list(plan.tasks.order_by("order"))
    assert tasks[1].lead == world.th_health
    assert set(tasks[0].coordinating.all()) == {world.th_health, world.th_police}
    assert tasks[0].status == TaskStatus.IN_PROGRESS  # editing leaves progress alone


def test_issuing_a_plan_needs_a_number_and_a_date(world, plan, client_for):
    plan.status = PlanStatus.DRAFT
    plan.save()
    client = client_for(world.th_coordinator)
    data = form_data(client.get(edit_url(plan)))
    data.update(status="issued", number="", issued_on="", title="Tiêu đề mới")
    response = client.post(edit_url(plan), data)
    body = response.content.decode()
    assert response.status_code == 200
    assert str(ERR_ISSUE_NEEDS_NUMBER) in body
    assert str(ERR_ISSUE_NEEDS_DATE) in body
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert plan.number == "15/KH-UBND"
    assert plan.title != "Tiêu đề mới"


def test_nothing_is_saved_when_one_row_is_wrong(world, plan, client_for):
    client = client_for(world.th_coordinator)
    data = form_data(client.get(edit_url(plan)))
    data["title"] = "Không được lưu"
    data["t-1-high"] = ""  # a range without its upper end
    data["k-2-text"] = "Một nhiệm vụ mới"
    response = client.post(edit_url(plan), data)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Chỉ tiêu dạng khoảng cần giá trị từ và đến." in body
    assert "Chưa lưu: vui lòng sửa các ô được đánh dấu đỏ bên dưới." in body
    plan.refresh_from_db()
    assert plan.title != "Không được lưu"
    assert plan.tasks.count() == 2
    assert plan.targets.get(order=1).high == 130


def test_an_agency_of_another_unit_is_refused(world, plan, client_for):
    client = client_for(world.th_coordinator)
    data = form_data(client.get(edit_url(plan)))
    data["t-0-agency"] = str(world.bn_health.pk)
    response = client.post(edit_url(plan), data)
    assert str(ERR_AGENCY_NOT_OF_UNIT) in response.content.decode()
    assert plan.targets.get(order=0).agency == world.th_health


def test_removing_rows_asks_for_confirmation_first(world, plan, client_for):
    task = plan.tasks.get(order=0)
    TaskUpdate.objects.create(
        task=task,
        author=world.th_coordinator,
        written_on=datetime.date(2026, 3, 1),
        text="Đã kiểm tra 20 cơ sở",
        status=TaskStatus.IN_PROGRESS,
    )
    client = client_for(world.th_coordinator)
    data = form_data(client.get(edit_url(plan)))
    data["t-0-DELETE"] = "on"
    data["k-0-DELETE"] = "on"
    asked = client.post(edit_url(plan), data)
    body = asked.content.decode()
    assert asked.status_code == 200
    assert "Xác nhận xóa và lưu" in body
    assert "kèm 1 cập nhật tiến độ" in body
    assert plan.targets.count() == 2 and plan.tasks.count() == 2

    data["confirm_removal"] = "1"
    done = client.post(edit_url(plan), data)
    assert done.status_code == 302
    assert list(plan.targets.values_list("statement", flat=True)) == [
        "kiểm tra từ 80 đến 130 cơ sở"
    ]
    assert plan.tasks.count() == 1
    assert not TaskUpdate.objects.exists()


def test_a_basis_is_linked_when_its_number_is_a_plan_in_scope(world, plan, client_for):
    commune = Plan.objects.create(
        unit=world.hac_thanh, year_from=2026, year_to=2026, title="Kế hoạch phường Hạc Thành"
    )
    client = client_for(world.th_coordinator)
    data = form_data(client.get(edit_url(commune)))
    data["b-0-reference"] = "15/KH-UBND"
    data["b-TOTAL_FORMS"] = "2"
    data["b-1-reference"] = "361/QĐ-TTg"
    assert client.post(edit_url(commune), data).status_code == 302
    linked, free = commune.bases.order_by("id")
    assert linked.parent == plan
    assert free.parent is None and free.reference == "361/QĐ-TTg"


def test_adding_a_row_keeps_what_was_typed_and_saves_nothing(world, plan, client_for):
    client = client_for(world.th_coordinator)
    data = form_data(client.get(edit_url(plan)))
    data["title"] = "Đang sửa dở"
    data["more"] = "t"
    response = client.post(edit_url(plan), data)
    assert response.status_code == 200
    assert len(response.context["targets"].forms) == 4  # two targets, two empty rows
    assert "Đang sửa dở" in response.content.decode()
    plan.refresh_from_db()
    assert plan.title != "Đang sửa dở"


def test_editing_is_404_outside_the_scope(world, plan, client_for):
    for user in (world.bn_coordinator, world.th_inspector, world.hac_thanh_officer):
        client = client_for(user)
        assert client.get(edit_url(plan)).status_code == 404
        assert client.post(edit_url(plan), {"title": "x"}).status_code == 404


def test_a_leader_reads_the_plan_but_cannot_edit_it(world, plan, client_for):
    client = client_for(world.th_leader)
    page = client.get(plan.get_absolute_url())
    assert page.status_code == 200
    assert edit_url(plan) not in page.content.decode()
    assert client.get(edit_url(plan)).status_code == 403
    assert client.post(edit_url(plan), {"title": "x"}).status_code == 403
    plan.refresh_from_db()
    assert plan.title != "x"


# Copying to the next year


def copy_url(plan):
    return reverse("plans:plan_copy", args=[plan.pk])


def test_a_plan_is_copied_to_the_next_year_as_a_fresh_draft(world, plan, client_for):
    client = client_for(world.th_coordinator)
    confirm = client.get(copy_url(plan))
    assert confirm.status_code == 200
    assert "2027" in confirm.content.decode()
    assert Plan.objects.count() == 1  # asking creates nothing

    response = client.post(copy_url(plan))
    copy = Plan.objects.get(copied_from=plan)
    assert response.status_code == 302
    assert response.url == copy.get_absolute_url()
    assert (copy.unit, copy.year_from, copy.year_to) == (world.thanh_hoa, 2027, 2027)
    assert copy.title == "Phòng, chống mại dâm trên địa bàn tỉnh Thanh Hóa năm 2027"
    assert (copy.status, copy.number, copy.issued_on) == (PlanStatus.DRAFT, "", None)
    assert [
        (t.statement, t.value, t.low, t.high, t.agency, t.deadline) for t in copy.targets.all()
    ] == [(t.statement, t.value, t.low, t.high, t.agency, None) for t in plan.targets.all()]
    first = copy.tasks.get(order=0)
    assert (first.lead, first.status, first.due_date) == (world.th_police, "not_started", None)
    assert list(first.coordinating.all()) == [world.th_health]
    assert copy.tasks.get(order=1).lead_name == "UBND các xã, phường"


def test_a_second_copy_for_the_same_year_is_refused_with_a_link(world, plan, client_for):
    client = client_for(world.th_coordinator)
    client.post(copy_url(plan))
    existing = Plan.objects.get(copied_from=plan)
    response = client.post(copy_url(plan), follow=True)
    body = response.content.decode()
    assert "Đã có bản sao của kế hoạch này cho năm 2027." in body
    assert f'href="{existing.get_absolute_url()}"' in body
    assert Plan.objects.filter(copied_from=plan).count() == 1


def test_copying_is_404_outside_the_scope_and_403_for_a_leader(world, plan, client_for):
    assert client_for(world.bn_coordinator).post(copy_url(plan)).status_code == 404
    leader = client_for(world.th_leader)
    assert leader.get(copy_url(plan)).status_code == 403
    assert leader.post(copy_url(plan)).status_code == 403
    assert Plan.objects.count() == 1


# Deriving for a unit below


def derive_url(plan):
    return reverse("plans:plan_derive", args=[plan.pk])


def test_a_commune_plan_is_derived_from_the_province_plan(world, plan, client_for):
    client = client_for(world.th_coordinator)
    page = client.get(derive_url(plan))
    offered = set(page.context["form"].fields["unit"].queryset)
    assert offered == {world.hac_thanh, world.quang_ngoc, world.quang_binh}

    response = client.post(derive_url(plan), {"unit": world.hac_thanh.pk})
    child = Plan.objects.get(unit=world.hac_thanh)
    assert response.status_code == 302
    assert response.url == child.get_absolute_url()
    assert child.status == PlanStatus.DRAFT
    assert child.title == "Phòng, chống mại dâm trên địa bàn phường Hạc Thành năm 2026"
    basis = child.bases.get()
    assert (basis.parent, basis.reference) == (plan, "15/KH-UBND")
    percent, count = child.targets.order_by("order")
    assert (percent.value, percent.measure) == (90, "percent")
    assert (count.low, count.high) == (80, 130)
    assert child.import_warnings[0] == str(WARN_DERIVED)
    assert any("kiểm tra từ 80 đến 130 cơ sở" in w for w in child.import_warnings)
    assert not any("90% xã" in w for w in child.import_warnings)
    # The police task goes to the ward's police; the health department has no
    # counterpart in the ward and stays by name.
    police = child.tasks.get(order=0)
    assert police.lead == world.hac_thanh_police
    assert list(police.coordinating.all()) == []
    assert police.coordinating_names == ["Sở Y tế"]
    assert count.agency == world.hac_thanh_police
    by_name = child.tasks.get(order=1)
    assert (by_name.lead, by_name.lead_name) == (None, "UBND các xã, phường")


def test_an_old_plan_is_derived_for_units_as_they_were_in_its_year(world, client_for):
    old = Plan.objects.create(
        unit=world.old_thanh_hoa, year_from=2018, year_to=2018, title="Kế hoạch năm 2018"
    )
    page = client_for(world.th_coordinator).get(derive_url(old))
    offered = set(page.context["form"].fields["unit"].queryset)
    assert world.old_quang_xuong in offered
    assert world.old_dien_bien in offered
    assert world.hac_thanh not in offered


def test_deriving_for_a_unit_elsewhere_is_refused_and_saves_nothing(world, plan, client_for):
    response = client_for(world.th_coordinator).post(derive_url(plan), {"unit": world.luc_nam.pk})
    assert response.status_code == 200
    assert response.context["form"].errors["unit"]
    assert Plan.objects.count() == 1


def test_deriving_twice_for_the_same_unit_is_refused_with_a_link(world, plan, client_for):
    client = client_for(world.th_coordinator)
    client.post(derive_url(plan), {"unit": world.hac_thanh.pk})
    child = Plan.objects.get(unit=world.hac_thanh)
    response = client.post(derive_url(plan), {"unit": world.hac_thanh.pk})
    body = response.content.decode()
    assert "đã có kế hoạch thực hiện kế hoạch này" in body
    assert f'href="{child.get_absolute_url()}"' in body
    assert Plan.objects.filter(unit=world.hac_thanh).count() == 1


def test_deriving_is_404_outside_the_scope_and_403_for_a_leader(world, plan, client_for):
    for user in (world.bn_coordinator, world.hac_thanh_officer):
        assert client_for(user).get(derive_url(plan)).status_code == 404
    leader = client_for(world.th_leader)
    assert leader.get(derive_url(plan)).status_code == 403
    assert leader.post(derive_url(plan), {"unit": world.hac_thanh.pk}).status_code == 403
    assert not PlanBasis.objects.exists()


def test_the_edit_page_uses_a_fixed_number_of_queries(
    world, plan, client_for, django_assert_num_queries
):
    client = client_for(world.th_coordinator)
    with django_assert_num_queries(SIGNED_IN_REQUEST + 13):
        client.get(edit_url(plan))
    for i in range(20):
        task = Task.objects.create(plan=plan, order=2 + i, text=f"Việc {i}", lead=world.th_police)
        task.coordinating.set([world.th_health])
        Target.objects.create(
            plan=plan,
            order=2 + i,
            statement=f"Chỉ tiêu {i}",
            comparator=">=",
            value=i,
            measure="count",
            agency=world.th_police,
        )
    with django_assert_num_queries(SIGNED_IN_REQUEST + 13):
        response = client.get(edit_url(plan))
    assert len(response.context["tasks"].forms) == 23
