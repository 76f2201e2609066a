"""Per-user API tokens (only their hash is stored); their request counts are `chiso.accounts.counters`."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiToken(models.Model):
    """A key another system (the IOC, the Government reporting system) uses on a user's behalf.

    The key is shown once when it is made; the database keeps its SHA-256 (a random 32-byte key
    needs no slow hash: there is nothing to guess) and its first characters to tell keys apart.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người dùng", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("tên (hệ thống dùng khóa)", max_length=100)
    prefix = models.CharField("đầu khóa", max_length=12)
    key_hash = models.CharField("mã băm của khóa", max_length=64, unique=True)
    created_at = models.DateTimeField("tạo lúc", default=timezone.now)
    last_used_at = models.DateTimeField("dùng lần cuối", null=True, blank=True)
    revoked_at = models.DateTimeField("thu hồi lúc", null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "khóa API"
        verbose_name_plural = "khóa API"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
