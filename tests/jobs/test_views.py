"""The /cong-viec/ pages: the progress partial in each state, starting the background report
from the report page, download, retry, and who may see a job."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from chiso.jobs.models import Job, Kind, State
from tests.fixtures.personas import PASSWORD

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def job(units, people) -> Job:
    return Job.objects.create(
        kind=Kind.REPORT_PERIODIC,
        province=units["dong-thap"],
        requested_by=people["office"],
        parameters={"period": "2026-11"},
        state=State.RUNNING,
        progress=40,
        step="Đang dựng văn bản .docx theo mẫu văn bản của tỉnh",
        attempts=1,
    )


def _as(client, people, who: str):
    client.login(username=people[who].username, password=PASSWORD)
    return client


def test_the_progress_of_a_running_job_asks_for_itself_again_every_second(client, people, job):
    response = _as(client, people, "office").get(reverse("jobs:progress", args=[job.pk]), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<progress max="100" value="40"' in html
    assert 'hx-trigger="every 1s"' in html
    assert "Đang dựng văn bản .docx theo mẫu văn bản của tỉnh" in html


def test_a_done_job_stops_polling_and_offers_its_download(client, people, job):
    job.result.save("bao-cao.docx", ContentFile(b"PK-van-ban"), save=False)
    Job.objects.filter(pk=job.pk).update(state=State.DONE, progress=100, result=job.result.name, summary="Báo cáo: X.")
    html = _as(client, people, "office").get(reverse("jobs:progress", args=[job.pk])).content.decode()
    assert "hx-trigger" not in html
    assert f'href="{reverse("jobs:download", args=[job.pk])}"' in html
    assert "Tải kết quả (.docx)" in html


def test_the_download_is_the_stored_file_under_the_report_page_name(client, people, job):
    job.result.save("bao-cao.docx", ContentFile(b"PK-van-ban"), save=False)
    Job.objects.filter(pk=job.pk).update(state=State.DONE, result=job.result.name)
    response = _as(client, people, "office").get(reverse("jobs:download", args=[job.pk]))
    assert b"".join(response.streaming_content) == b"PK-van-ban"
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-cds-2026-11.docx"'


def test_a_failed_job_shows_its_reason_and_a_retry_button(client, people, job):
    Job.objects.filter(pk=job.pk).update(state=State.FAILED, error="Không lập được văn bản: không có bộ chỉ tiêu «x».")
    html = _as(client, people, "office").get(reverse("jobs:progress", args=[job.pk])).content.decode()
    assert "Không lập được văn bản: không có bộ chỉ tiêu «x»." in html
    assert ">Thử lại</button>" in html
    assert "hx-trigger" not in html


def test_retry_from_the_page_queues_the_job_again(client, people, job):
    Job.objects.filter(pk=job.pk).update(state=State.FAILED, error="Lỗi")
    response = _as(client, people, "office").post(reverse("jobs:retry", args=[job.pk]), **HTMX)
    job.refresh_from_db()
    assert response.status_code == 200
    assert job.state == State.QUEUED
    assert 'hx-trigger="every 1s"' in response.content.decode()


def test_retrying_a_job_that_has_not_failed_is_refused_in_vietnamese(client, people, job):
    response = _as(client, people, "office").post(reverse("jobs:retry", args=[job.pk]))
    assert response.status_code == 409
    assert response.content.decode() == f"Công việc số {job.pk} đang chạy, không phải đã lỗi: không cần chạy lại."


@pytest.mark.parametrize("who", ["reporter", "approver", "viewer", "outsider"])
def test_only_the_province_office_sees_a_job(client, people, job, who):
    response = _as(client, people, who).get(reverse("jobs:job", args=[job.pk]))
    assert response.status_code == 403
    assert "Chỉ Văn phòng chuyển đổi số của tỉnh đã yêu cầu công việc này" in response.content.decode()


def test_the_office_of_another_province_does_not_see_the_job(client, job, django_user_model):
    from chiso.accounts.models import Grant, Role
    from chiso.orgunits.models import OrgUnit

    other = django_user_model.objects.create_user("vanphong-ct", password=PASSWORD)
    Grant.objects.create(
        user=other, unit=OrgUnit.objects.create(code="can-tho", name="TP Cần Thơ", type="tinh"), role=Role.ADMIN
    )
    client.login(username="vanphong-ct", password=PASSWORD)
    assert client.get(reverse("jobs:progress", args=[job.pk])).status_code == 403
    assert job not in client.get(reverse("jobs:list")).context["jobs"]


def test_a_job_of_no_province_is_for_superusers_only(client, people, django_user_model):
    backup = Job.objects.create(kind=Kind.BACKUP)
    assert _as(client, people, "office").get(reverse("jobs:job", args=[backup.pk])).status_code == 403
    django_user_model.objects.create_superuser("quantri", password=PASSWORD)
    client.login(username="quantri", password=PASSWORD)
    assert client.get(reverse("jobs:job", args=[backup.pk])).status_code == 200


def test_the_office_starts_the_background_report_and_gets_its_progress(
    client, people, form, units, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as handed_over:
        response = _as(client, people, "office").post(
            reverse("jobs:start_report"), {"period": "Tháng 11/2026", "unit": "dong-thap"}, **HTMX
        )
    job = Job.objects.get()
    assert response.status_code == 202
    assert len(handed_over) == 1
    assert (job.kind, job.province, job.requested_by, job.state) == (
        Kind.REPORT_PERIODIC,
        units["dong-thap"],
        people["office"],
        State.QUEUED,
    )
    assert job.parameters == {
        "period": "2026-11",
        "framework": "cds-dong-thap-2021-2025",
        "unit": "dong-thap",
        "pdf": True,
    }
    assert f'id="cong-viec-{job.pk}"' in response.content.decode()


def test_without_htmx_starting_the_report_opens_the_job_page(client, people, form):
    response = _as(client, people, "office").post(
        reverse("jobs:start_report"), {"period": "2026-11", "unit": "dong-thap"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:job", args=[Job.objects.get().pk])


def test_a_bad_period_is_refused_in_vietnamese_and_nothing_is_queued(client, people, form):
    response = _as(client, people, "office").post(reverse("jobs:start_report"), {"period": "thang muoi ba"})
    assert response.status_code == 400
    assert response.content.decode().startswith("Chưa tạo được báo cáo: Kỳ báo cáo: ")
    assert not Job.objects.exists()


@pytest.mark.parametrize("who", ["reporter", "viewer"])
def test_only_the_office_starts_a_background_report(client, people, form, who):
    response = _as(client, people, who).post(reverse("jobs:start_report"), {"period": "2026-11", "unit": "dong-thap"})
    assert response.status_code == 403
    assert not Job.objects.exists()


def test_the_report_page_offers_the_office_the_background_report(client, people, form, job):
    html = _as(client, people, "office").get(reverse("reports:page")).content.decode()
    assert "Tạo báo cáo (chạy nền)" in html
    assert f'id="cong-viec-{job.pk}"' in html  # the province's latest background reports, live


def test_the_report_page_has_no_background_form_for_a_reader(client, people, form):
    html = _as(client, people, "viewer").get(reverse("reports:page")).content.decode()
    assert "Tạo báo cáo (chạy nền)" not in html
