"""The .xlsx exports read back: numbers stay numbers, text that looks like a formula stays text."""

import datetime
from io import BytesIO

from django.contrib.auth.models import User
from django.urls import reverse
from openpyxl import load_workbook

from chiso.observations.models import Dataset
from chiso.tasks.exports import tasks_workbook
from chiso.tasks.models import Task


def test_project_amounts_are_numbers_with_grouping(client, seeded) -> None:
    client.force_login(User.objects.create_user("xem"))
    response = client.get(reverse("tasks:projects_xlsx"))
    wb = load_workbook(BytesIO(response.content))
    ws = wb["Dự án"]
    first = [c.value for c in ws[2]]
    assert first[1] == "pl6-a-1"
    assert first[3] == 43300
    assert ws.cell(row=2, column=4).number_format == "#,##0"
    totals = wb["Tổng theo nhóm"]
    last = [c.value for c in totals[totals.max_row]]
    assert last[0] == "Tổng cộng"
    assert last[2:6] == [27, 706966, 70000, 444909]


def test_text_starting_like_a_formula_is_written_as_text(db) -> None:
    task = Task.objects.create(
        dataset=Dataset.objects.create(code="d"),
        code="t1",
        description="=SUM(A1:A9)",
        expected_output="- Báo cáo Phó Thủ tướng",
        deadline_kind="none",
    )
    ws = load_workbook(BytesIO(tasks_workbook([task], datetime.date(2026, 1, 1))))["Nhiệm vụ"]
    assert ws.cell(row=2, column=4).value == "=SUM(A1:A9)"
    assert ws.cell(row=2, column=4).data_type == "s"
    assert ws.cell(row=2, column=5).data_type == "s"
