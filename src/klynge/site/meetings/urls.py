from django.urls import path

from klynge.site.meetings import responses, views

app_name = "meetings"

urlpatterns = [
    path("moeder/", views.meeting_list, name="meeting_list"),
    path("moeder/ny/", views.meeting_create_view, name="meeting_create"),
    path("moeder/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("moeder/<int:pk>/rediger/", views.meeting_edit_view, name="meeting_edit"),
    path("moeder/<int:pk>/punkter/ny/", views.agenda_item_create_view, name="agenda_item_create"),
    path("punkter/<int:pk>/rediger/", views.agenda_item_edit_view, name="agenda_item_edit"),
    path("punkter/<int:pk>/flyt/", views.agenda_item_move_view, name="agenda_item_move"),
    path("punkter/<int:pk>/fjern/", views.agenda_item_remove_view, name="agenda_item_remove"),
    path("punkter/<int:pk>/beslutninger/ny/", views.decision_create_view, name="decision_create"),
    path("beslutninger/<int:pk>/rediger/", views.decision_edit_view, name="decision_edit"),
    path(
        "beslutninger/<int:pk>/modtagerens-beslutning/",
        responses.recommendation_response_view,
        name="recommendation_response",
    ),
    path(
        "beslutninger/<int:pk>/modtagerens-beslutning/fjern/",
        responses.recommendation_response_remove_view,
        name="recommendation_response_remove",
    ),
]
