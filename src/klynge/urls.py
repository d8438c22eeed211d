from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Klynge – administration"
admin.site.site_title = "Klynge"
admin.site.index_title = "Redigér data"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("klynge.web.urls")),
    path("", include("klynge.bodies.urls")),
    path("", include("klynge.meetings.urls")),
    path("", include("klynge.work.urls")),
    path("", include("klynge.organisation.urls")),
    path("", include("klynge.provenance.urls")),
    path("", include("klynge.memos.urls")),
    path("", include("klynge.accounts.urls")),
]
