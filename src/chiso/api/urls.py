from django.urls import path

from chiso.api import views
from chiso.api.endpoints import api

# No app namespace here: django-ninja reverses its own views as "api:…" from the root.
urlpatterns = [
    path("khoa/", views.tokens_page, name="api_tokens"),
    path("khoa/<int:pk>/thu-hoi/", views.revoke, name="api_revoke"),
    path("", api.urls),
]
