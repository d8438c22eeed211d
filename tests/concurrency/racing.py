"""Requests that really run at the same time, each in its own thread with its own database connection.

To make the race certain rather than likely, a third connection holds the row lock the writers need
(`row_held`); the writers are let go only once the database shows them all waiting for it
(`until_waiting`), so each has read what it read before any of them may write.
"""

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from django.db import connection, connections, models, transaction

T = TypeVar("T")
TIMEOUT = 15.0


def _in_own_connection(work: Callable[[], T], results: list[object], index: int) -> None:
    try:
        results[index] = work()
    except BaseException as error:  # handed to the test, which raises it
        results[index] = error
    finally:
        connections.close_all()  # this thread's connections, or the test database cannot be dropped


def start(*works: Callable[[], T]) -> Callable[[], list[T]]:
    """Start each work in its own thread, all released by one barrier; call the result to wait for them."""
    results: list[object] = [None] * len(works)
    barrier = threading.Barrier(len(works))

    def after_barrier(work: Callable[[], T]) -> Callable[[], T]:
        def run() -> T:
            barrier.wait(TIMEOUT)
            return work()

        return run

    threads = [
        threading.Thread(target=_in_own_connection, args=(after_barrier(work), results, i), daemon=True)
        for i, work in enumerate(works)
    ]
    for thread in threads:
        thread.start()

    def finish() -> list[T]:
        for thread in threads:
            thread.join(TIMEOUT)
        assert not any(thread.is_alive() for thread in threads), "a racing request did not finish"
        for result in results:
            if isinstance(result, BaseException):
                raise result
        return results  # type: ignore[return-value]

    return finish


@contextmanager
def row_held(model: type[models.Model], pk: int) -> Iterator[None]:
    """Lock a row (SELECT … FOR UPDATE) from another connection until the block ends."""
    locked, release = threading.Event(), threading.Event()

    def hold() -> None:
        with transaction.atomic():
            model._default_manager.select_for_update().get(pk=pk)
            locked.set()
            release.wait(TIMEOUT)

    results: list[object] = [None]
    holder = threading.Thread(target=_in_own_connection, args=(hold, results, 0), daemon=True)
    holder.start()
    assert locked.wait(TIMEOUT), "could not lock the row"
    try:
        yield
    finally:
        release.set()
        holder.join(TIMEOUT)
    if isinstance(results[0], BaseException):
        raise results[0]


def until_waiting(count: int, what: str) -> None:
    """Wait until `count` connections to the test database wait for a lock (PostgreSQL)."""
    deadline = time.monotonic() + TIMEOUT
    waiting = 0
    while time.monotonic() < deadline:
        with connection.cursor() as cursor:  # autocommit: each query sees the server as it is now
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock'"
            )
            waiting = cursor.fetchone()[0]
        if waiting >= count:
            return
        time.sleep(0.02)
    raise AssertionError(
        f"{waiting} of {count} writers waited for {what}: it is not locked before it is read"
    )
