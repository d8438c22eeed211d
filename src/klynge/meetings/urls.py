from django.urls import path

from klynge.meetings import views

app_name = "meetings"

urlpatterns = [
    path("moeder/", views.meeting_list, name="meeting_list"),
    path("moeder/<int:pk>/", views.meeting_detail, name="meeting_detail"),
]
