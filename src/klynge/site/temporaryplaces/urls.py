from django.urls import path

from klynge.site.temporaryplaces import views

app_name = "temporaryplaces"

urlpatterns = [
    path("midlertidige-pladser/", views.place_count_list_view, name="place_count_list"),
    # "import" before the slug: otherwise it would be taken for a count called "import".
    path("midlertidige-pladser/import/", views.place_count_import_view, name="place_count_import"),
    path(
        "midlertidige-pladser/import/midlertidige-pladser-eksempel.csv",
        views.example_file_view,
        name="example_file",
    ),
    path("midlertidige-pladser/<slug:slug>/", views.place_count_detail_view, name="place_count_detail"),
]
