"""The DTI report and improvement plan in the structure of 001.

For the assessment year Y (`--year 2025`): Bảng 1 is the ministry's published result for Y−1
per pillar for the chosen units (former provinces included) with their ranks; Bảng 2 the score
for Y (projected, else self-assessed, else computed from values); Phụ lục I every sub-indicator
below full points in Y−1 with value, points/max, cause, solution and lead; Phụ lục II the tasks
for Y+1 by pillar.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from chiso.engine.numbers import Quantity, vietnamese_decimals
from chiso.engine.periods import today
from chiso.engine.values import read_value
from chiso.observations.scores import ScoreNotFound, unit_score
from chiso.reports import charts, dti_text
from chiso.reports import tables as t
from chiso.reports.content import Chart, Document, Header, province_name
from chiso.reports.issuers import dti_recipients

DTI = "dti-tinh-2025"
KIND_TITLES = {
    "projected": "Điểm dự kiến đạt được",
    "self_assessed": "Điểm tự đánh giá",
    "appraised": "Điểm thẩm định",
    "published": "Điểm công bố",
}


@dataclass
class DtiOptions:
    unit: str
    year: int
    units: list[str] | None = None  # Bảng 1 columns; default: the unit's former provinces
    framework: str = DTI
    date: datetime.date | None = None
    number: str = ""
    signer_name: str = ""


def build_dti(options: DtiOptions) -> Document:
    from chiso.frameworks.models import Framework
    from chiso.orgunits.models import OrgUnit

    unit = OrgUnit.objects.get(code=options.unit)
    fw = Framework.objects.get(code=options.framework)
    place = province_name(unit)
    header = Header(
        parent_body="ỦY BAN NHÂN DÂN",
        issuer=f"TỈNH {place.upper()}",
        number=options.number or "        /KH-UBND",
        place=place,
        date=options.date or today(),
        doc_type="KẾ HOẠCH",
        title=f"Nâng cao chỉ số chuyển đổi số trên địa bàn tỉnh {place} năm {options.year + 1}",
        recipients=list(dti_recipients()),
        signer_authority="TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH",
        signer_title="PHÓ CHỦ TỊCH",
        signer_name=options.signer_name,
    )
    subtitle = (
        f"(Kèm theo Kế hoạch số {header.number} ngày    /    /{header.date.year} của Ủy ban nhân dân tỉnh {place})"
    )
    bang1 = published_table(fw, unit, options)
    bang2 = projection_table(fw, unit, options.year)
    pl1 = shortfall_appendix(fw, unit, options.year - 1, subtitle)
    pl2 = tasks_by_pillar_appendix(fw, unit, options.year, subtitle)
    rank = _total_rank(fw, unit, str(options.year - 1))
    body = dti_text.body(fw, place, options, rank, bang1, bang2, pl1, pl2)
    return Document(
        kind="dti",
        header=header,
        intro=dti_text.intro(fw, place, options.year),
        body=body,
        closing=dti_text.closing(place, options.year),
        appendices=[bang1, bang2, pl1, pl2],
    )


def _former_units(unit, options: DtiOptions) -> list:
    from chiso.orgunits.lineage import predecessors_of
    from chiso.orgunits.models import OrgUnit

    if options.units:
        found = {u.code: u for u in OrgUnit.objects.filter(code__in=options.units)}
        return [found[c] for c in options.units if c in found]
    return sorted(predecessors_of(unit) or [unit], key=lambda u: u.name)


def _pillar_ranks(fw, unit, period_id: str) -> dict[str, str]:
    from chiso.observations.models import PillarPoints

    return dict(
        PillarPoints.objects.filter(group__framework=fw, unit=unit, period_id=period_id)
        .exclude(rank="")
        .values_list("group__code", "rank")
    )


def _total_rank(fw, unit, period_id: str) -> str:
    from chiso.observations.models import TotalPoints

    return (
        TotalPoints.objects.filter(framework=fw, unit=unit, period_id=period_id)
        .exclude(rank="")
        .values_list("rank", flat=True)
        .first()
        or ""
    )


def published_table(fw, unit, options: DtiOptions) -> t.Appendix:
    """Bảng 1: points per pillar of each chosen unit for Y−1, pillar ranks and overall ranks."""
    period = str(options.year - 1)
    scores = []
    for u in _former_units(unit, options):
        try:
            scores.append((u, unit_score(fw.code, u.code, period)))
        except ScoreNotFound:
            continue
    columns = [
        t.Column("STT", 10, align="center"),
        t.Column("Các chỉ số chính", 38),
        t.Column("Điểm chuẩn chỉ số", 16, align="center"),
    ]
    columns += [t.Column(u.name, 17, group="Điểm đạt được", align="center") for u, _ in scores]
    columns += [t.Column(u.name, 17, group="Xếp hạng từng chỉ số", align="center") for u, _ in scores]
    columns.append(t.Column("Xếp hạng chung", 30, align="center"))
    ranks = {u.code: _pillar_ranks(fw, u, period) for u, _ in scores}
    overall = _overall_rank_text(fw, unit, scores, period)
    rows = []
    groups = list(fw.groups.order_by("position"))
    for i, g in enumerate(groups):
        cells = [t.text(g.code), t.text(g.name), t.points(g.max_points)]
        cells += [t.points(s.pillar(g.code).points) for _, s in scores]
        cells += [t.text(ranks[u.code].get(g.code, "")) for u, _ in scores]
        cells.append(t.text(overall if i == 0 else ""))
        rows.append(t.Row(cells))
    if scores:
        rows.append(
            t.Row(
                [t.blank(), t.text("TỔNG", bold=True), t.points(fw.max_points, bold=True)]
                + [t.points(s.total, bold=True) for _, s in scores]
                + [t.blank() for _ in scores]
                + [t.blank()],
                total=True,
            )
        )
    else:
        rows = []
    table = t.Appendix(
        key="bang-1",
        label="Bảng 1",
        title=f"Kết quả công bố chỉ số DTI năm {period}",
        columns=columns,
        rows=rows,
        placement="body",
        empty_message=f"Không có dữ liệu: chưa có điểm DTI năm {period} của các đơn vị đã chọn.",
    )
    if scores:
        series = [
            (u.name, [(g.name, s.pillar(g.code).points, g.max_points or Decimal(0)) for g in groups]) for u, s in scores
        ]
        table.chart = Chart(
            "pillars", f"Biểu đồ: điểm từng chỉ số chính so với điểm tối đa, năm {period}", charts.pillars(series)
        )
    return table


def _overall_rank_text(fw, unit, scores, period: str) -> str:
    own = _total_rank(fw, unit, period)
    former = "; ".join(f"{u.name}: {r}" for u, _ in scores if u != unit and (r := _total_rank(fw, u, period)))
    if own and former:
        return f"{own} ({former})"
    return own or former


def projection_table(fw, unit, year: int) -> t.Appendix:
    """Bảng 2: the unit's score for Y — its projection, else its self-assessment, else computed."""
    period = str(year)
    try:
        score = unit_score(fw.code, unit.code, period)
    except ScoreNotFound:
        score = None
    kind_title = KIND_TITLES.get(score.kind.value, "Điểm") if score else "Điểm"
    columns = [
        t.Column("STT", 10, align="center"),
        t.Column("Các chỉ số chính", 60),
        t.Column("Điểm chuẩn chỉ số", 22, align="center"),
        t.Column(kind_title, 40, align="center"),
        t.Column("Ghi chú", 30),
    ]
    rows = []
    if score is not None:
        for g in fw.groups.order_by("position"):
            rows.append(
                t.Row(
                    [
                        t.text(g.code),
                        t.text(g.name),
                        t.points(g.max_points),
                        t.points(score.pillar(g.code).points),
                        t.blank(),
                    ]
                )
            )
        rows.append(
            t.Row(
                [
                    t.blank(),
                    t.text("TỔNG", bold=True),
                    t.points(fw.max_points, bold=True),
                    t.points(score.total, bold=True),
                    t.blank(),
                ],
                total=True,
            )
        )
    return t.Appendix(
        key="bang-2",
        label="Bảng 2",
        title=f"Dự kiến kết quả chỉ số DTI năm {year} của tỉnh {province_name(unit)}",
        columns=columns,
        rows=rows,
        placement="body",
        empty_message=f"Không có dữ liệu: chưa có điểm dự kiến hay tự đánh giá năm {year}.",
    )


