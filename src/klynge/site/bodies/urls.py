from django.urls import path

from klynge.site.bodies import views

app_name = "bodies"

urlpatterns = [
    path("samarbejder/", views.collaboration_list, name="collaboration_list"),
    path("samarbejder/<slug:slug>/", views.collaboration_detail, name="collaboration_detail"),
    path("samarbejder/<slug:slug>/organer/ny/", views.body_create_view, name="body_create"),
    path("organer/<slug:slug>/", views.body_detail, name="body_detail"),
    path("organer/<slug:slug>/rediger/", views.body_update_view, name="body_update"),
    path("organer/<slug:slug>/medlemmer/ny/", views.membership_create_view, name="membership_create"),
    path("organer/<slug:slug>/pladser/", views.seat_set_view, name="seat_set"),
    path("medlemskaber/<int:pk>/rediger/", views.membership_update_view, name="membership_update"),
    path(
        "medlemskaber/<int:pk>/stedfortraedere/ny/",
        views.substitution_create_view,
        name="substitution_create",
    ),
    path("stedfortraedere/<int:pk>/rediger/", views.substitution_update_view, name="substitution_update"),
]
