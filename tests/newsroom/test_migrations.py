"""A migration is history: it runs on the schema of its day, long after the code beside it
has changed. So no migration imports the project's own modules (models, blocks' helpers,
validators, `articles.fulltext`): only Django, Wagtail and other libraries, with
`apps.get_model` and plain data. Run by `make lint` and CI's lint step as well as `make test`.

Block classes named by a dotted path inside a StreamField's `block_lookup` are Wagtail's own
way of recording a stream and are allowed: they are strings, imported by Wagtail, and must
not touch the database when constructed (checked by the upgrade tests, `tests/upgrade/`)."""

import ast
from pathlib import Path

from django.core.exceptions import ValidationError

import pytest

from contacts.models import Helpline
from statistics.models import Figure

ROOT = Path(__file__).resolve().parents[2]
PROJECT = {"newsroom", "articles", "contacts", "statistics", "images", "tests", "benchmarks"}


def imported_modules(source: str) -> list[str]:
    modules = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            # `from . import x` inside a migrations package is the project too.
            modules.append("." * node.level + (node.module or ""))
    return modules


def project_imports(source: str) -> list[str]:
    return [
        module
        for module in imported_modules(source)
        if module.startswith(".") or module.split(".")[0] in PROJECT
    ]


def test_no_migration_imports_the_projects_own_code():
    found = [
        f"{path.relative_to(ROOT)} imports {module}"
        for path in sorted(ROOT.glob("*/migrations/*.py"))
        for module in project_imports(path.read_text())
    ]
    assert found == [], "Migrations must use apps.get_model and plain data:\n" + "\n".join(found)


def test_the_check_sees_every_way_of_importing():
    source = (
        "import statistics.models\n"
        "from contacts import phone\n"
        "from .helpers import fill\n"
        "def forwards(apps, schema_editor):\n"
        "    from articles.fulltext import index_article\n"
        "import django.db, wagtail.fields\n"
    )
    assert project_imports(source) == [
        "statistics.models",
        "contacts",
        ".helpers",
        "articles.fulltext",
    ]


@pytest.mark.parametrize(
    ("field", "bad", "message"),
    [
        (Helpline._meta.get_field("number"), "0300 456", "too short"),
        (Figure._meta.get_field("period"), "2019/21", "2019/21"),
    ],
)
def test_fields_with_rules_in_code_are_plain_text_to_migrations_and_still_refuse_bad_input(
    field, bad, message
):
    _, path, _, kwargs = field.deconstruct()
    assert path == "django.db.models.CharField" and "validators" not in kwargs
    with pytest.raises(ValidationError, match=message):
        field.clean(bad, None)
