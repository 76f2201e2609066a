"""/quan-tri/: the office's admin site, with every model it manages registered."""

from django.urls import path

from chiso.administration import report_forms, texts, units, users  # noqa: F401 - they register
from chiso.administration.site import office_site

urlpatterns = [path("", office_site.urls)]
