"""The Django admin cannot rewrite a sent report, and what it may change is audited.

A submitted or approved report's narrative, deadline, dates and unit are read-only in the admin
and the report cannot be deleted there (one by one or in bulk); a correction goes through
return or reopen. A change the admin makes to an open report lands in the audit trail.
"""

from __future__ import annotations

import datetime

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from chiso.audit.models import AuditEntry
from chiso.audit.trail import history
from chiso.collection import workflow
from chiso.collection.models import Submission, SubmissionStatus
from chiso.orgunits.models import OrgUnit
from tests.fixtures.admin_forms import change_form as form_data


def change_url(submission: Submission) -> str:
    return reverse("admin:collection_submission_change", args=[submission.pk])


@pytest.fixture
def approved(people, filled) -> Submission:
    workflow.submit(people["approver"], filled)
    workflow.approve(people["office"], filled)
    filled.refresh_from_db()
    return filled


@pytest.mark.parametrize(
    ("field", "typed"),
    [
        ("results_text", "Viết lại sau khi duyệt"),
        ("deadline", "2026-12-31"),
        ("document_date", "2026-12-01"),
        ("note", "Ghi chú thêm"),
    ],
)
def test_an_approved_report_is_not_changed_through_the_admin(admin_client, approved, field, typed):
    before = model_to_dict(Submission.objects.get(pk=approved.pk))
    admin_client.post(change_url(approved), form_data(approved, **{field: typed}))
    assert model_to_dict(Submission.objects.get(pk=approved.pk)) == before


def test_an_approved_report_does_not_move_to_another_unit_through_the_admin(admin_client, approved, units):
    elsewhere = OrgUnit.objects.create(
        code="so-xay-dung", name="Sở Xây dựng", type="so_ban_nganh", parent=units["dong-thap"]
    )
    admin_client.post(change_url(approved), form_data(approved, unit=elsewhere.pk))
    assert Submission.objects.get(pk=approved.pk).unit == units["so-khcn"]


def test_an_approved_report_cannot_be_deleted_in_the_admin(admin_client, approved):
    url = reverse("admin:collection_submission_delete", args=[approved.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert Submission.objects.filter(pk=approved.pk).exists()


def test_the_admin_offers_no_bulk_delete_of_reports(admin_client, approved):
    admin_client.post(
        reverse("admin:collection_submission_changelist"),
        {"action": "delete_selected", "_selected_action": [approved.pk], "post": "yes"},
    )
    assert Submission.objects.filter(pk=approved.pk).exists()


def test_a_submitted_report_is_read_only_in_the_admin_too(admin_client, people, filled):
    workflow.submit(people["approver"], filled)
    filled.refresh_from_db()
    admin_client.post(change_url(filled), form_data(filled, results_text="Sửa khi đang chờ duyệt"))
    assert Submission.objects.get(pk=filled.pk).results_text == filled.results_text


def test_an_admin_change_to_an_open_report_is_in_the_audit_trail(admin_client, admin_user, submission):
    response = admin_client.post(change_url(submission), form_data(submission, deadline="2026-11-25"))
    assert response.status_code == 302
    assert Submission.objects.get(pk=submission.pk).deadline == datetime.date(2026, 11, 25)
    entry = history(submission).get(field="deadline")
    assert (entry.old, entry.new, entry.username) == ("2026-11-18", "2026-11-25", admin_user.username)
    assert entry.reason == "Sửa trong trang quản trị"


def test_an_unchanged_admin_save_adds_nothing_to_the_audit_trail(admin_client, submission):
    before = AuditEntry.objects.count()
    admin_client.post(change_url(submission), form_data(submission))
    assert AuditEntry.objects.count() == before
    assert Submission.objects.get(pk=submission.pk).status == SubmissionStatus.DRAFT
