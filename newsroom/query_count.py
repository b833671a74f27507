"""How many SQL queries each response took, in an `X-Queries` header for nginx's request
log (deploy/nginx-site.conf writes it into the log line, 0 when it is absent, and hides it
from readers).

nginx writes the request log: it has the reader's address as it saw it, the status, the
time and the bytes, and writing a line costs it a few microseconds. The app adds the one
thing only it knows. Each thread's database connection carries one counter for its
lifetime, installed first among its execute wrappers (so a wrapper added and removed later
never takes it away); a request reads it before and after, which costs two attribute reads
instead of a wrapper set up and torn down per request.
"""

from django.db import DEFAULT_DB_ALIAS, connections

HEADER = "X-Queries"


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def counter() -> QueryCounter:
    """This thread's connection's counter, installed the first time (a connection shared by
    threads, as in tests with an in-memory database, gets one)."""
    connection = connections[DEFAULT_DB_ALIAS]
    found = connection.__dict__.get("newsroom_query_counter")
    if found is None:
        found = connection.newsroom_query_counter = QueryCounter()
        connection.execute_wrappers.insert(0, found)
    return found


class QueryCountMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        queries = counter()
        before = queries.count
        response = self.get_response(request)
        # None made (a page from the cache, a health check): no header, which nginx logs
        # as 0, and one header fewer for gunicorn to check and send.
        if made := queries.count - before:
            response[HEADER] = str(made)
        return response
