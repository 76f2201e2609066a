"""`chiso apikey create|revoke|list`: API keys for integrations and service accounts from the
command line (the same keys a user makes on /api/khoa/; only their hash is stored)."""

from __future__ import annotations

import click

from chiso.cli_input import InputError, VietnameseGroup


def _user(name: str):
    from django.contrib.auth.models import User

    user = User.objects.filter(username=name).first()
    if user is None:
        raise InputError(f"không có người dùng «{name}» (tạo người dùng tại /admin/ trước)")
    if not user.is_active:
        raise InputError(f"người dùng «{name}» đang bị khóa, không cấp khóa API được")
    return user


@click.group(
    cls=VietnameseGroup, help="Khóa API cho hệ thống khác (IOC, Hệ thống báo cáo Chính phủ) và tài khoản dịch vụ."
)
def apikey() -> None:
    pass


@apikey.command(help="Tạo khóa API mới cho một người dùng; khóa chỉ in ra một lần.")
@click.option("--user", "username", required=True, help="Tên đăng nhập của người dùng khóa thay mặt.")
@click.option("--label", default="", help="Tên gợi nhớ, ví dụ «IOC tỉnh».")
def create(username: str, label: str) -> None:
    from chiso.django_setup import setup

    setup()
    from chiso.api.tokens import issue

    token, key = issue(_user(username), label or "Khóa API (dòng lệnh)")
    click.echo(key)
    click.echo(
        f"Đã tạo khóa «{token.name}» (số {token.pk}, đầu khóa {token.prefix}…) cho {username}. "
        "Chép khóa ngay: khóa chỉ hiện một lần.",
        err=True,
    )


@apikey.command(help="Thu hồi một khóa API theo số (xem bằng chiso apikey list).")
@click.argument("number", type=int)
def revoke(number: int) -> None:
    from chiso.django_setup import setup

    setup()
    from chiso.api.models import ApiToken
    from chiso.api.tokens import revoke as revoke_token

    token = ApiToken.objects.select_related("user").filter(pk=number).first()
    if token is None:
        raise InputError(f"không có khóa API số {number}")
    if token.revoked_at is not None:
        click.echo(f"Khóa số {number} «{token.name}» đã bị thu hồi trước đó.")
        return
    revoke_token(token)
    click.echo(f"Đã thu hồi khóa số {number} «{token.name}» của {token.user.username}.")


@apikey.command(name="list", help="Liệt kê khóa API (không in khóa, chỉ đầu khóa).")
@click.option("--user", "username", default=None, help="Chỉ khóa của người dùng này.")
def list_keys(username: str | None) -> None:
    from chiso.django_setup import setup

    setup()
    from django.utils import timezone

    from chiso.api.models import ApiToken

    tokens = ApiToken.objects.select_related("user").order_by("pk")
    if username:
        tokens = tokens.filter(user__username=username)
    for t in tokens[:500]:
        state = f"thu hồi {timezone.localtime(t.revoked_at):%d/%m/%Y}" if t.revoked_at else "đang dùng"
        click.echo(f"{t.pk:>5}  {t.prefix}…  {t.user.username:16} {t.name} ({state})")


COMMANDS = [apikey]
