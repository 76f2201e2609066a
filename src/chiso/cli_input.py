"""What the `chiso` command line accepts, and how it refuses input: exit code 2 and «Lỗi: …».

Every command refuses bad input through click (a `ParamType` or `InputError`), never by printing
and calling `sys.exit` itself. `VietnameseGroup` shows click's own refusals (an unknown option, a
missing value) in Vietnamese too, instead of click's English "Usage: … Error: …".
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import IO, Any

import click

DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")


class InputError(click.UsageError):
    """Input the command cannot use: one «Lỗi: …» line per problem on stderr, then the notes
    (e.g. "Không nạp gì: cơ sở dữ liệu giữ nguyên."), and exit code 2."""

    def __init__(self, *problems: str, notes: Sequence[str] = ()) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems
        self.notes = tuple(notes)

    def show(self, file: IO[Any] | None = None) -> None:
        for problem in self.problems:
            click.echo(f"Lỗi: {problem}", err=True)
        for note in self.notes:
            click.echo(note, err=True)


def vietnamese_message(error: click.ClickException) -> str:
    """Click's refusal said in Vietnamese (click words it in English).

    >>> vietnamese_message(click.BadParameter("«31/02/2026» không phải ngày có thật", param_hint="'--on'"))
    '--on: «31/02/2026» không phải ngày có thật'
    >>> vietnamese_message(click.NoSuchOption("--ngay"))
    'không có tùy chọn --ngay'
    """
    if isinstance(error, click.MissingParameter):
        return f"thiếu {_hint(error) or 'giá trị bắt buộc'}"
    if isinstance(error, click.NoSuchOption):
        return f"không có tùy chọn {error.option_name}"
    if isinstance(error, click.BadParameter):
        hint, message = _hint(error), _type_message(error)
        return f"{hint}: {message}" if hint else message
    if isinstance(error, click.BadOptionUsage):
        return f"tùy chọn {error.option_name} dùng sai: {error.message}"
    return error.format_message()


def _hint(error: click.BadParameter) -> str | None:
    if error.param_hint is not None:
        hint = error.param_hint
        text = " / ".join(hint) if not isinstance(hint, str) else hint
    elif error.param is not None:
        text = error.param.get_error_hint(error.ctx) if error.ctx else (error.param.name or "")
    else:
        return None
    return text.replace("'", "")


def _type_message(error: click.BadParameter) -> str:
    """Click's built-in types word their refusals in English; ours (`DATE`…) already in Vietnamese."""
    kind = error.param.type if error.param is not None else None
    if isinstance(kind, click.Choice):
        return f"chỉ nhận một trong: {', '.join(map(str, kind.choices))}"
    if isinstance(kind, click.types.IntParamType):
        return "phải là số nguyên"
    if isinstance(kind, click.types.FloatParamType):
        return "phải là số"
    if isinstance(kind, click.Path):
        named = re.search(r"'(.+)'", error.message)  # click names the path it refused in quotes
        return f"không có hoặc không dùng được tệp «{named[1] if named else error.message}»"
    return error.message


class VietnameseGroup(click.Group):
    """A group whose refusals are «Lỗi: …» lines: click's own usage errors (an unknown option, a
    missing or bad value, raised while parsing or while running a subcommand) are turned into an
    `InputError` in Vietnamese, which click's standalone `main` then shows and exits 2 with."""

    def make_context(
        self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as error:
            raise _in_vietnamese(error) from None

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except click.NoSuchOption:
            raise
        except click.UsageError:
            raise InputError(
                f"không có lệnh «{args[0]}»; các lệnh: {', '.join(self.list_commands(ctx))}",
                notes=[f"Xem hướng dẫn: {ctx.command_path} --help"],
            ) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as error:
            raise _in_vietnamese(error) from None
        except click.Abort:
            raise Stopped() from None


class Stopped(click.ClickException):
    """The person answered no to a confirmation (or pressed Ctrl+C): nothing was changed."""

    exit_code = 1

    def __init__(self) -> None:
        super().__init__("Đã dừng, không có gì thay đổi.")

    def show(self, file: IO[Any] | None = None) -> None:
        click.echo(self.message, err=True)


def _in_vietnamese(error: click.UsageError) -> InputError:
    if isinstance(error, InputError):
        return error
    command = error.ctx.command_path if error.ctx else "chiso"
    return InputError(vietnamese_message(error), notes=[f"Xem hướng dẫn: {command} --help"])


class VietnameseDate(click.ParamType):
    """A day written dd/mm/yyyy (as in documents) or yyyy-mm-dd (as in scripts)."""

    name = "ngày"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> datetime.date:
        if isinstance(value, datetime.date):
            return value
        for fmt in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(str(value).strip(), fmt).date()
            except ValueError:
                continue
        self.fail(f"«{value}» không phải ngày hợp lệ (viết dd/mm/yyyy hoặc yyyy-mm-dd, ví dụ 25/11/2024)", param, ctx)


class DayCounts(click.ParamType):
    """A list of day counts such as "3,1" or "0,3,7" (whole numbers, none negative)."""

    name = "số ngày"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> tuple[int, ...]:
        if isinstance(value, tuple):
            return value
        try:
            days = tuple(int(part) for part in str(value).split(",") if part.strip())
        except ValueError:
            self.fail(f"danh sách ngày «{value}» phải là các số nguyên cách nhau bởi dấu phẩy, ví dụ 3,1", param, ctx)
        if any(d < 0 for d in days):
            self.fail(f"số ngày trong «{value}» không được âm", param, ctx)
        return days


DATE = VietnameseDate()
DAY_COUNTS = DayCounts()
