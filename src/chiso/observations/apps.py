from django.apps import AppConfig


class ObservationsConfig(AppConfig):
    name = "chiso.observations"
    verbose_name = "Số liệu"
