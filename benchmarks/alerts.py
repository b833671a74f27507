"""Benchmark, not a test: 20,000 confirmed subscribers to one area, one story published;
prints the time from publishing to the last message accepted by a local SMTP server
(aiosmtpd in this process), messages a second, and the task worker's peak memory; and the
p99 of readers' pages (home, /news/, the area page, uncached, from gunicorn on the same
database) before the send and while it runs.

`make bench-alerts` (RECIPIENTS=20000). The worker is `manage.py db_worker` with the
production settings, as `make production` runs it, on a throwaway SQLite file, or a
throwaway PostgreSQL database beside DATABASE_URL's.
"""

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
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


PAGES = ("/", "/news/", "/news/area/wiltshire/")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_web(stack, folder: Path) -> tuple[subprocess.Popen, str]:
    """gunicorn with the production settings on the worker's database, the page cache off."""
    port = free_port()
    stack.env |= {"STATIC_ROOT": str(folder / "static"), "PAGE_CACHE_SECONDS": "0"}
    stack.manage("collectstatic", "--no-input", "-v", "0")
    web = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "newsroom.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            "1",
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=stack.env | {"ALLOWED_HOSTS": "127.0.0.1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    root = f"http://127.0.0.1:{port}"
    wait_for(lambda: _answers(root + "/healthz"), 60)
    return web, root


def _answers(url) -> bool:
    try:
        return urllib.request.urlopen(url, timeout=2).status == 200
    except OSError:
        return False


def timed_pages(root: str, *, count: int = 0, stop=None) -> list[float]:
    """Milliseconds of each request, the pages in turn: `count` of them, or until `stop` is
    set."""
    times, n = [], 0
    while (n < count) if stop is None else not stop.is_set():
        started = time.perf_counter()
        with urllib.request.urlopen(root + PAGES[n % len(PAGES)], timeout=30) as response:
            response.read()
        times.append((time.perf_counter() - started) * 1000)
        n += 1
    return times


def p99(times: list[float]) -> float:
    times = sorted(times)
    return times[min(len(times) - 1, int(0.99 * len(times)))]


def main() -> int:
    recipients = int(os.environ.get("RECIPIENTS", "20000"))
    with tempfile.TemporaryDirectory(prefix="bench-alerts-") as folder:
        stack = WorkerStack(Path(folder), lease_seconds=120)
        try:
            stack.shell(FOLLOWERS, recipients)
            web, root = start_web(stack, Path(folder))
            worker = stack.start_worker()
            try:
                baseline = timed_pages(root, count=300)
                sending = []
                all_sent = threading.Event()
                reader = threading.Thread(
                    target=lambda: sending.extend(timed_pages(root, stop=all_sent))
                )
                published = stack.publish()
                reader.start()
                done = wait_for(lambda: len(stack.handler.received) >= recipients, 3600)
                all_sent.set()
                reader.join()
                time.sleep(2)  # the worker records the last message sent
                peak = peak_memory_mb(worker.pid)
            finally:
                for process in (worker, web):
                    process.kill()
                    process.wait()
            seconds = stack.handler.last_accepted - published
            database = "PostgreSQL" if "postgres" in stack.env["DATABASE_URL"] else "SQLite"
            print(f"database:            {database}")
            print(f"subscribers:         {recipients:,}")
            print(f"messages accepted:   {len(stack.handler.received):,}")
            sent = len(stack.handler.received)
            print(f"publish to last:     {seconds:.1f} s ({sent / seconds:,.0f} messages/s)")
            print(f"worker peak memory:  {peak:.0f} MB")
            print(f"pages p99 before:    {p99(baseline):.1f} ms ({len(baseline)} requests)")
            print(f"pages p99 sending:   {p99(sending):.1f} ms ({len(sending)} requests)")
            print(f"deliveries:          {stack.statuses()}")
            return 0 if done else 1
        finally:
            stack.close()


if __name__ == "__main__":
    sys.exit(main())
