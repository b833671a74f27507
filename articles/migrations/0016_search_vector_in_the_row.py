"""PostgreSQL: each story's search document is kept in its own row (storage MAIN), not in
the TOAST table beside it.

A search ranks up to 1,000 candidates, reading each one's document. At about 2 kB, most
documents were moved out of their rows, so each read was a lookup in the TOAST table's
index and pages: four pages a candidate besides the story's own (5,019 pages for 1,001
candidates, 1,003 once the documents are in the rows). In the row, the document comes with
the page the search reads anyway; the body, which a search never reads, moves out instead.
Rows keep their layout until written again: `manage.py rebuild_search`, run after every
`migrate`, rewrites them.
"""

from django.db import migrations

STORAGE = "ALTER TABLE articles_articlepage ALTER COLUMN search_vector SET STORAGE {}"


def keep_in_the_row(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(STORAGE.format("MAIN"))


def let_it_move_out(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(STORAGE.format("EXTENDED"))


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0015_search_word_pairs"),
    ]

    operations = [
        migrations.RunPython(keep_in_the_row, let_it_move_out),
    ]
