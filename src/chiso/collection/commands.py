"""`chiso remind`: the reminders for cron (see chiso.collection.reminders)."""

from __future__ import annotations

import datetime
import json
import sys
from typing import TYPE_CHECKING

import click

from chiso.cli_input import DATE, DAY_COUNTS
from chiso.collection.evidence_commands import evidence_cleanup
from chiso.engine.periods import period_words, today

if TYPE_CHECKING:
    from chiso.collection.reminders import Outcome


@click.command(
    help="Gửi nhắc nhở (thư điện tử và thông báo trong ứng dụng) cho các đơn vị chưa gửi "
    "hoặc gửi chưa đầy đủ báo cáo; chạy nhiều lần trong ngày vẫn chỉ nhắc một lần. "
    "Thư không gửi được: lệnh in lỗi, vẫn nhắc các báo cáo khác rồi thoát với mã 1; "
    "lần chạy sau trong ngày gửi lại thư đó."
)
@click.option("--on", "on", type=DATE, default=None, help="Ngày chạy (dd/mm/yyyy hoặc yyyy-mm-dd); mặc định hôm nay.")
@click.option("--before", type=DAY_COUNTS, default=None, help="Nhắc trước hạn bao nhiêu ngày, ví dụ 3,1.")
@click.option("--after", type=DAY_COUNTS, default=None, help="Nhắc sau hạn bao nhiêu ngày (0 = ngày hạn), ví dụ 0,3,7.")
@click.option("--dry-run", is_flag=True, help="Chỉ liệt kê, không gửi gì.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
def remind(
    on: datetime.date | None,
    before: tuple[int, ...] | None,
    after: tuple[int, ...] | None,
    dry_run: bool,
    as_json: bool,
) -> None:
    from chiso.django_setup import setup

    setup()
    from chiso.collection.reminders import ReminderPolicy
    from chiso.collection.reminders import remind as run

    day = on or today()
    base = ReminderPolicy.from_settings()
    policy = ReminderPolicy(before or base.before, after if after is not None else base.after)
    outcomes = run(day, policy, dry_run=dry_run)
    failures = [o for o in outcomes if o.state == "failed"]
    if as_json:
        click.echo(
            json.dumps(
                {
                    "on": day.isoformat(),
                    "dry_run": dry_run,
                    "sent": sum(o.state == "sent" for o in outcomes),
                    "already": sum(o.state == "already" for o in outcomes),
                    "failed": len(failures),
                    "failures": [o.as_dict() for o in failures],
                    "reminders": [o.as_dict() for o in outcomes],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        click.echo(f"Nhắc nhở ngày {day:%d/%m/%Y}{' (chạy thử)' if dry_run else ''}: {len(outcomes)} báo cáo")
        for o in outcomes:
            who = ", ".join(o.recipients) or "không có địa chỉ thư (chỉ thông báo trong ứng dụng)"
            form = o.submission.form.name if o.submission.form else "báo cáo"
            click.echo(
                f"  - {o.submission.unit.name} — {form} {period_words(o.submission.period_id)}: "
                f"{_label(o)}; {o.problem}; gửi tới: {who}"
            )
        for o in failures:
            click.echo(f"Lỗi: {o.error}", err=True)
        if failures:
            click.echo(
                f"Lỗi: {len(failures)} thư nhắc không gửi được (thông báo trong ứng dụng vẫn đã ghi). "
                "Sửa cấu hình thư (CHISO_EMAIL_*) rồi chạy lại `chiso remind` trong ngày: "
                "chỉ thư còn thiếu được gửi lại.",
                err=True,
            )
    # Cron and monitoring see a failed email as a failed run; the other reminders still went out.
    if failures:
        sys.exit(1)


def _label(o: Outcome) -> str:
    if o.state == "failed":
        return (
            "thư vẫn chưa gửi được (thông báo trong ứng dụng đã có)"
            if o.email_only
            else "đã ghi thông báo trong ứng dụng, thư chưa gửi được"
        )
    if o.email_only:
        return "đã gửi lại thư (thông báo trong ứng dụng đã có)" if o.state == "sent" else "sẽ gửi lại thư"
    return {"sent": "đã gửi", "already": "đã nhắc hôm nay", "would_send": "sẽ gửi"}[o.state]


COMMANDS = [remind, evidence_cleanup]
