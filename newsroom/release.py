"""Which release of the code is running: the version every cache key carries.

Cached pages and pickled model instances written by one release must never be read by the
next (a renamed field, a new template, a changed class would come back from the cache as it
was). Every key in `CACHES` is prefixed with this release, so a deploy starts on an empty
cache of its own while the old keys expire unread.

The release is `RELEASE` from the environment when the deploy names one (a tag, a commit),
else a digest of the code and templates themselves: the same code gives the same release on
every app server and in the task worker, and any change to either gives a new one.
"""

import hashlib
import os
from pathlib import Path

# What a release is made of: the apps' code and every template.
SOURCES = ("newsroom", "articles", "contacts", "statistics", "images", "templates")
SUFFIXES = {".py", ".html", ".txt", ".xml"}


def code_digest(root: Path) -> str:
    digest = hashlib.sha256()
    for top in SOURCES:
        for path in sorted((root / top).rglob("*")):
            if path.suffix in SUFFIXES and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def current(root: Path) -> str:
    return os.environ.get("RELEASE", "").strip() or code_digest(root)
