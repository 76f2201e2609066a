"""Two chiso app servers (gunicorn, as in production) on one PostgreSQL database and one Redis.

The database is copied from a template that is built once (migrations and `province.build`) and
kept on the PostgreSQL server under a name holding a digest of the migrations and of
province.py, so a later run, on this machine or an xdist worker beside it, only copies it (well
under a second) instead of migrating again. That template is itself made from another, the
migrated empty database (`migrated_template`, named by a digest of the migrations alone), which
other tests needing a migrated PostgreSQL database copy too.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.jobs.stack import free_port, port_open, until

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_PREFIX = "chiso_test_hai_may_"
MIGRATED_PREFIX = "chiso_test_da_migrate_"
SECRET = "chiso-test-two-servers-secret-key-not-for-production-0123456789"


def admin_url() -> str:
    """The PostgreSQL server of the tests: DATABASE_URL's when it names one, else the local one."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url.rsplit("/", 1)[0] + "/postgres"
    return "postgresql://postgres@127.0.0.1:5432/postgres"


def database_url(name: str) -> str:
    return admin_url().rsplit("/", 1)[0] + "/" + name


def postgres_unreachable() -> str:
    import psycopg

    try:
        psycopg.connect(admin_url(), connect_timeout=2).close()
    except psycopg.Error as error:
        return f"PostgreSQL không trả lời tại {admin_url()} ({error}); phép thử hai máy chủ ứng dụng bị bỏ qua"
    return ""


