"""Data changes recorded by django-auditlog are copied into the trail with the unit they
belong to, from the object auditlog was handed rather than from the database again."""

import datetime

import pytest
from auditlog.context import set_actor
from auditlog.models import LogEntry
from auditlog.signals import pre_log
from django.contrib.contenttypes.models import ContentType
from django.core.signals import request_finished
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext

from lanhmanh.accounts.models import User
from lanhmanh.audit import signals
from lanhmanh.audit.models import AuditEvent
from lanhmanh.core.audit import AuditAction
from lanhmanh.reporting.requests_models import ReportRequest
from lanhmanh.support import services
from lanhmanh.support.models import Provider
from tests.reporting.helpers import make_form
from tests.world import PASSWORD


def copied(object_type, action):
    return list(AuditEvent.objects.filter(object_type=object_type, action=action).order_by("pk"))


@pytest.fixture
def copy_queries(monkeypatch):
    """The SQL each copy into the trail runs."""
    runs = []
    copy = signals._copy

    def counted(*args):
        with CaptureQueriesContext(connection) as ctx:
            copy(*args)
        runs.append([q["sql"] for q in ctx.captured_queries])

    monkeypatch.setattr(signals, "_copy", counted)
    return runs


def test_a_service_write_is_copied_with_one_query_and_no_fetch_of_its_object(world, copy_queries):
    ContentType.objects.get_for_model(Provider)  # auditlog's lookup, cached once per process
    with set_actor(world.th_social):
        provider = services.provider_save(by=world.th_social, unit=world.thanh_hoa, name="A")
        with CaptureQueriesContext(connection) as update:
            services.provider_save(
                by=world.th_social,
                provider=provider,
                version=provider.version,
                unit=world.thanh_hoa,
                name="B",
            )
    # Each copy is the trail's insert and nothing else.
    assert [[sql.split(" (")[0] for sql in run] for run in copy_queries] == [
        ['INSERT INTO "audit_auditevent"'],
        ['INSERT INTO "audit_auditevent"'],
    ]
    # The update: savepoint, the row locked for the edit and its unit, the unit's
    # existence (full_clean), auditlog's read of the stored row, its entry, the trail's
    # copy, the update, the services read for the m2m set, release.
    assert len(update.captured_queries) == 10
    reads = [q["sql"] for q in update.captured_queries if 'FROM "support_provider"' in q["sql"]]
    assert len(reads) == 2  # the service's and auditlog's, none for the copy
    created, updated = copied("support.provider", AuditAction.CREATE) + copied(
        "support.provider", AuditAction.UPDATE
    )
    assert (created.actor, created.unit_path) == (world.th_social, world.thanh_hoa.path)
    assert (updated.actor, updated.unit_path) == (world.th_social, world.thanh_hoa.path)
    assert updated.detail["changes"]["name"] == ["A", "B"]


def test_an_account_created_takes_the_unit_of_who_created_it(world, copy_queries):
    with set_actor(world.th_admin):
        account = User.objects.create_user(username="moi_tao", password=PASSWORD)
    (event,) = [
        e for e in copied("accounts.user", AuditAction.CREATE) if e.object_id == str(account.pk)
    ]
    assert event.unit_path == world.thanh_hoa.path
    # No memberships of an account inserted just now to read.
    assert [len(run) for run in copy_queries] == [2]  # the actor's memberships, the insert


def test_an_update_moving_the_object_records_the_unit_it_had(world, copy_queries):
    with set_actor(world.th_social):
        provider = services.provider_save(by=world.th_social, unit=world.thanh_hoa, name="A")
        services.provider_save(
            by=world.th_social,
            provider=provider,
            version=provider.version,
            unit=world.hac_thanh,
            name="A",
        )
    (moved,) = copied("support.provider", AuditAction.UPDATE)
    assert moved.unit_path == world.thanh_hoa.path
    assert "unit" in moved.detail["changes"]


def _report_request(world):
    return ReportRequest.objects.create(
        unit=world.thanh_hoa,
        title="Báo cáo đột xuất",
        form=make_form(),
        window_start=datetime.date(2026, 1, 1),
        window_end=datetime.date(2026, 1, 31),
        deadline=datetime.date(2026, 2, 10),
    )


def test_an_m2m_change_is_copied_with_the_unit_of_the_stored_row(world):
    request = _report_request(world)
    # A save that logs nothing (no change) leaves its instance behind; here one moved in
    # memory only. The m2m entry that follows must not take it.
    stale = ReportRequest.objects.get(pk=request.pk)
    stale.unit = world.bac_ninh
    stale.save(update_fields=["title"])
    with set_actor(world.th_coordinator):
        request.units.add(world.hac_thanh)
    (change,) = [
        e
        for e in copied("reporting.reportrequest", AuditAction.UPDATE)
        if "units" in e.detail["changes"]
    ]
    assert change.unit_path == world.thanh_hoa.path
    assert change.detail["changes"]["units"]["operation"] == "add"


def test_a_delete_is_copied_with_the_unit_of_who_deleted(world):
    provider = services.provider_save(by=world.th_social, unit=world.hac_thanh, name="A")
    pk = provider.pk
    with set_actor(world.th_social):
        provider.delete()
    (deleted,) = copied("support.provider", AuditAction.DELETE)
    assert (deleted.object_id, deleted.actor) == (str(pk), world.th_social)
    assert deleted.unit_path == world.thanh_hoa.path  # the actor's unit, as always


def test_a_vetoed_entry_leaves_no_instance_to_the_next_request(world):
    def veto(sender, **kwargs):
        return False

    pre_log.connect(veto, dispatch_uid="test-veto")
    try:
        provider = services.provider_save(by=world.th_social, unit=world.thanh_hoa, name="A")
    finally:
        pre_log.disconnect(dispatch_uid="test-veto")
    assert copied("support.provider", AuditAction.CREATE) == []
    assert signals._logging.get() == (provider, LogEntry.Action.CREATE)
    # The end of a request, as the test client sends it: without closing the connection,
    # which holds the test's transaction.
    request_finished.disconnect(close_old_connections)
    try:
        request_finished.send(sender=None)
    finally:
        request_finished.connect(close_old_connections)
    assert signals._logging.get() is None
