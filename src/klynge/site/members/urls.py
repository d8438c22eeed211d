from django.urls import path

from klynge.site.members import views

app_name = "members"

urlpatterns = [
    path("min-side/", views.my_page, name="my_page"),
    path("min-side/kalender/nyt-link/", views.calendar_link_issue, name="calendar_link_issue"),
    path("min-side/kalender/tilbagekald/", views.calendar_link_revoke, name="calendar_link_revoke"),
    path("min-side/kalender/<str:secret>.ics", views.calendar_feed, name="calendar_feed"),
]
