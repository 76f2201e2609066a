"""Long work in the background: periodic reports (.docx, PDF), reminders, backups, rescoring.

A :class:`~chiso.jobs.models.Job` row holds what was asked, its state and progress; the work
runs in a Celery worker when a broker is configured (``CELERY_BROKER_URL`` or ``REDIS_URL``),
else in a thread of the process that asked for it (docs/jobs.md says why).
"""
