from django.urls import path

from klynge.bodies import views

app_name = "bodies"

urlpatterns = [
    path("samarbejder/", views.collaboration_list, name="collaboration_list"),
    path("samarbejder/<slug:slug>/", views.collaboration_detail, name="collaboration_detail"),
    path("organer/<slug:slug>/", views.body_detail, name="body_detail"),
]
