"""The other kinds of job, each run through `running.execute` on real data: an Excel workbook
saved into its report, the day's reminders, a backup into the storage, the DTI rescoring."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from openpyxl import load_workbook

from chiso.collection.excel import COL, FIRST_ROW, build_workbook
from chiso.jobs import running
from chiso.jobs.models import Job, Kind, State


def _run(kind: str, **fields) -> Job:
    job = running.start(kind, **fields)
    running.execute(job.pk)
    job.refresh_from_db()
    return job


def _workbook(submission, cells: dict) -> bytes:
    book = load_workbook(io.BytesIO(build_workbook(submission)))
    ws = book["Số liệu"]
    rows = {ws.cell(row=r, column=2).value: r for r in range(FIRST_ROW, ws.max_row + 1)}
    for (code, column), value in cells.items():
        ws.cell(row=rows[code], column=COL[column]).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _import_job(submission, people, units, body: bytes) -> Job:
    stored = default_storage.save("cong-viec/nhap/bao-cao.xlsx", ContentFile(body))
    return _run(
        Kind.EXCEL_IMPORT,
        province=units["dong-thap"],
        requested_by=people["reporter"],
        parameters={"submission": submission.pk, "file": stored, "name": "bao-cao.xlsx"},
    )


def test_an_excel_import_job_saves_the_workbook_into_its_report(submission, people, units):
    body = _workbook(submission, {("I.2", "numerator"): 3662, ("I.2", "denominator"): 4393, ("I.8", "value"): 1250})
    job = _import_job(submission, people, units, body)
    assert (job.state, job.summary) == (State.DONE, "Đã lưu số liệu từ tệp «bao-cao.xlsx» (2 thay đổi).")
    i2 = submission.values.get(item__indicator__code="I.2")
    assert (i2.numerator, i2.denominator) == (3662, 4393)


def test_an_excel_import_with_errors_fails_naming_them_and_saves_nothing(submission, people, units):
    body = _workbook(submission, {("I.8", "value"): 1250, ("I.6", "value"): "Chưa rõ"})
    job = _import_job(submission, people, units, body)
    assert job.state == State.FAILED
    assert job.error.startswith("Tệp «bao-cao.xlsx» có 1 lỗi, chưa lưu gì: Trang «Số liệu», ô H")
    assert submission.values.get(item__indicator__code="I.8").number is None


def test_the_reminder_job_reports_what_it_did(db):
    job = _run(Kind.REMIND, parameters={"on": "2026-12-03"})
    assert (job.state, job.summary) == (State.DONE, "Nhắc nhở ngày 03/12/2026: đã gửi 0 nhắc nhở, 0 báo cáo cần nhắc.")


def test_the_backup_job_leaves_its_archive_in_the_storage(units):
    job = _run(Kind.BACKUP)
    assert job.state == State.DONE
    assert job.summary.startswith("Đã sao lưu ")
    with default_storage.open(job.result.name, "rb") as stored:
        assert "manifest.json" in zipfile.ZipFile(io.BytesIO(stored.read())).namelist()


@pytest.mark.usefixtures("dti_data")
def test_the_rescoring_job_rebuilds_the_kept_dti_scores():
    from chiso.observations.models import UnitScore

    UnitScore.objects.all().delete()
    job = _run(Kind.RESCORE, parameters={"frameworks": ["dti-tinh-2025"]})
    assert job.state == State.DONE
    assert UnitScore.objects.exists()
    assert job.summary.startswith(f"Đã lưu {UnitScore.objects.count()} điểm DTI (kỳ: ")


@pytest.mark.usefixtures("dti_data")
def test_the_rescoring_job_also_judges_the_kept_verdicts_again():
    from chiso.observations.models import KeptVerdict

    KeptVerdict.objects.all().delete()
    job = _run(Kind.RESCORE, parameters={"frameworks": ["dti-tinh-2025"]})
    assert job.state == State.DONE
    assert KeptVerdict.objects.exists()
    assert job.summary.endswith(f"và {KeptVerdict.objects.count()} kết quả đánh giá so với mục tiêu.")


def test_rescoring_an_unknown_framework_fails_in_vietnamese(db):
    job = _run(Kind.RESCORE, parameters={"frameworks": ["khong-co"]})
    assert (job.state, job.error) == (
        State.FAILED,
        "Không có bộ chỉ số DTI «khong-co» trong cơ sở dữ liệu: không tính lại điểm nào.",
    )
