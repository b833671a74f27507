"""Demo content: the reference story, told in the project's own words, and a few samples.

Every function here is idempotent: it creates what is missing, brings what differs back in
line, and leaves what already matches alone, so a second run changes nothing.
Rich text is written directly, so it must be clean, allow-listed HTML.
"""

import datetime
import io

from django.core.files.images import ImageFile
from django.utils.text import slugify

from wagtail.images import get_image_model
from wagtail.models import Site

from articles.models import ArticleIndexPage, ArticlePage, ArticlePageAuthor, Author
from contacts.demo import ensure_helplines, helplines_block
from statistics import demo as statistics_demo
from statistics.models import PoliceForce

from .models import HomePage

REFERENCE_SLUG = "online-child-sex-offences-reported-to-police"

# The pages readers use most, in the demo content: the accessibility tests and the page
# weight benchmark both go through this list.
MAIN_PAGES = [
    "/",
    "/news/",
    f"/news/{REFERENCE_SLUG}/",
    "/news/topic/crime/",
    "/news/area/",
    "/news/area/wiltshire/",
    "/authors/faye-tryhorn/",
    "/statistics/",
    f"/statistics/{statistics_demo.MEASURE_SLUG}/",
    "/search/?q=police",
]


def paragraph(html):
    return ("paragraph", html)


def heading(text):
    return ("heading", {"text": text, "level": "h2"})


def quote(text, speaker, role="", organisation="", paraphrase=True):
    return (
        "quote",
        {
            "text": text,
            "speaker": speaker,
            "role": role,
            "organisation": organisation,
            "paraphrase": paraphrase,
        },
    )


def reference_story_body(helplines):
    """The story, ending with its "How to report abuse" helplines (in the order given)."""
    return [
        paragraph(
            "<p>Police in Wiltshire and Hampshire have released the number of online child "
            "sex offences they recorded over the last two years. The NSPCC gathered the "
            "figures from forces through a Freedom of Information request.</p>"
        ),
        statistics_demo.comparison_block("wiltshire"),
        statistics_demo.comparison_block("hampshire"),
        statistics_demo.chart_block(),
        heading("What the police say"),
        quote(
            "The force is not complacent about the fall in reports. It investigates every "
            "report it receives and works to make people aware of the signs of online sexual "
            "abuse. It welcomed the NSPCC's report, and urged parents, carers and children to "
            "report abuse to the police or to partner charities such as the NSPCC and Childline.",
            "Ben Mant",
            "Detective Superintendent, Head of the Public Protection Department",
            "Wiltshire Police",
        ),
        heading("What the charity says"),
        quote(
            "Online abuse was already rising before the 2020 lockdown, and the risks to "
            "children appear to have grown since. The charity wants the Government to bring "
            "forward an Online Harms Bill this autumn and pass it by the end of 2021, so that "
            "technology firms can be held criminally and financially accountable.",
            "Andy Burrows",
            "Head of Child Safety Online Policy",
            "NSPCC",
        ),
        paragraph(
            "<p>The NSPCC is concerned that recorded offences do not show the true scale of "
            "the problem, and that lockdown may lead to more cases.</p>"
        ),
        helplines_block(helplines),
    ]


SAMPLE_STORIES = [
    (
        "Library extends evening opening hours",
        "The central library will stay open until 8pm on weekdays from next month.",
        datetime.date(2020, 8, 28),
        "<p>The central library is to open until 8pm on weekdays after a trial that saw "
        "evening visits rise. The council says the change costs nothing extra because staff "
        "hours have been rearranged.</p>",
        ["libraries", "council"],
    ),
    (
        "Consultation opens on town centre cycle lane",
        "Residents have six weeks to comment on plans for a protected cycle lane.",
        datetime.date(2020, 8, 21),
        "<p>A six-week consultation has opened on a protected cycle lane between the "
        "railway station and the market square. Plans can be seen at the town hall and "
        "online.</p>",
        ["transport", "council"],
    ),
    (
        "Allotment waiting list falls as new plots open",
        "Forty new plots on the edge of town have cut the waiting list by a third.",
        datetime.date(2020, 8, 14),
        "<p>Forty new allotment plots have opened on council land near the ring road, "
        "cutting the waiting list by about a third. Plots are let for a year at a time.</p>",
        ["community"],
    ),
    (
        "Bus timetable changes on three rural routes",
        "Three routes will run less often on Sundays but gain an early weekday service.",
        datetime.date(2020, 8, 7),
        "<p>Three rural bus routes will run less often on Sundays from the autumn, while "
        "gaining an earlier weekday departure for commuters. The operator says passenger "
        "numbers guided the change.</p>",
        ["transport"],
    ),
]
FOLLOW_UP_SLUG = "schools-asked-to-share-advice-on-reporting-online-abuse"
FOLLOW_UP_TEXT = (
    "<p>Schools in Wiltshire and Hampshire are being asked to pass on advice to parents "
    "about how to report online abuse, after figures showed how many offences police "
    "recorded. The leaflet lists the numbers to call and what to keep as evidence.</p>"
)
SAMPLE_NOTE = (
    "<p><b>Sample content.</b> This story was written to show how the site works; "
    "its events are invented.</p>"
)


def ensure_site_tree():
    """The home page at the site root (created by a migration) and /news/ beneath it."""
    home = HomePage.objects.get()
    news = ArticleIndexPage.objects.child_of(home).first()
    if news is None:
        news = ArticleIndexPage(
            title="News", slug="news", intro="<p>Every story, newest first.</p>"
        )
        home.add_child(instance=news)
        news.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    if site.root_page_id != home.pk:
        site.root_page = home
        site.save()
    return news


