"""`chiso report` and `chiso export` (`chiso bench report` is in chiso.bench.commands).

Django is set up inside each command, so importing this module stays cheap.
"""

from __future__ import annotations

from pathlib import Path

import click

from chiso.cli_input import DATE, InputError, VietnameseGroup

# The report's date decides who issues it (Sở TT&TT before 1/3/2025, Sở KH&CN after), its
# number's symbol and the appendices' "Kèm theo …" line; `report` and `export` take the same
# date, so the .docx, its PDF and the .xlsx/.csv of one report agree.
PERIODIC_DATE_HELP = (
    "Ngày ban hành dd/mm/yyyy; quyết định cơ quan ban hành và ký hiệu số (Sở TT&TT trước 01/3/2025, "
    "Sở KH&CN từ ngày đó). Mặc định: kỳ đã qua thì ngày cuối kỳ (báo cáo tháng 11/2024 ghi ngày "
    "30/11/2024), kỳ đang diễn ra thì hôm nay."
)
DTI_DATE_HELP = "Ngày ban hành dd/mm/yyyy (mặc định: hôm nay)."
EXPORT_DATE_HELP = (
    "Ngày ban hành của báo cáo (kế hoạch) mà phụ lục kèm theo, dd/mm/yyyy: dùng cùng ngày với văn bản "
    "để cơ quan ban hành, số và ngày trên bảng tính khớp với văn bản. Mặc định như khi lập văn bản: "
    "báo cáo định kỳ của kỳ đã qua ghi ngày cuối kỳ, kỳ đang diễn ra và kế hoạch DTI ghi hôm nay."
)
OUT = click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="Tệp kết quả.")


def build_document(kind: str, **kw):
    """The Document for `periodic` or `dti`, with Vietnamese errors for unknown inputs."""
    from django.core.exceptions import ObjectDoesNotExist

    from chiso.engine.errors import EngineError
    from chiso.reports.dti_plan import DtiOptions, build_dti
    from chiso.reports.periodic import PeriodicOptions, build_periodic

    try:
        if kind == "periodic":
            return build_periodic(PeriodicOptions(**kw))
        return build_dti(DtiOptions(**kw))
    except (ObjectDoesNotExist, LookupError, EngineError) as error:
        raise InputError(_missing(error, kw)) from None


def _missing(error: Exception, kw: dict) -> str:
    from chiso.frameworks.models import Framework
    from chiso.orgunits.models import OrgUnit

    if isinstance(error, Framework.DoesNotExist):
        return f"không có bộ chỉ tiêu «{kw.get('framework')}»"
    if isinstance(error, OrgUnit.DoesNotExist):
        return f"không có đơn vị «{kw.get('unit')}»"
    return str(error)


def _write_docx(document, out: Path, pdf: bool, unit: str | None, quiet: bool = False) -> None:
    from chiso.reports.documents import render
    from chiso.reports.layout_fields import LayoutRejected
    from chiso.reports.template_store import current_layout, province_of_unit

    try:
        out.write_bytes(render(document, current_layout(document.kind, province_of_unit(unit))))
    except LayoutRejected as rejected:
        raise InputError(f"mẫu văn bản đang dùng không dựng được văn bản: {rejected}; hãy tải lên mẫu khác") from None
    if not quiet:
        click.echo(f"Đã ghi {out}")
    if pdf:
        from chiso.reports.pdf import PdfUnavailable, to_pdf

        try:
            converted = to_pdf(out)
        except PdfUnavailable as unavailable:
            raise InputError(str(unavailable)) from None
        if not quiet:
            click.echo(f"Đã ghi {converted}")


def _data_unit(framework: str, period: str) -> str | None:
    from chiso.reports.periodic import default_unit

    try:
        return default_unit(framework, period)
    except LookupError:
        return None


@click.group(cls=VietnameseGroup, help="Lập văn bản chính thức (.docx theo Nghị định 30/2020/NĐ-CP).")
def report() -> None:
    pass


