"""The data version (klynge.pagecache.version): which statements are writes, and when the shared version
row changes — after the commit, in a connection of its own, never inside the writing transaction."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.test import Client

from klynge.meetings.models import AgendaItemKind
from klynge.meetings.services import agenda_item_create
from klynge.pagecache.middleware import STATUS_HEADER
from klynge.pagecache.version import is_write, local_writes, shared_version
from tests.factories import build_cluster


@pytest.mark.parametrize(
    "sql",
    [
        'INSERT INTO "meetings_agendaitem" ("title") VALUES (%s)',
        'UPDATE "meetings_agendaitem" SET "is_public" = false WHERE "id" = 1',
        'DELETE FROM "meetings_agendaitem" WHERE "id" IN (SELECT U0."id" FROM "meetings_agendaitem" U0)',
        "REPLACE INTO meetings_agendaitem VALUES (1)",
        "INSERT OR IGNORE INTO meetings_agendaitem VALUES (1)",
        'TRUNCATE "meetings_agendaitem", "pagecache_dataversion"',
        "WITH x AS (SELECT 1) UPDATE meetings_agendaitem SET title = 'x'",
        "SELECT 1; DELETE FROM meetings_agendaitem",
        'ALTER TABLE "meetings_agendaitem" ADD COLUMN "x" integer',
        "MERGE INTO meetings_agendaitem USING y ON true WHEN MATCHED THEN DELETE",
        "  \n  update meetings_agendaitem set title = 'x'",
    ],
)
def test_a_write_is_a_write(sql: str) -> None:
    assert is_write(sql)


@pytest.mark.parametrize(
    "sql",
    [
        'SELECT "meetings_agendaitem"."id" FROM "meetings_agendaitem" WHERE "title" = \'update\'',
        'SAVEPOINT "s1_x1"',
        'RELEASE SAVEPOINT "s1_x1"',
        'UPDATE "django_session" SET "expire_date" = now()',
        'INSERT INTO "django_session" ("session_key") VALUES (%s)',
        'DELETE FROM "django_session" WHERE "expire_date" < now()',
        'INSERT INTO "axes_accessattempt" ("username") VALUES (%s)',
        'INSERT INTO "pagecache_dataversion" (id, version) VALUES (1, 5) ON CONFLICT (id) DO UPDATE SET version = 6',
        "WITH x AS (SELECT 1) SELECT * FROM x",
    ],
)
def test_a_read_or_a_login_is_no_write(sql: str) -> None:
    assert not is_write(sql)


def test_every_write_moves_the_local_counter_at_once(db: None) -> None:
    world = build_cluster("Tæller")
    before = local_writes.value
    with transaction.atomic():
        agenda_item_create(meeting=world.meeting, title="Et punkt", kind=AgendaItemKind.ORIENTATION)
        assert local_writes.value > before


def other_connections_version() -> int:
    """The shared version as another worker reads it: from another thread, with its own connection."""
    seen: list[int] = []

    def read() -> None:
        try:
            seen.append(shared_version())
        finally:
            connections.close_all()

    thread = threading.Thread(target=read)
    thread.start()
    thread.join()
    return seen[0]


@pytest.mark.django_db(transaction=True)
def test_the_shared_version_changes_after_the_commit_not_before() -> None:
    world = build_cluster("Versioner")
    before = shared_version()
    with transaction.atomic():
        agenda_item_create(meeting=world.meeting, title="Nyt punkt", kind=AgendaItemKind.ORIENTATION)
        # Inside the writing transaction the row is untouched (no lock held on it while writing).
        assert shared_version() == before
    after = shared_version()
    assert after != before
    if connection.vendor == "postgresql":
        assert other_connections_version() == after


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_leaves_no_page_behind() -> None:
    """A whole transaction rolled back (not a savepoint): the page stored inside it is never found again."""
    world = build_cluster("Tilbage")
    url = f"/moeder/{world.meeting.pk}/"
    before_version = shared_version()
    with transaction.atomic():
        agenda_item_create(meeting=world.meeting, title="Aldrig gemt", kind=AgendaItemKind.ORIENTATION)
        inside = Client().get(url)
        assert "Aldrig gemt" in inside.content.decode()
        assert inside.headers.get(STATUS_HEADER) == "miss"
        transaction.set_rollback(True)
    assert shared_version() == before_version  # nothing committed, nothing bumped
    after = Client().get(url)
    assert "Aldrig gemt" not in after.content.decode()
    assert after.headers.get(STATUS_HEADER) == "miss"
