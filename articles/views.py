from django.shortcuts import get_object_or_404, render

from .models import ArticlePage, Author, paginate


def author_detail(request, slug):
    author = get_object_or_404(Author.objects.select_related("photo"), slug=slug)
    articles = paginate(
        request,
        ArticlePage.objects.published().filter(article_authors__author=author).for_listing(),
    )
    return render(request, "articles/author_detail.html", {"author": author, "articles": articles})
