"""`chiso evidence-cleanup`: remove evidence files that no value names any more."""

from __future__ import annotations

import click


@click.command(
    "evidence-cleanup",
    help="Liệt kê (và với --yes thì xoá) các tệp kiểm chứng không còn chỉ tiêu nào dùng: "
    "tệp đã bị thay bằng tệp khác hoặc còn sót lại từ lần lưu bị huỷ, trước khi "
    "chiso tự dọn. Không đụng tới tệp mới ghi trong vòng một giờ.",
)
@click.option("--yes", is_flag=True, help="Xoá thật; không có thì chỉ liệt kê.")
def evidence_cleanup(yes: bool) -> None:
    from chiso.django_setup import setup

    setup()
    from django.core.files.storage import default_storage

    from chiso.collection.evidence import orphaned_files

    names = orphaned_files()
    for name in names:
        click.echo(f"  {name}")
        if yes:
            default_storage.delete(name)
    done = "Đã xoá" if yes else "Tìm thấy (chạy lại với --yes để xoá)"
    click.echo(f"{done} {len(names)} tệp kiểm chứng không còn chỉ tiêu nào dùng.")


COMMANDS = [evidence_cleanup]
