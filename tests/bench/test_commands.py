"""Each `chiso bench` command at a tiny scale prints the machine and its table (never timed)."""

import os
import re
import shutil
import subprocess
import sys

import pytest
from click.testing import CliRunner
from django.db import connection

from chiso.cli import main
from chiso.observations.models import DataValue, UnitScore
from chiso.observations.stored_scores import check

TINY = ["--provinces", "2", "--communes", "6", "--departments", "2", "--years", "2"]
# The commands run in their own processes on SQLite files whatever the suite's database: the
# PostgreSQL run of the suite would only run them again as they are (as tests/backup does).
on_sqlite_files = pytest.mark.skipif(
    bool(os.environ.get("DATABASE_URL")),
    reason="runs its own throwaway SQLite databases in subprocesses; engine-independent",
)


@pytest.fixture
def country(synth_country, db):
    """A tiny synthetic country (2 provinces, 4 communes, 2 departments, 2 years; tests/bench/conftest.py)."""


def chiso(*args: str, database, timeout: int = 240) -> str:
    """Run the CLI in its own process on its own SQLite file or PostgreSQL database (never the
    suite's database)."""
    url = str(database) if str(database).startswith("postgres") else f"sqlite:///{database}"
    env = dict(os.environ, DATABASE_URL=url)
    done = subprocess.run(
        [sys.executable, "-m", "chiso", *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def counted(out: str, what: str) -> int:
    """The figure of the table's row ``what`` (a count, Vietnamese grouping)."""
    found = re.search(rf"^\| {re.escape(what)} \| ([\d.]+) ", out, re.MULTILINE)
    assert found, f"no row «{what}» in:\n{out}"
    return int(found.group(1).replace(".", ""))


@pytest.fixture(scope="module")
def served_country(migrated_folder, tmp_path_factory):
    """`chiso synth` of a tiny country into a copy of the database `chiso migrate` made."""
    database = tmp_path_factory.mktemp("bench") / "bench.sqlite3"
    shutil.copyfile(migrated_folder / "chiso.sqlite3", database)
    chiso("synth", *TINY, database=database)
    return database


def test_bench_score_prints_the_ratio_and_that_both_paths_agree(country):
    result = CliRunner().invoke(main, ["bench", "score", "--sample", "3", "--years", "2", "--approvals", "20"])
    assert result.exit_code == 0, result.output
    assert "- CPU:" in result.output
    assert "| Tỷ lệ nhanh hơn (ngoại suy / theo tập) |" in result.output
    assert "khớp với cách theo tập ở mọi đơn vị mẫu" in result.output


def test_bench_score_approvals_rewrite_only_the_approved_units_and_put_the_values_back(country):
    values = sorted(DataValue.objects.values_list("pk", "raw"))
    result = CliRunner().invoke(main, ["bench", "score", "--sample", "3", "--years", "2", "--approvals", "20"])
    assert result.exit_code == 0, result.output
    assert "| Như trên: p95 |" in result.output
    assert "ghi lại điểm của đơn vị được duyệt và không dòng nào khác" in result.output
    assert sorted(DataValue.objects.values_list("pk", "raw")) == values
    assert UnitScore.objects.exists()
    assert check() == []


def test_bench_score_without_synthetic_data_says_to_run_synth(db):
    result = CliRunner().invoke(main, ["bench", "score"])
    assert result.exit_code == 2
    assert "chạy «chiso synth» trước" in result.output


def test_bench_import_counts_every_imported_value_and_removes_them(country):
    from chiso.observations.models import DataValue

    before = DataValue.objects.count()
    result = CliRunner().invoke(main, ["bench", "import", "--values", "3000"])
    assert result.exit_code == 0, result.output
    assert "Đã kiểm đếm trong CSDL: 3.000 giá trị — đủ." in result.output
    assert f"Bảng giá trị đã có {before:,} dòng trước khi nhập.".replace(",", ".") in result.output
    if connection.vendor == "postgresql":
        assert "Khoá ngoại (bộ số liệu, chỉ tiêu, đơn vị): kiểm một lần cho mỗi mã" in result.output
    assert DataValue.objects.count() == before


@on_sqlite_files
def test_bench_report_times_the_periodic_report(tmp_path):
    out = chiso("bench", "report", "--units", "12", database=tmp_path / "unused.sqlite3")
    assert "| BÁO CÁO ĐỊNH KỲ (tổng hợp + .docx) |" in out


@on_sqlite_files
def test_bench_load_loses_no_acknowledged_save(served_country):
    out = chiso(
        "bench",
        "load",
        "--reporters",
        "3",
        "--duration",
        "3",
        "--ramp",
        "0.5",
        "--think",
        "0.1-0.2",
        "--workers",
        "1",
        database=served_country,
    )
    assert counted(out, "giá trị đã lưu được xác nhận") > 0  # saves were made, none lost
    assert "| giá trị đã xác nhận nhưng không có trong CSDL | 0  | < 1  | đạt |" in out
    assert "| lỗi | 0  | < 1  | đạt |" in out
    assert "| đăng nhập: lỗi | 0  | < 1  | đạt |" in out


@on_sqlite_files
def test_bench_overview_serves_every_viewer(served_country):
    out = chiso(
        "bench",
        "overview",
        "--viewers",
        "2",
        "--duration",
        "2",
        "--ramp",
        "0.5",
        "--think",
        "0.2-0.5",
        "--workers",
        "1",
        database=served_country,
    )
    assert "| độ trễ p95 |" in out
    assert counted(out, "yêu cầu HTTP") > 0  # the overview was served, without an error
    assert "| lỗi | 0  | < 1  | đạt |" in out


@on_sqlite_files
def test_bench_api_values_reads_every_kind_of_page_and_its_memory(served_country):
    out = chiso("bench", "api-values", "--requests", "2", "--limit", "50", database=served_country)
    for kind in ("trang đầu", "trang sâu", "một đơn vị", "một kỳ"):
        assert f"| {kind}" in out
    assert "50 dòng, p50" in out
    assert ": bộ nhớ đỉnh mỗi yêu cầu |" in out
    assert "| lỗi | 0  | < 1  | đạt |" in out


@pytest.fixture(scope="module")
def postgres_country(tmp_path_factory):
    """A tiny synthetic country in a PostgreSQL database of its own (two app servers cannot
    share a SQLite file), a copy of the migrated template database, dropped afterwards."""
    from tests.deployment.servers import _copy, _run_sql, database_url, migrated_template, postgres_unreachable

    why = postgres_unreachable()
    if why:
        pytest.skip(why)
    name = f"chiso_test_bench_hai_may_{os.getpid()}"
    _run_sql(f'DROP DATABASE IF EXISTS "{name}"')
    _copy(migrated_template(tmp_path_factory.mktemp("mau")), name)
    try:
        chiso("synth", *TINY, database=database_url(name))
        yield database_url(name)
    finally:
        _run_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_bench_load_on_two_servers_with_redis_loses_no_acknowledged_save(postgres_country, redis_url):
    out = chiso(
        "bench",
        "load",
        "--reporters",
        "4",
        "--duration",
        "3",
        "--ramp",
        "0.5",
        "--think",
        "0.1-0.2",
        "--workers",
        "1",
        "--servers",
        "2",
        "--redis",
        redis_url,
        database=postgres_country,
    )
    assert "2 máy chủ ứng dụng, mỗi máy gunicorn 1 tiến trình (sync)" in out
    assert "Redis dùng chung" in out
    assert counted(out, "giá trị đã lưu được xác nhận") > 0
    assert "| giá trị đã xác nhận nhưng không có trong CSDL | 0  | < 1  | đạt |" in out
    assert "| lỗi | 0  | < 1  | đạt |" in out
    assert "| đăng nhập: lỗi | 0  | < 1  | đạt |" in out


@on_sqlite_files
def test_bench_load_refuses_two_servers_on_sqlite(served_country):
    env = dict(os.environ, DATABASE_URL=f"sqlite:///{served_country}")
    done = subprocess.run(
        [sys.executable, "-m", "chiso", "bench", "load", "--servers", "2"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "--servers lớn hơn 1 cần CSDL PostgreSQL" in done.stderr
