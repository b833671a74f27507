"""Stories move to the custom image model's alt text and credit.

- A body `image` block was {image, alt_text, caption, credit}; it becomes Wagtail's image
  block (image, decorative, alt text) with a caption and a credit: {image: {image,
  decorative, alt_text}, caption, credit}. Its alt text stays as this story's own (stored
  empty when it says the same as the picture's description, which is then used).
- Credits move onto the pictures: a story's credit (hero or block) fills a picture that has
  none; a credit that says the same as the picture's is dropped; a different one stays as
  that story's own, so nothing readers saw is lost.

Live stories first, then every revision (a revision stores the body as a JSON string in its
content), oldest first: the first credit given for a picture becomes the picture's. Reversed,
blocks go back to the old shape with the alt text and credit that were shown.
"""

import json

from django.db import migrations

BATCH = 500


class Pictures:
    """The pictures' descriptions and credits, read once; credits written back at the end."""

    def __init__(self, apps):
        self.model = apps.get_model("images", "Picture")
        self.rows = {
            pk: {"description": description, "credit": credit}
            for pk, description, credit in self.model.objects.values_list(
                "pk", "description", "credit"
            )
        }
        self.credited = set()

    def get(self, pk):
        return self.rows.get(pk) if isinstance(pk, int) else None

    def description(self, pk):
        picture = self.get(pk)
        return picture["description"] if picture else ""

    def credit(self, pk):
        picture = self.get(pk)
        return picture["credit"] if picture else ""

    def take_credit(self, pk, credit):
        """What a use keeps of its credit once the picture has had its say."""
        credit = (credit or "").strip()
        picture = self.get(pk)
        if not credit or picture is None:
            return credit
        if not picture["credit"]:
            picture["credit"] = credit
            self.credited.add(pk)
        return "" if credit == picture["credit"] else credit

    def save(self):
        for pk in sorted(self.credited):
            self.model.objects.filter(pk=pk).update(credit=self.rows[pk]["credit"])


def new_image_block(value, pictures):
    if not isinstance(value, dict) or isinstance(value.get("image"), dict):
        return value  # not an old block, or moved already
    pk = value.get("image")
    alt_text = (value.get("alt_text") or "").strip()
    if alt_text == pictures.description(pk):
        alt_text = ""
    return {
        "image": {"image": pk, "decorative": False, "alt_text": alt_text},
        "caption": value.get("caption") or "",
        "credit": pictures.take_credit(pk, value.get("credit")),
    }


def old_image_block(value, pictures):
    inner = value.get("image") if isinstance(value, dict) else None
    if not isinstance(inner, dict):
        return value
    pk = inner.get("image")
    alt_text = "" if inner.get("decorative") else inner.get("alt_text") or ""
    return {
        "image": pk,
        "alt_text": alt_text or pictures.description(pk),
        "caption": value.get("caption") or "",
        "credit": value.get("credit") or pictures.credit(pk),
    }


def convert_body(blocks, convert, pictures):
    """The body's top-level `image` blocks converted; None when nothing changed."""
    changed = False
    converted = []
    for block in blocks or []:
        block = dict(block)
        if block.get("type") == "image":
            value = convert(block.get("value"), pictures)
            changed |= value != block.get("value")
            block["value"] = value
        converted.append(block)
    return converted if changed else None


def convert_story(fields, convert, hero, pictures):
    """Changes to a story's body and hero fields (a dict of what differs)."""
    changes = {}
    body = convert_body(fields["body"], convert, pictures)
    if body is not None:
        changes["body"] = body
    for name, value in hero(fields, pictures).items():
        if value != fields[name]:
            changes[name] = value
    return changes


def new_hero(fields, pictures):
    pk = fields["hero_image"]
    return {"hero_credit": pictures.take_credit(pk, fields["hero_credit"])} if pk else {}


def old_hero(fields, pictures):
    pk = fields["hero_image"]
    if not pk:
        return {}
    return {
        "hero_credit": fields["hero_credit"] or pictures.credit(pk),
        "hero_alt_text": fields["hero_alt_text"] or pictures.description(pk),
    }


def convert_stories(apps, convert, hero):
    ArticlePage = apps.get_model("articles", "ArticlePage")
    Revision = apps.get_model("wagtailcore", "Revision")
    ContentType = apps.get_model("contenttypes", "ContentType")
    pictures = Pictures(apps)

    for page in ArticlePage.objects.order_by("pk").only(
        "pk", "body", "hero_image", "hero_alt_text", "hero_credit"
    ):
        fields = {
            "body": list(page.body.raw_data),
            "hero_image": page.hero_image_id,
            "hero_alt_text": page.hero_alt_text,
            "hero_credit": page.hero_credit,
        }
        changes = convert_story(fields, convert, hero, pictures)
        if changes:
            ArticlePage.objects.filter(pk=page.pk).update(**changes)

    story_type = ContentType.objects.filter(app_label="articles", model="articlepage").first()
    revisions = Revision.objects.filter(content_type=story_type).order_by("created_at", "pk")
    for revision in revisions.iterator(chunk_size=BATCH):
        content = revision.content
        stored_body = content.get("body")
        as_text = isinstance(stored_body, str)
        fields = {
            "body": json.loads(stored_body) if as_text else stored_body,
            "hero_image": content.get("hero_image"),
            "hero_alt_text": content.get("hero_alt_text") or "",
            "hero_credit": content.get("hero_credit") or "",
        }
        changes = convert_story(fields, convert, hero, pictures)
        if changes:
            if "body" in changes and as_text:
                changes["body"] = json.dumps(changes["body"])
            revision.content = {**content, **changes}
            revision.save(update_fields=["content"])
    pictures.save()


def forwards(apps, schema_editor):
    convert_stories(apps, new_image_block, new_hero)


def backwards(apps, schema_editor):
    convert_stories(apps, old_image_block, old_hero)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_pictures"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
