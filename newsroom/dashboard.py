"""The admin dashboard: each app's `dashboard.py` says what one of its lists shows and to
whom; this module draws every list the same way and gives each person the ones for them.

A list is a class with `name`, `heading`, `label_heading`, `detail_heading`, `empty_text`,
`order`, `is_shown_to(user)` and `rows(user)`; a row is a dict with `label`, `url`,
`detail` and optionally `problems`.
"""

from wagtail.admin.ui.components import Component

from articles.dashboard import ScheduledStories, StoriesInReview
from contacts.dashboard import HelplinesToVerify
from statistics.dashboard import LatestFigureImports

LISTS = [StoriesInReview, ScheduledStories, HelplinesToVerify, LatestFigureImports]


class DashboardListPanel(Component):
    template_name = "newsroom/dashboard_list.html"

    def __init__(self, listing, user):
        self.listing = listing
        self.user = user
        self.name = listing.name
        self.order = listing.order

    def get_context_data(self, parent_context):
        return {"panel": self.listing, "rows": self.listing.rows(self.user)}


def panels_for(user) -> list[DashboardListPanel]:
    return [DashboardListPanel(listing, user) for listing in LISTS if listing.is_shown_to(user)]
