"""Password checking behind the login throttle.

Django's admin login, the site's login form and ``Client.login`` all call
``django.contrib.auth.authenticate``; making the throttle part of the authentication backend
means no login form can be used to go round a lockout, now or when one is added.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from chiso.accounts import throttle


class ThrottledModelBackend(ModelBackend):
    """ModelBackend that refuses a locked (name, address) and counts every wrong password."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        username = username if username is not None else kwargs.get(get_user_model().USERNAME_FIELD)
        if not username or password is None:
            return None
        address = throttle.client_address(request)
        if throttle.is_locked(username, address):
            # authenticate() stops at PermissionDenied: no other backend gets a try.
            raise PermissionDenied(throttle.LOCKED_MESSAGE)
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            throttle.record_failure(username, address)
        else:
            throttle.clear(username, address)
        return user
