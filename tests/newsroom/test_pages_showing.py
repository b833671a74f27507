"""One registry says which pages show what (`register_pages_showing`), and one purge path
empties them. Every registered model is walked through its changes (save, publish and
unpublish where it has them, delete): each page that shows it is requested anonymously and
served from the page cache before the change, and shows the change at the next request. A
model that appears on public pages and is not registered fails."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.apps import apps
from django.core.cache import cache

from taggit.models import Tag
from wagtail.contrib.search_promotions.models import Query, SearchPromotion
from wagtail.models import Page, Site

import pytest
from bs4 import BeautifulSoup

from articles.blocks import ArticleBodyBlock
from articles.models import ArticlePage, Author
from contacts.models import Helpline
from images.models import Picture
from newsroom import story_sitemaps
from newsroom.models import SiteSettings
from newsroom.purge import declarations
from statistics.models import Figure, Measure, PoliceForce, Source
from tests.contacts.conftest import helplines_body
from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    FigureFactory,
    HelplineFactory,
    MeasureFactory,
    PictureFactory,
    SourceFactory,
)
from tests.statistics.streams import comparison

pytestmark = pytest.mark.django_db

PROJECT_APPS = ("newsroom", "articles", "contacts", "statistics", "images")
# Models whose rows readers never see on their own, with where they show instead.
NOT_ON_PUBLIC_PAGES = {
    "articles.ArticlePageAuthor": "a story's byline: published with the story",
    "articles.ArticlePageTag": "a story's topics: published with the story",
    "articles.ArticleCorrection": "a story's corrections: published with the story",
    "articles.ListedStory": "a story's places in listings: written by its publish",
    "articles.EditorReviewTask": "the admin's review workflow",
    "statistics.ForceAlias": "how imports read a force's name",
    "statistics.PendingImport": "the admin's import",
    "statistics.ImportChange": "the admin's import",
    "images.Rendition": "made again from its picture, which is registered",
}
DATA_PAGE = "/statistics/online-offences/"
DOWNLOADS = (DATA_PAGE, "/statistics/online-offences.csv", "/statistics/online-offences.json")
STORY_LISTINGS = (
    "/",
    "/news/",
    "/news/feed/",
    "/news/feed/atom/",
    "/news/topic/crime/",
    "/news/topic/crime/feed/",
    "/news/area/wiltshire/",
    "/authors/faye-tryhorn/",
    "/authors/faye-tryhorn/feed/",
)


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change and what waits for its transaction to commit (the purge task)."""

    def run(change):
        with django_capture_on_commit_callbacks(execute=True):
            change()

    return run


@dataclass
class Walk:
    """A change, and the pages that show its object: each path with the text it shows
    before the change and the text it shows after (None: nothing to look for)."""

    change: Callable[[], object]
    pages: dict[str, tuple[str | None, str | None]]


def content(response) -> str:
    """What a reader gets: the markup (attributes such as alt text and links) and, for a
    page, its text as read (search marks the words it matched)."""
    if response.status_code != 200:
        return ""
    raw = response.getvalue().decode()
    if not response["Content-Type"].startswith("text/html"):
        return raw
    return raw + "\n" + BeautifulSoup(raw, "html.parser").get_text(" ", strip=True)


def walk(client, commit, step: Walk) -> None:
    for path, (before, after) in step.pages.items():
        first = client.get(path)
        assert first.status_code == 200, path
        assert before is None or before in content(first), (path, before)
        assert after is None or after not in content(first), (path, after)
        again = client.get(path)
        # Streamed downloads are kept by Varnish or a CDN (public), not by the page cache.
        assert again.streaming or again["X-Page-Cache"] == "hit", path
    commit(step.change)
    for path, (before, after) in step.pages.items():
        now = content(client.get(path))
        assert before is None or before not in now, (path, "still shows", before)
        assert after is None or after in now, (path, "does not show", after)


def republish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def body(*blocks):
    return ArticleBodyBlock().to_python([{"type": t, "value": v} for t, v in blocks])


@pytest.fixture
def site(story, news_index, wiltshire, hampshire, django_capture_on_commit_callbacks):
    """A story that shows a little of everything: its hero picture, a figure, a helpline,
    its author, topic and area; a story that lists helplines by area; one whose related
    block chooses the first. Built as committed (its search and reference index updates
    run), then nothing cached."""
    with django_capture_on_commit_callbacks(execute=True):
        found = build_site(story, news_index, wiltshire, hampshire)
    cache.clear()
    return found


