"""The production server for the load benchmarks: gunicorn on 127.0.0.1 with production settings."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager


def default_workers() -> int:
    """gunicorn's rule of thumb, (2 × cores) + 1 sync workers: some wait on the database while
    the others use the CPUs."""
    return 2 * (os.cpu_count() or 1) + 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def production_env(static_root: str) -> dict[str, str]:
    """DEBUG off and production settings, but plain HTTP on loopback (no TLS in the bench)."""
    env = dict(os.environ)
    env.update(
        {
            "CHISO_DEBUG": "false",
            "CHISO_SECRET_KEY": secrets.token_urlsafe(50),
            "CHISO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "CHISO_SECURE_COOKIES": "false",
            "CHISO_SSL_REDIRECT": "false",
            "CHISO_HSTS_SECONDS": "0",
            "CHISO_STATIC_ROOT": static_root,
            "CHISO_DB_CONN_MAX_AGE": "60",
        }
    )
    return env


@contextmanager
def gunicorn(workers: int, log_path: str):
    """Collect static files, start gunicorn, wait until it answers; stop it afterwards."""
    with gunicorns(1, workers, log_path) as ports:
        yield ports[0]


@contextmanager
def gunicorns(count: int, workers: int, log_path: str, redis_url: str = ""):
    """``count`` gunicorn servers on their own ports, sharing the database and, when
    ``redis_url`` is given, Redis (sessions, cache, throttles): the multi-server layout of
    docs/deployment.md on one machine. Each logs to ``log_path`` with its number appended
    after the first; yields the ports."""
    static_root = tempfile.mkdtemp(prefix="chiso-static-")
    env = production_env(static_root)
    if redis_url:
        env["REDIS_URL"] = redis_url
    subprocess.run(
        [sys.executable, "-m", "django", "collectstatic", "--noinput", "-v0"],
        env=env | {"DJANGO_SETTINGS_MODULE": "chiso.settings"},
        check=True,
    )
    started: list[tuple[int, subprocess.Popen]] = []
    try:
        for n in range(count):
            port = free_port()
            with open(log_path if n == 0 else f"{log_path}.{n + 1}", "w") as log:
                started.append((port, _start(port, workers, env, log)))
        for port, process in started:
            _wait(port, process)
        yield [port for port, _ in started]
    finally:
        for _, process in started:
            process.terminate()  # graceful: workers finish the requests in hand
        for _, process in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(static_root, ignore_errors=True)


def _start(port: int, workers: int, env: dict[str, str], log) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "chiso.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--backlog",
            "2048",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def _wait(port: int, process, seconds: float = 60) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if process.poll() is not None:
            raise RuntimeError("gunicorn dừng ngay khi khởi động; xem nhật ký")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/tai-khoan/dang-nhap/", timeout=5)
            return
        except OSError:
            time.sleep(0.05)  # a refused connection costs nothing: answer as soon as it is up
    raise RuntimeError("gunicorn không trả lời sau 60 giây")
