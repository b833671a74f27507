"""CPU per request of the app servers, uncached, beside bakerydemo's when one is given.

    python -m benchmarks.page_cpu        # make bench-pages runs it after the page weights
    BAKERYDEMO=../bakerydemo python -m benchmarks.page_cpu

Starts `make production` (deploy/production.py on `PORT`, default 8080) with the page cache
off (`PAGE_CACHE_SECONDS=0`), so every request goes through the whole middleware stack and
the view. For the trivial view (`/healthz`, which answers `{"status": "ok"}` and reads
nothing) and each main page, Debian's `wrk` runs `BENCH_SECONDS` (default 10) with
`CONNECTIONS` readers (default 8) through nginx, and the CPU the gunicorn workers spent over
that run (utime + stime from /proc, with what the master reaped from workers that
restarted) is divided by the requests wrk counted.

With `BAKERYDEMO` naming a bakerydemo checkout, bakerydemo runs beside it the same way:
gunicorn with the workers and threads of deploy/newsroom-web.service, behind the same nginx
configuration (on `PORT`+2), with its production settings (DEBUG off, its local-memory
cache; no SSL redirect on this plain-http port) and a SQLite database of its demo content in
the run folder, made on first use (`migrate`, `load_initial_data`). Its Python is
`BAKERYDEMO/.venv/bin/python` (or `BAKERYDEMO_PYTHON`): a venv made with the same Python
as ours (checked: two builds of one version differ by a quarter in speed), with
bakerydemo's requirements on Django 5.2 and gunicorn. bakerydemo has no trivial view, so the
same `/healthz` view is put in front of its URLs by a settings module written to the run
folder: what differs is the middleware stack. Each pair runs in turn, ours then theirs,
`ROUNDS` times (default 3), so both share the machine's noise (`PAGES=trivial,story` measures
only those); then medians and ratios:

    cpu_ms <page> ours <ms> <path>  bakerydemo <ms> <path>  ratio <ours/theirs>
"""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.database import setup

setup()

from benchmarks.load import ROOT, get, start_stack, stop_stack, wrk  # noqa: E402
from deploy.production import NGINX, nginx_conf, unit, wait_until_up  # noqa: E402
from newsroom.demo import MAIN_PAGES, REFERENCE_SLUG  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
# Readers at once: enough to keep both CPUs and every worker busy, few enough that requests
# do not queue behind one another in nginx (queueing adds CPU that is not the page's).
CONNECTIONS = int(os.environ.get("CONNECTIONS", "8"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))
# Only these pages, by name (`PAGES=trivial,story`); every page by default.
ONLY = set(filter(None, os.environ.get("PAGES", "").split(",")))
TRIVIAL = "/healthz"
STORY = f"/news/{REFERENCE_SLUG}/"
# (name, ours, bakerydemo's): the trivial view, a story against a blog post, home, search.
PAIRS = [
    ("trivial", TRIVIAL, TRIVIAL),
    ("story", STORY, "/blog/icelandic-baking/"),
    ("home", "/", "/"),
    ("search", "/search/?q=police", "/search/?q=bread"),
]
BAKERY_SETTINGS = """from bakerydemo.settings.production import *  # noqa

ROOT_URLCONF = "floor_urls"
"""
# The same view as newsroom/health.py's healthz, in front of bakerydemo's own URLs.
BAKERY_URLS = """from django.http import JsonResponse
from django.urls import include, path
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    return JsonResponse({"status": "ok"})


urlpatterns = [path("healthz", healthz), path("", include("bakerydemo.urls"))]
"""
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def median(values: list[float]) -> float:
    """(The project's `statistics` app shadows the standard library's module here.)"""
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _stat(pid: int) -> list[str]:
    """The fields of /proc/<pid>/stat after the command name: [0] is the state, [1] the
    parent, [11:15] utime, stime and the reaped children's cutime, cstime."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def _children(pid: int) -> list[int]:
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int(_stat(int(entry.name))[1]) == pid:
                    children.append(int(entry.name))
            except (OSError, ValueError):
                continue  # exited meanwhile
    return children


def workers_cpu_seconds(master: int) -> float:
    """CPU seconds of gunicorn `master`'s workers: those running now, and those it reaped
    (restarted by --max-requests), its own CPU excluded."""
    ticks = sum(int(n) for n in _stat(master)[13:15])
    for worker in _children(master):
        try:
            ticks += sum(int(n) for n in _stat(worker)[11:13])
        except OSError:
            continue
    return ticks / CLOCK_TICKS


def gunicorn_master(stack: subprocess.Popen) -> int:
    """make production's gunicorn: the child of its supervisor that runs gunicorn."""
    for child in _children(stack.pid):
        if b"gunicorn" in Path(f"/proc/{child}/cmdline").read_bytes():
            return child
    raise SystemExit("make production runs no gunicorn")


def cpu_ms(base: str, master: int, path: str, scratch: Path) -> float:
    """CPU milliseconds the workers spent per request on `path` over one wrk run."""
    before = workers_cpu_seconds(master)
    figures = wrk(base, [path], scratch, seconds=SECONDS, connections=CONNECTIONS)
    spent = workers_cpu_seconds(master) - before
    if figures["errors"]:
        raise SystemExit(f"{base}{path}: {figures['errors']} errors under wrk")
    return spent * 1000 / figures["requests"]


