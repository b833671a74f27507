from django.urls import path

from . import views

app_name = "statistics"
urlpatterns = [
    path("statistics/", views.measure_index, name="index"),
    path("statistics/<slug:slug>/", views.measure_detail, name="measure"),
    path("statistics/<slug:slug>.csv", views.measure_csv, name="measure_csv"),
    path("statistics/<slug:slug>.json", views.measure_json, name="measure_json"),
]
