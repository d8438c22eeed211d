from django.urls import path

from klynge.site.reform import views

app_name = "reform"

urlpatterns = [
    path("reform/", views.overview, name="overview"),
    path("reform/<slug:slug>/", views.plan, name="plan"),
    path("reform/<slug:slug>/overfoer/", views.transfer, name="transfer"),
    path("koordination/<slug:slug>/", views.coordination, name="coordination"),
]
