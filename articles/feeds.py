"""RSS 2.0 and Atom feeds of a `Listing` (all news, a topic, an area, an author).

Built on Django's syndication framework; the routes that serve them pass the listing in,
so a feed always holds what its HTML page shows.

What editors type is text. RSS `<description>` and Atom `<summary type="html">` hold HTML,
so the standfirst (and the RSS channel's description) is HTML-escaped before it goes in,
and XML-escaped again by the feed writer: a reader shows `<img …>` typed in a standfirst
as those characters. Titles, author names and topics go into elements that feed readers
take as plain text.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

FEED_ITEMS = 20


class RssFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, listing):
        self.request = request
        return listing

    def title(self, listing):
        return f"{listing.title} | {settings.WAGTAIL_SITE_NAME}"

    def link(self, listing):
        return listing.path

    def feed_url(self, listing):
        return listing.atom_path if self.feed_type is Atom1Feed else listing.feed_path

    def description(self, listing):
        return escape(listing.description)

    def items(self, listing):
        return listing.articles.prefetch_related("corrections", "topics")[:FEED_ITEMS]

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return escape(article.standfirst)

    def item_link(self, article):
        return article.get_url(self.request)

    def item_pubdate(self, article):
        return article.published_at()

    def item_updateddate(self, article):
        return article.modified_at()

    def item_author_name(self, article):
        return ", ".join(author.name for author in article.authors)

    def item_author_link(self, article):
        authors = article.authors
        return self.request.build_absolute_uri(authors[0].get_absolute_url()) if authors else None

    def item_categories(self, article):
        return [topic.name for topic in article.topics.all()]


class AtomFeed(RssFeed):
    feed_type = Atom1Feed

    def subtitle(self, listing):
        return listing.description
