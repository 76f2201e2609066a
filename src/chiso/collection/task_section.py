"""The unit's open tasks as a section of the report page, for forms that include task progress."""

from __future__ import annotations

from django.http import HttpRequest

from chiso.collection.models import Submission


def task_section(request: HttpRequest, submission: Submission) -> str:
    """Rendered HTML of the tasks section, or "" when the form has none or tasks are not built."""
    if submission.form is None or not submission.form.includes_tasks:
        return ""
    return ""
