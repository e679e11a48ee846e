"""No query parameter or path id gives a server error: every route of the URL
configuration, as users of every role, with hostile values (out-of-range years, 40-digit
ids, impossible dates, words for numbers, NUL bytes) answers 2xx, 3xx, 400, 403, 404 or
405, never 500."""

import pytest
from django.contrib.auth import get_user_model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.routes import query_parameters, routes

ROUTES = routes()
PARAMETERS = query_parameters()
HUGE = "1" * 40
NASTY = [
    "9999",
    HUGE,
    "²",
    "-1",
    "abc",
    "2026-02-31",
    "2099-M01",
    "\x00",
    "10000",
    "0",
    "9" * 20,
    "1.5",
    "1e309",
    "NaN",
    "",
    "9999-Y",
    "2026-M13",
    "adhoc-2026-03-01-2026-02-01",
    "adhoc-9999-12-31-9999-12-31",
    "2026-02-31",
    "31/02/2026",
    "0000-01-01",
    "ừ",
]
ROLES = [
    "national",
    "th_admin",
    "th_coordinator",
    "th_leader",
    "th_inspector",
    "th_tips",
    "th_social",
    "hac_thanh_officer",
    "bn_coordinator",
    "nobody",
    "two_provinces",
]


@pytest.fixture
def people(world):
    from lanhmanh.accounts.models import Membership
    from lanhmanh.accounts.roles import Role

    two = get_user_model().objects.create_user("two_provinces", password="x" * 12)
    Membership.objects.create(user=two, unit=world.luc_nam, role=Role.DATA_OFFICER)
    Membership.objects.create(user=two, unit=world.thanh_hoa, role=Role.TIP_HANDLER)
    world.two_provinces = two
    return world


def get(client, url, params):
    response = client.get(url, params)
    assert response.status_code < 500, (url, params, response.status_code)
    return response


def test_the_walk_finds_the_routes_and_their_parameters():
    names = {r.name for r in ROUTES}
    assert {"plans:plan_detail", "reporting:dashboard", "api:unit-detail"} <= names
    assert {"year", "unit", "page", "period"} <= set(PARAMETERS)


def rotated(shift: int) -> dict:
    """Every parameter at once, each with another of the first hostile values: over
    ``ROUNDS`` requests every parameter meets each of them."""
    return {p: NASTY[(shift + i) % ROUNDS] for i, p in enumerate(PARAMETERS)}


ROUNDS = 8


def test_every_route_takes_hostile_values_without_a_server_error(people, client):
    """As the national administrator (who reaches every page): a 40-digit id in the path,
    then every parameter hostile at once."""
    client.force_login(people.national)
    client.raise_request_exception = False  # list every failure, not only the first
    real = {a: people.hac_thanh.pk for r in ROUTES for a in r.arguments}
    failures = []
    for route in ROUTES:
        tries = [(route.url({a: HUGE for a in route.arguments}), {})]
        tries += [(route.url(real), rotated(shift)) for shift in range(ROUNDS)]
        for url, params in tries:
            status = client.get(url, params).status_code
            if status >= 500:
                failures.append((route.name, url, params, status))
    assert failures == [], "\n".join(map(str, failures))


ids = st.one_of(st.integers(0, 50), st.integers(0, 10**40), st.sampled_from([2**63, 2**63 - 1]))
values = st.one_of(
    st.sampled_from(NASTY),
    st.integers(-(10**40), 10**40).map(str),
    st.text(max_size=12),
    st.dates().map(str),
)


@pytest.mark.parametrize("who", ROLES)
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_fuzzed_parameters_never_give_a_server_error(people, client, who, data):
    client.force_login(getattr(people, who))
    route = data.draw(st.sampled_from(ROUTES), label="route")
    path = {a: data.draw(ids, label=a) for a in route.arguments}
    params = data.draw(st.dictionaries(st.sampled_from(PARAMETERS), values, max_size=4))
    get(client, route.url(path), params)
