from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .feeds import AtomFeed, RssFeed
from .models import ARTICLES_PER_PAGE, Author
from .pagination import listing_context


def get_author(slug):
    return get_object_or_404(Author.objects.select_related("photo"), slug=slug)


@require_safe
def author_detail(request, slug):
    author = get_author(slug)
    listing = author.listing()
    context = {
        "author": author,
        "listing": listing,
        **listing_context(request, listing, ARTICLES_PER_PAGE),
    }
    return render(request, "articles/author_detail.html", context)


@require_safe
def author_feed(request, slug):
    return RssFeed()(request, get_author(slug).listing())


@require_safe
def author_atom(request, slug):
    return AtomFeed()(request, get_author(slug).listing())
