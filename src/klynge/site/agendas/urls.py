from django.urls import path

from klynge.site.agendas import views

app_name = "agendas"

urlpatterns = [
    path("moeder/<int:pk>/dagsorden/", views.agenda_page, name="agenda_page"),
    path("moeder/<int:pk>/dagsorden/offentliggoer/", views.agenda_publish_view, name="agenda_publish"),
    path(
        "moeder/<int:pk>/dagsorden/<int:number>/<str:edition>.pdf",
        views.agenda_version_pdf,
        name="agenda_version_pdf",
    ),
    path("moeder/<int:pk>/referat/udarbejd/", views.minutes_draft_view, name="minutes_draft"),
    path("moeder/<int:pk>/referat/gem/", views.minutes_edit_view, name="minutes_edit"),
    path("moeder/<int:pk>/referat/godkend/", views.minutes_approve_view, name="minutes_approve"),
    path("moeder/<int:pk>/referat/offentliggoer/", views.minutes_publish_view, name="minutes_publish"),
    path("moeder/<int:pk>/referat/<str:edition>.<str:fmt>", views.minutes_file, name="minutes_file"),
]
