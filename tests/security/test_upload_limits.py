"""Every upload over CHISO_UPLOAD_MAX_BYTES is refused and stores nothing.

Excel uploads: tests/collection/test_excel.py. Here: evidence files on a report row, and the
office's .docx layouts.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.collection.test_permissions import snapshot

from .test_permission_matrix import docx_bytes

LIMIT = 4096


@pytest.fixture
def small_limit(settings, tmp_path):
    settings.CHISO_UPLOAD_MAX_BYTES = LIMIT
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def test_an_oversize_evidence_file_is_refused_and_nothing_is_stored(client, demo_site, small_limit):
    submission = demo_site["submission"]
    value = submission.values.first()
    client.force_login(demo_site["users"]["reporter"])
    before = snapshot()
    response = client.post(
        f"/bao-cao-dinh-ky/{submission.pk}/gia-tri/{value.pk}/",
        {
            f"v{value.pk}-version": str(value.version),
            f"v{value.pk}-value": "",
            f"v{value.pk}-evidence_file": SimpleUploadedFile("bien-ban.pdf", b"%PDF-" + b"x" * LIMIT),
        },
        HTTP_HX_REQUEST="true",
    )
    assert "vượt giới hạn" in response.content.decode()
    assert snapshot() == before
    assert not any(p.is_file() for p in small_limit.rglob("*"))


def test_an_evidence_file_within_the_limit_is_kept(client, demo_site, small_limit):
    submission = demo_site["submission"]
    value = submission.values.first()
    client.force_login(demo_site["users"]["reporter"])
    client.post(
        f"/bao-cao-dinh-ky/{submission.pk}/gia-tri/{value.pk}/",
        {
            f"v{value.pk}-version": str(value.version),
            f"v{value.pk}-value": "",
            f"v{value.pk}-evidence_file": SimpleUploadedFile("bien-ban.pdf", b"%PDF-small"),
        },
        HTTP_HX_REQUEST="true",
    )
    value.refresh_from_db()
    assert value.evidence_file.read() == b"%PDF-small"


def test_an_oversize_layout_is_refused_and_the_layout_in_use_stays(client, demo_site, small_limit):
    client.force_login(demo_site["users"]["office"])
    big = docx_bytes() + b"\0" * LIMIT  # still a readable zip: only the size is wrong
    before = snapshot()
    response = client.post(
        "/van-ban/mau/tai-len/", {"kind": "periodic", "file": SimpleUploadedFile("mau.docx", big)}, follow=True
    )
    assert "vượt giới hạn" in response.content.decode()
    assert snapshot() == before
