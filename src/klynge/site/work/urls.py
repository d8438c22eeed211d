from django.urls import path

from klynge.site.work import views

app_name = "work"

urlpatterns = [
    path("fokusomraader/", views.focus_area_list, name="focus_area_list"),
    # "ny" before the slug: otherwise it would be taken for a focus area called "ny".
    path("fokusomraader/ny/", views.focus_area_create_view, name="focus_area_create"),
    path("fokusomraader/<slug:slug>/", views.focus_area_detail, name="focus_area_detail"),
    path("fokusomraader/<slug:slug>/rediger/", views.focus_area_update_view, name="focus_area_update"),
    path(
        "fokusomraader/<slug:slug>/proevehandlinger/ny/",
        views.trial_action_create_view,
        name="trial_action_create",
    ),
    path(
        "fokusomraader/<slug:slug>/foelgeforskning/ny/",
        views.focus_area_research_create_view,
        name="focus_area_research_create",
    ),
    path("proevehandlinger/<int:pk>/rediger/", views.trial_action_update_view, name="trial_action_update"),
    path("foelgeforskning/<int:pk>/rediger/", views.research_update_view, name="research_update"),
    path("indsatser/", views.initiative_list, name="initiative_list"),
    path("indsatser/ny/", views.initiative_create_view, name="initiative_create"),
    path("indsatser/<slug:slug>/", views.initiative_detail, name="initiative_detail"),
    path("indsatser/<slug:slug>/rediger/", views.initiative_update_view, name="initiative_update"),
    path("indsatser/<slug:slug>/opfoelgning/", views.initiative_follow_up_view, name="initiative_follow_up"),
    path(
        "indsatser/<slug:slug>/foelgeforskning/ny/",
        views.initiative_research_create_view,
        name="initiative_research_create",
    ),
    path("puljer/", views.fund_list, name="fund_list"),
    path("puljer/ny/", views.fund_create_view, name="fund_create"),
    path("puljer/<int:pk>/", views.fund_detail, name="fund_detail"),
    path("puljer/<int:pk>/rediger/", views.fund_update_view, name="fund_update"),
]
