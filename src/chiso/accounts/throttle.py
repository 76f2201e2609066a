"""Login throttling: the one gate every login form passes (the site's and the Django admin's).

Failures are counted per (user name, client address): a clerk who mistypes five times locks
only their own name at their own address, so colleagues behind the same office address keep
logging in, and a stranger's five wrong passwords from elsewhere do not lock the real user out.
A wider limit per address stops one address from guessing many names. An address that cannot
be read (``X-Forwarded-For: unknown``) counts as "unknown": one shared bucket, never a crash.
"""

import ipaddress
from datetime import timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from chiso.accounts.models import LoginFailure

LOCKED_MESSAGE = "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút hoặc liên hệ quản trị."


def _window_start():
    return timezone.now() - timedelta(seconds=settings.CHISO_LOGIN_WINDOW_SECONDS)


def _from(address: str | None):
    """Recent failures from ``address``; the unknown addresses (None) are one bucket together."""
    recent = LoginFailure.objects.filter(at__gte=_window_start())
    return recent.filter(address=address) if address else recent.filter(address__isnull=True)


def is_locked(username: str, address: str | None) -> bool:
    """True when this name at this address, or this address over all names, reached its limit."""
    counts = _from(address).aggregate(everyone=Count("pk"), this_name=Count("pk", filter=Q(username=username.lower())))
    return (
        counts["this_name"] >= settings.CHISO_LOGIN_MAX_FAILURES
        or counts["everyone"] >= settings.CHISO_LOGIN_ADDRESS_MAX_FAILURES
    )


def record_failure(username: str, address: str | None) -> None:
    LoginFailure.objects.create(username=username.lower()[:150], address=address)
    # Old rows are never needed again; drop them here rather than with a cron job.
    LoginFailure.objects.filter(at__lt=_window_start()).delete()


def clear(username: str, address: str | None) -> None:
    """Forget this name's failures at this address after a successful login there (the address's
    failures for other names keep counting towards its own limit)."""
    _from(address).filter(username=username.lower()).delete()


def _address(text: str | None) -> str | None:
    """``text`` as a normalised IP address, or None when it is not one ("unknown", "", a port)."""
    try:
        address = ipaddress.ip_address((text or "").strip())
    except ValueError:
        return None
    # A zone ("fe80::1%eth0") is not storable as an address in PostgreSQL.
    return None if getattr(address, "scope_id", None) else str(address)


def client_address(request) -> str | None:
    """The address of the person logging in, or None when it cannot be read.

    Behind nginx every request comes from 127.0.0.1, so throttling by REMOTE_ADDR would lock
    the whole province out after five mistakes anywhere. With CHISO_PROXY_COUNT=N (the reverse
    proxies in front, each appending to X-Forwarded-For) the N-th address from the right is the
    one the outermost proxy saw; addresses further left are whatever the client claimed.
    """
    if request is None:
        return None
    count = settings.CHISO_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if count and len(forwarded) >= count:
        return _address(forwarded[-count])
    return _address(request.META.get("REMOTE_ADDR"))
