"""SQLite full-text search: an FTS5 table of Snowball-stemmed Danish words (klynge.search.text).

The FTS5 table (migration 0002) has one row per SearchEntry, with the same rowid; a trigger removes it
when its entry is deleted, so deletions (also cascaded ones) need nothing from here. The query is
parsed and stemmed in Python and rebuilt from quoted stems only, so no input can be an FTS5 syntax
error. Matches are ranked by bm25 with the title weighing ten times the text; the words are
highlighted in Python on the original text by their stems.

FTS5 ranks every match itself, without reading the index rows; only the best (as many as a search
counts, klynge.search.backends, with some to spare for what the viewer may not see) are then joined to
their rows and tested by the visibility rule. Should too few of them be visible (or of the chosen kinds),
a second query tests every match.
"""

from collections.abc import Collection, Sequence

from django.db import connection
from django.db.models import QuerySet

from klynge.search.backends import (
    SNIPPET_WORDS,
    Counted,
    Found,
    Hit,
    RowCondition,
    compiled,
    counted_sql,
    read_counted,
)
from klynge.search.models import SearchEntry
from klynge.search.text import fts5_expression, highlight, parse_query, stemmed

FTS_TABLE = "search_entry_fts"
TITLE_WEIGHT, TEXT_WEIGHT = 10.0, 1.0


TABLE = SearchEntry._meta.db_table


class SQLiteBackend:
    def write(self, entries: Sequence[SearchEntry]) -> None:
        if not entries:
            return
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT OR REPLACE INTO {FTS_TABLE} (rowid, title, text) VALUES (%s, %s, %s)",
                [(e.pk, stemmed(e.title), stemmed(e.text)) for e in entries],
            )

    def write_all(self) -> None:
        self.write(list(SearchEntry.objects.only("pk", "title", "text")))

    def clear(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")

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
        parsed = parse_query(query)
        expression = fts5_expression(parsed)
        if expression is None:
            return Found([], 0, False, {}, False)
        counted = self._counted(entries, expression, kinds=kinds, limit=limit, offset=offset, bound=bound)
        page = counted.page
        total, more, counts, counts_more = counted.total, counted.more, counted.counts, counted.counts_more
        if not page:
            return Found([], total, more, counts, counts_more)
        rows = {
            row.pk: row for row in SearchEntry.objects.filter(pk__in=[m.id for m in page]).defer("vector")
        }
        wanted = parsed.highlight_stems
        hits = [
            Hit(
                entry=row,
                rank=m.rank,
                title_html=highlight(row.title, wanted),
                snippet_html=highlight(row.text, wanted, max_words=SNIPPET_WORDS),
            )
            for m in page
            if (row := rows.get(m.id)) is not None
        ]
        return Found(hits, total, more, counts, counts_more)

    def _counted(
        self,
        entries: QuerySet[SearchEntry] | RowCondition,
        expression: str,
        *,
        kinds: Collection[str],
        limit: int,
        offset: int,
        bound: int,
    ) -> Counted:
        """The page's ids and the counts (klynge.search.backends.counted_sql) among the visible matches
        of FTS5's best (by bm25): the first query takes as many as are counted and a quarter more (the
        visibility rule hides a few, the kinds perhaps more); if that was not every match and too few of
        them remain, the second takes every match. (Where matches tie with the last one taken, FTS5
        chooses which are taken; the order is otherwise as everywhere.)"""
        condition = compiled(entries)
        visible_sql, visible_params = condition.sql, condition.params
        tail, tail_params = counted_sql(
            kinds=kinds,
            limit=limit,
            offset=offset,
            bound=bound,
            more=" UNION ALL SELECT 4, NULL, NULL, NULL, COUNT(*) FROM best",
        )
        wanted = max(bound, offset + limit) + 1
        counted = None
        for taken in (wanted + wanted // 4 + 50, -1):  # -1: no limit
            sql = (
                "WITH best AS MATERIALIZED ("
                f"SELECT rowid AS id, bm25({FTS_TABLE}, {TITLE_WEIGHT}, {TEXT_WEIGHT}) AS score "
                f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY score LIMIT %s), "
                # bm25 is lower for better matches: the rank is its negation.
                "matches AS MATERIALIZED (SELECT e.id AS id, e.kind AS kind, e.date AS date, -best.score AS rank "
                f"FROM best JOIN {TABLE} e ON e.id = best.id WHERE ({visible_sql}))"
                f"{tail}"
            )
            with connection.cursor() as cursor:
                cursor.execute(sql, (expression, taken, *visible_params, *tail_params))
                counted = read_counted(cursor.fetchall(), limit=limit, offset=offset, bound=bound)
            taken_all = counted.extra.get(4, 0) < taken
            enough = counted.more and (not kinds or counted.counts_more)
            if taken_all or enough:
                break
        assert counted is not None
        return counted
