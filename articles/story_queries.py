"""The small queries a story page makes on every view, their SQL compiled once per process.

Django builds a queryset's SQL anew every time it runs it. For the story's authors,
corrections, topics and areas that cost four times what running them did, on the page
readers open most. Each is written here as an ordinary queryset, compiled by Django the first
time (so no SQL is written by hand, and each database gets its own dialect), and then run
with each story's id: through `raw()` for model instances, a cursor for plain ids.
"""

from django.db import DEFAULT_DB_ALIAS, connections

# Stands for the story's id while Django compiles the SQL.
STORY_ID = -1


class StoryQuery:
    def __init__(self, build):
        self._build = build  # the story's id -> a queryset
        self._compiled = None

    def _compile(self):
        if self._compiled is None:
            queryset = self._build(STORY_ID)
            sql, params = queryset.query.sql_with_params()
            self._compiled = (queryset.model, sql, params)
        return self._compiled

    def _params(self, story_id, params):
        return [story_id if param == STORY_ID else param for param in params]

    def objects(self, story_id) -> list:
        model, sql, params = self._compile()
        return list(model.objects.raw(sql, self._params(story_id, params)))

    def values(self, story_id) -> list:
        """The first column of each row."""
        _model, sql, params = self._compile()
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute(sql, self._params(story_id, params))
            return [row[0] for row in cursor.fetchall()]
