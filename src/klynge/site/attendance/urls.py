from django.urls import path

from klynge.site.attendance import views

app_name = "attendance"

urlpatterns = [
    path("moeder/<int:pk>/deltagere/", views.meeting_attendance_view, name="meeting_attendance"),
    path("moeder/<int:pk>/deltagere/afbud/", views.absence_new, name="absence_new"),
    path("moeder/<int:pk>/deltagere/afbud/<int:absence_pk>/", views.absence_edit, name="absence_edit"),
    path(
        "moeder/<int:pk>/deltagere/afbud/<int:absence_pk>/traek-tilbage/",
        views.absence_withdraw_view,
        name="absence_withdraw",
    ),
]
