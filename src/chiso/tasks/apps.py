from django.apps import AppConfig


class TasksConfig(AppConfig):
    name = "chiso.tasks"
    label = "tasks"
    verbose_name = "Nhiệm vụ và dự án"
