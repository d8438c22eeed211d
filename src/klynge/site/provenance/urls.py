from django.urls import path

from klynge.site.provenance import views

app_name = "provenance"

urlpatterns = [
    path("kilder/", views.source_list, name="source_list"),
    path("kilder/<slug:key>/", views.source_detail, name="source_detail"),
]
