"""Writing validated files into the models, inside one transaction."""

from __future__ import annotations

import json
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from chiso.datafiles import DataFileError, ParsedFile, Problem, read_paths
from chiso.datafiles.reading import stored_framework
from chiso.datafiles.schema import FrameworkFile
from chiso.engine.frameworks import Framework as EngineFramework
from chiso.loading.report import LoadReport


def load_paths(paths: Iterable[str | Path], *, allow_move: bool = False) -> LoadReport:
    """Validate every file, then write them all in one transaction (or nothing).

    An existing unit keeps its type and its province unless ``allow_move`` (``chiso load
    --allow-move``): a file that would change them is refused, since a unit in another province
    takes its reports, figures and people's grants with it.
    """
    from chiso.django_setup import setup

    setup()
    from django.db import transaction

    from chiso.orgunits.models import OrgUnit

    files = read_paths(
        paths, known_frameworks=stored_frameworks(), known_units=set(OrgUnit.objects.values_list("code", flat=True))
    )
    report = LoadReport(files=[str(f.path) for f in files])
    with transaction.atomic():
        for f in files:
            if f.kind == "framework":
                write_framework(f.data, f.model.source, report, file_name=f.name)
            elif f.kind == "orgunits":
                write_orgunits(f, report, allow_move=allow_move)
            elif f.kind == "dataset":
                write_dataset(f, report)
            elif f.kind == "tasks":
                from chiso.loading.task_records import write_task_file

                write_task_file(f, report)
        if any(f.kind in ("framework", "dataset") for f in files):
            from chiso.observations import kept_verdicts
            from chiso.observations.stored_scores import rebuild

            rebuild()  # a framework or its values changed: the kept DTI scores are made again
            kept_verdicts.rebuild()  # and the verdicts (a framework's targets may have changed)
    return report


def stored_frameworks() -> dict[str, EngineFramework]:
    from chiso.frameworks.models import Framework

    return {
        code: stored_framework(definition)
        for code, definition in Framework.objects.values_list("code", "definition")
        if definition
    }


def _jsonable(data: Any) -> Any:
    return json.loads(json.dumps(data, default=str, ensure_ascii=False))


def _upsert(model, lookup: dict, values: dict, report: LoadReport, what: str):
    """update_or_create that tells apart created, updated and unchanged rows."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        report.count("created", what)
        return obj
    changed = [k for k, v in values.items() if _differs(getattr(obj, k), v)]
    if changed:
        for k in changed:
            setattr(obj, k, values[k])
        obj.save(update_fields=changed)
        report.count("updated", what)
    else:
        report.count("unchanged", what)
    return obj


def _differs(current: Any, new: Any) -> bool:
    if isinstance(current, Decimal) or isinstance(new, Decimal):
        return (None if current is None else Decimal(current)) != (None if new is None else Decimal(str(new)))
    if hasattr(current, "pk") and hasattr(new, "pk"):
        return current.pk != new.pk
    return current != new


# --- frameworks -----------------------------------------------------------------------------


def write_framework(data: dict, source: dict | None, report: LoadReport, *, file_name: str) -> None:
    from chiso.frameworks.models import Framework, Indicator, IndicatorGroup, Target

    model = FrameworkFile.model_validate(data, context={"locale": data.get("locale", "vi")})
    fw = _upsert(
        Framework,
        {"code": model.id},
        {
            "kind": model.kind,
            "name": model.name,
            "legal_basis": model.legal_basis or "",
            "issuer": model.issuer or "",
            "period_id": model.period or "",
            "locale": model.locale,
            "max_points": model.max_points,
            "source": source or {},
            "definition": _jsonable(data),
        },
        report,
        "framework",
    )
    seen_groups, seen_indicators = [], []
    position = 0
    for gi, g in enumerate(model.groups):
        group = _upsert(
            IndicatorGroup,
            {"framework": fw, "code": g.code},
            {"name": g.name, "max_points": g.max_points, "position": gi},
            report,
            "group",
        )
        seen_groups.append(group.pk)
        for i in g.indicators:
            position += 1
            ind = _upsert(
                Indicator,
                {"framework": fw, "code": i.code},
                {
                    "group": group,
                    "name": i.name,
                    "measure": i.measure,
                    "max_points": i.max_points,
                    "rule": i.rule.model_dump(mode="json", by_alias=True) if i.rule else None,
                    "confidence": i.confidence or {},
                    "provisional": i.provisional,
                    "note": i.note or "",
                    "aggregation": i.aggregation,
                    "position": position,
                    "source": i.source or {},
                },
                report,
                "indicator",
            )
            seen_indicators.append(ind.pk)
            for t in i.targets:
                _upsert(
                    Target, {"indicator": ind, "period_id": t.period, "unit": None}, {"text": t.text}, report, "target"
                )
    _remove_missing(Indicator.objects.filter(framework=fw).exclude(pk__in=seen_indicators), file_name)
    _remove_missing(IndicatorGroup.objects.filter(framework=fw).exclude(pk__in=seen_groups), file_name)


def _remove_missing(queryset, file_name: str) -> None:
    """Delete what a new version of a framework file dropped, unless data still refers to it."""
    from django.db.models import ProtectedError

    for obj in queryset:
        try:
            obj.delete()
        except ProtectedError:
            raise DataFileError(
                [
                    Problem(
                        file_name,
                        f"mã «{obj.code}»",
                        "tệp mới bỏ chỉ số này nhưng nó đang có số liệu; hãy giữ "
                        "lại chỉ số hoặc xóa số liệu của nó trước",
                    )
                ]
            ) from None


# --- org units ------------------------------------------------------------------------------


def _placements() -> dict[str, tuple[str, str]]:
    """Every unit's code → (type label, name of its province: the top of its parent chain)."""
    from chiso.orgunits.models import OrgUnit

    rows = {
        pk: (code, type_, parent)
        for pk, code, type_, parent in OrgUnit.objects.values_list("pk", "code", "type", "parent_id")
    }
    names = dict(OrgUnit.objects.filter(parent=None).values_list("pk", "name"))
    labels = dict(OrgUnit.Type.choices)
    placements = {}
    for pk, (code, type_, _parent) in rows.items():
        top, seen = pk, {pk}
        while rows[top][2] is not None and rows[top][2] not in seen:  # a loop ends the walk
            top = rows[top][2]
            seen.add(top)
        placements[code] = (labels.get(type_, type_), names.get(top, rows[top][0]))
    return placements


