"""`chiso demo`: a database with the real Đồng Tháp data, ready to look at."""

from __future__ import annotations

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
    return "\n".join([f"Cơ sở dữ liệu: {_describe(settings.DATABASES['default'])}", report.text(),
                      "", database_summary(), *extras])


# Each area may add demo data of its own (users, forms, schedules…) in a `demo` module with a
# `demo_step()` that is idempotent and returns lines to print.
DEMO_STEPS = ("chiso.accounts.demo", "chiso.collection.demo", "chiso.assessment.demo", "chiso.tasks.demo", "chiso.reports.demo")


def run_area_demo_steps() -> list[str]:
    import importlib

    lines: list[str] = []
    for module_name in DEMO_STEPS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name != module_name:
                raise
            continue
        lines += ["", *module.demo_step()]
    return lines


def _describe(db: dict) -> str:
    return f"{db['ENGINE'].rsplit('.', 1)[-1]} {db['NAME']}"


def database_summary() -> str:
    from chiso.collection.models import Submission
    from chiso.frameworks.models import Framework
    from chiso.observations.models import DataValue, PillarPoints, WrittenEvaluation
    from chiso.orgunits.models import OrgUnit

    lines = ["Đang có:"]
    for fw in Framework.objects.order_by("code"):
        lines.append(f"  - {fw.code}: {fw.indicators.count()} chỉ tiêu — {fw.name}")
    lines += [f"  - {OrgUnit.objects.count()} đơn vị", f"  - {DataValue.objects.count()} giá trị số liệu",
              f"  - {WrittenEvaluation.objects.count()} đánh giá đã ghi",
              f"  - {PillarPoints.objects.count()} điểm chỉ số chính DTI",
              f"  - {Submission.objects.count()} lượt gửi báo cáo"]
    return "\n".join(lines)
