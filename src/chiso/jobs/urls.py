"""Background jobs, mounted at /cong-viec/."""

from django.urls import path

from chiso.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("bao-cao-dinh-ky/", views.start_report, name="start_report"),
    path("<int:pk>/", views.job_page, name="job"),
    path("<int:pk>/tien-do/", views.job_progress, name="progress"),
    path("<int:pk>/thu-lai/", views.job_retry, name="retry"),
    path("<int:pk>/tai-ve/", views.job_download, {"which": "result"}, name="download"),
    path("<int:pk>/tai-ve-pdf/", views.job_download, {"which": "result_pdf"}, name="download_pdf"),
]
