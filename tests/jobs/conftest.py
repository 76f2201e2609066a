"""The jobs tests' real processes: a 130-unit province, a Celery worker on Redis (tests/jobs/stack.py)."""

from __future__ import annotations

import pytest

from tests.jobs.stack import Stack, redis_unreachable


@pytest.fixture(scope="session")
def job_stack(tmp_path_factory):
    """The database with the 130-unit province and its office, and a Celery worker on Redis
    consuming this session's own queue; skipped with the reason when Redis does not answer."""
    reason = redis_unreachable()
    if reason:
        pytest.skip(reason)
    stack = Stack(tmp_path_factory.mktemp("cong-viec"))
    try:
        stack.build()
        stack.start_worker()
        yield stack
    finally:
        stack.stop_worker()
        stack.drop()
