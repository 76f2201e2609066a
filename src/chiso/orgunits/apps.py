from django.apps import AppConfig


class OrgUnitsConfig(AppConfig):
    name = "chiso.orgunits"
    verbose_name = "Đơn vị"
