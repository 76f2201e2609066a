"""An Excel import that dies half-way leaves nothing of it in the database.

Killed: a real process (SQLite file database, as `chiso demo` makes it) is SIGKILLed while its
import transaction has written two value rows and their audit entries. Raising: on the test
database (SQLite or PostgreSQL), the confirm page's save fails on the third row.
"""

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse

from chiso.audit.models import AuditEntry
from chiso.collection import entry
from chiso.collection.excel import COL, build_workbook
from tests.collection.test_excel import as_upload, row_of, stored
from tests.fixtures.data_folders import copy_of, environment

CHILD = Path(__file__).with_name("import_child.py")


def run(data_dir: Path, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args], env=environment(data_dir), capture_output=True, text=True, timeout=300, **kwargs
    )


# This month's draft of Sở KH&CN (last month's report is example data): its period, then its
# values, the report itself and the audit trail's length.
PERIOD = (
    "from chiso.django_setup import setup; setup();"
    "from chiso.collection.models import Submission;"
    "p = Submission.objects.get(unit__code='so-khcn', form__code='bao-cao-thang-cds', status='draft').period_id;"
    "print(p)"
)
STATE = (
    "from chiso.django_setup import setup; setup();"
    "import json; from chiso.collection.models import EnteredValue, Submission;"
    "from chiso.audit.models import AuditEntry;"
    "s = Submission.objects.get(unit__code='so-khcn', period_id={period});"
    "print(json.dumps({{'values': list(EnteredValue.objects.filter(submission=s).order_by('pk')"
    ".values_list('number', 'numerator', 'denominator', 'yes_no', 'text', 'version')),"
    "'submission': [s.version, s.status, s.results_text], 'audit': AuditEntry.objects.count()}},"
    " default=str))"
)


@pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="kills a process on its own SQLite file")
def test_an_import_killed_half_way_leaves_nothing(demo_folder, tmp_path):
    data = copy_of(demo_folder, tmp_path / "data")  # as `chiso demo` left it
    period, before = run(data, "-c", PERIOD + ";" + STATE.format(period="p")).stdout.split("\n", 1)
    before = json.loads(before)
    child = subprocess.Popen(
        [sys.executable, str(CHILD), "so-khcn", period],
        env=environment(data),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline().strip() == "HALF", child.stderr.read()
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    after = json.loads(run(data, "-c", STATE.format(period=repr(period))).stdout)
    assert after == before


def test_an_import_failing_on_the_third_row_stores_nothing(client, people, submission, monkeypatch):
    client.force_login(people["reporter"])
    book = openpyxl.load_workbook(io.BytesIO(build_workbook(submission)))
    ws = book["Số liệu"]
    ws.cell(row=row_of(ws, "I.2"), column=COL["numerator"]).value = 3662
    ws.cell(row=row_of(ws, "I.2"), column=COL["denominator"]).value = 4393
    ws.cell(row=row_of(ws, "I.8"), column=COL["value"]).value = 1250
    ws.cell(row=row_of(ws, "I.6"), column=COL["value"]).value = "Có"
    ws.cell(row=row_of(ws, "I.23"), column=COL["value"]).value = "Nền tảng số"
    response = client.post(reverse("collection:excel_upload", args=[submission.pk]), {"file": as_upload(book)})
    assert response.status_code == 200
    before, audit_before = stored(submission), AuditEntry.objects.count()
    calls = {"n": 0}
    original = entry.record

    def fail_on_third(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError("mất kết nối cơ sở dữ liệu")
        return original(*args, **kwargs)

    monkeypatch.setattr(entry, "record", fail_on_third)
    client.raise_request_exception = False
    response = client.post(reverse("collection:excel_confirm", args=[submission.pk]))
    assert response.status_code == 500
    assert calls["n"] == 3
    assert stored(submission) == before
    assert AuditEntry.objects.count() == audit_before
