"""Backups read the stored files through Django's storage and restore them into it, so a backup
made with the files in S3-compatible object storage holds them and gives them back, as one made
with them on the local disk does (`file_store` runs each test on both)."""

import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from chiso.backup.archive import create
from chiso.orgunits.models import OrgUnit

from .archives import EVIDENCE, PDF, run_restore

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def backup(file_store, tmp_path_factory):
    OrgUnit.objects.create(code="dong-thap", name="Tỉnh Đồng Tháp", type="tinh")
    assert default_storage.save(EVIDENCE, ContentFile(PDF)) == EVIDENCE
    path = tmp_path_factory.mktemp("sao-luu") / "chiso.zip"  # not in the uploads folder
    create(path)
    return path


def test_a_backup_holds_every_stored_file(backup, file_store):
    with zipfile.ZipFile(backup) as archive:
        assert archive.read("media/" + EVIDENCE) == PDF


def test_a_restore_puts_the_files_back_into_the_store(backup, file_store):
    default_storage.delete(EVIDENCE)
    OrgUnit.objects.all().delete()
    assert run_restore(backup).exit_code == 0
    assert file_store.names() == [EVIDENCE]
    with default_storage.open(EVIDENCE, "rb") as restored:
        assert restored.read() == PDF
    assert OrgUnit.objects.filter(code="dong-thap").exists()


def test_a_restore_replaces_a_changed_file_under_its_own_name(backup, file_store):
    default_storage.delete(EVIDENCE)
    default_storage.save(EVIDENCE, ContentFile(b"%PDF-1.4 ban sua sau khi sao luu"))
    assert run_restore(backup).exit_code == 0
    assert file_store.names() == [EVIDENCE]
    with default_storage.open(EVIDENCE, "rb") as restored:
        assert restored.read() == PDF
