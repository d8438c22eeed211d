"""The app's own URLs plus `/bench/bare/`, the benchmark's baseline (only in klynge.benchdata.settings)."""

from django.urls import URLPattern, URLResolver, include, path

from klynge.benchdata import views

urlpatterns: list[URLPattern | URLResolver] = [
    path("bench/bare/", views.bare, name="bench_bare"),
    path("", include("klynge.urls")),
]
