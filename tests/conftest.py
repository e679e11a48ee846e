"""The shared test world, built once per test process and rolled back after each test.

The world is created inside an outer transaction that stays open while the tests that use
it run; each test then runs in a savepoint (pytest-django's ``db``), rolled back at its
end, exactly as Django's ``TestCase.setUpTestData``. Records that many tests read can be
built once on top of it for the tests that ask for them in a row (``kept``). Tests are
ordered: those without the world first, then those with it, grouped by module and by the
kept records they ask for, then the transactional ones (the browser tests). Before a test
that needs an empty database the outer transaction is rolled back, and it is opened again
by the next test that asks for the world. Each test gets its own copy of the Python
objects, so changing an attribute (or the scope cached on a user) does not leak into the
next test.

A module- or session-scoped fixture that commits rows of its own (like tests/plans'
``real_map``) must serve tests that do not use the world: those run before the world opens.
"""

import copy
import inspect
import io

import pytest
from django.conf import settings
from django.core import serializers
from django.db import connections, transaction
from django.db.backends.base.creation import BaseDatabaseCreation
from django.utils import translation

from tests import migrated
from tests.world import build_world


class SharedWorld:
    """The world inside an outer transaction on every database, opened and rolled back
    between tests, and above it a stack of kept fixtures' rows, each in its savepoint."""

    def __init__(self):
        self.world = None
        self._atomics = []
        # [(key, atomics, value)]: the kept fixtures built on the world, lowest first.
        self.kept: list[tuple[str, list, object]] = []

    def open(self, blocker):
        self._atomics = _atomics_enter(blocker)
        with blocker.unblock():
            self.world = build_world()

    def close(self, blocker) -> bool:
        """Roll the kept rows and the world back; False when a test's own transaction is
        still open inside them (they then stay)."""
        if self.world is None:
            return True
        depth = 1 + len(self.kept)
        if any(len(connections[alias].atomic_blocks) > depth for alias, _ in self._atomics):
            return False
        self.kept_sync([], blocker)
        _atomics_exit(self._atomics, blocker)
        self.world = None
        return True

    def kept_sync(self, needed: list[str], blocker) -> None:
        """Make the stack of kept fixtures ``needed`` (dependencies first): keep what it
        shares at the bottom, roll back the rest, build what is missing."""
        same = 0
        while same < min(len(self.kept), len(needed)) and self.kept[same][0] == needed[same]:
            same += 1
        while len(self.kept) > same:
            _key, atomics, _value = self.kept.pop()
            _atomics_exit(atomics, blocker)
        values = {key: value for key, _atomics, value in self.kept}
        for key in needed[same:]:
            build, deps = _KEPT[key]
            atomics = _atomics_enter(blocker)
            try:
                with blocker.unblock():
                    value = build(
                        copy.deepcopy(self.world), *(copy.deepcopy(values[d]) for d in deps)
                    )
            except BaseException:
                _atomics_exit(atomics, blocker)
                raise
            self.kept.append((key, atomics, value))
            values[key] = value

    def kept_value(self, key: str):
        for k, _atomics, value in self.kept:
            if k == key:
                return value
        raise RuntimeError(f"{key} is not built: the test began its transaction first")


def _atomics_enter(blocker) -> list:
    atomics = []
    with blocker.unblock():
        for alias in connections:
            atomic = transaction.atomic(using=alias)
            atomic.__enter__()
            atomics.append((alias, atomic))
    return atomics


def _atomics_exit(atomics: list, blocker) -> None:
    with blocker.unblock():
        while atomics:
            alias, atomic = atomics.pop()
            transaction.set_rollback(True, using=alias)
            atomic.__exit__(None, None, None)


_shared = SharedWorld()


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    names = getattr(item, "fixturenames", ())
    return "transactional_db" in names or "live_server" in names


def _uses_world(item) -> bool:
    return "world" in getattr(item, "fixturenames", ()) and not _transactional(item)


# The kept fixtures (``kept``): key → (builder, keys of the kept fixtures it builds on).
_KEPT: dict[str, tuple] = {}


