"""The first screens name tasks by what they are and open with the current plan's tasks."""

import re

from chiso.api.tokens import issue
from chiso.engine import periods
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
    years = [t.plan_year for t in client.get("/nhiem-vu/").context["rows"]]
    current = Task.objects.filter(plan_year__lte=periods.today().year).order_by("-plan_year").first().plan_year
    shown = min(len(years), Task.objects.filter(plan_year=current).count())
    assert years[:shown] == [current] * shown
    assert current not in years[shown:]


def test_the_task_list_is_paged_and_the_next_page_keeps_the_filter(client, office):
    client.force_login(office)
    first = client.get("/nhiem-vu/?xem=theo-han")
    page = first.context["page"]
    assert len(first.context["rows"]) == 50 < page.paginator.count == Task.objects.count()
    assert 'href="?xem=theo-han&amp;trang=2"' in first.content.decode()


def test_a_units_tasks_are_paged_in_plan_order(client, office):
    client.force_login(office)
    unit_code = Task.objects.filter(lead_units__isnull=False).values_list("lead_units__code", flat=True).first()
    rows = client.get(f"/nhiem-vu/?don-vi={unit_code}").context["rows"]
    assert rows
    assert [t.plan_year for t in rows] == sorted((t.plan_year for t in rows), key=lambda y: -(y or 0))
