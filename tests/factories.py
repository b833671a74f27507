"""Factories for the models tests build on. One place, imported by every test module."""

import datetime

from django.utils.text import slugify

import factory
import wagtail_factories

from articles.blocks import ArticleBodyBlock
from articles.models import ArticleIndexPage, ArticlePage, ArticlePageAuthor, Author


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Reporter {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    role = "Reporter"


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
