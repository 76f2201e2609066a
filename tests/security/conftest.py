"""The demo site (`chiso demo`'s data and users) and the values that fill every route's arguments."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

DEMO_PASSWORD = "Demo-chiso-2026"
# Demo users by role (README, "Periodic reports"): the personas of the matrix.
PERSONAS = {
    "office": "vanphong",
    "reporter": "khcn_nhaplieu",
    "approver": "khcn_lanhdao",
    "viewer": "lanhdao_tinh",
    "outsider": "xa_lanhdao",
}


@pytest.fixture
def demo_site(demo_data, db) -> dict:
    """Everything `chiso demo` loads, plus a scenario, an API key and a notice to reach every route."""
    from chiso.api import tokens
    from chiso.assessment.models import DtiRound
    from chiso.collection.models import Notice, Submission
    from chiso.frameworks.models import Indicator
    from chiso.orgunits.models import OrgUnit
    from chiso.simulator.models import Scenario
    from chiso.tasks.models import Task

    users = {persona: User.objects.get(username=name) for persona, name in PERSONAS.items()}
    submission = Submission.objects.filter(unit__code="so-khcn").order_by("-period_id").first()
    province = OrgUnit.objects.get(code="dong-thap")
    scenario = Scenario.objects.create(
        name="Kịch bản thử", unit=province, base_period_id="2024", created_by=users["office"]
    )
    token, _ = tokens.issue(users["office"], "Hệ thống thử")
    notice = Notice.objects.create(unit=submission.unit, submission=submission, text="Nhắc báo cáo")
    dti_round = DtiRound.objects.get(year=2026, province=province)
    task = Task.objects.filter(lead_units__code="so-khcn").first() or Task.objects.first()
    done_job, failed_job = _jobs(province, users["office"])
    draft = _draft(province, users["office"])
    return {
        "users": users,
        "submission": submission,
        "scenario": scenario,
        "token": token,
        "task": task,
        "round": dti_round,
        "known": {
            "query": {"collection:aggregation": f"?mau={submission.form.code}&ky={submission.period_id}"},
            "code": "so-khcn",
            "pk": submission.pk,
            "value_pk": submission.values.first().pk,
            "framework": {"code": "dti-tinh-2025"},
            "indicator": {"pk": Indicator.objects.get(framework__code="dti-tinh-2025", code="3.3").pk},
            "collection:notice_read": {"pk": notice.pk},
            "assessment:round": {"year": 2026, "province": "dong-thap"},
            "assessment:points": {"year": 2026, "province": "dong-thap", "code": "3.3"},
            "assessment:assign": {"year": 2026, "province": "dong-thap"},
            "tasks:detail": {"pk": task.pk},
            "tasks:add_progress": {"pk": task.pk},
            "simulator:detail": {"pk": scenario.pk},
            "simulator:recompute": {"pk": scenario.pk},
            "simulator:save": {"pk": scenario.pk},
            "api_revoke": {"pk": token.pk},
            "jobs:job": {"pk": done_job.pk},
            "jobs:progress": {"pk": done_job.pk},
            "jobs:download": {"pk": done_job.pk},
            "jobs:download_pdf": {"pk": done_job.pk},
            "jobs:retry": {"pk": failed_job.pk},
            "reports:download": {"fmt": "xlsx"},
            "reports:draft": {"pk": draft.pk},
            "reports:draft_save": {"pk": draft.pk},
            "reports:draft_restore": {"pk": draft.pk},
            "reports:draft_redraft": {"pk": draft.pk},
            "reports:draft_download": {"pk": draft.pk, "fmt": "docx"},
            "reports:layout_download": {"kind": "periodic"},
            "opendata:table": {"code": "cds-dong-thap-2021-2025", "period_id": "2024-11"},
            "opendata:csv": {"code": "cds-dong-thap-2021-2025", "period_id": "2024-11"},
            "opendata:json": {"code": "cds-dong-thap-2021-2025", "period_id": "2024-11"},
        },
    }


def _jobs(province, office):
    """A background report done (with its .docx and PDF) and one failed, of the demo province."""
    from django.core.files.base import ContentFile

    from chiso.jobs.models import Job, Kind, State

    done = Job(kind=Kind.REPORT_PERIODIC, province=province, requested_by=office, state=State.DONE, progress=100)
    done.parameters = {"period": "2024-11"}
    done.result.save("bao-cao.docx", ContentFile(b"PK"), save=False)
    done.result_pdf.save("bao-cao.pdf", ContentFile(b"%PDF-"), save=False)
    done.save()
    failed = Job.objects.create(
        kind=Kind.REPORT_PERIODIC, province=province, requested_by=office, state=State.FAILED, error="Lỗi thử"
    )
    return done, failed


def _draft(province, office):
    """A draft of the demo province's 11/2024 report with its first version, written directly
    (drafting it from the data takes seconds; the matrix needs only its routes)."""
    import datetime

    from django.utils import timezone

    from chiso.reports.drafts import INTRO, Section
    from chiso.reports.models import DraftVersion, ReportDraft

    sections = [Section("mo-dau", "", 0, "Sở Khoa học và Công nghệ báo cáo như sau:", INTRO).as_json()]
    draft = ReportDraft.objects.create(
        province=province,
        kind="periodic",
        unit=province,
        framework="cds-dong-thap-2021-2025",
        period_id="2024-11",
        number="125/BC-STTTT",
        date=datetime.date(2024, 11, 25),
        signer_name="Nguyễn Văn An",
        recipients="UBND Tỉnh;",
        title="Báo cáo tình hình chuyển đổi số tháng 11/2024",
        generated=sections,
        generated_at=timezone.now(),
        created_by=office,
    )
    DraftVersion.objects.create(
        draft=draft, number=1, sections=sections, change=DraftVersion.Change.DRAFTED, author=office
    )
    return draft
