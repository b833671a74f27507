"""/api/v2/pages/: published stories only, with their figures and helplines resolved."""

import datetime

from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from api.pages import StoriesAPIViewSet
from articles.blocks import ArticleBodyBlock
from articles.models import ArticlePage
from statistics.models import Figure
from tests.factories import ArticlePageFactory, AuthorFactory, HelplineFactory, PictureFactory

pytestmark = pytest.mark.django_db


def body(*blocks):
    return ArticleBodyBlock().to_python([{"type": t, "value": v} for t, v in blocks])


def comparison(measure, force):
    return (
        "figure_comparison",
        {"measure": measure.pk, "force": force.pk, "period": "2019/20", "compare_with": ""},
    )


def titles(client, **params):
    return [item["title"] for item in client.get("/api/v2/pages/", params).json()["items"]]


def test_drafts_private_and_scheduled_stories_never_appear(client, story, news_index):
    ArticlePageFactory(parent=news_index, title="A draft", live=False)
    private = ArticlePageFactory(parent=news_index, title="A private one")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    scheduled = ArticlePageFactory(parent=news_index, title="A scheduled one", live=False)
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=1)
    scheduled.save_revision().publish()
    assert titles(client) == ["Figures released"]
    for page in (private, scheduled):
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/{news_index.pk}/").status_code == 404


def test_a_listing_shows_byline_date_topics_and_areas(client, story):
    item = client.get("/api/v2/pages/").json()["items"][0]
    assert item["standfirst"] == "Forces released their figures."
    assert item["publish_date"] == "2020-09-03"
    assert [a["name"] for a in item["authors"]] == ["Faye Tryhorn"]
    assert item["topics"] == ["crime"]
    assert item["areas"] == [{"slug": "wiltshire", "name": "Wiltshire Police"}]
    assert item["meta"]["html_url"].endswith("/news/figures-released/")
    assert "body" not in item


def test_filters_by_topic_area_author_and_date(client, story, news_index, hampshire):
    ArticlePageFactory(
        parent=news_index,
        title="Other",
        publish_date=datetime.date(2021, 1, 1),
        topics=["courts"],
        areas=[hampshire],
        authors=[AuthorFactory(name="Someone Else")],
    )
    assert titles(client, topic="crime") == ["Figures released"]
    assert titles(client, area="hampshire") == ["Other"]
    assert titles(client, author="faye-tryhorn") == ["Figures released"]
    assert titles(client, published_after="2020-12-31") == ["Other"]
    assert titles(client, published_before="2020-09-03") == ["Figures released"]


def test_bad_parameters_get_a_clear_400(client, story):
    response = client.get("/api/v2/pages/", {"published_after": "yesterday"})
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.json()["message"]
    assert client.get("/api/v2/pages/", {"type": "wagtailcore.Page"}).status_code == 400


@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/v2/pages/{pk}/"])
def test_a_field_filter_with_a_value_its_field_cannot_hold_is_a_400(client, story, path):
    """Found by schemathesis: `?first_published_at=else` on a story was a 500."""
    response = client.get(path.format(pk=story.pk), {"first_published_at": "else"})
    assert response.status_code == 400
    assert "does not fit its field" in response.json()["message"]


def test_a_story_body_has_its_figures_resolved(client, news_index, offences, wiltshire):
    story = ArticlePageFactory(
        parent=news_index,
        body=body(("paragraph", "<p>Text.</p>"), comparison(offences, wiltshire)),
    )
    blocks = client.get(f"/api/v2/pages/{story.pk}/").json()["body"]
    assert blocks[0]["value"] == {"html": "<p>Text.</p>"}
    figure = blocks[1]["value"]
    assert (figure["value"], figure["previous_value"], figure["change_percent"]) == (63, 77, -18)
    assert figure["sentence"] == "63 incidents in 2019/20, compared to 77 in 2018/19: a drop of 18%"
    assert figure["sources"][0]["publisher"] == "NSPCC"
    assert blocks[1]["embed_url"].endswith(f"/embed/{story.pk}/{blocks[1]['id']}/")

    Figure.objects.filter(force=wiltshire, period="2019/20").update(value=70)
    figure = client.get(f"/api/v2/pages/{story.pk}/").json()["body"][1]["value"]
    assert (figure["value"], figure["change_percent"]) == (70, -9)


