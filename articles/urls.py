from django.urls import path

from . import feeds, views

urlpatterns = [
    path("feed.xsl", feeds.stylesheet, name="feed_stylesheet"),
    path("authors/<slug:slug>/", views.author_detail, name="author_detail"),
    path("authors/<slug:slug>/feed/", views.author_feed, name="author_feed"),
    path("authors/<slug:slug>/feed/atom/", views.author_atom, name="author_atom"),
]
