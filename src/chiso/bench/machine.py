"""A description of the machine a benchmark ran on, printed above every table."""

from __future__ import annotations

import os
import platform
import time
from pathlib import Path

from chiso.engine.numbers import format_number


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gib() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{format_number(round(int(line.split()[1]) / 1024 / 1024, 1))} GiB"
    except OSError:
        pass
    return "?"


def database_description() -> str:
    """The engine and server version of Django's default database."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]} ({connection.settings_dict['NAME']})"
    if connection.vendor == "sqlite":
        import sqlite3

        return f"SQLite {sqlite3.sqlite_version}"
    return connection.vendor


def python_speed_ms(loops: int = 1_000_000, repeats: int = 5) -> float:
    """Milliseconds this machine's Python takes for ``loops`` additions (the best of ``repeats``).

    Machines of one kind differ: two 2-core machines measured 08/12/2026 differed by about twice in
    pure Python. Printed beside every table, it tells whether two tables came from equally fast
    machines before their figures are compared."""
    best = float("inf")
    for _ in range(repeats):
        start, total = time.perf_counter(), 0
        for k in range(loops):
            total += k
        best = min(best, time.perf_counter() - start)
    return best * 1000


def describe() -> list[tuple[str, str]]:
    """(label, value) lines: CPU, cores, RAM, OS, Python and its speed, database."""
    return [
        ("CPU", _cpu_model()),
        ("Số lõi", str(os.cpu_count())),
        ("RAM", _ram_gib()),
        ("Hệ điều hành", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("Tốc độ Python (1 triệu phép cộng, càng nhỏ càng nhanh)", f"{format_number(round(python_speed_ms(), 1))} ms"),
        ("CSDL", database_description()),
    ]
