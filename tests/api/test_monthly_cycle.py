"""A whole month through the API and the command line, as an integration would run it.

Two units enter a ratio (numerator/denominator) and a count; Sở Tài chính's report is returned
and corrected; the office approves both. The province's figure is then the ratio of the sums and
the sum, covers 2 of 2 units and is judged against the 2026 target; the month's .docx (read back)
carries it in Phụ lục I with last month's figure and the target, and both units in Phụ lục VII
with their timeliness; the overview and open data show the same figure and verdict.
"""

from __future__ import annotations

import datetime
import io
import json
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from django.contrib.auth.models import User
from django.core.cache import cache
from django.test import Client
from django.utils import timezone
from docx import Document as open_docx

from chiso.cli import main
from chiso.collection import workflow
from chiso.collection.models import EnteredValue, Submission
from chiso.collection.schedules import ensure_expected
from tests.fixtures.contents import Contents, contents_fixture
from tests.fixtures.personas import auth, fill, make_form, make_keys, make_people, make_units

MONTH, LAST_MONTH = "2026-11", "2026-10"
ON_TIME, LATE = datetime.date(2026, 11, 14), datetime.date(2026, 11, 20)  # due: before 18/11/2026


def at(day: datetime.date):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))


def cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def write(client, key, submission, code, **typed):
    version = EnteredValue.objects.get(submission=submission, item__indicator__code=code).version
    body = {"submission": submission.pk, "indicator": code, "version": version, **typed}
    response = client.post("/api/values", json.dumps(body), content_type="application/json", **auth(key))
    assert response.status_code == 200, response.content
    return response.json()


def post(client, key, path, body=None):
    response = client.post(path, json.dumps(body or {}), content_type="application/json", **auth(key))
    assert response.status_code == 200, response.content
    return response.json()


def enter_month(client, key, submission, ratio, count):
    # The jump from last month is confirmed, as the reporter does when the entry page asks.
    write(client, key, submission, "I.2", numerator=ratio[0], denominator=ratio[1], jump_confirmed=True)
    write(client, key, submission, "I.8", value=count, jump_confirmed=True)
    write(client, key, submission, "I.6", value="Có")


def _last_month(form, people):
    """October: both units approved, 3.000/4.000 and 300/1.000 (66%), 1.000 and 500 documents."""
    for submission, who, typed in zip(
        ensure_expected(form, LAST_MONTH),
        ("reporter", "outsider"),
        (
            {"I.2": {"numerator": "3.000", "denominator": "4.000"}, "I.8": {"value": "1.000"}},
            {"I.2": {"numerator": "300", "denominator": "1.000"}, "I.8": {"value": "500"}},
        ),
        strict=True,
    ):
        fill(submission, people[who], {**typed, "I.6": {"value": "Có"}})
        workflow.submit(people["approver" if who == "reporter" else "outsider"], submission)
        workflow.approve(people["office"], submission)


# What the month left that the database does not hold: the office's plain key (only its hash is
# stored), the personas' user names, the report's --json output and the .docx written.
MADE: dict = {}


def _the_month() -> None:
    """November through the API over the personas' province: KH&CN on time, Tài chính returned,
    corrected and late; both approved, then the month's report written by the command line."""
    cache.clear()  # nothing an earlier test cached (by ids a test database reuses) is read
    units = make_units()
    people = make_people(units)
    form = make_form(units)
    keys = make_keys(people)
    _last_month(form, people)
    client = Client()
    form.sections = []  # a form of figures only: the API writes figures
    form.save()
    office = cli("apikey", "create", "--user", "vanphong", "--label", "Tích hợp IOC").strip().splitlines()[0]
    ensure_expected(form, MONTH)
    khcn, tai_chinh = (
        Submission.objects.get(form=form, unit=units[c], period_id=MONTH) for c in ("so-khcn", "so-tai-chinh")
    )

    with pytest.MonkeyPatch.context() as monkeypatch, tempfile.TemporaryDirectory() as folder:
        enter_month(client, keys["reporter"], khcn, ("3.662", "4.393"), "1.250")
        monkeypatch.setattr(workflow, "now", lambda: at(ON_TIME))
        assert post(client, keys["approver"], f"/api/submissions/{khcn.pk}/submit")["timeliness"] == "on_time"

        enter_month(client, keys["outsider"], tai_chinh, ("338", "6.070"), "750")
        post(client, keys["outsider"], f"/api/submissions/{tai_chinh.pk}/submit")
        returned = post(
            client, office, f"/api/submissions/{tai_chinh.pk}/return", {"reason": "Mẫu số I.2 ghi thừa một chữ số 0."}
        )
        assert returned["status"] == "returned"
        write(client, keys["outsider"], tai_chinh, "I.2", numerator="338", denominator="607", jump_confirmed=True)
        monkeypatch.setattr(workflow, "now", lambda: at(LATE))
        post(client, keys["outsider"], f"/api/submissions/{tai_chinh.pk}/submit")

        for submission in (khcn, tai_chinh):
            assert post(client, office, f"/api/submissions/{submission.pk}/approve")["status"] == "approved"
        out = Path(folder) / "bao-cao-2026-11.docx"
        written = json.loads(
            cli(
                "report",
                "periodic",
                "--period",
                MONTH,
                "--unit",
                "dong-thap",
                "--date",
                "25/11/2026",
                "--out",
                str(out),
                "--json",
            )
        )
        MADE.update(
            office=office,
            people={name: user.username for name, user in people.items()},
            written=written,
            docx=out.read_bytes(),
        )


