"""Reads through the API are in the audit trail like the pages' reads: a record opened is
one READ of it, a list page one EXPORT with its filters and row count; a refused read
(outside the scope) records nothing."""

import pytest

from lanhmanh.audit.models import AuditEvent
from lanhmanh.core.audit import AuditAction


def get(client, url, **params):
    return client.get(url, params, HTTP_ACCEPT="application/json")


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


@pytest.mark.parametrize(
    ("url", "obj", "label"),
    [
        ("/api/agencies/{}/", "th_health", "organizations.agency"),
        ("/api/teams/{}/", "th_team", "organizations.inspectionteam"),
        ("/api/units/{}/", "thanh_hoa", "geography.administrativeunit"),
    ],
)
def test_a_record_read_through_the_api_is_recorded(world, client_for, url, obj, label):
    record = getattr(world, obj)
    response = get(client_for(world.th_coordinator), url.format(record.pk))

    assert response.status_code == 200
    (read,) = events(AuditAction.READ)
    assert (read.actor, read.object_type, read.object_id) == (
        world.th_coordinator,
        label,
        str(record.pk),
    )
    assert read.path == url.format(record.pk)
    assert read.detail["api"] in ("agency", "team", "unit")
    assert read.ip == "127.0.0.1"


def test_a_list_through_the_api_is_recorded_as_an_export(world, client_for):
    response = get(client_for(world.th_coordinator), "/api/agencies/", ip="10.9.9.9")

    assert response.status_code == 200
    (export,) = events(AuditAction.EXPORT)
    assert export.actor == world.th_coordinator
    assert export.detail["api"] == "agency"
    assert export.detail["rows"] == len(response.json()["results"]) > 0
    assert export.detail["query"] == {"ip": "10.9.9.9"}
    assert export.ip == "127.0.0.1"  # a parameter never stands for the address
    assert export.unit_path == world.thanh_hoa.path


def test_a_read_outside_the_scope_records_nothing(world, client_for):
    response = get(client_for(world.bn_coordinator), f"/api/agencies/{world.th_health.pk}/")

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action__in=[AuditAction.READ, AuditAction.EXPORT])


def test_an_anonymous_read_records_nothing(world, client):
    assert get(client, "/api/agencies/").status_code in (401, 403)
    assert not AuditEvent.objects.filter(action__in=[AuditAction.READ, AuditAction.EXPORT])
