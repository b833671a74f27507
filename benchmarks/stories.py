"""Many stories, fast, on PostgreSQL: the page tree, bodies, topics, areas and authors written
with COPY, as a regional newsroom's archive of a few years would be.

Rows are what Wagtail itself writes for a published page without revisions: a tree path
under the news index (treebeard's base-36 steps of four), depth, `url_path`, a live page of
the `ArticlePage` type, then the story row with its body StreamField as JSON, one to three
topics, one area and one author, and the story's rows in those listings (`ListedStory`).
Text is drawn from about 1,000 English words with a Zipf-like spread, so a few words are
in most stories and most are in 1% to 10% of them, as in real text; one word is planted in
1% of stories, one in a handful and one phrase in 0.5%, so searches of each kind have a
known answer. Search documents are then computed by PostgreSQL in one statement.

Not written: revisions, Wagtail's own admin search index and its reference index (the
admin's page search will not find generated stories).
"""

import datetime
import io
import json
import random
import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.utils import timezone
from django.utils.text import slugify

from taggit.models import Tag
from wagtail.models import Locale, Page

from faker.providers.lorem.en_US import Provider as EnglishWords

from articles import fulltext
from articles.models import ArticleIndexPage, ArticlePage, Author
from statistics.models import PoliceForce

COMMON_WORD = "allotment"  # in 1% of stories
RARE_WORD = "kestrel"  # in a handful
PHRASE = ("flood", "defences")  # together in 0.5%
RARE_STORIES = 5
ZIPF_EXPONENT = 1.2
NEWS_WORDS = (
    "police",
    "council",
    "offences",
    "offence",
    "children",
    "child",
    "court",
    "crime",
    "figures",
    "hampshire",
    "wiltshire",
    "dorset",
    "devon",
    "budget",
    "school",
    "schools",
    "hospital",
    "housing",
    "bus",
    "transport",
    "road",
    "roads",
    "flood",
    "safeguarding",
    "abuse",
    "report",
    "reports",
    "reported",
    "victims",
    "officers",
    "force",
    "forces",
    "rise",
    "fall",
    "recorded",
    "inspection",
    "planning",
    "consultation",
    "residents",
    "campaign",
    "charity",
    "library",
    "cuts",
    "waiting",
    "ambulance",
    "fire",
    "rescue",
    "prison",
    "sentence",
    "jury",
    "trial",
    "magistrates",
    "arrest",
    "charged",
    "survey",
    "data",
    "freedom",
    "information",
    "request",
    "nspcc",
    "commissioner",
    "mayor",
    "election",
)
TOPICS = (
    "crime",
    "courts",
    "council",
    "education",
    "health",
    "transport",
    "housing",
    "environment",
    "politics",
    "business",
    "sport",
    "culture",
    "safeguarding",
    "police",
    "weather",
    "roads",
    "schools",
    "hospitals",
    "planning",
    "elections",
    "charities",
    "policing",
    "budget",
    "farming",
    "rail",
    "buses",
    "water",
    "energy",
    "heritage",
    "tourism",
)
AUTHORS = 25
STEP = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
START = datetime.datetime(2021, 1, 1, 6, 0, tzinfo=datetime.UTC)


def tree_step(number: int) -> str:
    """Treebeard's four-character base-36 step for the `number`th child (1-based)."""
    text = ""
    for _ in range(4):
        number, digit = divmod(number, 36)
        text = STEP[digit] + text
    return text


class Words:
    def __init__(self, rng):
        words = sorted(set(EnglishWords.word_list) | set(NEWS_WORDS))
        words = [word for word in words if word not in {COMMON_WORD, RARE_WORD, *PHRASE}]
        rng.shuffle(words)
        self.rng, self.words = rng, words
        # Zipf-like, a little steeper than 1/rank: about 1,000 words stand in for a real
        # vocabulary's long tail, so some words are in 1% of stories, not only in 5% or more.
        self.weights = [1 / rank**ZIPF_EXPONENT for rank in range(1, len(words) + 1)]

    def sentence(self, count, planted=()):
        chosen = self.rng.choices(self.words, weights=self.weights, k=count)
        for word in planted:
            chosen.insert(self.rng.randrange(len(chosen) + 1), word)
        return " ".join(chosen).capitalize() + "."


