"""Tasks and projects of 000 Phụ lục V, VI and 001 §V, Phụ lục II loaded from the seed files."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from chiso.datafiles import DataFileError
from chiso.loading import load_paths
from chiso.tasks.models import Project, ProjectEvent, ProjectGroup, Task, TaskStatus
from chiso.tasks.queries import project_totals
from tests.tasks.conftest import SEED_FOLDERS


def test_the_27_projects_add_up_to_the_printed_totals(seeded) -> None:
    sums = Project.objects.aggregate(total=Sum("total"), central=Sum("central"), local=Sum("local"))
    assert Project.objects.count() == 27
    assert sums == {"total": Decimal(706966), "central": Decimal(70000), "local": Decimal(444909)}


@pytest.mark.parametrize(
    ("group", "count", "total", "central", "local"),
    [
        ("A", 10, 237944, 50000, 166700),
        ("B", 13, 382022, 0, 226209),
        ("B.I", 6, 99516, 0, 86359),
        ("B.II", 5, 264006, 0, 121350),
        ("B.III", 2, 18500, 0, 18500),
        ("C", 4, 87000, 20000, 52000),
    ],
)
def test_each_group_adds_up_to_its_printed_subtotal(seeded, group, count, total, central, local) -> None:
    rows, _ = project_totals()
    row = next(r for r in rows if r.group.code == group)
    assert (row.computed.count, row.computed.total, row.computed.central, row.computed.local) == (
        count,
        total,
        central,
        local,
    )
    assert row.differences == []


def test_comma_thousands_amounts_read_as_thousands(seeded) -> None:
    assert Project.objects.get(code="pl6-a-1").total == Decimal(43300)


def test_project_lead_matches_the_unit_of_2024(seeded) -> None:
    assert Project.objects.get(code="pl6-a-1").lead_unit.code == "dtc-so-tttt"


def test_dated_status_events_are_kept(seeded) -> None:
    event = ProjectEvent.objects.get(project__code="pl6-b-i-1")
    assert (event.kind, event.date.isoformat(), event.document) == (
        "approved",
        "2024-08-30",
        "Quyết định số 738/QĐ-UBND.HC",
    )


def test_all_tasks_of_the_three_files_are_loaded(seeded) -> None:
    assert Task.objects.filter(dataset__code="dong-thap-tasks-2024-11").count() == 73
    assert Task.objects.filter(dataset__code="dong-thap-dti-tasks-2026", code__startswith="pl2-").count() == 47
    assert Task.objects.filter(dataset__code="dong-thap-dti-tasks-2026", code__startswith="v-").count() == 46


def test_a_task_is_linked_to_the_indicator_it_serves(seeded) -> None:
    task = Task.objects.get(code="v-1-b")
    links = {(link.indicator.code, link.provisional) for link in task.indicator_links.all()}
    assert ("6.4", True) in links


def test_agencies_become_the_units_of_the_documents_date(seeded) -> None:
    task = Task.objects.get(code="pl2-6.3")
    assert {u.code for u in task.lead_units.all()} == {
        "so-tai-chinh",
        "cong-an-tinh",
        "bhxh-tinh",
        "so-nn-mt",
        "so-xay-dung",
        "buu-dien-tinh",
    }


def test_collective_departments_expand_to_every_department_of_the_province(seeded) -> None:
    task = Task.objects.get(code="v-1-a")
    assert "so-khcn" in {u.code for u in task.lead_units.all()}
    assert not task.lead_units.filter(code__startswith="dtc-").exists()


def test_the_local_handler_in_brackets_leads_a_national_task(seeded) -> None:
    task = Task.objects.get(code="pl5-v-1")
    assert [u.code for u in task.lead_units.all()] == ["dtc-cong-an"]
    assert task.status == TaskStatus.WAITING


def test_ministries_stay_as_unmatched_text(seeded) -> None:
    assert "Bộ Công an" in Task.objects.get(code="pl5-v-1").unmatched_agencies


def test_loading_twice_changes_nothing(seeded) -> None:
    report = load_paths(SEED_FOLDERS)
    assert not report.changed


def test_a_reload_keeps_reported_progress(seeded, tmp_path) -> None:
    import datetime

    from django.contrib.auth.models import User

    from chiso.tasks.progress import apply_progress

    task = Task.objects.get(code="pl5-v-1")
    office = User.objects.create_superuser("vp")
    apply_progress(
        task,
        user=office,
        unit=task.lead_units.get(),
        status=TaskStatus.DONE,
        text="Xong",
        on=datetime.date(2024, 12, 2),
    )
    src = (SEED_FOLDERS[2] / "dong-thap-tasks-2024-11.yaml").read_text(encoding="utf-8")
    changed = tmp_path / "dong-thap-tasks-2024-11.yaml"
    changed.write_text(src + "\n# sửa\n", encoding="utf-8")
    load_paths([changed])
    task.refresh_from_db()
    assert (task.status, task.unit_progress.get().text) == (TaskStatus.DONE, "Xong")


def test_an_unknown_deadline_is_refused_naming_file_item_and_field(db, tmp_path) -> None:
    load_paths(SEED_FOLDERS[:2])
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        'dataset: "x"\ntasks:\n  - {code: "t1", description: "Việc", deadline: "sớm nhất"}\n', encoding="utf-8"
    )
    with pytest.raises(DataFileError) as error:
        load_paths([bad])
    assert str(error.value).startswith("Tệp bad.yaml, tasks[1] (mã «t1») › trường «deadline»: Không hiểu thời hạn")
    assert not Task.objects.exists()


def test_a_bad_amount_refuses_the_whole_load(db, tmp_path) -> None:
    src = (SEED_FOLDERS[2] / "dong-thap-projects-2024-11.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "p.yaml"
    bad.write_text(src.replace('total: "43,300"', 'total: "bốn mươi"', 1), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"projects\[1\] \(mã «pl6-a-1»\) › trường «total»"):
        load_paths([*SEED_FOLDERS[:2], SEED_FOLDERS[2] / "dong-thap-tasks-2024-11.yaml", bad])
    assert not Task.objects.exists()
    assert not ProjectGroup.objects.exists()
