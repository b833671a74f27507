"""The dashboard shows the people who import figures what the latest imports did."""

import pytest

from tests.editorial import panel_rows
from tests.statistics.test_importers import GOOD, run

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def measure():
    from tests.factories import MeasureFactory

    return MeasureFactory(name="Online offences", slug="online-offences")


def test_editors_see_each_import_with_who_ran_it_and_what_it_changed(client, editor):
    run(GOOD, user=editor)
    run(GOOD)  # nothing to change: not listed
    run(GOOD.replace(",63", ",64"), dry_run=True)  # a dry run: not listed
    run(GOOD.replace(",63", ",64"))  # from the command line: one value changed
    client.force_login(editor)
    rows = panel_rows(client, "latest-figure-imports")
    assert [(title, detail.rsplit(", ", 2)[0]) for title, detail, _ in rows] == [
        (
            "NSPCC: Freedom of Information request to police forces (3 September 2020)",
            "Imported figures: 0 new, 1 changed; from the command line",
        ),
        (
            "NSPCC: Freedom of Information request to police forces (3 September 2020)",
            "Imported figures: 4 new, 0 changed; by Editor",
        ),
    ]


def test_reporters_do_not_see_imports(client, reporter):
    run(GOOD)
    client.force_login(reporter)
    assert panel_rows(client, "latest-figure-imports") is None
