"""The `chiso` command line: every job an operator scripts.

Commands that need the database set Django up themselves and use `DATABASE_URL` when it is
set, else the SQLite file under `CHISO_DATA_DIR` (default `./var`). `score --values`,
`evaluate` and `gaps --values` need no database at all.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import click

from chiso.api import commands as api_commands
from chiso.assessment import commands as assessment_commands
from chiso.backup import commands as backup_commands
from chiso.bench import commands as bench_commands
from chiso.cli_input import InputError, VietnameseGroup
from chiso.collection import commands as collection_commands
from chiso.engine.consistency import TableRow, check_table
from chiso.engine.gaps import gaps as find_gaps
from chiso.engine.numbers import format_number
from chiso.engine.scoring import FrameworkScore, score_framework
from chiso.jobs import commands as jobs_commands
from chiso.reports import commands as reports_commands
from chiso.synth import commands as synth_commands
from chiso.tasks import commands as tasks_commands

DTI = "dti-tinh-2025"
# chiso.datafiles (the data files' pydantic models, ~0.3 s to import) is imported by the commands
# that read data files, not here: every other command, and every process the tests start, is
# spared it.


def _num(value: Decimal | None, places: int = 2) -> float | None:
    return None if value is None else float(round(value, places))


def _show(value: Decimal, places: int = 2) -> str:
    return format_number(round(value, places))


@click.group(
    cls=VietnameseGroup, help="chiso: chỉ số chuyển đổi số của tỉnh — nạp dữ liệu, chấm điểm, đánh giá, báo cáo."
)
@click.version_option(package_name="chiso", message="%(prog)s, phiên bản %(version)s")
def main() -> None:
    pass


# --- demo and load ----------------------------------------------------------------------------


@main.command(help="Tạo CSDL, nạp dữ liệu Đồng Tháp từ tài liệu gốc và chạy web tại 127.0.0.1:8000.")
@click.option("--no-serve", is_flag=True, help="Chỉ nạp dữ liệu rồi dừng.")
@click.option("--port", default=8000, show_default=True)
def demo(no_serve: bool, port: int) -> None:
    from chiso.datafiles import DataFileError
    from chiso.loading.demo import run_demo

    try:
        summary = run_demo()
    except DataFileError as error:
        raise InputError(str(error)) from None
    click.echo(summary)
    if not no_serve:
        from django.conf import settings
        from django.core.management import call_command

        # The demo shows the site's own Vietnamese 403/404/500 pages: Django's debug pages are
        # English and list every route. --insecure: runserver serves the static files anyway.
        settings.DEBUG = False
        click.echo(f"Mở http://127.0.0.1:{port}/ (Ctrl+C để dừng)")
        call_command("runserver", f"127.0.0.1:{port}", "--noreload", "--insecure")


@main.command(help="Tạo hoặc nâng cấp cấu trúc CSDL (chạy sau mỗi lần cài phiên bản mới).")
def migrate() -> None:
    from chiso.django_setup import setup

    setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False)


@main.command(help="Nạp các tệp khung chỉ số, đơn vị, bộ số liệu (YAML). Nạp lại không thay đổi gì.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
@click.option(
    "--allow-move",
    is_flag=True,
    help="Cho phép chuyển đơn vị đã có sang tỉnh khác hoặc đổi loại đơn vị (sắp xếp lại đơn vị).",
)
def load(paths: tuple[Path, ...], as_json: bool, allow_move: bool) -> None:
    from chiso.datafiles import DataFileError
    from chiso.loading import load_paths

    try:
        report = load_paths(paths, allow_move=allow_move)
    except DataFileError as error:
        raise InputError(*map(str, error.problems), notes=["Không nạp gì: cơ sở dữ liệu giữ nguyên."]) from None
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(report.text())


# --- score ----------------------------------------------------------------------------------


def score_source_options(command):
    """The options shared by `score` and `gaps`: a unit and period from the database, or a CSV."""
    for option in reversed(
        [
            click.option("--framework", "framework_id", default=DTI, show_default=True),
            click.option("--unit", help="Mã đơn vị, ví dụ dong-thap."),
            click.option("--period", help="Kỳ (năm số liệu), ví dụ 2024."),
            click.option("--kind", help="Loại điểm: self_assessed, appraised, published, projected."),
            click.option(
                "--values",
                "values_csv",
                type=click.Path(exists=True, path_type=Path),
                help="Tệp CSV giá trị (code,value), không cần CSDL.",
            ),
            click.option(
                "--locale",
                default="vi",
                type=click.Choice(["vi", "en"]),
                show_default=True,
                help="Cách viết số trong CSV: vi = 1.234,5; en = 1,234.5",
            ),
            click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON."),
        ]
    ):
        command = option(command)
    return command


def _resolve_score(framework_id, unit, period, kind, values_csv, locale):
    framework = _framework(framework_id)
    if values_csv:
        return framework, score_framework(framework, _values(values_csv, locale))
    if unit and period:
        return framework, _stored_score(framework_id, unit, period, kind)
    raise InputError("cần --values FILE.csv, hoặc --unit và --period")


@main.command(help="Chấm điểm DTI của một đơn vị (từ CSDL) hoặc từ tệp CSV giá trị (code,value).")
@score_source_options
def score(framework_id, unit, period, kind, values_csv, locale, as_json) -> None:
    framework, result = _resolve_score(framework_id, unit, period, kind, values_csv, locale)
    if as_json:
        click.echo(json.dumps(score_json(result), ensure_ascii=False, indent=2))
    else:
        click.echo(score_text(framework, result))


def _framework(framework_id: str):
    from chiso.datafiles import DataFileError, load_framework

    try:
        return load_framework(framework_id)
    except DataFileError as error:
        raise InputError(str(error)) from None


def _values(path: Path, locale: str):
    from chiso.datafiles import DataFileError
    from chiso.datafiles.tables import read_values_csv

    try:
        return read_values_csv(path, locale)
    except DataFileError as error:
        raise InputError(str(error)) from None


def _stored_score(framework_id: str, unit: str, period: str, kind: str | None) -> FrameworkScore:
    from chiso.django_setup import setup

    setup()
    from chiso.observations.scores import ScoreNotFound, unit_score

    try:
        return unit_score(framework_id, unit, period, kind)
    except ScoreNotFound as error:
        raise InputError(str(error)) from None


def score_json(result: FrameworkScore) -> dict:
    return {
        "framework": result.framework,
        "kind": result.kind.value,
        "total": _num(result.total),
        "max_points": _num(result.max_points),
        "index": _num(result.index, 4),
        "pillars": [
            {"code": p.code, "name": p.name, "points": _num(p.points), "max_points": _num(p.max_points)}
            for p in result.pillars
        ],
        "sub_indicators": [
            {
                "code": s.code,
                "value": _value_text(s.value),
                "points": _num(s.points),
                "max_points": _num(s.max_points),
                "provisional": s.provisional,
                "complete": s.complete,
                "note": s.note,
            }
            for s in result.sub_indicators
        ],
    }


def _value_text(value) -> str | None:
    if value is None:
        return None
    return getattr(value, "raw", None) or str(value)


def score_text(framework, result: FrameworkScore) -> str:
    lines = [
        f"{framework.name} — {result.kind.label}",
        (f"Tổng điểm: {_show(result.total)}/{_show(result.max_points, 0)}   Chỉ số: {format_number(result.index)}"),
        "",
    ]
    for p in result.pillars:
        lines.append(f"  {p.code}. {p.name:<32} {_show(p.points):>8} / {_show(p.max_points, 0)}")
    incomplete = [s.code for s in result.sub_indicators if not s.complete]
    if incomplete:
        lines += ["", f"Chưa đủ số liệu để chấm: {', '.join(incomplete)} (tính 0 điểm)"]
    provisional = [s.code for s in result.sub_indicators if s.provisional]
    if provisional:
        lines.append(f"Quy tắc tạm tính (chưa có văn bản gốc): {', '.join(provisional)}")
    return "\n".join(lines)


# --- gaps ---------------------------------------------------------------------------------------


@main.command(help="Điểm bị mất theo chỉ số thành phần, giá trị cần để đạt điểm tối đa.")
@score_source_options
def gaps(framework_id, unit, period, kind, values_csv, locale, as_json) -> None:
    framework, result = _resolve_score(framework_id, unit, period, kind, values_csv, locale)
    if not result.sub_indicators:
        raise InputError("chỉ có điểm theo chỉ số chính, chưa có điểm từng chỉ số thành phần để phân tích")
    rows = find_gaps(framework, result)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "total": _num(result.total),
                    "recoverable": _num(sum((g.lost for g in rows), Decimal(0))),
                    "gaps": [
                        {
                            "code": g.code,
                            "name": g.name,
                            "pillar": g.pillar,
                            "points": _num(g.points),
                            "max_points": _num(g.max_points),
                            "lost": _num(g.lost),
                            "value_for_full": g.value_for_full,
                            "provisional": g.provisional,
                            "complete": g.complete,
                        }
                        for g in rows
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    click.echo(f"Tổng điểm {_show(result.total)}; có thể lấy lại {_show(sum((g.lost for g in rows), Decimal(0)))} điểm")
    for g in rows:
        flag = " (tạm tính)" if g.provisional else ""
        click.echo(
            f"  {g.code:<5} mất {_show(g.lost):>6}  ({_show(g.points)}/{_show(g.max_points, 0)})"
            f"  cần: {g.value_for_full}{flag}"
        )


def _dataset_rows(dataset_file: Path, framework_id: str | None, period: str, target_period: str):
    from chiso.datafiles import read_file
    from chiso.datafiles.evaluation_tables import rows_from_dataset
    from chiso.datafiles.schema import DatasetFile

    dataset = read_file(dataset_file).model
    if not isinstance(dataset, DatasetFile):
        raise InputError(f"Tệp {dataset_file.name} không phải tệp bộ số liệu")
    framework_code = framework_id or dataset.framework
    if not framework_code:
        raise InputError(f"Tệp {dataset_file.name} không ghi khung chỉ tiêu: thêm --framework")
    framework = _framework(framework_code)
    return rows_from_dataset(framework, dataset, period, target_period)


# --- evaluate -----------------------------------------------------------------------------------


@main.command(help="Đánh giá bảng kết quả (code,actual,target[,written]) và đối chiếu với đánh giá đã ghi.")
@click.option(
    "--table",
    "table_csv",
    type=click.Path(exists=True, path_type=Path),
    help="Tệp CSV: code,actual,target[,written][,previous]",
)
@click.option(
    "--dataset",
    "dataset_file",
    type=click.Path(exists=True, path_type=Path),
    help="Hoặc một bộ số liệu YAML (ví dụ 000 Phụ lục I) với --period và --target-period.",
)
@click.option("--framework", "framework_id", help="Khung chỉ tiêu (mặc định: khung của bộ số liệu).")
@click.option("--period", help="Kỳ của kết quả, ví dụ 2024-11.")
@click.option("--target-period", help="Kỳ của chỉ tiêu, ví dụ 2024 hoặc 2021-2025.")
@click.option("--locale", default="vi", type=click.Choice(["vi", "en"]), show_default=True)
@click.option("--json", "as_json", is_flag=True)
def evaluate(table_csv, dataset_file, framework_id, period, target_period, locale, as_json) -> None:
    from chiso.datafiles import DataFileError
    from chiso.datafiles.tables import read_evaluation_csv

    try:
        if table_csv:
            rows = read_evaluation_csv(table_csv, locale)
        elif dataset_file and period and target_period:
            rows = _dataset_rows(dataset_file, framework_id, period, target_period)
        else:
            raise InputError("cần --table FILE.csv, hoặc --dataset FILE.yaml với --period và --target-period")
    except DataFileError as error:
        raise InputError(str(error)) from None
    check = check_table(TableRow(r.code, r.actual, r.target, r.written, r.previous) for r in rows)
    found = {f.code: f for f in check.row_findings}
    if as_json:
        click.echo(
            json.dumps(
                {
                    "rows": [
                        {
                            "code": row.code,
                            "computed": ev.status.value,
                            "computed_label": ev.label,
                            "reason": ev.reason,
                            "written": row.written.value if row.written else None,
                            "agrees": row.code not in found if row.written else None,
                        }
                        for row, ev in check.rows
                    ],
                    "compared": check.compared,
                    "agreed": check.agreed,
                    "disagreements": [
                        {
                            "code": f.code,
                            "written": f.written.value if f.written else None,
                            "computed": f.computed.status.value,
                            "reason": f.computed.reason,
                            "message": f.message,
                        }
                        for f in check.row_findings
                    ],
                    "summary": check.computed_summary,
                    "written_summary": check.written_summary if check.compared else None,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for row, ev in check.rows:
        mark = "  ≠ ghi " + row.written.label if row.code in found and row.written else ""
        click.echo(f"  {row.code:<8} {ev.label:<24} {ev.reason}{mark}")
    click.echo("")
    click.echo(f"Tổng hợp: {check.computed_summary}")
    if check.compared:
        click.echo(f"Khớp với đánh giá đã ghi: {check.agreed}/{check.compared}")
        for f in check.row_findings:
            click.echo(f"  - {f.message}")


# --- commands of each area, kept in the area's own `commands` module --------------------------
# Those modules import Django only inside their commands, so importing them at the top keeps
# `chiso score --values` running without Django configured.

AREA_COMMANDS = (
    api_commands,
    collection_commands,
    assessment_commands,
    tasks_commands,
    reports_commands,
    backup_commands,
    synth_commands,
    bench_commands,
    jobs_commands,
)

for _area in AREA_COMMANDS:
    for _command in _area.COMMANDS:
        main.add_command(_command)