def build_site(story, news_index, wiltshire, hampshire):
    measure = MeasureFactory(name="Online child sex offences recorded", slug="online-offences")
    source = SourceFactory()
    figures = {
        (force, period): FigureFactory(
            measure=measure, force=force, period=period, value=value, source=source
        )
        for force, period, value in [
            (wiltshire, "2018/19", 77),
            (wiltshire, "2019/20", 63),
            (hampshire, "2019/20", 247),
        ]
    }
    picture = PictureFactory(description="Officers outside a station", credit="Photo: Sam Lee")
    mash = HelplineFactory(name="Wiltshire MASH", area=wiltshire, kind="safeguarding")
    helplines = helplines_body([mash]).raw_data[1]
    story.body = body(
        ("paragraph", "<p>Body text of the story.</p>"),
        comparison(measure, wiltshire, compare_with="2018/19"),
        (helplines["type"], helplines["value"]),
    )
    republish(story, hero_image=picture)
    by_area = ArticlePageFactory(
        parent=news_index,
        title="Where to get help in Wiltshire",
        body=helplines_body(mode="areas"),
        areas=[wiltshire],
    )
    related = ArticlePageFactory(
        parent=news_index,
        title="Read this next",
        body=body(("related_articles", {"heading": "Related stories", "articles": [story.pk]})),
    )
    return {
        "story": story,
        "news_index": news_index,
        "by_area": by_area,
        "related": related,
        "measure": measure,
        "source": source,
        "figures": figures,
        "picture": picture,
        "mash": mash,
        "wiltshire": wiltshire,
    }


# A walk for each change of each registered model.


def story_sitemap(story) -> str:
    return story_sitemaps.path(story_sitemaps.part_of(story.pk))


def story_republished(site):
    story = site["story"]
    new = "Figures released, then corrected"
    pages = dict.fromkeys((story.url, site["related"].url, *STORY_LISTINGS), (None, new))
    pages["/search/?q=figures"] = (None, new)
    return Walk(lambda: republish(story, title=new), pages)


def story_pages_before_it_goes(site):
    story = site["story"]
    shown = ("Figures released", None)
    pages = dict.fromkeys((site["related"].url, "/search/?q=figures", *STORY_LISTINGS), shown)
    pages[story_sitemap(story)] = (story.url, None)
    return pages


def story_unpublished(site):
    return Walk(site["story"].unpublish, story_pages_before_it_goes(site))


def story_deleted(site):
    return Walk(site["story"].delete, story_pages_before_it_goes(site))


def recent_story(site, **fields):
    story = ArticlePageFactory(
        parent=site["news_index"], title="Breaking figures", publish_date=None, **fields
    )
    story.refresh_from_db()
    return story


def first_recent_story_published(site):
    story = recent_story(site, live=False)
    pages = {"/robots.txt": (None, "/news-sitemap.xml"), "/news/": (None, "Breaking figures")}
    return Walk(lambda: story.save_revision().publish(), pages)


def last_recent_story_unpublished(site):
    story = recent_story(site)
    story.save_revision().publish()
    pages = {"/robots.txt": ("/news-sitemap.xml", None), story_sitemap(story): (story.url, None)}
    return Walk(story.unpublish, pages)


def author_renamed(site):
    author = site["story"].authors[0]
    author.name = "Faye Tryhorn-Smith"
    pages = dict.fromkeys(
        (site["story"].url, "/news/", "/authors/faye-tryhorn/", "/authors/faye-tryhorn/feed/"),
        (None, "Faye Tryhorn-Smith"),
    )
    return Walk(author.save, pages)


def author_deleted(site):
    author = site["story"].authors[0]
    pages = dict.fromkeys((site["story"].url, "/news/"), ("Faye Tryhorn", None))
    return Walk(author.delete, pages)


def topic_renamed(site):
    tag = Tag.objects.get(slug="crime")
    tag.name = "Crime and justice"
    pages = dict.fromkeys((site["story"].url, "/news/topic/crime/"), (None, "Crime and justice"))
    return Walk(tag.save, pages)


def topic_deleted(site):
    tag = Tag.objects.get(slug="crime")
    return Walk(tag.delete, {site["story"].url: ("story__topics", None)})


def helpline_pages(site, before, after):
    return dict.fromkeys((site["story"].url, site["by_area"].url), (before, after))


def helpline_published(site):
    mash = site["mash"]
    change = lambda: republish(mash, name="Wiltshire safeguarding hub")  # noqa: E731
    return Walk(change, helpline_pages(site, "Wiltshire MASH", "Wiltshire safeguarding hub"))


def helpline_unpublished(site):
    return Walk(site["mash"].unpublish, helpline_pages(site, "Wiltshire MASH", None))


def helpline_deleted(site):
    return Walk(site["mash"].delete, helpline_pages(site, "Wiltshire MASH", None))


