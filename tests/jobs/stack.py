"""The production layout of background jobs, for the tests that need real processes: one
database holding a synthetic 130-unit province (SQLite file, or a PostgreSQL database when the
run's DATABASE_URL names PostgreSQL), a Celery worker on Redis, and gunicorn app servers that can
be killed and started again. Built once per test session (the province takes ~20 s)."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("CHISO_TEST_BROKER_URL", "redis://127.0.0.1:6379/14")
OFFICE, PASSWORD = "vanphong", "Mat-khau-2026!"
PROVINCE = "synth-tinh-01"
# The smallest synthetic country with 130 units in its one province: 110 communes, 19
# departments and the province itself, one year of figures.
SYNTH = ["--provinces", "1", "--communes", "110", "--departments", "19", "--years", "1"]
CACHE = Path(tempfile.gettempdir()) / "chiso-test-cong-viec"
TEMPLATE_PREFIX = "chiso_jobs_mau_"
POLL = 0.1  # seconds between two looks at a process or a row; no test waits a fixed time


def redis_unreachable() -> str:
    if not BROKER.startswith("redis"):
        return ""  # another broker (RabbitMQ): the worker's start says if it is there
    import redis

    try:
        redis.Redis.from_url(BROKER, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        return f"Redis không trả lời tại {BROKER} ({error}): bỏ qua phép thử với Celery worker thật"
    return ""


def _postgres_admin() -> str | None:
    url = os.environ.get("DATABASE_URL", "")
    return url.rsplit("/", 1)[0] + "/postgres" if url.startswith(("postgres://", "postgresql://")) else None


def _digest() -> str:
    sources = sorted((ROOT / "src" / "chiso").glob("*/migrations/*.py"))
    sources += sorted((ROOT / "src" / "chiso" / "synth").glob("*.py")) + [Path(__file__)]
    digest = hashlib.sha256()
    for path in sources:
        digest.update(path.relative_to(ROOT).as_posix().encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _copy_postgres(admin: str, name: str, template: str) -> None:
    import psycopg

    _sql(admin, f'DROP DATABASE IF EXISTS "{name}"')
    for attempt in range(50):
        try:
            _sql(admin, f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
            return
        except psycopg.Error:  # "source database is being accessed by other users"
            if attempt == 49:
                raise
            time.sleep(POLL)  # another worker is copying the same template: try again


def _sql(url: str, statement: str) -> list[tuple]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        cursor = connection.execute(statement)
        return cursor.fetchall() if cursor.description else []


@dataclass
class Stack:
    folder: Path
    queue: str = field(default_factory=lambda: f"chiso-test-{uuid.uuid4().hex[:12]}")
    database_url: str = ""
    worker: subprocess.Popen | None = None

    # --- the database ----------------------------------------------------------------------

    def build(self) -> None:
        """The province's database, copied from a template kept between runs (a SQLite file in
        the temporary folder, a PostgreSQL template database) named by a digest of what makes it:
        the migrations, the generator and this file. A run after a change builds it again."""
        admin = _postgres_admin()
        if admin:
            template, name = self._template_postgres(admin), f"chiso_jobs_test_{os.getpid()}"
            _copy_postgres(admin, name, template)
            self.database_url = admin.rsplit("/", 1)[0] + "/" + name
        else:
            template, target = self._template_sqlite(), self.folder / "chiso.sqlite3"
            shutil.copyfile(template, target)
            self.database_url = f"sqlite:///{target}"

    def _template_sqlite(self) -> Path:
        CACHE.mkdir(parents=True, exist_ok=True)
        template = CACHE / f"{_digest()}.sqlite3"
        if not template.exists():
            building = self.folder / "dang-tao.sqlite3"
            self._fill(f"sqlite:///{building}")
            shutil.copyfile(building, f"{template}.{os.getpid()}")
            os.replace(f"{template}.{os.getpid()}", template)  # whole or not at all, beside other workers
            for old in CACHE.glob("*.sqlite3"):
                if old != template:
                    old.unlink(missing_ok=True)
        return template

    def _template_postgres(self, admin: str) -> str:
        import psycopg

        name = f"{TEMPLATE_PREFIX}{_digest()}"
        if _sql(admin, f"SELECT 1 FROM pg_database WHERE datname = '{name}'"):
            return name
        building = f"{name}_tao_{os.getpid()}"
        _sql(admin, f'DROP DATABASE IF EXISTS "{building}"')
        _sql(admin, f'CREATE DATABASE "{building}"')
        self._fill(admin.rsplit("/", 1)[0] + "/" + building)
        try:  # another worker may have finished the same template first: keep theirs
            _sql(admin, f'ALTER DATABASE "{building}" RENAME TO "{name}"')
        except psycopg.Error:  # "already exists"
            _sql(admin, f'DROP DATABASE IF EXISTS "{building}"')
        for (old,) in _sql(admin, f"SELECT datname FROM pg_database WHERE datname LIKE '{TEMPLATE_PREFIX}%'"):
            if old != name and "_tao_" not in old:
                _sql(admin, f'DROP DATABASE IF EXISTS "{old}"')
        return name

    def _fill(self, database_url: str) -> None:
        self.database_url = database_url
        self.run("-m", "chiso", "synth", *SYNTH)
        self.run(
            "-m",
            "django",
            "shell",
            "-c",
            "from django.contrib.auth.models import User; from chiso.accounts.models import Grant, Role; "
            "from chiso.orgunits.models import OrgUnit; "
            f"u = User.objects.create_user('{OFFICE}', password='{PASSWORD}', first_name='Văn phòng'); "
            f"Grant.objects.create(user=u, unit=OrgUnit.objects.get(code='{PROVINCE}'), role=Role.ADMIN)",
        )

    def drop(self) -> None:
        admin = _postgres_admin()
        if admin and self.database_url.startswith("postgres"):
            _sql(admin, f'DROP DATABASE IF EXISTS "{self.database_url.rsplit("/", 1)[1]}" WITH (FORCE)')

    def job_row(self, pk: int) -> dict:
        """The job's row read straight from the database (the web server may be down)."""
        columns = ["state", "progress", "attempts", "runner", "error"]
        query = f"SELECT {', '.join(columns)} FROM jobs_job WHERE id = {int(pk)}"
        if self.database_url.startswith("sqlite"):
            with sqlite3.connect(self.database_url.removeprefix("sqlite:///")) as connection:
                row = connection.execute(query).fetchone()
        else:
            row = _sql(self.database_url, query)[0]
        return dict(zip(columns, row, strict=True))

    # --- processes -------------------------------------------------------------------------

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("CHISO_", "DATABASE_URL", "REDIS_URL"))}
        env.update(
            DJANGO_SETTINGS_MODULE="chiso.settings",
            DATABASE_URL=self.database_url,
            CHISO_DATA_DIR=str(self.folder),  # the files: one folder, the default storage of both
            CELERY_BROKER_URL=BROKER,
            CHISO_JOB_QUEUE=self.queue,
            CHISO_EMAIL_BACKEND="memory",
            PYTHONPATH=str(ROOT),
        )
        return env

    def run(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, *args], cwd=ROOT, env=self.environment(), check=True, capture_output=True, text=True
        )

    def start_worker(self) -> None:
        log = self.folder / "worker.log"
        command = [
            str(Path(sys.executable).with_name("celery")),
            "-A",
            "chiso.jobs",
            "worker",
            "--pool",
            "solo",
            "--queues",
            self.queue,
            "--hostname",
            f"{self.queue}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "--loglevel",
            "INFO",
        ]
        with log.open("wb") as out:
            self.worker = subprocess.Popen(command, cwd=ROOT, env=self.environment(), stdout=out, stderr=out)
        until(lambda: "ready." in self.worker_log(), f"the worker to be ready: {log}", process=self.worker, limit=60)

    def worker_log(self) -> str:
        return (self.folder / "worker.log").read_text(errors="replace")

    def stop_worker(self) -> None:
        if self.worker is not None:
            stop(self.worker)
        if BROKER.startswith("redis"):  # RabbitMQ's queue is the broker's own to keep or drop
            import redis

            redis.Redis.from_url(BROKER).delete(self.queue)

    def start_web(self, port: int) -> subprocess.Popen:
        """gunicorn in its own process group, so a kill takes its worker process too."""
        log = self.folder / f"gunicorn-{port}.log"
        command = [
            str(Path(sys.executable).with_name("gunicorn")),
            "chiso.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ]
        with log.open("ab") as out:
            process = subprocess.Popen(
                command, cwd=ROOT, env=self.environment(), stdout=out, stderr=out, start_new_session=True
            )
        until(lambda: port_open(port), f"gunicorn on port {port}: {log}", process=process, limit=60)
        return process


def kill_web(process: subprocess.Popen) -> None:
    """The web server dies at once, as in a crash or a `kill -9` of its process group."""
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def until(condition, what: str, *, process: subprocess.Popen | None = None, limit: float = 120) -> None:
    """Poll ``condition`` until it holds; fail naming ``what`` if ``process`` ends or after
    ``limit`` seconds (a generous ceiling for a stuck process, not a timing assertion)."""
    deadline = time.monotonic() + limit
    while not condition():
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process ended while waiting for {what}")
        if time.monotonic() > deadline:
            raise TimeoutError(f"still waiting for {what}")
        time.sleep(POLL)
