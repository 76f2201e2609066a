"""`chiso tasks` and `chiso projects` on the seed data (JSON read back)."""

import json

from click.testing import CliRunner

from chiso.cli import main


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_projects_json_has_budgets_by_source_and_printed_totals(seeded) -> None:
    data = json.loads(run("projects", "--json").output)
    assert len(data["projects"]) == 27
    assert data["overall"]["total"] == 706966
    assert data["overall"]["matches_printed"] is True
    b = next(g for g in data["groups"] if g["code"] == "B")
    assert (b["total"], b["central"], b["local"]) == (382022, 0, 226209)


def test_tasks_json_for_a_unit_overdue_on_a_date(seeded) -> None:
    data = json.loads(run("tasks", "--unit", "dtc-cong-an", "--overdue", "--on", "2024-12-01", "--json").output)
    codes = {t["code"] for t in data["tasks"]}
    assert "pl5-v-1" in codes
    assert all(t["overdue"] for t in data["tasks"])


def test_the_day_before_the_deadline_passes_nothing_is_overdue(seeded) -> None:
    # pl5-v-1 is due "Tháng 3" of 2024: 31/03/2024 is its last day.
    on_day = json.loads(run("tasks", "--unit", "dtc-cong-an", "--overdue", "--on", "2024-03-31", "--json").output)
    after = json.loads(run("tasks", "--unit", "dtc-cong-an", "--overdue", "--on", "2024-04-01", "--json").output)
    assert "pl5-v-1" not in {t["code"] for t in on_day["tasks"]}
    assert "pl5-v-1" in {t["code"] for t in after["tasks"]}


def test_an_unknown_unit_is_refused_in_vietnamese(seeded) -> None:
    result = run("tasks", "--unit", "khong-co")
    assert result.exit_code == 2
    assert "không có đơn vị mã «khong-co»" in result.output
