from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import alerts_report
from .viewsets import SubscriberViewSet


@hooks.register("register_admin_urls")
def register_report_url():
    return [path("alerts/", alerts_report, name="alerts_report")]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MenuItem("Email alerts", reverse("alerts_report"), icon_name="mail", order=900)


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return SubscriberViewSet("subscribers")
