"""Notifications are their recipient's alone: anyone else (an outsider, a user without
any module, the two-membership user, the read-only leader) gets 404 for another's."""

import pytest
from django.urls import reverse

from lanhmanh.notifications.models import Kind, Notification

COVERED_ROUTES = {
    "notifications:list",
    "notifications:bell",
    "notifications:open",
    "notifications:read_all",
    "notifications:preferences",
}
OTHERS = ["bn_coordinator", "nobody", "ln_officer_th_tips", "th_leader", "th_coordinator"]


@pytest.fixture
def note(world):
    return Notification.objects.create(
        recipient=world.hac_thanh_officer,
        kind=Kind.REPORT_RETURNED,
        text="CANARY báo cáo bị trả lại",
        url=reverse("reporting:my_reports"),
    )


@pytest.mark.parametrize("who", OTHERS)
def test_another_users_notification_is_missing(world, note, client_for, who):
    client = client_for(getattr(world, who))
    assert client.get(reverse("notifications:open", args=[note.pk])).status_code == 404
    note.refresh_from_db()
    assert not note.read


@pytest.mark.parametrize("who", OTHERS)
@pytest.mark.parametrize("name", ["notifications:list", "notifications:bell"])
def test_lists_show_only_ones_own(world, note, client_for, who, name):
    response = client_for(getattr(world, who)).get(reverse(name))
    assert response.status_code == 200
    assert "CANARY" not in response.content.decode()


@pytest.mark.parametrize("who", OTHERS)
def test_marking_all_read_touches_only_ones_own(world, note, client_for, who):
    response = client_for(getattr(world, who)).post(reverse("notifications:read_all"))
    assert response.status_code == 302
    note.refresh_from_db()
    assert not note.read


def test_read_all_is_a_post(world, note, client_for):
    client = client_for(world.hac_thanh_officer)
    assert client.get(reverse("notifications:read_all")).status_code == 405


@pytest.mark.parametrize("who", [*OTHERS, "hac_thanh_officer", "national"])
def test_everyone_signed_in_has_preferences(world, client_for, who):
    assert (
        client_for(getattr(world, who)).get(reverse("notifications:preferences")).status_code == 200
    )


def test_anonymous_users_are_sent_to_log_in(client, note):
    for name, args in [("notifications:list", []), ("notifications:open", [note.pk])]:
        response = client.get(reverse(name, args=args))
        assert response.status_code == 302 and "/login/" in response["Location"]