@report.command(help="Báo cáo định kỳ tình hình chuyển đổi số, kèm các phụ lục I–VII.")
@click.option("--period", required=True, help="Kỳ báo cáo, ví dụ 2024-11.")
@click.option("--framework", default="cds-dong-thap-2021-2025", show_default=True)
@click.option("--unit", help="Đơn vị có số liệu (mặc định: đơn vị có số liệu của bộ chỉ tiêu trong kỳ).")
@click.option("--date", "day", type=DATE, help=PERIODIC_DATE_HELP)
@click.option("--signer", default="", help="Họ tên người ký.")
@click.option("--pdf", is_flag=True, help="Xuất thêm PDF qua LibreOffice (nếu có).")
@click.option(
    "--json", "as_json", is_flag=True, help="In ra (JSON) tệp đã ghi, kỳ, các chỉ tiêu có số liệu và dòng tóm tắt."
)
@OUT
def periodic(period, framework, unit, day, signer, pdf, out, as_json) -> None:
    import json

    from chiso.django_setup import setup

    setup()
    document = build_document("periodic", period=period, framework=framework, unit=unit, date=day, signer_name=signer)
    unit = unit or _data_unit(framework, period)
    _write_docx(document, out, pdf, unit, quiet=as_json)
    if as_json:
        from chiso.reports.periodic import written_summary

        click.echo(
            json.dumps({"path": str(out), **written_summary(framework, unit, period)}, ensure_ascii=False, indent=2)
        )


@report.command(help="Báo cáo, kế hoạch nâng cao chỉ số DTI (Bảng 1, Bảng 2, Phụ lục I, II).")
@click.option("--unit", required=True, help="Mã tỉnh, ví dụ dong-thap.")
@click.option("--year", required=True, type=int, help="Năm đánh giá (Bảng 2), ví dụ 2025.")
@click.option("--units", help="Các đơn vị ở Bảng 1, cách nhau bởi dấu phẩy (mặc định: các tỉnh cũ).")
@click.option("--date", "day", type=DATE, help=DTI_DATE_HELP)
@click.option("--signer", default="", help="Họ tên người ký.")
@click.option("--pdf", is_flag=True, help="Xuất thêm PDF qua LibreOffice (nếu có).")
@OUT
def dti(unit, year, units, day, signer, pdf, out) -> None:
    from chiso.django_setup import setup

    setup()
    document = build_document(
        "dti",
        unit=unit,
        year=year,
        date=day,
        signer_name=signer,
        units=[u.strip() for u in units.split(",")] if units else None,
    )
    _write_docx(document, out, pdf, unit)


@click.command(help="Xuất phụ lục ra .xlsx (mọi phụ lục, mỗi phụ lục một trang tính) hoặc .csv (một phụ lục).")
@click.argument("kind", type=click.Choice(["periodic", "dti"]))
@click.option("--period", help="Báo cáo định kỳ: kỳ, ví dụ 2024-11.")
@click.option("--framework", default="cds-dong-thap-2021-2025", show_default=True)
@click.option("--unit", help="Báo cáo định kỳ: đơn vị có số liệu; DTI: mã tỉnh.")
@click.option("--year", type=int, help="DTI: năm đánh giá, ví dụ 2025.")
@click.option("--appendix", "key", help="Mã phụ lục: I…VII; DTI: bang-1, bang-2, I, II. Bỏ trống: tất cả (.xlsx).")
@click.option(
    "--date",
    "day",
    type=DATE,
    help=EXPORT_DATE_HELP,
)
@OUT
def export(kind, period, framework, unit, year, key, day, out) -> None:
    from chiso.django_setup import setup

    setup()
    from chiso.reports.exports import appendices_xlsx, appendix_csv

    if kind == "periodic" and not period:
        raise InputError("cần --period cho báo cáo định kỳ")
    if kind == "dti" and not (unit and year):
        raise InputError("cần --unit và --year cho kế hoạch DTI")
    args = (
        {"period": period, "framework": framework, "unit": unit} if kind == "periodic" else {"unit": unit, "year": year}
    )
    document = build_document(kind, **args, date=day)
    chosen = document.appendices
    if key:
        chosen = [a for a in document.appendices if a.key.lower() == key.lower()]
        if not chosen:
            raise InputError(f"không có phụ lục «{key}»; có: {', '.join(a.key for a in document.appendices)}")
    suffix = out.suffix.lower()
    if suffix == ".csv":
        if len(chosen) != 1:
            raise InputError("tệp .csv chứa một phụ lục: thêm --appendix")
        out.write_bytes(appendix_csv(chosen[0]))
    elif suffix == ".xlsx":
        out.write_bytes(appendices_xlsx(chosen))
    else:
        raise InputError("tệp kết quả phải có đuôi .xlsx hoặc .csv")
    click.echo(f"Đã ghi {out}")


# `chiso bench report` lives with the other benchmarks in chiso.bench.commands.


COMMANDS = [report, export]
