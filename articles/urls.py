from django.urls import path

from . import views

urlpatterns = [
    path("authors/<slug:slug>/", views.author_detail, name="author_detail"),
]
