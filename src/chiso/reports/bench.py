"""`chiso bench report`: how long the periodic report takes for a whole province.

It builds a throwaway SQLite database (never the real one), fills it with a province of
`units` org units, a 45-indicator plan and three sector programmes with three periods of
values, tasks, projects and a submission log, then times each step.
"""

from __future__ import annotations

import datetime
import random
import time
from decimal import Decimal

PERIOD = "2024-11"


def synthesise(units: int = 130, seed: int = 7) -> str:
    """Fill the (empty, migrated) database; return the province's unit code."""
    from chiso.collection.models import Submission
    from chiso.frameworks.models import Framework, Indicator, IndicatorGroup, Target
    from chiso.observations.models import Dataset, DataValue
    from chiso.orgunits.models import OrgUnit
    from chiso.tasks.models import Project, ProjectGroup, Task

    rng = random.Random(seed)
    province = OrgUnit.objects.create(code="tinh-thu", name="Tỉnh Thử", short_name="Thử", type="tinh")
    members = OrgUnit.objects.bulk_create(
        OrgUnit(
            code=f"don-vi-{i}",
            name=f"{'Sở' if i < 20 else 'UBND xã'} Thử {i}",
            parent=province,
            type="so_ban_nganh" if i < 20 else "xa",
        )
        for i in range(1, units)
    )
    dataset = Dataset.objects.create(code="bench")
    for f, (code, size) in enumerate((("ke-hoach-thu", 45), ("nganh-1", 12), ("nganh-2", 9), ("nganh-3", 14))):
        fw = Framework.objects.create(
            code=code, kind="programme", name=f"Đề án chuyển đổi số thử {f}", period_id="2021-2025", locale="vi"
        )
        groups = [
            IndicatorGroup.objects.create(framework=fw, code=g, name=f"NHÓM {g}", position=k)
            for k, g in enumerate(("I", "II", "III"))
        ]
        indicators = Indicator.objects.bulk_create(
            Indicator(
                framework=fw,
                group=groups[i % 3],
                code=f"{groups[i % 3].code}.{i + 1}",
                name=f"Tỷ lệ chỉ tiêu thử số {i + 1}",
                measure="percent",
                position=i,
            )
            for i in range(size)
        )
        Target.objects.bulk_create(
            [
                Target(indicator=ind, period_id=p, text=f"{rng.choice((70, 80, 90, 100))}%")
                for ind in indicators
                for p in ("2021-2025", "2024")
            ]
        )
        DataValue.objects.bulk_create(
            [
                DataValue(
                    dataset=dataset,
                    indicator=ind,
                    unit=province,
                    period_id=p,
                    kind="reported",
                    raw=f"{rng.uniform(40, 100):.2f}%".replace(".", ","),
                )
                for ind in indicators
                for p in ("2022", "2023", PERIOD)
            ]
        )
    Task.objects.bulk_create(
        Task(
            dataset=dataset,
            code=f"nv-{i}",
            position=i,
            heading=f"NHÓM NHIỆM VỤ {i // 20 + 1}",
            description=f"Nhiệm vụ chuyển đổi số thử số {i}",
            lead_text=members[i % len(members)].name,
            deadline_text="Tháng 12",
            deadline_kind="due",
            plan_year=2024,
            status_text="Đang thực hiện",
        )
        for i in range(200)
    )
    group = ProjectGroup.objects.create(dataset=dataset, code="A", title="CÁC DỰ ÁN THỬ")
    Project.objects.bulk_create(
        Project(
            dataset=dataset,
            code=f"da-{i}",
            position=i,
            group=group,
            name=f"Dự án thử {i}",
            total=Decimal(rng.randint(1000, 90000)),
            local=Decimal(rng.randint(500, 900)),
            period_text="2024 - 2025",
            lead_text="Sở Thử 1",
            status_text="Đang thực hiện",
        )
        for i in range(30)
    )
    deadline = datetime.date(2024, 11, 18)
    Submission.objects.bulk_create(
        Submission(
            dataset=dataset,
            unit=u,
            period_id=PERIOD,
            deadline=deadline,
            document_date=deadline - datetime.timedelta(days=rng.randint(-3, 4)),
            narrative_received=True,
            narrative_complete=True,
            appendix_received=True,
            appendix_complete=rng.random() > 0.1,
            document=f"{i}/BC-UBND",
        )
        for i, u in enumerate(members, 1)
    )
    return province.code


def run(units: int) -> list[tuple[str, float]]:
    """Time each step on the synthesised province; returns (step, seconds)."""
    from chiso.reports.documents import render
    from chiso.reports.exports import appendices_xlsx
    from chiso.reports.periodic import PeriodicOptions, build_periodic
    from chiso.reports.template_store import current_layout

    steps = []
    start = time.perf_counter()
    code = synthesise(units)
    steps.append((f"tạo dữ liệu thử ({units} đơn vị)", time.perf_counter() - start))
    options = PeriodicOptions(
        period=PERIOD,
        framework="ke-hoach-thu",
        sectors=("nganh-1", "nganh-2", "nganh-3"),
        unit=code,
        date=datetime.date(2024, 11, 25),
    )
    start = time.perf_counter()
    document = build_periodic(options)
    built = time.perf_counter() - start
    steps.append(("tổng hợp số liệu, 7 phụ lục, biểu đồ", built))
    start = time.perf_counter()
    render(document, current_layout("periodic"))
    rendered = time.perf_counter() - start
    steps.append(("dựng tệp .docx", rendered))
    start = time.perf_counter()
    appendices_xlsx(document.appendices)
    steps.append(("xuất .xlsx mọi phụ lục", time.perf_counter() - start))
    steps.append(("BÁO CÁO ĐỊNH KỲ (tổng hợp + .docx)", built + rendered))
    return steps
