"""Pages in the admin are shown only to the people who work on them.

Wagtail's page choosers (and the internal-link dialog built on them) list every page,
drafts and scheduled stories included, to anyone who can open the admin. Someone whose
role grants no page permission (Helpline staff) gets an empty chooser instead, and a
chooser opened on a given page answers "not found", so its title is not shown either.
"""

from django.http import Http404

from wagtail.permissions import page_permission_policy

PAGE_WORK = {"add", "change", "publish"}


def works_on_pages(user) -> bool:
    return page_permission_policy.user_has_any_permission(user, PAGE_WORK)


def chooser_pages(pages, request):
    """The `construct_page_chooser_queryset` hook."""
    if works_on_pages(request.user):
        return pages
    if request.resolver_match and request.resolver_match.kwargs.get("parent_page_id"):
        raise Http404
    return pages.none()
