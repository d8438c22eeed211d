from django.urls import path

from klynge.site.organisation import views

app_name = "organisation"

urlpatterns = [
    path("personer/", views.person_list, name="person_list"),
    path("personer/<slug:slug>/", views.person_detail, name="person_detail"),
    path("udvalg/", views.committee_list, name="committee_list"),
    path("udvalg/<slug:slug>/", views.committee_detail, name="committee_detail"),
    path("parter/", views.party_list, name="party_list"),
    path("parter/<slug:slug>/", views.party_detail, name="party_detail"),
]