# --- Phụ lục I: sub-indicators below full points ----------------------------------------------


@dataclass
class Shortfall:
    indicator: object
    record: object  # the IndicatorPoints row
    max_points: Decimal
    value: str
    cause: str
    solution: str
    lead: str
    note: str = ""  # the "Ghi chú" the source prints with the row ("Năm 2026 đã ban hành")

    @property
    def lost(self) -> Decimal:
        return self.max_points - self.record.points

    @property
    def printed_row(self) -> tuple | None:
        """Where the source prints the row: 001 prints 6.5 and 6.6 in one row, so both carry
        the same appendix and row; None for points not read from a table row."""
        source = self.record.source or {}
        if not source.get("appendix") or not source.get("row"):
            return None
        return (source.get("file"), source["appendix"], self.indicator.group_id, str(source["row"]))


def shortfalls(fw, unit, period_id: str) -> list[Shortfall]:
    """Every sub-indicator whose points for `period_id` are below its maximum, in framework order.

    Points recorded for the unit or its former provinces count; where several are below full
    for one sub-indicator, the lowest is listed. Cause and solution are the office's edited
    text (ImprovementNote) where there is one, else the text loaded with the points.

    Points that are an inference (provisional) with neither cause nor solution, loaded or
    written by the office, are not listed: a plan lists what it can explain (001's 6.8, 9,63/10,
    is computed to make a pillar add up and is printed nowhere). ``len(shortfalls(...))`` is the
    number of sub-indicators below full points the plan's text gives (27 in 001).
    """
    from chiso.observations.models import DataValue, IndicatorPoints
    from chiso.orgunits.lineage import predecessors_of
    from chiso.reports.models import ImprovementNote

    units = [unit, *predecessors_of(unit)]
    records = (
        IndicatorPoints.objects.filter(indicator__framework=fw, unit__in=units, period_id=period_id)
        .select_related("indicator", "indicator__group", "unit")
        .order_by("indicator__group__position", "indicator__position", "points")
    )
    notes = {
        n.indicator_id: n
        for n in ImprovementNote.objects.filter(indicator__framework=fw, unit=unit, period_id=period_id)
    }
    values = {
        (v.indicator_id, v.unit_id): v.raw
        for v in DataValue.objects.filter(indicator__framework=fw, unit__in=units, period_id=period_id)
    }
    out: dict[int, Shortfall] = {}
    for r in records:
        most = r.max_points_printed or r.indicator.max_points or Decimal(0)
        if r.points >= most or r.indicator_id in out:
            continue
        note = notes.get(r.indicator_id)
        cause, solution, lead = (note.cause, note.solution, note.lead) if note else (r.cause, r.solution, r.lead)
        if r.provisional and not (cause or solution):
            continue
        out[r.indicator_id] = Shortfall(
            r.indicator, r, most, values.get((r.indicator_id, r.unit_id), ""), cause, solution, lead, r.note
        )
    return list(out.values())


