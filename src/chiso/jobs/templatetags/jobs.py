"""`{% report_jobs %}`: the report page's background-report form and the province's latest
background reports, each with its live progress (the page's view knows nothing of jobs)."""

from __future__ import annotations

from django import template

from chiso.accounts.permissions import is_office
from chiso.jobs.access import visible_jobs
from chiso.jobs.models import Kind
from chiso.jobs.running import fail_orphaned

register = template.Library()
LATEST = 5


@register.inclusion_tag("jobs/report_jobs.html", takes_context=True)
def report_jobs(context) -> dict:
    request = context["request"]
    if not is_office(request.user):
        return {"office": False}
    from chiso.reports.forms import ReportForm

    chosen = request.GET
    jobs = visible_jobs(request.user).filter(kind=Kind.REPORT_PERIODIC).select_related("requested_by")[:LATEST]
    return {
        "office": True,
        "csrf_token": context.get("csrf_token"),
        # The period chosen above it on the page, else the report form's own first suggestion.
        "period": chosen.get("period") or ReportForm.base_fields["period"].initial or "",
        "framework": chosen.get("framework") or "",
        "unit": chosen.get("unit") or "",
        "jobs": [fail_orphaned(job) for job in jobs],
    }
