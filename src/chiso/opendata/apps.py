from django.apps import AppConfig


class OpendataConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "chiso.opendata"
    label = "opendata"
    verbose_name = "Dữ liệu mở"
