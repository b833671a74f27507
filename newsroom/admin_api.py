"""The admin API's pictures and documents (`/admin/api/main/images/`, `…/documents/`),
listed only to staff who may choose them.

Wagtail's admin API lists every picture and document, title and file address included, to
anyone who can open the admin: Helpline staff saw every picture, Reporters every document.
Here each endpoint answers with what the user's collection permissions let them choose
(any of add, change, delete or choose), and a detail URL outside that is "not found". The
pages endpoint already lists only pages the user may explore.
"""

from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.documents.permissions import permission_policy as document_permissions
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.images.permissions import permission_policy as image_permissions

WORK = ["add", "change", "delete", "choose"]


class PermittedImages(ImagesAdminAPIViewSet):
    def get_queryset(self):
        permitted = image_permissions.instances_user_has_any_permission_for(self.request.user, WORK)
        return super().get_queryset().filter(pk__in=permitted.values("pk"))


class PermittedDocuments(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        permitted = document_permissions.instances_user_has_any_permission_for(
            self.request.user, WORK
        )
        return super().get_queryset().filter(pk__in=permitted.values("pk"))


def scope_admin_api(router):
    """The `construct_admin_api` hook, run after Wagtail's own (which register these names)."""
    router.register_endpoint("images", PermittedImages)
    router.register_endpoint("documents", PermittedDocuments)
