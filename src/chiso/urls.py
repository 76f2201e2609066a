"""URL routes: each area mounts its own urls module under a Vietnamese path."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView, TemplateView

from chiso.accounts.forms import AdminLoginForm

admin.site.site_header = "Quản trị chỉ số chuyển đổi số"
admin.site.site_title = "chiso"
# The admin's login goes through the same throttle as the site's (chiso.accounts.backends).
admin.site.login_form = AdminLoginForm

urlpatterns = [
    path("", include("chiso.dashboard.urls")),
    path("tai-khoan/", include("chiso.accounts.urls")),
    path("bao-cao-dinh-ky/", include("chiso.collection.urls")),
    path("tu-danh-gia-dti/", include("chiso.assessment.urls")),
    path("nhiem-vu/", include("chiso.tasks.urls")),
    path("van-ban/", include("chiso.reports.urls")),
    path("mo-phong-dti/", include("chiso.simulator.urls")),
    path("api/", include("chiso.api.urls")),
    path("du-lieu-mo/", include("chiso.opendata.urls")),
    path("quan-tri/", include("chiso.administration.urls")),
    path("cong-viec/", include("chiso.jobs.urls")),
    path("admin/", admin.site.urls),
    # The user guide, one section per role (its pictures are made by the browser tests).
    path("huong-dan/", TemplateView.as_view(template_name="guide/guide.html"), name="guide"),
    # Browsers ask for /favicon.ico on pages that do not name their icon (the API docs, files).
    path("favicon.ico", RedirectView.as_view(url=static("chiso/favicon.svg"), permanent=True)),
]
