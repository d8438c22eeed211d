from django.urls import path

from klynge.work import views

app_name = "work"

urlpatterns = [
    path("fokusomraader/", views.focus_area_list, name="focus_area_list"),
    path("fokusomraader/<slug:slug>/", views.focus_area_detail, name="focus_area_detail"),
    path("indsatser/", views.initiative_list, name="initiative_list"),
    path("indsatser/<slug:slug>/", views.initiative_detail, name="initiative_detail"),
    path("indsatser/<slug:slug>/opfoelgning/", views.initiative_follow_up_view, name="initiative_follow_up"),
]
