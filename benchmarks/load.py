"""`make bench-load`: readers under load, against `make production`, with and without the
page cache.

Starts the production stack (deploy/production.py, on `PORT`, default 8080), then runs
Debian's `wrk` (`-t2 -c64`, `BENCH_SECONDS` = 60 s each) on the reference story alone and on
a mix of home, /news/, the story, an area page, a data page, the feed and a search, in three
modes (`BENCH_MODES`, default all three):

- `cached`: nginx, with the page cache (hits served by the app servers from the cache);
- `varnish`: the same stack with Varnish in front (deploy/varnish.py, on `PORT`+1), purged
  by the site as a CDN would be: hits never reach Python;
- `uncached`: nginx, the page cache off (`PAGE_CACHE_SECONDS=0`), every request rendered.

With a cache, it then publishes the story `PUBLISHES` times and times how long until the
new text is served through it. Prints one line per run:

    load <mode> <story|mix> rps <n> p50_ms <n> p99_ms <n> errors <n> (load …)
    publish_to_served_ms <mode> median <n> max <n>
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from deploy.varnish import start_varnish, stop_varnish

ROOT = Path(__file__).resolve().parent.parent
STORY = "/news/online-child-sex-offences-reported-to-police/"
MIX = [
    "/",
    "/news/",
    STORY,
    "/news/area/wiltshire/",
    "/statistics/online-child-sex-offences/",
    "/news/feed/",
    "/search/?q=police",
]
WRK_SCRIPT = """
local paths = {%s}
local n = 0
request = function()
    n = n + 1
    return wrk.format("GET", paths[(n %% #paths) + 1])
end
"""
SECONDS = int(os.environ.get("BENCH_SECONDS", "60"))
MODES = os.environ.get("BENCH_MODES", "cached,varnish,uncached").split(",")
PUBLISHES = int(os.environ.get("PUBLISHES", "5"))


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=60) as response:
        return response.read().decode()


def start_stack(env: dict) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "deploy/production.py"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("make production stopped while starting: run it alone to see why")
        try:
            get(f"http://127.0.0.1:{env['PORT']}/readyz")
            return process
        except OSError:
            time.sleep(0.5)
    raise SystemExit("make production did not start within 300 s")


def stop_stack(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=60)


def milliseconds(text: str) -> float:
    value, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def wrk(
    base: str, paths: list[str], script_dir: Path, seconds: int = SECONDS, connections: int = 64
) -> dict:
    """wrk's figures for `paths` taken in turn from `base` by `connections` readers at once
    (two wrk threads): requests, rps, p50, p99, errors."""
    script = script_dir / "mix.lua"
    script.write_text(WRK_SCRIPT % ", ".join(f'"{p}"' for p in paths))
    result = subprocess.run(
        # A reader's browser waits 30 s, not wrk's default 2 s, before giving up.
        [
            "wrk",
            f"-t{min(2, connections)}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "30s",
            "--latency",
            "-s",
            str(script),
            base,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = result.stdout
    if not re.search(r"^\s+99%", out, re.M) or " 0 requests in" in out:
        raise SystemExit(f"wrk measured nothing:\n{out}")
    print(out, file=sys.stderr)  # wrk's own report, for the record
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    errors += int((re.search(r"Non-2xx or 3xx responses: (\d+)", out) or [0, 0])[1])
    return {
        "requests": int(re.search(r"(\d+) requests in", out)[1]),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),
        "p50_ms": milliseconds(re.search(r"^\s+50%\s+(\S+)", out, re.M)[1]),
        "p99_ms": milliseconds(re.search(r"^\s+99%\s+(\S+)", out, re.M)[1]),
        "errors": errors,
    }


def publish_to_served(env: dict, base: str) -> list[float]:
    """Seconds from each publish's commit to the story serving its new text at `base`."""
    timings = []
    for n in range(PUBLISHES):
        get(base + STORY)  # cached before the change
        marker = f"Publish timing {n} {time.time_ns()}"
        code = (
            "import time; from articles.models import ArticlePage; "
            f"page = ArticlePage.objects.get(url_path__endswith={STORY!r}); "
            f"page.standfirst = {marker!r}; page.save_revision().publish(); print(time.time())"
        )
        publisher = subprocess.Popen(  # polled as soon as it says it has committed
            [sys.executable, "-u", "manage.py", "shell", "-c", code],
            cwd=ROOT,
            env={**env, "DJANGO_SETTINGS_MODULE": "newsroom.settings.production"},
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        committed = None
        for line in publisher.stdout:
            try:
                committed = float(line)
                break
            except ValueError:
                continue
        if committed is None:
            raise SystemExit("publishing the story failed")
        while marker not in get(base + STORY):
            time.sleep(0.01)
        timings.append(time.time() - committed)
        publisher.wait()
    return timings


def main() -> int:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    port = int(os.environ.setdefault("PORT", "8080"))
    env = dict(os.environ)
    env.setdefault("SITE_URL", f"http://127.0.0.1:{port}")
    # make production's own database, for the publishes run beside it.
    run_dir = Path(env.get("RUN_DIR", ROOT / ".production")).resolve()
    env.setdefault("DATABASE_URL", f"sqlite:///{run_dir / 'db.sqlite3'}")
    with tempfile.TemporaryDirectory() as scratch:
        for mode in ("cached", "varnish", "uncached"):
            if mode not in MODES:
                continue
            base = f"http://127.0.0.1:{port + 1 if mode == 'varnish' else port}"
            run_env = {**env, "PAGE_CACHE_SECONDS": "0" if mode == "uncached" else "600"}
            if mode == "varnish":
                run_env["FRONTEND_CACHE_PURGE_URL"] = base
            stack = start_stack(run_env)
            varnish = None
            try:
                if mode == "varnish":
                    varnish = start_varnish(
                        port=port + 1, backend_port=port, run_dir=Path(scratch) / "varnish"
                    )
                    time.sleep(2)
                for name, paths in (("story", [STORY]), ("mix", MIX)):
                    time.sleep(5)  # let the app servers finish what the last run left queued
                    for path in paths:  # warm: the first reader fills the cache
                        get(base + path)
                    load = os.getloadavg()[0]
                    figures = wrk(base, paths, Path(scratch))
                    print(
                        f"load {mode} {name} rps {figures['rps']:.0f} "
                        f"p50_ms {figures['p50_ms']:.1f} p99_ms {figures['p99_ms']:.1f} "
                        f"errors {figures['errors']} (machine load average before: {load:.1f})",
                        flush=True,
                    )
                if mode != "uncached" and PUBLISHES:
                    secret = Path(env.get("RUN_DIR", ROOT / ".production")) / "secret_key"
                    run_env.setdefault("SECRET_KEY", secret.read_text().strip())
                    timings = [t * 1000 for t in publish_to_served(run_env, base)]
                    print(
                        f"publish_to_served_ms {mode} "
                        f"median {sorted(timings)[len(timings) // 2]:.0f} max {max(timings):.0f}",
                        flush=True,
                    )
            finally:
                if varnish is not None:
                    stop_varnish(varnish)
                stop_stack(stack)
    return 0


if __name__ == "__main__":
    sys.exit(main())
