"""Sites made by earlier releases upgrade to today's code with every story, revision, picture,
helpline, figure and log entry, and every story reads the same.

For each commit of `COMMITS`, its code (`git archive`) builds a database with the shared
virtualenv: `migrate`, `load_demo`, then `generate.py` (stories with topics, areas, pictures
and credits, figure and helplines blocks, revisions, scheduled changes, drafts) and
`snapshot.py` (what the site holds and each live story's page as readers get it). Today's
code then runs `migrate` and `rebuild_search` on that database and takes the same snapshot;
the tests compare the two. The database is SQLite, or PostgreSQL when `DATABASE_URL` names
one (a database of its own per commit). How to add a commit: docs/upgrades.md.
"""

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Commit:
    sha: str
    why: str
    env: dict = field(default_factory=dict)  # what that commit's settings need beyond ours


# Each a commit of main's first-parent history (`git log --first-parent main`).
COMMITS = [
    Commit("f64264a", "the first main: the reference story, pages, authors"),
    # c82fbe5 (helplines move to `contacts`) reached main in the merge ce010f9: its first parent.
    Commit("44872ed", "the last main before helplines moved to contacts"),
    Commit("8ad17b8", "the last main before pictures became images.Picture"),
]
# Settings every run shares: development settings, the test client's host, no page cache.
BASE_ENV = {
    "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev",
    "ALLOWED_HOSTS": "testserver,localhost,127.0.0.1",
    "PAGE_CACHE_SECONDS": "0",
    "REDIS_URL": "",
    "TASK_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
}
OLD_PHASE = """
import runpy
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("load_demo")
runpy.run_path({generate!r})
runpy.run_path({snapshot!r})
"""
NEW_PHASE = """
import runpy
from django.core.management import call_command
call_command("migrate", verbosity=0)
call_command("rebuild_search")
runpy.run_path({snapshot!r})
"""
# Differences readers see on purpose after an upgrade, each with its reason.
ALLOWED = {
    "picture credit shown in more stories": (
        "articles 0011: a credit given by one story for a body picture that had none became "
        "the picture's own, shown under that picture in every story that uses it. A credit "
        "may appear in a story's text; none may go."
    ),
}

pytestmark = pytest.mark.xdist_group("upgrade")


def history_available():
    found = subprocess.run(
        ["git", "cat-file", "-e", f"{COMMITS[0].sha}^{{commit}}"],
        cwd=ROOT,
        capture_output=True,
    )
    return found.returncode == 0


@pytest.fixture(scope="session")
def upgrades():
    """{sha: (old snapshot, new snapshot)}, built once a session, the commits side by side."""
    if not history_available():
        reason = "no git history: the upgrade tests build databases from earlier commits"
        if os.environ.get("CI"):
            pytest.fail(f"{reason} (CI clones the whole history)")
        pytest.skip(reason)
    with tempfile.TemporaryDirectory(prefix="newsroom-upgrade-") as scratch:
        databases = Databases(Path(scratch))
        try:
            with ThreadPoolExecutor(max_workers=len(COMMITS)) as pool:
                built = list(
                    pool.map(lambda c: upgrade(c, Path(scratch) / c.sha, databases), COMMITS)
                )
        finally:
            databases.drop_all()
    return dict(zip([c.sha for c in COMMITS], built, strict=True))


class Databases:
    """A database per commit: a SQLite file (in memory-backed /dev/shm when there is one,
    since old migrations commit one by one), or a PostgreSQL database of its own named
    after the test database and the commit."""

    def __init__(self, scratch: Path):
        self.url = os.environ.get("DATABASE_URL", "")
        self.postgres = self.url.startswith(("postgres://", "postgresql://"))
        shm = Path("/dev/shm")
        self.files = Path(tempfile.mkdtemp(dir=shm if os.access(shm, os.W_OK) else scratch))
        self.created = []

    def for_commit(self, sha: str) -> str:
        if not self.postgres:
            return f"sqlite:///{self.files / f'{sha}.sqlite3'}"
        parts = urlsplit(self.url)
        # Per test process too: pytest-xdist's groups are not kept with pytest 9 here, so
        # each worker that runs an upgrade test builds its own.
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        name = f"{parts.path.lstrip('/') or 'newsroom'}_upgrade_{sha}_{worker}"
        self.admin(f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
        self.created.append(name)
        return urlunsplit(parts._replace(path=f"/{name}"))

    def admin(self, *statements):
        parts = urlsplit(self.url)
        with psycopg.connect(
            urlunsplit(parts._replace(path="/postgres")), autocommit=True
        ) as connection:
            for statement in statements:
                connection.execute(statement)

    def drop_all(self):
        shutil.rmtree(self.files, ignore_errors=True)
        for name in self.created:
            self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage_shell(checkout: Path, env: dict, code: str, what: str):
    done = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=checkout,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if done.returncode:
        pytest.fail(f"{what} failed:\n{done.stdout[-3000:]}\n{done.stderr[-6000:]}")


def upgrade(commit: Commit, work: Path, databases: Databases):
    checkout, media = work / "code", work / "media"
    checkout.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit.sha], cwd=ROOT, capture_output=True, check=True
    )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(checkout, filter="data")
    env = {**os.environ, **BASE_ENV, **commit.env}
    env |= {"DATABASE_URL": databases.for_commit(commit.sha), "MEDIA_ROOT": str(media)}
    env.pop("PYTHONPATH", None)
    old, new = work / "old.json", work / "new.json"
    code = {"generate": str(HERE / "generate.py"), "snapshot": str(HERE / "snapshot.py")}
    manage_shell(
        checkout,
        env | {"UPGRADE_SNAPSHOT": str(old)},
        OLD_PHASE.format(**code),
        f"{commit.sha} ({commit.why}): migrate, load_demo, generate",
    )
    manage_shell(
        ROOT,
        env | {"UPGRADE_SNAPSHOT": str(new)},
        NEW_PHASE.format(**code),
        f"today's migrate of the database from {commit.sha}",
    )
    return json.loads(old.read_text()), json.loads(new.read_text())


