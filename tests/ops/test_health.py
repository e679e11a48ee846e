"""The health check: open to monitoring, says only up or down."""

from unittest import mock

from django.db import OperationalError
from django.urls import reverse


def test_health_needs_no_login_and_checks_the_database(client, db):
    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_health_says_down_without_the_reason(client, db):
    with mock.patch(
        "django.db.backends.utils.CursorWrapper.execute",
        side_effect=OperationalError("could not connect to server at 10.0.0.5 password=x"),
    ):
        response = client.get(reverse("healthz"))

    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error"}
    assert b"10.0.0.5" not in response.content
