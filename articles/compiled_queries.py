"""Queries the story page makes on every view, their SQL compiled once per process.

Django builds a queryset's SQL anew each time it runs it. For the small queries of a story
page (its row, hero picture, authors, corrections, topics and areas) that cost several
times what running them did, on the page readers open most. Each is written as an ordinary
queryset with stand-ins for the values that change, compiled by Django the first time it
runs (so no SQL is written by hand, and each database gets its own dialect), then run with
the real values: through `raw()` for model instances, a cursor for plain values.
"""

from django.db import DEFAULT_DB_ALIAS, connections


class CompiledQuery:
    def __init__(self, build, **stand_ins):
        """`build(**stand_ins)` gives the queryset. Each stand-in must reach the SQL as a
        parameter of its own, equal to no other: a value no row has that the column can
        hold (a negative id, a depth of 999,999, a string no slug has)."""
        self._build = build
        self._stand_ins = stand_ins
        self._compiled = None

    def _sql(self, values) -> tuple:
        if self._compiled is None:
            queryset = self._build(**self._stand_ins)
            sql, params = queryset.query.sql_with_params()
            if missing := set(self._stand_ins.values()) - set(params):
                raise ValueError(f"Stand-ins {missing} are not parameters of: {sql}")
            self._compiled = (queryset.model, sql, params)
        model, sql, params = self._compiled
        real = {self._stand_ins[name]: value for name, value in values.items()}
        return model, sql, [real.get(param, param) for param in params]

    def objects(self, **values) -> list:
        model, sql, params = self._sql(values)
        return list(model.objects.raw(sql, params))

    def values(self, **values) -> list:
        """The first column of each row."""
        _model, sql, params = self._sql(values)
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]
