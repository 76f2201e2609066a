"""Writes through the API respect the token user's units and role; reads, errors and limits."""

import json

from chiso.collection.models import EnteredValue, SubmissionStatus
from tests.fixtures.personas import auth, fill


def _write(client, key, submission, code="I.8", value="1.250", version=None):
    if version is None:
        version = EnteredValue.objects.get(submission=submission, item__indicator__code=code).version
    body = {"submission": submission.pk, "indicator": code, "value": value, "version": version}
    return client.post("/api/values", json.dumps(body), content_type="application/json", **auth(key))


def test_a_reporter_writes_a_value_of_their_own_unit(client, keys, submission):
    response = _write(client, keys["reporter"], submission)
    assert response.status_code == 200, response.content
    assert response.json()["number"] == 1250.0
    assert EnteredValue.objects.get(submission=submission, item__indicator__code="I.8").number == 1250


def test_a_write_outside_the_tokens_units_is_refused_in_vietnamese(client, keys, other_submission):
    response = _write(client, keys["reporter"], other_submission)
    assert response.status_code == 403
    body = response.json()
    assert body["code"] == "khong_co_quyen"
    assert "Sở Tài chính" in body["message"]
    assert EnteredValue.objects.get(submission=other_submission, item__indicator__code="I.8").number is None


def test_a_viewer_token_cannot_write_even_in_its_own_unit(client, keys, submission):
    response = _write(client, keys["viewer"], submission)
    assert response.status_code == 403
    assert response.json()["code"] == "khong_co_quyen"


def test_a_reporter_cannot_send_the_report_only_the_unit_leader_can(client, keys, submission, people):
    fill(submission, people["reporter"])
    refused = client.post(f"/api/submissions/{submission.pk}/submit", **auth(keys["reporter"]))
    sent = client.post(f"/api/submissions/{submission.pk}/submit", **auth(keys["approver"]))
    assert refused.status_code == 403
    assert sent.status_code == 200
    assert sent.json()["status"] == SubmissionStatus.SUBMITTED


def test_a_stale_version_is_refused_and_nothing_changes(client, keys, submission):
    assert _write(client, keys["reporter"], submission, value="10").status_code == 200
    response = _write(client, keys["reporter"], submission, value="20", version=1)
    assert response.status_code == 409
    assert response.json()["code"] == "xung_dot_phien_ban"
    assert EnteredValue.objects.get(submission=submission, item__indicator__code="I.8").number == 10


def test_an_unreadable_value_says_which_indicator(client, keys, submission):
    response = _write(client, keys["reporter"], submission, value="mười")
    assert response.status_code == 422
    assert response.json()["code"] == "du_lieu_khong_hop_le"
    assert "I.8" in response.json()["message"]


def test_a_request_without_a_token_gets_the_one_error_format(client, db):
    response = client.get("/api/frameworks")
    assert response.status_code == 401
    assert set(response.json()) == {"code", "message", "details"}


def test_a_revoked_token_is_refused(client, keys, people):
    from chiso.api.models import ApiToken
    from chiso.api.tokens import revoke

    revoke(ApiToken.objects.get(user=people["reporter"]))
    assert client.get("/api/frameworks", **auth(keys["reporter"])).status_code == 401


def test_values_of_other_units_stay_hidden_until_approved(client, keys, people, submission, other_submission):
    fill(other_submission, people["outsider"])
    listed = client.get("/api/values?status=draft", **auth(keys["reporter"])).json()["items"]
    assert {v["unit"] for v in listed} == {"so-khcn"}


def test_lists_are_paginated(client, keys, form):
    page = client.get("/api/indicators?limit=2&offset=1", **auth(keys["reporter"])).json()
    assert page["count"] == 4
    assert [i["code"] for i in page["items"]] == ["I.8", "I.6"]


def test_a_token_over_its_limit_per_minute_is_told_to_wait(client, keys, settings):
    settings.CHISO_API_REQUESTS_PER_MINUTE = 2
    codes = [client.get("/api/frameworks", **auth(keys["reporter"])).status_code for _ in range(3)]
    assert codes[:2] == [200, 200]
    assert codes[2] == 429


def test_a_token_s_last_use_is_written_once_a_minute(client, keys, people):
    import datetime

    from django.utils import timezone

    from chiso.api.models import ApiToken
    from chiso.api.tokens import allow

    assert client.get("/api/frameworks", **auth(keys["reporter"])).status_code == 200
    assert ApiToken.objects.get(user=people["reporter"]).last_used_at is not None  # a call is a use
    minute = timezone.now().replace(second=0, microsecond=0) + datetime.timedelta(minutes=5)
    for seconds, written in [(10, 10), (40, 10), (70, 70)]:  # once in a minute, again in the next
        assert allow(ApiToken.objects.get(user=people["reporter"]), now=minute + datetime.timedelta(seconds=seconds))
        last_used = ApiToken.objects.get(user=people["reporter"]).last_used_at
        assert last_used == minute + datetime.timedelta(seconds=written)


def test_the_docs_page_uses_the_swagger_files_of_the_installed_package(client, db):
    page = client.get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    assert "cdn" not in page.lower()
