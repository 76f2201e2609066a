"""The office's own admin site at /quan-tri/, scoped to the province of its quản trị grant.

Why the Django admin and not pages of our own: a provincial office gets, without help, lists
with search, filters and pagination done in the database, forms with each error beside its
field, inline rows (a user's grants, a form's items and assignments), a per-object history
and a confirmation before any deletion — all already in Vietnamese (LANGUAGE_CODE = "vi").
What it lacks is added here, in one place: who may enter (:func:`is_office`), which rows an
office sees (:mod:`chiso.administration.scope`) and the audit trail of every change.

Why a second site and not /admin/: /admin/ stays the install's (superusers, every model, every
field). This one registers only what an office manages and never shows the fields that make a
superuser or staff, nor a password hash; a reporter or a viewer is refused with a 403.
"""

from functools import update_wrapper

from django.conf import settings
from django.contrib.admin import AdminSite
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import reverse

from chiso.accounts.permissions import is_office_here

REFUSED = (
    "Trang quản trị chỉ dành cho văn phòng chuyển đổi số (vai trò quản trị). Tài khoản của bạn không có vai trò này."
)


class OfficeSite(AdminSite):
    site_header = "Quản trị của văn phòng chuyển đổi số"
    site_title = "Quản trị"
    index_title = "Người dùng, đơn vị, mẫu báo cáo"
    index_template = "quan_tri/index.html"

    def has_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and is_office_here(request)

    def admin_view(self, view, cacheable=False):
        """Anonymous → the site's own login; signed in without the role → 403, not a login form."""
        inner = super().admin_view(view, cacheable)

        def guarded(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
            if not self.has_permission(request):
                raise PermissionDenied(REFUSED)
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, view)

    def login(self, request, extra_context=None):
        # One login for the whole site (throttled, Vietnamese): the app's.
        if request.user.is_authenticated:
            if not self.has_permission(request):
                raise PermissionDenied(REFUSED)
            return redirect(self.index_url())
        return redirect_to_login(request.GET.get("next") or self.index_url(), settings.LOGIN_URL)

    def index_url(self) -> str:
        return reverse(f"{self.name}:index")


office_site = OfficeSite(name="quan_tri")
