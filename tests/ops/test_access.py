"""Access grid of the operations routes: the health check is public by design and says
the same (up or down, nothing else) to everyone, logged in or not."""

import pytest
from django.urls import reverse

COVERED_ROUTES = {"healthz"}


@pytest.mark.parametrize("who", [None, "bn_coordinator", "nobody", "th_leader", "th_admin"])
def test_the_health_check_answers_everyone_the_same(world, client, who):
    if who:
        client.force_login(getattr(world, who))

    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
