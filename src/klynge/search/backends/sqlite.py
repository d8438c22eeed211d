"""SQLite full-text search: an FTS5 table of Snowball-stemmed Danish words (klynge.search.text).

The FTS5 table (migration 0002) has one row per SearchEntry, with the same rowid; a trigger removes it
when its entry is deleted, so deletions (also cascaded ones) need nothing from here. The query is
parsed and stemmed in Python and rebuilt from quoted stems only, so no input can be an FTS5 syntax
error. Matches are ranked by bm25 with the title weighing ten times the text; the words are
highlighted in Python on the original text by their stems.
"""

from collections.abc import Collection, Sequence
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from klynge.search.backends import SNIPPET_WORDS, Hit
from klynge.search.models import SearchEntry
from klynge.search.text import fts5_expression, highlight, parse_query, stemmed

FTS_TABLE = "search_entry_fts"
TITLE_WEIGHT, TEXT_WEIGHT = 10.0, 1.0


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
        self, entries: QuerySet[SearchEntry], query: str, *, kinds: Collection[str], limit: int, offset: int
    ) -> tuple[list[Hit], dict[str, int]]:
        parsed = parse_query(query)
        expression = fts5_expression(parsed)
        if expression is None:
            return [], {}
        visible_sql, visible_params = entries.values("pk").query.sql_with_params()
        matches = (
            f"FROM {FTS_TABLE} JOIN {SearchEntry._meta.db_table} e ON e.id = {FTS_TABLE}.rowid "
            f"WHERE {FTS_TABLE} MATCH %s AND e.id IN ({visible_sql})"
        )
        params: tuple[Any, ...] = (expression, *visible_params)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT e.kind, COUNT(*) {matches} GROUP BY e.kind", params)
            counts = {kind: int(n) for kind, n in cursor.fetchall()}
        total = sum(n for kind, n in counts.items() if not kinds or kind in kinds)
        if total == 0 or offset >= total:
            return [], counts
        if kinds:
            chosen = sorted(kinds)
            matches += f" AND e.kind IN ({', '.join(['%s'] * len(chosen))})"
            params += tuple(chosen)
        rows = SearchEntry.objects.raw(
            f"SELECT e.id, e.kind, e.object_id, e.title, e.text, e.date, e.date_precision, e.url, "
            f"e.agenda_item_id, e.memo_id, bm25({FTS_TABLE}, {TITLE_WEIGHT}, {TEXT_WEIGHT}) AS bm25 "
            f"{matches} ORDER BY bm25, e.date DESC, e.id LIMIT %s OFFSET %s",
            (*params, limit, offset),
        )
        wanted = parsed.highlight_stems
        return [
            Hit(
                entry=row,
                rank=-float(row.bm25),  # type: ignore[attr-defined]  # bm25 is lower for better matches
                title_html=highlight(row.title, wanted),
                snippet_html=highlight(row.text, wanted, max_words=SNIPPET_WORDS),
            )
            for row in rows
        ], counts
