"""Factories for the models tests build on. One place, imported by every test module."""

import datetime

from django.utils.text import slugify

from wagtail.models import Collection

import factory
import wagtail_factories

from articles.blocks import ArticleBodyBlock
from articles.models import ArticleIndexPage, ArticlePage, ArticlePageAuthor, Author
from contacts.models import Helpline, HelplineKind
from images.models import Picture
from statistics.models import Figure, Measure, PoliceForce, Source


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    role = "Reporter"


class PictureFactory(wagtail_factories.ImageFactory):
    """A 1600×900 picture in the root collection, like every upload here; `description` is
    its alt text, `credit` what is printed under it."""

    class Meta:
        model = Picture

    title = factory.Sequence(lambda n: f"Picture {n}")
    file = factory.django.ImageField(width=1600, height=900)
    collection = factory.LazyFunction(Collection.get_first_root_node)


class ArticleIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ArticleIndexPage

    title = "News"
    slug = "news"


class ArticlePageFactory(wagtail_factories.PageFactory):
    """A published story. `authors=[...]` credits them in order (one new author by default);
    `topics=[...]` tags it and `areas=[...]` places it in police-force areas."""

    class Meta:
        model = ArticlePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Story number {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    standfirst = "A short summary of the story."
    publish_date = factory.Sequence(
        lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n)
    )
    body = factory.LazyFunction(
        lambda: ArticleBodyBlock().to_python(
            [{"type": "paragraph", "value": "<p>Body text of the story.</p>"}]
        )
    )

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        authors = extracted if extracted is not None else [AuthorFactory()]
        self.article_authors = [ArticlePageAuthor(author=author) for author in authors]
        if create:
            self.save()

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if extracted:
            self.topics.set(list(extracted))
            if create:
                self.save()

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if extracted:
            self.areas = list(extracted)
            if create:
                self.save()


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Offences of kind {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    unit = "incidents"


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("publisher", "title", "date_published")

    publisher = "NSPCC"
    title = "Freedom of Information request to police forces"
    date_published = datetime.date(2020, 9, 3)


class FigureFactory(factory.django.DjangoModelFactory):
    """A figure for a seeded force (Wiltshire unless `force=` says otherwise)."""

    class Meta:
        model = Figure

    force = factory.LazyFunction(lambda: PoliceForce.objects.get(slug="wiltshire"))
    measure = factory.SubFactory(MeasureFactory)
    period = "2019/20"
    value = 63
    source = factory.SubFactory(SourceFactory)


class HelplineFactory(factory.django.DjangoModelFactory):
    """A published helpline; `publish=False` leaves it a draft that was never published."""

    class Meta:
        model = Helpline
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Helpline {n}")
    number = "0300 456 0108"
    kind = HelplineKind.SUPPORT
    when_to_call = "When you are worried about a child."

    @factory.post_generation
    def publish(self, create, extracted, **kwargs):
        self.full_clean()
        if not create:
            return
        if extracted is False:
            self.live = False
            self.save()
            self.save_revision()
        else:
            self.save()
            self.save_revision().publish()
