"""One JSON line per request (method, path, status, milliseconds, SQL queries, the client's
address as `newsroom.client_address` reads it behind the proxy), for log collectors; on in
production (`REQUEST_LOG`, on by default there), silent elsewhere.

Every request pays for its line, so the line is made with as little as the logging module
allows: the record is handed to the logger's handlers directly (no search of the call stack
for the caller's file and line, which the line does not show), the time's text is made once
a second, and the lines are written in batches (`BatchedStreamHandler`): one write per line,
each handing the app server's other threads the interpreter and back, cost a trivial request
more than the rest of its middleware together."""

import atexit
import json
import logging
import threading
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


class BatchedStreamHandler(logging.StreamHandler):
    """A stream handler that writes its lines together: once `lines` are waiting, or at the
    latest `seconds` after the first of them (a thread started with the first line writes
    what a quiet server holds), and at exit. Each line keeps the time it was made; what a
    killed process had not written (at most a second of lines) is lost."""

    def __init__(self, stream=None, lines=64, seconds=1.0):
        super().__init__(stream)
        self.lines, self.seconds = lines, seconds
        self._waiting: list[str] = []
        self._since = 0.0
        self._writer = None

    def emit(self, record):
        try:
            line = self.format(record) + self.terminator
        except Exception:
            self.handleError(record)
            return
        if not self._waiting:
            self._since = time.monotonic()
        self._waiting.append(line)
        if self._writer is None:
            self._start_writer()
        if len(self._waiting) >= self.lines or time.monotonic() - self._since >= self.seconds:
            self.flush()

    def flush(self):
        with self.lock:
            waiting, self._waiting = self._waiting, []
            if waiting and self.stream:
                self.stream.write("".join(waiting))
            super().flush()

    def _start_writer(self):
        self._writer = threading.Thread(target=self._write_every, name="request-log", daemon=True)
        self._writer.start()
        atexit.register(self.flush)

    def _write_every(self):
        while True:
            time.sleep(self.seconds)
            if self._waiting:
                self.flush()


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
