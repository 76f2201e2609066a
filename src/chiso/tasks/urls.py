from django.urls import path

from chiso.tasks import views

app_name = "tasks"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("<int:pk>/", views.task_detail, name="detail"),
    path("<int:pk>/tien-do/", views.add_progress, name="add_progress"),
    path("du-an/", views.project_list, name="projects"),
    path("xuat/nhiem-vu.xlsx", views.tasks_xlsx, name="tasks_xlsx"),
    path("xuat/du-an.xlsx", views.projects_xlsx, name="projects_xlsx"),
]
