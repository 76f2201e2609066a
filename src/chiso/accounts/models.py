"""Grants bind a user to an org unit in a role; login failures feed the throttle."""

from django.conf import settings
from django.db import models

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


class Counter(models.Model):
    """A count that expires (failed logins, API requests in a minute), when counts are kept in
    the database: see `chiso.accounts.counters`."""

    key = models.CharField("khóa", max_length=100, unique=True)
    count = models.PositiveIntegerField("số lần", default=0)
    expires_at = models.DateTimeField("hết hạn lúc", db_index=True)

    class Meta:
        verbose_name = "bộ đếm"
        verbose_name_plural = "bộ đếm"

    def __str__(self) -> str:
        return f"{self.key} — {self.count} lần, đến {self.expires_at:%H:%M %d/%m/%Y}"
