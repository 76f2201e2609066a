"""Pages that belong to no single area yet."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chiso.frameworks.models import Framework, Indicator
from chiso.orgunits.models import OrgUnit


def home(request: HttpRequest) -> HttpResponse:
    """Show how much reference data is loaded: frameworks, indicators and org units."""
    counts = {
        "frameworks": Framework.objects.count(),
        "indicators": Indicator.objects.count(),
        "orgunits": OrgUnit.objects.count(),
    }
    return render(request, "home.html", {"counts": counts})
