from django.urls import path

from klynge.server import views

urlpatterns = [path("healthz", views.health, name="health")]
