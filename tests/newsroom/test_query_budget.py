"""Each reader page costs a fixed, small number of SQL queries, however much it shows.

Counted as a signed-in editor sees them (no page cache can serve an editor), on the second
request (the first fills the site-wide caches): a story at most 10 queries, with one or
twenty figure and helpline blocks alike; home, /news/, a topic, an area and an author at
most 10, with one story or twenty; search at most 10; /statistics/ at most 6. Listings'
cards are cached until a story comes or goes, so each is also counted just after one does.
"""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images.tests.utils import get_test_image_file

import pytest

from articles.blocks import ArticleBodyBlock
from articles.pagination import listings_changed
from contacts.models import HelplineKind
from images.models import Picture
from tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    FigureFactory,
    HelplineFactory,
    MeasureFactory,
)
from tests.statistics.streams import comparison, table

pytestmark = pytest.mark.django_db

PAGE_BUDGET = 10
# A story's related stories: one query, two while fewer than three stories share its area.
STORY_BUDGET = PAGE_BUDGET + 1
STATISTICS_BUDGET = 6
# Signed-in staff also get Wagtail's user bar: their session and user, permissions, page
# permissions and profile (twice, for the theme), the same whatever the page shows.
USERBAR_QUERIES = 7


def warm_queries(client, url, django_assert_max_num_queries, budget):
    """Queries of the second request for `url`, asserted within `budget`; and of a request
    just after a story is published (cards and counts read again, site-wide things cached),
    within the same budget. Returns both counts."""
    assert client.get(url).status_code == 200
    with django_assert_max_num_queries(budget) as warm:
        assert client.get(url).status_code == 200
    listings_changed()
    with django_assert_max_num_queries(budget) as after_publish:
        assert client.get(url).status_code == 200
    return len(warm), len(after_publish)


@pytest.fixture
def offences(wiltshire):
    measure = MeasureFactory(slug="offences")
    for period, value in [("2018/19", 77), ("2019/20", 63)]:
        FigureFactory(measure=measure, force=wiltshire, period=period, value=value)
    return measure


def story_body(blocks: int, measure, force, helplines):
    """`blocks` of each kind: comparison, table and chart figures, and helplines blocks
    both chosen and by area."""
    data = [{"type": "paragraph", "value": "<p>The figures.</p>"}]
    for _ in range(blocks):
        for kind, value in [
            comparison(measure, force),
            table(measure, [force], ["2018/19", "2019/20"]),
            table(measure, [force], kind="figure_chart"),
        ]:
            data.append({"type": kind, "value": value})
        for mode, chosen in [("chosen", [h.pk for h in helplines]), ("areas", [])]:
            data.append(
                {
                    "type": "helplines",
                    "value": {"heading": "How to report", "mode": mode, "helplines": chosen},
                }
            )
    return ArticleBodyBlock().to_python(data)


def test_a_story_costs_the_same_few_queries_with_one_block_or_twenty(
    editor_client, news_index, offences, wiltshire, django_assert_max_num_queries
):
    helplines = [
        HelplineFactory(name="Police", number="999", kind=HelplineKind.EMERGENCY),
        HelplineFactory(name="MASH", area=wiltshire, kind=HelplineKind.SAFEGUARDING),
    ]
    counts = []
    for blocks in (1, 20):
        story = ArticlePageFactory(
            parent=news_index,
            body=story_body(blocks, offences, wiltshire, helplines),
            topics=["crime", "courts"],
            areas=[wiltshire],
            authors=[AuthorFactory(), AuthorFactory()],
        )
        story.corrections.create(note="A figure was wrong.")
        html = editor_client.get(story.url).content.decode()
        assert html.count("63 incidents in 2019/20") >= blocks
        counts.append(
            warm_queries(
                editor_client,
                story.url,
                django_assert_max_num_queries,
                STORY_BUDGET + USERBAR_QUERIES,
            )
        )
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    "url",
    ["/", "/news/", "/news/topic/crime/", "/news/area/wiltshire/", "/authors/faye/"],
)
def test_listings_cost_the_same_few_queries_with_one_story_or_twenty(
    editor_client, news_index, wiltshire, url, django_assert_max_num_queries
):
    faye = AuthorFactory(name="Faye", slug="faye")
    counts = []
    for stories in (1, 20):
        while news_index.get_children().count() < stories:
            ArticlePageFactory(
                parent=news_index,
                authors=[faye, AuthorFactory()],
                topics=["crime"],
                areas=[wiltshire],
            )
        html = editor_client.get(url).content.decode()
        assert html.count('class="card__title"') >= min(stories, 11)  # home: lead and 10
        counts.append(
            warm_queries(
                editor_client, url, django_assert_max_num_queries, PAGE_BUDGET + USERBAR_QUERIES
            )
        )
    assert counts[0] == counts[1]


