"""The Celery tasks: one runs any job by its id, one starts the day's reminders (beat)."""

from __future__ import annotations

from chiso.jobs.celery import app


@app.task(name="chiso.jobs.run_job")
def run_job(pk: int) -> None:
    from chiso.jobs.running import execute

    execute(pk, runner=f"celery:{run_job.request.hostname or ''}")


@app.task(name="chiso.jobs.scheduled")
def scheduled(kind: str) -> int:
    """A job started by the schedule (no person asked): recorded like any other, then run."""
    from chiso.jobs.running import start

    return start(kind).pk
