"""Content an old release's editors could have made, written with that release's own code.

Run inside an old checkout (`manage.py shell`, after its `migrate` and `load_demo`) by
`tests/upgrade/test_upgrade.py`. It reads what the release has (apps, fields, block types)
and makes what it can: stories with topics, areas, hero and body pictures with credits,
figure blocks, helplines blocks, several revisions, a published story with a scheduled
revision, a scheduled new story, a draft; helplines edited and republished; figures.
Imports only Django and Wagtail: the project's modules differ from one release to the next.
"""

import datetime
import io

from django.apps import apps
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify

from wagtail.images import get_image_model

from PIL import Image as PILImage


def model(label):
    try:
        return apps.get_model(label)
    except LookupError:
        return None


ArticlePage = apps.get_model("articles", "ArticlePage")
ArticleIndexPage = apps.get_model("articles", "ArticleIndexPage")
Author = apps.get_model("articles", "Author")
ArticlePageAuthor = apps.get_model("articles", "ArticlePageAuthor")
PoliceForce = apps.get_model("statistics", "PoliceForce")
Helpline = model("contacts.Helpline") or model("newsroom.Helpline")
Measure, Source, Figure = (model(f"statistics.{name}") for name in ("Measure", "Source", "Figure"))
Picture = get_image_model()
BLOCKS = ArticlePage._meta.get_field("body").stream_block.child_blocks

news = ArticleIndexPage.objects.get(slug="news")
wiltshire = PoliceForce.objects.get(slug="wiltshire")
hampshire = PoliceForce.objects.get(slug="hampshire")
author = Author.objects.create(name="Upgrade Reporter", slug="upgrade-reporter", role="Reporter")


def picture(title, colour):
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 360), colour).save(buffer, format="JPEG")
    made = Picture(title=title, file=ImageFile(buffer, name=f"{slugify(title)}.jpg"))
    made.save()
    return made


def paragraph(html):
    return {"type": "paragraph", "value": html}


def helpline(name, number, **fields):
    line = Helpline(name=name, number=number, when_to_call="Any time.", **fields)
    line.full_clean()  # the number stored as that release normalised it
    line.save()
    if hasattr(line, "save_revision"):
        line.save_revision().publish()
    return line


def story(slug, title, body, *, topics, areas, hero=None, credit="", publish=True, **fields):
    page = ArticlePage(
        slug=slug,
        title=title,
        standfirst=f"{title}: the standfirst.",
        publish_date=datetime.date(2021, 3, 4),
        body=body,
        live=publish,
        **fields,
    )
    if hero is not None:
        page.hero_image = hero
        page.hero_alt_text = f"{hero.title}, as described by the story."
        page.hero_caption = f"The caption of {title}."
        page.hero_credit = credit
    news.add_child(instance=page)
    page.article_authors = [ArticlePageAuthor(author=author)]
    page.topics.set(topics)
    page.areas = areas
    page.save()
    if publish:
        page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


def figures_blocks(measure):
    blocks = []
    if "figure_comparison" in BLOCKS:
        value = {"measure": measure.pk, "force": wiltshire.pk, "period": "2019/20"}
        blocks.append({"type": "figure_comparison", "value": {**value, "compare_with": ""}})
    for kind in ("figure_table", "figure_chart"):
        if kind in BLOCKS:
            value = {"measure": measure.pk, "forces": [wiltshire.pk, hampshire.pk]}
            value |= {"periods": ["2018/19", "2019/20"], "caption": f"Burglaries, {kind}"}
            blocks.append({"type": kind, "value": value})
    return blocks


measure = None
if Figure is not None:
    measure = Measure.objects.create(
        name="Burglaries recorded", slug="burglaries", unit="burglaries"
    )
    source = Source.objects.create(
        publisher="Home Office", title="Recorded crime", date_published=datetime.date(2021, 1, 2)
    )
    for force, values in ((wiltshire, (1234, 1107)), (hampshire, (5021, 5388))):
        for period, value in zip(("2018/19", "2019/20"), values, strict=True):
            Figure.objects.create(
                force=force, measure=measure, period=period, value=value, source=source
            )

lines = []
if Helpline is not None:
    line_fields = {"kind": "support"} if "kind" in {f.name for f in Helpline._meta.fields} else {}
    lines = [
        helpline("Upgrade Safeguarding Hub", "0300 456 0108", **line_fields),
        helpline("Upgrade Crimestoppers", "0800 555 111", **line_fields),
    ]
    edited = Helpline.objects.get(pk=lines[0].pk)
    edited.when_to_call = "Weekdays, 9am to 5pm."
    if hasattr(edited, "save_revision"):
        edited.save_revision().publish()
    else:
        edited.save()

hero_pictures = [picture(f"Upgrade picture {n}", (40 * n, 90, 120)) for n in range(1, 4)]
body_picture = picture("Upgrade body picture", (150, 60, 30))

for number in range(1, 4):
    body = [
        paragraph(f"<p>Story {number} says burglaries fell by {number * 7} per cent in 2020.</p>"),
        {"type": "heading", "value": {"text": f"What changed in {2018 + number}", "level": "h2"}},
        {
            "type": "image",
            "value": {
                "image": body_picture.pk,
                "alt_text": "A street at night, described by the story.",
                "caption": f"Streets covered by story {number}.",
                "credit": "Agency Photographer" if number == 1 else "",
            },
        },
        {
            "type": "quote",
            "value": {
                "text": f"We counted {number * 100 + 12} reports.",
                "paraphrase": False,
                "speaker": "A spokesperson",
                "role": "",
                "organisation": "Wiltshire Police",
            },
        },
    ]
    if measure is not None:
        body += figures_blocks(measure)
    if lines and "helplines" in BLOCKS:
        value = {"heading": "How to report", "intro": "", "helplines": [line.pk for line in lines]}
        if "mode" in BLOCKS["helplines"].child_blocks:
            value["mode"] = "chosen"
        body.append({"type": "helplines", "value": value})
    page = story(
        f"upgrade-story-{number}",
        f"Upgrade story {number} about burglaries",
        body,
        topics=["burglary", f"upgrade topic {number}"],
        areas=[wiltshire] if number % 2 else [wiltshire, hampshire],
        hero=hero_pictures[number - 1],
        credit=f"Photographer {number}",
    )
    # A second published revision, then a draft on top of it that readers must not see.
    page.standfirst = f"Upgrade story {number}, revised standfirst."
    page.save_revision().publish()
    draft = ArticlePage.objects.get(pk=page.pk)
    draft.title = f"Unpublished draft headline {number}"
    draft.save_revision()

# A published story with a scheduled revision, and a new story scheduled to go live.
later = timezone.now() + datetime.timedelta(days=30)
scheduled = ArticlePage.objects.get(slug="upgrade-story-3")
scheduled.title = "Scheduled headline for story 3"
scheduled.go_live_at = later
scheduled.save_revision().publish()
future = story(
    "upgrade-scheduled-story",
    "Upgrade scheduled story",
    [paragraph("<p>Not yet public: 42 burglaries.</p>")],
    topics=["burglary"],
    areas=[hampshire],
    publish=False,
)
future.go_live_at = later
future.save_revision().publish()
story(
    "upgrade-draft-story",
    "Upgrade draft story",
    [paragraph("<p>A draft: 17 reports.</p>")],
    topics=["draft"],
    areas=[wiltshire],
    publish=False,
)
print("generated", ArticlePage.objects.count(), "stories")
