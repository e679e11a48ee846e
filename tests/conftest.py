"""The shared test world, built once per test process and rolled back after each test.

The world is created inside an outer transaction that stays open while the tests that use
it run; each test then runs in a savepoint (pytest-django's ``db``), rolled back at its
end, exactly as Django's ``TestCase.setUpTestData``. Tests are ordered so that those
without the world run first and those that use it run together; before a test that needs
an empty database (no world, or a transactional one such as the browser tests) the outer
transaction is rolled back, and it is opened again by the next test that asks for the
world. Each test gets its own copy of the Python objects, so changing an attribute (or
the scope cached on a user) does not leak into the next test.

A module- or session-scoped fixture that commits rows of its own (like tests/plans'
``real_map``) must serve tests that do not use the world: those run before the world opens.
"""

import copy

import pytest
from django.conf import settings
from django.db import connections, transaction
from django.utils import translation

from tests.world import build_world


class SharedWorld:
    """The world inside an outer transaction on every database, opened and rolled back
    between tests."""

    def __init__(self):
        self.world = None
        self._atomics = []

    def open(self, blocker):
        with blocker.unblock():
            for alias in connections:
                atomic = transaction.atomic(using=alias)
                atomic.__enter__()
                self._atomics.append((alias, atomic))
            self.world = build_world()

    def close(self, blocker) -> bool:
        """Roll the world back; False when a test's own transaction is still open inside
        it (the world then stays)."""
        if self.world is None:
            return True
        if any(len(connections[alias].atomic_blocks) > 1 for alias, _ in self._atomics):
            return False
        with blocker.unblock():
            while self._atomics:
                alias, atomic = self._atomics.pop()
                transaction.set_rollback(True, using=alias)
                atomic.__exit__(None, None, None)
        self.world = None
        return True


_shared = SharedWorld()


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


def _uses_world(item) -> bool:
    return "world" in getattr(item, "fixturenames", ()) and not _transactional(item)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    # After pytest-django's order (database tests first, transactional ones last): the
    # tests without the world first, then those with it, each group in collection order.
    position = {id(item): i for i, item in enumerate(items)}
    items.sort(key=lambda item: (_transactional(item), _uses_world(item), position[id(item)]))


@pytest.fixture(scope="session")
def _world_session(django_db_setup, django_db_blocker):
    """Rolls the shared world back before the test databases are dropped."""
    yield _shared
    _shared.close(django_db_blocker)


@pytest.fixture(autouse=True)
def _shared_world_state(request, django_db_blocker):
    """Open the shared world for a test that uses it (before the test's own transaction
    begins), roll it back before a test that must not see it."""
    if _uses_world(request.node):
        shared = request.getfixturevalue("_world_session")
        if shared.world is None and not any(c.in_atomic_block for c in connections.all()):
            shared.open(django_db_blocker)
    else:
        _shared.close(django_db_blocker)


@pytest.fixture
def world(db):
    """The world of tests/world.py: a copy of the shared one's objects, or one built
    inside the test's transaction when its transaction began before the shared world
    could open (a ``django_db`` marker). Transactional tests build their own (see
    tests/browser/conftest.py)."""
    if _shared.world is None:
        return build_world()
    return copy.deepcopy(_shared.world)


@pytest.fixture
def client_for(client):
    """``client_for(user)``: the test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login


@pytest.fixture(autouse=True)
def _language_of_the_users():
    """Every test starts in the language the users see: a request in English earlier in
    the same process (the language switch) leaves its language active in the thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
