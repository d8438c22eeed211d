from django.urls import path

from klynge.site.catchment import views

app_name = "catchment"

urlpatterns = [
    path("optageomraader/", views.lookup, name="lookup"),
    path("optageomraader/import/", views.import_view, name="import"),
    path("optageomraader/import/optageomraader-eksempel.csv", views.example_file, name="example_file"),
]