def credits_added(old_text: str, new_text: str, credits) -> str:
    """`new_text` without the picture credits it shows that `old_text` did not
    (ALLOWED["picture credit shown in more stories"])."""
    for credit in sorted(credits, key=len, reverse=True):
        if credit and credit not in old_text:
            new_text = " ".join(new_text.replace(credit, " ").split())
    return new_text


NUMBER = re.compile(r"\d[\d,.]*\d|\d")
parametrize = pytest.mark.parametrize("commit", [c.sha for c in COMMITS])


@parametrize
def test_every_story_is_there_and_reads_the_same(upgrades, commit):
    old, new = upgrades[commit]
    assert new["stories"].keys() == old["stories"].keys()
    credits = {p["credit"] for p in new["pictures"].values() if p["credit"]}
    for pk, before in old["stories"].items():
        after = new["stories"][pk]
        kept = ("slug", "title", "live", "go_live_at", "topics", "areas", "hero_image")
        assert {k: after[k] for k in kept} == {k: before[k] for k in kept}, before["slug"]
        if not before["live"]:
            continue
        page, was = after["page"], before["page"]
        assert page["status"] == was["status"] == 200, before["slug"]
        for part in ("headline", "standfirst", "hero"):
            assert page[part] == was[part], (before["slug"], part)
        body = credits_added(was["body"], page["body"], credits)
        assert body == was["body"], before["slug"]
        assert NUMBER.findall(body) == was["numbers"], before["slug"]


@parametrize
def test_topic_area_and_author_pages_list_the_same_stories(upgrades, commit):
    old, new = upgrades[commit]
    listed = {path: page for path, page in old["listings"].items() if page["status"] == 200}
    assert any(len(page["stories"]) >= 3 for page in listed.values())
    assert {path: new["listings"][path] for path in listed} == listed


@parametrize
def test_the_generated_stories_were_made_and_show_their_figures(upgrades, commit):
    """The comparison above compares something: the old release made the stories, with its
    figures where it had figure blocks."""
    old, _ = upgrades[commit]
    slugs = {story["slug"]: story for story in old["stories"].values()}
    for number in (1, 2, 3):
        page = slugs[f"upgrade-story-{number}"]["page"]
        assert f"fell by {number * 7} per cent" in page["body"]
        assert f"Photographer {number}" in page["hero"]
    if old["figures"]:
        assert "1,107" in slugs["upgrade-story-1"]["page"]["body"]
    assert not slugs["upgrade-draft-story"]["live"]


@parametrize
def test_revisions_schedules_and_log_entries_are_all_there(upgrades, commit):
    old, new = upgrades[commit]
    fields = ("model", "object_id", "title", "scheduled")
    assert [{k: r[k] for k in fields} for r in new["revisions"]] == [
        {k: r[k] for k in fields} for r in old["revisions"]
    ]
    assert [r for r in new["revisions"] if r["loads"] is not True] == []
    assert any(r["scheduled"] for r in old["revisions"])
    assert new["page_log"] == old["page_log"]
    assert new["model_log"] == old["model_log"]


@parametrize
def test_pictures_keep_their_files_and_take_the_credit_stories_gave(upgrades, commit):
    old, new = upgrades[commit]
    assert new["pictures"].keys() == old["pictures"].keys()
    for pk, before in old["pictures"].items():
        after = new["pictures"][pk]
        assert (after["title"], after["file"]) == (before["title"], before["file"])
        assert after["on_disk"] and before["on_disk"], after["file"]
    credits = {p["title"]: p["credit"] for p in new["pictures"].values()}
    for number in (1, 2, 3):
        assert credits[f"Upgrade picture {number}"] == f"Photographer {number}"
    assert credits["Upgrade body picture"] == "Agency Photographer"


@parametrize
def test_helplines_and_figures_are_all_there(upgrades, commit):
    old, new = upgrades[commit]
    assert new["helplines"] == old["helplines"]
    assert new["figures"] == old["figures"]


@parametrize
def test_search_finds_the_stories_once_rebuilt(upgrades, commit):
    _, new = upgrades[commit]
    assert sorted(new["search"]) == [f"Upgrade story {n} about burglaries" for n in (1, 2, 3)]
