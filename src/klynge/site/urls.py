from django.urls import path

from klynge.site import pickers, views

app_name = "web"

urlpatterns = [
    path("", views.front, name="front"),
    path("struktur/", views.structure, name="structure"),
    path("beslutningsstoette/", views.decision_support, name="decision_support"),
    path("vaelg/<slug:name>/", pickers.picker_page, name="picker"),
]
