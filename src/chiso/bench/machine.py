"""A description of the machine a benchmark ran on, printed above every table."""

from __future__ import annotations

import os
import platform
from pathlib import Path


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
                return f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
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


def describe() -> list[tuple[str, str]]:
    """(label, value) lines: CPU, cores, RAM, OS, Python, database."""
    return [
        ("CPU", _cpu_model()),
        ("Số lõi", str(os.cpu_count())),
        ("RAM", _ram_gib()),
        ("Hệ điều hành", f"{platform.system()} {platform.release()}"),
        ("Python", platform.python_version()),
        ("CSDL", database_description()),
    ]