def prepare_bakerydemo(checkout: Path, run_dir: Path) -> tuple[str, dict[str, str]]:
    """bakerydemo's Python and environment, its data made on first use, its static files
    collected."""
    python = os.environ.get("BAKERYDEMO_PYTHON", str(checkout / ".venv" / "bin" / "python"))
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "floor_settings.py").write_text(BAKERY_SETTINGS)
    (run_dir / "floor_urls.py").write_text(BAKERY_URLS)
    database = run_dir / "bakerydemo.sqlite3"
    env = {
        "PATH": os.environ["PATH"],
        "PYTHONPATH": os.pathsep.join([str(checkout), str(run_dir)]),
        "DJANGO_SETTINGS_MODULE": "floor_settings",
        "DJANGO_SECRET_KEY": "bakerydemo-benchmark-only-" + "x" * 40,
        "DATABASE_URL": f"sqlite:///{database}",
        "SECURE_SSL_REDIRECT": "False",
        "STATIC_ROOT": str(checkout / "bakerydemo" / "collect_static"),
        "MEDIA_ROOT": str(checkout / "bakerydemo" / "media"),
    }

    theirs = subprocess.run(
        [python, "-c", "import sys; print(sys.base_prefix, sys.version)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if theirs != f"{sys.base_prefix} {sys.version}":
        # Two builds of one Python version differ by a quarter in speed (Debian's is built
        # with PGO and LTO): the comparison would measure the interpreters.
        raise SystemExit(
            f"bakerydemo runs on {theirs}, ours on {sys.base_prefix} {sys.version}: make its "
            f"venv with the same Python ({sys.base_prefix}/bin/python3 -m venv)."
        )

    def manage(*args):
        subprocess.run(
            [python, "manage.py", *args], cwd=checkout, env=env, check=True, capture_output=True
        )

    if not database.exists():
        manage("migrate", "--no-input")
        manage("load_initial_data")
    manage("collectstatic", "--no-input")
    return python, env


def start_bakerydemo(checkout: Path, run_dir: Path, port: int) -> list[subprocess.Popen]:
    """bakerydemo's gunicorn behind the same nginx as ours."""
    python, env = prepare_bakerydemo(checkout, run_dir)
    env["PORT"] = str(port)
    defaults, _command = unit("newsroom-web.service")
    socket_path = run_dir / "gunicorn.sock"
    command = [
        python,
        "-m",
        "gunicorn",
        "bakerydemo.wsgi",
        "--bind",
        f"unix:{socket_path}",
        "--workers",
        os.environ.get("WEB_CONCURRENCY", defaults["WEB_CONCURRENCY"]),
        "--threads",
        os.environ.get("WEB_THREADS", defaults["WEB_THREADS"]),
        "--no-control-socket",
    ]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    web = subprocess.Popen(command, cwd=checkout, env=env, start_new_session=True, **quiet)
    conf = nginx_conf(run_dir, env, socket_path)
    front = subprocess.Popen(
        [NGINX, "-c", str(conf), "-p", str(run_dir)], start_new_session=True, **quiet
    )
    wait_until_up(f"http://127.0.0.1:{port}{TRIVIAL}")
    return [front, web]


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)


def warm(base: str, path: str) -> None:
    """A few requests first: renditions made, caches filled, templates loaded."""
    for _ in range(5):
        get(base + path)


def main() -> int:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install wrk")
    port = int(os.environ.setdefault("PORT", "8080"))
    checkout = Path(os.environ["BAKERYDEMO"]).resolve() if os.environ.get("BAKERYDEMO") else None
    env = {**os.environ, "PAGE_CACHE_SECONDS": "0"}
    env.setdefault("SITE_URL", f"http://127.0.0.1:{port}")
    ours_base, theirs_base = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{port + 2}"
    stack = start_stack(env)
    theirs = []
    try:
        master = gunicorn_master(stack)
        with tempfile.TemporaryDirectory() as scratch:
            if checkout is None:
                print("BAKERYDEMO not set: bakerydemo's side is skipped.", flush=True)
            else:
                bakery_run = Path(os.environ.get("RUN_DIR", ROOT / ".production")) / "bakerydemo"
                theirs = start_bakerydemo(checkout, bakery_run.resolve(), port + 2)
                bakery_master = theirs[1].pid
            pages = [(name, ours, their) for name, ours, their in PAIRS]
            pages += [
                (path, path, None) for path in MAIN_PAGES if path not in {p[1] for p in PAIRS}
            ]
            if ONLY:
                pages = [page for page in pages if page[0] in ONLY]
            for _name, ours, their in pages:
                warm(ours_base, ours)
                if theirs and their:
                    warm(theirs_base, their)
            results: dict[str, dict[str, list[float]]] = {}
            for round_ in range(1, ROUNDS + 1):
                for name, ours, their in pages:
                    measured = results.setdefault(name, {"ours": [], "bakerydemo": []})
                    load = os.getloadavg()[0]
                    measured["ours"].append(cpu_ms(ours_base, master, ours, Path(scratch)))
                    line = f"round {round_} {name} ours {measured['ours'][-1]:.2f}"
                    if theirs and their:
                        time.sleep(1)
                        measured["bakerydemo"].append(
                            cpu_ms(theirs_base, bakery_master, their, Path(scratch))
                        )
                        line += f" bakerydemo {measured['bakerydemo'][-1]:.2f}"
                    print(f"{line} (load {load:.1f})", flush=True)
    finally:
        stop(theirs)
        stop_stack(stack)
    print(f"\nCPU ms per request, median of {ROUNDS} wrk runs of {SECONDS} s, page cache off:")
    for name, ours, their in pages:
        mine = median(results[name]["ours"])
        line = f"cpu_ms {name:<8} ours {mine:6.2f} {ours}"
        if results[name]["bakerydemo"]:
            other = median(results[name]["bakerydemo"])
            line += f"  bakerydemo {other:6.2f} {their}  ratio {mine / other:.2f}"
        print(line)
    print(f"load average after: {' '.join(f'{n:.2f}' for n in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
