"""The login form, in Vietnamese, refusing while the throttle is locked."""

from django import forms
from django.contrib.auth import authenticate

from chiso.accounts import throttle


class LoginForm(forms.Form):
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    password = forms.CharField(label="Mật khẩu", widget=forms.PasswordInput)

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request
        self.user = None

    def _address(self) -> str | None:
        return throttle.client_address(self.request) if self.request else None

    def clean(self):
        data = super().clean()
        username, password = data.get("username"), data.get("password")
        if not username or not password:
            return data
        if throttle.is_locked(username, self._address()):
            raise forms.ValidationError(
                "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút hoặc liên hệ quản trị."
            )
        user = authenticate(self.request, username=username, password=password)
        if user is None:
            throttle.record_failure(username, self._address())
            raise forms.ValidationError("Tên đăng nhập hoặc mật khẩu không đúng.")
        throttle.clear(username)
        self.user = user
        return data