def generate(count: int, *, seed: int = 2026) -> int:
    """Add `count` published stories under the news index; return how many exist now."""
    rng = random.Random(seed)
    words = Words(rng)
    news = ArticleIndexPage.objects.get()
    authors = [
        Author.objects.get_or_create(
            slug=f"reporter-{n}", defaults={"name": f"Reporter {n}", "role": "Reporter"}
        )[0]
        for n in range(1, AUTHORS + 1)
    ]
    tags = [Tag.objects.get_or_create(slug=name, defaults={"name": name})[0] for name in TOPICS]
    forces = list(PoliceForce.objects.all())
    content_type = ContentType.objects.get_for_model(ArticlePage)
    locale = Locale.get_default()
    first_id = (Page.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    first_child = news.numchild + 1
    rare = set(rng.sample(range(count), RARE_STORIES))

    pages, stories, topics, areas, credits, texts, listed = (io.StringIO() for _ in range(7))
    for n in range(count):
        page_id = first_id + n
        moment = START + datetime.timedelta(minutes=26 * (first_child + n), seconds=n % 60)
        planted = [COMMON_WORD] if n % 100 == 7 else []
        planted += [RARE_WORD] if n in rare else []
        title = words.sentence(rng.randint(6, 11)).rstrip(".")
        standfirst = words.sentence(rng.randint(18, 30))
        paragraphs = [words.sentence(rng.randint(30, 50)) for _ in range(rng.randint(4, 8))]
        if n % 200 == 11:
            paragraphs[0] = f"{paragraphs[0]} {' '.join(PHRASE).capitalize()} were raised."
        if planted:
            paragraphs[-1] = words.sentence(20, planted)
        body = [
            {"type": "paragraph", "value": f"<p>{text}</p>", "id": str(uuid.uuid4())}
            for text in paragraphs
        ]
        slug = f"{slugify(title)[:60].rstrip('-')}-{page_id}"
        published = moment.astimezone(timezone.get_current_timezone())
        path = news.path + tree_step(first_child + n)
        url_path = f"{news.url_path}{slug}/"
        write(
            pages,
            *(page_id, path, news.depth + 1, 0, uuid.uuid4(), locale.pk, "t", "f", moment),
            *(moment, "f", "f", title, title, slug, content_type.pk, url_path, "", "f", ""),
        )
        body_json = json.dumps(body)
        write(
            stories, page_id, standfirst, published.date(), "", "", "", body_json, moment, moment,
            "all-rights-reserved",
        )  # fmt: skip
        story_tags = rng.sample(tags, rng.randint(1, 3))
        story_force = rng.choice(forces)
        story_author = rng.choice(authors)
        for tag in story_tags:
            write(topics, tag.pk, page_id)
            write(listed, page_id, "topic", tag.pk, moment)
        write(areas, page_id, story_force.pk)
        write(listed, page_id, "area", story_force.pk, moment)
        write(credits, 0, page_id, story_author.pk)
        write(listed, page_id, "author", story_author.pk, moment)
        labels = " ".join([t.name for t in story_tags] + [story_force.name, story_author.name])
        write(texts, page_id, title, standfirst, labels, " ".join(paragraphs))

    with connection.cursor() as cursor:
        copy(cursor, "wagtailcore_page", PAGE_COLUMNS, pages)
        copy(cursor, "articles_articlepage", STORY_COLUMNS, stories)
        copy(cursor, "articles_articlepagetag", ("tag_id", "content_object_id"), topics)
        copy(cursor, "articles_articlepage_areas", ("articlepage_id", "policeforce_id"), areas)
        copy(cursor, "articles_articlepageauthor", ("sort_order", "page_id", "author_id"), credits)
        copy(cursor, "articles_listedstory", ("story_id", "kind", "key", "listed_at"), listed)
        cursor.execute(
            "CREATE TEMPORARY TABLE story_text "
            "(id bigint, title text, standfirst text, labels text, body text)"
        )
        copy(cursor, "story_text", ("id", "title", "standfirst", "labels", "body"), texts)
        weights = fulltext.WEIGHTS
        cursor.execute(
            "UPDATE articles_articlepage a SET search_vector = "
            + " || ".join(
                f"setweight(to_tsvector(%s, t.{column}), '{weight}')"
                for column, weight in zip(fulltext.SQLITE_COLUMNS, weights, strict=True)
            )
            + " FROM story_text t WHERE t.id = a.page_ptr_id",
            [fulltext.CONFIG] * len(weights),
        )
        cursor.execute("DROP TABLE story_text")
        cursor.execute(
            "UPDATE wagtailcore_page SET numchild = numchild + %s WHERE id = %s", [count, news.pk]
        )
        for table in (
            "wagtailcore_page",
            "articles_articlepagetag",
            "articles_articlepage_areas",
            "articles_articlepageauthor",
            "articles_listedstory",
        ):
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT max(id) FROM {table}))"
            )
    return ArticlePage.objects.count()


PAGE_COLUMNS = (
    "id", "path", "depth", "numchild", "translation_key", "locale_id", "live",
    "has_unpublished_changes", "first_published_at", "last_published_at", "expired", "locked",
    "title", "draft_title", "slug", "content_type_id", "url_path", "seo_title", "show_in_menus",
    "search_description",
)  # fmt: skip
STORY_COLUMNS = (
    "page_ptr_id", "standfirst", "publish_date", "hero_alt_text", "hero_caption", "hero_credit",
    "body", "listed_at", "changed_at", "licence",
)  # fmt: skip


def write(buffer, *values):
    buffer.write("\t".join(_copy_text(value) for value in values) + "\n")


def _copy_text(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def copy(cursor, table, columns, buffer):
    """COPY a buffer of tab-separated rows into `table` (PostgreSQL's fastest way in)."""
    buffer.seek(0)
    with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copier:
        while chunk := buffer.read(1 << 20):
            copier.write(chunk)
