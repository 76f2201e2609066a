"""Template context: what the signed-in user may see in the navigation."""

from chiso.accounts.permissions import is_office_here


def grants(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"is_office": False}
    return {"is_office": is_office_here(request)}
