"""A real backup written by `create`, with one evidence file in a media folder of its own."""

from pathlib import Path

import pytest

from chiso.backup.archive import create
from chiso.orgunits.models import OrgUnit

from .archives import EVIDENCE, PDF


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.DATA_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def backup(media, tmp_path) -> Path:
    """A real backup of two units and one evidence file."""
    province = OrgUnit.objects.create(code="dong-thap", name="Tỉnh Đồng Tháp", type="tinh")
    OrgUnit.objects.create(code="so-khcn", name="Sở Khoa học và Công nghệ", type="so", parent=province)
    (media / EVIDENCE).parent.mkdir(parents=True)
    (media / EVIDENCE).write_bytes(PDF)
    path = tmp_path / "chiso.zip"
    create(path)
    return path
