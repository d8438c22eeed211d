from django.urls import path

from klynge.portal import views

app_name = "portal"

urlpatterns = [
    path("foelg/", views.overview, name="overview"),
    path("foelg/<slug:slug>/", views.collaboration, name="collaboration"),
]
