from django.apps import AppConfig


class JobsConfig(AppConfig):
    name = "chiso.jobs"
    label = "jobs"
    verbose_name = "Công việc chạy nền"
