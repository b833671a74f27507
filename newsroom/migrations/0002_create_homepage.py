"""Replace Wagtail's default welcome page with the Newsroom home page as the site root."""

from django.db import migrations


def create_homepage(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("newsroom.HomePage")

    Page.objects.filter(
        content_type__app_label="wagtailcore", content_type__model="page", slug="home", depth=2
    ).delete()
    content_type, _ = ContentType.objects.get_or_create(model="homepage", app_label="newsroom")
    root = Page.objects.get(depth=1)
    last = Page.objects.filter(depth=2).order_by("-path").first()
    position = int(last.path[-4:], 36) + 1 if last else 1
    path = root.path + format_base36(position)
    homepage = HomePage.objects.create(
        title="Newsroom",
        draft_title="Newsroom",
        slug="home",
        content_type=content_type,
        path=path,
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=Locale.objects.order_by("pk").first(),
        live=True,
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page_id": homepage.pk, "site_name": "Newsroom"},
    )


def format_base36(number):
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    text = ""
    while number:
        number, remainder = divmod(number, 36)
        text = digits[remainder] + text
    return text.rjust(4, "0")


def remove_homepage(apps, schema_editor):
    apps.get_model("newsroom.HomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [("newsroom", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
