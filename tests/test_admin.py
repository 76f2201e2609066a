import datetime

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.db import models
from django.test import Client
from django.urls import reverse

from chiso.accounts.models import Grant, Role
from chiso.assessment.models import DtiRound, RoundPoints
from chiso.audit.trail import record
from chiso.collection.models import EnteredValue, FormAssignment, FormItem, Notice, Reminder, ReportForm, Submission
from chiso.frameworks.models import Indicator, Target
from chiso.observations.models import (
    Dataset,
    DataValue,
    IndicatorPoints,
    PillarPoints,
    TotalPoints,
    WrittenEvaluation,
    WrittenSummary,
)
from chiso.orgunits.models import OrgUnit
from chiso.reports.models import ImprovementNote, ReportTemplate, SentenceTemplate
from chiso.tasks.models import ProgressNote, Project, ProjectEvent, ProjectGroup, Task, TaskIndicator

CHISO_MODELS = sorted(
    (model for model in admin.site._registry if model.__module__.startswith("chiso.")),
    key=lambda model: model._meta.label,
)


@pytest.fixture
def one_of_each(merger: dict[str, OrgUnit], indicator: Indicator) -> None:
    """A row in every table, so list_display columns are rendered, not just headers."""
    unit = merger["dong-thap-cu"]
    framework, group = indicator.framework, indicator.group
    dataset = Dataset.objects.create(code="dong-thap-2024")
    common = {"dataset": dataset, "unit": unit, "period_id": "2024"}
    Target.objects.create(indicator=indicator, period_id="2025", text="100%")
    DataValue.objects.create(indicator=indicator, kind="reported", raw="83,80%", **common)
    WrittenEvaluation.objects.create(indicator=indicator, target_period_id="2024", written="Đạt", **common)
    IndicatorPoints.objects.create(indicator=indicator, published_year=2025, kind="published", points=5, **common)
    PillarPoints.objects.create(group=group, published_year=2025, kind="published", points=45, **common)
    TotalPoints.objects.create(framework=framework, kind="published", rank="27/34", **common)
    WrittenSummary.objects.create(framework=framework, target_period_id="2024", text="Vượt 16/46", **common)
    Submission.objects.create(unit=unit, period_id="2024-11", deadline=datetime.date(2024, 11, 18))
    reporter = User.objects.create_user("nhaplieu")
    Grant.objects.create(user=reporter, unit=unit, role=Role.REPORTER)
    record(reporter, unit, "name", "Tỉnh Đồng Tháp", "Tỉnh Đồng Tháp (cũ)", reason="sáp nhập")
    task = Task.objects.create(
        dataset=dataset,
        code="pl5-v-1",
        description="Lập đề nghị xây dựng Luật",
        deadline_text="Tháng 3",
        deadline_kind="due",
        due_date=datetime.date(2024, 3, 31),
    )
    task.lead_units.add(unit)
    TaskIndicator.objects.create(task=task, indicator=indicator)
    ProgressNote.objects.create(
        task=task,
        date=datetime.date(2024, 11, 30),
        unit=unit,
        user=reporter,
        status="dang_thuc_hien",
        text="Đang rà soát",
    )
    group = ProjectGroup.objects.create(dataset=dataset, code="A", title="Các dự án đã bố trí vốn", printed_total=43300)
    project = Project.objects.create(
        dataset=dataset,
        code="pl6-a-1",
        group=group,
        name="Kho dữ liệu dùng chung",
        total=43300,
        local=39000,
        period_text="2022 - 2024",
        start_year=2022,
    )
    ProjectEvent.objects.create(project=project, kind="completed", year=2023, date_text="năm 2023")
    dti_form = ReportForm.objects.create(
        code="dti-2026", name="Số liệu DTI 2026", period_kind="year", deadline_rule="20/12"
    )
    web = Submission.objects.create(unit=unit, period_id="2026", form=dti_form, deadline=datetime.date(2026, 12, 20))
    item = FormItem.objects.create(form=dti_form, indicator=indicator, input_type="number")
    FormAssignment.objects.create(form=dti_form, unit=unit).items.add(item)
    EnteredValue.objects.create(submission=web, item=item, number=5, raw="5", updated_by=reporter)
    Reminder.objects.create(submission=web, day=datetime.date(2026, 12, 15), kind="before")
    Notice.objects.create(unit=unit, submission=web, text="Nhắc gửi số liệu DTI")
    dti_round = DtiRound.objects.create(year=2026, framework=framework, province=merger["dong-thap"], form=dti_form)
    RoundPoints.objects.create(
        round=dti_round,
        indicator=indicator,
        kind="appraised",
        points=5,
        reason="Thiếu tài liệu kiểm chứng",
        entered_by=reporter,
    )
    SentenceTemplate.objects.create(indicator=indicator, text="{name} đạt {value}.")
    ImprovementNote.objects.create(
        indicator=indicator, unit=unit, period_id="2024", cause="Thiếu tin bài", solution="Đăng trên 52 tin bài/năm"
    )
    ReportTemplate.objects.create(kind="periodic", content=b"PK", file_name="mau.docx", uploaded_by=reporter)


@pytest.mark.parametrize("model", CHISO_MODELS, ids=lambda model: model._meta.label)
def test_it_lists_searches_and_edits_every_model(
    admin_client: Client, one_of_each: None, model: type[models.Model]
) -> None:
    prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    url = reverse(f"{prefix}_changelist")
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "2.025" not in response.content.decode()  # years are not thousand-grouped
    assert admin_client.get(url, {"q": "Đồng Tháp"}).status_code == 200
    row = model.objects.first()
    assert row is not None
    assert admin_client.get(reverse(f"{prefix}_change", args=[row.pk])).status_code == 200
