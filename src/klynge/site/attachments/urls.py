from django.urls import path

from klynge.site.attachments import views

app_name = "attachments"

urlpatterns = [
    path("bilag/<int:pk>/", views.attachment_download, name="download"),
    path("bilag/<int:pk>/rediger/", views.attachment_edit_view, name="edit"),
    path("bilag/<int:pk>/flyt/", views.attachment_move_view, name="move"),
    path("bilag/<int:pk>/fjern/", views.attachment_remove_view, name="remove"),
    path("moeder/<int:pk>/bilag/ny/", views.meeting_attachment_create_view, name="meeting_create"),
    path("punkter/<int:pk>/bilag/ny/", views.item_attachment_create_view, name="item_create"),
    path("forslag/<int:pk>/bilag/ny/", views.proposal_attachment_create_view, name="proposal_create"),
]
