"""compose.yaml and the systemd units run real chiso entry points: each command names an app
server module, a Celery application or a `chiso` command that exists (nothing is started)."""

from __future__ import annotations

import importlib
import re
import shlex
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
UNITS = sorted((ROOT / "docs" / "deployment").glob("chiso*.service"))


def entry_point_problem(command: list[str]) -> str:
    """'' when ``command`` starts a real chiso process, else what is wrong with it."""
    program, *args = command
    program = Path(program).name
    if program == "gunicorn":
        module, _, attribute = args[0].partition(":")
        return "" if callable(getattr(importlib.import_module(module), attribute, None)) else f"no {args[0]}"
    if program == "celery":
        from celery.app.utils import find_app

        app = find_app(args[args.index("-A") + 1])
        return "" if app.main == "chiso" and args[2] in ("worker", "beat") else f"not chiso's worker: {args}"
    if program == "chiso":
        from chiso.cli import main

        return "" if args[0] in main.commands else f"no chiso command {args[0]}"
    return f"{program} is not a chiso entry point"


def compose_services() -> dict[str, dict]:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))["services"]


def chiso_services() -> list[str]:
    return sorted(name for name, service in compose_services().items() if service.get("image") == "chiso:local")


@pytest.mark.parametrize("name", chiso_services())
def test_each_chiso_service_of_compose_runs_a_real_entry_point(name):
    assert entry_point_problem(compose_services()[name]["command"]) == ""


def test_compose_runs_the_app_server_the_worker_and_the_clock():
    assert {"app", "worker", "beat"} <= set(chiso_services())
    assert compose_services()["app"]["deploy"]["replicas"] >= 2


def exec_start(unit: Path) -> list[str]:
    text = unit.read_text(encoding="utf-8").replace("\\\n", " ")
    found = re.search(r"^ExecStart=(.+)$", text, re.MULTILINE)
    assert found, f"{unit.name} has no ExecStart"
    return shlex.split(found.group(1))


@pytest.mark.parametrize("unit", UNITS, ids=[u.name for u in UNITS])
def test_each_chiso_systemd_unit_runs_a_real_entry_point(unit):
    assert entry_point_problem(exec_start(unit)) == ""


def test_there_is_a_unit_for_the_app_server_the_worker_and_the_clock():
    assert {"chiso.service", "chiso-worker.service", "chiso-beat.service"} <= {u.name for u in UNITS}
