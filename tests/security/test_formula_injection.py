"""No export lets a spreadsheet run what a user typed: cells that start a formula stay text.

Task descriptions and results, project names, the log's document numbers and notes, entered
text values and indicator names are set to formulas; every .xlsx export is read back with
openpyxl (no cell is a formula) and every CSV export with the csv module (no cell starts with
= + - @ unless it is a plain number).
"""

import csv
import io
import re

import openpyxl
import pytest

from .routes import site_routes, url_for

FORMULAS = [
    '=HYPERLINK("http://x.example","bấm")',
    "+1+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
]
# A plain number, or a dash alone (000's "no figure"): neither is a formula.
NUMBER = re.compile(r"^([-+]?\d[\d.,]*%?|-)$")


@pytest.fixture
def poisoned(demo_site) -> dict:
    from chiso.collection.models import EnteredValue, Submission
    from chiso.frameworks.models import Indicator
    from chiso.tasks.models import Project, Task

    for i, task in enumerate(Task.objects.all()):
        task.name = task.description = task.status_text = FORMULAS[i % 4]
        task.save()
    for i, project in enumerate(Project.objects.all()):
        project.name = project.status_text = FORMULAS[i % 4]
        project.save()
    for i, submission in enumerate(Submission.objects.all()):
        submission.document = submission.note = submission.results_text = FORMULAS[i % 4]
        submission.save()
    EnteredValue.objects.filter(item__input_type="text").update(text=FORMULAS[0], comment=FORMULAS[1])
    for i, indicator in enumerate(Indicator.objects.filter(framework__code="cds-dong-thap-2021-2025")):
        indicator.name = FORMULAS[i % 4]
        indicator.save()
    return demo_site


def export_urls(site: dict) -> dict[str, list[str]]:
    def url(name: str) -> str:
        return url_for(next(r for r in site_routes() if r.name == name), site["known"])

    periodic = "?kind=periodic&period=2024-11"
    return {
        "xlsx": [
            url("tasks:tasks_xlsx"),
            url("tasks:projects_xlsx"),
            url("collection:excel"),
            url("collection:tracker_export") + "?ky=2024-11",
            "/van-ban/tai-ve.xlsx" + periodic,
        ],
        "csv": [f"/van-ban/tai-ve.csv{periodic}&appendix={key}" for key in ("I", "V", "VI", "VII")]
        + [url("opendata:csv")],
    }


def test_no_xlsx_export_holds_a_formula(client, poisoned):
    client.force_login(poisoned["users"]["office"])
    for url in export_urls(poisoned)["xlsx"]:
        response = client.get(url)
        assert response.status_code == 200, url
        workbook = openpyxl.load_workbook(io.BytesIO(response.content))
        cells = [c for sheet in workbook for row in sheet.iter_rows() for c in row]
        formulas = [f"{c.parent.title}!{c.coordinate}={c.value}" for c in cells if c.data_type == "f"]
        assert not formulas, (url, formulas[:5])
        texts = {c.value for c in cells if isinstance(c.value, str)}
        assert texts & set(FORMULAS), f"{url}: the poisoned text should be in the export, as text"


def test_no_csv_export_starts_a_cell_with_a_formula(client, poisoned):
    client.force_login(poisoned["users"]["office"])
    for url in export_urls(poisoned)["csv"]:
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode("utf-8-sig")
        cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
        dangerous = [c for c in cells if c and c[0] in "=+-@" and not NUMBER.match(c)]
        assert not dangerous, (url, dangerous[:5])
        assert any(c.lstrip("'") in FORMULAS for c in cells), f"{url}: the poisoned text should be there"
