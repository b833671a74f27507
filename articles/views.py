from django.shortcuts import get_object_or_404, render

from .feeds import AtomFeed, RssFeed
from .models import Author, paginate


def get_author(slug):
    return get_object_or_404(Author.objects.select_related("photo"), slug=slug)


def author_detail(request, slug):
    author = get_author(slug)
    listing = author.listing()
    context = {
        "author": author,
        "listing": listing,
        "articles": paginate(request, listing.articles),
    }
    return render(request, "articles/author_detail.html", context)


def author_feed(request, slug):
    return RssFeed()(request, get_author(slug).listing())


def author_atom(request, slug):
    return AtomFeed()(request, get_author(slug).listing())
