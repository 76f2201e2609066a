"""The tracker: 000 Phụ lục VII from the seed, web submissions judged live, filters, export."""

import datetime
from io import BytesIO

import pytest
import yaml
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from chiso.accounts.models import Grant, Role
from chiso.collection.models import FormAssignment, FormItem, ReportForm, Submission
from chiso.collection.schedules import ensure_expected
from chiso.collection.tracker import LOG, TrackerFilter, totals, tracker_rows
from chiso.datafiles import BUNDLED_DATA
from chiso.orgunits.models import OrgUnit

SEED = BUNDLED_DATA / "datasets" / "dong-thap-submissions-2024-11.yaml"


@pytest.fixture
def seed_log(log_2024_11, db) -> dict:
    """The org units and the 11/2024 submission log, loaded as `chiso demo` loads them, once per
    test process (tests/fixtures/contents.py)."""
    return yaml.safe_load(SEED.read_text(encoding="utf-8"))["printed_totals"]


def test_the_log_of_11_2024_re_adds_to_the_printed_totals(seed_log) -> None:
    result = totals(tracker_rows("2024-11", None))
    assert (result.on_time, result.late) == (seed_log["on_time"], seed_log["late"])
    assert result.narrative_received == seed_log["narrative_received"]
    assert result.narrative_complete == seed_log["narrative_complete"]
    assert result.narrative_incomplete == seed_log["narrative_incomplete"]
    assert result.appendix_received == seed_log["appendix_received"]
    assert result.appendix_complete == seed_log["appendix_complete"]
    assert result.appendix_incomplete == seed_log["appendix_incomplete"]


def test_the_log_lists_every_unit_in_the_printed_order_with_the_two_missing(seed_log) -> None:
    rows = tracker_rows("2024-11", None)
    assert len(rows) == 30
    assert rows[0].unit.code == "dtc-van-phong-ubnd"
    assert rows[0].timeliness == "missing"
    assert [r.unit.code for r in rows if r.timeliness == "missing"][0] == "dtc-van-phong-ubnd"
    assert totals(rows).missing == 2


def test_a_report_dated_on_the_deadline_is_late(seed_log) -> None:
    row = next(r for r in tracker_rows("2024-11", None) if r.unit.code == "dtc-thanh-tra")
    assert row.received_on == datetime.date(2024, 11, 18)
    assert row.timeliness == "late"
    assert row.submission.document == "1244/TTr-VP"


def test_filters_narrow_the_rows_and_the_totals_follow(seed_log) -> None:
    late = tracker_rows("2024-11", None, chosen=TrackerFilter(timeliness="late"))
    assert len(late) == 11
    assert totals(late).late == 11
    assert totals(late).on_time == 0
    districts = tracker_rows("2024-11", None, chosen=TrackerFilter(unit_type="huyen"))
    assert districts
    assert all(r.unit.type == "huyen" for r in districts)


# --- web submissions ------------------------------------------------------------------------


@pytest.fixture
def monthly(indicator, merger) -> dict:
    """A monthly form with one required item, assigned to two departments."""
    province = merger["dong-thap"]
    form = ReportForm.objects.create(
        code="cds-thang", name="Báo cáo CĐS tháng", period_kind="month", deadline_rule="18", sections=["kho_khan"]
    )
    FormItem.objects.create(form=form, indicator=indicator, input_type="fraction")
    units = [
        OrgUnit.objects.create(code=c, name=n, type="so_ban_nganh", parent=province)
        for c, n in (("so-khcn", "Sở Khoa học và Công nghệ"), ("so-y-te", "Sở Y tế"))
    ]
    for unit in units:
        FormAssignment.objects.create(form=form, unit=unit)
    submissions = {s.unit.code: s for s in ensure_expected(form, "2026-11")}
    return {"form": form, "units": units, "submissions": submissions, "province": province}


def send(submission: Submission, at: datetime.datetime, figures: bool = True, narrative: bool = True):
    if figures:
        value = submission.values.get()
        value.numerator, value.denominator = 145, 226
        value.save()
    submission.difficulties_text = "Thiếu nhân lực CNTT" if narrative else ""
    submission.status, submission.received_at = "submitted", at
    submission.save()


def vn(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=timezone.get_default_timezone())


def test_every_assigned_unit_has_a_row_and_an_unsent_one_is_missing(monthly) -> None:
    rows = tracker_rows("2026-11", monthly["form"])
    assert {r.unit.code for r in rows} == {"so-khcn", "so-y-te"}
    assert all(r.timeliness == "missing" and r.complete is None for r in rows)


