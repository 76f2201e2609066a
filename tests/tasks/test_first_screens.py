"""The first screens name tasks by what they are and open with the current plan's tasks."""

import re

from chiso.api.tokens import issue
from chiso.tasks.models import Task


def _overdue_names(page: str) -> list[str]:
    block = page.split('id="nhiem-vu"', 1)[1].split("</section>", 1)[0]
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<tr><td>(.*?)</td>", block, re.S)]


def test_the_overdue_block_names_each_task_by_what_it_is(client, office):
    client.force_login(office)
    names = _overdue_names(client.get("/").content.decode())
    assert names
    targets = set(Task.objects.exclude(name="").values_list("description", flat=True))
    assert not targets & set(names)  # "100%", "10%", "Duy trì": targets, not tasks


def test_the_api_describes_a_task_by_what_it_is(client, office):
    task = Task.objects.get(code="pl2-4.1")
    _, key = issue(office, "Khóa thử")
    rows = client.get("/api/tasks?overdue=true&limit=500", HTTP_AUTHORIZATION=f"Bearer {key}").json()["items"]
    row = next(r for r in rows if r["code"] == "pl2-4.1")
    assert row["description"] == task.name != task.description


def test_the_task_list_opens_with_the_current_plans_tasks(client, office):
    client.force_login(office)
    rows = client.get("/nhiem-vu/").context["rows"]
    years = [t.plan_year for t in rows]
    current = max(y for y in years if y)
    first_other = next(i for i, y in enumerate(years) if y != current)
    assert first_other > 0
    assert current not in years[first_other:]
