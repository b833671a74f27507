"""PostgreSQL: a GIN index of the adjacent word pairs in each story's search document, so a
quoted phrase is looked up, not tested story by story.

The main GIN index knows which words a story has, not where: for "open political" it
offers every story with both words (15% of them in a generated archive) and each one's
document must then be read to find the 0.3% with the words side by side. This index holds
"open polit" itself. `article_word_pairs` derives the pairs from the document's positions,
so it agrees with `<->` by construction; COST tells the planner it is dear (about 0.3 ms a
story), never to be run on every row a plan walks. The index is built CONCURRENTLY (hence
not atomic): at 100,000 stories that takes minutes, during which editors keep saving.
SQLite's FTS5 finds phrases itself.
"""

from django.db import migrations

CREATE = (
    """
    CREATE FUNCTION article_word_pairs(vector tsvector) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
        SELECT coalesce(array_agg(DISTINCT first.lexeme || ' ' || second.lexeme), '{}')
        FROM unnest(vector) AS first, unnest(first.positions) AS first_at,
             unnest(vector) AS second, unnest(second.positions) AS second_at
        WHERE second_at = first_at + 1
    $$
    """,
    "CREATE INDEX CONCURRENTLY article_search_pairs ON articles_articlepage "
    "USING gin (article_word_pairs(search_vector))",
)
DROP = (
    "DROP INDEX IF EXISTS article_search_pairs",
    "DROP FUNCTION IF EXISTS article_word_pairs(tsvector)",
)


def create_pairs_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop_pairs_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("articles", "0014_story_sitemap_parts"),
    ]

    operations = [
        migrations.RunPython(create_pairs_index, drop_pairs_index),
    ]