def _moves(f: ParsedFile, before: dict[str, tuple[str, str]]) -> list[Problem]:
    """The units of ``f`` that existed before and now have another type or province."""
    after, problems = _placements(), []
    for u in f.model.units:
        if u.code not in before:
            continue
        (old_type, old_province), (new_type, new_province) = before[u.code], after[u.code]
        if old_type != new_type:
            problems.append(
                Problem(f.name, f"đơn vị «{u.code}»", f"tệp đổi loại đơn vị đã có từ «{old_type}» sang «{new_type}»")
            )
        if old_province != new_province:
            problems.append(
                Problem(
                    f.name, f"đơn vị «{u.code}»", f"tệp chuyển đơn vị đã có từ «{old_province}» sang «{new_province}»"
                )
            )
    if problems:
        problems.append(
            Problem(
                f.name,
                "",
                "đơn vị mang theo báo cáo, số liệu và quyền của người "
                "dùng; chỉ khi đúng là sắp xếp lại đơn vị mới nạp lại với --allow-move",
            )
        )
    return problems


def write_orgunits(f: ParsedFile, report: LoadReport, *, allow_move: bool = False) -> None:
    from chiso.orgunits.models import LineageEvent, OrgUnit

    before = {} if allow_move else _placements()
    units = {}
    for u in f.model.units:  # parents may come later in the file: link them in a second pass
        units[u.code] = _upsert(
            OrgUnit,
            {"code": u.code},
            {
                "name": u.name,
                "short_name": u.short_name or "",
                "type": u.type,
                "valid_from": u.valid_from,
                "valid_to": u.valid_to,
                "aliases": list(u.aliases),
                "source": u.source or {},
                "provisional": u.provisional,
                "note": u.note or "",
            },
            report,
            "unit",
        )
    for u in f.model.units:
        parent = OrgUnit.objects.get(code=u.parent) if u.parent else None
        unit = units[u.code]
        if unit.parent_id != (parent.pk if parent else None):
            unit.parent = parent
            unit.save(update_fields=["parent"])
    moves = _moves(f, before)
    if moves:
        raise DataFileError(moves)  # inside load_paths' transaction: nothing of the load stays
    for e in f.model.lineage:
        before = set(OrgUnit.objects.filter(code__in=e.from_).values_list("pk", flat=True))
        after = set(OrgUnit.objects.filter(code__in=e.to).values_list("pk", flat=True))
        existing = [
            ev
            for ev in LineageEvent.objects.filter(kind=e.kind, date=e.date)
            if set(ev.predecessors.values_list("pk", flat=True)) == before
            and set(ev.successors.values_list("pk", flat=True)) == after
        ]
        if existing:
            report.count("unchanged", "lineage")
            continue
        event = LineageEvent.objects.create(
            kind=e.kind, date=e.date, note=e.note or "", source=e.source or {}, provisional=e.provisional
        )
        event.predecessors.set(before)
        event.successors.set(after)
        report.count("created", "lineage")


# --- datasets -------------------------------------------------------------------------------


def write_dataset(f: ParsedFile, report: LoadReport) -> None:
    from chiso.observations.models import Dataset

    m = f.model
    current = Dataset.objects.filter(code=m.dataset).first()
    if current is not None and current.file_sha256 == f.sha256:
        report.count("unchanged", "dataset")
        return
    for fw in f.frameworks:  # indicators a dataset declares for a plan not in the seeds
        write_framework(_declared_definition(fw, m), m.source, report, file_name=f.name)
    if current is not None:
        _delete_records(current)
        current.file_sha256 = f.sha256
        current.source = m.source or {}
        current.save()
        dataset = current
        report.count("updated", "dataset")
    else:
        dataset = Dataset.objects.create(
            code=m.dataset, title=str(m.model_extra.get("title", "")), source=m.source or {}, file_sha256=f.sha256
        )
        report.count("created", "dataset")
    from chiso.loading.records import write_records

    report.count("created", "record", write_records(dataset, m))


def _declared_definition(fw: EngineFramework, m) -> dict:
    return {
        "id": fw.id,
        "kind": "plan",
        "name": fw.name,
        "locale": m.locale,
        "provisional": True,
        "note": f"Khai báo trong bộ số liệu {m.dataset}; văn bản kế hoạch gốc không có trong tài liệu.",
        "groups": [
            {
                "code": "1",
                "name": "Chỉ tiêu",
                "indicators": [
                    {"code": i.code, "name": i.name, "measure": i.measure, "provisional": True, "note": i.note}
                    for i in fw.indicators
                ],
            }
        ],
    }


def _delete_records(dataset) -> None:
    from chiso.collection.models import Submission
    from chiso.frameworks.models import Target
    from chiso.observations import models as obs

    for model in (
        obs.DataValue,
        obs.WrittenEvaluation,
        obs.IndicatorPoints,
        obs.PillarPoints,
        obs.TotalPoints,
        obs.WrittenSummary,
        Submission,
        Target,
    ):
        model.objects.filter(dataset=dataset).delete()
