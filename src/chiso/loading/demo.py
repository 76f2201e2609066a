"""`chiso demo`: a database with the real Đồng Tháp data, ready to look at."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chiso.datafiles import BUNDLED_DATA

DEMO_FOLDERS = ("frameworks", "orgunits", "datasets")


def bundled_paths() -> list:
    return [BUNDLED_DATA / name for name in DEMO_FOLDERS]


def run_demo() -> str:
    """Create or migrate the database, load the bundled data, and say what is there."""
    from chiso.django_setup import setup

    setup()
    from django.conf import settings
    from django.core.management import call_command

    from chiso.loading import load_paths

    call_command("migrate", verbosity=0, interactive=False)
    report = load_paths(bundled_paths())
    extras = run_area_demo_steps()
    return "\n".join(
        [f"Cơ sở dữ liệu: {_describe(settings.DATABASES['default'])}", report.text(), "", database_summary(), *extras]
    )


def run_area_demo_steps() -> list[str]:
    """Each area's demo data of its own (users, forms, schedules…): a `demo_step()` in the area's
    `demo` module, idempotent, returning lines to print."""
    # Imported here, once run_demo has set Django up: those modules import the areas' models.
    from chiso.assessment import demo as assessment_demo
    from chiso.collection import demo as collection_demo
    from chiso.reports import demo as reports_demo

    lines: list[str] = []
    for step in (collection_demo.demo_step, assessment_demo.demo_step, tasks_step, reports_demo.demo_step):
        lines += ["", *step()]
    return lines


def tasks_step() -> list[str]:
    """The bundled tasks and projects (000 Phụ lục V, VI; 001 §V, Phụ lục II): files the loader
    reads like any other, so their step is the loader's (tasks sits below loading and imports
    none of it); unchanged files are skipped, so running it twice changes nothing."""
    from chiso.loading import load_paths
    from chiso.tasks.models import Project, Task

    report = load_paths([BUNDLED_DATA / "tasks"])
    return [
        "Nhiệm vụ và dự án:",
        report.text(),
        (f"  - {Task.objects.count()} nhiệm vụ, {Project.objects.count()} dự án đầu tư"),
    ]


def _describe(db: Mapping[str, Any]) -> str:
    return f"{db['ENGINE'].rsplit('.', 1)[-1]} {db['NAME']}"


def database_summary() -> str:
    from chiso.collection.models import Submission
    from chiso.frameworks.models import Framework
    from chiso.observations.models import DataValue, PillarPoints, WrittenEvaluation
    from chiso.orgunits.models import OrgUnit

    lines = ["Đang có:"]
    for fw in Framework.objects.order_by("code"):
        lines.append(f"  - {fw.code}: {fw.indicators.count()} chỉ tiêu — {fw.name}")
    lines += [
        f"  - {OrgUnit.objects.count()} đơn vị",
        f"  - {DataValue.objects.count()} giá trị số liệu",
        f"  - {WrittenEvaluation.objects.count()} đánh giá đã ghi",
        f"  - {PillarPoints.objects.count()} điểm chỉ số chính DTI",
        f"  - {Submission.objects.count()} lượt gửi báo cáo",
    ]
    return "\n".join(lines)
