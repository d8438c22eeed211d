"""The database's full-text index for the search entries, created only on the database it belongs to.

PostgreSQL: a GIN index on the 'danish' tsvector column. SQLite: an FTS5 table of stemmed words with
one row per entry (same rowid) and a trigger that removes the row when its entry is deleted.
Both are reversible. The index is filled by `klynge search_index` and kept current by signals.
"""

from django.db import migrations

POSTGRESQL = {
    "forward": ["CREATE INDEX search_entry_vector_gin ON search_searchentry USING gin (vector)"],
    "backward": ["DROP INDEX IF EXISTS search_entry_vector_gin"],
}
SQLITE = {
    "forward": [
        "CREATE VIRTUAL TABLE search_entry_fts USING fts5(title, text, tokenize = 'unicode61 remove_diacritics 0')",
        "CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_searchentry BEGIN "
        "DELETE FROM search_entry_fts WHERE rowid = old.id; END",
    ],
    "backward": ["DROP TRIGGER IF EXISTS search_entry_fts_delete", "DROP TABLE IF EXISTS search_entry_fts"],
}
STATEMENTS = {"postgresql": POSTGRESQL, "sqlite": SQLITE}


def _run(direction):
    def run(apps, schema_editor):
        for statement in STATEMENTS.get(schema_editor.connection.vendor, {}).get(direction, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(_run("forward"), _run("backward"))]
