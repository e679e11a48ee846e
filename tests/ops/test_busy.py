"""A database still busy after its timeout: a 409 page that says to try again, not a 500."""

from unittest import mock

from django.db import OperationalError


def test_a_locked_database_answers_409_try_again(world, client_for):
    client = client_for(world.th_admin)
    with mock.patch(
        "lanhmanh.core.views.render",
        side_effect=OperationalError("database is locked"),
    ):
        response = client.get("/")

    assert response.status_code == 409
    assert "Hệ thống đang bận" in response.content.decode()
