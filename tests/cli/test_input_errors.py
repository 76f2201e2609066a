"""Bad input on the command line: exit code 2 and a Vietnamese «Lỗi: …» naming what is wrong,
never click's English "Usage: … Error: …"; both ways of writing a day are read the same."""

import datetime

import click
import pytest
from click.testing import CliRunner, Result

from chiso import cli
from chiso.cli_input import DATE, DAY_COUNTS


def _run(*args: str) -> Result:
    return CliRunner().invoke(cli.main, list(args))


def _refusal(result: Result) -> str:
    """The refusal as printed, after checking it is one: exit 2, Vietnamese, nothing English."""
    assert result.exit_code == 2, result.output
    assert result.output.startswith("Lỗi: ")
    assert "Error" not in result.output
    assert "Usage" not in result.output
    return result.output


def test_an_unknown_option_is_named_in_vietnamese() -> None:
    assert "không có tùy chọn --khong-co" in _refusal(_run("score", "--khong-co"))


def test_an_unknown_command_lists_the_commands() -> None:
    output = _refusal(_run("cham-diem"))
    assert "không có lệnh «cham-diem»" in output
    assert "score" in output


def test_an_unknown_subcommand_of_an_area_group_lists_its_commands() -> None:
    output = _refusal(_run("dti-round", "dong"))
    assert "không có lệnh «dong»" in output
    assert "open" in output


def test_a_missing_required_option_is_named() -> None:
    assert "thiếu --year" in _refusal(_run("dti-round", "open"))


def test_a_value_outside_a_choice_lists_the_choices() -> None:
    assert "--locale: chỉ nhận một trong: vi, en" in _refusal(_run("score", "--locale", "fr"))


def test_a_day_that_does_not_exist_is_refused_with_the_option_and_the_text() -> None:
    output = _refusal(_run("tasks", "--on", "31/02/2026"))
    assert "--on: «31/02/2026» không phải ngày hợp lệ" in output


def test_a_refusal_says_where_the_help_is() -> None:
    assert "Xem hướng dẫn: " in _refusal(_run("score", "--khong-co"))
    assert "score --help" in _run("score", "--khong-co").output


def test_a_domain_refusal_of_a_command_is_a_vietnamese_error_too() -> None:
    assert "cần --values FILE.csv, hoặc --unit và --period" in _refusal(_run("score"))


@pytest.mark.parametrize("text", ["25/11/2024", "2024-11-25", " 25/11/2024 "])
def test_the_date_type_reads_a_day_written_either_way(text: str) -> None:
    assert DATE.convert(text, None, None) == datetime.date(2024, 11, 25)


@pytest.mark.parametrize("text", ["11/25/2024", "25-11-2024", "hôm nay", "2024-13-01"])
def test_the_date_type_refuses_other_writings(text: str) -> None:
    with pytest.raises(click.BadParameter, match="không phải ngày hợp lệ"):
        DATE.convert(text, None, None)


def test_day_counts_are_read_as_whole_numbers() -> None:
    assert DAY_COUNTS.convert("0, 3,7", None, None) == (0, 3, 7)


@pytest.mark.parametrize(("text", "message"), [("3,-1", "không được âm"), ("3,một", "số nguyên")])
def test_day_counts_refuse_negative_or_non_numbers(text: str, message: str) -> None:
    with pytest.raises(click.BadParameter, match=message):
        DAY_COUNTS.convert(text, None, None)


def test_every_area_module_has_its_commands_registered() -> None:
    registered = set(cli.main.commands.values())
    for area in cli.AREA_COMMANDS:
        assert set(area.COMMANDS) <= registered, area.__name__
