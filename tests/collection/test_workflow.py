"""Submit, return, approve and reopen: who may, what it stamps, what the audit trail keeps."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from chiso.audit.trail import history
from chiso.collection import workflow
from chiso.collection.entry import StaleEdit
from chiso.collection.models import EnteredValue, Notice, Submission
from tests.fixtures.personas import fill

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def submit_at(client: Client, monkeypatch, submission: Submission, moment: datetime.datetime) -> Submission:
    monkeypatch.setattr(workflow, "now", lambda: moment)
    response = client.post(reverse("collection:submit", args=[submission.pk]))
    assert response.status_code == 302
    submission.refresh_from_db()
    return submission


def test_a_web_submission_at_2359_the_day_before_the_deadline_is_on_time(client, people, filled, monkeypatch) -> None:
    client.force_login(people["approver"])
    # Deadline "18" for 11/2026: trước ngày 18/11/2026. 23:59 on the 17th in Vietnam is 16:59 UTC.
    submission = submit_at(client, monkeypatch, filled, datetime.datetime(2026, 11, 17, 23, 59, tzinfo=VN))
    assert submission.status == "submitted"
    assert submission.timeliness == "on_time"
    page = client.get(reverse("collection:submission", args=[submission.pk])).content.decode()
    assert "Đúng hạn" in page


def test_a_web_submission_at_midnight_of_the_deadline_day_is_late(client, people, filled, monkeypatch) -> None:
    client.force_login(people["approver"])
    # 00:00 on the 18th in Vietnam is still the 17th (17:00) in UTC: judged in Vietnam, it is late.
    moment = datetime.datetime(2026, 11, 18, 0, 0, tzinfo=VN)
    assert moment.astimezone(datetime.UTC).day == 17
    submission = submit_at(client, monkeypatch, filled, moment)
    assert submission.timeliness == "late"
    assert "Trễ hạn" in client.get(reverse("collection:submission", args=[submission.pk])).content.decode()


def test_it_refuses_to_submit_with_a_required_value_missing(people, submission) -> None:
    with pytest.raises(workflow.WorkflowError, match="Chỉ tiêu I.8: chưa nhập"):
        workflow.submit(people["approver"], submission)
    assert Submission.objects.get(pk=submission.pk).status == "draft"


def test_it_refuses_to_submit_an_unconfirmed_jump_from_last_period(people, form, units) -> None:
    from chiso.collection.schedules import ensure_expected

    october = ensure_expected(form, "2026-10")[0]
    fill(october, people["reporter"])
    november = ensure_expected(form, "2026-11")[0]
    fill(november, people["reporter"], {**_complete(), "I.8": {"value": "5.000"}})  # 1.250 → 5.000
    with pytest.raises(workflow.WorkflowError, match="I.8: biến động lớn"):
        workflow.submit(people["approver"], november)
    fill(november, people["reporter"], {**_complete(), "I.8": {"value": "5.000", "jump_confirmed": True}})
    assert workflow.submit(people["approver"], november) in ("on_time", "late")


def _complete():
    from tests.fixtures.personas import COMPLETE

    return dict(COMPLETE)


def test_returning_needs_a_reason_the_unit_then_reads(client, people, filled) -> None:
    workflow.submit(people["approver"], filled)
    client.force_login(people["office"])
    url = reverse("collection:return", args=[filled.pk])
    client.post(url, {"reason": ""})
    assert Submission.objects.get(pk=filled.pk).status == "submitted"
    client.post(url, {"reason": "Mẫu số I.2 chưa khớp số hồ sơ tiếp nhận."})
    filled.refresh_from_db()
    assert filled.status == "returned"
    assert Notice.objects.get(submission=filled).text.endswith("Mẫu số I.2 chưa khớp số hồ sơ tiếp nhận.")
    client.force_login(people["reporter"])
    page = client.get(reverse("collection:submission", args=[filled.pk])).content.decode()
    assert "Mẫu số I.2 chưa khớp số hồ sơ tiếp nhận." in page


def test_approval_locks_the_values(client, people, filled) -> None:
    workflow.submit(people["approver"], filled)
    workflow.approve(people["office"], filled)
    value = filled.values.get(item__indicator__code="I.8")
    client.force_login(people["reporter"])
    client.post(
        reverse("collection:submission", args=[filled.pk]),
        {f"v{value.pk}-version": str(value.version), f"v{value.pk}-value": "9"},
    )
    assert EnteredValue.objects.get(pk=value.pk).number == 1250
    page = client.get(reverse("collection:submission", args=[filled.pk])).content.decode()
    assert f'name="v{value.pk}-value"' not in page


def test_an_admin_reopens_an_approved_report_with_a_reason(people, filled) -> None:
    workflow.submit(people["approver"], filled)
    workflow.approve(people["office"], filled)
    with pytest.raises(workflow.WorkflowError, match="lý do"):
        workflow.reopen(people["office"], filled, " ")
    workflow.reopen(people["office"], filled, "Sở xin sửa số liệu I.8")
    assert Submission.objects.get(pk=filled.pk).status == "returned"


def test_every_status_change_is_in_the_audit_trail_with_who_and_why(people, filled) -> None:
    workflow.submit(people["approver"], filled)
    workflow.return_for_changes(people["office"], filled, "Thiếu văn bản kiểm chứng")
    changes = [(e.username, e.old, e.new, e.reason) for e in history(filled) if e.field == "trạng thái"]
    assert changes == [
        ("vanphong", "Đã gửi", "Bị trả lại", "Thiếu văn bản kiểm chứng"),
        ("lanhdao", "Đang nhập", "Đã gửi", ""),
    ]


def test_two_reviewers_cannot_both_act_on_the_same_state(people, filled) -> None:
    workflow.submit(people["approver"], filled)
    stale_copy = Submission.objects.get(pk=filled.pk)
    workflow.approve(people["office"], filled)
    with pytest.raises(StaleEdit, match="vừa được người khác xử lý"):
        workflow.return_for_changes(people["office"], stale_copy, "muộn")
    assert Submission.objects.get(pk=filled.pk).status == "approved"
