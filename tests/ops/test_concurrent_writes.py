"""Concurrent users on the real engine: every request gets its answer (a page, a redirect
or a clear 409), never a 500 — on SQLite (a file database: WAL, busy timeout, IMMEDIATE
transactions) and on PostgreSQL.

Each simulated user is a thread with a test client of its own, so each has its own
database connection and the requests really overlap; a barrier starts them together. On
SQLite the in-memory test database is copied into a file first and the threads open the
file (an in-memory database is one connection shared by all: it cannot show locking).
"""

import sqlite3
import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.test import Client

from lanhmanh.reporting.models import Action, Status, Submission, SubmissionEvent
from lanhmanh.reporting.periods import month
from lanhmanh.reporting.services import submission_create
from tests.reporting.helpers import make_form, report
from tests.world import build_world

# Committed data, seen by every thread; the catalogues of the data migrations come back
# after the test (serialized rollback), for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def engine(tmp_path):
    """Runs functions in threads on a database shared the way production shares it."""
    swapped = None
    if connection.vendor == "sqlite":
        path = tmp_path / "concurrent.sqlite3"

        def to_file():
            target = sqlite3.connect(path)
            connection.ensure_connection()
            connection.connection.backup(target)
            target.close()
            settings = connections.settings["default"]
            connections.settings["default"] = {**settings, "NAME": str(path)}
            return settings

    class Engine:
        def prepare(self):
            nonlocal swapped
            if connection.vendor == "sqlite":
                swapped = to_file()

        def together(self, *functions):
            """Run the functions at the same moment, each in its own thread; their
            results in order."""
            barrier = threading.Barrier(len(functions))
            results = [None] * len(functions)

            def run(i, fn):
                try:
                    barrier.wait()
                    results[i] = fn()
                except Exception as error:
                    results[i] = error
                finally:
                    connections.close_all()

            threads = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(functions)]
            for t in threads:
                t.start()
            for t in threads:
                t.join(120)
            return results

        def read(self, fn):
            return self.together(fn)[0]

    yield Engine()
    if swapped is not None:
        connections.settings["default"] = swapped


def _post(user, url, data):
    def go():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        return client.post(url, data).status_code

    return go


def test_two_approvals_at_once_give_one_approval_and_no_error(engine):
    world = build_world()
    form = make_form()
    sent = report(
        world.hac_thanh_officer,
        form,
        world.hac_thanh,
        month(2026, 1),
        {"awareness_activities": "4"},
        status=Status.SUBMITTED,
    )
    url = f"/reporting/submissions/{sent.pk}/approve/"
    data = {"version": sent.version}
    engine.prepare()

    codes = engine.together(*[_post(world.th_coordinator, url, data) for _ in range(2)])

    assert codes == [302, 302]
    status, version, approvals = engine.read(
        lambda: (
            *Submission.objects.values_list("status", "version").get(pk=sent.pk),
            SubmissionEvent.objects.filter(submission=sent.pk, action=Action.APPROVED).count(),
        )
    )
    assert (status, version, approvals) == (Status.APPROVED, sent.version + 1, 1)


def test_four_saves_at_once_save_one_and_refuse_three_with_409(engine):
    world = build_world()
    draft = submission_create(
        form=make_form(), unit=world.hac_thanh, period=month(2026, 1), user=world.hac_thanh_officer
    )
    url = f"/reporting/submissions/{draft.pk}/"
    engine.prepare()

    codes = engine.together(
        *[
            _post(
                world.hac_thanh_officer,
                url,
                {"version": 1, "action": "save", "v:awareness_activities": str(n)},
            )
            for n in range(4)
        ]
    )

    assert Counter(codes) == {302: 1, 409: 3}, codes
    assert engine.read(lambda: Submission.objects.get(pk=draft.pk).version) == 2


def test_four_edits_of_one_establishment_at_once(engine):
    """Writes outside the reports too: one edit wins, the others see the 409 page."""
    from lanhmanh.inspections.models import BusinessType
    from lanhmanh.inspections.services import establishment_create

    world = build_world()
    karaoke = BusinessType.objects.get(code="karaoke")
    place = establishment_create(
        unit=world.hac_thanh,
        by=world.th_inspector,
        business_type=karaoke,
        name="Karaoke Sao Đêm",
        address="12 Lê Lợi",
        status_since=month(2026, 1).start,
    )
    url = f"/inspections/establishments/{place.pk}/edit/"
    engine.prepare()

    codes = engine.together(
        *[
            _post(
                world.th_inspector,
                url,
                {
                    "business_type": karaoke.pk,
                    "name": f"Karaoke Sao Đêm {n}",
                    "address": "12 Lê Lợi",
                    "risk_level": "medium",
                    "version": 1,
                },
            )
            for n in range(4)
        ]
    )

    assert Counter(codes) == {302: 1, 409: 3}, codes
