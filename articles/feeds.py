"""RSS 2.0 and Atom feeds of a `Listing` (all news, a topic, an area, an author).

Built on Django's syndication framework; the routes that serve them pass the listing in,
so a feed always holds what its HTML page shows.

What editors type is text. RSS `<description>` and Atom `<summary type="html">` hold HTML,
so the standfirst (and the RSS channel's description) is HTML-escaped before it goes in,
and XML-escaped again by the feed writer: a reader shows `<img …>` typed in a standfirst
as those characters. Titles, author names and topics go into elements that feed readers
take as plain text.
"""

from django.contrib.syndication.views import Feed
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, Stylesheet
from django.utils.html import escape
from django.utils.xmlutils import SimplerXMLGenerator
from django.views.decorators.http import require_safe

from . import seo

FEED_ITEMS = 20


class StyledRss(Rss201rev2Feed):
    """Sent as XML, which browsers transform with the feed's stylesheet (as
    `application/rss+xml` they show the raw text); feed readers read either."""

    content_type = "application/xml; charset=utf-8"


class StyledAtom(Atom1Feed):
    """Django names stylesheets in RSS only: Atom gets the same processing instruction."""

    content_type = "application/xml; charset=utf-8"

    def write(self, outfile, encoding):
        handler = SimplerXMLGenerator(outfile, encoding, short_empty_elements=True)
        handler.startDocument()
        for stylesheet in self.feed["stylesheets"] or []:
            handler.processingInstruction("xml-stylesheet", stylesheet)
        handler.startElement("feed", self.root_attributes())
        self.add_root_elements(handler)
        self.write_items(handler)
        handler.endElement("feed")


class RssFeed(Feed):
    feed_type = StyledRss

    def get_object(self, request, listing):
        self.request = request
        return listing

    def title(self, listing):
        return f"{listing.title} | {seo.identity(self.request).name}"

    def stylesheets(self):
        """Someone who opens a feed in a browser sees a page, not raw XML (`feed.xsl`)."""
        return [Stylesheet(reverse("feed_stylesheet"), mimetype="text/xsl")]

    def link(self, listing):
        return listing.path

    def feed_url(self, listing):
        return listing.atom_path if self.feed_type is StyledAtom else listing.feed_path

    def description(self, listing):
        return escape(listing.description)

    def items(self, listing):
        return listing.newest(FEED_ITEMS, listing.stories.prefetch_related("corrections", "topics"))

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
    feed_type = StyledAtom

    def subtitle(self, listing):
        return listing.description


@require_safe
def stylesheet(request):
    """The XSL stylesheet feeds name: served from here so it links the hashed site.css."""
    return render(request, "articles/feed.xsl", content_type="text/xsl; charset=utf-8")
