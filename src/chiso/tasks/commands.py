"""`chiso tasks` and `chiso projects`: the commitments and the investment projects for operators."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal

import click

from chiso.cli_input import DATE, InputError
from chiso.engine.periods import today


def _num(value: Decimal | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral() else float(value)


def task_json(t, on: datetime.date) -> dict:
    return {
        "code": t.code,
        "dataset": t.dataset.code,
        "name": t.name,
        "description": t.description,
        "lead": t.lead_text,
        "coordinating": t.coordinating_text,
        "lead_units": [u.code for u in t.lead_units.all()],
        "coordinating_units": [u.code for u in t.coordinating_units.all()],
        "deadline": t.deadline_text,
        "deadline_kind": t.deadline_kind,
        "due_date": t.due_date.isoformat() if t.due_date else None,
        "recurrence": t.recurrence or None,
        "status": t.status,
        "status_label": t.get_status_display(),
        "status_text": t.status_text,
        "overdue": t.overdue_on(on),
        "indicators": [
            {"framework": link.indicator.framework.code, "code": link.indicator.code, "provisional": link.provisional}
            for link in t.indicator_links.all()
        ],
        "provisional": t.provisional,
        "source": t.source,
    }


@click.command(help="Liệt kê nhiệm vụ: theo đơn vị, chỉ những nhiệm vụ quá hạn, tính tại một ngày.")
@click.option("--unit", "unit_code", help="Mã đơn vị (chủ trì hoặc phối hợp).")
@click.option("--overdue", is_flag=True, help="Chỉ nhiệm vụ quá hạn.")
@click.option(
    "--on",
    "on_day",
    type=DATE,
    help="Ngày xét quá hạn (dd/mm/yyyy hoặc yyyy-mm-dd); mặc định hôm nay theo giờ Việt Nam.",
)
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
def tasks(unit_code: str | None, overdue: bool, on_day: datetime.date | None, as_json: bool) -> None:
    from chiso.django_setup import setup

    setup()
    from chiso.orgunits.models import OrgUnit
    from chiso.tasks import queries

    on = on_day or today()
    rows = queries.all_tasks().prefetch_related("indicator_links__indicator__framework")
    unit = None
    if unit_code:
        unit = OrgUnit.objects.filter(code=unit_code).first()
        if unit is None:
            raise InputError(f"không có đơn vị mã «{unit_code}»")
        rows = queries.tasks_of_unit(unit, rows)
    listed = list(queries.overdue(on, rows)) if overdue else list(rows)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "on": on.isoformat(),
                    "unit": unit_code,
                    "overdue_only": overdue,
                    "count": len(listed),
                    "tasks": [task_json(t, on) for t in listed],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    click.echo(
        f"{len(listed)} nhiệm vụ{' quá hạn' if overdue else ''} tại ngày {on:%d/%m/%Y}"
        f"{' của ' + unit.name if unit else ''}."
    )
    for t in listed:
        late = " QUÁ HẠN" if t.overdue_on(on) else ""
        click.echo(
            f"- {t.code}: {(t.name or t.description)[:70]} | {t.lead_text[:40]} | "
            f"{t.deadline_text or 'không ghi hạn'} | {t.get_status_display()}{late}"
        )


def budget_json(computed, group=None) -> dict:
    out = {
        "count": computed.count,
        "total": _num(computed.total),
        "central": _num(computed.central),
        "local": _num(computed.local),
        "other": _num(computed.other),
    }
    if group is not None:
        out["printed"] = {
            "total": _num(group.printed_total),
            "central": _num(group.printed_central),
            "local": _num(group.printed_local),
        }
        out["matches_printed"] = all(
            getattr(group, f"printed_{k}") in (None, getattr(computed, k)) for k in ("total", "central", "local")
        )
    return out


def project_json(p) -> dict:
    return {
        "code": p.code,
        "name": p.name,
        "group": p.group.code,
        "total": _num(p.total),
        "central": _num(p.central),
        "local": _num(p.local),
        "other": _num(p.other),
        "period": p.period_text,
        "lead": p.lead_text,
        "lead_unit": p.lead_unit.code if p.lead_unit else None,
        "status": p.status_text,
        "events": [
            {
                "kind": e.kind,
                "date": e.date.isoformat() if e.date else None,
                "year": e.year,
                "date_text": e.date_text,
                "document": e.document,
            }
            for e in p.events.all()
        ],
        "provisional": p.provisional,
        "source": p.source,
    }


@click.command(help="Liệt kê dự án đầu tư với kinh phí theo nguồn (triệu đồng), tổng theo nhóm và tổng cộng.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
def projects(as_json: bool) -> None:
    from chiso.django_setup import setup

    setup()
    from chiso.engine.numbers import format_number
    from chiso.tasks.queries import project_totals

    groups, overall = project_totals()
    if as_json:
        click.echo(
            json.dumps(
                {
                    "unit": "triệu đồng",
                    "projects": [project_json(p) for g in groups for p in g.projects],
                    "groups": [
                        {
                            "code": g.group.code,
                            "title": g.group.title,
                            "parent": g.group.parent_code or None,
                            **budget_json(g.computed, g.group),
                        }
                        for g in groups
                    ],
                    "overall": budget_json(overall.computed, overall.group) if overall else None,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    for g in groups:
        c = g.computed
        click.echo(
            f"{g.group.code}. {g.group.title}: {c.count} dự án, khái toán {format_number(c.total)}, "
            f"TW {format_number(c.central)}, ĐP {format_number(c.local)} (triệu đồng)"
        )
        for d in g.differences:
            click.echo(f"   khác số in — {d}")
    if overall:
        c = overall.computed
        click.echo(
            f"Tổng cộng: {c.count} dự án, khái toán {format_number(c.total)}, TW {format_number(c.central)}, "
            f"ĐP {format_number(c.local)} (triệu đồng)"
        )


COMMANDS = [tasks, projects]
