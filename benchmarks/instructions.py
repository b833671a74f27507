"""Instructions per request of a gunicorn worker, counted by callgrind, beside bakerydemo's.

    python -m benchmarks.instructions          # make bench-instructions
    BAKERYDEMO=../bakerydemo PAGES=trivial python -m benchmarks.instructions

`make bench-pages` times the CPU of the app servers under wrk; on a shared two-core machine
the trivial view's ratio beside bakerydemo's moves by a tenth from run to run, more than the
two stacks differ. Counted instructions do not move: one gunicorn worker (the threads of
deploy/newsroom-web.service, production settings, the page cache off) runs under Valgrind's
callgrind, answers `BASE` requests for a page (default 20) and stops; a second answers
`BASE` + `REQUESTS` (default 200); the difference over `REQUESTS` is what one request costs,
start-up and shut-down cancelled out. Each request comes as nginx sends it (deploy/
nginx-site.conf: Host, X-Forwarded-For, X-Real-IP, X-Forwarded-Proto), one connection each.
Python's hash seed is fixed; repeat runs agree within 0.4% on an otherwise idle machine.
Beside a running test suite one count of ours came out 16% lower (cause not found): run it
alone.

Kernel time (the socket's system calls) is not counted; it is the same for both stacks.
With `BAKERYDEMO` it counts bakerydemo's side the same way (set up as `benchmarks.page_cpu`
sets it up). Pages as in `benchmarks.page_cpu` (`PAGES=trivial,story` by default):

    instructions <page> ours <n> <path>  bakerydemo <n> <path>  ratio <ours/theirs>

Needs Valgrind (apt-get install valgrind); a story takes a few minutes under it.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.page_cpu import PAIRS, prepare_bakerydemo
from deploy.production import ROOT, environment, manage, unit

BASE = int(os.environ.get("BASE", "20"))
REQUESTS = int(os.environ.get("REQUESTS", "200"))
ONLY = set(filter(None, os.environ.get("PAGES", "trivial,story").split(",")))
HOST = "127.0.0.1:8080"


def request_bytes(path: str) -> bytes:
    return (
        f"GET {path} HTTP/1.0\r\nHost: {HOST}\r\nX-Forwarded-For: 127.0.0.1\r\n"
        "X-Real-IP: 127.0.0.1\r\nX-Forwarded-Proto: http\r\nConnection: close\r\n"
        "User-Agent: benchmarks.instructions\r\n\r\n"
    ).encode()


def ask(port: int, path: str) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=600) as connection:
        connection.sendall(request_bytes(path))
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def counted(command, cwd, env, path: str, requests: int, scratch: Path) -> int:
    """Instructions of the gunicorn worker that answered `requests` requests for `path`."""
    port = free_port()
    out = scratch / f"callgrind.{port}.{requests}"
    for old in scratch.glob(f"{out.name}.*"):
        old.unlink()
    process = subprocess.Popen(
        [
            "valgrind",
            "--tool=callgrind",
            "--trace-children=yes",
            f"--callgrind-out-file={out}.%p",
            *command,
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            # Slow under Valgrind: never taken for hung, and given time to write its counts.
            "--timeout",
            "600",
            "--graceful-timeout",
            "600",
        ],
        cwd=cwd,
        env={**env, "PYTHONHASHSEED": "0"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 600
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    raise SystemExit(f"gunicorn under callgrind did not start: {command}") from None
                time.sleep(0.5)
        status = ask(port, path).split(b"\r\n", 1)[0]
        if b" 200 " not in status:
            raise SystemExit(f"{path}: {status.decode()}")
        for _ in range(requests - 1):
            ask(port, path)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=600)
    # The master and the worker each write a file; the worker ran the requests.
    totals = [
        int(re.search(rb"^summary: (\d+)", file.read_bytes(), re.M).group(1))
        for file in scratch.glob(f"{out.name}.*")
    ]
    if len(totals) != 2:
        raise SystemExit(f"{path}: {len(totals)} callgrind files, not the master's and worker's")
    return max(totals)


def per_request(command, cwd, env, path: str, scratch: Path) -> int:
    few = counted(command, cwd, env, path, BASE, scratch)
    many = counted(command, cwd, env, path, BASE + REQUESTS, scratch)
    return round((many - few) / REQUESTS)


def gunicorn(python: str, app: str) -> list[str]:
    defaults, _command = unit("newsroom-web.service")
    threads = os.environ.get("WEB_THREADS", defaults["WEB_THREADS"])
    return [python, "-m", "gunicorn", app, "--threads", threads, "--no-control-socket"]


def main() -> int:
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed: apt-get install valgrind")
    run_dir = Path(os.environ.get("RUN_DIR", ROOT / ".production")).resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    ours_env = {**environment(run_dir), "PAGE_CACHE_SECONDS": "0", "SITE_URL": f"http://{HOST}"}
    manage(ours_env, "migrate", "--no-input", "-v", "0")
    manage(ours_env, "collectstatic", "--no-input", "-v", "0")
    manage(ours_env, "load_demo", "-v", "0")
    ours = (gunicorn(sys.executable, "newsroom.wsgi"), ROOT, ours_env)
    theirs = None
    if os.environ.get("BAKERYDEMO"):
        checkout = Path(os.environ["BAKERYDEMO"]).resolve()
        python, env = prepare_bakerydemo(checkout, run_dir / "bakerydemo")
        theirs = (gunicorn(python, "bakerydemo.wsgi"), checkout, env)
    else:
        print("BAKERYDEMO not set: bakerydemo's side is skipped.", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        for name, path, their_path in PAIRS:
            if name not in ONLY:
                continue
            mine = per_request(*ours, path, Path(scratch))
            line = f"instructions {name:<8} ours {mine:>11,} {path}"
            if theirs:
                other = per_request(*theirs, their_path, Path(scratch))
                line += f"  bakerydemo {other:>11,} {their_path}  ratio {mine / other:.3f}"
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
