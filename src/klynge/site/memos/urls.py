from django.urls import path

from klynge.site.memos import views

app_name = "memos"

urlpatterns = [
    path("notater/", views.memo_list, name="memo_list"),
    path("notater/nyt/", views.memo_new, name="memo_new"),
    path("notater/<int:pk>/", views.memo_detail, name="memo_detail"),
    path("notater/<int:pk>/rediger/", views.memo_edit, name="memo_edit"),
    path("notater/<int:pk>/endelig/", views.memo_finalise_view, name="memo_finalise"),
    path("notater/<int:pk>/offentlig-version/", views.memo_public_version_view, name="memo_public_version"),
    path("notater/<int:pk>/ny-version/", views.memo_new_version_view, name="memo_new_version"),
    path("notater/<int:pk>/hent/<str:file_format>/", views.memo_download, name="memo_download"),
    path("notater/skabeloner/standard.docx", views.memo_template_default, name="memo_template_default"),
    path("notater/skabeloner/<slug:slug>/", views.memo_template_edit, name="memo_template_edit"),
    path("punkter/<int:pk>/til-orientering/", views.referral_create_view, name="referral_create"),
    path("til-orientering/<int:pk>/traek-tilbage/", views.referral_withdraw_view, name="referral_withdraw"),
]
