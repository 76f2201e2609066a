"""The login forms, in Vietnamese, refusing while the throttle is locked.

Both go through :class:`chiso.accounts.backends.ThrottledModelBackend`, which counts failures
and refuses a locked login; the forms only check the lock first to say why.
"""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth import authenticate

from chiso.accounts import throttle


def _refuse_if_locked(username: str | None, request) -> None:
    if username and throttle.is_locked(username, throttle.client_address(request)):
        raise forms.ValidationError(throttle.LOCKED_MESSAGE)


class LoginForm(forms.Form):
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    password = forms.CharField(label="Mật khẩu", widget=forms.PasswordInput)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = None

    def clean(self):
        data = super().clean()
        username, password = data.get("username"), data.get("password")
        if not username or not password:
            return data
        _refuse_if_locked(username, self.request)
        user = authenticate(self.request, username=username, password=password)
        if user is None:
            raise forms.ValidationError("Tên đăng nhập hoặc mật khẩu không đúng.")
        self.user = user
        return data


class AdminLoginForm(AdminAuthenticationForm):
    """The Django admin's login, saying so when the throttle has locked the name or address."""

    def clean(self):
        _refuse_if_locked(self.cleaned_data.get("username"), self.request)
        return super().clean()