def emergency_helpline_published(site):
    emergency = HelplineFactory(
        name="Emergency services", number="112", kind="emergency", publish=False
    )
    pages = dict.fromkeys(("/news/", DATA_PAGE, site["related"].url), (None, 'href="tel:112"'))
    return Walk(lambda: emergency.save_revision().publish(), pages)


def force_renamed(site):
    force = site["wiltshire"]
    force.name, force.short_name = "Wiltshire and Swindon Police", "Wiltshire and Swindon"
    pages = dict.fromkeys(
        (site["story"].url, "/news/area/wiltshire/", *DOWNLOADS), (None, "Wiltshire and Swindon")
    )
    return Walk(force.save, pages)


def force_deleted(site):
    """Only a force with no figures can go (figures protect theirs): its stories lose it."""
    dorset = PoliceForce.objects.get(slug="dorset")
    story = ArticlePageFactory(parent=site["news_index"], title="County news", areas=[dorset])
    pages = {story.url: ("Dorset", None), "/news/area/dorset/": ("Dorset", None)}
    return Walk(dorset.delete, pages)


def measure_renamed(site):
    measure = site["measure"]
    measure.name = "recorded online grooming offences"  # lower case, as a figure's caption has it
    pages = dict.fromkeys(
        (site["story"].url, "/statistics/", *DOWNLOADS), (None, "recorded online grooming")
    )
    return Walk(measure.save, pages)


def measure_deleted(site):
    """Only a measure with no figures can go (figures protect theirs)."""
    measure = MeasureFactory(name="Offences not yet counted", slug="not-yet-counted")
    return Walk(
        measure.delete, {"/statistics/not-yet-counted/": ("Offences not yet counted", None)}
    )


def source_retitled(site):
    source = site["source"]
    source.title = "Second request to police forces"
    pages = dict.fromkeys((site["story"].url, *DOWNLOADS), (None, "Second request"))
    return Walk(source.save, pages)


def source_deleted(site):
    """Only a source with no figures can go, and no page shows one: nothing to empty, and
    nothing may fail."""
    return Walk(SourceFactory(title="An unused source").delete, {})


def figure_corrected(site):
    figure = site["figures"][(site["wiltshire"], "2019/20")]
    figure.value = 4321
    pages = dict.fromkeys((site["story"].url, DATA_PAGE), (None, "4,321"))
    pages |= dict.fromkeys(DOWNLOADS[1:], (None, "4321"))
    return Walk(figure.save, pages)


def figure_deleted(site):
    figure = site["figures"][(site["wiltshire"], "2018/19")]
    pages = {"/statistics/online-offences.csv": ("2018/19,77", None)}
    pages["/statistics/online-offences.json"] = ('"value": 77', None)
    return Walk(figure.delete, pages)


def picture_edited(site):
    picture = site["picture"]
    picture.description, picture.credit = "Two officers at the door", "Photo: Jane Smith"
    pages = {site["story"].url: ("Officers outside a station", "Two officers at the door")}
    return Walk(picture.save, pages)


def picture_deleted(site):
    pages = {site["story"].url: ("Photo: Sam Lee", None)}
    return Walk(site["picture"].delete, pages)


def promotion(site):
    return SearchPromotion(query=Query.get("figures"), page=site["related"], description="Our pick")


def search_promotion_added(site):
    return Walk(promotion(site).save, {"/search/?q=figures": (None, "Our pick")})


def search_promotion_deleted(site):
    pick = promotion(site)
    pick.save()
    return Walk(pick.delete, {"/search/?q=figures": ("Our pick", None)})


def site_renamed(site):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.site_name = "The Wiltshire Ledger"
    pages = dict.fromkeys((site["story"].url, "/news/feed/", DATA_PAGE), (None, "Wiltshire Ledger"))
    return Walk(settings.save, pages)


def site_settings_deleted(site):
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.site_name = "The Wiltshire Ledger"
    settings.save()
    pages = dict.fromkeys((site["story"].url, DATA_PAGE), ("Wiltshire Ledger", None))
    return Walk(settings.delete, pages)


def page_published(site):
    index = site["news_index"]
    return Walk(lambda: republish(index, title="All the news"), {"/news/": (None, "All the news")})


def page_deleted(site):
    archive = ArticleIndexPageFactory(parent=site["news_index"].get_parent(), slug="archive")
    republish(archive, title="The archive")
    return Walk(archive.delete, {"/archive/": ("The archive", None)})