def shortfall_rows(found: list[Shortfall]) -> list[list[Shortfall]]:
    """The table's rows: one per sub-indicator, except those the source prints in one row."""
    rows: list[list[Shortfall]] = []
    for s in found:
        if rows and s.printed_row is not None and rows[-1][-1].printed_row == s.printed_row:
            rows[-1].append(s)
        else:
            rows.append([s])
    return rows


def shortfall_appendix(fw, unit, period_id: str, subtitle: str) -> t.Appendix:
    """001 Phụ lục I: its six columns, the points written after the name as 001 does."""
    columns = [
        t.Column("STT", 10, align="center"),
        t.Column("Tên chỉ số", 70),
        t.Column("Nguyên nhân", 50),
        t.Column("Giải pháp", 50),
        t.Column("Cơ quan chủ trì khắc phục", 30),
        t.Column("Ghi chú", 20),
    ]
    rows, group, n = [], None, 0
    found = shortfalls(fw, unit, period_id)
    for merged in shortfall_rows(found):
        first = merged[0]
        if first.indicator.group_id != group:
            group, n = first.indicator.group_id, 0
            g = first.indicator.group
            rows.append(t.Row([t.blank(), t.text(f"{g.code}. {g.name}", bold=True)] + [t.blank()] * 4, heading=True))
        n += 1
        rows.append(
            t.Row(
                [
                    t.count(n),
                    t.text("; ".join(_named_with_points(s, fw.locale) for s in merged)),
                    prose(_once(s.cause for s in merged), fw.locale),
                    prose(_once(s.solution for s in merged), fw.locale),
                    prose(_once(s.lead for s in merged), fw.locale),
                    prose(_once(s.note for s in merged), fw.locale),
                ]
            )
        )
    appendix = t.Appendix(
        key="I",
        label="Phụ lục I",
        title=f"ĐÁNH GIÁ CÁC TIÊU CHÍ CHƯA ĐẠT VỀ CHUYỂN ĐỔI SỐ NĂM {period_id} VÀ DỰ KIẾN NĂM {int(period_id) + 1}",
        subtitle=subtitle,
        columns=columns,
        rows=rows,
        items=len(found),
        empty_message=f"Không có dữ liệu: chưa có điểm chỉ số thành phần năm {period_id}, hoặc mọi chỉ số đều đạt điểm tối đa.",
    )
    if found:
        appendix.chart = Chart(
            "lost",
            f"Biểu đồ: điểm bị mất theo chỉ số thành phần, năm {period_id}",
            charts.lost_points([(f"{s.indicator.code}. {s.indicator.name}", s.lost) for s in found]),
        )
    return appendix


