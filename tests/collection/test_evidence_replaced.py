"""The evidence file a save replaces leaves the disk when that save commits, and only then.

Before, every replaced file stayed under media/ forever: no page linked to it, no command knew it.
The deletion waits for the commit, so a save that rolls back keeps the file its row still names;
`chiso evidence-cleanup` removes what earlier saves left behind. The same on the local disk and in
S3-compatible object storage (`file_store`).
"""

import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from chiso.collection import workflow
from chiso.collection.entry import StaleEdit, ValueInput
from chiso.collection.evidence import orphaned_files
from chiso.collection.evidence_commands import evidence_cleanup
from chiso.collection.models import EnteredValue, Submission


@pytest.fixture
def media(file_store):
    return file_store


@pytest.fixture
def disk(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def files_in(media) -> list[str]:
    return media.names()


def upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4 " + name.encode(), content_type="application/pdf")


def save(user, submission: Submission, value: EnteredValue, typed: str, file_name: str) -> None:
    value.refresh_from_db()
    workflow.save_draft(
        user, submission, {value.pk: (ValueInput(value=typed), value.version)}, evidence={value.pk: upload(file_name)}
    )


@pytest.fixture
def value(submission: Submission) -> EnteredValue:
    return submission.values.get(item__indicator__code="I.8")


def test_a_replaced_evidence_file_is_deleted_when_the_save_commits(
    people, submission, value, media, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        save(people["reporter"], submission, value, "1.250", "bien-ban-thang-11.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        save(people["reporter"], submission, value, "1.300", "bien-ban-sua.pdf")
    value.refresh_from_db()
    assert value.evidence_file.name.endswith("bien-ban-sua.pdf")
    assert files_in(media) == [value.evidence_file.name]


def test_a_replacement_rolled_back_by_a_later_stale_row_keeps_the_old_file(
    people, submission, value, media, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        save(people["reporter"], submission, value, "1.250", "bien-ban-thang-11.pdf")
    value.refresh_from_db()
    other = submission.values.get(item__indicator__code="I.2")
    stale_version = other.version
    with django_capture_on_commit_callbacks(execute=True):  # someone else saves the other row
        workflow.save_draft(
            people["approver"], submission, {other.pk: (ValueInput(numerator="1", denominator="2"), other.version)}
        )
    inputs = {
        value.pk: (ValueInput(value="1.300"), value.version),  # replaces the file …
        other.pk: (ValueInput(numerator="3", denominator="4"), stale_version),
    }  # … then refused
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(StaleEdit):
        workflow.save_draft(people["reporter"], submission, inputs, evidence={value.pk: upload("bien-ban-sua.pdf")})
    assert files_in(media) == [value.evidence_file.name]
    assert EnteredValue.objects.get(pk=value.pk).evidence_file.name == value.evidence_file.name


def test_files_no_value_names_are_found_in_either_store_once_they_are_old_enough(
    people, submission, value, media, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        save(people["reporter"], submission, value, "1.250", "bien-ban-thang-11.pdf")
    default_storage.save("evidence/2024/11/bien-ban-cu.pdf", ContentFile(b"%PDF-1.4 cu"))
    assert orphaned_files(older_than=timedelta(0)) == ["evidence/2024/11/bien-ban-cu.pdf"]
    assert orphaned_files() == []  # written just now: a save may be about to name it


def test_the_cleanup_command_removes_only_old_files_no_value_names(
    people, submission, value, disk, django_capture_on_commit_callbacks
) -> None:
    media = disk
    with django_capture_on_commit_callbacks(execute=True):
        save(people["reporter"], submission, value, "1.250", "bien-ban-thang-11.pdf")
    value.refresh_from_db()
    left_over, fresh = media / "evidence/2024/11/bien-ban-cu.pdf", media / "evidence/2026/12/dang-luu.pdf"
    for path in (left_over, fresh, media / value.evidence_file.name):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    an_hour_ago = time.time() - 3601
    for path in (left_over, media / value.evidence_file.name):
        os.utime(path, (an_hour_ago, an_hour_ago))
    listed = CliRunner().invoke(evidence_cleanup, [])
    assert "evidence/2024/11/bien-ban-cu.pdf" in listed.output
    assert left_over.exists()  # without --yes nothing is deleted
    CliRunner().invoke(evidence_cleanup, ["--yes"])
    assert sorted(p.relative_to(media).as_posix() for p in media.rglob("*") if p.is_file()) == sorted(
        [value.evidence_file.name, "evidence/2026/12/dang-luu.pdf"]
    )