def test_a_table_lists_every_force_and_period(client, news_index, offences, wiltshire, hampshire):
    table = {
        "measure": offences.pk,
        "forces": [wiltshire.pk, hampshire.pk],
        "periods": ["2018/19", "2019/20"],
        "caption": "",
    }
    story = ArticlePageFactory(parent=news_index, body=body(("figure_chart", table)))
    chart = client.get(f"/api/v2/pages/{story.pk}/").json()["body"][0]["value"]
    assert chart["periods"] == ["2018/19", "2019/20"]
    rows = {row["force"]["slug"]: row for row in chart["rows"]}
    assert rows["hampshire"]["values"] == [131, 247]
    assert rows["hampshire"]["change_percent"] == 89


def test_helplines_show_their_published_number_today(client, news_index):
    helpline = HelplineFactory(name="Wiltshire MASH", number="0300 456 0108")
    story = ArticlePageFactory(
        parent=news_index,
        body=body(
            (
                "helplines",
                {"heading": "How to report", "mode": "chosen", "helplines": [helpline.pk]},
            )
        ),
    )
    helpline.number = "0300 456 0199"
    helpline.save_revision().publish()
    value = client.get(f"/api/v2/pages/{story.pk}/").json()["body"][0]["value"]
    assert value["helplines"][0]["display_number"] == "0300 456 0199"


def test_the_hero_picture_has_its_alt_text_credit_and_renditions(client, news_index):
    picture = PictureFactory(description="Officers at a desk", credit="Photo: Jo Bloggs")
    ArticlePageFactory(parent=news_index, hero_image=picture, hero_caption="At work")
    hero = client.get("/api/v2/pages/").json()["items"][0]["hero"]
    assert (hero["alt"], hero["credit"], hero["caption"]) == (
        "Officers at a desk",
        "Photo: Jo Bloggs",
        "At work",
    )
    assert hero["picture"]["renditions"]["small"]["width"] == 400


def test_a_listing_costs_the_same_queries_whatever_its_size(
    client, news_index, wiltshire, django_assert_max_num_queries
):
    for n in range(12):
        ArticlePageFactory(
            parent=news_index, topics=["crime", f"t{n}"], areas=[wiltshire], hero_image=None
        )
    # The site, its root and the count, cached as after the first request; `fields` lists
    # are serialised afresh, so the stories' cards are not cached yet.
    client.get("/api/v2/pages/", {"fields": "title"})
    with django_assert_max_num_queries(10):
        assert len(client.get("/api/v2/pages/", {"limit": 50}).json()["items"]) == 12


def test_cards_are_read_once_until_a_story_is_published_again(
    client, story, news_index, django_assert_max_num_queries
):
    ArticlePageFactory(
        parent=news_index, title="Older story", publish_date=datetime.date(2019, 1, 1)
    )
    first = client.get("/api/v2/pages/").json()
    with django_assert_max_num_queries(1):  # the page's ids: count and cards are cached
        assert client.get("/api/v2/pages/").json() == first

    story.title = "Figures corrected"
    story.save_revision().publish()
    story.authors[0].name = "Faye Tryhorn-Smith"
    story.authors[0].save()
    items = client.get("/api/v2/pages/").json()["items"]
    assert [item["title"] for item in items] == ["Figures corrected", "Older story"]
    assert items[0]["authors"][0]["name"] == "Faye Tryhorn-Smith"
    ArticlePageFactory(parent=news_index, title="Newest", publish_date=datetime.date(2021, 1, 1))
    listing = client.get("/api/v2/pages/").json()
    assert listing["meta"]["total_count"] == 3
    assert listing["items"][0]["title"] == "Newest"


def test_the_story_model_declares_no_api_fields():
    """Fields are declared by the API (`get_body_fields`), not on the story model: if Wagtail
    stops asking `get_body_fields`, the story fields vanish and this fails."""
    assert not hasattr(ArticlePage, "api_fields")
    names = StoriesAPIViewSet.get_body_fields_names(ArticlePage)
    assert {"standfirst", "authors", "body", "hero"} <= set(names)


def test_pictures_endpoint_has_alt_text_and_credit(client):
    PictureFactory(description="A desk", credit="Photo: Jo")
    item = client.get("/api/v2/images/", {"fields": "description,credit"}).json()["items"][0]
    assert (item["description"], item["credit"]) == ("A desk", "Photo: Jo")