def test_a_web_report_sent_at_23_59_the_day_before_is_on_time_and_at_midnight_late(monthly) -> None:
    send(monthly["submissions"]["so-khcn"], vn(2026, 11, 17, 23, 59))
    send(monthly["submissions"]["so-y-te"], vn(2026, 11, 18, 0, 0))
    by_unit = {r.unit.code: r.timeliness for r in tracker_rows("2026-11", monthly["form"])}
    assert by_unit == {"so-khcn": "on_time", "so-y-te": "late"}


def test_a_web_report_without_its_figures_or_narrative_is_incomplete(monthly) -> None:
    send(monthly["submissions"]["so-khcn"], vn(2026, 11, 10, 9, 0), figures=False)
    send(monthly["submissions"]["so-y-te"], vn(2026, 11, 10, 9, 0), narrative=False)
    rows = {r.unit.code: r for r in tracker_rows("2026-11", monthly["form"])}
    assert rows["so-khcn"].appendix.complete is False
    assert rows["so-khcn"].missing_items == ("1.1",)
    assert rows["so-khcn"].narrative.complete is True
    assert rows["so-y-te"].narrative.complete is False
    assert rows["so-y-te"].appendix.complete is True
    result = totals(list(rows.values()))
    assert (result.appendix_incomplete, result.narrative_incomplete) == (1, 1)


# --- the page -------------------------------------------------------------------------------


def user_with(role: str, unit: OrgUnit, name: str) -> Client:
    user = User.objects.create_user(name, password="x")
    Grant.objects.create(user=user, unit=unit, role=role)
    client = Client()
    client.force_login(user)
    return client


def test_a_unit_user_sees_only_its_own_unit(monthly) -> None:
    client = user_with(Role.REPORTER, monthly["units"][1], "yte")
    page = client.get(reverse("collection:tracker"), {"ky": "2026-11", "mau": "cds-thang"}).content.decode()
    assert "Sở Y tế" in page
    assert "Sở Khoa học và Công nghệ" not in page


def test_the_office_sees_every_unit_and_the_totals_line(monthly) -> None:
    send(monthly["submissions"]["so-khcn"], vn(2026, 11, 17, 8, 0))
    client = user_with(Role.ADMIN, monthly["province"], "vanphong")
    page = client.get(reverse("collection:tracker"), {"ky": "2026-11", "mau": "cds-thang"}).content.decode()
    assert "Sở Y tế" in page
    assert "Sở Khoa học và Công nghệ" in page
    assert "Đã gửi 1/2" in page
    assert "Đúng hạn 1 · Trễ hạn 0 · Chưa gửi 1" in page


def test_the_tracker_needs_a_login(monthly) -> None:
    response = Client().get(reverse("collection:tracker"))
    assert response.status_code == 302
    assert "/tai-khoan/dang-nhap/" in response["Location"]


def test_the_11_2024_log_is_the_default_view_of_its_period(seed_log) -> None:
    client = user_with(Role.VIEWER, OrgUnit.objects.get(code="dong-thap-cu"), "lanhdao")
    page = client.get(reverse("collection:tracker"), {"ky": "2024-11"}).content.decode()
    assert "1244/TTr-VP" in page
    assert "Đã gửi 28/30" in page


def test_the_export_reads_back_with_rows_totals_and_text_kept_as_text(seed_log) -> None:
    unit = OrgUnit.objects.get(code="dtc-thanh-tra")
    unit.name = "=HYPERLINK(\"http://x\")"
    unit.save()
    client = user_with(Role.VIEWER, OrgUnit.objects.get(code="dong-thap-cu"), "lanhdao")
    response = client.get(reverse("collection:tracker_export"), {"ky": "2024-11", "mau": LOG})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(BytesIO(response.content)).active
    rows = list(ws.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 31  # 30 units and the totals line
    formula_row = next(r for r in rows if r[11] == "1244/TTr-VP")
    assert formula_row[1] == "=HYPERLINK(\"http://x\")"
    assert ws.cell(row=4 + 1, column=2).data_type == "s"
    assert rows[-1][1:11] == ("Tổng hợp số lượng", 28, 17, 11, 28, 28, 0, 28, 28, 0)


def test_the_merged_province_s_office_sees_the_former_province_s_log(seed_log) -> None:
    client = user_with(Role.ADMIN, OrgUnit.objects.get(code="dong-thap"), "vanphong")
    page = client.get(reverse("collection:tracker"), {"ky": "2024-11"}).content.decode()
    assert "1244/TTr-VP" in page
    assert "Đã gửi 28/30" in page


def test_a_department_of_the_merged_province_does_not_see_others_history(seed_log) -> None:
    client = user_with(Role.REPORTER, OrgUnit.objects.get(code="so-khcn"), "khcn")
    page = client.get(reverse("collection:tracker"), {"ky": "2024-11"}).content.decode()
    assert "1244/TTr-VP" not in page  # Thanh tra Tỉnh (cũ) is not Sở KH&CN's predecessor