# The month is committed once per test process as a contents of the test database
# (tests/fixtures/contents.py), not made again for each test (1.5–2 s each): every test here
# only reads it, and what a test writes (a login's session) rolls back as usual.
MONTHLY_CYCLE = Contents("monthly-cycle", _the_month, rank=8)
monthly_cycle = contents_fixture(
    "monthly_cycle", MONTHLY_CYCLE, "Asks for the month above, committed over an empty database."
)


@pytest.fixture
def month(monthly_cycle, db):
    """The office's key, the report's --json output and its .docx (read back) of the month."""
    return {"office": MADE["office"], "written": MADE["written"], "docx": open_docx(io.BytesIO(MADE["docx"]))}


@pytest.fixture
def people(monthly_cycle, db) -> dict[str, User]:
    """The personas the month was made by (tests/fixtures/personas.py), read from the database."""
    return {name: User.objects.get(username=username) for name, username in MADE["people"].items()}


def province(client, key, code):
    response = client.get(f"/api/province-figures?unit=dong-thap&period={MONTH}", **auth(key))
    assert response.status_code == 200, response.content
    return next(f for f in response.json()["items"] if f["indicator"] == code)


def test_the_province_share_is_the_ratio_of_the_summed_figures_and_meets_its_target(client, month):
    share = province(client, month["office"], "I.2")
    # (3.662 + 338) / (4.393 + 607) = 4.000/5.000, against the 2026 target of 80%
    assert (share["value"], share["number"]) == ("80,00%", 80.0)
    assert (share["target"], share["verdict"], share["verdict_label"]) == ("80%", "met", "Đạt")
    assert share["previous"] == "66,00%"


def test_the_province_count_is_the_sum_and_covers_both_units(client, month):
    count = province(client, month["office"], "I.8")
    assert count["value"] == "2.000"
    assert count["coverage"] == "2/2 đơn vị"
    assert count["missing"] == []


def test_the_months_report_lists_the_province_figure_with_target_previous_and_verdict(month):
    table = next(
        t
        for t in month["docx"].tables
        if len(t.rows) > 1 and any(c.text == "So với KH năm 2026" for c in t.rows[1].cells)
    )
    header = [c.text for c in table.rows[1].cells]
    row = next([c.text for c in r.cells] for r in table.rows if r.cells[1].text.startswith("Tỷ lệ hồ sơ"))
    assert row[header.index("KH năm 2026")] == "80%"
    assert row[header.index("Tháng 10/2026")] == "66,00%"
    assert row[header.index("Tháng 11/2026")] == "80,00%"
    assert row[header.index("So với KH năm 2026")] == "Đạt"


def test_the_months_report_lists_both_units_with_their_timeliness(month):
    table = next(t for t in month["docx"].tables if any("Tổng hợp số lượng" in c.text for c in t.rows[-1].cells))
    rows = {r.cells[1].text: [c.text for c in r.cells] for r in table.rows[2:-1]}
    assert rows["Sở Khoa học và Công nghệ"][2:4] == ["14/11/2026", ""]
    assert rows["Sở Tài chính"][2:4] == ["", "20/11/2026"]


def test_report_json_names_the_file_the_figures_and_the_summary(month):
    written = month["written"]
    assert written["path"].endswith("bao-cao-2026-11.docx")
    figure = next(i for i in written["indicators"] if i["code"] == "I.2")
    assert (figure["value"], figure["previous"], figure["verdicts"]) == ("80,00%", "66,00%", {"KH năm 2026": "Đạt"})
    assert written["summary"].startswith("So với KH năm 2026: Đạt 1/4 chỉ tiêu")


def test_the_overview_shows_the_same_province_figure_and_verdict(client, month, people):
    client.force_login(people["office"])
    page = client.get("/").content.decode()
    block = page[
        page.index('data-testid="province-month"') : page.index(
            "</section>", page.index('data-testid="province-month"')
        )
    ]
    row = block[block.index("I.2.") : block.index("</tr>", block.index("I.2."))]
    assert "80,00%" in row
    assert "Đạt" in row
    assert "2/2 đơn vị" in row


def test_open_data_shows_the_same_province_figure_and_verdict(client, month):
    response = client.get(f"/du-lieu-mo/cds-dong-thap-2021-2025/{MONTH}.json")
    values = response.json()["values"]
    figure = next(v for v in values if v["unit"] == "dong-thap" and v["indicator"] == "I.2")
    assert (figure["value"], figure["evaluation"]) == ("80,00%", "Đạt")


def test_evaluations_give_the_province_verdict_with_its_coverage(client, month):
    response = client.get(
        f"/api/evaluations?framework=cds-dong-thap-2021-2025&unit=dong-thap&period={MONTH}", **auth(month["office"])
    )
    assert response.status_code == 200, response.content
    share = next(e for e in response.json()["items"] if e["indicator"] == "I.2")
    assert (share["origin"], share["status"], share["value"]) == ("rollup", "met", "80,00%")
    assert (share["target_period"], share["coverage"]) == ("2026", "2/2 đơn vị")
