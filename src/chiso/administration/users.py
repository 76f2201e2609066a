"""Users and their grants, as an office manages them: add, grant, deactivate, reset a password.

An office sees a user only when every grant of theirs lies in its reach, and never a superuser
or a staff member (the install's administrators): resetting their password would hand the
office the whole install. The forms have no field for staff, superuser, groups or model
permissions, and show no password hash: a password is only ever set anew.
"""

from __future__ import annotations

from django import forms
from django.contrib.admin import display
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, UserCreationForm
from django.contrib.auth.models import User
from django.urls import reverse
from django.utils.html import format_html

from chiso.accounts.models import Grant, Role
from chiso.administration.scope import OfficeAdmin, OfficeInline, unit_choice_label, units_in_reach
from chiso.administration.site import office_site
from chiso.audit.admin_changes import REASON
from chiso.audit.trail import record
from chiso.orgunits.models import OrgUnit


class GrantInline(OfficeInline):
    model = Grant
    fields = ["unit", "role"]
    autocomplete_fields = ["unit"]

    def has_delete_permission(self, request, obj=None):
        return True  # removing a grant is how an office takes a unit away from someone

    def get_queryset(self, request):
        return super().get_queryset(request).filter(unit__in=units_in_reach(request))


class NewUserForm(UserCreationForm):
    """A new account with its first grant, so it is in the office's reach from the start."""

    unit = forms.ModelChoiceField(label="Đơn vị", queryset=OrgUnit.objects.none())
    role = forms.ChoiceField(label="Vai trò", choices=Role.choices, initial=Role.REPORTER)

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email")


class NewPasswordForm(AdminPasswordChangeForm):
    """A new password, always: turning password login off is not offered (see the template)."""

    def __init__(self, user, *args, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.fields.pop("usable_password", None)
        self.fields["password1"].required = self.fields["password2"].required = True


class UserForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("username", "first_name", "last_name", "email", "is_active")


class OfficeUserAdmin(OfficeAdmin, UserAdmin):
    form = UserForm
    add_form_template = None  # Django's own adds an English line about "more user options"
    change_password_form = NewPasswordForm
    change_user_password_template = "quan_tri/user_password.html"
    add_form = NewUserForm
    fieldsets = (
        (None, {"fields": ("username", "password_reset")}),
        ("Thông tin cá nhân", {"fields": ("first_name", "last_name", "email")}),
        (
            "Trạng thái",
            {"fields": ("is_active",), "description": "Bỏ chọn «Hoạt động» để khóa tài khoản mà vẫn giữ lịch sử."},
        ),
    )
    add_fieldsets = (
        (None, {"fields": ("username", "password1", "password2")}),
        ("Thông tin cá nhân", {"fields": ("first_name", "last_name", "email")}),
        ("Phân quyền đầu tiên", {"fields": ("unit", "role")}),
    )
    readonly_fields = ("password_reset",)
    list_display = ("username", "full_name", "email", "is_active", "grants_text")
    list_filter = ("is_active", "grants__role")
    inlines = [GrantInline]

    def scope(self, queryset, reach):
        outside = Grant.objects.exclude(unit_id__in=reach)
        return (
            queryset.filter(is_superuser=False, is_staff=False, grants__unit_id__in=reach)
            .exclude(grants__in=outside)
            .distinct()
        )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("grants__unit")

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is None:
            form.base_fields["unit"].queryset = units_in_reach(request)
            form.base_fields["unit"].label_from_instance = unit_choice_label
        return form

    @display(description="Họ và tên")
    def full_name(self, user):
        return user.get_full_name()

    @display(description="Phân quyền")
    def grants_text(self, user):
        return "; ".join(f"{g.get_role_display()} — {g.unit.name}" for g in user.grants.all())

    @display(description="Mật khẩu")
    def password_reset(self, user):
        url = reverse(f"{self.admin_site.name}:auth_user_password_change", args=[user.pk])
        return format_html('<a href="{}">Đặt lại mật khẩu</a>', url)

    def describe(self, grant) -> str:
        return f"{grant.get_role_display()} — {grant.unit.name}"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            grant = Grant.objects.create(user=obj, unit=form.cleaned_data["unit"], role=form.cleaned_data["role"])
            record(request.user, obj, "phân quyền", "", self.describe(grant), reason=REASON)

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302 and response.url != request.get_full_path():
            user = User.objects.get(pk=id)
            record(request.user, user, "mật khẩu", "", "đã đặt lại", reason=REASON)
        return response


office_site.register(User, OfficeUserAdmin)
