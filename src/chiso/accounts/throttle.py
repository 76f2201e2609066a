"""Login throttling: too many failures for a user name or an address lock login for a while."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from chiso.accounts.models import LoginFailure


def _window_start():
    return timezone.now() - timedelta(seconds=settings.CHISO_LOGIN_WINDOW_SECONDS)


def is_locked(username: str, address: str | None) -> bool:
    """True when the user name or the address has reached the failure limit in the window."""
    recent = LoginFailure.objects.filter(at__gte=_window_start())
    by_name = recent.filter(username=username.lower()).count()
    by_address = recent.filter(address=address).count() if address else 0
    limit = settings.CHISO_LOGIN_MAX_FAILURES
    return by_name >= limit or by_address >= limit


def record_failure(username: str, address: str | None) -> None:
    LoginFailure.objects.create(username=username.lower(), address=address)
    # Old rows are never needed again; drop them here rather than with a cron job.
    LoginFailure.objects.filter(at__lt=_window_start()).delete()


def clear(username: str) -> None:
    """Forget a user name's failures after a successful login."""
    LoginFailure.objects.filter(Q(username=username.lower())).delete()


def client_address(request) -> str | None:
    """The address of the person logging in.

    Behind nginx every request comes from 127.0.0.1, so throttling by REMOTE_ADDR would lock
    the whole province out after five mistakes anywhere. With CHISO_PROXY_COUNT=N (the reverse
    proxies in front, each appending to X-Forwarded-For) the N-th address from the right is the
    one the outermost proxy saw; addresses further left are whatever the client claimed.
    """
    count = settings.CHISO_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if count and len(forwarded) >= count:
        return forwarded[-count]
    return request.META.get("REMOTE_ADDR")
