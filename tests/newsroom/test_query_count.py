"""Each response says how many SQL queries it took (for nginx's request log)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

pytestmark = pytest.mark.django_db


def test_a_response_counts_its_own_queries(client, story):
    assert "X-Queries" not in client.get("/healthz")  # none made: nginx logs 0
    with CaptureQueriesContext(connection) as made:
        response = client.get(story.url)
    assert response.status_code == 200
    assert int(response["X-Queries"]) == len(made) > 0
    assert "X-Queries" not in client.get("/healthz")


def test_a_wrapper_added_and_removed_around_a_request_leaves_the_count_working(client, story):
    seen = []

    def watch(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        counted = int(client.get(story.url)["X-Queries"])
    assert counted == len(seen) > 0
    with CaptureQueriesContext(connection) as made:
        assert int(client.get(story.url)["X-Queries"]) == len(made)
    assert len(seen) == counted  # the watcher came off, the counter stayed
