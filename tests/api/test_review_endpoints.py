"""The office approves or returns a report over the API with the web's rules and messages."""

import json

from chiso.collection import workflow
from chiso.collection.models import SubmissionStatus
from tests.fixtures.personas import auth


def post(client, key, path, body=None):
    return client.post(path, json.dumps(body or {}), content_type="application/json", **auth(key))


def sent(filled, people):
    workflow.submit(people["approver"], filled)
    return filled


def test_the_office_approves_a_sent_report(client, keys, filled, people):
    response = post(client, keys["office"], f"/api/submissions/{sent(filled, people).pk}/approve")
    assert response.status_code == 200, response.content
    filled.refresh_from_db()
    assert filled.status == SubmissionStatus.APPROVED


def test_a_unit_cannot_approve_its_own_report(client, keys, filled, people):
    response = post(client, keys["approver"], f"/api/submissions/{sent(filled, people).pk}/approve")
    assert response.status_code == 403
    assert response.json()["code"] == "khong_co_quyen"


def test_a_draft_cannot_be_approved(client, keys, filled):
    response = post(client, keys["office"], f"/api/submissions/{filled.pk}/approve")
    assert response.status_code == 409
    assert response.json()["message"] == "Chỉ phê duyệt được báo cáo đã gửi."


def test_a_return_needs_a_reason_the_unit_will_read(client, keys, filled, people):
    response = post(client, keys["office"], f"/api/submissions/{sent(filled, people).pk}/return", {"reason": " "})
    assert response.status_code == 409
    assert "lý do" in response.json()["message"]
    filled.refresh_from_db()
    assert filled.status == SubmissionStatus.SUBMITTED


def test_a_returned_report_carries_the_reason(client, keys, filled, people):
    response = post(
        client,
        keys["office"],
        f"/api/submissions/{sent(filled, people).pk}/return",
        {"reason": "Thiếu mẫu số chỉ tiêu I.2"},
    )
    assert response.json() == {"id": filled.pk, "status": "returned", "return_reason": "Thiếu mẫu số chỉ tiêu I.2"}


def test_an_unknown_report_is_a_404_in_vietnamese(client, keys, db):
    response = post(client, keys["office"], "/api/submissions/999999/approve")
    assert response.status_code == 404
    assert response.json()["code"] == "khong_tim_thay"
