"""Grants bind a user to an org unit in a role; login failures feed the throttle."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from chiso.orgunits.models import OrgUnit


class Role(models.TextChoices):
    ADMIN = "quan_tri", "Quản trị (Sở KH&CN)"
    REPORTER = "nhap_lieu", "Cán bộ nhập liệu"
    APPROVER = "lanh_dao", "Lãnh đạo đơn vị"
    VIEWER = "nguoi_xem", "Người xem"


class Grant(models.Model):
    """A user's role in one org unit, and by inheritance in every unit below it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người dùng",
        related_name="grants",
        on_delete=models.CASCADE,
    )
    unit = models.ForeignKey(OrgUnit, verbose_name="đơn vị", on_delete=models.CASCADE)
    role = models.CharField("vai trò", max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = "phân quyền"
        verbose_name_plural = "phân quyền"
        constraints = [
            models.UniqueConstraint(fields=["user", "unit", "role"], name="grant_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.unit}"


class LoginFailure(models.Model):
    """One failed login, kept for the throttle window (in the database so all workers agree)."""

    username = models.CharField("tên đăng nhập", max_length=150, db_index=True)
    address = models.GenericIPAddressField("địa chỉ", null=True, blank=True, db_index=True)
    at = models.DateTimeField("lúc", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "đăng nhập sai"
        verbose_name_plural = "đăng nhập sai"

    def __str__(self) -> str:
        return f"{self.username} — {self.address or 'không rõ địa chỉ'} — {self.at:%d/%m/%Y %H:%M}"
