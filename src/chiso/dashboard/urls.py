from django.urls import path

from chiso.dashboard import views

urlpatterns = [
    path("", views.home, name="home"),
    path("bo-chi-so/<slug:code>/", views.framework, name="framework"),
    path("chi-so/<int:pk>/", views.indicator, name="indicator"),
    path("don-vi/<slug:code>/", views.unit, name="unit"),
]
