"""Official documents, mounted at /van-ban/."""

from django.urls import path

from chiso.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.report_page, name="page"),
    path("tai-ve.<str:fmt>", views.download, name="download"),
    path("mau/", views.layouts_page, name="layouts"),
    path("mau/tai-len/", views.layout_upload, name="layout_upload"),
    path("mau/<str:kind>.docx", views.layout_download, name="layout_download"),
]
urlpatterns += [
    path("du-thao/", views.draft_create, name="draft_create"),
    path("du-thao/<int:pk>/", views.draft_page, name="draft"),
    path("du-thao/<int:pk>/luu/", views.draft_save, name="draft_save"),
    path("du-thao/<int:pk>/khoi-phuc/", views.draft_restore, name="draft_restore"),
    path("du-thao/<int:pk>/lap-lai/", views.draft_redraft, name="draft_redraft"),
    path("du-thao/<int:pk>/tai-ve.<str:fmt>", views.draft_download, name="draft_download"),
]
