"""Schemathesis against the API's own OpenAPI schema (drf-spectacular, /api/schema/):
every operation, with values that fit the schema and values that do not, answers
without a server error. Bounded: a few dozen cases per operation and mode."""

from urllib.parse import urlencode

import pytest
import schemathesis
from django.urls import reverse
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.generation.modes import GenerationMode

EXAMPLES = 25


@pytest.fixture
def api(world, client):
    client.force_login(world.th_coordinator)
    response = client.get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    return client, schemathesis.openapi.from_dict(response.json())


def send(client, case):
    query = urlencode({k: v for k, v in (case.query or {}).items() if v is not None}, doseq=True)
    return client.generic(case.method, case.formatted_path, QUERY_STRING=query)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_api_operation_answers_with_a_server_error(api, mode):
    client, schema = api
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6
    failures, sent = [], []
    for operation in operations:

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
            database=None,
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def check(case):
            response = send(client, case)
            sent.append(response.status_code)
            if response.status_code >= 500:
                failures.append((case.method, case.formatted_path, case.query))

        check()
    assert failures == []
    assert len(sent) >= 5 * len(operations)


def test_an_id_filter_beyond_a_database_integer_is_a_bad_request(world, client_for):
    client = client_for(world.th_coordinator)
    for name, parameter in [("api:team-list", "unit"), ("api:unit-list", "parent")]:
        for value in ["-" + "4" * 40, "9" * 30, "1.5", "abc"]:
            assert client.get(reverse(name), {parameter: value}).status_code == 400
        assert client.get(reverse(name), {parameter: "1"}).status_code == 200
