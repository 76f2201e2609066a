"""A save racing the leader's submit: the report is sent with the values as saved, or the save
is refused; never a SUBMITTED report with a required item blank or a value newer than its
``received_at``.

On PostgreSQL two real threads race, made deterministic by holding one side inside its
transaction until the other is seen waiting for the submission's row lock (or has finished, as
it did before the lock existed). SQLite serialises writers itself; there the status read under
the lock is what refuses a save into a report sent since the page was read.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections

from chiso.collection import workflow
from chiso.collection.entry import ValueInput
from chiso.collection.models import Submission, SubmissionStatus

postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")


def blank_required(submission: Submission) -> dict:
    """The save that empties I.8 (a required number), from the version the user read."""
    value = submission.values.get(item__indicator__code="I.8")
    return {value.pk: (ValueInput(value=""), value.version)}


def in_thread(work, errors: list) -> threading.Thread:
    def run():
        try:
            work()
        except Exception as error:  # noqa: BLE001 — the test reads what each side ran into
            errors.append(error)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def until_waiting_or_done(thread: threading.Thread) -> None:
    """Return once another session waits for a row lock, or ``thread`` has finished."""
    deadline = time.monotonic() + 20
    while thread.is_alive() and time.monotonic() < deadline:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return
        time.sleep(0.02)


def pause_on_first(monkeypatch, name: str) -> tuple[threading.Event, threading.Event]:
    """Make ``workflow.<name>`` stop, inside its caller's transaction, until told to go on."""
    inside, go = threading.Event(), threading.Event()
    original = getattr(workflow, name)

    def paused(*args, **kwargs):
        if not inside.is_set():
            inside.set()
            go.wait(20)
        return original(*args, **kwargs)

    monkeypatch.setattr(workflow, name, paused)
    return inside, go


def sent_consistently(submission: Submission) -> None:
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert workflow.problems_before_submit(submission) == []
    assert not submission.values.filter(updated_at__gt=submission.received_at).exists()


@postgresql
@pytest.mark.django_db(transaction=True)
def test_a_submit_waits_for_a_save_in_progress_and_then_sees_its_blank(people, filled, monkeypatch):
    inside, go = pause_on_first(monkeypatch, "save_value")
    save_errors, submit_errors = [], []
    inputs = blank_required(filled)
    saving = in_thread(
        lambda: workflow.save_draft(people["reporter"], Submission.objects.get(pk=filled.pk), inputs), save_errors
    )
    assert inside.wait(20)
    submitting = in_thread(
        lambda: workflow.submit(people["approver"], Submission.objects.get(pk=filled.pk)), submit_errors
    )
    until_waiting_or_done(submitting)
    go.set()
    saving.join(20)
    submitting.join(20)
    filled.refresh_from_db()
    assert save_errors == []
    assert filled.status == SubmissionStatus.DRAFT
    assert [type(e) for e in submit_errors] == [workflow.SubmitRefused]  # a WorkflowError naming its places
    assert "Chỉ tiêu I.8: chưa nhập (bắt buộc)." in submit_errors[0].message


@postgresql
@pytest.mark.django_db(transaction=True)
def test_a_save_waits_for_a_submit_in_progress_and_is_then_refused(people, filled, monkeypatch):
    inside, go = pause_on_first(monkeypatch, "_change_status")
    save_errors, submit_errors = [], []
    inputs = blank_required(filled)
    submitting = in_thread(
        lambda: workflow.submit(people["approver"], Submission.objects.get(pk=filled.pk)), submit_errors
    )
    assert inside.wait(20)
    saving = in_thread(
        lambda: workflow.save_draft(people["reporter"], Submission.objects.get(pk=filled.pk), inputs), save_errors
    )
    until_waiting_or_done(saving)
    go.set()
    submitting.join(20)
    saving.join(20)
    assert submit_errors == []
    sent_consistently(filled)
    assert [type(e) for e in save_errors] == [workflow.WorkflowError]
    assert "không sửa được" in save_errors[0].message


def test_a_save_into_a_report_sent_since_the_page_was_read_is_refused(people, filled):
    page = Submission.objects.get(pk=filled.pk)  # the reporter's page, read while a draft
    workflow.submit(people["approver"], Submission.objects.get(pk=filled.pk))
    with pytest.raises(workflow.WorkflowError, match="không sửa được"):
        workflow.save_draft(people["reporter"], page, blank_required(page))
    sent_consistently(filled)
