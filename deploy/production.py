"""`make production`: the production stack on this machine, in the foreground.

nginx in front (deploy/nginx-site.conf) on http://127.0.0.1:$PORT/, gunicorn with the
production settings, the task worker and the scheduler, each started with the `ExecStart`
line of its systemd unit in deploy/ (the `/srv/newsroom` install path read as this
checkout), so what runs here is what a server runs. First: a secret key generated into
`.production/secret_key` (git-ignored) unless `SECRET_KEY` is set, then migrate, the search
documents (`rebuild_search`: migrations never write them), collectstatic and the demo content
(`DEMO=0` leaves it out).

Every setting comes from the environment as in production (docs/production.md); defaults:
`PORT=8080`, `SITE_URL=http://127.0.0.1:$PORT`, and the run folder `.production/`
(`RUN_DIR`) for its own SQLite database and media (never the development ones), the
socket, cache, logs and nginx's files.

Supervised as systemd supervises the units (`Restart=on-failure`): a part that fails is
started again after 2 s, then 4, 8 … up to 30 s while it keeps failing at once, and the
rest keep serving. Each part runs in its own process group, so stopping it stops its
children too. The scheduler runs `publish_scheduled` once a minute, as the timer does.
Ctrl-C (or SIGTERM) stops everything.

`python deploy/production.py manage ARGS` runs a management command on the same database
and settings (`make production-superuser`: `createsuperuser`).
"""

import contextlib
import os
import pwd
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
INSTALL_PATH = "/srv/newsroom"
SCHEDULER_EVERY_SECONDS = 60
BACKOFF_MAX_SECONDS = 30
BACKOFF_RESET_SECONDS = 60  # a part that ran this long before failing starts again at once
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def log(message: str) -> None:
    print(f"[production] {message}", flush=True)


def unit(name: str) -> tuple[dict[str, str], str]:
    """A systemd unit's `Environment=` defaults and its `ExecStart` command line (a oneshot's
    several `ExecStart` lines run one after the other, as systemd runs them)."""
    text = (DEPLOY / name).read_text().replace("\\\n", " ")
    defaults, command = {}, ""
    for line in text.splitlines():
        key, _, value = line.partition("=")
        if key == "Environment":
            name_, _, default = value.partition("=")
            defaults[name_] = default
        elif key == "ExecStart":
            command = f"{command}; {value}" if command else value
    return defaults, command.replace(INSTALL_PATH, str(ROOT))


def render(template: str, values: dict[str, str]) -> str:
    text = (DEPLOY / template).read_text()
    for name, value in values.items():
        text = text.replace(f"@@{name}@@", value)
    missing = re.findall(r"@@\w+@@", text)
    if missing:
        raise SystemExit(f"{template}: no value for {', '.join(sorted(set(missing)))}")
    return text


def ensure_nginx() -> None:
    if Path(NGINX).exists():
        return
    if os.geteuid() != 0:
        raise SystemExit("nginx is not installed: run `sudo apt-get install nginx-light`.")
    log("installing Debian's nginx-light")
    subprocess.run(["apt-get", "update", "-qq"], check=True)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "nginx-light"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


def environment(run_dir: Path) -> dict[str, str]:
    port = os.environ.setdefault("PORT", "8080")
    env = dict(os.environ)
    env.setdefault("SITE_URL", f"http://127.0.0.1:{port}")
    env.setdefault("DATABASE_URL", f"sqlite:///{run_dir / 'db.sqlite3'}")
    env.setdefault("CACHE_DIR", str(run_dir / "cache"))
    env.setdefault("MEDIA_ROOT", str(run_dir / "media"))
    env.setdefault("STATIC_ROOT", str(ROOT / "static_collected"))
    env["DJANGO_SETTINGS_MODULE"] = "newsroom.settings.production"
    env["PYTHONUNBUFFERED"] = "1"
    if not env.get("SECRET_KEY"):
        key_file = run_dir / "secret_key"
        if not key_file.exists():
            key_file.write_text(secrets.token_urlsafe(50))
            key_file.chmod(0o600)
            log(f"generated a secret key in {key_file}")
        env["SECRET_KEY"] = key_file.read_text().strip()
    return env


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def nginx_conf(run_dir: Path, env: dict[str, str], socket_path: Path) -> Path:
    """nginx's main configuration for running unprivileged from `run_dir`, around the site."""
    site = run_dir / "nginx-site.conf"
    site.write_text(
        render(
            "nginx-site.conf",
            {
                "UPSTREAM": f"unix:{socket_path}",
                "LISTEN": f"127.0.0.1:{env['PORT']}",
                "SERVER_NAME": "_",
                "ACCESS_LOG": "/dev/stdout",
                "STATIC_ROOT": env["STATIC_ROOT"].rstrip("/"),
                "MEDIA_ROOT": env["MEDIA_ROOT"].rstrip("/"),
            },
        )
    )
    temp = run_dir / "nginx-temp"
    temp.mkdir(exist_ok=True)
    main = run_dir / "nginx.conf"
    # Started by root, nginx's workers would run as www-data, which cannot read this user's
    # files; they run as the user who started the stack (on a server: the distro's nginx).
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};" if os.geteuid() == 0 else ""
    main.write_text(
        f"""daemon off;
{user}
worker_processes auto;
pid {run_dir}/nginx.pid;
error_log {run_dir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    types {{ text/csv csv; }}
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    server_tokens off;
    access_log off;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {site};
}}
"""
    )
    return main


