from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

handler404 = "klynge.site.views.page_not_found"

admin.site.site_header = "Klynge – administration"
admin.site.site_title = "Klynge"
admin.site.index_title = "Redigér data"

urlpatterns: list[URLPattern | URLResolver] = [
    path("admin/", admin.site.urls),
    path("", include("klynge.server.urls")),
    path("", include("klynge.api.urls")),
    path("", include("klynge.site.urls")),
    path("", include("klynge.site.bodies.urls")),
    path("", include("klynge.site.meetings.urls")),
    path("", include("klynge.site.attachments.urls")),
    path("", include("klynge.site.agendas.urls")),
    path("", include("klynge.site.attendance.urls")),
    path("", include("klynge.site.work.urls")),
    path("", include("klynge.site.organisation.urls")),
    path("", include("klynge.site.provenance.urls")),
    path("", include("klynge.site.memos.urls")),
    path("", include("klynge.site.accounts.urls")),
    path("", include("klynge.site.members.urls")),
    path("", include("klynge.site.search.urls")),
    path("", include("klynge.site.notifications.urls")),
    path("", include("klynge.portal.urls")),
    path("", include("klynge.site.gpcoverage.urls")),
    path("", include("klynge.site.temporaryplaces.urls")),
    path("", include("klynge.site.catchment.urls")),
    path("", include("klynge.site.reform.urls")),
    path("", include("klynge.site.healthplans.urls")),
]

if settings.OIDC_ENABLED:
    # At the top level: mozilla-django-oidc reverses its URL names without a namespace.
    urlpatterns.append(path("oidc/", include("mozilla_django_oidc.urls")))
