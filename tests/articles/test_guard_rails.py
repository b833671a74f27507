"""Guard rails: a story whose blocks report publish errors cannot go live; gaps get a warning."""

from django.urls import reverse

from wagtail import blocks
from wagtail.models import Page

import pytest
from bs4 import BeautifulSoup

from articles.guard_rails import block_errors, publish_errors, publish_warnings
from articles.models import ArticlePage
from statistics.models import PoliceForce
from tests.editorial import admin_messages, block_errors_shown, paragraph, quote, story_form
from tests.factories import ArticlePageFactory, AuthorFactory


class PeriodBlock(blocks.CharBlock):
    def get_publish_errors(self, value):
        return [] if "/" in value else [f"“{value}” is not a financial year."]


class ComparisonBlock(blocks.StructBlock):
    earlier = PeriodBlock()
    later = PeriodBlock()

    def get_publish_errors(self, value):
        if value["earlier"] > value["later"]:
            return ["The periods are in the wrong order."]
        return []


class BodyBlock(blocks.StreamBlock):
    comparison = ComparisonBlock()
    comparisons = blocks.ListBlock(ComparisonBlock())
    text = blocks.CharBlock()


def test_errors_are_collected_from_blocks_and_their_children():
    body = BodyBlock()
    value = body.to_python(
        [
            {"type": "text", "value": "No checks here."},
            {"type": "comparison", "value": {"earlier": "2019/20", "later": "2018/19"}},
            {"type": "comparisons", "value": [{"earlier": "2018/19", "later": "2020"}]},
        ]
    )
    assert block_errors(body, value) == [
        "The periods are in the wrong order.",
        "“2020” is not a financial year.",
    ]


@pytest.mark.django_db
def test_a_story_with_a_failing_block_has_errors_and_one_without_has_none(
    news_index, unsourced_quotes_fail
):
    story = ArticlePageFactory(parent=news_index)
    assert publish_errors(story) == []
    story.body = story.body.stream_block.to_python(
        [{"type": "quote", "value": {"text": "Trust me.", "speaker": "Anonymous"}}]
    )
    assert publish_errors(story) == ["The quote by Anonymous has no named source."]


@pytest.mark.django_db
def test_a_story_without_author_standfirst_area_or_topic_is_warned_about(news_index):
    story = ArticlePageFactory(parent=news_index, authors=[], standfirst="")
    assert publish_warnings(story) == [
        "This story has no author: readers will see no byline.",
        "This story has no standfirst: listings will show the headline alone.",
        "This story has no area: it will appear on no area page.",
        "This story has no topic: it will appear on no topic page.",
    ]
    complete = ArticlePageFactory(
        parent=news_index, areas=[PoliceForce.objects.get(slug="wiltshire")], topics=["Courts"]
    )
    assert publish_warnings(complete) == []


