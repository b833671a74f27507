"""The published OpenAPI schema, its docs page, and Schemathesis against the live API.

Schemathesis reads /api/schema/ as any client would and calls every operation with the
parameters it documents: no answer may be a 5xx, and each must match the schema.
"""

import datetime

from django.test import override_settings

from wagtail.models import Page

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from articles.blocks import ArticleBodyBlock
from statistics.models import PoliceForce
from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    AuthorFactory,
    FigureFactory,
    HelplineFactory,
    MeasureFactory,
    PictureFactory,
)


@pytest.mark.django_db
def test_the_schema_describes_every_endpoint(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v2/pages/",
        "/api/v2/pages/{id}/",
        "/api/v2/images/",
        "/api/figures/",
        "/api/forces/",
        "/api/measures/",
        "/api/sources/",
        "/api/helplines/",
    ):
        assert "get" in paths[path], path
    assert not any(path.startswith("/admin/") for path in paths)
    story_filters = {p["name"] for p in paths["/api/v2/pages/"]["get"]["parameters"]}
    assert {"topic", "area", "author", "published_after", "published_before"} <= story_filters


@pytest.mark.django_db
def test_the_docs_page_loads_nothing_from_another_site(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower() and "https://" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.fixture
def content():
    """Something on every endpoint: a story with figures and a helpline, a picture."""
    wiltshire = PoliceForce.objects.get(slug="wiltshire")
    measure = MeasureFactory(slug="online-offences")
    for period, value in (("2018/19", 77), ("2019/20", 63)):
        FigureFactory(measure=measure, force=wiltshire, period=period, value=value)
    helpline = HelplineFactory(area=wiltshire)
    news = ArticleIndexPageFactory(parent=Page.objects.get(depth=2))
    ArticlePageFactory(
        parent=news,
        hero_image=PictureFactory(description="A desk"),
        topics=["crime"],
        areas=[wiltshire],
        authors=[AuthorFactory(name="Faye Tryhorn")],
        publish_date=datetime.date(2020, 9, 3),
        body=ArticleBodyBlock().to_python(
            [
                {
                    "type": "figure_comparison",
                    "value": {"measure": measure.pk, "force": wiltshire.pk, "period": "2019/20"},
                },
                {"type": "helplines", "value": {"mode": "chosen", "helplines": [helpline.pk]}},
            ]
        ),
    )


EXAMPLES = 10  # per operation and mode: 14 operations, about 280 requests in all
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(API_THROTTLE_RATE="100000/minute")
def test_the_live_api_keeps_to_its_schema(live_server, content):
    schema = schemathesis.openapi.from_url(f"{live_server.url}/api/schema/")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 14
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
            def call(case):
                case.call_and_validate(checks=CHECKS)

            call()
