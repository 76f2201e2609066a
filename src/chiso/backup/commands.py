"""`chiso backup` and `chiso restore`."""

from pathlib import Path

import click


@click.command(help="Sao lưu toàn bộ CSDL và tệp đính kèm vào một tệp .zip.")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup(path: Path) -> None:
    from chiso.django_setup import setup

    setup()
    from chiso.backup.archive import create

    summary = create(path)
    click.echo(f"Đã sao lưu {summary.rows} bản ghi và {summary.files} tệp vào {summary.path}")


@click.command(help="Khôi phục CSDL và tệp đính kèm từ bản sao lưu (thay thế dữ liệu hiện có).")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Không hỏi lại.")
def restore(path: Path, yes: bool) -> None:
    from chiso.django_setup import setup

    setup()
    from chiso.backup.archive import BackupError, restore as restore_archive

    if not yes:
        click.confirm("Khôi phục sẽ XOÁ dữ liệu hiện có và thay bằng bản sao lưu. Tiếp tục?", abort=True)
    try:
        summary = restore_archive(path)
    except BackupError as error:
        click.echo(f"Lỗi: {error}", err=True)
        raise SystemExit(2) from None
    click.echo(f"Đã khôi phục {summary.rows} bản ghi và {summary.files} tệp từ {summary.path}")


COMMANDS = [backup, restore]
