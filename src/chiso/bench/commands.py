"""`chiso bench report|score|import|load|overview|api-values|excel`: each prints the machine and a result table.

`report` and `import` build throwaway data of their own; `score`, `load`, `overview` and `api-values` run on
the database `DATABASE_URL` names (fill it with `chiso synth` first; never a production one).
"""

from __future__ import annotations

import os
import shutil
import tempfile

import click

from chiso.cli_input import InputError, VietnameseGroup


def _setup() -> None:
    from chiso.django_setup import setup

    setup()


@click.group(
    cls=VietnameseGroup, help="Đo thời gian các việc nặng (in bảng kết quả kèm mô tả máy); không phải kiểm thử."
)
def bench() -> None:
    pass


@bench.command("report", help="Thời gian lập báo cáo định kỳ cho một tỉnh có N đơn vị, đủ các phụ lục.")
@click.option("--units", default=130, show_default=True)
def bench_report(units: int) -> None:
    folder = tempfile.mkdtemp(prefix="chiso-bench-")
    # A throwaway SQLite file: the real database is never touched.
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    _setup()
    from django.conf import settings
    from django.core.management import call_command

    if folder not in str(settings.DATABASES["default"]["NAME"]):
        raise InputError("Django đã được khởi động với CSDL khác; chạy lệnh này riêng")
    call_command("migrate", verbosity=0, interactive=False)
    from chiso.bench.table import Row, render
    from chiso.reports.bench import run

    steps = run(units)
    rows = [Row(step, seconds, "giây") for step, seconds in steps[:-1]]
    rows.append(Row(steps[-1][0], steps[-1][1], "giây", 5))
    click.echo(render(f"Báo cáo định kỳ, {units} đơn vị", rows))
    shutil.rmtree(folder, ignore_errors=True)


@bench.command(
    "score",
    help="Tính lại và lưu điểm DTI mọi đơn vị, duyệt từng giá trị, chấm và đánh giá: 1 kỳ và nhiều năm, so với cách "
    "1 truy vấn/giá trị trên một mẫu (CSDL đã có «chiso synth»).",
)
@click.option("--sample", default=40, show_default=True, help="Số đơn vị mẫu cho cách đơn giản.")
@click.option("--years", default=5, show_default=True)
@click.option("--approvals", default=1000, show_default=True, help="Số lần duyệt 1 giá trị ngẫu nhiên để đo p95.")
def bench_score(sample: int, years: int, approvals: int) -> None:
    _setup()
    from chiso.bench.scoring import run
    from chiso.bench.table import render

    try:
        result = run(sample, years, approvals)
    except LookupError as error:
        raise InputError(str(error)) from None
    click.echo(render("Chấm điểm và đánh giá mọi đơn vị", result.rows, result.notes))


@bench.command("import", help="Nhập hàng loạt N giá trị từ CSV (COPY trên PostgreSQL), đếm lại rồi xoá.")
@click.option("--values", "count", default=1_000_000, show_default=True)
def bench_import(count: int) -> None:
    _setup()
    from chiso.bench.importing import run
    from chiso.bench.table import render

    try:
        rows, notes = run(count)
    except LookupError as error:
        raise InputError(str(error)) from None
    click.echo(render("Nhập hàng loạt giá trị", rows, notes))


def _pace(duration: float, ramp: float, think: str):
    from chiso.bench.load import Pace

    try:
        low, high = (float(x) for x in think.split("-"))
    except ValueError:
        raise InputError(f"--think «{think}» phải có dạng NHỎ-LỚN (giây), ví dụ 15-45") from None
    return Pace(duration, ramp, (low, high))


@bench.command(
    "load",
    help="Hạn chót: gunicorn trên 127.0.0.1, N người báo cáo đồng thời đăng nhập, mở, "
    "lưu nháp, ký gửi; rồi kiểm tra mọi lần lưu đã xác nhận có trong CSDL.",
)
@click.option("--reporters", default=500, show_default=True)
@click.option("--duration", default=240.0, show_default=True, help="Giây cao điểm sau khi mọi người đã đăng nhập.")
@click.option("--ramp", default=120.0, show_default=True, help="Giây để mọi người lần lượt đăng nhập.")
@click.option("--think", default="15-45", show_default=True, help="Giây suy nghĩ giữa hai thao tác.")
@click.option("--workers", type=int, help="Số tiến trình gunicorn mỗi máy chủ (mặc định 2 × số lõi + 1).")
@click.option(
    "--servers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 8),
    help="Số máy chủ ứng dụng (gunicorn, mỗi máy một cổng); người báo cáo chia đều cho các máy.",
)
@click.option("--redis", "redis_url", default="", help="REDIS_URL cho các máy chủ (phiên, bộ đệm dùng chung).")
def bench_load(
    reporters: int, duration: float, ramp: float, think: str, workers: int | None, servers: int, redis_url: str
) -> None:
    _setup()
    from chiso.bench.load import latency_rows, lost, run_reporters, signin_rows
    from chiso.bench.people import reporters as make_reporters
    from chiso.bench.server import default_workers, gunicorns
    from chiso.bench.table import Row, render

    pace = _pace(duration, ramp, think)
    _one_server_on_sqlite(servers)
    try:
        people = make_reporters(reporters)
    except LookupError as error:
        raise InputError(str(error)) from None
    workers = workers or default_workers()
    log = tempfile.mktemp(prefix="chiso-gunicorn-", suffix=".log")
    with gunicorns(servers, workers, log, redis_url) as ports:
        run = run_reporters(ports, people, pace)
    tally = run.measured
    values_lost, submissions_lost = lost(tally)
    rows = (
        latency_rows(tally, run.measured_seconds, 300)
        + signin_rows(run)
        + [
            Row("giá trị đã lưu được xác nhận", len(tally.saved), ""),
            Row("báo cáo ký gửi được xác nhận", len(tally.submitted), ""),
            Row("giá trị đã xác nhận nhưng không có trong CSDL", values_lost, "", 1),
            Row("báo cáo đã xác nhận nhưng chưa ở trạng thái «Đã gửi»", submissions_lost, "", 1),
        ]
    )
    layout = f"gunicorn {workers} tiến trình (sync)"
    if servers > 1:
        layout = f"{servers} máy chủ ứng dụng, mỗi máy {layout}, người báo cáo chia đều cho các máy"
    layout += ", Redis dùng chung" if redis_url else ", không có Redis"
    notes = [
        (
            f"{reporters} người báo cáo, {layout}; đăng nhập dần trong "
            f"{ramp:g} giây, rồi {run.measured_seconds:.0f} giây mở, lưu nháp, ký gửi, nghỉ {think} giây giữa "
            f"hai thao tác. Độ trễ và mục tiêu p95 tính trên các yêu cầu lúc cao điểm (không gồm đăng "
            f"nhập, đo riêng ở dưới); nhật ký {log}."
        )
    ]
    notes += [f"Lỗi: {e}" for e in sorted(set(run.signin.errors + tally.errors))[:10]]
    click.echo(render("Tải ngày hạn chót", rows, notes))


