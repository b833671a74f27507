"""The request log: one JSON line per request, with the time as logging writes it."""

import io
import json
import logging
import re

from django.test import override_settings

import pytest

from newsroom.request_log import JSONFormatter, logger

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_lines():
    output = io.StringIO()
    handler = logging.StreamHandler(output)
    handler.setFormatter(JSONFormatter())
    level, handlers = logger.level, logger.handlers
    logger.handlers = [handler]
    logger.setLevel(logging.INFO)
    yield lambda: [json.loads(line) for line in output.getvalue().splitlines()]
    logger.handlers = handlers
    logger.setLevel(level)


@override_settings(TRUSTED_PROXIES=["unix"])
def test_each_request_is_one_json_line_with_its_reader_address(client, log_lines):
    client.get("/healthz", REMOTE_ADDR="", HTTP_X_FORWARDED_FOR="203.0.113.7")
    client.get("/no-such-page/", REMOTE_ADDR="", HTTP_X_FORWARDED_FOR="203.0.113.8")
    first, second = log_lines()
    assert {k: v for k, v in first.items() if k not in ("time", "ms")} == {
        "level": "INFO",
        "method": "GET",
        "path": "/healthz",
        "status": 200,
        "queries": 0,
        "cache": "",
        "client": "203.0.113.7",
    }
    assert (second["path"], second["status"], second["client"]) == (
        "/no-such-page/",
        404,
        "203.0.113.8",
    )
    assert second["queries"] > 0 and isinstance(second["ms"], float)
    for entry in (first, second):
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}", entry["time"])


def test_the_time_is_the_records_own():
    formatter = JSONFormatter()
    for created in (1_800_000_000.25, 1_800_000_000.75, 1_800_000_001.5):
        record = logging.LogRecord("x", logging.INFO, __file__, 0, "request", None, None)
        record.created, record.msecs = created, (created % 1) * 1000
        assert formatter.formatTime(record) == logging.Formatter().formatTime(record)
