from django.urls import path

from klynge.site.healthplans import views

app_name = "healthplans"

urlpatterns = [
    path("naersundhedsplaner/", views.plan_list, name="plan_list"),
    path("naersundhedsplaner/ny/", views.plan_create_view, name="plan_create"),
    path("naersundhedsplaner/<slug:slug>/", views.plan_detail, name="plan_detail"),
    path("naersundhedsplaner/<slug:slug>/rediger/", views.plan_update_view, name="plan_update"),
    path("naersundhedsplaner/<slug:slug>/maal/ny/", views.goal_create_view, name="goal_create"),
    path("maal/<int:pk>/rediger/", views.goal_update_view, name="goal_update"),
    path("maal/<int:pk>/fjern/", views.goal_remove_view, name="goal_remove"),
]
