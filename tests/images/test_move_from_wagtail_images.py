"""A database made while pictures were Wagtail's default image model migrates forward with
every picture (same ids, files, tags, collection, focal point, search entry), every use of
one (hero image, author photo, site settings, body image blocks of the live story and of its
revisions, the reference index) and every alt text and credit readers saw.

The old state is built as today's main left it: Wagtail's own `Image` model is unchanged by
the move, so the old pictures are made with it (as main's admin made them: files, tags,
search index); the stories' old fields and block shapes are written with the historical
models of that state.
"""

import datetime
import json
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wagtail.images.models import Image as WagtailImage
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection, ReferenceIndex, Revision

import pytest
from bs4 import BeautifulSoup

from articles.models import ArticlePage, Author
from images.models import Picture
from newsroom.models import HomePage, SiteSettings
from tests.factories import ArticleIndexPageFactory, ArticlePageFactory, AuthorFactory

BEFORE = [
    ("articles", "0009_figure_comparison_force_list"),
    ("newsroom", "0007_home_lead_and_featured_stories"),
    ("images", None),
]
BLOCKS = [str(uuid.UUID(int=n)) for n in (1, 2, 3)]
UPLOADED = datetime.datetime(2020, 9, 3, 9, 0, tzinfo=datetime.UTC)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1]]).apps


def old_image_block(block_id, image_id, alt_text, caption, credit):
    value = {"image": image_id, "alt_text": alt_text, "caption": caption, "credit": credit}
    return {"type": "image", "id": block_id, "value": value}


