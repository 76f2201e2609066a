from django.urls import path

from chiso.opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:code>/<str:period_id>.csv", views.as_csv, name="csv"),
    path("<slug:code>/<str:period_id>.json", views.as_json, name="json"),
    path("<slug:code>/<str:period_id>/", views.table, name="table"),
]
