from django.urls import path

from klynge.site import views

app_name = "web"

urlpatterns = [
    path("", views.front, name="front"),
    path("struktur/", views.structure, name="structure"),
    path("beslutningsstoette/", views.decision_support, name="decision_support"),
]
