from django.urls import path

from chiso.assessment import views

app_name = "assessment"
urlpatterns: list = [
    path("", views.rounds, name="rounds"),
    path("<int:year>/<slug:province>/", views.round_page, name="round"),
    path("<int:year>/<slug:province>/diem/<str:code>/", views.points, name="points"),
    path("<int:year>/<slug:province>/giao/", views.assign_lead, name="assign"),
]
