"""`chiso dti-round open --year 2026`: open the DTI self-assessment round."""

from __future__ import annotations

import json

import click

from chiso.cli_input import InputError, VietnameseGroup
from chiso.engine.numbers import format_number


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


@click.group(
    "scores",
    cls=VietnameseGroup,
    help="Điểm DTI và kết quả đánh giá so với mục tiêu đã lưu của các đơn vị: tính lại toàn bộ, đối chiếu.",
)
def scores() -> None:
    pass


def _frameworks(codes: tuple[str, ...]) -> list[str] | None:
    """The DTI frameworks asked for (None: all); an unknown code is refused by name."""
    from chiso.observations.stored_scores import dti_framework_codes

    if not codes:
        return None
    known = set(dti_framework_codes(codes))
    unknown = [c for c in codes if c not in known]
    if unknown:
        raise InputError(*(f"--framework: không có bộ chỉ số DTI mã «{c}»" for c in unknown))
    return list(codes)


def _periods(periods: tuple[str, ...]) -> list[str] | None:
    from chiso.engine.errors import EngineError
    from chiso.engine.periods import parse_period

    read = []
    for period in periods:
        try:
            read.append(parse_period(period).id)
        except (EngineError, ValueError):
            raise InputError(f"--period: «{period}» không phải kỳ hợp lệ (ví dụ: 2025, 2025-12)") from None
    return read or None


@scores.command(
    "rebuild",
    help="Tính lại và lưu điểm DTI của mọi đơn vị, rồi đánh giá lại và lưu kết quả so với mục tiêu của mọi số liệu "
    "có mục tiêu (khôi phục khi số đã lưu sai lệch); mặc định mọi kỳ có số liệu.",
)
@click.option("--period", "periods", multiple=True, help="Kỳ cần tính lại, ví dụ 2025; lặp lại cho nhiều kỳ.")
@click.option("--framework", "frameworks", multiple=True, help="Mã bộ chỉ số DTI, ví dụ dti-tinh-2025.")
def rebuild_command(periods: tuple[str, ...], frameworks: tuple[str, ...]) -> None:
    from chiso.django_setup import setup

    setup()
    import time

    from chiso.observations import kept_verdicts
    from chiso.observations.stored_scores import rebuild

    chosen_periods, chosen_frameworks = _periods(periods), _frameworks(frameworks)
    start = time.perf_counter()
    with click.progressbar(length=1, label="Đang tính lại điểm DTI", file=click.get_text_stream("stderr")) as bar:

        def progress(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        done = rebuild(chosen_periods, progress, chosen_frameworks)
    seconds = format_number(time.perf_counter() - start, decimals=2)
    covered = ", ".join(done.periods) or "không có kỳ nào có số liệu"
    names = ", ".join(done.frameworks) or "không có bộ chỉ số DTI"
    click.echo(f"Đã lưu {_count(done.rows)} điểm DTI ({names}; kỳ: {covered}) trong {seconds} giây.")
    start = time.perf_counter()
    with click.progressbar(length=1, label="Đang đánh giá lại", file=click.get_text_stream("stderr")) as bar:

        def judged(done: int, total: int) -> None:
            bar.length = max(total, 1)
            bar.update(done - bar.pos)

        verdicts = kept_verdicts.rebuild(chosen_periods, judged)
    seconds = format_number(time.perf_counter() - start, decimals=2)
    covered = ", ".join(verdicts.periods) or "không có kỳ nào có số liệu có mục tiêu"
    click.echo(f"Đã lưu {_count(verdicts.rows)} kết quả đánh giá so với mục tiêu (kỳ: {covered}) trong {seconds} giây.")


@scores.command(
    "check",
    help="Đối chiếu điểm DTI và kết quả đánh giá đã lưu với điểm tính lại, đánh giá lại lúc này; không ghi gì.",
)
@click.option("--period", "periods", multiple=True, help="Kỳ cần đối chiếu, ví dụ 2025; lặp lại cho nhiều kỳ.")
@click.option("--framework", "frameworks", multiple=True, help="Mã bộ chỉ số DTI, ví dụ dti-tinh-2025.")
def check_command(periods: tuple[str, ...], frameworks: tuple[str, ...]) -> None:
    from chiso.django_setup import setup

    setup()
    from chiso.observations import kept_verdicts
    from chiso.observations.stored_scores import check

    chosen_periods = _periods(periods)
    differences = check(chosen_periods, _frameworks(frameworks))
    verdicts = kept_verdicts.check(chosen_periods)
    _report(differences, "điểm DTI đã lưu", "Điểm DTI đã lưu khớp với điểm tính lại.", "khác điểm tính lại")
    _report(verdicts, "kết quả đánh giá đã lưu", "Kết quả đánh giá đã lưu khớp với đánh giá lại.", "khác đánh giá lại")
    if differences or verdicts:
        raise SystemExit(1)


def _report(found: list, what: str, none: str, differs: str) -> None:
    """What `chiso scores check` found of one kind: a line saying all agree, or the count and the
    first 50 differences."""
    if not found:
        click.echo(none)
        return
    click.echo(f"{_count(len(found))} {what} {differs} (chạy «chiso scores rebuild» để sửa):")
    for difference in found[:50]:
        click.echo(f"  - {difference.text}")


def _count(n: int) -> str:
    return format_number(n)


COMMANDS = [dti_round, scores]
