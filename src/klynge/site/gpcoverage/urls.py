from django.urls import path

from klynge.site.gpcoverage import views

app_name = "gpcoverage"

urlpatterns = [
    path("laegedaekning/", views.overview, name="overview"),
    # Before the dataset's slug: otherwise they would be taken for datasets called "import" or so.
    path("laegedaekning/import/", views.import_view, name="import"),
    path("laegedaekning/eksempelfil.csv", views.example_file, name="example_file"),
    path("laegedaekning/<slug:slug>/", views.dataset_detail, name="dataset_detail"),
]
