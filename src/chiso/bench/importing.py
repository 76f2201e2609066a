"""`chiso bench import`: write a CSV of N monthly values for the database's units, import it
with :mod:`chiso.observations.bulk_import`, count what arrived, then remove it again."""

from __future__ import annotations

import csv
import os
import random
import tempfile
import time
from pathlib import Path

from chiso.bench.table import Row
from chiso.synth.generator import DE_AN
from chiso.synth.values import decimal_text


def write_file(path: Path, count: int, seed: int = 1) -> list[str]:
    """``count`` rows over every unit and Đề án indicator, month after month from 2030-01."""
    from chiso.frameworks.models import Indicator
    from chiso.orgunits.models import OrgUnit

    units = list(OrgUnit.objects.order_by("code").values_list("code", flat=True))
    codes = list(Indicator.objects.filter(framework__code=DE_AN).order_by("position").values_list("code", flat=True))
    if not units or not codes:
        raise LookupError("CSDL chưa có đơn vị hay khung Đề án: chạy «chiso synth» trước")
    rng, periods, written = random.Random(seed), [], 0
    with path.open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["unit", "indicator", "period", "value"])
        month = 0
        while written < count:
            period = f"{2030 + month // 12}-{month % 12 + 1:02d}"
            periods.append(period)
            for unit in units:
                for code in codes:
                    if written == count:
                        break
                    out.writerow([unit, code, period, decimal_text(rng.uniform(20, 100), "vi") + "%"])
                    written += 1
            month += 1
    return periods


def run(count: int) -> tuple[list[Row], list[str]]:
    from chiso.observations.bulk_import import read_rows, write_rows
    from chiso.observations.models import Dataset, DataValue

    folder = Path(tempfile.mkdtemp(prefix="chiso-bench-import-"))
    path = folder / "values.csv"
    write_file(path, count)
    dataset = Dataset.objects.create(code=f"bench-import-{int(time.time())}", title="Đo nhập hàng loạt")
    already = DataValue.objects.count()
    server = _server_process()
    try:
        load, server_cpu = os.getloadavg()[0], _server_cpu(server)
        start, cpu = time.perf_counter(), time.process_time()
        rows = read_rows(path, DE_AN, dataset.pk, "reported", "vi")
        read = time.perf_counter() - start
        write_rows(rows)
        total, cpu = time.perf_counter() - start, time.process_time() - cpu
        server_cpu = _server_cpu(server) - server_cpu
        load = max(load, os.getloadavg()[0])
        stored = DataValue.objects.filter(dataset=dataset).count()
    finally:
        _remove(dataset)
        path.unlink(missing_ok=True)
        folder.rmdir()
    table = [
        Row("đọc, kiểm tra CSV (mã đơn vị, chỉ tiêu, số)", read, "giây"),
        Row("ghi vào CSDL (một giao dịch)", total - read, "giây"),
        Row(f"NHẬP {count:,} GIÁ TRỊ (tổng)".replace(",", "."), total, "giây", 10),
        Row("tốc độ", count / total, "giá trị/giây"),
        Row("thời gian CPU của tiến trình nhập (đọc, kiểm tra, soạn dữ liệu ghi)", cpu, "giây"),
    ]
    if server_cpu:
        table.append(Row("thời gian CPU của tiến trình PostgreSQL phục vụ phiên nhập", server_cpu, "giây"))
    table.append(Row("tải trung bình 1 phút của máy (lúc bắt đầu hoặc kết thúc, số lớn hơn)", load, ""))
    notes = [
        f"Đã kiểm đếm trong CSDL: {stored:,} giá trị".replace(",", ".")
        + (" — đủ." if stored == count else f" — THIẾU {count - stored}."),
    ]
    notes.append(f"Bảng giá trị đã có {already:,} dòng trước khi nhập.".replace(",", "."))
    notes.append(
        f"Bảng giá trị có {index_count()} chỉ mục (kể cả khoá chính), mỗi dòng nhập vào cập nhật từng chỉ mục."
    )
    if rows.keys_per_set is not None:
        notes.append(
            "Khoá ngoại (bộ số liệu, chỉ tiêu, đơn vị): "
            + ("kiểm một lần cho mỗi mã, khoá FOR KEY SHARE." if rows.keys_per_set else "kiểm từng dòng khi commit.")
        )
    return table, notes


def index_count() -> int:
    """The indexes of the values' table (primary key and unique constraints included): what a
    bulk import maintains beside the rows themselves."""
    from django.db import connection

    from chiso.observations.models import DataValue

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, DataValue._meta.db_table)
    return sum(
        1 for c in constraints.values() if (c["index"] or c["unique"] or c["primary_key"]) and not c["foreign_key"]
    )


def _remove(dataset) -> None:
    """Delete the imported values in one statement (Django's delete() first reads every id to look
    for roll-ups: 93 s for 1,000,000 rows; none point at these rows, and the database refuses
    the delete if any did), then vacuum: not timed."""
    from django.db import connection, transaction

    from chiso.observations.models import DataValue

    table = DataValue._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE dataset_id = %s", [dataset.pk])
    dataset.delete()
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # The next run should find the table as this one did, not with a million dead rows.
        with connection.cursor() as cursor:
            cursor.execute(f"VACUUM ANALYZE {table}")


def _server_process() -> int | None:
    """The PostgreSQL backend serving this connection, when it runs on this machine (None on SQLite)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _server_cpu(pid: int | None) -> float:
    """User + system CPU seconds the backend has used so far; 0 when it cannot be read here."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError, TypeError):
        return 0.0
    # utime and stime are fields 14 and 15 of /proc/<pid>/stat; the text after «)» starts at field 3.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
