from django.urls import path

from klynge.site.search import views

app_name = "search"

urlpatterns = [
    path("soeg/", views.search_page, name="search"),
]