def _kept_needed(item) -> list[str]:
    """The keys of the kept fixtures a test asks for, directly or not, dependencies first."""
    defs = getattr(getattr(item, "_fixtureinfo", None), "name2fixturedefs", {})
    keys = {d[-1].func._kept_key for d in defs.values() if d and hasattr(d[-1].func, "_kept_key")}
    ordered: list[str] = []

    def add(key):
        if key not in ordered:
            for dep in _KEPT[key][1]:
                add(dep)
            ordered.append(key)

    for key in sorted(keys):
        add(key)
    return ordered


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    """SQLite's migrated test database is kept in pytest's cache between runs
    (tests/migrated.py)."""
    if hasattr(config, "cache"):
        migrated.install(config.cache.mkdir("migrated-database"))


def pytest_collection_modifyitems(items):
    # After pytest-django's order (database tests first, transactional ones last: they
    # leave the tables empty): the tests without the world first, then those with it,
    # each group in collection order;
    # in a module, the world's tests grouped by the kept fixtures they ask for, so that
    # each is built once for the group.
    for item in items:
        if _uses_world(item):
            _kept_resolve(item)
    position = {id(item): i for i, item in enumerate(items)}
    module_at: dict = {}
    for item in items:
        module_at.setdefault(item.nodeid.split("::")[0], position[id(item)])
    items.sort(
        key=lambda item: (
            _transactional(item),
            _uses_world(item),
            module_at[item.nodeid.split("::")[0]],
            _kept_needed(item) if _uses_world(item) else [],
            position[id(item)],
        )
    )


def kept(*deps: str):
    """Makes ``def name(world, *deps)`` a fixture whose rows are built once for the tests
    that ask for it in a row (they are ordered so) instead of once per test: built on the
    shared world in a savepoint of its own, kept while consecutive tests ask for it, rolled
    back when one does not. ``deps`` name other kept fixtures it builds on. Each test gets
    a copy of the value (``copy.deepcopy``), as with ``world``; its own changes are rolled
    back with its transaction as always. For records that take a while to make and that
    many tests read (the access grids, the demo)."""

    def decorate(build):
        name = build.__name__
        key = f"{build.__module__}.{name}"

        def fixture(world, request, **_deps):
            return copy.deepcopy(_shared.kept_value(key))

        parameters = [
            inspect.Parameter(n, inspect.Parameter.POSITIONAL_OR_KEYWORD)
            for n in ("world", "request", *deps)
        ]
        fixture.__signature__ = inspect.Signature(parameters)
        fixture.__name__ = name
        fixture.__doc__ = build.__doc__
        fixture._kept_key = key
        _KEPT_PENDING[key] = (build, deps)
        return pytest.fixture(name=name)(fixture)

    return decorate


# Dependencies are named as fixtures; they become keys when a test first needs them.
_KEPT_PENDING: dict[str, tuple] = {}


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
    """Open the shared world and build the kept fixtures for a test that uses them
    (before the test's own transaction begins), roll them back before a test that must
    not see them."""
    if _uses_world(request.node):
        shared = request.getfixturevalue("_world_session")
        if shared.world is None and not any(c.in_atomic_block for c in connections.all()):
            shared.open(django_db_blocker)
        if shared.world is not None:
            _kept_resolve(request.node)
            shared.kept_sync(_kept_needed(request.node), django_db_blocker)
    else:
        _shared.close(django_db_blocker)


@pytest.fixture(autouse=True)
def _django_db_marker(request, _shared_world_state):
    """pytest-django's own, which gives a test marked ``django_db`` its database, taken
    over so that it runs after ``_shared_world_state``: a marked test that uses the world
    then runs on the shared one, not on one built inside its transaction."""
    if request.node.get_closest_marker("django_db"):
        request.getfixturevalue("_django_db_helper")


def _kept_resolve(item) -> None:
    """Register the kept fixtures of a test with their dependencies as keys (a dependency
    is named as a fixture, and a name means the fixture the test itself sees)."""
    defs = item._fixtureinfo.name2fixturedefs
    for fixturedefs in defs.values():
        func = fixturedefs[-1].func
        key = getattr(func, "_kept_key", None)
        if key and key not in _KEPT:
            build, deps = _KEPT_PENDING[key]
            _KEPT[key] = (build, tuple(defs[d][-1].func._kept_key for d in deps))


@pytest.fixture
def world(db):
    """The world of tests/world.py: a copy of the shared one's objects, or one built
    inside the test's transaction when its transaction began before the shared world
    could open (a fixture of the test's own that opens one first). Transactional tests
    build their own (see tests/browser/conftest.py)."""
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
