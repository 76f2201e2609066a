"""`chiso dti-round open --year 2026`: open the DTI self-assessment round."""

from __future__ import annotations

import json

import click

from chiso.cli_input import InputError, VietnameseGroup


@click.group(
    "dti-round", cls=VietnameseGroup, help="Đợt tự đánh giá chỉ số DTI: giao chỉ số cho cơ quan chủ trì, hạn 20/12."
)
def dti_round() -> None:
    pass


@dti_round.command("open", help="Mở (hoặc bổ sung) đợt tự đánh giá DTI của một năm; chạy lại không thay đổi gì.")
@click.option("--year", type=int, required=True, help="Năm số liệu, ví dụ 2026.")
@click.option("--province", default="dong-thap", show_default=True, help="Mã đơn vị cấp tỉnh.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
def open_command(year: int, province: str, as_json: bool) -> None:
    from chiso.django_setup import setup

    setup()
    from chiso.assessment.rounds import RoundError, open_round

    try:
        opened = open_round(year, province)
    except RoundError as error:
        raise InputError(str(error)) from None
    if as_json:
        click.echo(
            json.dumps(
                {
                    "year": year,
                    "province": province,
                    "created": opened.created,
                    "form": opened.round.form.code,
                    "expected": opened.expected,
                    "assigned": opened.assigned,
                    "unmapped": opened.unmapped,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return
    click.echo("\n".join(opened.lines()))


COMMANDS = [dti_round]
