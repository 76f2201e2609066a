from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "chiso.assessment"
    label = "assessment"
    verbose_name = "Tự đánh giá DTI"
