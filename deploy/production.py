"""`make production`: the production stack on this machine, in the foreground.

nginx in front (deploy/nginx-site.conf) on http://127.0.0.1:$PORT/, gunicorn with the
production settings, the task worker and the scheduler, each started with the `ExecStart`
line of its systemd unit in deploy/ (the `/srv/newsroom` install path read as this
checkout), so what runs here is what a server runs. First: a secret key generated into
`.production/secret_key` (git-ignored) unless `SECRET_KEY` is set, then migrate,
collectstatic and the demo content (`DEMO=0` leaves it out).

Every setting comes from the environment as in production (docs/production.md); defaults:
`PORT=8080`, `SITE_URL=http://127.0.0.1:$PORT`, SQLite, media in `media/`, and the run
folder `.production/` (`RUN_DIR`) for the socket, cache, logs and nginx's files.
Ctrl-C (or SIGTERM) stops everything; if one part stops, all stop.
"""

import os
import pwd
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy"
INSTALL_PATH = "/srv/newsroom"
SCHEDULER_EVERY_SECONDS = 60
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
    env.setdefault("CACHE_DIR", str(run_dir / "cache"))
    env.setdefault("MEDIA_ROOT", str(ROOT / "media"))
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


def nginx_conf(run_dir: Path, env: dict[str, str], socket: Path) -> Path:
    """nginx's main configuration for running unprivileged from `run_dir`, around the site."""
    site = run_dir / "nginx-site.conf"
    site.write_text(
        render(
            "nginx-site.conf",
            {
                "UPSTREAM": f"unix:{socket}",
                "LISTEN": f"127.0.0.1:{env['PORT']}",
                "SERVER_NAME": "_",
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


class Stack:
    """The running parts; stopping one stops all."""

    def __init__(self):
        self.processes: dict[str, subprocess.Popen] = {}
        self.stopping = False

    def start(self, name: str, command, env: dict[str, str]) -> None:
        shell = isinstance(command, str)
        self.processes[name] = subprocess.Popen(
            f"exec {command}" if shell else command, shell=shell, cwd=ROOT, env=env
        )
        log(f"started {name} (pid {self.processes[name].pid})")

    def start_unit(self, name: str, unit_file: str, env: dict[str, str]) -> None:
        defaults, command = unit(unit_file)
        self.start(name, command, {**defaults, **env})

    def stop(self, *_args) -> None:
        if self.stopping:
            return
        self.stopping = True
        for process in self.processes.values():
            if process.poll() is None:
                process.terminate()
        deadline = time.monotonic() + 20
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()

    def exited(self) -> str | None:
        return next((n for n, p in self.processes.items() if p.poll() is not None), None)


def wait_until_up(url: str, stack: Stack, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if stack.exited():
            raise SystemExit(f"{stack.exited()} stopped while starting")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"{url} did not answer within {seconds:.0f} s")


def main() -> int:
    run_dir = Path(os.environ.get("RUN_DIR", ROOT / ".production")).resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    ensure_nginx()
    env = environment(run_dir)
    log("migrate, collectstatic" + (", demo content" if env.get("DEMO", "1") != "0" else ""))
    manage(env, "migrate", "--no-input", "-v", "0")
    manage(env, "collectstatic", "--no-input", "-v", "0")
    if env.get("DEMO", "1") != "0":
        manage(env, "load_demo")

    socket = run_dir / "gunicorn.sock"
    conf = nginx_conf(run_dir, env, socket)
    stack = Stack()
    signal.signal(signal.SIGTERM, stack.stop)
    signal.signal(signal.SIGINT, stack.stop)
    try:
        stack.start_unit("web", "newsroom-web.service", {**env, "GUNICORN_BIND": f"unix:{socket}"})
        stack.start_unit("worker", "newsroom-worker.service", env)
        _defaults, scheduled = unit("newsroom-scheduler.service")
        stack.start(
            "scheduler",
            f"sh -c 'while true; do {scheduled}; sleep {SCHEDULER_EVERY_SECONDS}; done'",
            env,
        )
        stack.start("nginx", [NGINX, "-c", str(conf), "-p", str(run_dir)], env)
        wait_until_up(f"http://127.0.0.1:{env['PORT']}/readyz", stack)
        log(f"Newsroom is at {env['SITE_URL']}/ (nginx on 127.0.0.1:{env['PORT']}); Ctrl-C stops")
        while not stack.stopping and not stack.exited():
            time.sleep(0.5)
        if stack.exited() and not stack.stopping:
            log(f"{stack.exited()} stopped: stopping the rest")
            return 1
        return 0
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
