"""`chiso synth`: fill the database with a synthetic country for benchmarks."""

from __future__ import annotations

import time

import click

from chiso.cli_input import InputError


@click.command(
    help="Tạo dữ liệu thử quy mô toàn quốc (đơn vị, sáp nhập 2025, khung DTI và Đề án, "
    "số liệu tháng, báo cáo, nhiệm vụ); cùng --seed cho cùng dữ liệu."
)
@click.option("--provinces", default=34, show_default=True, help="Số tỉnh, thành phố (sau sáp nhập).")
@click.option("--communes", default=3321, show_default=True, help="Số xã, phường.")
@click.option("--departments", default=700, show_default=True, help="Số sở, ban, ngành.")
@click.option("--years", default=5, show_default=True, help="Số năm số liệu, tính lùi từ --last-year.")
@click.option("--last-year", default=2025, show_default=True)
@click.option("--seed", default=1, show_default=True, type=int)
def synth(provinces, communes, departments, years, last_year, seed) -> None:
    from chiso.django_setup import setup

    setup()
    from django.core.management import call_command

    from chiso.synth.generator import SynthError, SynthOptions, synthesise

    if min(provinces, years) < 1 or min(communes, departments) < 0:
        raise InputError("cần ít nhất 1 tỉnh và 1 năm; số xã, số sở không âm")
    call_command("migrate", verbosity=0, interactive=False)
    start = time.perf_counter()
    try:
        report = synthesise(SynthOptions(provinces, communes, departments, years, last_year, seed))
    except SynthError as error:
        raise InputError(str(error)) from None
    for what, n in report.counts.items():
        click.echo(f"  {what:<28} {n:>10,}".replace(",", "."))
    click.echo(f"Xong sau {time.perf_counter() - start:.1f} giây.")


COMMANDS = [synth]