def _named_with_points(s: Shortfall, locale: str) -> str:
    """ "3.3. Tỷ lệ thuê bao băng rộng di động/100 dân: đạt 27,24/30 điểm (90,8%)", as 001 writes it."""
    got, most = t.points(s.record.points).text, t.points(s.max_points).text
    # A figure is written after the points; a text status (3.7's "Chưa có …") is the cause's.
    shown = t.value(s.value, locale).text if isinstance(read_value(s.value, locale), Quantity) else ""
    return f"{s.indicator.code}. {s.indicator.name}: đạt {got}/{most} điểm" + (f" ({shown})" if shown else "")


def _once(texts) -> str:
    """The merged row's text: once when the sub-indicators share it (001's 6.5/6.6), else each."""
    out: list[str] = []
    for text in texts:
        if text and text not in out:
            out.append(text)
    return "; ".join(out)


def prose(text: str | None, locale: str) -> t.Cell:
    """Free text of a table cell, its dot-decimal percentages written the Vietnamese way
    ("62.5% (5/8)" → "62,5% (5/8)") when the source writes numbers in English style; the
    stored text stays as printed.

    >>> prose("đạt 62.5% (5/8)", "en").text
    'đạt 62,5% (5/8)'
    """
    return t.text(vietnamese_decimals(text or "") if locale != "vi" else text)


# --- Phụ lục II: tasks by pillar ----------------------------------------------------------------


def tasks_by_pillar_appendix(fw, unit, year: int, subtitle: str) -> t.Appendix:
    """Tasks of Y+1 linked to the framework's sub-indicators, grouped by pillar; without tasks,
    the unit's targets for Y+1 (what the plan's Phụ lục II prints) stand in."""
    columns = [
        t.Column("STT", 9, align="center"),
        t.Column("Tên chỉ số", 40),
        t.Column(f"Hiện trạng {year}", 22),
        t.Column(f"Phấn đấu năm {year + 1}", 30),
        t.Column("Cơ quan chủ trì", 32),
        t.Column("Cơ quan phối hợp", 28),
        t.Column("Thời gian hoàn thành", 18, align="center"),
    ]
    items = _task_items(fw, year + 1) or _target_items(fw, unit, year)
    rows, group, n = [], None, 0
    for ind, cells in items:
        if ind.group_id != group:
            group, n = ind.group_id, 0
            rows.append(
                t.Row(
                    [t.blank(), t.text(f"{ind.group.code}. {ind.group.name}", bold=True)] + [t.blank()] * 5,
                    heading=True,
                )
            )
        n += 1
        rows.append(t.Row([t.count(n), *cells]))
    return t.Appendix(
        key="II",
        label="Phụ lục II",
        title=f"NHIỆM VỤ THỰC HIỆN NÂNG CAO CHỈ SỐ CHUYỂN ĐỔI SỐ DTI TỈNH {province_name(unit).upper()} NĂM {year + 1}",
        subtitle=subtitle,
        columns=columns,
        rows=rows,
        empty_message=f"Không có dữ liệu: chưa có nhiệm vụ hay chỉ tiêu năm {year + 1} gắn với chỉ số DTI.",
    )


def _task_items(fw, plan_year: int) -> list:
    from chiso.tasks.models import TaskIndicator

    # Tasks set per sub-indicator carry its name (001 Phụ lục II); agency-wide tasks (section V)
    # are linked to several sub-indicators and are listed under their agency, not here.
    links = (
        TaskIndicator.objects.filter(indicator__framework=fw, task__plan_year=plan_year)
        .exclude(task__name="")
        .select_related("task", "indicator", "indicator__group")
        .order_by("indicator__group__position", "indicator__position", "task__position")
    )
    return [
        (
            link.indicator,
            [
                t.text(link.task.name),
                t.value(link.task.status_text, fw.locale),
                prose(link.task.description, fw.locale),
                prose(link.task.lead_text, fw.locale),
                prose(link.task.coordinating_text, fw.locale),
                prose(link.task.deadline_text, fw.locale),
            ],
        )
        for link in links
    ]


def _target_items(fw, unit, year: int) -> list:
    from chiso.frameworks.models import Target
    from chiso.observations.models import DataValue

    status = {
        v.indicator_id: v.raw for v in DataValue.objects.filter(indicator__framework=fw, unit=unit, period_id=str(year))
    }
    targets = (
        Target.objects.filter(indicator__framework=fw, unit=unit, period_id=str(year + 1))
        .select_related("indicator", "indicator__group")
        .order_by("indicator__group__position", "indicator__position")
    )
    return [
        (
            tg.indicator,
            [
                t.text(tg.indicator.name),
                t.value(status.get(tg.indicator_id, ""), fw.locale),
                prose(tg.text, fw.locale),
                prose(tg.lead, fw.locale),
                prose(tg.coordinating, fw.locale),
                prose(tg.deadline, fw.locale),
            ],
        )
        for tg in targets
    ]
