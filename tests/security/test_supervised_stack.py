"""`make production`'s supervisor (deploy/production.py), on small stand-in processes: a
part that dies is started again after a delay that grows while it keeps dying, stopping the
stack stops every part's children too, and the stack has its own database and media.
Through nginx, with the real parts: tests/security/test_as_deployed.py."""

import os
import signal
import time
from pathlib import Path

import pytest

from deploy.production import Part, Stack, environment


@pytest.fixture
def stack():
    running = Stack()
    yield running
    running.stop()


def wait_for_new_pid(stack, part, old, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        stack.supervise()
        if part.process is not None and part.process.pid != old:
            return part.process.pid
        time.sleep(0.1)
    pytest.fail(f"{part.name} was not started again within {seconds} s")


def test_a_killed_part_is_started_again_later_each_time_it_keeps_dying(stack, capsys):
    part = stack.add(Part("sleeper", "sleep 300", dict(os.environ)))
    first = part.process.pid
    os.kill(first, signal.SIGKILL)
    second = wait_for_new_pid(stack, part, first)
    os.kill(second, signal.SIGKILL)
    part.process.wait()
    stack.supervise()
    assert part.process is None  # waiting out the longer delay
    log = capsys.readouterr().out
    assert "sleeper failed (signal 9): starting it again in 2 s" in log
    assert "sleeper failed (signal 9): starting it again in 4 s" in log


def test_a_part_that_exits_cleanly_is_not_started_again(stack, capsys):
    part = stack.add(Part("done", "true", dict(os.environ)))
    part.process.wait()
    stack.supervise()
    assert part.process is None
    assert "done exited cleanly: not started again" in capsys.readouterr().out


def test_a_timed_job_runs_again_only_when_its_period_is_over(stack):
    part = stack.add(Part("scheduler", "true", dict(os.environ), every=60))
    part.process.wait()
    stack.supervise()
    assert part.process is None


def processes_with(marker: str) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if marker in cmdline.read_bytes().decode(errors="replace"):
                found.append(cmdline.parent.name)
        except OSError:
            pass
    return found


def test_stopping_the_stack_stops_the_children_of_each_part(stack):
    # A shell loop's `sleep` outlived the stack when only the shell was stopped.
    marker = f"{os.getpid()}.5"
    stack.add(Part("loop", f"sh -c 'while true; do sleep {marker}; done'", dict(os.environ)))
    deadline = time.monotonic() + 5
    while not processes_with(f"sleep\0{marker}") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_with(f"sleep\0{marker}")
    stack.stop()
    time.sleep(0.2)
    assert processes_with(f"sleep\0{marker}") == []


def test_make_production_has_its_own_database_and_media(tmp_path, monkeypatch):
    for name in ("DATABASE_URL", "MEDIA_ROOT", "SECRET_KEY", "PORT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PORT", "8080")
    env = environment(tmp_path)
    assert env["DATABASE_URL"] == f"sqlite:///{tmp_path}/db.sqlite3"
    assert env["MEDIA_ROOT"] == str(tmp_path / "media")
    monkeypatch.setenv("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom")
    assert environment(tmp_path)["DATABASE_URL"].startswith("postgres://")


def test_a_timed_job_that_fails_is_tried_again_before_its_period(stack, capsys):
    part = stack.add(Part("scheduler", "false", dict(os.environ), every=60))
    part.process.wait()
    stack.supervise()
    assert "scheduler failed (exit 1): starting it again in 2 s" in capsys.readouterr().out
