"""Backup and restore keep a real report: its values, their audit trail and the evidence file.

A reporter of the demo (a copy of the folder `chiso demo` made) saves a row with an evidence PDF
through the entry page (in a separate process on its own SQLite database); after `chiso backup`
and `chiso restore` into an empty folder the database dump is identical, the value's history is
there and the PDF is byte-equal.
"""

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from tests.fixtures.data_folders import chiso, copy_of, environment

pytestmark = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="runs its own throwaway SQLite databases in subprocesses; engine-independent",
)

PDF = b"%PDF-1.4 bien ban kiem chung so 12/BB-KHCN"

SAVE_ROW = """
from chiso.django_setup import setup; setup()
import json
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from chiso.collection.models import Submission
s = Submission.objects.get(unit__code="so-khcn", form__code="bao-cao-thang-cds", status="draft")  # this month (last month is example data)
v = s.values.filter(item__input_type="number").first()
client = Client(HTTP_HOST="localhost")
client.force_login(User.objects.get(username="khcn_nhaplieu"))
r = client.post(f"/bao-cao-dinh-ky/{s.pk}/gia-tri/{v.pk}/", {
    f"v{v.pk}-version": str(v.version), f"v{v.pk}-value": "1.250",
    # 1.250 is far above the unit's earlier figures: the reporter confirms it with a comment
    f"v{v.pk}-confirm": "on", f"v{v.pk}-comment": "Đã kiểm tra lại với biên bản",
    f"v{v.pk}-evidence_file": SimpleUploadedFile("bien-ban.pdf", PDF_BYTES)}, HTTP_HX_REQUEST="true")
v.refresh_from_db()
print(json.dumps({"status": r.status_code, "file": v.evidence_file.name, "number": str(v.number)}))
""".replace("PDF_BYTES", repr(PDF))

# The database as a sorted dump and the saved value's history, as one line of JSON each.
STATE = """
from chiso.django_setup import setup; setup()
import json
from django.core.management import call_command
from chiso.audit.trail import history
from chiso.backup.archive import EXCLUDED
from chiso.collection.models import EnteredValue
v = EnteredValue.objects.get(evidence_file__endswith=".pdf")
print(json.dumps([[e.field, e.old, e.new, e.user.username] for e in history(v)]))
call_command("dumpdata", natural_foreign=True, natural_primary=True, exclude=EXCLUDED)
"""


def state(data_dir: Path) -> tuple[list, list]:
    """(the value's history, the database's records sorted) of the folder's database."""
    history_line, records = python(data_dir, STATE).split("\n", 1)
    return json.loads(history_line), sorted(
        json.loads(records), key=lambda r: (r["model"], json.dumps(r, sort_keys=True))
    )


def python(data_dir: Path, script: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", script], env=environment(data_dir), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_a_saved_report_with_evidence_survives_backup_and_restore(demo_folder, tmp_path):
    source, target = copy_of(demo_folder, tmp_path / "source"), tmp_path / "target"
    saved = json.loads(python(source, SAVE_ROW))
    assert saved["status"] == 200
    assert Decimal(saved["number"]) == 1250
    assert saved["file"].endswith(".pdf")
    history_before, records_before = state(source)
    assert any(entry[2] and "1.250" in entry[2] for entry in history_before), history_before
    archive = tmp_path / "chiso.zip"
    assert chiso(source, "backup", str(archive)).returncode == 0
    result = chiso(target, "restore", str(archive), "--yes")
    assert result.returncode == 0, result.stderr
    history_after, records_after = state(target)
    assert records_after == records_before
    assert history_after == history_before
    assert (target / "media" / saved["file"]).read_bytes() == PDF
