"""Making, checking and rate-limiting API tokens."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.utils import timezone

from chiso.accounts import counters
from chiso.api.models import ApiToken

KEY_PREFIX = "chiso_"


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def issue(user, name: str) -> tuple[ApiToken, str]:
    """A new token for ``user``; returns it with the plain key, which is never stored."""
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name.strip() or "Khóa API", prefix=key[:12], key_hash=_hash(key))
    return token, key


def find(key: str) -> ApiToken | None:
    """The live token for ``key`` whose user is active, or None."""
    token = ApiToken.objects.select_related("user").filter(key_hash=_hash(key or ""), revoked_at__isnull=True).first()
    if token is None or not token.user.is_active:
        return None
    return token


def revoke(token: ApiToken) -> None:
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])


def per_minute() -> int:
    return settings.CHISO_API_REQUESTS_PER_MINUTE


def allow(token: ApiToken, now: datetime.datetime | None = None) -> bool:
    """Count one request in the current minute; False once the token's user is over the limit.

    The limit is the user's, over all their keys: making a second key does not double it. The
    count is `chiso.accounts.counters` (Redis when configured, so all app servers share it).
    """
    now = now or timezone.now()
    minute = now.replace(second=0, microsecond=0)
    used = counters.hit(counters.key("api-phut", token.user_id, minute.isoformat()), 2 * 60)
    # At most one write a minute per key, and no query once the token read says it is this
    # minute's; the update matches nothing when another request wrote it meanwhile.
    if token.last_used_at is None or token.last_used_at < minute:
        ApiToken.objects.filter(pk=token.pk).exclude(last_used_at__gte=minute).update(last_used_at=now)
        token.last_used_at = now
    return used <= per_minute()
