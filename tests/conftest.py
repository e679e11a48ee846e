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
import io
from contextlib import contextmanager

import pytest
from django.conf import settings
from django.core import serializers
from django.db import connections, transaction
from django.db.backends.base.creation import BaseDatabaseCreation
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


class _CatalogueRestore:
    """A faster stand-in for Django's ``deserialize_db_from_string``, which puts the rows
    of the data migrations (sectors, indicators, frameworks, the violation catalogue…)
    back after each transactional test empties the tables: Django saves them one by one,
    two queries a row, about 0.7 s a test; here the JSON is read once per process and the
    rows go back with one INSERT per model. Same rows, same keys, constraints checked at
    the end; a row still there is left as it is (Django would save it again)."""

    def __init__(self):
        self._parsed: dict[int, list] = {}

    def _batches(self, data: str, using: str):
        key = hash(data)
        if key not in self._parsed:
            batches: list = []  # [(model, [objects], {m2m field: [(pk, [pks])]})]
            for item in serializers.deserialize("json", io.StringIO(data), using=using):
                obj = item.object
                if not batches or batches[-1][0] is not type(obj):
                    batches.append((type(obj), [], {}))
                batches[-1][1].append(obj)
                for name, pks in (item.m2m_data or {}).items():
                    batches[-1][2].setdefault(name, []).append((obj.pk, pks))
            self._parsed[key] = batches
        return self._parsed[key]

    def __call__(self, creation, data: str) -> None:
        using = creation.connection.alias
        batches = self._batches(data, using)
        with transaction.atomic(using=using):
            with creation.connection.constraint_checks_disabled():
                for model, objects, m2m in batches:
                    manager = model._base_manager.using(using)
                    # Before the first flush the rows are still there: add what is missing.
                    present = set(manager.values_list("pk", flat=True))
                    if present:
                        objects = [obj for obj in objects if obj.pk not in present]
                        m2m = {
                            n: [r for r in rows if r[0] not in present] for n, rows in m2m.items()
                        }
                    manager.bulk_create(objects, batch_size=500)
                    for name, rows in m2m.items():
                        field = model._meta.get_field(name)
                        through = field.remote_field.through
                        source = field.m2m_field_name() + "_id"
                        target = field.m2m_reverse_field_name() + "_id"
                        through._base_manager.using(using).bulk_create(
                            [
                                through(**{source: pk, target: other})
                                for pk, others in rows
                                for other in others
                            ],
                            batch_size=500,
                        )
            creation.connection.check_constraints(
                table_names={model._meta.db_table for model, _, _ in batches}
            )


_restore = _CatalogueRestore()


@pytest.fixture(scope="session", autouse=True)
def _fast_serialized_rollback():
    original = BaseDatabaseCreation.deserialize_db_from_string

    def deserialize_db_from_string(creation, data):
        _restore(creation, data)

    BaseDatabaseCreation.deserialize_db_from_string = deserialize_db_from_string
    yield
    BaseDatabaseCreation.deserialize_db_from_string = original


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


@contextmanager
def kept_for_the_module(blocker):
    """For a module-scoped fixture whose rows, built once on top of the shared world, serve
    every test of its module (the demo, which takes seconds to build): opens the world if
    it is not open, then a savepoint rolled back when the module's last test is done. Each
    test still runs in its own savepoint inside it. Every test asking for such a fixture
    must use the world (``world`` among its arguments): tests are ordered by that."""
    with blocker.unblock():
        if _shared.world is None:
            _shared.open(blocker)
        atomics = []
        for alias in connections:
            atomic = transaction.atomic(using=alias)
            atomic.__enter__()
            atomics.append((alias, atomic))
    try:
        yield _shared.world
    finally:
        with blocker.unblock():
            for alias, atomic in reversed(atomics):
                transaction.set_rollback(True, using=alias)
                atomic.__exit__(None, None, None)


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
