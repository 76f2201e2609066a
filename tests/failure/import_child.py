"""Child process for test_excel_import: imports a filled workbook and stops half-way.

Run as ``python import_child.py UNIT PERIOD``: it fills every input of the unit's report in the
downloaded workbook, reads it back as the upload page does, and stores it as the confirm page
does; after the second value row is written inside the transaction it prints HALF and sleeps,
waiting for the test to kill it.
"""

import io
import sys
import time

from chiso.django_setup import setup

setup()

from django.contrib.auth.models import User  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from chiso.collection import entry, workflow  # noqa: E402
from chiso.collection.excel import COL, FIRST_ROW, build_workbook, read_upload  # noqa: E402
from chiso.collection.models import Submission  # noqa: E402

TYPED = {
    "number": {"value": 12},
    "fraction": {"numerator": 3, "denominator": 4},
    "yes_no": {"value": "Có"},
    "text": {"value": "Đã triển khai"},
}


def filled_upload(submission: Submission) -> SimpleUploadedFile:
    book = load_workbook(io.BytesIO(build_workbook(submission)))
    ws = book["Số liệu"]
    codes = {v.item.indicator.code: v.item.input_type for v in submission.values.select_related("item__indicator")}
    for row in range(FIRST_ROW, ws.max_row + 1):
        kind = codes.get(ws.cell(row=row, column=2).value)
        for column, value in TYPED.get(kind, {}).items():
            ws.cell(row=row, column=COL[column]).value = value
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("bao-cao.xlsx", out.getvalue())


def main(unit: str, period: str) -> None:
    submission = Submission.objects.get(unit__code=unit, period_id=period)
    user = User.objects.get(username="khcn_nhaplieu")
    result = read_upload(submission, filled_upload(submission))
    assert not result.errors, result.errors
    calls = {"n": 0}
    original = entry.record

    def record_then_stall(*args, **kwargs):
        original(*args, **kwargs)
        calls["n"] += 1
        if calls["n"] == 2:  # two rows and their audit entries written, transaction open
            print("HALF", flush=True)
            time.sleep(120)

    entry.record = record_then_stall
    workflow.save_draft(user, submission, result.inputs, result.narrative or None, result.submission_version)
    print("DONE", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:])
