from django.urls import path

from chiso.api import cycle, views
from chiso.api.endpoints import api

# The office's approve/return and the province figures live in their own module.
api.add_router("", cycle.router)

# No app namespace here: django-ninja reverses its own views as "api:…" from the root.
urlpatterns = [
    path("khoa/", views.tokens_page, name="api_tokens"),
    path("khoa/<int:pk>/thu-hoi/", views.revoke, name="api_revoke"),
    path("", api.urls),
]
