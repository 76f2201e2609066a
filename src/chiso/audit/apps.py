from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "chiso.audit"
    label = "audit"
    verbose_name = "Nhật ký thay đổi"
