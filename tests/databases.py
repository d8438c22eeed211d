"""Test databases copied from one migrated template per run, instead of migrating in every worker.

Migrating an empty database costs some 20 seconds of CPU (Django renders the model states again for each
operation), and every xdist worker, and every test that starts a `klynge` process on a new database, paid
it. Now the first to need it migrates a template, under a file lock in the run's shared temporary folder,
and everyone copies it: SQLite's backup API into a worker's in-memory database, a file copy for a
subprocess, PostgreSQL's `CREATE DATABASE … TEMPLATE`. The PostgreSQL template is dropped when the run ends
(`drop_postgresql_template`, from the controlling process).

The migrations themselves are still run, once per run and database, and tested on their own
(tests/cli/test_klynge_command.py migrates a fresh database through the command, as a user does).
"""

import copy
import hashlib
import importlib.metadata
import inspect
import os
import pickle
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any, TypeVar

import dj_database_url
import psycopg
import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import override_settings
from filelock import FileLock
from pytest_django import DjangoDbBlocker

from klynge.demo.loader import load_demo
from klynge.pagecache.version import local_writes
from tests.processes import run_klynge

T = TypeVar("T")

SQLITE_TEMPLATE = "template.sqlite3"
# The run's PostgreSQL template, as this process's test database was made from it.
_postgresql_template: dict[str, str] = {}


def run_id() -> int:
    """One number for the whole run: the controlling process's id, which its xdist workers share."""
    return os.getppid() if os.environ.get("PYTEST_XDIST_WORKER") else os.getpid()


def postgresql_template_name(database_name: str, run: int) -> str:
    return f"test_{database_name}_template_{run}"


@contextmanager
def records_for_module(django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    """Records that a test module's tests share, written once in a transaction rolled back after the
    module's last test. Each test runs in a savepoint inside it (pytest-django's `db`), so what a test
    writes goes with the test. A module-scoped fixture that writes them is named `module_…`: its module's
    tests without it run first (tests/conftest.py), and a transactional test may not use it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def built_once_per_module(name: str, build: Callable[[Any], T]) -> tuple[Any, Any]:
    """Two fixtures for records a module's tests share, built by `build(world)` once per module on its
    `world`: `module_<name>` (module-scoped, see records_for_module) and `<name>`, which gives each test a
    fresh copy of the built objects (a test that changes one in memory does not change it for the next).
    Assign both in the test module or conftest: `module_x, x = built_once_per_module("x", build_x)`."""

    @pytest.fixture(scope="module", name=f"module_{name}")
    def module_records(module_world: Any, django_db_blocker: DjangoDbBlocker) -> Iterator[T]:
        with records_for_module(django_db_blocker):
            yield build(module_world)

    return module_records, _each_test(name, copy.deepcopy)


def built_alone_once_per_module(name: str, build: Callable[[], T]) -> tuple[Any, Any]:
    """As built_once_per_module, for records that `build()` writes without the module's `world` (its own
    clusters, say): `module_<name>` and `<name>`, which gives each test the module's objects as they are,
    not a copy (they may hold what does not copy, such as test Clients): a test only reads them.
    Assign both in the test module: `module_x, x = built_alone_once_per_module("x", build_x)`."""

    @pytest.fixture(scope="module", name=f"module_{name}")
    def module_records(
        search_indexing: bool, django_db_setup: None, django_db_blocker: DjangoDbBlocker
    ) -> Iterator[T]:
        with records_for_module(django_db_blocker):
            yield build()

    return module_records, _each_test(name, lambda built: built)


def _each_test(name: str, give: Callable[[T], T]) -> Any:
    """The fixture `<name>`: `give(module_<name>)`, in the test's savepoint (pytest-django's `db`)."""

    def records(**fixtures: Any) -> T:
        return give(fixtures[f"module_{name}"])

    # Named in the signature, so that pytest (and the suite's ordering, tests/conftest.py) sees that the
    # test reads the module's records.
    records.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter(p, inspect.Parameter.KEYWORD_ONLY) for p in (f"module_{name}", "db")]
    )
    return pytest.fixture(name=name)(records)


def _migrate(connection: BaseDatabaseWrapper, name: str) -> None:
    """Migrate the database `name` through `connection`, as Django's test set-up does."""
    connection.close()
    connection.settings_dict["NAME"] = name
    call_command("migrate", verbosity=0, interactive=False, run_syncdb=True, database=connection.alias)
    connection.close()


