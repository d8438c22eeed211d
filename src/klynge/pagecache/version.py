"""The data version: what the page cache's key holds so that no write is ever read under an old key.

Every statement that every database connection executes passes `_watch` (a connection execute wrapper,
installed on each connection as it is created). A statement that may write — anything but a read such as
SELECT, a savepoint or transaction statement — on any table but the sessions', django-axes' and this
app's own is a write, however it was made (a model's save, a service, `queryset.update()`,
`bulk_create`, raw SQL, `loaddata`, a migration). On each write:

1. the process-local write counter goes up at once (no SQL): this process's next key differs, even for
   a write inside a transaction that is later rolled back (the counter never goes back, so nothing
   cached while the transaction was open is found again), and also in the test suite, whose
   transactions never commit;
2. the shared version row (`DataVersion`) is bumped on commit (`transaction.on_commit`), or at once
   after a write outside a transaction, in a statement of its own that is no write by the rule above.
   Every worker and server reads the row once per anonymous request, so none can find a page cached
   before the commit. It is bumped after the commit, never inside the writing transaction: two
   writers that locked the row in different orders would deadlock on PostgreSQL. Between a write's
   commit and its bump (the next statement of the same thread) another worker may still serve the page
   as it was a moment before the commit, never a page older than that.

A rolled-back savepoint (`ROLLBACK TO SAVEPOINT`, which passes the wrapper) raises the local counter too;
a rolled-back transaction, which does not pass it, is noticed by `current_key` (the bump it had
registered on commit is gone and never ran).

The key is (shared version, local counter). The local counter is this process's own, so the page cache
must be local to the process too (local memory, as the settings configure it).
"""

import logging
import random
import re
import threading
from collections.abc import Callable
from typing import Any

from django.db import DatabaseError, connections
from django.db.backends.base.base import NO_DB_ALIAS, BaseDatabaseWrapper
from django.db.backends.signals import connection_created

from klynge.pagecache.models import DataVersion

logger = logging.getLogger(__name__)

# Writes to these tables change no page: logins and their rate limiting, and the version row itself.
EXEMPT_TABLE_PREFIXES = ("django_session", "axes_", DataVersion._meta.db_table)

# Statements that read (or only mark transactions); everything else may write. A ROLLBACK is handled apart.
READING = frozenset(
    {
        "select",
        "savepoint",
        "release",
        "begin",
        "commit",
        "start",
        "set",
        "show",
        "explain",
        "pragma",
        "values",
    }
)
_WORD = re.compile(r"\s*\(*\s*([a-zA-Z]+)")
_TARGET = re.compile(
    r"""\s*(?:insert(?:\s+or\s+\w+)?\s+into|replace\s+into|update(?:\s+or\s+\w+)?|delete\s+from)\s+(?:only\s+)?"""
    r"""(?:"([^"]+)"|`([^`]+)`|([\w.]+))""",
    re.IGNORECASE,
)
_DML = re.compile(r"\b(insert|update|delete|merge)\b", re.IGNORECASE)


class _Counter:
    def __init__(self) -> None:
        self.value = 0
        self._lock = threading.Lock()

    def increment(self) -> None:
        with self._lock:
            self.value += 1


local_writes = _Counter()


def is_write(sql: str) -> bool:
    """Could this statement change what a page shows? In doubt, yes."""
    head = sql[:300]
    match = _WORD.match(head)
    if match is None:
        return True
    word = match.group(1).lower()
    body = sql.strip().rstrip(";")
    if ";" in body:
        return True  # more than one statement: do not guess
    if word == "with":
        return _DML.search(sql) is not None
    if word in READING:
        return False
    target = _TARGET.match(head)
    if target is not None:
        table = (target.group(1) or target.group(2) or target.group(3)).lower().rsplit(".", 1)[-1]
        if table.startswith(EXEMPT_TABLE_PREFIXES):
            return False
    return True


def is_rollback(sql: str) -> bool:
    return sql.lstrip()[:8].lower() == "rollback"


class _SharedBump:
    """The bump of the shared version, registered on commit once per transaction (and connection)."""

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection
        self.done = False

    def __call__(self) -> None:
        self.done = True
        _bump(self.connection)


def _registered(connection: BaseDatabaseWrapper, bump: _SharedBump) -> bool:
    return any(entry[1] is bump for entry in connection.run_on_commit)


def _watch(execute: Callable[..., Any], sql: str, params: Any, many: bool, context: dict[str, Any]) -> Any:
    result = execute(sql, params, many, context)
    if sql[:6].lower() == "select":
        return result
    if is_rollback(sql):
        local_writes.increment()
        return result
    if not is_write(sql):
        return result
    local_writes.increment()
    connection: BaseDatabaseWrapper = context["connection"]
    if connection.alias == NO_DB_ALIAS:
        return result  # the maintenance connection (creating or dropping a database) has no version row
    if connection.in_atomic_block:
        pending: _SharedBump | None = getattr(connection, "_pagecache_bump", None)
        if pending is None or pending.done or not _registered(connection, pending):
            pending = _SharedBump(connection)
            connection._pagecache_bump = pending  # type: ignore[attr-defined]
            connection.on_commit(pending, robust=True)
    elif connection.get_autocommit():
        _bump(connection)
    # In manual transaction management (set_autocommit(False), which Klynge does not use) no commit can be
    # waited for: the local counter has moved, and other workers follow within the cache's TTL.
    return result


def bump_shared_version(*, using: str = "default") -> None:
    """Change the shared version (a new row starts at a random number, so a database emptied and filled
    again never repeats a version that caches may still hold)."""
    _bump(connections[using])


def _bump(connection: BaseDatabaseWrapper) -> None:
    table = connection.ops.quote_name(DataVersion._meta.db_table)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (id, version) VALUES (1, %s) "
                f"ON CONFLICT (id) DO UPDATE SET version = {table}.version + 1",
                [random.randrange(1, 2**52)],
            )
    except DatabaseError as error:  # e.g. while `migrate` has not yet made the table
        logger.debug("The page cache's data version was not bumped: %s", error)


def shared_version(*, using: str = "default") -> int:
    connection = connections[using]
    table = connection.ops.quote_name(DataVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {table} WHERE id = 1")
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def _notice_rollbacks() -> None:
    """A transaction that wrote and ended without commit took its registered bump with it: move on."""
    for connection in connections.all(initialized_only=True):
        pending: _SharedBump | None = getattr(connection, "_pagecache_bump", None)
        if pending is not None and not pending.done and not _registered(connection, pending):
            local_writes.increment()
            connection._pagecache_bump = None  # type: ignore[attr-defined]


def current_key(*, using: str = "default") -> str:
    """The data part of a cache key: the shared version (one query) and this process's write counter."""
    _notice_rollbacks()
    return f"{shared_version(using=using)}.{local_writes.value}"


def _install_on(connection: BaseDatabaseWrapper) -> None:
    if _watch not in connection.execute_wrappers:
        # First, so that a caller's `with connection.execute_wrapper(...)`, which removes the last one on
        # leaving, never takes this one along.
        connection.execute_wrappers.insert(0, _watch)


def _on_connection_created(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    _install_on(connection)


def install() -> None:
    connection_created.connect(_on_connection_created, dispatch_uid="klynge.pagecache.version")
    for connection in connections.all(initialized_only=True):
        _install_on(connection)
