"""Write and read the audit trail; callers record inside the same transaction as the change."""

from django.contrib.contenttypes.models import ContentType
from django.db import models

from chiso.audit.models import AuditEntry


def _text(value) -> str:
    return "" if value is None else str(value)


def record(user, obj: models.Model, field: str, old, new, reason: str = "") -> AuditEntry | None:
    """Record that ``field`` of ``obj`` went from ``old`` to ``new``; nothing when they are equal.

    >>> record(user, value, "value", "83,5", "83,8")  # doctest: +SKIP
    """
    if _text(old) == _text(new) and not reason:
        return None
    actor = user if user is not None and user.is_authenticated else None
    return AuditEntry.objects.create(
        user=actor,
        username=actor.get_username() if actor else "",
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        field=field,
        old=_text(old),
        new=_text(new),
        reason=reason,
    )


def history(obj: models.Model):
    """The changes of ``obj``, newest first."""
    return AuditEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).select_related("user")
