"""Every picture of Wagtail's default image model becomes a `Picture` with the same primary
key, so every reference by number (hero images, author photos, site settings, the ids that
story bodies and their revisions store) stays valid. Tags, the reference index (what the
admin's "usage" and the cache purges read) and the admin's image search move with them.

Wagtail's own rows stay where they are: nothing reads them once the image model is
`images.Picture`, Wagtail keeps its app (its permissions are still the ones it checks) and
they make the migration reversible. Renditions are not copied: they are made again, from
the same original files, the first time each is asked for.
"""

from django.core.management.color import no_style
from django.db import migrations

COPIED_FIELDS = (
    "id",
    "title",
    "file",
    "description",
    "width",
    "height",
    "created_at",
    "uploaded_by_user_id",
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
    "file_size",
    "file_hash",
    "collection_id",
)
BATCH = 500


def content_types(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    old = ContentType.objects.filter(app_label="wagtailimages", model="image").first()
    new, _ = ContentType.objects.get_or_create(app_label="images", model="picture")
    return old, new


def reset_sequence(schema_editor, model):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(sql)


def copy_images(apps, schema_editor):
    WagtailImage = apps.get_model("wagtailimages", "Image")
    Picture = apps.get_model("images", "Picture")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    old, new = content_types(apps)
    if old is None or not WagtailImage.objects.exists():
        return
    images = WagtailImage.objects.order_by("pk")
    for start in range(0, images.count(), BATCH):
        chunk = list(images[start : start + BATCH])
        pictures = Picture.objects.bulk_create(
            Picture(**{field: getattr(image, field) for field in COPIED_FIELDS})
            for image in chunk
        )
        # `created_at` is set on insert (auto_now_add): put back when each was uploaded.
        for picture, image in zip(pictures, chunk, strict=True):
            picture.created_at = image.created_at
        Picture.objects.bulk_update(pictures, ["created_at"])
    # The copies kept their ids: the next new picture numbers after the highest.
    reset_sequence(schema_editor, Picture)
    TaggedItem.objects.bulk_create(
        (
            TaggedItem(content_type=new, object_id=item.object_id, tag_id=item.tag_id)
            for item in TaggedItem.objects.filter(content_type=old).iterator(chunk_size=BATCH)
        ),
        batch_size=BATCH,
    )
    ReferenceIndex.objects.filter(to_content_type=old).update(to_content_type=new)
    IndexEntry.objects.filter(content_type=old).update(content_type=new)


def uncopy_images(apps, schema_editor):
    Picture = apps.get_model("images", "Picture")
    TaggedItem = apps.get_model("taggit", "TaggedItem")
    ReferenceIndex = apps.get_model("wagtailcore", "ReferenceIndex")
    IndexEntry = apps.get_model("wagtailsearch", "IndexEntry")
    old, new = content_types(apps)
    if old is not None:
        ReferenceIndex.objects.filter(to_content_type=new).update(to_content_type=old)
        IndexEntry.objects.filter(content_type=new).update(content_type=old)
    TaggedItem.objects.filter(content_type=new).delete()
    apps.get_model("images", "Rendition").objects.all().delete()
    Picture.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("images", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(copy_images, uncopy_images)]
