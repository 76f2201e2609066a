"""Evidence files (tài liệu kiểm chứng) are downloaded through a permission check, never from /media/,
from the local disk and from S3-compatible object storage alike (`file_store`)."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

PDF = b"%PDF-1.4 bien ban kiem chung"


@pytest.fixture
def with_evidence(submission, file_store):
    value = submission.values.get(item__indicator__code="I.2")
    value.evidence_file.save("bien-ban.pdf", ContentFile(PDF))
    return value


def test_a_viewer_of_the_unit_downloads_the_evidence(client, people, submission, with_evidence):
    client.force_login(people["viewer"])
    response = client.get(reverse("collection:evidence", args=[submission.pk, with_evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert "bien-ban" in response["Content-Disposition"]


def test_another_unit_s_user_is_refused_the_evidence(client, people, submission, with_evidence):
    client.force_login(people["outsider"])
    response = client.get(reverse("collection:evidence", args=[submission.pk, with_evidence.pk]))
    assert response.status_code == 403


def test_a_value_without_evidence_answers_not_found(client, people, submission):
    value = submission.values.get(item__indicator__code="I.8")
    client.force_login(people["viewer"])
    assert client.get(reverse("collection:evidence", args=[submission.pk, value.pk])).status_code == 404
