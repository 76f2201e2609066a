"""`chiso remind`: the reminders for cron (see chiso.collection.reminders)."""

from __future__ import annotations

import datetime
import json
import sys

import click


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
                    "hoặc gửi chưa đầy đủ báo cáo; chạy nhiều lần trong ngày vẫn chỉ nhắc một lần.")
@click.option("--on", "on", default=None, help="Ngày chạy (YYYY-MM-DD hoặc DD/MM/YYYY); mặc định hôm nay.")
@click.option("--before", default=None, help="Nhắc trước hạn bao nhiêu ngày, ví dụ 3,1.")
@click.option("--after", default=None, help="Nhắc sau hạn bao nhiêu ngày (0 = ngày hạn), ví dụ 0,3,7.")
@click.option("--dry-run", is_flag=True, help="Chỉ liệt kê, không gửi gì.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
def remind(on: str | None, before: str | None, after: str | None, dry_run: bool, as_json: bool) -> None:
    from chiso.django_setup import setup

    setup()
    from django.utils import timezone

    from chiso.collection.reminders import ReminderPolicy, remind as run

    day = _parse_day(on) if on else timezone.localdate()
    base = ReminderPolicy.from_settings()
    policy = ReminderPolicy(_days(before) or base.before, _days(after) if after is not None else base.after)
    outcomes = run(day, policy, dry_run=dry_run)
    if as_json:
        click.echo(json.dumps({"on": day.isoformat(), "dry_run": dry_run,
                               "sent": sum(o.state == "sent" for o in outcomes),
                               "already": sum(o.state == "already" for o in outcomes),
                               "reminders": [o.as_dict() for o in outcomes]}, ensure_ascii=False, indent=2))
        return
    labels = {"sent": "đã gửi", "already": "đã nhắc hôm nay", "would_send": "sẽ gửi"}
    click.echo(f"Nhắc nhở ngày {day:%d/%m/%Y}{' (chạy thử)' if dry_run else ''}: {len(outcomes)} báo cáo")
    for o in outcomes:
        who = ", ".join(o.recipients) or "không có địa chỉ thư (chỉ thông báo trong ứng dụng)"
        click.echo(f"  - {o.submission.unit.name} — {o.submission.form.name} {o.submission.period_id}: "
                   f"{labels[o.state]}; {o.problem}; gửi tới: {who}")


def _parse_day(text: str) -> datetime.date:
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    click.echo(f"Lỗi: --on «{text}» không phải ngày hợp lệ (YYYY-MM-DD hoặc DD/MM/YYYY)", err=True)
    sys.exit(2)


COMMANDS = [remind]
