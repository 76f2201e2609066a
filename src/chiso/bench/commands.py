"""`chiso bench report|score|import|load|overview`: each prints the machine and a result table.

`report` and `import` build throwaway data of their own; `score`, `load` and `overview` run on
the database `DATABASE_URL` names (fill it with `chiso synth` first; never a production one).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile

import click


def _fail(message: str) -> None:
    click.echo(f"Lỗi: {message}", err=True)
    sys.exit(2)


def _setup() -> None:
    from chiso.django_setup import setup

    setup()


@click.group(help="Đo thời gian các việc nặng (in bảng kết quả kèm mô tả máy); không phải kiểm thử.")
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
        _fail("Django đã được khởi động với CSDL khác; chạy lệnh này riêng")
    call_command("migrate", verbosity=0, interactive=False)
    from chiso.bench.table import Row, render
    from chiso.reports.bench import run

    steps = run(units)
    rows = [Row(step, seconds, "giây") for step, seconds in steps[:-1]]
    rows.append(Row(steps[-1][0], steps[-1][1], "giây", 5))
    click.echo(render(f"Báo cáo định kỳ, {units} đơn vị", rows))
    shutil.rmtree(folder, ignore_errors=True)


@bench.command("score", help="Chấm điểm và đánh giá mọi đơn vị: 1 kỳ và nhiều năm, so với cách "
                             "1 truy vấn/giá trị trên một mẫu (CSDL đã có «chiso synth»).")
@click.option("--sample", default=40, show_default=True, help="Số đơn vị mẫu cho cách đơn giản.")
@click.option("--years", default=5, show_default=True)
def bench_score(sample: int, years: int) -> None:
    _setup()
    from chiso.bench.scoring import run
    from chiso.bench.table import render

    try:
        result = run(sample, years)
    except LookupError as error:
        _fail(str(error))
    click.echo(render("Chấm điểm và đánh giá mọi đơn vị", result.rows, result.notes))


COMMANDS = [bench]
