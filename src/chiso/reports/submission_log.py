"""Which units sent their periodic report, when, and how complete (000 Phụ lục VII), with totals.

Timeliness is judged by `chiso.engine.periods` from the document date and the deadline, and
the totals are counted from the rows, so the "Tổng hợp số lượng" line cannot disagree with them.
"""

from __future__ import annotations

from dataclasses import dataclass

from chiso.engine.periods import LATE, ON_TIME, RETURNED, parse_period
from chiso.reports import tables as t

TOTAL_KEYS = (
    "on_time",
    "late",
    "narrative_received",
    "narrative_complete",
    "narrative_incomplete",
    "appendix_received",
    "appendix_complete",
    "appendix_incomplete",
)


@dataclass(frozen=True)
class LogRow:
    unit_name: str
    document_date: object
    timeliness: str
    narrative: tuple[bool | None, bool | None]
    appendix: tuple[bool | None, bool | None]
    document: str


def log_rows(period_id: str, unit_codes: list[str] | None = None) -> list[LogRow]:
    """Every expected report of a period as the live tracker sees it (loaded logs and web
    submissions alike), in the source's order: a web report's date is the day it arrived."""
    from chiso.collection.models import Submission
    from chiso.collection.tracker import row_for, sort_key

    qs = Submission.objects.filter(period_id=period_id).select_related("unit", "form")
    if unit_codes:
        qs = qs.filter(unit__code__in=unit_codes)
    rows = sorted((row_for(s) for s in qs), key=sort_key)
    return [
        LogRow(
            reporter_name(r.unit),
            r.received_on,
            r.timeliness,
            (r.narrative.received, r.narrative.complete),
            (r.appendix.received, r.appendix.complete),
            _note(r),
        )
        for r in rows
    ]


# Local units whose report is sent by their People's Committee (000 Phụ lục VII: "UBND huyện
# Hồng Ngự", "UBND thành phố Cao Lãnh"); a department reports under its own name.
COMMITTEE_REPORTERS = ("huyen", "xa")


def reporter_name(unit) -> str:
    """Who sends a unit's report, as the log prints it.

    >>> reporter_name(OrgUnit(name="Thành phố Cao Lãnh", type="huyen"))  # doctest: +SKIP
    'UBND thành phố Cao Lãnh'
    """
    if unit.type in COMMITTEE_REPORTERS:
        return f"UBND {unit.name[:1].lower()}{unit.name[1:]}"
    return unit.name


def _note(row) -> str:
    """The note column: the unit's document (number, and a web report's date), and for a report
    sent back to its unit, that it is not counted until sent again."""
    if row.timeliness == RETURNED:
        return "; ".join(filter(None, [row.document_text, "Bị trả lại, chưa gửi lại"]))
    return row.document_text


def totals(rows: list[LogRow]) -> dict[str, int]:
    """The eight counts of the "Tổng hợp số lượng" line."""
    out = dict.fromkeys(TOTAL_KEYS, 0)
    for r in rows:
        out["on_time"] += r.timeliness == ON_TIME
        out["late"] += r.timeliness == LATE
        for name, (received, complete) in (("narrative", r.narrative), ("appendix", r.appendix)):
            out[f"{name}_received"] += bool(received)
            out[f"{name}_complete"] += bool(received and complete)
            out[f"{name}_incomplete"] += bool(received and complete is False)
    return out


def _mark(flag: bool) -> t.Cell:
    return t.text("x" if flag else "")


def log_appendix(
    period_id: str, key: str, subtitle: str, issuer: str, unit_codes: list[str] | None = None
) -> t.Appendix:
    rows = log_rows(period_id, unit_codes)
    period = parse_period(period_id)
    deadline = _deadline_text(period_id)
    date_group, narrative_group, appendix_group = (
        "Ngày văn bản",
        "Mẫu báo cáo tình hình khó khăn, vướng mắc, hạn chế, kiến nghị",
        "Mẫu phụ lục",
    )
    columns = [
        t.Column("STT", 9, align="center"),
        t.Column("Tên Đơn vị", 40),
        t.Column(f"Đúng hạn{deadline}", 19, group=date_group, align="center"),
        t.Column("Trễ hạn", 19, group=date_group, align="center"),
    ]
    for group in (narrative_group, appendix_group):
        columns += [t.Column(title, 11, group=group, align="center") for title in ("Đã nhận", "Đầy đủ", "Chưa đầy đủ")]
    columns.append(t.Column("Ghi chú", 26))
    body = []
    for i, r in enumerate(rows, 1):
        day = r.document_date.strftime("%d/%m/%Y") if r.document_date else ""
        cells = [
            t.count(i),
            t.text(r.unit_name),
            t.text(day if r.timeliness == ON_TIME else ""),
            t.text(day if r.timeliness == LATE else ""),
        ]
        for received, complete in (r.narrative, r.appendix):
            cells += [
                _mark(bool(received)),
                _mark(bool(received and complete)),
                _mark(bool(received and complete is False)),
            ]
        cells.append(t.text(r.document))
        body.append(t.Row(cells))
    if body:
        sums = totals(rows)
        body.append(
            t.Row(
                [t.blank(), t.text("Tổng hợp số lượng:", bold=True)]
                + [t.count(sums[k], bold=True) for k in TOTAL_KEYS]
                + [t.blank()],
                total=True,
            )
        )
    title = (
        f"TỔNG HỢP THỜI ĐIỂM NHẬN BÁO CÁO TỪ CÁC SỞ, BAN, NGÀNH, ĐỊA PHƯƠNG GỬI {issuer.upper()} {period.label.upper()}"
    )
    return t.Appendix(
        key=key,
        label=f"Phụ lục {key}",
        title=title,
        subtitle=subtitle,
        columns=columns,
        rows=body,
        empty_message=f"Không có dữ liệu: chưa có đơn vị nào được giao báo cáo {period.label.lower()}.",
    )


def _deadline_text(period_id: str) -> str:
    from chiso.collection.models import Submission

    deadline = (
        Submission.objects.filter(period_id=period_id).values_list("deadline", flat=True).order_by("deadline").first()
    )
    return f" (trước {deadline:%d/%m/%Y})" if deadline else ""
