from django.urls import path

from klynge.site.organisation import views

app_name = "organisation"

urlpatterns = [
    path("personer/", views.person_list, name="person_list"),
    path("personer/ny/", views.person_create_view, name="person_create"),
    path("personer/<slug:slug>/", views.person_detail, name="person_detail"),
    path("personer/<slug:slug>/rediger/", views.person_update_view, name="person_update"),
    path("udvalg/", views.committee_list, name="committee_list"),
    path("udvalg/ny/", views.committee_create_view, name="committee_create"),
    path("udvalg/<slug:slug>/", views.committee_detail, name="committee_detail"),
    path("udvalg/<slug:slug>/notater/", views.committee_part, {"part": "memos"}, name="committee_memos"),
    path(
        "udvalg/<slug:slug>/fokusomraader/",
        views.committee_part,
        {"part": "focus_areas"},
        name="committee_focus_areas",
    ),
    path(
        "udvalg/<slug:slug>/indsatser/",
        views.committee_part,
        {"part": "initiatives"},
        name="committee_initiatives",
    ),
    path(
        "udvalg/<slug:slug>/moeder/",
        views.committee_part,
        {"part": "agenda_items"},
        name="committee_agenda_items",
    ),
    path("udvalg/<slug:slug>/rediger/", views.committee_update_view, name="committee_update"),
    path("parter/", views.party_list, name="party_list"),
    path("parter/<slug:slug>/", views.party_detail, name="party_detail"),
]
