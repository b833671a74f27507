"""Exactly once, for real: a `manage.py db_worker` (production settings, the database task
queue, its own database) sends a story's alert to 2,000 subscribers through a real SMTP
server; it is killed with SIGKILL in the middle, started again, and the scheduler's
`send_alerts` resumes the batch it held. Every recipient gets their message once: one
Message-ID each (the one message inside the SMTP call when the worker died may be offered
again, with the same Message-ID)."""

import os
import signal
import time
from collections import Counter

import pytest

from tests.alerts.worker_stack import FOLLOWERS, WorkerStack, wait_for

RECIPIENTS = int(os.environ.get("ALERTS_KILL_RECIPIENTS", "2000"))
LEASE_SECONDS = 3


@pytest.fixture
def stack(tmp_path):
    stack = WorkerStack(tmp_path, lease_seconds=LEASE_SECONDS)
    yield stack
    stack.close()


def test_a_worker_killed_mid_send_resumes_and_each_recipient_gets_one_message(stack):
    received = stack.handler.received
    stack.shell(FOLLOWERS, RECIPIENTS)
    worker = stack.start_worker()
    try:
        stack.publish()
        assert wait_for(lambda: len(received) >= RECIPIENTS // 3, 120), "no third in 120 s"
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        assert len(received) < RECIPIENTS, "the worker finished before it could be killed"

        worker = stack.start_worker()
        deadline = time.monotonic() + 240
        while len(received) < RECIPIENTS:
            assert time.monotonic() < deadline, f"{len(received)} messages in 240 s"
            time.sleep(LEASE_SECONDS)  # the dead worker's lease runs out
            stack.manage("send_alerts")  # what the scheduler runs every minute
        time.sleep(1)  # anything more would arrive now
    finally:
        worker.kill()
        worker.wait()

    message_ids = {}
    for message in received:
        [recipient] = message.recipients
        message_ids.setdefault(recipient, set()).add(message.message["Message-ID"])
    assert sorted(message_ids) == sorted(f"reader{n}@example.com" for n in range(RECIPIENTS))
    assert all(len(ids) == 1 for ids in message_ids.values())
    repeats = Counter(m.recipients[0] for m in received) - Counter(message_ids.keys())
    assert sum(repeats.values()) <= 1, repeats
    assert stack.statuses() == f"{{'sent': {RECIPIENTS}}}"
