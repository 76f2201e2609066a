"""``{% load notices %}{% unread_notices %}``: the current user's unread notices, on any page."""

from django import template

from chiso.collection.notices import unread_for

register = template.Library()

SHOWN = 10


@register.inclusion_tag("collection/_notices.html", takes_context=True)
def unread_notices(context) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"notices": [], "more": 0}
    unread = list(unread_for(user)[: SHOWN + 1])
    return {"notices": unread[:SHOWN], "more": max(0, len(unread) - SHOWN),
            "next": request.get_full_path(), "csrf_token": context.get("csrf_token")}
