"""Task and project files into the tasks models, inside the loader's transaction.

A file whose SHA-256 is unchanged is skipped. Otherwise tasks and projects are updated in place
by code, so progress notes entered in the application stay attached; a task's status is taken
from the file only while nobody has reported progress on it. A task the new file drops is
deleted, unless progress was reported on it (then the load is refused).
"""

from __future__ import annotations

import datetime
import re

from chiso.datafiles import DataFileError, ParsedFile, Problem
from chiso.datafiles.task_files import ProjectFile, TaskFile
from chiso.engine.deadlines import parse_deadline
from chiso.engine.periods import parse_period, today
from chiso.loading.report import LoadReport


def write_task_file(f: ParsedFile, report: LoadReport) -> None:
    from chiso.observations.models import Dataset

    m = f.model
    current = Dataset.objects.filter(code=m.dataset).first()
    if current is not None and current.file_sha256 == f.sha256:
        report.count("unchanged", "dataset")
        return
    title = str((getattr(m, "plan", None) or {}).get("title") or (m.source or {}).get("table") or "")
    if current is None:
        dataset = Dataset.objects.create(code=m.dataset, title=title[:500], source=m.source or {}, file_sha256=f.sha256)
        report.count("created", "dataset")
    else:
        current.file_sha256, current.source, current.title = f.sha256, m.source or {}, title[:500]
        current.save()
        dataset = current
        report.count("updated", "dataset")
    if isinstance(m, ProjectFile):
        _write_projects(dataset, m, f.name, report)
    else:
        _write_tasks(dataset, m, f.name, report)


def _document_day(period_id: str | None) -> datetime.date:
    """The day agency names are read on: the end of the file's period."""
    return parse_period(period_id).end if period_id else today()


def _unit_names():
    from chiso.orgunits.models import OrgUnit
    from chiso.tasks.agencies import UnitName

    units = list(OrgUnit.objects.all())
    by_pk = {u.pk: u for u in units}

    def province_of(u):
        while u.parent_id is not None:
            u = by_pk[u.parent_id]
        return u.code if u.type == OrgUnit.Type.TINH else None

    return [
        UnitName(u.code, u.type, (u.name, *(u.aliases or [])), province_of(u), u.valid_from, u.valid_to) for u in units
    ], {u.code: u for u in units}


# --- tasks ------------------------------------------------------------------------------------

_BRACKET_AT_END = re.compile(r"\(([^()]*)\)\s*\.?\s*$")


def _write_tasks(dataset, m: TaskFile, file_name: str, report: LoadReport) -> None:
    from chiso.frameworks.models import Indicator
    from chiso.loading.writing import _upsert
    from chiso.tasks.agencies import resolve
    from chiso.tasks.models import ProgressNote, Task, TaskIndicator, TaskStatus
    from chiso.tasks.status import status_from_text

    names, units = _unit_names()
    day = _document_day(m.period)
    reports_progress = "status" in m.columns  # 000 Phụ lục V: "Kết quả thực hiện đến tháng 11"
    period = parse_period(m.period) if m.period else None
    as_of = period.end if reports_progress and period else None
    groups = {g.code: g.title for g in m.groups}
    seen = []
    for position, t in enumerate(m.tasks):
        lead = resolve(t.lead, names, day, m.province)
        coordinating = resolve(t.coordinating, names, day, m.province)
        note = t.note or ""
        local = _handlers_in_status(t.status, names, day, m.province) if reports_progress else []
        if local:
            note = (note + " " if note else "") + (
                "Đơn vị của tỉnh thực hiện lấy từ ngoặc cuối cột kết quả: " + ", ".join(local) + "."
            )
        deadline = parse_deadline(t.deadline, m.plan_year)
        values = {
            "position": position,
            "plan": m.plan_title[:500],
            "heading": " › ".join(t.group_path) if t.group_path else groups.get(t.group or "", t.heading or ""),
            "name": (t.name or "")[:500],
            "description": t.description,
            "expected_output": t.output or "",
            "lead_text": t.lead or "",
            "coordinating_text": t.coordinating or "",
            "unmatched_agencies": lead.unmatched + coordinating.unmatched,
            "deadline_text": (t.deadline or "")[:500],
            "deadline_kind": deadline.kind,
            "due_date": deadline.due,
            "recurrence": deadline.recurrence or "",
            "plan_year": m.plan_year,
            "status_text": t.status or "",
            "status_as_of": as_of,
            "source": t.source or {},
            "provisional": t.provisional,
            "note": note,
        }
        task = Task.objects.filter(dataset=dataset, code=t.code).first()
        if task is None or not task.progress.exists():
            values["status"] = status_from_text(t.status) if reports_progress else TaskStatus.NOT_REPORTED
        else:
            del values["status_text"], values["status_as_of"]  # reported progress wins over the file
        task = _upsert(Task, {"dataset": dataset, "code": t.code}, values, report, "task")
        seen.append(task.pk)
        task.lead_units.set([units[c] for c in lead.codes + [c for c in local if c not in lead.codes]])
        task.coordinating_units.set([units[c] for c in coordinating.codes if c not in lead.codes])
        TaskIndicator.objects.filter(task=task).delete()
        fw = t.framework or m.framework
        for link in t.indicators:
            code = link if isinstance(link, str) else link.code
            TaskIndicator.objects.create(
                task=task,
                indicator=Indicator.objects.get(framework__code=fw, code=code),
                provisional=getattr(link, "provisional", False),
                note=getattr(link, "note", None) or "",
            )
    dropped = Task.objects.filter(dataset=dataset).exclude(pk__in=seen)
    with_notes = ProgressNote.objects.filter(task__in=dropped).values_list("task__code", flat=True).distinct()
    if with_notes:
        raise DataFileError(
            [
                Problem(
                    file_name,
                    f"nhiệm vụ «{code}»",
                    "tệp mới bỏ nhiệm vụ này nhưng đã có báo cáo tiến độ; hãy giữ lại nhiệm vụ trong tệp",
                )
                for code in with_notes
            ]
        )
    dropped.delete()


