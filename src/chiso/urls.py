"""URL routes: the home page and, for now, Django's admin."""

from django.contrib import admin
from django.urls import path

from chiso import views

admin.site.site_header = "Quản trị chỉ số chuyển đổi số"
admin.site.site_title = "chiso"

urlpatterns = [
    path("", views.home, name="home"),
    path("admin/", admin.site.urls),
]
