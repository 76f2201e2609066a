"""`chiso remind`: the reminders for cron (see chiso.collection.reminders)."""

from __future__ import annotations

import datetime
import json
import sys
from typing import TYPE_CHECKING

import click

from chiso.collection.evidence_commands import evidence_cleanup

if TYPE_CHECKING:
    from chiso.collection.reminders import Outcome


def _days(text: str | None) -> tuple[int, ...] | None:
    if text is None:
        return None
    try:
        days = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        click.echo(f"Lỗi: danh sách ngày «{text}» phải là các số nguyên cách nhau bởi dấu phẩy, "
                   "ví dụ 3,1", err=True)
        sys.exit(2)
    if any(d < 0 for d in days):
        click.echo(f"Lỗi: số ngày trong «{text}» không được âm", err=True)
        sys.exit(2)
    return days


@click.command(help="Gửi nhắc nhở (thư điện tử và thông báo trong ứng dụng) cho các đơn vị chưa gửi "
                    "hoặc gửi chưa đầy đủ báo cáo; chạy nhiều lần trong ngày vẫn chỉ nhắc một lần. "
                    "Thư không gửi được: lệnh in lỗi, vẫn nhắc các báo cáo khác rồi thoát với mã 1; "
                    "lần chạy sau trong ngày gửi lại thư đó.")
@click.option("--on", "on", default=None, help="Ngày chạy (YYYY-MM-DD hoặc DD/MM/YYYY); mặc định hôm nay.")
@click.option("--before", default=None, help="Nhắc trước hạn bao nhiêu ngày, ví dụ 3,1.")
@click.option("--after", default=None, help="Nhắc sau hạn bao nhiêu ngày (0 = ngày hạn), ví dụ 0,3,7.")
@click.option("--dry-run", is_flag=True, help="Chỉ liệt kê, không gửi gì.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
def remind(on: str | None, before: str | None, after: str | None, dry_run: bool, as_json: bool) -> None:
    from chiso.django_setup import setup

    setup()
    from django.utils import timezone

    from chiso.collection.reminders import ReminderPolicy
    from chiso.collection.reminders import remind as run

    day = _parse_day(on) if on else timezone.localdate()
    base = ReminderPolicy.from_settings()
    policy = ReminderPolicy(_days(before) or base.before, _days(after) if after is not None else base.after)
    outcomes = run(day, policy, dry_run=dry_run)
    failures = [o for o in outcomes if o.state == "failed"]
    if as_json:
        click.echo(json.dumps({"on": day.isoformat(), "dry_run": dry_run,
                               "sent": sum(o.state == "sent" for o in outcomes),
                               "already": sum(o.state == "already" for o in outcomes),
                               "failed": len(failures),
                               "failures": [o.as_dict() for o in failures],
                               "reminders": [o.as_dict() for o in outcomes]}, ensure_ascii=False, indent=2))
    else:
        click.echo(f"Nhắc nhở ngày {day:%d/%m/%Y}{' (chạy thử)' if dry_run else ''}: {len(outcomes)} báo cáo")
        for o in outcomes:
            who = ", ".join(o.recipients) or "không có địa chỉ thư (chỉ thông báo trong ứng dụng)"
            click.echo(f"  - {o.submission.unit.name} — {o.submission.form.name} {o.submission.period_id}: "
                       f"{_label(o)}; {o.problem}; gửi tới: {who}")
        for o in failures:
            click.echo(f"Lỗi: {o.error}", err=True)
        if failures:
            click.echo(f"Lỗi: {len(failures)} thư nhắc không gửi được (thông báo trong ứng dụng vẫn đã ghi). "
                       "Sửa cấu hình thư (CHISO_EMAIL_*) rồi chạy lại `chiso remind` trong ngày: "
                       "chỉ thư còn thiếu được gửi lại.", err=True)
    # Cron and monitoring see a failed email as a failed run; the other reminders still went out.
    if failures:
        sys.exit(1)


def _label(o: Outcome) -> str:
    if o.state == "failed":
        return ("thư vẫn chưa gửi được (thông báo trong ứng dụng đã có)" if o.email_only
                else "đã ghi thông báo trong ứng dụng, thư chưa gửi được")
    if o.email_only:
        return "đã gửi lại thư (thông báo trong ứng dụng đã có)" if o.state == "sent" else "sẽ gửi lại thư"
    return {"sent": "đã gửi", "already": "đã nhắc hôm nay", "would_send": "sẽ gửi"}[o.state]


def _parse_day(text: str) -> datetime.date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    click.echo(f"Lỗi: --on «{text}» không phải ngày hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY)", err=True)
    sys.exit(2)


COMMANDS = [remind, evidence_cleanup]
