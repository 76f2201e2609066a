"""The tracker's remind controls: ``{% load reminding %}{% remind_allowed as can_remind %}`` and
``{% if row|remindable %}`` (a web report not approved that is unsent, returned or incomplete)."""

from django import template

from chiso.accounts.permissions import unit_ids_for
from chiso.collection.models import SubmissionStatus

register = template.Library()


@register.simple_tag(takes_context=True)
def remind_allowed(context) -> bool:
    """Whether the user may remind units (the office): a hidden button is never the check."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and unit_ids_for(user, "manage"))


@register.filter
def remindable(row) -> bool:
    s = row.submission
    if not s.form_id or s.status == SubmissionStatus.APPROVED:
        return False
    return s.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED) or bool(row.missing_items)
