"""What the `chiso` command line accepts, and how it refuses input: exit code 2 and «Lỗi: …».

Every command refuses bad input through click (a `ParamType` or `InputError`), never by printing
and calling `sys.exit` itself. `VietnameseGroup` shows click's own refusals (an unknown option, a
missing value) in Vietnamese too, instead of click's English "Usage: … Error: …", and every
command's `--help` in Vietnamese (`VietnameseHelp`).
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


# Click writes the words of its help pages in English (its gettext messages, with no Vietnamese
# catalogue to read): each is said here in Vietnamese, in the one place that formats them.
HELP_WORDS = {
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Show this message and exit.": "Xem hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Xem số phiên bản rồi thoát.",
    "[OPTIONS]": "[TÙY CHỌN]",
    "COMMAND [ARGS]...": "LỆNH [ĐỐI SỐ]...",
}
# What a value looks like, by click's type (`--port INTEGER`); ours already have Vietnamese names.
METAVARS = {
    "INTEGER": "SỐ_NGUYÊN",
    "FLOAT": "SỐ",
    "TEXT": "CHỮ",
    "PATH": "ĐƯỜNG_DẪN",
    "FILE": "TỆP",
    "FILENAME": "TỆP",
    "DIRECTORY": "THƯ_MỤC",
    "BOOLEAN": "CÓ/KHÔNG",
    "RANGE": "",  # IntRange's "INTEGER RANGE": the range itself is printed after the help
    # The arguments, named after their parameter.
    "PATHS": "ĐƯỜNG_DẪN",
    "NUMBER": "SỐ",
    "PK": "SỐ",
}
# The notes after an option's help: "[default: 8000; required]"; a default number with a decimal
# comma, as every number chiso shows ("120.0" → "120,0").
NOTES = (
    (re.compile(r"\bdefault: "), "mặc định: "),
    (re.compile(r"\brequired\b"), "bắt buộc"),
    (re.compile(r"(?<=mặc định: )(\d+)\.(\d+)\b"), r"\1,\2"),
)


def vietnamese_words(line: str) -> str:
    """The placeholders of a usage line or an option said in Vietnamese.

    >>> vietnamese_words("[OPTIONS] PATHS...")
    '[TÙY CHỌN] ĐƯỜNG_DẪN...'
    >>> vietnamese_words("--servers INTEGER RANGE")
    '--servers SỐ_NGUYÊN'
    """
    for english, vietnamese in HELP_WORDS.items():
        line = line.replace(english, vietnamese)
    words = []
    for word in line.split(" "):
        core = word.rstrip(".")
        words.append(METAVARS.get(core, core) + word[len(core) :] if core in METAVARS else word)
    return " ".join(word for word in words if word)


def vietnamese_help_row(term: str, text: str) -> tuple[str, str]:
    """One line of an option list said in Vietnamese.

    >>> vietnamese_help_row("--port INTEGER", "Cổng web.  [default: 8000]")
    ('--port SỐ_NGUYÊN', 'Cổng web.  [mặc định: 8000]')
    >>> vietnamese_help_row("--duration FLOAT", "[default: 120.0]")
    ('--duration SỐ', '[mặc định: 120,0]')
    >>> vietnamese_help_row("--help", "Show this message and exit.")
    ('--help', 'Xem hướng dẫn này rồi thoát.')
    """
    term = vietnamese_words(term)
    text = HELP_WORDS.get(text, text)
    if text.endswith("]") and "[" in text:
        head, _, notes = text.rpartition("[")
        for pattern, said in NOTES:
            notes = pattern.sub(said, notes)
        text = f"{head}[{notes}"
    return term, text


class VietnameseHelpFormatter(click.HelpFormatter):
    """Click's help page with its own words in Vietnamese: «Cách dùng:», «Tùy chọn», «Lệnh»…"""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, vietnamese_words(args), prefix="Cách dùng: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        super().write_heading(HELP_WORDS.get(heading, heading))

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([vietnamese_help_row(term, text) for term, text in rows], col_max, col_spacing)


class VietnameseContext(click.Context):
    formatter_class = VietnameseHelpFormatter


class VietnameseGroup(click.Group):
    """A group whose refusals are «Lỗi: …» lines: click's own usage errors (an unknown option, a
    missing or bad value, raised while parsing or while running a subcommand) are turned into an
    `InputError` in Vietnamese, which click's standalone `main` then shows and exits 2 with.
    Its help, and every command's added to it, is written in Vietnamese (`VietnameseContext`)."""

    context_class = VietnameseContext

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        # Each command makes its own context (and so its help page) from its `context_class`:
        # the area modules' plain `@click.command`s get the Vietnamese one as they are added.
        if cmd.context_class is click.Context:
            cmd.context_class = VietnameseContext
        super().add_command(cmd, name)

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