def _digest(*extra: Path) -> str:
    parts = sorted((ROOT / "src" / "chiso").glob("*/migrations/*.py")) + list(extra)
    digest = hashlib.sha256()
    for path in parts:
        digest.update(path.relative_to(ROOT).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _run_sql(*statements: str, database: str = "") -> list[tuple]:
    import psycopg

    with psycopg.connect(database_url(database) if database else admin_url(), autocommit=True) as connection:
        rows: list[tuple] = []
        for statement in statements:
            cursor = connection.execute(statement)
            rows = cursor.fetchall() if cursor.description else []
        return rows


def _exists(name: str) -> bool:
    return bool(_run_sql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'"))


def _environment(database: str, data_dir: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CHISO_", "DATABASE_URL", "REDIS_URL"))}
    env.update(
        DJANGO_SETTINGS_MODULE="chiso.settings",
        DATABASE_URL=database_url(database),
        CHISO_DATA_DIR=str(data_dir),
        CHISO_DEBUG="false",
        CHISO_SECRET_KEY=SECRET,
        CHISO_ALLOWED_HOSTS="127.0.0.1,localhost",
        CHISO_SSL_REDIRECT="false",
        CHISO_SECURE_COOKIES="false",
        CHISO_HSTS_SECONDS="0",
        CHISO_EMAIL_BACKEND="memory",
        PYTHONPATH=str(ROOT),
        **extra,
    )
    return env


def _kept(name: str, prefix: str, fill) -> str:
    """The template database ``name``, made by ``fill(database being built)`` from a new database
    if missing; older templates of the same ``prefix`` are dropped."""
    import psycopg

    if _exists(name):
        return name
    building = f"{name}_dang_tao_{os.getpid()}"
    _run_sql(f'DROP DATABASE IF EXISTS "{building}"')
    fill(building)
    try:
        _run_sql(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
    except psycopg.errors.DuplicateDatabase:  # another worker finished it first: keep theirs
        _run_sql(f'DROP DATABASE IF EXISTS "{building}"')
    # Templates of earlier migrations are of no further use.
    for (old,) in _run_sql(f"SELECT datname FROM pg_database WHERE datname LIKE '{prefix}%'"):
        if old != name and "_dang_tao_" not in old:
            _run_sql(f'DROP DATABASE IF EXISTS "{old}"')
    return name


def _copy(source: str, name: str) -> None:
    """CREATE DATABASE ``name`` from the template ``source``, retried while another worker is
    connected to the template (PostgreSQL refuses a copy then)."""
    import psycopg

    for attempt in range(50):
        try:
            _run_sql(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
            return
        except psycopg.errors.ObjectInUse:
            if attempt == 49:
                raise
            time.sleep(0.1)


def migrated_template(work: Path) -> str:
    """A template database holding only what `django migrate` makes, built if missing."""

    def fill(building: str) -> None:
        _run_sql(f'CREATE DATABASE "{building}"')
        env = _environment(building, work / "tao-mau-migrate")
        subprocess.run(
            [sys.executable, "-m", "django", "migrate", "-v0"], cwd=ROOT, env=env, check=True, capture_output=True
        )

    return _kept(MIGRATED_PREFIX + _digest(), MIGRATED_PREFIX, fill)


def template(work: Path) -> str:
    """The template database for this code's migrations and province, built if missing."""

    def fill(building: str) -> None:
        _copy(migrated_template(work), building)
        env = _environment(building, work / "tao-mau")
        subprocess.run(
            [sys.executable, "-m", "tests.deployment.province"], cwd=ROOT, env=env, check=True, capture_output=True
        )

    return _kept(TEMPLATE_PREFIX + _digest(Path(__file__).with_name("province.py")), TEMPLATE_PREFIX, fill)


@contextmanager
def database_copy(work: Path) -> Iterator[str]:
    """A fresh copy of the template, dropped afterwards; yields its name."""
    name = f"chiso_test_hai_may_chay_{os.getpid()}"
    source = template(work)
    _run_sql(f'DROP DATABASE IF EXISTS "{name}"')
    _copy(source, name)
    try:
        yield name
    finally:
        _run_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def submitted_report(database: str) -> int:
    """The id of the province's one report waiting for approval."""
    return _run_sql("SELECT id FROM collection_submission WHERE status = 'submitted'", database=database)[0][0]


def draft_value(database: str) -> tuple[int, int, int, str]:
    """The draft report's id, its value's id and version, and the value's evidence file name."""
    rows = _run_sql(
        "SELECT s.id, v.id, v.version, v.evidence_file FROM collection_submission s "
        "JOIN collection_enteredvalue v ON v.submission_id = s.id WHERE s.status = 'draft'",
        database=database,
    )
    return rows[0]


@contextmanager
def own_keys_removed(redis_url: str, database: str) -> Iterator[None]:
    """The Redis keys of app servers on ``database`` (their cache prefix) removed before and
    after: a FLUSHDB would also sign out the servers of another xdist worker."""
    import dj_database_url
    import redis

    from chiso.settings import cache_key_prefix

    client = redis.Redis.from_url(redis_url)
    pattern = cache_key_prefix(dj_database_url.parse(database_url(database))) + ":*"

    def remove() -> None:
        for key in client.scan_iter(pattern):
            client.delete(key)

    remove()
    try:
        yield
    finally:
        remove()


@dataclass
class AppServer:
    url: str
    process: subprocess.Popen
    log: Path


def _wait_for_port(server: AppServer, port: int) -> None:
    """Poll the port until the server accepts connections (gunicorn binds before it loads chiso;
    the first request then waits for the worker)."""
    try:
        until(lambda: port_open(port), f"gunicorn on port {port}", process=server.process, limit=60)
    except (RuntimeError, TimeoutError) as error:
        raise RuntimeError(f"{error}: {server.log.read_text(errors='replace')[-3000:]}") from None


@contextmanager
def app_servers(count: int, database: str, redis_url: str, work: Path, **settings: str) -> Iterator[list[AppServer]]:
    """``count`` gunicorn servers, each with its own data folder (nothing shared but the database
    and Redis), stopped afterwards."""
    servers = []
    try:
        for n in range(count):
            port = free_port()
            folder = work / f"may-{n + 1}"
            folder.mkdir(parents=True, exist_ok=True)
            log = folder / "gunicorn.log"
            command = [
                str(Path(sys.executable).with_name("gunicorn")),
                "chiso.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--timeout",
                "60",
            ]
            with log.open("wb") as out:
                process = subprocess.Popen(
                    command,
                    cwd=ROOT,
                    env=_environment(database, folder, REDIS_URL=redis_url, **settings),
                    stdout=out,
                    stderr=subprocess.STDOUT,
                )
            servers.append((AppServer(f"http://127.0.0.1:{port}", process, log), port))
        for server, port in servers:
            _wait_for_port(server, port)
        yield [server for server, _ in servers]
    finally:
        for server, _ in servers:
            server.process.send_signal(signal.SIGINT)  # gunicorn's quick shutdown
        for server, _ in servers:
            try:
                server.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.process.kill()
