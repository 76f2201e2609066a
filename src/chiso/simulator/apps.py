from django.apps import AppConfig


class SimulatorConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "chiso.simulator"
    label = "simulator"
    verbose_name = "Mô phỏng DTI"
