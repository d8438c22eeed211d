"""The database's full-text search behind one interface: PostgreSQL (config 'danish') or SQLite (FTS5).

Each backend keeps its part of the index in step with the SearchEntry rows (`write`, `clear`) and finds,
ranks and highlights matches among the rows a viewer may see (`search`).

Counting is bounded, as search engines count: a search reads the best visible matches in rank order, at
most `bound` (or to the end of the requested page, if that lies further) and one more, to know whether
there are more. Below the bound the counts are exact; above it the search says "more than" (`Found.more`,
`Found.counts_more`). So a common word costs what `bound` matches cost, not what all its matches cost
(on SQLite, where FTS5 ranks every match itself; PostgreSQL's ts_rank reads every match's row).
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol

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


class Match(NamedTuple):
    """A match on the page, as the ranking read it: no text, no highlighting."""

    id: int
    rank: float  # higher is better


@dataclass(frozen=True)
class Found:
    hits: list[Hit]  # the page, best first
    total: int  # visible matches of the chosen kinds: exact, or as many as were counted if `more`
    more: bool  # there are more than `total`
    counts: dict[str, int]  # per kind, among the best `bound` visible matches of every kind
    counts_more: bool  # there are more than `bound` visible matches in all: each count is a lower bound


ORDER = "ORDER BY rank DESC, date DESC NULLS LAST, id"  # best first, then newest, undated last


def counted_sql(
    *, kinds: Collection[str], limit: int, offset: int, bound: int, more: str = ""
) -> tuple[str, tuple[Any, ...]]:
    """The part of a search's query that follows its CTE `matches` (the visible matches: id, kind, date,
    rank, higher better): the best `reach` + 1 of the chosen kinds, numbered in order; of them the page's
    and how many; and the counts per kind among the best `bound` of every kind, with how many there are
    up to bound + 1 (one more tells whether there are more). Rows (part, id, kind, rank, number): part 0
    the page, 1 the total, 2 a kind's count, 3 the count of every kind; `more` adds rows of its own."""
    counted = max(bound, offset + limit)
    chosen = sorted(kinds)
    only = f"WHERE kind IN ({', '.join(['%s'] * len(chosen))}) " if chosen else ""
    sql = (
        ", chosen AS (SELECT id, kind, rank, ROW_NUMBER() OVER (" + ORDER + ") AS n FROM "
        f"(SELECT id, kind, date, rank FROM matches {only}{ORDER} LIMIT %s) s)"
    )
    params: tuple[Any, ...] = (*chosen, counted + 1)
    every = "chosen"
    if chosen:
        sql += (
            ", every AS (SELECT kind, ROW_NUMBER() OVER (" + ORDER + ") AS n FROM "
            f"(SELECT id, kind, date, rank FROM matches {ORDER} LIMIT %s) s)"
        )
        params += (bound + 1,)
        every = "every"
    sql += (
        " SELECT 0, id, kind, rank, n FROM chosen WHERE n > %s AND n <= %s"
        " UNION ALL SELECT 1, NULL, NULL, NULL, COUNT(*) FROM chosen"
        f" UNION ALL SELECT 2, NULL, kind, NULL, COUNT(*) FROM {every} WHERE n <= %s GROUP BY kind"
        f" UNION ALL SELECT 3, NULL, NULL, NULL, COUNT(*) FROM {every}"
        f"{more}"
    )
    params += (offset, offset + limit, bound)
    return sql, params


@dataclass(frozen=True)
class Counted:
    page: list[Match]  # best first
    total: int
    more: bool
    counts: dict[str, int]
    counts_more: bool
    extra: dict[int, int]  # the counts of the rows `more` added, by part


def read_counted(rows: Sequence[tuple[Any, ...]], *, limit: int, offset: int, bound: int) -> Counted:
    counted = max(bound, offset + limit)
    page: list[tuple[int, Match]] = []
    counts: dict[str, int] = {}
    found = every = 0
    extra: dict[int, int] = {}
    for part, pk, kind, rank, n in rows:
        if part == 0:
            page.append((int(n), Match(int(pk), float(rank))))
        elif part == 1:
            found = int(n)
        elif part == 2:
            counts[kind] = int(n)
        elif part == 3:
            every = int(n)
        else:
            extra[int(part)] = int(n)
    page.sort()
    return Counted(
        page=[m for _, m in page],
        total=min(found, counted),
        more=found > counted,
        counts=counts,
        counts_more=every > bound,
        extra=extra,
    )


@dataclass(frozen=True)
class RowCondition:
    """A condition on an index row named `e`, compiled to SQL (see row_condition)."""

    sql: str
    params: tuple[Any, ...]


def compiled(entries: QuerySet[SearchEntry] | RowCondition) -> RowCondition:
    """The condition selecting `entries` on the row `e` (compiled now unless it is already)."""
    if isinstance(entries, RowCondition):
        return entries
    return RowCondition(*row_condition(entries, "e"))


class Backend(Protocol):
    def write(self, entries: Sequence[SearchEntry]) -> None:
        """Index these saved rows (rows deleted from SearchEntry leave the index by themselves)."""

    def write_all(self) -> None:
        """Index every SearchEntry row (after a rebuild)."""

    def clear(self) -> None:
        """Empty the backend's part of the index (before a rebuild)."""

    def search(
        self,
        entries: QuerySet[SearchEntry] | RowCondition,
        query: str,
        *,
        kinds: Collection[str],
        limit: int,
        offset: int,
        bound: int,
    ) -> Found:
        """The page of matches among `entries` of the given kinds (all if empty), best first, how many
        match (up to the bound, see the module's docstring) and how many of each kind among all
        `entries` (for the kind filter's counts)."""


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
