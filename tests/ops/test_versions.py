"""Optimistic concurrency through HTTP: a form made from an older version is refused with
both versions shown (409), a form without a version is refused, nothing is overwritten."""

import html

import pytest
from django.urls import reverse

from lanhmanh.core.concurrency import VERSION_REQUIRED
from lanhmanh.inspections.services import hotspot_create
from lanhmanh.reporting.models import SubmissionValue
from lanhmanh.reporting.periods import month
from lanhmanh.reporting.services import submission_create
from tests.plans.test_plan_manage import edit_url, form_data
from tests.reporting.helpers import make_form

CONFLICT = "Đã có người sửa trước bạn"


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_stale_plan_page_is_refused_with_both_versions(world, plan, client_for):
    mine = client_for(world.th_coordinator)
    first = form_data(mine.get(edit_url(plan)))
    second = dict(first)  # a second tab, opened at the same time
    first["title"] = "Kế hoạch đã sửa ở tab thứ nhất"
    assert mine.post(edit_url(plan), first).status_code == 302
    second["title"] = "Kế hoạch sửa ở tab thứ hai"

    response = mine.post(edit_url(plan), second)

    assert response.status_code == 409
    page = text(response)
    assert CONFLICT in page
    assert "Kế hoạch sửa ở tab thứ hai" in page and "Kế hoạch đã sửa ở tab thứ nhất" in page
    assert "phiên bản 1" in page and "phiên bản 2" in page
    plan.refresh_from_db()
    assert (plan.title, plan.version) == ("Kế hoạch đã sửa ở tab thứ nhất", 2)


def test_a_plan_page_without_its_version_is_refused(world, plan, client_for):
    client = client_for(world.th_coordinator)
    data = form_data(client.get(edit_url(plan)))
    del data["version"]
    data["title"] = "Không phiên bản"

    response = client.post(edit_url(plan), data)

    assert response.status_code == 200
    assert str(VERSION_REQUIRED) in text(response)
    plan.refresh_from_db()
    assert plan.title != "Không phiên bản"


def _establishment(world, records):
    data = {
        "business_type": records.karaoke.pk,
        "name": "",
        "address": "12 Lê Lợi",
        "licence_number": "2801234567",
        "risk_level": "medium",
        "version": 1,
    }
    url = reverse("inspections:establishment_update", args=[records.sao_dem.pk])
    return url, data, "name", records.sao_dem


def _team(world, records):
    url = reverse("organizations:team_update", args=[world.th_team.pk])
    return url, {"name": "", "version": 1}, "name", world.th_team


def _user(world, records):
    url = reverse("accounts:user_update", args=[world.th_tips.pk])
    return url, {"full_name": "", "version": 1}, "full_name", world.th_tips


def _hotspot(world, records):
    hotspot = hotspot_create(
        unit=world.hac_thanh, by=world.th_inspector, name="Công viên", on=records.since
    )
    url = reverse("inspections:hotspot_status", args=[hotspot.pk])
    return url, {"status": "", "on": "2025-09-10", "version": 1}, "status", hotspot


EDITS = {
    "establishment": (_establishment, "th_inspector", ("Tên thứ nhất", "Tên thứ hai")),
    "team": (_team, "th_coordinator", ("Đội thứ nhất", "Đội thứ hai")),
    "user": (_user, "th_admin", ("Người thứ nhất", "Người thứ hai")),
    "hotspot": (_hotspot, "th_inspector", ("eliminated", "watch")),
}


@pytest.mark.parametrize("kind", EDITS)
def test_a_stale_form_is_refused_and_the_first_change_kept(world, records, client_for, kind):
    build, who, (first, second) = EDITS[kind]
    url, data, field, obj = build(world, records)
    client = client_for(getattr(world, who))
    assert client.post(url, {**data, field: first}).status_code == 302

    response = client.post(url, {**data, field: second})  # made from version 1 too

    assert response.status_code == 409
    assert CONFLICT in text(response)
    obj.refresh_from_db()
    assert getattr(obj, field) == first
    assert obj.version == 2


@pytest.mark.parametrize("kind", EDITS)
def test_a_form_without_a_version_is_refused(world, records, client_for, kind):
    build, who, (first, _second) = EDITS[kind]
    url, data, field, obj = build(world, records)
    del data["version"]

    response = client_for(getattr(world, who)).post(url, {**data, field: first})

    assert response.status_code == 200
    assert str(VERSION_REQUIRED) in text(response)
    obj.refresh_from_db()
    assert getattr(obj, field) != first
    assert obj.version == 1


@pytest.mark.parametrize("version", [None, "", "abc", "1e3", "9" * 40])
def test_a_report_saved_without_a_usable_version_is_refused(world, client_for, version):
    draft = submission_create(
        form=make_form(), unit=world.hac_thanh, period=month(2026, 1), user=world.hac_thanh_officer
    )
    data = {"action": "save", "v:awareness_activities": "3"}
    if version is not None:
        data["version"] = version

    response = client_for(world.hac_thanh_officer).post(
        reverse("reporting:submission_detail", args=[draft.pk]), data
    )

    assert response.status_code == 409
    assert not SubmissionValue.objects.filter(submission=draft).exists()
    draft.refresh_from_db()
    assert draft.version == 1