def sqlite_template(shared: Path) -> Path:
    """The run's migrated SQLite file, made by the first caller (in any worker or database run)."""
    template = shared / SQLITE_TEMPLATE
    with FileLock(f"{template}.lock"):
        if template.exists():
            return template
        building = shared / f"{SQLITE_TEMPLATE}.building"
        building.unlink(missing_ok=True)
        connection = connections["default"]
        kept = _kept_sqlite_template()
        if kept.exists():
            shutil.copyfile(kept, building)
        elif connection.vendor == "sqlite":
            saved = connection.settings_dict["NAME"]
            try:
                _migrate(connection, str(building))
            finally:
                connection.settings_dict["NAME"] = saved
        else:
            # A third-party app's data migration writes to the default database whatever it migrates, so
            # a second connection will not do: `klynge migrate` on the file, as a user runs it.
            run_klynge(
                "migrate",
                "--noinput",
                "-v",
                "0",
                data_dir=shared,
                succeed=True,
                DATABASE_URL=f"sqlite:///{building}",
            )
        if not kept.exists():
            _keep_sqlite_template(building, kept)
        os.replace(building, template)
    return template


# The migrated SQLite template outlives the run, for the next run of the same code: CI's PostgreSQL run
# (whose `klynge` subprocesses use SQLite files) after its SQLite run, a developer's next run. It is
# named by a digest of all the code and of the installed packages: migrations, and the code that data
# migrations and `post_migrate` call, decide what a migrated database holds.
KEPT_TEMPLATES = Path(tempfile.gettempdir()) / "klynge-test-templates"


def _kept_sqlite_template() -> Path:
    digest = hashlib.sha256()
    source = Path(__file__).resolve().parents[1] / "src"
    for path in sorted(source.rglob("*.py")):
        digest.update(str(path.relative_to(source)).encode())
        digest.update(path.read_bytes())
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions())
    digest.update("\n".join(packages).encode())
    digest.update(sqlite3.sqlite_version.encode())
    return KEPT_TEMPLATES / f"{digest.hexdigest()[:32]}.sqlite3"


def _keep_sqlite_template(migrated: Path, kept: Path) -> None:
    """Keep `migrated` as `kept`, the only one kept (the others are of older code)."""
    kept.parent.mkdir(exist_ok=True)
    for older in kept.parent.glob("*.sqlite3"):
        older.unlink(missing_ok=True)
    partial = kept.with_suffix(f".{os.getpid()}.partial")
    shutil.copyfile(migrated, partial)
    os.replace(partial, kept)


def copy_sqlite_template(shared: Path, target: Path) -> Path:
    """A migrated SQLite database file at `target`, for a `klynge` subprocess."""
    shutil.copyfile(sqlite_template(shared), target)
    return target


def _postgresql_admin(settings_dict: dict[str, object]) -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(
        host=settings_dict.get("HOST") or None,
        port=settings_dict.get("PORT") or None,
        user=settings_dict.get("USER") or None,
        password=settings_dict.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )


def setup_test_database(shared: Path) -> str:
    """Point the default connection at its test database, copied from the run's template. Returns the
    original database name, for `teardown_test_database`."""
    connection = connections["default"]
    original = str(connection.settings_dict["NAME"])
    test_name = connection.creation._get_test_db_name()
    if connection.vendor == "sqlite":
        template = sqlite_template(shared)
        connection.close()
        settings.DATABASES["default"]["NAME"] = connection.settings_dict["NAME"] = test_name
        connection.ensure_connection()
        if connection.creation.is_in_memory_db(test_name):
            with sqlite3.connect(template) as source:
                source.backup(connection.connection)
        else:
            connection.close()
            shutil.copyfile(template, test_name)
        return original
    if connection.vendor != "postgresql":
        raise NotImplementedError(f"No test database template for {connection.vendor}")
    template_name = postgresql_template_name(original, run_id())
    _postgresql_template["name"] = template_name
    with (
        FileLock(str(shared / f"{template_name}.lock")),
        _postgresql_admin(connection.settings_dict) as admin,
    ):
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template_name]).fetchone()
        if not exists:
            building = f"{template_name}_building"
            admin.execute(f'DROP DATABASE IF EXISTS "{building}"')
            admin.execute(f'CREATE DATABASE "{building}"')
            _migrate(connection, building)
            admin.execute(f'ALTER DATABASE "{building}" RENAME TO "{template_name}"')
        admin.execute(f'DROP DATABASE IF EXISTS "{test_name}"')
        admin.execute(f'CREATE DATABASE "{test_name}" TEMPLATE "{template_name}"')
    connection.close()
    settings.DATABASES["default"]["NAME"] = connection.settings_dict["NAME"] = test_name
    return original


def teardown_test_database(original: str) -> None:
    """Drop the test database (nothing to drop for SQLite in memory) and point back at `original`."""
    connections["default"].creation.destroy_test_db(original, verbosity=0)


