"""The guard rails with the real statistics and helplines blocks: what stops a story."""

from django.urls import reverse

from wagtail.test.utils.form_data import rich_text

import pytest

from articles.models import ArticlePage
from statistics.models import PoliceForce
from tests.editorial import block_errors_shown, story_form
from tests.factories import AuthorFactory, FigureFactory, HelplineFactory, MeasureFactory

pytestmark = pytest.mark.django_db


def publish(client, news_index, body):
    """Press "Publish" on a new story: the story if it went live, and the errors on its blocks."""
    url = reverse("wagtailadmin_pages:add", args=["articles", "articlepage", news_index.pk])
    response = client.post(
        url, story_form(authors=[AuthorFactory()], body=body, action="publish"), follow=True
    )
    story = ArticlePage.objects.filter(slug="council-opens-new-library").first()
    return story, {} if story else block_errors_shown(response)


def comparison(measure, force, period, compare_with=""):
    return (
        "figure_comparison",
        {"measure": measure.pk, "force": force.pk, "period": period, "compare_with": compare_with},
    )


def helplines(*chosen):
    items = {
        str(i): {"value": h.pk, "deleted": "", "order": i, "id": ""} for i, h in enumerate(chosen)
    }
    return (
        "helplines",
        {
            "heading": "How to report",
            "intro": rich_text(""),
            "mode": "chosen",
            "helplines": {"count": len(chosen), **items},
        },
    )


def test_a_comparison_with_a_missing_figure_is_not_published(client, editor, news_index):
    wiltshire = PoliceForce.objects.get(slug="wiltshire")
    figure = FigureFactory(force=wiltshire, period="2019/20", value=63)
    client.force_login(editor)
    story, errors = publish(client, news_index, [comparison(figure.measure, wiltshire, "2019/20")])
    assert story is None
    assert errors == {
        "0": [
            "The figure comparison needs a figure that is not "
            f"there: {figure.measure.name}, Wiltshire, 2018/19."
        ]
    }


def test_a_complete_comparison_is_published(client, editor, news_index):
    wiltshire = PoliceForce.objects.get(slug="wiltshire")
    measure = MeasureFactory()
    FigureFactory(force=wiltshire, measure=measure, period="2018/19", value=77)
    FigureFactory(force=wiltshire, measure=measure, period="2019/20", value=63)
    client.force_login(editor)
    story, _ = publish(client, news_index, [comparison(measure, wiltshire, "2019/20")])
    assert story.live
    assert "a drop of 18%" in client.get(story.url).content.decode()


def test_a_story_showing_an_unpublished_helpline_is_not_published(client, editor, news_index):
    draft = HelplineFactory(name="New helpline", publish=False)
    client.force_login(editor)
    story, errors = publish(client, news_index, [helplines(draft)])
    assert story is None
    assert errors == {
        "0": ["The helpline “New helpline” is not published: publish it or remove it."]
    }
