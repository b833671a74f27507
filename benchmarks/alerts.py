"""Benchmark, not a test: 20,000 confirmed subscribers to one area, one story published;
prints the time from publishing to the last message accepted by a local SMTP server
(aiosmtpd in this process), messages a second, and the task worker's peak memory.

`make bench-alerts` (RECIPIENTS=20000). The worker is `manage.py db_worker` with the
production settings, as `make production` runs it, on a throwaway SQLite file, or a
throwaway PostgreSQL database beside DATABASE_URL's.
"""

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.alerts.worker_stack import FOLLOWERS, WorkerStack, wait_for  # noqa: E402


def peak_memory_mb(pid: int) -> float:
    """The process's highest resident memory so far (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    recipients = int(os.environ.get("RECIPIENTS", "20000"))
    with tempfile.TemporaryDirectory(prefix="bench-alerts-") as folder:
        stack = WorkerStack(Path(folder), lease_seconds=120)
        try:
            stack.shell(FOLLOWERS, recipients)
            worker = stack.start_worker()
            try:
                published = stack.publish()
                done = wait_for(lambda: len(stack.handler.received) >= recipients, 3600)
                time.sleep(2)  # the worker records the last message sent
                peak = peak_memory_mb(worker.pid)
            finally:
                worker.kill()
                worker.wait()
            seconds = stack.handler.last_accepted - published
            database = "PostgreSQL" if "postgres" in stack.env["DATABASE_URL"] else "SQLite"
            print(f"database:            {database}")
            print(f"subscribers:         {recipients:,}")
            print(f"messages accepted:   {len(stack.handler.received):,}")
            sent = len(stack.handler.received)
            print(f"publish to last:     {seconds:.1f} s ({sent / seconds:,.0f} messages/s)")
            print(f"worker peak memory:  {peak:.0f} MB")
            print(f"deliveries:          {stack.statuses()}")
            return 0 if done else 1
        finally:
            stack.close()


if __name__ == "__main__":
    sys.exit(main())
