"""The admin dashboard: each app's `dashboard.py` says what one of its lists shows and to
whom; this module draws every list the same way and gives each person the ones for them.

A list is a class with `name`, `heading`, `label_heading`, `detail_heading`, `empty_text`,
`order`, `is_shown_to(user)` and `rows(user)`, and optionally `action(user)` (a button:
`label` and `url`); a row is a dict with `label`, `url`, `detail` and optionally `problems`
and `note` (an editor's comment).

People who work on no pages (helpline staff) see only their lists, not Wagtail's page
panels; Wagtail's "your pages in a workflow" gives way to "Your stories in review".
"""

from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import UserObjectsInWorkflowModerationPanel
from wagtail.permissions import page_permission_policy

from articles.dashboard import (
    ChangesRequested,
    FiguresChanged,
    RecentlyPublished,
    ScheduledStories,
    StoriesInReview,
    YourDrafts,
    YourStoriesInReview,
)
from contacts.dashboard import HelplinesToVerify
from statistics.dashboard import LatestFigureImports

LISTS = [
    ChangesRequested,
    YourDrafts,
    YourStoriesInReview,
    StoriesInReview,
    ScheduledStories,
    RecentlyPublished,
    FiguresChanged,
    HelplinesToVerify,
    LatestFigureImports,
]


class DashboardListPanel(Component):
    template_name = "newsroom/dashboard_list.html"

    def __init__(self, listing, user):
        self.listing = listing
        self.user = user
        self.name = listing.name
        self.order = listing.order

    def get_context_data(self, parent_context):
        action = getattr(self.listing, "action", None)
        return {
            "panel": self.listing,
            "rows": self.listing.rows(self.user),
            "action": action(self.user) if action else None,
        }


def panels_for(user) -> list[DashboardListPanel]:
    return [DashboardListPanel(listing, user) for listing in LISTS if listing.is_shown_to(user)]


def arrange(user, panels: list) -> None:
    """Add this person's lists to Wagtail's panels, leaving out those not for them."""
    ours = panels_for(user)
    if not page_permission_policy.user_has_any_permission(user, {"add", "change", "publish"}):
        panels[:] = []
    elif any(panel.listing is YourStoriesInReview for panel in ours):
        panels[:] = [p for p in panels if not isinstance(p, UserObjectsInWorkflowModerationPanel)]
    panels.extend(ours)
