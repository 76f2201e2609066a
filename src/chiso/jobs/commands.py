"""`chiso jobs`: start a background job and follow its progress, see one, retry a failed one.

With a broker configured the job runs in the Celery worker and the command only follows it;
without one it runs in this process, the same code as the worker's.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from chiso.cli_input import DATE, InputError, VietnameseGroup

POLL_SECONDS = 0.5


@click.group(
    cls=VietnameseGroup,
    help="Công việc chạy nền: báo cáo định kỳ, nhập Excel, nhắc nhở, sao lưu, tính lại điểm DTI; xem tiến độ, chạy lại.",
)
def jobs() -> None:
    pass


@jobs.group(cls=VietnameseGroup, help="Bắt đầu một công việc và theo dõi tiến độ đến khi xong.")
def run() -> None:
    pass


FOLLOW = click.option("--no-wait", is_flag=True, help="Chỉ xếp hàng công việc, in số công việc rồi thoát.")
OUT = click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), help="Ghi tệp kết quả ra đây khi công việc xong."
)


@run.command("report-periodic", help="Báo cáo định kỳ chuyển đổi số (.docx và PDF) của một tỉnh.")
@click.option("--period", required=True, help="Kỳ báo cáo, ví dụ 2024-11.")
@click.option("--framework", default="cds-dong-thap-2021-2025", show_default=True)
@click.option("--unit", help="Tỉnh có số liệu (mặc định: tỉnh có số liệu của bộ chỉ tiêu trong kỳ).")
@click.option("--date", "day", type=DATE, help="Ngày ban hành dd/mm/yyyy (mặc định: hôm nay).")
@click.option("--signer", default="", help="Họ tên người ký.")
@click.option("--no-pdf", is_flag=True, help="Không xuất PDF.")
@FOLLOW
@OUT
def report_periodic(period, framework, unit, day, signer, no_pdf, no_wait, out) -> None:
    _setup()
    from chiso.engine.errors import EngineError
    from chiso.engine.periods import parse_period
    from chiso.orgunits.models import OrgUnit
    from chiso.reports.periodic import default_unit
    from chiso.reports.template_store import province_of_unit

    try:
        period = parse_period(period).id
        unit = unit or default_unit(framework, period)
    except (EngineError, LookupError) as error:
        raise InputError(str(error)) from None
    province = province_of_unit(unit) or OrgUnit.objects.filter(code=unit).first()
    if province is None:
        raise InputError(f"không có đơn vị «{unit}»")
    parameters = {"period": period, "framework": framework, "unit": unit, "signer": signer, "pdf": not no_pdf}
    if day:
        parameters["date"] = day.isoformat()
    _start_and_follow("report-periodic", province, parameters, no_wait, out)


@run.command("remind", help="Gửi nhắc nhở báo cáo của ngày (như `chiso remind`), chạy nền.")
@click.option("--on", "on", type=DATE, default=None, help="Ngày chạy (dd/mm/yyyy); mặc định hôm nay.")
@FOLLOW
def remind(on, no_wait) -> None:
    _setup()
    _start_and_follow("remind", None, {"on": on.isoformat()} if on else {}, no_wait, None)


@run.command("backup", help="Sao lưu CSDL và tệp đính kèm (như `chiso backup`) vào nơi lưu tệp của hệ thống.")
@FOLLOW
@OUT
def backup(no_wait, out) -> None:
    _setup()
    _start_and_follow("backup", None, {}, no_wait, out)


@run.command("rescore", help="Tính lại điểm DTI đã lưu của mọi đơn vị (như `chiso scores rebuild`), chạy nền.")
@click.option("--period", "periods", multiple=True, help="Kỳ cần tính lại, ví dụ 2025; lặp lại cho nhiều kỳ.")
@click.option("--framework", "frameworks", multiple=True, help="Mã bộ chỉ số DTI, ví dụ dti-tinh-2025.")
@FOLLOW
def rescore(periods, frameworks, no_wait) -> None:
    _setup()
    _start_and_follow("rescore", None, {"periods": list(periods), "frameworks": list(frameworks)}, no_wait, None)


@run.command("excel-import", help="Nhập số liệu từ tệp Excel đã điền (mẫu tải từ hệ thống) vào một báo cáo.")
@click.option("--submission", "submission_id", required=True, type=int, help="Mã báo cáo (số ghi trong tệp).")
@click.option("--file", "path", required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--user", "username", required=True, help="Tên đăng nhập của người nhập (cần quyền nhập số liệu).")
@FOLLOW
def excel_import(submission_id: int, path: Path, username: str, no_wait: bool) -> None:
    _setup()
    from django.contrib.auth.models import User
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from chiso.accounts.permissions import can
    from chiso.collection.models import Submission
    from chiso.jobs import running
    from chiso.reports.template_store import province_of_unit

    submission = Submission.objects.select_related("unit").filter(pk=submission_id).first()
    user = User.objects.filter(username=username, is_active=True).first()
    if submission is None:
        raise InputError(f"không có báo cáo số {submission_id}")
    if user is None or not can(user, "enter", submission.unit):
        raise InputError(f"«{username}» không có quyền nhập số liệu của {submission.unit.name}")
    stored = default_storage.save(f"cong-viec/nhap/{path.name}", ContentFile(path.read_bytes()))
    job = running.start(
        "excel-import",
        province=province_of_unit(submission.unit.code),
        requested_by=user,
        parameters={"submission": submission.pk, "file": stored, "name": path.name},
    )
    click.echo(f"Công việc số {job.pk}: {job.get_kind_display()}")
    _after_start(job.pk, no_wait, None)


@jobs.command(help="Trạng thái một công việc; --follow: theo dõi đến khi xong.")
@click.argument("pk", type=int)
@click.option("--follow", is_flag=True, help="Hiện thanh tiến độ đến khi công việc xong.")
@OUT
def status(pk: int, follow: bool, out: Path | None) -> None:
    _setup()
    job = _get(pk)
    if follow:
        job = _follow(job.pk)
    _show(job, out)


@jobs.command("list", help="Các công việc gần đây, mới nhất trước.")
@click.option("--limit", default=20, show_default=True)
def list_jobs(limit: int) -> None:
    _setup()
    from chiso.jobs.models import Job

    for job in Job.objects.select_related("province")[:limit]:
        where = f" — {job.province.name}" if job.province else ""
        click.echo(f"{job.pk:>6}  {job.get_state_display():<16} {job.progress:>3}%  {job.get_kind_display()}{where}")


@jobs.command(help="Chạy lại một công việc đã lỗi và theo dõi đến khi xong.")
@click.argument("pk", type=int)
@FOLLOW
@OUT
def retry(pk: int, no_wait: bool, out: Path | None) -> None:
    _setup()
    from chiso.jobs import running

    job = _get(pk)
    if not running.retry(job):
        raise InputError(f"công việc số {pk} {job.get_state_display().lower()}, không phải đã lỗi")
    _after_start(job.pk, no_wait, out)


def _setup() -> None:
    from chiso.django_setup import setup

    setup()


def _get(pk: int):
    from chiso.jobs.models import Job

    job = Job.objects.filter(pk=pk).first()
    if job is None:
        raise InputError(f"không có công việc số {pk}")
    return job


def _start_and_follow(kind: str, province, parameters: dict, no_wait: bool, out: Path | None) -> None:
    from chiso.jobs import running

    job = running.start(kind, province=province, parameters=parameters)
    click.echo(f"Công việc số {job.pk}: {job.get_kind_display()}")
    _after_start(job.pk, no_wait, out)


def _after_start(pk: int, no_wait: bool, out: Path | None) -> None:
    from chiso.jobs import running

    if no_wait:
        if not running.broker_configured():
            # Without a broker the work runs in this process: it cannot leave before the end.
            running.wait(pk)
        click.echo(f"Xem tiến độ: chiso jobs status {pk} --follow")
        return
    _show(_follow(pk), out)


def _follow(pk: int):
    """A progress bar fed from the job's row until the job ends (or the worker is gone)."""
    from chiso.jobs.models import Job

    job = Job.objects.get(pk=pk)
    shown = 0
    with click.progressbar(length=100, label=job.get_kind_display(), show_percent=True) as bar:
        while True:
            job.refresh_from_db()
            bar.label = job.step or job.get_state_display()
            bar.update(job.progress - shown)
            shown = job.progress
            if job.finished:
                return job
            time.sleep(POLL_SECONDS)


def _show(job, out: Path | None) -> None:
    click.echo(f"Công việc số {job.pk} ({job.get_kind_display()}): {job.get_state_display()}, {job.progress}%")
    if job.state == "failed":
        click.echo(f"Lỗi: {job.error}", err=True)
        sys.exit(1)
    if job.summary:
        click.echo(job.summary)
    if job.state == "done" and out is not None and job.result:
        with job.result.open("rb") as stored:
            out.write_bytes(stored.read())
        click.echo(f"Đã ghi {out}")
        if job.result_pdf:
            pdf = out.with_suffix(".pdf")
            with job.result_pdf.open("rb") as stored:
                pdf.write_bytes(stored.read())
            click.echo(f"Đã ghi {pdf}")


COMMANDS = [jobs]
