"""Every route of the module: 404 outside the scope or without the module (the outsider
of Bắc Ninh, a user without membership, the tip handler, and the user whose second role
opens only tips in Thanh Hóa), 403 for the read-only leader on every write, lists that
show an outsider nothing of Thanh Hóa."""

import pytest
from django.urls import reverse

from lanhmanh.committees import services
from lanhmanh.committees.models import MeetingAttachment
from tests.conftest import kept

from .conftest import jpeg

COVERED_ROUTES = {
    "committees:index",
    "committees:committee",
    "committees:member_create",
    "committees:member_update",
    "committees:member_leave",
    "committees:meeting_list",
    "committees:meeting_create",
    "committees:meeting_detail",
    "committees:meeting_update",
    "committees:meeting_delete",
    "committees:attachment_add",
    "committees:attachment_file",
    "committees:decision_add",
    "committees:decision_task",
    "committees:visit_list",
    "committees:visit_create",
    "committees:visit_detail",
    "committees:visit_update",
    "committees:recommendation_add",
    "committees:recommendation_answer",
    "committees:recommendation_list",
    "committees:commendation_list",
    "committees:commendation_create",
    "committees:commendation_update",
    "committees:commendation_delete",
}


@kept("board")
def objects(world, board):
    attachment = services.attachment_add(
        meeting=board.meeting, by=world.th_coordinator, upload=jpeg()
    )
    return {
        "unit": world.thanh_hoa.pk,
        "member": board.health.pk,
        "meeting": board.meeting.pk,
        "file": attachment.pk,
        "decision": board.decision.pk,
        "visit": board.visit.pk,
        "recommendation": board.overdue.pk,
        "commendation": board.commendation.pk,
    }


# (route, URL keyword, object key)
READS = [
    ("committee", "unit_pk", "unit"),
    ("meeting_detail", "pk", "meeting"),
    ("attachment_file", "pk", "file"),
    ("visit_detail", "pk", "visit"),
]
WRITES = [
    ("member_create", "unit_pk", "unit"),
    ("member_update", "pk", "member"),
    ("member_leave", "pk", "member"),
    ("meeting_create", "unit_pk", "unit"),
    ("meeting_update", "pk", "meeting"),
    ("meeting_delete", "pk", "meeting"),
    ("attachment_add", "pk", "meeting"),
    ("decision_add", "pk", "meeting"),
    ("decision_task", "pk", "decision"),
    ("visit_create", "unit_pk", "unit"),
    ("visit_update", "pk", "visit"),
    ("recommendation_add", "pk", "visit"),
    ("recommendation_answer", "pk", "recommendation"),
    ("commendation_create", "unit_pk", "unit"),
    ("commendation_update", "pk", "commendation"),
    ("commendation_delete", "pk", "commendation"),
]
LISTS = ["index", "meeting_list", "visit_list", "recommendation_list", "commendation_list"]
OUTSIDERS = ["bn_coordinator", "nobody", "th_tips", "ln_officer_th_tips", "th_inspector"]


def url(name, keyword=None, key=None, objects=None):
    kwargs = {keyword: objects[key]} if keyword else {}
    return reverse(f"committees:{name}", kwargs=kwargs)


def test_the_grid_names_every_route_of_the_module():
    from lanhmanh.committees import urls

    assert {f"committees:{p.name}" for p in urls.urlpatterns} == COVERED_ROUTES
    grid = {name for name, *_ in READS + WRITES} | set(LISTS)
    assert {f"committees:{n}" for n in grid} == COVERED_ROUTES


@pytest.mark.parametrize(("name", "keyword", "key"), READS + WRITES)
@pytest.mark.parametrize("who", OUTSIDERS)
def test_it_returns_404_outside_the_scope(world, objects, client_for, name, keyword, key, who):
    client = client_for(getattr(world, who))
    assert client.get(url(name, keyword, key, objects)).status_code == 404
    assert client.post(url(name, keyword, key, objects), {}).status_code == 404


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("who", ["nobody", "th_tips", "th_inspector"])
def test_the_module_does_not_exist_for_roles_without_it(world, objects, client_for, name, who):
    assert client_for(getattr(world, who)).get(url(name)).status_code == 404


@pytest.mark.parametrize(("name", "keyword", "key"), WRITES)
def test_it_refuses_writes_to_the_read_only_leader(world, objects, client_for, name, keyword, key):
    client = client_for(world.th_leader)
    assert client.get(url(name, keyword, key, objects)).status_code == 403
    response = client.post(url(name, keyword, key, objects), {"confirm": "yes"})
    assert response.status_code == 403
    assert MeetingAttachment.objects.filter(meeting_id=objects["meeting"]).count() == 1


@pytest.mark.parametrize(("name", "keyword", "key"), READS)
def test_the_leader_reads_every_page(world, objects, client_for, name, keyword, key):
    assert client_for(world.th_leader).get(url(name, keyword, key, objects)).status_code == 200


@pytest.mark.parametrize("name", LISTS)
def test_the_leader_reads_every_list(world, objects, client_for, name):
    response = client_for(world.th_leader).get(url(name), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain in (
        [],
        [(reverse("committees:committee", kwargs={"unit_pk": world.thanh_hoa.pk}), 302)],
    )


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize("who", ["bn_coordinator", "ln_officer_th_tips"])
def test_lists_show_an_outsider_nothing_of_thanh_hoa(world, objects, client_for, name, who):
    user = getattr(world, who)
    if who == "ln_officer_th_tips":
        # The data officer of Lục Nam has no committee module at all.
        assert client_for(user).get(url(name)).status_code == 404
        return
    page = client_for(user).get(url(name) + "?show=all", follow=True).content.decode()
    for secret in (
        "Họp ban chỉ đạo quý I",
        "Rà soát cơ sở mới mở",
        "Triệt xóa tụ điểm",
        "Hạc Thành",
    ):
        assert secret not in page


def test_a_unit_filter_outside_the_scope_is_a_404(world, objects, client_for):
    client = client_for(world.bn_coordinator)
    for name in ("meeting_list", "visit_list", "commendation_list"):
        response = client.get(url(name), {"unit": world.thanh_hoa.pk})
        assert response.status_code == 404


def test_the_visiting_unit_does_not_answer_its_own_recommendations(world, objects, client_for):
    response = client_for(world.th_coordinator).get(
        url("recommendation_answer", "pk", "recommendation", objects)
    )
    assert response.status_code == 403


def test_the_supervised_unit_does_not_write_the_visit(world, objects, board, client_for):
    client = client_for(board.ward_coordinator)
    assert client.get(url("visit_detail", "pk", "visit", objects)).status_code == 200
    for name in ("visit_update", "recommendation_add"):
        assert client.get(url(name, "pk", "visit", objects)).status_code == 403
    # The province's meetings and committee are outside a ward's scope.
    assert client.get(url("meeting_detail", "pk", "meeting", objects)).status_code == 404
    assert client.get(url("committee", "unit_pk", "unit", objects)).status_code == 404
