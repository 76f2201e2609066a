"""URL routes: each area mounts its own urls module under a Vietnamese path."""

from django.contrib import admin
from django.urls import include, path

from chiso import views

admin.site.site_header = "Quản trị chỉ số chuyển đổi số"
admin.site.site_title = "chiso"

urlpatterns = [
    path("", views.home, name="home"),
    path("tai-khoan/", include("chiso.accounts.urls")),
    path("bao-cao-dinh-ky/", include("chiso.collection.urls")),
    path("tu-danh-gia-dti/", include("chiso.assessment.urls")),
    path("nhiem-vu/", include("chiso.tasks.urls")),
    path("van-ban/", include("chiso.reports.urls")),
    path("admin/", admin.site.urls),
]
