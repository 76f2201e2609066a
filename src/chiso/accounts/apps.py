from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "chiso.accounts"
    label = "accounts"
    verbose_name = "Tài khoản và phân quyền"
