"""Wagtail's own oEmbed finder, as an editor on another Wagtail site would use it, embeds a
chart from this site by pasting the story's or the chart's URL."""

import re

from django.test import override_settings

from wagtail.embeds.embeds import get_embed
from wagtail.models import Page

import pytest
from bs4 import BeautifulSoup

from articles.blocks import ArticleBodyBlock
from statistics.models import PoliceForce
from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    FigureFactory,
    MeasureFactory,
)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_wagtails_oembed_finder_embeds_a_chart(live_server):
    wiltshire = PoliceForce.objects.get(slug="wiltshire")
    measure = MeasureFactory(slug="online-offences")
    for period, value in (("2018/19", 77), ("2019/20", 63)):
        FigureFactory(measure=measure, force=wiltshire, period=period, value=value)
    chart = {"measure": measure.pk, "forces": [wiltshire.pk], "periods": [], "caption": ""}
    news = ArticleIndexPageFactory(parent=Page.objects.get(depth=2))
    story = ArticlePageFactory(
        parent=news,
        title="Offences fall",
        slug="offences-fall",
        body=ArticleBodyBlock().to_python([{"type": "figure_chart", "value": chart}]),
    )
    provider = {
        "endpoint": f"{live_server.url}/oembed/",
        "urls": [rf"^{re.escape(live_server.url)}/.+$"],
    }
    finders = [{"class": "wagtail.embeds.finders.oembed", "providers": [provider]}]
    with override_settings(WAGTAILEMBEDS_FINDERS=finders):
        embed = get_embed(f"{live_server.url}/news/offences-fall/", max_width=500)
    assert embed.type == "rich"
    assert embed.title == "Offences fall: Figure chart"
    frame = BeautifulSoup(embed.html, "html.parser").iframe
    assert frame["src"] == f"{live_server.url}/embed/{story.pk}/{story.body[0].id}/"
    assert embed.width == 500
