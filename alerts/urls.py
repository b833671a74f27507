from django.urls import path

from . import views

app_name = "alerts"
urlpatterns = [
    path("alerts/subscribe/", views.subscribe, name="subscribe"),
    path("alerts/confirm/<str:token>/", views.confirm, name="confirm"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("alerts/my-data/", views.my_data_request, name="my_data_request"),
    path("alerts/my-data/<str:token>/", views.my_data, name="my_data"),
    path("alerts/privacy/", views.privacy, name="privacy"),
]
