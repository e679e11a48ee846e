"""Every route of the module: 404 outside the scope or without the module, 403 for the
read-only leader on writes, nothing of Thanh Hóa for an outsider or for a user whose
second role opens another module in Thanh Hóa."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lanhmanh.activities import services
from lanhmanh.activities.models import Activity, AttachmentKind
from lanhmanh.plans.models import Plan
from tests.conftest import kept

from .conftest import jpeg

COVERED_ROUTES = {
    "activities:activity_list",
    "activities:activity_export",
    "activities:activity_create",
    "activities:activity_calendar",
    "activities:activity_detail",
    "activities:activity_update",
    "activities:attachment_add",
    "activities:attachment_file",
    "activities:plan_budget",
    # tests/activities/test_import.py covers these two
    "activities:activity_import",
    "activities:activity_import_save",
}


@kept("acts")
def objects(world, acts):
    attachment = services.attachment_add(
        activity=acts.meeting, by=world.th_coordinator, upload=jpeg(), kind=AttachmentKind.PHOTO
    )
    plan = Plan.objects.create(unit=world.thanh_hoa, year_from=2026, year_to=2026, title="KH")
    return {"a": acts.meeting.pk, "f": attachment.pk, "p": plan.pk}


OBJECT_READS = [("activity_detail", "a"), ("attachment_file", "f"), ("plan_budget", "p")]
OBJECT_WRITES = [("activity_update", "a"), ("attachment_add", "a")]
LISTS = ["activity_list", "activity_export", "activity_calendar"]


def url(name, objects, key=None):
    if name == "plan_budget":
        return reverse(f"activities:{name}", kwargs={"plan_pk": objects[key]})
    return reverse(f"activities:{name}", args=[objects[key]] if key else [])


@pytest.mark.parametrize(("name", "key"), OBJECT_READS + OBJECT_WRITES)
@pytest.mark.parametrize("who", ["bn_coordinator", "nobody", "th_tips", "two_roles"])
def test_it_returns_404_outside_the_scope(world, objects, client_for, two_roles, name, key, who):
    user = two_roles if who == "two_roles" else getattr(world, who)
    client = client_for(user)
    assert client.get(url(name, objects, key)).status_code == 404
    assert client.post(url(name, objects, key), {}).status_code == 404


@pytest.mark.parametrize("name", [*LISTS, "activity_create"])
def test_the_module_does_not_exist_for_roles_without_it(world, objects, client_for, name):
    for user in (world.th_tips, world.th_inspector):
        assert client_for(user).get(url(name, objects)).status_code == 404


@pytest.mark.parametrize(("name", "key"), OBJECT_WRITES)
def test_it_refuses_writes_to_the_read_only_leader(world, objects, client_for, name, key):
    client = client_for(world.th_leader)
    assert client.post(url(name, objects, key), {}).status_code == 403


def test_the_leader_cannot_create_nor_add_budget_lines(world, objects, client_for):
    client = client_for(world.th_leader)
    assert client.get(url("activity_create", objects)).status_code == 403
    response = client.post(
        url("plan_budget", objects, "p"), {"title": "X", "source": "state", "estimate": "1"}
    )
    assert response.status_code == 403


@pytest.mark.parametrize(("name", "key"), OBJECT_READS)
def test_the_leader_reads_every_page(world, objects, client_for, name, key):
    assert client_for(world.th_leader).get(url(name, objects, key)).status_code == 200


@pytest.mark.parametrize("name", ["activity_list", "activity_calendar"])
@pytest.mark.parametrize("who", ["bn_coordinator", "two_roles"])
def test_lists_show_an_outsider_nothing_of_thanh_hoa(
    world, objects, client_for, two_roles, name, who
):
    user = two_roles if who == "two_roles" else getattr(world, who)
    page = client_for(user).get(url(name, objects) + "?year=2026&month=3").content.decode()
    assert "Tuyên truyền tại tổ dân phố 3" not in page
    assert "Tập huấn đội 178" not in page


def test_the_export_gives_an_outsider_only_their_own_activities(world, objects, client_for):
    response = client_for(world.bn_coordinator).get(url("activity_export", objects))
    rows = list(load_workbook(io.BytesIO(response.getvalue())).active.values)
    assert [row[3] for row in rows[1:]] == ["Tuyên truyền ở Lục Nam"]


def test_a_unit_filter_outside_the_scope_is_a_404(world, objects, client_for):
    response = client_for(world.bn_coordinator).get(
        reverse("activities:activity_list"), {"unit": world.thanh_hoa.pk}
    )
    assert response.status_code == 404


def test_an_outsider_cannot_record_in_a_unit_outside_the_scope(world, acts, client_for):
    response = client_for(world.bn_coordinator).post(
        reverse("activities:activity_create"),
        {
            "kind": acts.kinds["leaflets"].pk,
            "title": "Lạc địa bàn",
            "start_date": "2026-03-01",
            "unit": world.hac_thanh.pk,
            "channel": "printed",
            "participants": "0",
            "on_prostitution": "on",
        },
    )
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not Activity.objects.filter(title="Lạc địa bàn").exists()
