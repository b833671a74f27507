"""One JSON line per request (method, path, status, milliseconds, SQL queries, the client's
address as `newsroom.client_address` reads it behind the proxy), for log collectors; on in
production (`REQUEST_LOG`, on by default there), silent elsewhere.

Every request pays for its line, so the line is made with as little as the logging module
allows: the record is handed to the logger's handlers directly (no search of the call stack
for the caller's file and line, which the line does not show), and the time's text is made
once a second."""

import json
import logging
import time

from django.db import connections

from newsroom.client_address import client_ip

logger = logging.getLogger("newsroom.requests")


class JSONFormatter(logging.Formatter):
    _second: tuple[int, str] = (-1, "")

    def formatTime(self, record, datefmt=None):
        if datefmt is not None:
            return super().formatTime(record, datefmt)
        second, text = self._second
        if int(record.created) != second:
            text = time.strftime(self.default_time_format, self.converter(record.created))
            self._second = (int(record.created), text)
        return self.default_msec_format % (text, record.msecs)

    def format(self, record):
        entry = {"time": self.formatTime(record), "level": record.levelname}
        entry.update(getattr(record, "request", None) or {"message": record.getMessage()})
        return json.dumps(entry)


class _QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not logger.isEnabledFor(logging.INFO):
            return self.get_response(request)
        counter = _QueryCounter()
        started = time.perf_counter()
        with connections["default"].execute_wrapper(counter):
            response = self.get_response(request)
        record = logging.LogRecord(logger.name, logging.INFO, __file__, 0, "request", None, None)
        record.request = {
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "ms": round((time.perf_counter() - started) * 1000, 1),
            "queries": counter.count,
            "cache": response.get("X-Page-Cache", ""),
            "client": client_ip(request),
        }
        logger.handle(record)
        return response
