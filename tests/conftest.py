"""Fixtures for the whole suite, and the two things that keep it fast.

The test world is built once per test module, not once per test (`world`). And the search index does not
follow each change (the test settings set SEARCH_INDEXING off), except in the modules that read the
index: those listed in SEARCH_INDEXED, or marked `search_indexing`.
"""

import copy
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import override_settings
from pytest_django import DjangoDbBlocker

from klynge.search.services import search_index_rebuild
from tests.databases import (
    demo_database,
    drop_postgresql_template,
    records_for_module,
    run_id,
    setup_test_database,
    teardown_test_database,
)
from tests.factories import ClusterWorld, build_cluster
from tests.smtp import SmtpServer, running_smtp_server

# Test modules (or folders) under tests/ that read the search index, so the index follows each change in
# them as it does in production. The search tests prove so: they write through the services and find it.
# Also where a test asserts that a search does NOT show something (it would pass on an empty index), and
# the hardening tests, whose odd input must pass through indexing too.
SEARCH_INDEXED = (
    "search/",
    "confidentiality/",
    "api/test_search.py",
    "api/test_visibility.py",
    "site/test_permission_matrix.py",
    "hardening/",
)
TESTS_DIR = __file__.rsplit("/", 1)[0]


def _reads_search_index(node: pytest.Item | pytest.Collector) -> bool:
    relative = str(node.path).removeprefix(TESTS_DIR + "/")
    return relative.startswith(SEARCH_INDEXED) or node.get_closest_marker("search_indexing") is not None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A module's shared records (`world`, `module_…`) stay until the module's last test, so in each module
    # the tests without them run first (e.g. those of an empty database), then those with the world only,
    # then those with more; otherwise the order is kept.
    module_order: dict[pytest.Module | None, int] = {}
    for item in items:
        module_order.setdefault(item.getparent(pytest.Module), len(module_order))
    items.sort(key=lambda item: (module_order[item.getparent(pytest.Module)], _module_records_used(item)))
    for item in items:
        # The module-wide world sits in a transaction that a transactional test would commit or flush.
        transactional = "transactional_db" in item.fixturenames or "live_server" in item.fixturenames
        marker = item.get_closest_marker("django_db")
        transactional = transactional or bool(marker and marker.kwargs.get("transaction"))
        if transactional and _module_records_used(item):
            raise pytest.UsageError(
                f"{item.nodeid}: a transactional test cannot use a module's records (`world`, `module_…`); "
                "build its own with build_cluster()"
            )


def _module_records_used(item: pytest.Item) -> int:
    """How many sets of records written once for its module (`records_for_module`) the test reads: in a
    module, tests that read fewer run first, before the others' records are written."""
    return sum(name.startswith("module_") for name in getattr(item, "fixturenames", ()))


@pytest.fixture(scope="session")
def shared_tmp_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary folder that every xdist worker of this run shares (for the database templates)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def django_db_setup(
    django_test_environment: None,
    django_db_modify_db_settings: None,
    django_db_blocker: DjangoDbBlocker,
    shared_tmp_path: Path,
) -> Iterator[None]:
    """pytest-django's test database, copied from the run's migrated template (tests/databases.py)."""
    with django_db_blocker.unblock():
        original = setup_test_database(shared_tmp_path)
    yield
    with django_db_blocker.unblock():
        teardown_test_database(original)


def pytest_sessionfinish(session: pytest.Session) -> None:
    # In the process that ran the whole run (not in an xdist worker): its PostgreSQL template goes.
    url = os.environ.get("KLYNGE_TEST_DATABASE_URL")
    if url and not hasattr(session.config, "workerinput"):
        drop_postgresql_template(url, run_id())


@pytest.fixture(scope="module", autouse=True)
def search_indexing(request: pytest.FixtureRequest) -> Iterator[bool]:
    """Is the index following each change in this module (see SEARCH_INDEXED)? Module-wide, so that
    `world`, built once per module, is indexed as it is written, through the signals."""
    if not _reads_search_index(request.node):
        yield False
        return
    with override_settings(SEARCH_INDEXING=True):
        yield True


@pytest.fixture(autouse=True)
def search_indexing_for_test(request: pytest.FixtureRequest, search_indexing: bool) -> Iterator[None]:
    """A single test marked `search_indexing` in a module that is not: index what exists, then follow."""
    if search_indexing or request.node.get_closest_marker("search_indexing") is None:
        yield
        return
    with override_settings(SEARCH_INDEXING=True):
        request.getfixturevalue("db")
        search_index_rebuild()
        yield


@pytest.fixture(scope="module")
def module_world(
    search_indexing: bool, django_db_setup: None, django_db_blocker: DjangoDbBlocker
) -> Iterator[ClusterWorld]:
    """The test world, built once for a module inside a transaction rolled back after its last test.

    Each test runs in a savepoint inside it (pytest-django's `db`), so what a test writes is rolled back."""
    with records_for_module(django_db_blocker):
        yield build_cluster("Test")


@pytest.fixture
def world(module_world: ClusterWorld, db: None) -> ClusterWorld:
    """A complete test cluster (tests/factories.py), as `build_cluster("Test")` returns it.

    The rows are the module's (see `module_world`); the Python objects are a fresh copy for each test, so
    an instance that one test changes in memory (a service updates what it is given) does not leak."""
    return copy.deepcopy(module_world)


@pytest.fixture(scope="module")
def demo_loaded(
    django_db_setup: None, django_db_blocker: DjangoDbBlocker, shared_tmp_path: Path
) -> Iterator[None]:
    """The demo for a whole test module: a copy of the demo loaded once per run (tests/databases.py),
    replaced by the empty migrated database after the module's last test.

    Each test runs in a transaction rolled back after it (pytest-django's `db`), so what a test writes
    goes too. (Flushing the database instead would also remove rows that data migrations put there.)"""
    with django_db_blocker.unblock(), demo_database(shared_tmp_path):
        yield


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A real SMTP server on this machine (aiosmtpd); send to it within `smtp_server.delivering()`."""
    with running_smtp_server() as server:
        yield server
