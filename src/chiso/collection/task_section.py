"""The unit's open tasks as a section of the report page, for forms that include task progress.

The section and the saving of progress belong to ``chiso.tasks.progress``; this module only
renders it inside the report form and hands the posted notes over.
"""

from __future__ import annotations

from django.http import HttpRequest
from django.template.loader import render_to_string

from chiso.collection.models import Submission
from chiso.engine.periods import parse_period, today


def _wanted(submission: Submission) -> bool:
    return submission.form is not None and submission.form.includes_tasks


def task_section(request: HttpRequest, submission: Submission) -> str:
    """Rendered HTML of the tasks section, or "" when the form does not include tasks."""
    if not _wanted(submission):
        return ""
    from chiso.tasks.models import TaskStatus
    from chiso.tasks.progress import open_tasks

    return render_to_string(
        "tasks/_progress_section.html",
        {
            "tasks": open_tasks(submission.unit, submission.period_id),
            "unit": submission.unit,
            "period": parse_period(submission.period_id),
            "statuses": TaskStatus.choices,
        },
        request=request,
    )


def save_task_progress(request: HttpRequest, submission: Submission) -> int:
    """Record a progress note for every task whose text was filled; returns how many."""
    if not _wanted(submission):
        return 0
    from chiso.tasks.models import Task
    from chiso.tasks.progress import apply_progress, open_tasks

    saved = 0
    for task in open_tasks(submission.unit, submission.period_id):
        text = request.POST.get(f"task-{task.pk}-text", "").strip()
        if not text:
            continue
        apply_progress(
            Task.objects.get(pk=task.pk),
            user=request.user,
            unit=submission.unit,
            status=request.POST.get(f"task-{task.pk}-status", task.own_status),
            text=text,
            on=today(),
            period_id=submission.period_id,
        )
        saved += 1
    return saved