WALKS = {
    Page: [page_published, page_deleted],
    ArticlePage: [
        story_republished,
        story_unpublished,
        story_deleted,
        first_recent_story_published,
        last_recent_story_unpublished,
    ],
    Author: [author_renamed, author_deleted],
    Tag: [topic_renamed, topic_deleted],
    Helpline: [
        helpline_published,
        helpline_unpublished,
        helpline_deleted,
        emergency_helpline_published,
    ],
    PoliceForce: [force_renamed, force_deleted],
    Measure: [measure_renamed, measure_deleted],
    Source: [source_retitled, source_deleted],
    Figure: [figure_corrected, figure_deleted],
    Picture: [picture_edited, picture_deleted],
    SearchPromotion: [search_promotion_added, search_promotion_deleted],
    SiteSettings: [site_renamed, site_settings_deleted],
}


@pytest.mark.parametrize(
    "step", [step for steps in WALKS.values() for step in steps], ids=lambda step: step.__name__
)
def test_a_change_empties_every_page_that_shows_it(client, commit, site, step):
    walk(client, commit, step(site))


def test_every_registered_model_is_walked():
    assert set(WALKS) == set(declarations())


def test_every_model_readers_see_is_registered():
    registered = declarations()
    models = [
        model
        for model in apps.get_models()
        if model._meta.app_label in PROJECT_APPS and model._meta.label not in NOT_ON_PUBLIC_PAGES
    ]
    unregistered = [
        model._meta.label
        for model in models
        if not any(base in registered for base in model.__mro__)
    ]
    assert unregistered == []
    assert not any(apps.get_model(label) in registered for label in NOT_ON_PUBLIC_PAGES)


# The sitemaps: a change purges those that show the story, and leaves the others cached.


@pytest.fixture
def sitemaps_of_two(site, monkeypatch):
    """Stories' sitemaps of two ids each, so that the site's stories fill several."""
    monkeypatch.setattr(story_sitemaps, "STORY_IDS_PER_SITEMAP", 2)
    for n in range(4):
        ArticlePageFactory(parent=site["news_index"], title=f"Older story {n}")
    cache.clear()
    return site


def sitemap_paths(client) -> list[str]:
    """The index and each sitemap it names."""
    index = client.get("/sitemap.xml").content.decode()
    return [
        "/sitemap.xml",
        *(urlsplit(url).path for url in re.findall("<loc>([^<]+)</loc>", index)),
    ]


def lastmod_of(client, story) -> datetime.datetime:
    xml = content(client.get(story_sitemap(story)))
    found = re.search(f"<loc>[^<]*{re.escape(story.url)}</loc><lastmod>([^<]+)</lastmod>", xml)
    return datetime.datetime.fromisoformat(found.group(1))


def assert_purges_exactly(client, commit, change, story) -> None:
    """Every sitemap served from the page cache, then `change`: the index, the one stories'
    sitemap that holds `story` and the author and listing sitemaps are purged, no other."""
    before = sitemap_paths(client)
    for path in before:
        client.get(path)
        assert client.get(path)["X-Page-Cache"] == "hit", path
    commit(change)
    purged = {"/sitemap.xml", story_sitemap(story), "/sitemap-authors.xml", "/sitemap-listings.xml"}
    for path in before:  # a purged one may be gone: its last story was taken down
        assert (client.get(path).get("X-Page-Cache") == "hit") is (path not in purged), path
    assert set(sitemap_paths(client)) - set(before) <= purged


def test_publishing_a_story_purges_the_newest_stories_sitemap_and_no_older_one(
    client, commit, sitemaps_of_two
):
    story = ArticlePageFactory(parent=sitemaps_of_two["news_index"], slug="just-in", live=False)
    assert_purges_exactly(client, commit, lambda: story.save_revision().publish(), story)
    newest = [path for path in sitemap_paths(client) if "/sitemap-stories-" in path][-1]
    assert story_sitemap(story) == newest
    shown = [path for path in sitemap_paths(client) if story.url in content(client.get(path))]
    assert shown == [newest]


def test_editing_an_old_story_moves_its_lastmod_in_the_one_sitemap_that_holds_it(
    client, commit, sitemaps_of_two
):
    story = sitemaps_of_two["story"]
    before = lastmod_of(client, story)
    change = lambda: republish(story, title="Figures released, then corrected")  # noqa: E731
    assert_purges_exactly(client, commit, change, story)
    assert lastmod_of(client, story) > before
    index = content(client.get("/sitemap.xml"))
    part = re.search(
        f"{re.escape(story_sitemap(story))}</loc><lastmod>([^<]+)</lastmod>", index
    ).group(1)
    assert datetime.datetime.fromisoformat(part) == lastmod_of(client, story)


def test_unpublishing_a_story_takes_it_out_of_its_sitemap_at_once(client, commit, sitemaps_of_two):
    story = sitemaps_of_two["story"]
    assert story.url in content(client.get(story_sitemap(story)))
    assert_purges_exactly(client, commit, story.unpublish, story)
    for path in sitemap_paths(client):
        assert story.url not in content(client.get(path)), path
