"""What each kind of job does, step by step, reporting its progress as it goes.

Each function takes the job and its :class:`~chiso.jobs.running.Progress` and returns an
:class:`~chiso.jobs.running.Outcome`, or raises :class:`~chiso.jobs.running.JobFailure` with
the Vietnamese reason. The work itself is the areas' own code (reports, collection, backup):
a job only calls it and says how far it got.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

from chiso.jobs.models import Job, Kind
from chiso.jobs.running import JobFailure, Outcome, Progress, StoredFile, Work


def report_periodic(job: Job, progress: Progress) -> Outcome:
    """The periodic report as the report page builds it, as .docx and (if LibreOffice is there)
    PDF. Parameters: period, framework, unit (the province with figures), date, signer, pdf."""
    from django.core.exceptions import ObjectDoesNotExist

    from chiso.engine.errors import EngineError
    from chiso.engine.periods import period_words
    from chiso.reports.commands import _missing
    from chiso.reports.periodic import MAIN_FRAMEWORK, PeriodicOptions, build_periodic

    p = job.parameters
    options = PeriodicOptions(
        period=p["period"],
        framework=p.get("framework") or MAIN_FRAMEWORK,
        unit=p.get("unit") or None,
        date=datetime.date.fromisoformat(p["date"]) if p.get("date") else None,
        signer_name=p.get("signer", ""),
    )
    progress(5, f"Đang đọc số liệu {period_words(options.period)} và lập nội dung báo cáo")
    try:
        document = build_periodic(options)
    except (ObjectDoesNotExist, LookupError, EngineError) as error:
        raise JobFailure(f"Không lập được văn bản: {_missing(error, p)}.") from None
    progress(50, "Đang dựng văn bản .docx theo mẫu văn bản của tỉnh")
    content = _docx(document, options.unit or (job.province.code if job.province else None))
    name = f"bao-cao-cds-{options.period}"
    pdf, note = None, ""
    if p.get("pdf", True):
        progress(65, "Đang chuyển văn bản sang PDF")
        pdf, note = _pdf(content, name)
    progress(95, "Đang lưu tệp kết quả")
    title = f"{document.header.doc_type.capitalize()}: {document.header.title}"
    return Outcome(summary=f"{title}.{note}", result=StoredFile(f"{name}.docx", content), result_pdf=pdf)


def _docx(document, unit: str | None) -> bytes:
    from chiso.reports.documents import render
    from chiso.reports.layout_fields import LayoutRejected
    from chiso.reports.template_store import current_layout, province_of_unit

    try:
        return render(document, current_layout(document.kind, province_of_unit(unit)))
    except LayoutRejected as rejected:
        raise JobFailure(
            f"Mẫu văn bản đang dùng không dựng được văn bản: {rejected}. Văn phòng chuyển đổi số cần "
            "tải lên mẫu khác ở trang Mẫu văn bản."
        ) from None


def _pdf(content: bytes, name: str) -> tuple[StoredFile | None, str]:
    """The PDF, or none with the sentence saying why (the .docx is still the result)."""
    from chiso.reports.pdf import PdfUnavailable, docx_bytes_to_pdf

    try:
        return StoredFile(f"{name}.pdf", docx_bytes_to_pdf(content)), ""
    except PdfUnavailable as unavailable:
        return None, f" Không có bản PDF: {unavailable}."


def remind(job: Job, progress: Progress) -> Outcome:
    """`chiso remind` of the day (or of parameters["on"]): safe to run again, it only sends
    what is still missing, so a failed run is retried as it is."""
    from chiso.collection.reminders import remind as send
    from chiso.engine.periods import today

    day = datetime.date.fromisoformat(job.parameters["on"]) if job.parameters.get("on") else today()
    progress(10, f"Đang tìm các báo cáo cần nhắc ngày {day:%d/%m/%Y}")
    outcomes = send(day)
    failed = [o for o in outcomes if o.state == "failed"]
    sent = sum(o.state == "sent" for o in outcomes)
    if failed:
        raise JobFailure(
            f"{len(failed)} thư nhắc không gửi được (thông báo trong ứng dụng vẫn đã ghi): {failed[0].error}. "
            "Sửa cấu hình thư rồi bấm «Thử lại»: chỉ thư còn thiếu được gửi lại."
        )
    return Outcome(summary=f"Nhắc nhở ngày {day:%d/%m/%Y}: đã gửi {sent} nhắc nhở, {len(outcomes)} báo cáo cần nhắc.")


def backup(job: Job, progress: Progress) -> Outcome:
    """`chiso backup` into the default storage (the data folder or S3)."""
    from chiso.backup.archive import create

    progress(10, "Đang sao lưu cơ sở dữ liệu và tệp đính kèm")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sao-luu.zip"
        summary = create(path)
        progress(90, "Đang lưu bản sao lưu")
        content = path.read_bytes()
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M")
    return Outcome(
        summary=f"Đã sao lưu {summary.rows} bản ghi và {summary.files} tệp.",
        result=StoredFile(f"sao-luu-{stamp}.zip", content),
    )


def excel_import(job: Job, progress: Progress) -> Outcome:
    """A filled report workbook (kept in the default storage) read and saved into its
    submission as the requester, all or nothing, as the upload page's preview and confirmation
    do. Parameters: submission (id), file (the stored name), name (the file's own name)."""
    from django.core.files import File
    from django.core.files.storage import default_storage

    from chiso.collection import workflow
    from chiso.collection.entry import StaleEdit
    from chiso.collection.excel import read_upload
    from chiso.collection.models import Submission
    from chiso.collection.workbook_limits import UploadRefused

    p = job.parameters
    submission = Submission.objects.select_related("unit", "form").filter(pk=p["submission"]).first()
    if submission is None:
        raise JobFailure(f"Không có báo cáo số {p['submission']} để nhập số liệu.")
    progress(10, f"Đang đọc tệp «{p['name']}»")
    try:
        with default_storage.open(p["file"], "rb") as stored:
            result = read_upload(submission, File(stored, name=p["name"]))
    except UploadRefused as refused:
        raise JobFailure(refused.message) from None
    if result.errors:
        shown = "; ".join(result.errors[:5]) + ("; …" if len(result.errors) > 5 else "")
        raise JobFailure(f"Tệp «{p['name']}» có {len(result.errors)} lỗi, chưa lưu gì: {shown}")
    progress(60, f"Đang lưu {len(result.inputs)} số liệu vào báo cáo của {submission.unit.name}")
    try:
        workflow.require_editable(submission)
        saved = workflow.save_draft(
            job.requested_by, submission, result.inputs, result.narrative or None, result.submission_version
        )
    except (StaleEdit, workflow.WorkflowError) as error:
        raise JobFailure(f"Chưa lưu tệp «{p['name']}»: {error.message}") from None
    if not saved.ok:
        raise JobFailure(f"Chưa lưu tệp «{p['name']}»: dữ liệu không còn hợp lệ; hãy tải tệp lên lại.")
    return Outcome(summary=f"Đã lưu số liệu từ tệp «{p['name']}» ({saved.changed} thay đổi).")


def rescore(job: Job, progress: Progress) -> Outcome:
    """Every kept DTI score and every kept verdict made again (`chiso scores rebuild`): the
    periods of parameters["periods"] (default: every period with data), the scores of
    parameters["frameworks"]."""
    from chiso.assessment.stored_scores import rebuild
    from chiso.engine.numbers import format_number
    from chiso.observations import kept_verdicts

    progress(2, "Đang tính lại điểm DTI của mọi đơn vị")

    def period_done(done: int, total: int) -> None:
        progress(2 + 70 * done // max(total, 1), f"Đang tính lại điểm DTI: xong {done}/{total} kỳ")

    def judged(done: int, total: int) -> None:
        progress(72 + 25 * done // max(total, 1), f"Đang đánh giá lại so với mục tiêu: xong {done}/{total} kỳ")

    asked = job.parameters.get("frameworks") or None
    periods_asked = job.parameters.get("periods") or None
    rebuilt = rebuild(periods_asked, period_done, asked)
    if not rebuilt.frameworks:
        named = f" «{', '.join(asked)}»" if asked else ""
        raise JobFailure(f"Không có bộ chỉ số DTI{named} trong cơ sở dữ liệu: không tính lại điểm nào.")
    verdicts = kept_verdicts.rebuild(periods_asked, judged)
    periods = ", ".join(rebuilt.periods) or "không có kỳ nào có số liệu"
    return Outcome(
        summary=f"Đã lưu {format_number(rebuilt.rows)} điểm DTI (kỳ: {periods}) và "
        f"{format_number(verdicts.rows)} kết quả đánh giá so với mục tiêu."
    )


KINDS: dict[str, Work] = {
    Kind.REPORT_PERIODIC: report_periodic,
    Kind.EXCEL_IMPORT: excel_import,
    Kind.RESCORE: rescore,
    Kind.REMIND: remind,
    Kind.BACKUP: backup,
}
