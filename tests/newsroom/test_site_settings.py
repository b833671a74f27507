"""The site's settings in the admin: editors with access change the site's name and
accounts in one place; readers' pages follow at once (the cached identity is forgotten)."""

import xml.etree.ElementTree as ET

from django.utils import timezone

import pytest
from bs4 import BeautifulSoup

from newsroom.models import SiteSettings
from tests.factories import ArticlePageFactory, PictureFactory

pytestmark = pytest.mark.django_db
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def test_an_administrator_renames_the_site_and_pages_follow(client, admin_user, home):
    client.force_login(admin_user)
    site = home.get_site()
    url = f"/admin/settings/newsroom/sitesettings/{site.pk}/"
    form = client.get(url)
    assert form.status_code == 200
    assert "Google News publication name" in form.content.decode()
    client.get("/")  # the identity is cached now
    response = client.post(
        url,
        {
            "site_name": "The Wiltshire Bugle",
            "tagline": "News from the county",
            "description": "What happens in Wiltshire, with the figures behind it.",
            "default_share_alt": "",
            "news_publication_name": "Wiltshire Bugle",
            "bluesky_handle": "bugle.bsky.social",
            "mastodon_url": "",
            "x_handle": "",
            "facebook_url": "",
        },
    )
    assert response.status_code == 302
    client.logout()
    html = BeautifulSoup(client.get("/").content, "html.parser")
    assert html.title.get_text() == "The Wiltshire Bugle: News from the county"
    assert (
        html.select_one(".site-footer")
        .get_text(" ", strip=True)
        .endswith("The Wiltshire Bugle: News from the county.")
    )
    settings = SiteSettings.for_site(site)
    assert settings.news_publication_name == "Wiltshire Bugle"


def test_google_news_sitemap_names_the_publication_from_the_settings(client, news_index, home):
    settings = SiteSettings.for_site(home.get_site())
    settings.news_publication_name = "Wiltshire Bugle"
    settings.save()
    ArticlePageFactory(parent=news_index, publish_date=timezone.localdate())
    xml = ET.fromstring(client.get("/news-sitemap.xml").content)
    assert [name.text for name in xml.iter(f"{NEWS}name")] == ["Wiltshire Bugle"]


def test_the_default_share_picture_is_described_by_its_own_alt_text(client, home):
    settings = SiteSettings.for_site(home.get_site())
    settings.default_share_image = PictureFactory(description="The newsroom's logo on blue.")
    settings.save()
    html = BeautifulSoup(client.get("/").content, "html.parser")
    alt = html.head.find("meta", property="og:image:alt")["content"]
    assert alt == "The newsroom's logo on blue."
