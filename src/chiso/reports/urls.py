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