def _one_server_on_sqlite(servers: int) -> None:
    """Several app servers write one database at once: SQLite locks the whole file for a write,
    so the other server's requests fail with «database is locked» (seen here) — PostgreSQL only."""
    from django.db import connection

    if servers > 1 and connection.vendor == "sqlite":
        raise InputError("--servers lớn hơn 1 cần CSDL PostgreSQL (DATABASE_URL): SQLite khoá cả tệp khi ghi")


@bench.command("overview", help="Trang tổng quan với N người xem đồng thời (gunicorn trên 127.0.0.1).")
@click.option("--viewers", default=50, show_default=True)
@click.option("--duration", default=120.0, show_default=True)
@click.option("--ramp", default=20.0, show_default=True, help="Giây để mọi người lần lượt đăng nhập.")
@click.option("--think", default="1-3", show_default=True, help="Giây đọc trang trước khi tải lại.")
@click.option("--workers", type=int, help="Số tiến trình gunicorn (mặc định 2 × số lõi + 1).")
def bench_overview(viewers: int, duration: float, ramp: float, think: str, workers: int | None) -> None:
    _setup()
    from chiso.bench.load import latency_rows, run_viewers, signin_rows
    from chiso.bench.people import viewers as make_viewers
    from chiso.bench.server import default_workers, gunicorn
    from chiso.bench.table import render

    pace = _pace(duration, ramp, think)
    try:
        names = make_viewers(viewers)
    except LookupError as error:
        raise InputError(str(error)) from None
    workers = workers or default_workers()
    log = tempfile.mktemp(prefix="chiso-gunicorn-", suffix=".log")
    with gunicorn(workers, log) as port:
        run = run_viewers([port], names, pace)
    notes = [
        (
            f"{viewers} người xem, gunicorn {workers} tiến trình (sync); đăng nhập dần trong {ramp:g} giây, "
            f"rồi {run.measured_seconds:.0f} giây đọc {think} giây và tải lại trang tổng quan. Độ trễ và mục tiêu "
            f"p95 tính trên các lần tải trang (đăng nhập đo riêng ở dưới); nhật ký {log}."
        )
    ]
    notes += [f"Lỗi: {e}" for e in sorted(set(run.signin.errors + run.measured.errors))[:10]]
    click.echo(
        render("Trang tổng quan", latency_rows(run.measured, run.measured_seconds, 200) + signin_rows(run), notes)
    )


@bench.command(
    "api-values",
    help="Trang GET /api/values (trang đầu, trang sâu, lọc theo đơn vị, theo kỳ): độ trễ p95 và bộ nhớ đỉnh "
    "mỗi yêu cầu, đọc trong tiến trình trên CSDL đã có «chiso synth».",
)
@click.option("--requests", default=100, show_default=True, help="Số yêu cầu mỗi loại trang.")
@click.option("--limit", default=1000, show_default=True, help="Số dòng mỗi trang.")
def bench_api_values(requests: int, limit: int) -> None:
    _setup()
    from chiso.bench.api_values import rows, run
    from chiso.bench.table import render

    try:
        pages = run(requests, limit)
    except LookupError as error:
        raise InputError(str(error)) from None
    notes = [
        (
            f"{requests} yêu cầu mỗi loại trang, {limit} dòng mỗi trang, qua toàn bộ middleware (Django test client, "
            "không qua mạng) bằng khóa API của một người quản trị tỉnh; bộ nhớ đỉnh đo bằng tracemalloc trên các "
            "yêu cầu riêng (không tính vào thời gian)."
        )
    ]
    notes += [f"Lỗi: {e}" for e in sorted(set(pages.errors))[:10]]
    click.echo(render("GET /api/values", rows(pages), notes))


@bench.command(
    "excel",
    help="Đọc hoặc từ chối tệp Excel tải lên, cả các tệp độc hại: thời gian và "
    "bộ nhớ tăng thêm, mỗi tệp trong một tiến trình riêng (không dùng CSDL).",
)
def bench_excel() -> None:
    _setup()  # only for the machine description the table starts with
    from chiso.bench.excel_upload import rows
    from chiso.bench.table import render

    table, notes = rows()
    click.echo(render("Tệp Excel tải lên", table, notes))


COMMANDS = [bench]