def test_search_costs_the_same_few_queries_with_one_result_or_twenty(
    editor_client, news_index, django_assert_max_num_queries
):
    counts = []
    for stories in (1, 20):
        while news_index.get_children().count() < stories:
            number = news_index.get_children().count()
            ArticlePageFactory(parent=news_index, title=f"Offences recorded by police ({number})")
        url = "/search/?q=offence"
        assert editor_client.get(url).content.decode().count('class="card__title"') == stories
        counts.append(
            warm_queries(
                editor_client, url, django_assert_max_num_queries, PAGE_BUDGET + USERBAR_QUERIES
            )
        )
    assert counts[0] == counts[1]


def test_the_statistics_index_costs_at_most_six_queries(
    editor_client, offences, django_assert_max_num_queries
):
    warm_queries(
        editor_client,
        "/statistics/",
        django_assert_max_num_queries,
        STATISTICS_BUDGET + USERBAR_QUERIES,
    )


def test_site_wide_lookups_are_cached_until_they_change(editor_client, news_index, wiltshire):
    """The footer's emergency number, forces and the news index come from the cache, and a
    change shows at once."""
    story = ArticlePageFactory(parent=news_index, areas=[wiltshire])
    helpline = HelplineFactory(name="Police", number="999", kind=HelplineKind.EMERGENCY)
    assert 'href="tel:999"' in editor_client.get(story.url).content.decode()
    helpline.number = "112"
    helpline.save_revision().publish()
    assert 'href="tel:112"' in editor_client.get(story.url).content.decode()
    news_index.title = "Latest news"
    news_index.save_revision().publish()
    assert "<h1>Latest news</h1>" in editor_client.get("/news/").content.decode()


@pytest.mark.parametrize("url", ["story", "/", "/news/"])
def test_readers_pages_cost_no_more_than_the_page_budget(
    client, news_index, offences, wiltshire, url, django_assert_max_num_queries
):
    """Readers (signed in to nothing) get no user bar, so none of its queries."""
    story = ArticlePageFactory(
        parent=news_index, body=story_body(1, offences, wiltshire, []), areas=[wiltshire]
    )
    if url == "story":
        warm_queries(client, story.url, django_assert_max_num_queries, STORY_BUDGET)
    else:
        warm_queries(client, url, django_assert_max_num_queries, PAGE_BUDGET)


def test_a_story_reads_each_of_its_relations_once(client, news_index, wiltshire):
    """Its authors, corrections, topics and areas are each read in one query, however
    many places show them (the byline and JSON-LD, the corrections and dateModified)."""
    story = ArticlePageFactory(
        parent=news_index,
        topics=["crime", "courts"],
        areas=[wiltshire],
        authors=[AuthorFactory(), AuthorFactory()],
    )
    story.corrections.create(note="A figure was wrong.")
    story.save_revision().publish()
    client.get(story.url)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(story.url).content.decode()
    assert "A figure was wrong." in html and '"dateModified"' in html
    tables = ["articlepageauthor", "articlecorrection", "articlepagetag", "articlepage_areas"]
    reads = {
        table: sum(f'"articles_{table}"' in query["sql"] for query in queries.captured_queries)
        for table in tables
    }
    assert reads == dict.fromkeys(tables, 1)


def test_a_story_costs_the_same_queries_with_one_author_photo_or_three(
    client, news_index, django_assert_max_num_queries
):
    counts = []
    for authors in (1, 3):
        photos = [
            Picture.objects.create(title=f"Author {n}", file=get_test_image_file(size=(200, 200)))
            for n in range(authors)
        ]
        story = ArticlePageFactory(
            parent=news_index, authors=[AuthorFactory(photo=photo) for photo in photos]
        )
        html = client.get(story.url).content.decode()
        assert html.count('class="byline__photo"') == authors
        counts.append(warm_queries(client, story.url, django_assert_max_num_queries, STORY_BUDGET))
    assert counts[0] == counts[1]
