"""A form that includes task progress shows the unit's open tasks and records the notes with the draft."""

from django.urls import reverse

from chiso.observations.models import Dataset
from chiso.tasks.models import ProgressNote, Task


def make_task(unit) -> Task:
    task = Task.objects.create(
        dataset=Dataset.objects.create(code="ke-hoach-cds-2026"),
        code="1",
        description="Triển khai nền tảng số dùng chung",
        deadline_kind="ongoing",
    )
    task.lead_units.add(unit)
    return task


def test_the_report_page_lists_the_units_open_tasks(client, people, units, form, submission) -> None:
    form.includes_tasks = True
    form.save()
    task = make_task(units["so-khcn"])
    client.force_login(people["reporter"])
    page = client.get(reverse("collection:submission", args=[submission.pk])).content.decode()
    assert "Triển khai nền tảng số dùng chung" in page
    assert f'name="task-{task.pk}-text"' in page


def test_saving_the_draft_records_the_task_progress(client, people, units, form, submission) -> None:
    form.includes_tasks = True
    form.save()
    task = make_task(units["so-khcn"])
    client.force_login(people["reporter"])
    client.post(
        reverse("collection:submission", args=[submission.pk]),
        {f"task-{task.pk}-status": "dang_thuc_hien", f"task-{task.pk}-text": "Đã chạy thử tại 3 sở."},
    )
    note = ProgressNote.objects.get(task=task)
    assert (note.text, note.period_id, note.unit.code) == ("Đã chạy thử tại 3 sở.", "2026-11", "so-khcn")


def test_a_form_without_tasks_shows_none(client, people, units, submission) -> None:
    make_task(units["so-khcn"])
    client.force_login(people["reporter"])
    page = client.get(reverse("collection:submission", args=[submission.pk])).content.decode()
    assert "Triển khai nền tảng số dùng chung" not in page