def _handlers_in_status(status: str | None, names, day, province) -> list[str]:
    """Units named in brackets at the end of a result text: "Sẽ thực hiện … (Công an Tỉnh)."

    Only a bracket that names units and nothing else counts ("(412/STTTT-CĐS&ATTT - 05/04/2024)" does not).
    """
    from chiso.tasks.agencies import resolve

    m = _BRACKET_AT_END.search(status or "")
    if not m:
        return []
    found = resolve(m[1], names, day, province)
    return found.codes if found.codes and not found.unmatched else []


# --- projects ---------------------------------------------------------------------------------


def _write_projects(dataset, m: ProjectFile, file_name: str, report: LoadReport) -> None:
    from chiso.loading.writing import _upsert
    from chiso.tasks.agencies import resolve
    from chiso.tasks.models import Project, ProjectEvent, ProjectGroup

    names, units = _unit_names()
    day = _document_day(m.period)
    groups = {}
    for position, g in enumerate(m.groups):
        printed = next((p for p in m.printed_totals if p.group == g.group), None)
        groups[g.group] = _upsert(
            ProjectGroup,
            {"dataset": dataset, "code": g.group},
            {
                "title": g.title,
                "parent_code": g.parent or "",
                "position": position,
                "is_total": False,
                "printed_total": printed.total if printed else None,
                "printed_central": printed.central if printed else None,
                "printed_local": printed.local if printed else None,
                "source": g.source or {},
            },
            report,
            "project_group",
        )
    for p in m.printed_totals:
        if p.group is None:
            _upsert(
                ProjectGroup,
                {"dataset": dataset, "code": p.row},
                {
                    "title": p.title,
                    "parent_code": "",
                    "position": len(m.groups),
                    "is_total": True,
                    "printed_total": p.total,
                    "printed_central": p.central,
                    "printed_local": p.local,
                    "source": p.source or {},
                },
                report,
                "project_group",
            )
    seen = []
    for position, p in enumerate(m.projects):
        lead = resolve(p.lead, names, day, m.province)
        years = [int(y) for y in re.findall(r"\d{4}", p.period or "")]
        project = _upsert(
            Project,
            {"dataset": dataset, "code": p.code},
            {
                "position": position,
                "group": groups[p.group],
                "name": p.name,
                "total": p.total,
                "central": p.central,
                "local": p.local,
                "other": p.other,
                "period_text": p.period or "",
                "start_year": years[0] if years else None,
                "end_year": years[-1] if years else None,
                "lead_text": p.lead or "",
                "lead_unit": units[lead.codes[0]] if len(lead.codes) == 1 else None,
                "status_text": p.status or "",
                "source": p.source or {},
                "provisional": p.provisional,
                "note": p.note or "",
            },
            report,
            "project",
        )
        seen.append(project.pk)
        ProjectEvent.objects.filter(project=project, imported=True).delete()
        for e in p.events:
            day_or_year = e.date or ""
            ProjectEvent.objects.create(
                project=project,
                kind=e.kind,
                imported=True,
                date=datetime.date.fromisoformat(day_or_year) if len(day_or_year) == 10 else None,
                year=int(day_or_year[:4]) if day_or_year else None,
                date_text=e.date_text or "",
                document=e.document or "",
                by=e.by or "",
                text=e.text or "",
                provisional=e.provisional,
                note=e.note or "",
            )
    Project.objects.filter(dataset=dataset).exclude(pk__in=seen).delete()
    ProjectGroup.objects.filter(dataset=dataset, projects__isnull=True, is_total=False).exclude(
        code__in=[g.group for g in m.groups]
    ).delete()
