"""Structured data as search engines read it: every page's JSON-LD and Open Graph parsed with
extruct from the demo content, checked for the types and fields Google's rich results ask
for, and for one address per page (canonical, og:url, JSON-LD url agree)."""

from django.core.management import call_command

import extruct
import pytest
from bs4 import BeautifulSoup

from newsroom.demo import REFERENCE_SLUG
from newsroom.models import SiteSettings

pytestmark = pytest.mark.django_db

STORY = f"/news/{REFERENCE_SLUG}/"
MEASURE = "/statistics/online-child-sex-offences/"


@pytest.fixture
def demo(settings):
    settings.SITE_URL = ""
    call_command("load_demo")


def page_data(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    data = extruct.extract(
        html, base_url="http://testserver" + path, syntaxes=["json-ld", "opengraph"], uniform=True
    )
    canonical = BeautifulSoup(html, "html.parser").head.find("link", rel="canonical")["href"]
    by_type = {item["@type"]: item for item in data["json-ld"]}
    return by_type, data["opengraph"][0], canonical


def breadcrumb_names(by_type):
    return [item["name"] for item in by_type["BreadcrumbList"]["itemListElement"]]


def test_story_is_a_news_article_with_three_picture_shapes_and_a_publisher_logo(client, demo):
    by_type, og, canonical = page_data(client, STORY)
    article = by_type["NewsArticle"]
    assert article["url"] == og["og:url"] == canonical == f"http://testserver{STORY}"
    shapes = {(image["width"], image["height"]) for image in article["image"]}
    assert shapes == {(1200, 675), (1200, 900), (1200, 1200)}
    logo = article["publisher"]["logo"]
    assert article["publisher"]["name"] == "Newsroom"
    assert logo["url"].startswith("http://testserver/") and logo["height"] <= 60
    assert article["dateModified"] >= article["datePublished"]
    assert breadcrumb_names(by_type) == ["Home", "News", article["headline"]]


def test_home_names_the_site_its_search_and_its_organisation(client, demo):
    by_type, og, canonical = page_data(client, "/")
    website = by_type["WebSite"]
    assert website["url"] == canonical == "http://testserver/"
    action = website["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/search/?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"
    organisation = by_type["NewsMediaOrganization"]
    assert organisation["name"] == og["og:site_name"] == "Newsroom"
    assert (og["og:image:width"], og["og:image:height"]) == ("1200", "630")


def test_author_page_is_a_profile_of_a_person(client, demo):
    by_type, og, canonical = page_data(client, "/authors/faye-tryhorn/")
    profile = by_type["ProfilePage"]
    assert profile["url"] == canonical == og["og:url"]
    assert profile["mainEntity"]["@type"] == "Person"
    assert profile["mainEntity"]["name"] == "Faye Tryhorn"
    assert profile["mainEntity"]["jobTitle"] == "Reporter"


def test_measure_page_is_a_dataset_with_its_downloads_and_sources(client, demo):
    by_type, og, canonical = page_data(client, MEASURE + "?sort=change")
    assert canonical == og["og:url"] == f"http://testserver{MEASURE}"
    assert og["og:title"] == "Online child sex offences recorded by police"
    dataset = by_type["Dataset"]
    assert dataset["url"] == canonical
    assert 50 <= len(dataset["description"]) <= 5000
    downloads = {d["encodingFormat"]: d["contentUrl"] for d in dataset["distribution"]}
    assert downloads == {
        "text/csv": "http://testserver/statistics/online-child-sex-offences.csv",
        "application/json": "http://testserver/statistics/online-child-sex-offences.json",
    }
    assert [source["publisher"]["name"] for source in dataset["isBasedOn"]] == ["NSPCC"]
    assert dataset["temporalCoverage"] == "2018-04-01/2020-03-31"
    assert breadcrumb_names(by_type) == ["Home", "Statistics", dataset["name"]]


def test_data_index_and_listings_have_their_own_titles(client, demo):
    _by_type, og, canonical = page_data(client, "/statistics/")
    assert og["og:title"] == "The data behind our stories"
    assert canonical == og["og:url"] == "http://testserver/statistics/"
    by_type, og, _canonical = page_data(client, "/news/topic/crime/")
    assert breadcrumb_names(by_type) == ["Home", "News", "Topic: crime"]


def test_site_settings_name_the_site_everywhere(client, demo, home):
    settings = SiteSettings.for_site(home.get_site())
    settings.site_name = "The Wiltshire Bugle"
    settings.x_handle = "bugle"
    settings.save()
    by_type, og, _canonical = page_data(client, STORY)
    assert by_type["NewsArticle"]["publisher"]["name"] == "The Wiltshire Bugle"
    assert og["og:site_name"] == "The Wiltshire Bugle"
    html = BeautifulSoup(client.get(STORY).content, "html.parser")
    assert html.title.get_text().endswith("| The Wiltshire Bugle")
    assert html.select_one(".site-header__brand").get_text() == "The Wiltshire Bugle"
    assert html.head.find("meta", attrs={"name": "twitter:site"})["content"] == "@bugle"
    assert "Newsroom" not in client.get("/").content.decode()