def drop_postgresql_template(url: str, run: int) -> None:
    """Drop the run's PostgreSQL template (from the process that ran the whole run, at its end)."""
    config = dj_database_url.parse(url)
    with _postgresql_admin(dict(config)) as admin:
        name = postgresql_template_name(str(config["NAME"]), run)
        admin.execute(f'DROP DATABASE IF EXISTS "{name}_demo" WITH (FORCE)')
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def create_postgresql_database_from_template(url: str, name: str) -> None:
    """A new database `name` on the test server, migrated: a copy of the run's template (which the
    worker's `django_db_setup` made)."""
    config = dj_database_url.parse(url)
    template_name = postgresql_template_name(str(config["NAME"]), run_id())
    with _postgresql_admin(dict(config)) as admin:
        admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template_name}"')


# The demo, loaded once per run and copied into each module that reads it: loading it costs seconds (it
# publishes every agenda's package PDFs), and some twenty modules read it.
DEMO_SNAPSHOT = "demo.sqlite3"
DEMO_FILES = "demo-files.pickle"


def _database_replaced() -> None:
    """The database changed beneath this process, without a statement of its own: forget what it cached
    of it (content types, and the anonymous pages, whose keys move on with the local write counter)."""
    ContentType.objects.clear_cache()
    local_writes.increment()


def _use_database(connection: BaseDatabaseWrapper, name: str) -> None:
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = connection.settings_dict["NAME"] = name


def _stored_names(path: str = "") -> set[str]:
    directories, files = default_storage.listdir(path)
    names = {f"{path}/{name}" if path else name for name in files}
    for directory in directories:
        names |= _stored_names(f"{path}/{directory}" if path else directory)
    return names


def _load_demo_committed(files: Path) -> None:
    """Load the demo in the current database, committed, with its search index as in production, and
    keep the files it stored (the test storage is in this process's memory) in `files`."""
    before = _stored_names()
    with override_settings(SEARCH_INDEXING=True):
        load_demo()
    stored = {}
    for name in sorted(_stored_names() - before):
        with default_storage.open(name, "rb") as handle:
            stored[name] = handle.read()
    building = files.with_suffix(".building")
    building.write_bytes(pickle.dumps(stored))
    os.replace(building, files)


def _restore_files(files: Path) -> None:
    for name, data in pickle.loads(files.read_bytes()).items():
        if default_storage.exists(name):
            default_storage.delete(name)
        default_storage.save(name, ContentFile(data))


@contextmanager
def demo_database(shared: Path) -> Iterator[None]:
    """The demo in the test database until the block ends, then the empty migrated database again.

    Inside a transaction already open (a module's `world`), the demo is loaded in it and rolled back."""
    connection = connections["default"]
    connection.ensure_connection()
    if connection.in_atomic_block:
        with transaction.atomic():
            load_demo()
            yield
            transaction.set_rollback(True)
        return
    files = shared / DEMO_FILES
    if connection.vendor == "sqlite":
        snapshot = shared / DEMO_SNAPSHOT
        with FileLock(f"{snapshot}.lock"):
            loaded_here = not snapshot.exists()
            if loaded_here:
                _load_demo_committed(files)
                building = shared / f"{DEMO_SNAPSHOT}.building"
                with closing(sqlite3.connect(building)) as target:
                    connection.connection.backup(target)
                os.replace(building, snapshot)
        if not loaded_here:
            with closing(sqlite3.connect(snapshot)) as source:
                source.backup(connection.connection)
            _restore_files(files)
        _database_replaced()
        try:
            yield
        finally:
            with closing(sqlite3.connect(sqlite_template(shared))) as source:
                source.backup(connection.connection)
            _database_replaced()
        return
    test_name = str(connection.settings_dict["NAME"])
    migrated = _postgresql_template["name"]
    demo_template = f"{migrated}_demo"
    clone = f"{test_name}_demo"
    with (
        FileLock(str(shared / f"{demo_template}.lock")),
        _postgresql_admin(connection.settings_dict) as admin,
    ):
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [demo_template]).fetchone()
        loaded_here = not exists
        if loaded_here:
            building = f"{demo_template}_building"
            admin.execute(f'DROP DATABASE IF EXISTS "{building}"')
            admin.execute(f'CREATE DATABASE "{building}" TEMPLATE "{migrated}"')
            _use_database(connection, building)
            try:
                _load_demo_committed(files)
            finally:
                _use_database(connection, test_name)
            admin.execute(f'ALTER DATABASE "{building}" RENAME TO "{demo_template}"')
        admin.execute(f'DROP DATABASE IF EXISTS "{clone}"')
        admin.execute(f'CREATE DATABASE "{clone}" TEMPLATE "{demo_template}"')
    if not loaded_here:
        _restore_files(files)
    _use_database(connection, clone)
    _database_replaced()
    try:
        yield
    finally:
        _use_database(connection, test_name)
        _database_replaced()
        with _postgresql_admin(connection.settings_dict) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{clone}" WITH (FORCE)')
