"""Varnish in front of `make production`, as a newsroom's edge cache or CDN stands in front of
it: deploy/varnish.vcl pointed at nginx, run as the current user from a folder of its own.
Used by the production-stack tests and by `make bench-load`."""

import os
import shutil
import signal
import subprocess
from pathlib import Path

VCL = Path(__file__).resolve().parent / "varnish.vcl"


def start_varnish(*, port: int, backend_port: int, run_dir: Path) -> Path:
    """Start varnishd on 127.0.0.1:`port` in front of nginx on `backend_port`; return the
    pid file that `stop_varnish` takes."""
    varnishd = shutil.which("varnishd") or "/usr/sbin/varnishd"
    run_dir.mkdir(parents=True, exist_ok=True)
    vcl = run_dir / "site.vcl"
    vcl.write_text(
        VCL.read_text()
        .replace("@@BACKEND_HOST@@", "127.0.0.1")
        .replace("@@BACKEND_PORT@@", str(backend_port))
    )
    pid_file = run_dir / "varnish.pid"
    subprocess.run(
        [
            varnishd,
            "-j", "none",  # as this user: Varnish's own user cannot read these files
            "-a", f"127.0.0.1:{port}",
            "-f", str(vcl),
            "-n", str(run_dir / "varnish"),
            "-P", str(pid_file),
            "-s", "malloc,64m",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return pid_file


def stop_varnish(pid_file: Path) -> None:
    if pid_file.exists():
        os.kill(int(pid_file.read_text()), signal.SIGTERM)
