"""`chiso backup` and `chiso restore`."""

from pathlib import Path

import click

from chiso.cli_input import InputError


@click.command(help="Sao lưu toàn bộ CSDL và tệp đính kèm vào một tệp .zip.")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup(path: Path) -> None:
    from chiso.django_setup import setup

    setup()
    from chiso.backup.archive import create

    summary = create(path)
    click.echo(f"Đã sao lưu {summary.rows} bản ghi và {summary.files} tệp vào {summary.path}")


RESTORE_HELP = """Khôi phục CSDL và tệp đính kèm từ bản sao lưu (thay thế dữ liệu hiện có).

\b
Trước khi thay đổi gì, lệnh kiểm tra mã SHA-256 của bản sao lưu và so các bước migration
ghi trong bản sao lưu với các bước của phiên bản chiso đang cài, rồi TỪ CHỐI nếu khác:
- bản sao lưu cũ hơn (thiếu bước): cài phiên bản chiso đã tạo nó, khôi phục vào CSDL rỗng,
  rồi cài lại phiên bản này và chạy `chiso migrate`;
- bản sao lưu mới hơn: nâng cấp chiso trước rồi khôi phục lại;
- CSDL đã được phiên bản mới hơn nâng cấp (quay lại bản cũ): tạo lại CSDL rỗng rồi khôi phục.
Bản sao lưu tạo trước khi chiso ghi các bước migration thì không kiểm tra được: lệnh cảnh
báo rồi vẫn thử khôi phục như trước.

Khôi phục là tất cả hoặc không gì: CSDL được nạp trong một giao dịch, tệp đính kèm được đặt
vào chỗ trong giao dịch đó; lỗi ở bất cứ bước nào thì CSDL và tệp vẫn như trước, lệnh báo lỗi
và thoát với mã 2.
"""


@click.command(help=RESTORE_HELP)
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Không hỏi lại.")
def restore(path: Path, yes: bool) -> None:
    """Restore PATH; refuses (exit 2, nothing changed) a damaged archive, one whose migrations
    differ from the installed code's or a database migrated by a newer chiso, and reports any
    failure during the load the same way. A backup without recorded migrations is tried after a
    warning, so the backups written before migrations were recorded still restore.
    """
    from chiso.django_setup import setup

    setup()
    from chiso.backup.archive import BackupError
    from chiso.backup.archive import restore as restore_archive

    if not yes:
        click.confirm("Khôi phục sẽ XOÁ dữ liệu hiện có và thay bằng bản sao lưu. Tiếp tục?", abort=True)
    try:
        summary = restore_archive(path, warn=lambda message: click.echo(f"Cảnh báo: {message}", err=True))
    except BackupError as error:
        raise InputError(str(error)) from None
    click.echo(f"Đã khôi phục {summary.rows} bản ghi và {summary.files} tệp từ {summary.path}")


COMMANDS = [backup, restore]
