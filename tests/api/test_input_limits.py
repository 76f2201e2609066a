"""What the API accepts is bounded where it is read: a 4xx in Vietnamese, never a 500, and nothing
written; the request limit is the user's, whatever number of keys they make."""

import json

import pytest

from chiso.api.tokens import issue
from chiso.collection.models import EnteredValue
from tests.api.conftest import auth


def _write(client, key, submission, code="I.8", **fields):
    version = EnteredValue.objects.get(submission=submission, item__indicator__code=code).version
    body = {"submission": submission.pk, "indicator": code, "version": version, **fields}
    return client.post("/api/values", json.dumps(body), content_type="application/json", **auth(key))


def _unchanged(submission, code="I.8") -> bool:
    return EnteredValue.objects.get(submission=submission, item__indicator__code=code).version == 1


@pytest.mark.parametrize(
    "value", ["100.000.000.000.000", "-100.000.000.000.000", "99.999.999.999.999,9999999", "1" * 200]
)
def test_a_number_the_column_cannot_hold_is_refused(client, keys, submission, settings, value):
    response = _write(client, keys["reporter"], submission, value=value)
    assert response.status_code == 422, response.content
    assert "quá lớn" in response.json()["message"]
    assert _unchanged(submission)


@pytest.mark.parametrize("field", ["value", "comment", "evidence_ref", "indicator"])
@pytest.mark.parametrize("char", ["\x00", "\x1b", "\ud800"])
def test_a_control_character_in_any_text_is_refused_in_vietnamese(client, keys, submission, field, char):
    response = _write(client, keys["reporter"], submission, **{field: f"12{char}3"})
    assert response.status_code == 422, response.content
    details = response.json()["details"] or [{"message": response.json()["message"]}]
    assert "ký tự" in " ".join(d["message"] for d in details)
    assert _unchanged(submission)


@pytest.mark.parametrize(
    ("field", "length"), [("evidence_ref", 256), ("numerator", 256), ("comment", 32_768), ("indicator", 101)]
)
def test_a_text_longer_than_its_column_is_refused(client, keys, submission, field, length):
    response = _write(client, keys["reporter"], submission, **{field: "Ữ" * length})
    assert response.status_code == 422
    assert _unchanged(submission)
    assert "dài quá" in response.json()["details"][0]["message"]


@pytest.mark.parametrize("number", [0, -1, 2**63, 10**30])
def test_an_id_or_version_out_of_range_is_refused(client, keys, submission, number):
    as_id = client.post(
        "/api/values",
        json.dumps({"submission": number, "indicator": "I.8", "version": 1}),
        content_type="application/json",
        **auth(keys["reporter"]),
    )
    as_version = _write(client, keys["reporter"], submission, value="1", version=number)
    submit = client.post(f"/api/submissions/{number}/submit", **auth(keys["approver"]))
    assert (as_id.status_code, as_version.status_code) == (422, 422)
    assert submit.status_code in (404, 422)
    assert set(submit.json()) == {"code", "message", "details"}


def test_the_request_limit_is_per_user_not_per_key(client, people, settings):
    settings.CHISO_API_REQUESTS_PER_MINUTE = 3
    keys = [issue(people["reporter"], f"Khóa {n}")[1] for n in range(3)]
    codes = [client.get("/api/frameworks", **auth(key)).status_code for key in keys + keys]
    assert codes[:3] == [200, 200, 200]
    assert set(codes[3:]) == {429}


def test_another_users_requests_do_not_count_against_mine(client, keys, settings):
    settings.CHISO_API_REQUESTS_PER_MINUTE = 2
    for _ in range(3):
        client.get("/api/frameworks", **auth(keys["viewer"]))
    assert client.get("/api/frameworks", **auth(keys["reporter"])).status_code == 200
