"""The Celery application: `celery -A chiso.jobs worker` runs jobs, `celery -A chiso.jobs beat`
starts the scheduled ones (reminders). Configured from Django's settings, ``CELERY_*``.

Only the message "run job N" goes through the broker; the job's parameters, state and progress
are in the database, so neither a web server restart nor a broker restart loses a job.
"""

from __future__ import annotations

import os

from celery import Celery  # type: ignore[import-untyped]
from celery.schedules import crontab  # type: ignore[import-untyped]

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "chiso.settings")

app = Celery("chiso", include=["chiso.jobs.tasks"])
app.config_from_object("django.conf:settings", namespace="CELERY")


@app.on_after_configure.connect
def _schedule(sender: Celery, **kwargs) -> None:
    """The day's reminders (`chiso remind`) as a job, at CHISO_REMIND_HOUR local time."""
    from django.conf import settings

    sender.conf.beat_schedule = {
        "nhac-nho-hang-ngay": {
            "task": "chiso.jobs.scheduled",
            "schedule": crontab(hour=settings.CHISO_REMIND_HOUR, minute=0),
            "args": ("remind",),
        }
    }
