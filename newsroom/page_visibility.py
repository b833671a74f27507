"""Pages in the admin are shown only to the people who work on them.

Wagtail's page choosers (and the internal-link dialog built on them) list every page,
drafts and scheduled stories included, to anyone who can open the admin. Someone whose
role grants no page permission (Helpline staff) gets an empty chooser instead, and a
chooser opened on a given page answers "not found", so its title is not shown either.

Two admin views named any page by its id, whoever asked: the multiple page chooser's
"chosen" step (`/admin/choose-page/chosen-multiple/?id=…`, a draft's or a pending
revision's title) and the move confirmation (`/admin/pages/<id>/move/<id>/confirm/`).
The first answers here only with pages the user may explore (edit, or lead to ones they
may) or that are live, the live ones by the title readers see; the second needs the
permission to move the page there.
"""

from django.http import Http404
from django.urls import reverse

from wagtail.admin.auth import permission_denied
from wagtail.admin.views.chooser import ChosenMultipleView
from wagtail.models import Page
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


def moves_only_with_permission(request, page_to_move, destination):
    """The `before_move_page` hook: the confirmation names both pages, so it is shown only
    to someone who may move the one to the other."""
    if not page_to_move.permissions_for_user(request.user).can_move_to(destination):
        return permission_denied(request)
    return None


class PermittedChosenPages(ChosenMultipleView):
    def get(self, request):
        ids = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
        explorable = set(
            page_permission_policy.explorable_instances(request.user)
            .filter(pk__in=ids)
            .values_list("pk", flat=True)
        )
        pages = Page.objects.filter(pk__in=ids).specific()
        result = [
            {
                "id": page.pk,
                "parentId": page.get_parent().pk,
                "adminTitle": page.get_admin_display_title()
                if page.pk in explorable
                else page.title,
                "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                "url": page.url,
            }
            for page in pages
            if page.pk in explorable or page.live
        ]
        return self.render_chosen_response(result)
