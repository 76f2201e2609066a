"""In-app notices: which a user sees (those of the units they enter or sign for), unread first."""

from __future__ import annotations

from django.db.models import QuerySet

from chiso.accounts.permissions import unit_ids_for
from chiso.collection.models import Notice


def notice_unit_ids(user) -> set[int]:
    """Units whose notices concern ``user``: where they enter figures or sign reports.

    The DX office is not among them: it watches every unit through the tracker instead of
    receiving each unit's reminders.
    """
    if not user.is_authenticated or user.is_superuser:
        return set()
    return unit_ids_for(user, "enter") | unit_ids_for(user, "submit")


def unread_for(user) -> QuerySet[Notice]:
    """The notices of the user's units that the user has not marked read, newest first."""
    return (Notice.objects.filter(unit_id__in=notice_unit_ids(user))
            .exclude(read_by=user.pk if user.is_authenticated else None)
            .select_related("unit", "submission"))