def old_reference(old, page, image_type, model_path, content_path):
    page_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="wagtailcore", model="page"
    )
    old.get_model("wagtailcore", "ReferenceIndex").objects.create(
        content_type_id=page.content_type_id,
        base_content_type=page_type,
        object_id=str(page.pk),
        to_content_type_id=image_type.pk,
        to_object_id="5",
        model_path=model_path,
        content_path=content_path,
        content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pictures_their_uses_alt_texts_and_credits_survive_the_move(client):
    # Pages are made in today's tree (with no picture), then taken back to main's schema.
    news = ArticleIndexPageFactory(parent=HomePage.objects.get())
    story = ArticlePageFactory(parent=news, title="Figures released", slug="figures-released")
    draft_pk = story.save_revision().pk
    author = AuthorFactory(name="Faye Tryhorn")
    old = migrate(BEFORE)

    root = Collection.get_first_root_node()
    police = root.add_child(name="Police")
    station = WagtailImage(
        id=5,
        title="Melksham police station",
        file=get_test_image_file(filename="station.png", size=(1600, 900)),
        collection=police,
        focal_point_x=400,
        focal_point_y=300,
        focal_point_width=200,
        focal_point_height=100,
    )
    station.save()
    station.tags.add("police")
    WagtailImage.objects.filter(pk=5).update(created_at=UPLOADED)
    portrait = WagtailImage.objects.create(
        id=7, title="Faye", file=get_test_image_file(filename="faye.png"), collection=root
    )
    image_type = ContentType.objects.get_for_model(WagtailImage)

    body = [
        old_image_block(
            BLOCKS[0], 5, "Two officers at the door.", "Melksham.", "Photo: Jane Smith"
        ),
        old_image_block(BLOCKS[1], 7, "Faye Tryhorn.", "", "Photo: Newsroom"),
        old_image_block(BLOCKS[2], 5, "The station at night.", "", "Photo: Wiltshire Police"),
    ]
    OldStory = old.get_model("articles", "ArticlePage")
    OldStory.objects.filter(pk=story.pk).update(
        hero_image_id=5,
        hero_alt_text="The station from the road.",
        hero_caption="The station.",
        hero_credit="Photo: Jane Smith",
        body=body,
    )
    old_story = OldStory.objects.get(pk=story.pk)
    old_reference(old, old_story, image_type, "hero_image", "hero_image")
    old_reference(old, old_story, image_type, "body.image.image", f"body.{BLOCKS[0]}.image")
    revision = old.get_model("wagtailcore", "Revision").objects.get(pk=draft_pk)
    draft = [old_image_block(BLOCKS[0], 5, "A draft's alt text.", "Draft.", "Photo: Pool")]
    revision.content = {
        **revision.content,
        "hero_image": 5,
        "hero_alt_text": "The station from the road.",
        "hero_credit": "Photo: Jane Smith",
        "body": json.dumps(draft),
    }
    revision.save()
    old.get_model("articles", "Author").objects.filter(pk=author.pk).update(photo_id=7)
    old.get_model("newsroom", "SiteSettings").objects.create(
        site_id=old.get_model("wagtailcore", "Site").objects.get(is_default_site=True).pk,
        default_share_image_id=5,
        publisher_logo_id=7,
    )

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    # The pictures, with their ids, files, collection, focal point, tags and search entry.
    picture = Picture.objects.get(pk=5)
    assert (picture.title, picture.file.name) == ("Melksham police station", station.file.name)
    assert (picture.width, picture.height, picture.collection.name) == (1600, 900, "Police")
    assert picture.created_at == UPLOADED
    assert str(picture.get_focal_point()) == "Rect(left: 300, top: 250, right: 500, bottom: 350)"
    assert [tag.name for tag in picture.tags.all()] == ["police"]
    assert Picture.objects.get(pk=7).file.name == portrait.file.name
    assert list(Picture.objects.search("station")) == [picture]
    assert Picture.objects.create(title="New", file=get_test_image_file()).pk > 7
    # The first credit given moved onto each picture; the uses that said the same lost theirs.
    assert picture.credit == "Photo: Jane Smith"
    assert Picture.objects.get(pk=7).credit == "Photo: Newsroom"

    story = ArticlePage.objects.get(pk=story.pk)
    assert (story.hero_image_id, story.hero_alt, story.hero_credit_line) == (
        5,
        "The station from the road.",
        "Photo: Jane Smith",
    )
    assert story.hero_credit == ""
    blocks = [block.value for block in story.body]
    assert [b["image"].pk for b in blocks] == [5, 7, 5]
    assert [b.alt for b in blocks] == [
        "Two officers at the door.",
        "Faye Tryhorn.",
        "The station at night.",
    ]
    assert [b["credit"] for b in blocks] == ["", "", "Photo: Wiltshire Police"]
    assert [b.credit_line for b in blocks] == [
        "Photo: Jane Smith",
        "Photo: Newsroom",
        "Photo: Wiltshire Police",
    ]
    draft_story = Revision.objects.get(pk=revision.pk).as_object()
    [draft_block] = [block.value for block in draft_story.body]
    assert (draft_block.alt, draft_block["caption"], draft_block.credit_line) == (
        "A draft's alt text.",
        "Draft.",
        "Photo: Pool",
    )
    assert draft_story.hero_image_id == 5
    assert Author.objects.get(pk=author.pk).photo_id == 7
    settings = SiteSettings.objects.get()
    assert (settings.default_share_image_id, settings.publisher_logo_id) == (5, 7)
    # The admin's usage listing and the cache purges still find the story.
    uses = ReferenceIndex.get_references_to(picture)
    assert {(u.object_id, u.model_path) for u in uses} == {
        (str(story.pk), "hero_image"),
        (str(story.pk), "body.image.image"),
    }

    html = BeautifulSoup(client.get(story.url).content, "html.parser")
    assert html.select_one(".story__hero img")["alt"] == "The station from the road."
    assert html.select_one(".story__hero .credit").get_text() == "Photo: Jane Smith"
    figures = html.select(".story__body figure.story-image")
    assert [figure.img["alt"] for figure in figures] == [
        "Two officers at the door.",
        "Faye Tryhorn.",
        "The station at night.",
    ]
    assert [figure.select_one(".credit").get_text() for figure in figures] == [
        "Photo: Jane Smith",
        "Photo: Newsroom",
        "Photo: Wiltshire Police",
    ]
