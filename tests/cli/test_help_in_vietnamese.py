"""Every `chiso … --help` page is Vietnamese: click's own words (its headings, the help option,
the placeholders of values, the notes on defaults) are said in Vietnamese, on every command."""

import re

import click
import pytest
from click.testing import CliRunner

from chiso import cli

# Click's English, as it would print it: headings, the help and version options, the notes after
# an option's help, and the placeholders of its value types.
CLICK_ENGLISH = re.compile(
    r"Usage:|Options:|Commands:|Arguments:|Show this message|Show the version|default:|required|env var"
    r"|\[OPTIONS\]|\[ARGS\]|\bCOMMAND\b|\b(INTEGER|FLOAT|TEXT|PATHS?|FILENAME|FILE|DIRECTORY|BOOLEAN|RANGE)\b"
)


def _command_paths(command: click.Command, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths = [path]
    if isinstance(command, click.Group):
        for name in command.list_commands(click.Context(command)):
            sub = command.get_command(click.Context(command), name)
            assert sub is not None
            paths += _command_paths(sub, (*path, name))
    return paths


COMMANDS = _command_paths(cli.main)


def test_every_command_is_walked() -> None:
    assert len(COMMANDS) > 40
    assert ("scores", "rebuild") in COMMANDS
    assert ("load",) in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=lambda path: " ".join(path) or "chiso")
def test_the_help_page_has_no_english_of_click(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli.main, [*path, "--help"], prog_name="chiso")
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Cách dùng: {' '.join(('chiso', *path))}")
    assert "Xem hướng dẫn này rồi thoát." in result.output
    assert not CLICK_ENGLISH.search(result.output), CLICK_ENGLISH.search(result.output)
    assert not re.search(r"mặc định: \d+\.\d", result.output), "a default written with a decimal point"


def test_a_default_and_a_value_s_kind_are_said_in_vietnamese() -> None:
    output = CliRunner().invoke(cli.main, ["demo", "--help"], prog_name="chiso").output
    assert re.search(r"--port SỐ_NGUYÊN\s+\[mặc định: 8000\]", output)


def test_a_required_option_is_marked_in_vietnamese() -> None:
    output = CliRunner().invoke(cli.main, ["apikey", "create", "--help"], prog_name="chiso").output
    assert "[bắt buộc]" in output


def test_the_version_is_said_in_vietnamese() -> None:
    result = CliRunner().invoke(cli.main, ["--version"], prog_name="chiso")
    assert result.exit_code == 0
    assert re.fullmatch(r"chiso, phiên bản \d+\.\d+\.\d+\n", result.output)
