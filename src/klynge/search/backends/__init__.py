"""The database's full-text search behind one interface: PostgreSQL (config 'danish') or SQLite (FTS5).

Each backend keeps its part of the index in step with the SearchEntry rows (`write`, `clear`) and finds,
ranks and highlights matches among the rows a viewer may see (`search`).
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.core.exceptions import EmptyResultSet, FullResultSet, ImproperlyConfigured
from django.db import connection
from django.db.models import QuerySet
from django.utils.safestring import SafeString

from klynge.search.models import SearchEntry

# How much text a snippet shows around the matches.
SNIPPET_WORDS = 30


@dataclass(frozen=True)
class Hit:
    entry: SearchEntry
    rank: float  # higher is better; comparable within one search only
    title_html: SafeString  # the title, escaped, with the matching words in <mark>
    snippet_html: SafeString  # a piece of the text, escaped, with the matching words in <mark>


class Backend(Protocol):
    def write(self, entries: Sequence[SearchEntry]) -> None:
        """Index these saved rows (rows deleted from SearchEntry leave the index by themselves)."""

    def write_all(self) -> None:
        """Index every SearchEntry row (after a rebuild)."""

    def clear(self) -> None:
        """Empty the backend's part of the index (before a rebuild)."""

    def search(
        self, entries: QuerySet[SearchEntry], query: str, *, kinds: Collection[str], limit: int, offset: int
    ) -> tuple[list[Hit], dict[str, int]]:
        """The page of matches among `entries` of the given kinds (all if empty), best first, and how
        many of each kind match among all `entries` (for the kind filter's counts)."""


def row_condition(entries: QuerySet[SearchEntry], alias: str) -> tuple[str, tuple[Any, ...]]:
    """The condition that selects `entries`, as SQL on an index row named `alias`.

    Tested on each matching row itself, rather than as "id in (the ids of every visible row)", which made
    the database list all ~110,000 rows of the national index for every search. The visibility rule reads
    only the row's own columns (and small subqueries over meetings and memos), so the queryset has no
    join; should it ever have one, the id list is the fallback."""
    table = SearchEntry._meta.db_table
    query = entries.query
    joined = [name for name, uses in query.alias_refcount.items() if uses and name != table]
    if joined or not query.where:
        sql, params = entries.values("pk").query.sql_with_params()
        return f"{alias}.id IN ({sql})", tuple(params)
    try:
        sql, params = query.get_compiler(connection=connection).compile(query.where)
    except EmptyResultSet:
        return "1 = 0", ()
    except FullResultSet:
        return "1 = 1", ()
    return sql.replace(f'"{table}".', f"{alias}."), tuple(params)


def get_backend() -> Backend:
    if connection.vendor == "postgresql":
        from klynge.search.backends.postgresql import PostgreSQLBackend

        return PostgreSQLBackend()
    if connection.vendor == "sqlite":
        from klynge.search.backends.sqlite import SQLiteBackend

        return SQLiteBackend()
    raise ImproperlyConfigured(f"Search supports PostgreSQL and SQLite, not {connection.vendor}.")