@pytest.mark.django_db
class TestPublishingInTheAdmin:
    def create(self, client, news_index, **form):
        url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
        return client.post(url, story_form(**form), follow=True)

    def test_publishing_a_failing_story_shows_the_reason_on_the_block(
        self, client, editor, news_index, unsourced_quotes_fail
    ):
        client.force_login(editor)
        response = self.create(
            client,
            news_index,
            authors=[AuthorFactory()],
            body=[paragraph("<p>Text.</p>"), quote("Trust me.", "Anonymous")],
            action="publish",
        )
        assert admin_messages(response) == [
            "Not published: The quote by Anonymous has no named source."
        ]
        assert block_errors_shown(response) == {
            "1": ["The quote by Anonymous has no named source."]
        }
        assert not ArticlePage.objects.filter(slug="council-opens-new-library").exists()

    def test_submitting_a_failing_story_for_review_is_refused_the_same_way(
        self, client, reporter, news_index, unsourced_quotes_fail
    ):
        client.force_login(reporter)
        response = self.create(
            client, news_index, body=[quote("Trust me.", "Anonymous")], action="submit"
        )
        assert admin_messages(response) == [
            "Not submitted for review: The quote by Anonymous has no named source."
        ]
        assert block_errors_shown(response) == {
            "0": ["The quote by Anonymous has no named source."]
        }
        assert not ArticlePage.objects.filter(slug="council-opens-new-library").exists()

    def test_saving_a_failing_story_as_a_draft_works(
        self, client, editor, news_index, unsourced_quotes_fail
    ):
        client.force_login(editor)
        response = self.create(client, news_index, body=[quote("Trust me.", "Anonymous")])
        assert block_errors_shown(response) == {}
        story = ArticlePage.objects.get(slug="council-opens-new-library")
        assert story.has_unpublished_changes and not story.live
        # Opening it again says what would stop it being published.
        response = client.get(reverse("wagtailadmin_pages:edit", args=[story.pk]))
        assert (
            "This story cannot be published yet: The quote by Anonymous has no named source."
            in admin_messages(response)
        )

    def test_a_refused_submit_of_a_saved_draft_says_not_submitted_and_keeps_the_draft(
        self, client, reporter, news_index, unsourced_quotes_fail
    ):
        client.force_login(reporter)
        self.create(client, news_index, body=[quote("Trust me.", "Anonymous")])
        story = ArticlePage.objects.get(slug="council-opens-new-library")
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[story.pk]),
            story_form(body=[quote("Trust me.", "Anonymous")], action="submit"),
        )
        assert admin_messages(response) == [
            "Not submitted for review: The quote by Anonymous has no named source."
        ]
        assert "could not be saved" not in response.content.decode()
        story.refresh_from_db()
        assert story.get_latest_revision() is not None and story.workflow_in_progress is False

    def test_editing_a_live_story_into_failure_leaves_the_live_version_alone(
        self, client, editor, news_index, unsourced_quotes_fail
    ):
        story = ArticlePageFactory(parent=news_index, title="Live story", slug="live-story")
        client.force_login(editor)
        response = client.post(
            reverse("wagtailadmin_pages:edit", args=[story.pk]),
            story_form(
                title="Live story",
                authors=story.authors,
                body=[quote("Trust me.", "Anonymous")],
                action="publish",
            ),
            follow=True,
        )
        assert block_errors_shown(response) == {
            "0": ["The quote by Anonymous has no named source."]
        }
        soup = BeautifulSoup(client.get(story.url).content, "html.parser")
        assert soup.select_one(".story__body").get_text(strip=True) == "Body text of the story."

    def test_a_story_without_an_author_is_published_with_a_warning(
        self, client, editor, news_index
    ):
        client.force_login(editor)
        wiltshire = PoliceForce.objects.get(slug="wiltshire")
        response = self.create(
            client,
            news_index,
            authors=[],
            action="publish",
            topics="Libraries",
            areas=[wiltshire.pk],
        )
        story = Page.objects.get(slug="council-opens-new-library")
        assert story.live
        assert (
            "Published, but check: This story has no author: readers will see no byline."
            in admin_messages(response)
        )


@pytest.mark.django_db
def test_bulk_publishing_refuses_a_failing_story(client, editor, news_index, unsourced_quotes_fail):
    good = ArticlePageFactory(parent=news_index, title="Good", live=False)
    bad = ArticlePageFactory(parent=news_index, title="Bad", live=False)
    bad.body = bad.body.stream_block.to_python(
        [{"type": "quote", "value": {"text": "Trust me.", "speaker": "Anonymous"}}]
    )
    bad.save_revision()
    client.force_login(editor)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    next_url = reverse("wagtailadmin_explore", args=[news_index.pk])
    response = client.post(
        f"{url}?id={good.pk}&id={bad.pk}&next={next_url}", {"include_descendants": ""}, follow=True
    )
    assert (
        "Nothing was published: Bad: The quote by Anonymous has no named source."
        in admin_messages(response)
    )
    good.refresh_from_db()
    bad.refresh_from_db()
    assert not good.live and not bad.live