@dataclass
class Part:
    """One supervised process: a service, or with `every` a job started on that period (as a
    systemd timer starts a oneshot unit)."""

    name: str
    command: str | list[str]
    env: dict[str, str]
    every: float | None = None
    process: subprocess.Popen | None = None
    started: float = 0.0
    due: float = 0.0
    failures: int = 0

    def start(self) -> None:
        shell = isinstance(self.command, str)
        self.process = subprocess.Popen(
            f"exec {self.command}" if shell else self.command,
            shell=shell,
            cwd=ROOT,
            env=self.env,
            start_new_session=True,  # its own process group, stopped with its children
        )
        self.started = time.monotonic()
        if self.every is None:
            log(f"started {self.name} (pid {self.process.pid})")

    def signal(self, number: int) -> None:
        """Signal its whole process group (also what is left of it once it has exited)."""
        if self.process is not None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, number)


class Stack:
    """The running parts, each started again when it fails (systemd's `Restart=on-failure`,
    with a growing delay while it keeps failing at once)."""

    def __init__(self):
        self.parts: list[Part] = []
        self.stopping = False

    def add(self, part: Part) -> Part:
        self.parts.append(part)
        part.start()
        return part

    def add_unit(self, name: str, unit_file: str, env: dict[str, str]) -> Part:
        defaults, command = unit(unit_file)
        return self.add(Part(name, command, {**defaults, **env}))

    def supervise(self) -> None:
        """One round: note the parts that have exited, start those that are due again."""
        now = time.monotonic()
        for part in self.parts:
            if part.process is not None:
                code = part.process.poll()
                if code is None:
                    continue
                self._exited(part, code, now)
            if self.stopping:
                return
            if now >= part.due and (part.every is not None or part.failures):
                part.start()

    def _exited(self, part: Part, code: int, now: float) -> None:
        part.signal(signal.SIGTERM)  # what it left behind: a killed gunicorn's workers
        part.process = None
        if code == 0:
            part.failures = 0
            part.due = part.started + (part.every or 0)
            if part.every is None:
                log(f"{part.name} exited cleanly: not started again (Restart=on-failure)")
            return
        if now - part.started > BACKOFF_RESET_SECONDS:
            part.failures = 0
        part.failures += 1
        delay = min(BACKOFF_MAX_SECONDS, 2**part.failures)
        part.due = now + delay
        how = f"signal {-code}" if code < 0 else f"exit {code}"
        log(f"{part.name} failed ({how}): starting it again in {delay} s")

    def stop(self, *_args) -> None:
        if self.stopping:
            return
        self.stopping = True
        for part in reversed(self.parts):
            part.signal(signal.SIGTERM)
        deadline = time.monotonic() + 20
        for part in reversed(self.parts):
            if part.process is None:
                continue
            with contextlib.suppress(subprocess.TimeoutExpired):
                part.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            part.signal(signal.SIGKILL)  # whatever of its group is left


def wait_for_socket(path: Path, part: Part, seconds: float = 60) -> None:
    """Until gunicorn accepts connections on its socket, so nginx never finds it missing."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if part.process.poll() is not None:
            raise SystemExit(f"{part.name} stopped while starting")
        with socket.socket(socket.AF_UNIX) as probe:
            try:
                probe.connect(str(path))
                return
            except OSError:
                time.sleep(0.2)
    raise SystemExit(f"{part.name} did not open {path} within {seconds:.0f} s")


def wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def superuser_command() -> str:
    """How to create the first editor on this stack's own database."""
    chosen = [
        f"{name}={os.environ[name]}" for name in ("RUN_DIR", "DATABASE_URL") if name in os.environ
    ]
    return " ".join([*chosen, "make production-superuser"])


def main() -> int:
    run_dir = Path(os.environ.get("RUN_DIR", ROOT / ".production")).resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    env = environment(run_dir)
    if sys.argv[1:2] == ["manage"]:
        command = [sys.executable, "manage.py", *sys.argv[2:]]
        return subprocess.run(command, cwd=ROOT, env=env).returncode
    ensure_nginx()
    log(
        "migrate, rebuild_search, collectstatic"
        + (", demo content" if env.get("DEMO", "1") != "0" else "")
    )
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "rebuild_search", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    if env.get("DEMO", "1") != "0":
        manage(env, "load_demo")

    socket_path = run_dir / "gunicorn.sock"
    conf = nginx_conf(run_dir, env, socket_path)
    stack = Stack()
    signal.signal(signal.SIGTERM, stack.stop)
    signal.signal(signal.SIGINT, stack.stop)
    try:
        web_env = {**env, "GUNICORN_BIND": f"unix:{socket_path}"}
        web = stack.add_unit("web", "newsroom-web.service", web_env)
        stack.add_unit("worker", "newsroom-worker.service", env)
        _defaults, scheduled = unit("newsroom-scheduler.service")
        stack.add(Part("scheduler", scheduled, env, every=SCHEDULER_EVERY_SECONDS))
        wait_for_socket(socket_path, web)
        stack.add(Part("nginx", [NGINX, "-c", str(conf), "-p", str(run_dir)], env))
        wait_until_up(f"http://127.0.0.1:{env['PORT']}/readyz")
        log(f"Newsroom is at {env['SITE_URL']}/ (nginx on 127.0.0.1:{env['PORT']}); Ctrl-C stops")
        log(f"its own database: {env['DATABASE_URL']}")
        log(f"create the first editor with: {superuser_command()}")
        while not stack.stopping:
            stack.supervise()
            time.sleep(0.5)
        return 0
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
