"""Optimistic concurrency of the objects edited on more than one page or in the catalogues:
a plan's targets and tasks (each row has its own version), agencies, the indicator
catalogue and the admin's catalogue rows. A stale form is refused with both versions
(409), a form without a version is refused, nothing is overwritten."""

import html

import pytest
from django.urls import reverse

from lanhmanh.core.concurrency import VERSION_REQUIRED
from lanhmanh.indicators.models import CategorySet, Indicator
from lanhmanh.inspections.models import BusinessType
from lanhmanh.organizations.models import Sector
from lanhmanh.plans.models import Target, Task
from tests.plans.test_plan_manage import edit_url, form_data
from tests.reporting.test_setup_views import indicator_post

CONFLICT = "Đã có người sửa trước bạn"


def text(response) -> str:
    return html.unescape(response.content.decode())


def _limits_url(target):
    return reverse("reporting:target_limits", args=[target.pk])


# A plan's rows: edited on the plan's page and on a target's own pages


def test_a_plan_page_with_a_target_changed_since_is_refused(world, plan, client_for):
    client = client_for(world.th_coordinator)
    target = plan.targets.get(order=0)
    page = form_data(client.get(edit_url(plan)))  # made from the target's version 1
    limits = {"limit_level": "commune", "version": 1}
    assert client.post(_limits_url(target), limits).status_code == 302
    prefix = next(
        k[: -len("-id")] for k, v in page.items() if k.endswith("-id") and v == str(target.pk)
    )
    page[f"{prefix}-statement"] = "Chỉ tiêu sửa trên trang cũ"

    response = client.post(edit_url(plan), page)

    assert response.status_code == 409
    shown = text(response)
    assert CONFLICT in shown and "phiên bản 1" in shown and "phiên bản 2" in shown
    assert "Chỉ tiêu sửa trên trang cũ" in shown and target.statement in shown
    target.refresh_from_db()
    assert target.limit_level == "commune" and target.version == 2
    assert target.statement != "Chỉ tiêu sửa trên trang cũ"
    plan.refresh_from_db()
    assert plan.version == 1  # the whole page was refused


def _with_task(world, plan):
    return Task.objects.create(plan=plan, text="Kiểm tra cơ sở lưu trú", lead=world.th_health)


def test_a_stale_task_row_is_refused_and_a_deleted_one_kept(world, plan, client_for):
    task = _with_task(world, plan)
    client = client_for(world.th_coordinator)
    page = form_data(client.get(edit_url(plan)))
    prefix = next(
        k[: -len("-id")] for k, v in page.items() if k.endswith("-id") and v == str(task.pk)
    )
    Task.objects.filter(pk=task.pk).update(text="Sửa ở nơi khác", version=2)
    page[f"{prefix}-DELETE"] = "on"
    page["confirm_removal"] = "1"

    response = client.post(edit_url(plan), page)

    assert response.status_code == 409
    task.refresh_from_db()
    assert task.text == "Sửa ở nơi khác" and task.version == 2


def test_a_plan_page_without_a_row_version_is_refused(world, plan, client_for):
    client = client_for(world.th_coordinator)
    target = plan.targets.get(order=0)
    page = form_data(client.get(edit_url(plan)))
    prefix = next(
        k[: -len("-id")] for k, v in page.items() if k.endswith("-id") and v == str(target.pk)
    )
    del page[f"{prefix}-version"]
    page[f"{prefix}-statement"] = "Không phiên bản"

    response = client.post(edit_url(plan), page)

    assert response.status_code == 200
    assert str(VERSION_REQUIRED) in text(response)
    target.refresh_from_db()
    assert target.statement != "Không phiên bản" and target.version == 1


def test_a_plan_page_saves_rows_and_moves_their_versions(world, plan, client_for):
    client = client_for(world.th_coordinator)
    target = plan.targets.get(order=0)
    page = form_data(client.get(edit_url(plan)))
    prefix = next(
        k[: -len("-id")] for k, v in page.items() if k.endswith("-id") and v == str(target.pk)
    )
    page[f"{prefix}-statement"] = "Chỉ tiêu đã sửa"

    assert client.post(edit_url(plan), page).status_code == 302

    target.refresh_from_db()
    assert (target.statement, target.version) == ("Chỉ tiêu đã sửa", 2)
    untouched = plan.targets.get(order=1)
    assert untouched.version == 1  # a row the page did not change keeps its version