def ensure_author(name, role, bio):
    fields = {"name": name, "role": role, "bio": bio}
    author = Author.objects.filter(slug=slugify(name)).first() or Author(slug=slugify(name))
    if author.pk is None or any(getattr(author, k) != v for k, v in fields.items()):
        for key, value in fields.items():
            setattr(author, key, value)
        author.save()
    return author


def placeholder_image(title, colour, *, description, credit="Newsroom illustration"):
    """A plain generated picture, so listings and social cards have an image to show: 4:3
    and 1600 px wide, so the 16:9, 4:3 and 1:1 crops search engines ask for are 1200 px.
    Its description is the alt text stories use; its credit is printed under it."""
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is not None and (image.description, image.credit) != (description, credit):
        image.description, image.credit = description, credit
        image.save()
    if image is None:
        from PIL import Image as PILImage
        from PIL import ImageDraw

        picture = PILImage.new("RGB", (1600, 1200), colour)
        draw = ImageDraw.Draw(picture)
        for step in range(6):
            inset = 90 * step
            draw.rectangle(
                (inset, inset, 1600 - inset, 1200 - inset), outline=(255, 255, 255), width=6
            )
        buffer = io.BytesIO()
        picture.save(buffer, format="JPEG", quality=80)
        image = Image(
            title=title,
            file=ImageFile(buffer, name=f"{slugify(title)}.jpg"),
            description=description,
            credit=credit,
        )
        image.save()
    return image


def ensure_article(index, *, slug, authors, areas=(), topics=(), body, **fields):
    """Create the story, or bring it back to what is given; publish only when it changed."""
    page = ArticlePage.objects.child_of(index).filter(slug=slug).first()
    new_body = [{"type": kind, "value": value} for kind, value in body]
    if page is None:
        page = ArticlePage(slug=slug, body=new_body, **fields)
        index.add_child(instance=page)
        changed = True
    else:
        page = page.get_latest_revision_as_object()
        current = [{"type": b["type"], "value": b["value"]} for b in page.body.raw_data]
        changed = current != new_body or any(getattr(page, k) != v for k, v in fields.items())
        if current != new_body:
            page.body = new_body
        for name, value in fields.items():
            setattr(page, name, value)
    if [a.pk for a in page.authors] != [a.pk for a in authors]:
        page.article_authors = [ArticlePageAuthor(author=author) for author in authors]
        changed = True
    if sorted(f.pk for f in page.areas.all()) != sorted(f.pk for f in areas):
        page.areas = list(areas)
        changed = True
    if sorted(t.name for t in page.topics.all()) != sorted(topics):
        page.topics.set(list(topics))
        changed = True
    if changed or not page.live:
        page.save_revision().publish()
    return page


def load():
    """Load every piece of demo content; returns the reference story."""
    news = ensure_site_tree()
    statistics_demo.load()
    reporter = ensure_author(
        "Faye Tryhorn",
        "Reporter",
        "Faye reports on crime, policing and child safety across the region.",
    )
    sample_desk = ensure_author(
        "Sample Desk",
        "Demonstration content",
        "Stories credited to the Sample Desk are invented, to show how the site works.",
    )
    forces = PoliceForce.objects.filter(slug__in=["wiltshire", "hampshire"])
    story = ensure_article(
        news,
        slug=REFERENCE_SLUG,
        title="Online child sex offences reported to police in Wiltshire and Hampshire",
        standfirst=(
            "Figures have been released for Wiltshire and Hampshire showing how many online "
            "child sex offences each force recorded in the last two years."
        ),
        publish_date=datetime.date(2020, 9, 3),
        hero_image=placeholder_image(
            "Police figures illustration",
            (36, 52, 71),
            description="An abstract illustration in dark blue.",
        ),
        # The image's own alt text and credit: the story gives none of its own.
        hero_alt_text="",
        hero_caption="Police forces released the figures to the NSPCC.",
        hero_credit="",
        authors=[reporter],
        areas=forces,
        topics=["crime", "child safety", "online safety"],
        body=reference_story_body(ensure_helplines()),
    )
    ensure_article(
        news,
        slug=FOLLOW_UP_SLUG,
        title="Schools asked to share advice on reporting online abuse",
        standfirst=(
            "Parents in Wiltshire and Hampshire will get a leaflet on where to report "
            "online abuse. (Sample content.)"
        ),
        publish_date=datetime.date(2020, 9, 4),
        hero_image=placeholder_image(
            "Sample illustration: advice leaflet",
            (70, 50, 90),
            description="An abstract illustration.",
        ),
        hero_alt_text="",
        authors=[sample_desk],
        areas=forces,
        topics=["sample content", "child safety"],
        body=[paragraph(SAMPLE_NOTE), paragraph(FOLLOW_UP_TEXT)],
    )
    palette = [(88, 110, 60), (120, 70, 40), (60, 90, 120), (100, 60, 100)]
    for (title, standfirst, date, text, topics), colour in zip(
        SAMPLE_STORIES, palette, strict=True
    ):
        ensure_article(
            news,
            slug=slugify(title),
            title=title,
            standfirst=f"{standfirst} (Sample content.)",
            publish_date=date,
            hero_image=placeholder_image(
                f"Sample illustration: {title}", colour, description="An abstract illustration."
            ),
            hero_alt_text="",
            authors=[sample_desk],
            topics=["sample content", *topics],
            body=[paragraph(SAMPLE_NOTE), paragraph(text)],
        )
    return story
