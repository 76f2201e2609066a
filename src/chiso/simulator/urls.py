from django.urls import path

from chiso.simulator import views

app_name = "simulator"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/tinh/", views.recompute, name="recompute"),
    path("<int:pk>/luu/", views.save, name="save"),
]
