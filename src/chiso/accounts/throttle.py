"""Login throttling: the one gate every login form passes (the site's and the Django admin's).

Failures are counted per (user name, client address): a clerk who mistypes five times locks
only their own name at their own address, so colleagues behind the same office address keep
logging in, and a stranger's five wrong passwords from elsewhere do not lock the real user out.
The counts are `chiso.accounts.counters` (in Redis when configured, so every app server sees the
same ones; else in the database).
A wider limit per address stops one address from guessing many names. An address that cannot
be read (``X-Forwarded-For: unknown``) counts as "unknown": one shared bucket, never a crash.
"""

import ipaddress

from django.conf import settings

from chiso.accounts import counters

LOCKED_MESSAGE = "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút hoặc liên hệ quản trị."


def _name_at(username: str, address: str | None) -> str:
    """The count of ``username``'s failures at ``address``; the unknown addresses (None) are one
    bucket together."""
    return counters.key("dang-nhap-ten", username.lower(), address or "")


def _at(address: str | None) -> str:
    """The count of every name's failures at ``address``."""
    return counters.key("dang-nhap-dia-chi", address or "")


def is_locked(username: str, address: str | None) -> bool:
    """True when this name at this address, or this address over all names, reached its limit."""
    return (
        counters.count(_name_at(username, address)) >= settings.CHISO_LOGIN_MAX_FAILURES
        or counters.count(_at(address)) >= settings.CHISO_LOGIN_ADDRESS_MAX_FAILURES
    )


def failures(username: str, address: str | None) -> int:
    """How many wrong passwords ``username`` typed at ``address`` within the window."""
    return counters.count(_name_at(username, address))


def record_failure(username: str, address: str | None) -> None:
    """Count a wrong password; the counts last the window after the latest failure."""
    window = settings.CHISO_LOGIN_WINDOW_SECONDS
    counters.hit(_name_at(username, address), window)
    counters.hit(_at(address), window)


def clear(username: str, address: str | None) -> None:
    """Forget this name's failures at this address after a successful login there (the address's
    failures for other names keep counting towards its own limit)."""
    counters.forget(_name_at(username, address))


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