@pytest.mark.parametrize("version", [None, "", "abc", "1"])
def test_a_target_link_without_its_current_version_is_refused(world, plan, client_for, version):
    target = plan.targets.get(order=0)
    Target.objects.filter(pk=target.pk).update(version=2)
    data = {"indicator": ""}
    if version is not None:
        data["version"] = version

    response = client_for(world.th_coordinator).post(
        reverse("reporting:target_link", args=[target.pk]), data
    )

    assert response.status_code == 409
    target.refresh_from_db()
    assert target.version == 2


def test_a_target_link_with_its_version_is_saved(world, plan, client_for):
    target = plan.targets.get(order=0)
    response = client_for(world.th_coordinator).post(
        reverse("reporting:target_link", args=[target.pk]), {"indicator": "", "version": "1"}
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.version == 2


# One form, one object: limits, agency, indicator, breakdown


def _limits(world, plan):
    target = plan.targets.get(order=0)
    return _limits_url(target), {"version": 1}, "limit_level", ("commune", "province"), target


def _agency(world, plan):
    url = reverse("organizations:agency_update", args=[world.th_police.pk])
    data = {"sector": world.th_police.sector_id, "is_active": "on", "version": 1}
    return url, data, "name", ("Công an tỉnh (1)", "Công an tỉnh (2)"), world.th_police


EDITS = {
    "target limits": (_limits, "th_coordinator"),
    "agency": (_agency, "th_admin"),
}


@pytest.mark.parametrize("kind", EDITS)
def test_a_stale_form_is_refused_and_the_first_change_kept(world, plan, client_for, kind):
    build, who = EDITS[kind]
    url, data, field, (first, second), obj = build(world, plan)
    client = client_for(getattr(world, who))
    assert client.post(url, {**data, field: first}).status_code == 302

    response = client.post(url, {**data, field: second})  # made from version 1 too

    assert response.status_code == 409
    shown = text(response)
    assert CONFLICT in shown and "phiên bản 1" in shown and "phiên bản 2" in shown
    obj.refresh_from_db()
    assert (getattr(obj, field), obj.version) == (first, 2)


@pytest.mark.parametrize("kind", EDITS)
@pytest.mark.parametrize("version", [None, "abc"])
def test_a_form_without_a_usable_version_is_refused(world, plan, client_for, kind, version):
    build, who = EDITS[kind]
    url, data, field, (first, _second), obj = build(world, plan)
    del data["version"]
    if version is not None:
        data["version"] = version

    response = client_for(getattr(world, who)).post(url, {**data, field: first})

    assert response.status_code == 200
    obj.refresh_from_db()
    assert getattr(obj, field) != first and obj.version == 1


def test_a_stale_indicator_edit_is_refused_with_both_versions(world, client_for):
    indicator = Indicator.objects.filter(current=True, owner=None).first()
    client = client_for(world.national)
    url = reverse("reporting:indicator_edit", args=[indicator.pk])
    assert client.post(url, indicator_post(indicator, name="Tên thứ nhất")).status_code == 302
    saved = Indicator.objects.get(code=indicator.code, current=True)

    stale = client.post(
        reverse("reporting:indicator_edit", args=[saved.pk]),
        indicator_post(saved, name="Tên thứ hai", version=saved.version - 1),
    )

    assert stale.status_code == 409
    assert CONFLICT in text(stale) and "Tên thứ hai" in text(stale)
    assert Indicator.objects.get(code=indicator.code, current=True).name == "Tên thứ nhất"


@pytest.mark.parametrize("version", [None, "", "abc"])
def test_an_indicator_edit_without_a_usable_version_is_refused(world, client_for, version):
    indicator = Indicator.objects.filter(current=True, owner=None).first()
    data = indicator_post(indicator, name="Không phiên bản")
    del data["version"]
    if version is not None:
        data["version"] = version

    response = client_for(world.national).post(
        reverse("reporting:indicator_edit", args=[indicator.pk]), data
    )

    assert response.status_code == 400
    indicator.refresh_from_db()
    assert indicator.name != "Không phiên bản" and indicator.version == 1


def _breakdown_post(category_set, **changes):
    options = "\n".join(f"{o.code} | {o.name}" for o in category_set.options.all())
    return {
        "code": category_set.code,
        "name": category_set.name,
        "order": category_set.order,
        "options": options,
        "version": category_set.version,
    } | changes


def test_a_stale_or_versionless_breakdown_edit_is_refused(world, client_for):
    category_set = CategorySet.objects.filter(owner=None).first()
    client = client_for(world.national)
    url = reverse("reporting:breakdown_edit", args=[category_set.pk])
    assert client.post(url, _breakdown_post(category_set, name="Tên thứ nhất")).status_code == 302

    stale = client.post(url, _breakdown_post(category_set, name="Tên thứ hai"))
    missing = _breakdown_post(category_set, name="Tên thứ ba")
    del missing["version"]
    versionless = client.post(url, missing)

    assert stale.status_code == 409 and CONFLICT in text(stale)
    assert versionless.status_code == 400
    category_set.refresh_from_db()
    assert (category_set.name, category_set.version) == ("Tên thứ nhất", 2)


# Catalogue rows, kept in the admin by national administrators


def _admin_url(obj):
    meta = obj._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def test_a_stale_catalogue_row_in_the_admin_is_refused(world, client_for):
    sector = Sector.objects.first()
    client = client_for(world.national)
    data = {"code": sector.code, "order": sector.order, "version": 1}
    assert client.post(_admin_url(sector), {**data, "name": "Ngành thứ nhất"}).status_code == 302

    response = client.post(_admin_url(sector), {**data, "name": "Ngành thứ hai"})

    assert response.status_code == 409
    shown = text(response)
    assert CONFLICT in shown and "Ngành thứ hai" in shown and "Ngành thứ nhất" in shown
    sector.refresh_from_db()
    assert (sector.name, sector.version) == ("Ngành thứ nhất", 2)


def test_a_catalogue_row_in_the_admin_without_a_version_is_refused(world, client_for):
    business_type = BusinessType.objects.create(code="karaoke_x", name="Karaoke")
    data = {"code": business_type.code, "name": "Không phiên bản", "order": 0}

    response = client_for(world.national).post(_admin_url(business_type), data)

    assert response.status_code == 200  # the admin shows the form again with its error
    business_type.refresh_from_db()
    assert business_type.name == "Karaoke" and business_type.version == 1


def _report_form_page(client, report_form) -> dict:
    """What the report form's edit page would send back unchanged."""
    response = client.get(reverse("reporting:form_edit", args=[report_form.pk]))
    data = {}
    for name in ("settings", "rows", "sections", "rules"):
        item = response.context[name]
        forms = [item.management_form, *item.forms] if hasattr(item, "management_form") else [item]
        for form in forms:
            for field in form:
                value = field.value()
                if value is None or value is False or field.field.disabled:
                    continue
                if value is True:
                    value = "on"
                if isinstance(value, list | tuple):
                    data[field.html_name] = [str(getattr(v, "pk", v)) for v in value]
                else:
                    data[field.html_name] = str(getattr(value, "pk", value))
    return data


def test_a_stale_or_versionless_report_form_edit_is_refused(world, client_for):
    from lanhmanh.reporting.models import ReportForm
    from tests.reporting.helpers import make_form

    report_form = make_form()
    client = client_for(world.national)
    url = reverse("reporting:form_edit", args=[report_form.pk])
    page = _report_form_page(client, report_form)
    assert page["version"] == str(report_form.version)
    ReportForm.objects.filter(pk=report_form.pk).update(version=report_form.version + 1)

    stale = client.post(url, {**page, "name": "Tên cũ sửa lại"})
    missing = {k: v for k, v in page.items() if k != "version"} | {"name": "Không phiên bản"}
    versionless = client.post(url, missing)

    assert stale.status_code == 409 and CONFLICT in text(stale)
    assert versionless.status_code != 302 and str(VERSION_REQUIRED) in text(versionless)
    assert ReportForm.objects.get(pk=report_form.pk).name == report_form.name
