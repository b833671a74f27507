"""A database made before helplines moved to the `contacts` app migrates forward with every
helpline, revision, log entry and block reference intact.

Hand-made rows on an otherwise empty database, for the reference-index row the upgrade tests
do not read; a whole site with stories made by that release's own code is upgraded by
`tests/upgrade/`."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wagtail.models import ModelLogEntry, ReferenceIndex, Revision

import pytest

from contacts.models import Helpline

BEFORE = [("newsroom", "0003_helpline"), ("articles", "0003_body_figure_and_helpline_blocks")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_helplines_keep_their_rows_revisions_history_and_references():
    old = migrate(BEFORE)
    ContentType = old.get_model("contenttypes", "ContentType")
    helpline_type, _ = ContentType.objects.get_or_create(app_label="newsroom", model="helpline")
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    mash = old.get_model("newsroom", "Helpline").objects.create(
        name="Wiltshire MASH", number="+443004560108", kind="safeguarding", when_to_call="Worried."
    )
    revision = old.get_model("wagtailcore", "Revision").objects.create(
        content_type=helpline_type,
        base_content_type=helpline_type,
        object_id=str(mash.pk),
        content={"pk": mash.pk, "name": "Wiltshire MASH", "number": "+443004560199"},
        object_str="Wiltshire MASH",
        created_at="2020-09-03T09:00:00Z",
    )
    old.get_model("wagtailcore", "ModelLogEntry").objects.create(
        content_type=helpline_type,
        object_id=str(mash.pk),
        action="wagtail.publish",
        label="Wiltshire MASH",
        timestamp="2020-09-03T10:00:00Z",
    )
    old.get_model("wagtailcore", "ReferenceIndex").objects.create(
        content_type=page_type,
        base_content_type=page_type,
        object_id="3",
        to_content_type=helpline_type,
        to_object_id=str(mash.pk),
        model_path="body.helplines.helplines.item",
        content_path="body.abc.helplines.def",
        content_path_hash="00000000-0000-0000-0000-000000000001",
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    helpline = Helpline.objects.get(pk=mash.pk)
    assert helpline.tel_href == "tel:+443004560108"
    assert [r.pk for r in helpline.revisions.all()] == [revision.pk]
    assert Revision.objects.get(pk=revision.pk).as_object().number == "+443004560199"
    assert [e.label for e in ModelLogEntry.objects.for_instance(helpline)] == ["Wiltshire MASH"]
    assert ReferenceIndex.get_references_to(helpline).count() == 1
